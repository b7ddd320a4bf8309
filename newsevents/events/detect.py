"""Find event predicates in a parsed sentence and their role fillers.

A predicate is a verb (with its particle and object when the lexicon needs
them: "fired missiles at" vs "fired the minister"), a light-verb
construction ("held talks", "launched an attack": the noun carries the
type, the verb carries the roles), or an event noun with at least one
argument ("an earlier strike on its consulate", "accusations from the
West").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Entry, Lexicon

_OBJ_CONTROL = frozenset({"urge", "ask", "call", "force", "order", "persuade", "allow", "help",
                          "press", "encourage", "invite", "tell", "push", "pressure", "compel"})
# "X and Y signed a treaty / upgraded ties / held talks": mutual acts
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
_ASSAULT_SYMMETRIC_NOUNS = frozenset({"clash", "fighting", "war", "hostility"})


@dataclass(slots=True)
class Candidate:
    """A detected predicate before actors, status and dates are attached."""

    entry: Entry
    head: object  # the token whose clause gives status, date and place
    tokens: list = field(default_factory=list)  # tokens of the trigger text
    sources: list = field(default_factory=list)  # tokens filling the source role
    targets: list = field(default_factory=list)  # tokens filling the target role
    pairs_within: list = field(default_factory=list)  # "between A and B": reciprocal fillers
    rules: list = field(default_factory=list)
    mode: str | None = None


def _prt(tok) -> str:
    return " ".join(c.lower_ for c in tok.children if c.dep_ == "prt")


def _preps(tok) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "dative") or (c.dep_ == "prt" and any(g.dep_ == "pobj" for g in c.children)):
            pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.dep_ == "dative" and not pobjs:
                pobjs = [c]  # "gave Iran aid": the dative is the noun itself
                out.setdefault("to", []).extend(pobjs)
                continue
            out.setdefault(c.lower_, []).extend(pobjs)
    return out


# Acts whose "of" complement is what is moved, cut or given, so its own
# "with"/"from"/"to" names the recipient; for an investigation of "arms sales
# to Croatia" it would not
_OF_RECIPIENT_TYPES = frozenset({"RETREAT", "SANCTION", "COOPERATE", "SUPPORT", "AID", "CONCEDE"})


def _of_preps(noun) -> dict[str, list]:
    """Prepositional phrases of a noun's "of" complement ("withdrawal of forces from
    Panama", "suspension of air links with Serbia"): where the act's recipient often hangs."""
    out: dict[str, list] = {}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for k, v in _preps(pobj).items():
                if k != "of":
                    out.setdefault(k, []).extend(v)
    return out


def _dobj(tok):
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


# "Israel is opposed to mediation", "Vietnam is committed to opening up":
# adjectival participles whose subject holds the attitude (no by-agent)
_STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "dedicate", "determine", "resolve"})


def _passive(tok) -> bool:
    if tok.lemma_.lower() in _STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in tok.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _match_verb(tok, entries: list[Entry], dobj) -> Entry | None:
    prt = _prt(tok)
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent")}
    obj_lemmas: set[str] = set()
    for o in ([dobj] if dobj is not None else []) + [c for c in tok.children if c.dep_ == "nsubjpass"]:
        heads = [o, *(x for x in o.children if x.dep_ in ("conj", "compound"))]
        for prep in (x for x in o.children if x.dep_ == "prep" and x.lower_ == "of"):
            heads.extend(g for g in prep.children if g.dep_ == "pobj")  # "tons of food aid"
        obj_lemmas |= {t.lemma_.lower() for t in heads}
    best, best_score = None, -1
    for e in entries:
        score = 0
        if e.particle:
            words = e.particle.split()
            first = words[0]
            if prt and prt == e.particle:
                score += 3  # "called off" is the particle, "on Friday" only a preposition
            elif first == prt or (first in preps and e.kind == "verb"):
                score += 2
            elif e.source == "petrarch" and first in obj_lemmas:
                score += 2  # PETRARCH "+WAGE_WAR": the second word is the object
            else:
                continue
        if e.objects:
            if obj_lemmas & e.objects:
                score += 3  # the object decides more than a preposition that may be temporal
            else:
                continue
        if e.source == "overlay":
            score += 1
        if score > best_score:
            best, best_score = e, score
    return best


def _pattern_match(tok, patterns, sent) -> Entry | None:
    """PETRARCH patterns: words before/after the verb, in order, prefix-matched."""
    if not patterns:
        return None
    after = [t.lower_ for t in tok.doc[tok.i + 1:min(sent.end, tok.i + 12)]]
    before = [t.lower_ for t in tok.doc[max(sent.start, tok.i - 8):tok.i]]
    # a pattern's first word must start one of the 3 words next to the verb:
    # index on 3-letter prefixes so most patterns are never looked at
    keys = {w[:3] for w in after[:3]} | {w[:3] for w in before[-3:]} | {""}
    best, best_len = None, 0
    for p in (p for k in sorted(keys) for p in patterns.get(k, ())):  # sorted: reproducible ties
        n = len(p.after) + len(p.before)
        if n <= best_len:
            continue
        if _seq_in(p.after, after) and _seq_in(p.before, before, reverse=True):
            best, best_len = p, n
    return best


def _seq_in(alts_seq, words, reverse: bool = False) -> bool:
    """Pattern words in order, each within 3 tokens of the last (PETRARCH matched
    inside phrases; a loose window over the sentence matched noise)."""
    if reverse:
        words, alts_seq = words[::-1], alts_seq[::-1]
    i = 0
    for alts in alts_seq:
        limit = min(len(words), i + 3)
        while i < limit:
            w = words[i]
            i += 1
            if alts and w.startswith(alts):
                break
        else:
            return False
    return True


_DOCUMENT_NOUNS = frozenset({"declaration", "statement", "letter", "resolution", "communique",
                             "communiqué", "message", "note", "memorandum", "petition", "report"})


def _subject(tok, depth: int = 0) -> list:
    """Tokens of the grammatical source of a verb, following control and coordination."""
    if _passive(tok):
        for c in tok.children:
            if c.dep_ == "agent":
                return [g for g in c.children if g.dep_ == "pobj"]
    else:
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj", "nsubjpass"):
                if c.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                    return [tok.head]
                return [c]
    if depth > 3:
        return []
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in _DOCUMENT_NOUNS \
            and head.dep_ in ("dobj", "pobj") and head.head is not head:
        # "issued a declaration demanding …": whoever issued it demands
        return _subject(head.head if head.dep_ == "dobj" else head.head.head, depth + 1)
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children) and tok.lemma_ in ("back", "support", "arm", "fund"):
            return []
        return [head]  # "A delegation ..., departed for Iran": the noun did it
    if tok.dep_ == "relcl":
        return [head]
    if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp", "acomp") and head is not tok:
        if tok.dep_ == "xcomp" and _passive(head):
            # "He is scheduled / expected / set to travel": the passive subject acts
            subj = [c for c in head.children if c.dep_ == "nsubjpass"]
            if subj:
                return subj
        if tok.dep_ == "xcomp" and head.lemma_ in _OBJ_CONTROL:
            d = _dobj(head)
            if d is not None:
                return [d]
        if tok.dep_ == "pcomp" and head.head is not head:
            # "accused X of supplying", "stopped X from entering": the object does it
            d = _dobj(head.head)
            if d is not None:
                return [d]
            return _subject(head.head, depth + 1)
        if tok.dep_ == "ccomp":
            return []
        return _subject(head, depth + 1)
    return []


# "with Albania's help", "with US backing": who helps is no recipient
_HELP_NOUNS = frozenset({"help", "support", "assistance", "backing", "aid", "cooperation",
                         "participation", "consent", "approval", "blessing"})


def _not_helper(pobj) -> bool:
    """Can this prepositional object be a recipient? Not a helper ("with X's help")
    and not a time ("on Wednesday")."""
    return pobj.lemma_.lower() not in _HELP_NOUNS and pobj.ent_type_ not in ("DATE", "TIME")


_MUNITIONS = frozenset({"missile", "rocket", "shell", "artillery", "mortar", "bomb", "drone", "fire",
                        "gunfire", "grenade", "munition", "weapon", "salvo", "barrage", "round",
                        "projectile", "torpedo", "bullet", "shot"})


def _objects(tok, entry: Entry, dobj) -> tuple[list, list]:
    """(direct target tokens, between-tokens) for a verbal predicate."""
    targets, between = [], []
    passive = _passive(tok)
    direct = None
    if passive:
        direct = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if direct is not None and direct.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
            direct = tok.head
    elif dobj is not None and not (entry.objects and dobj.lemma_.lower() in entry.objects) \
            and not (entry.type == "ASSAULT" and dobj.lemma_.lower() in _MUNITIONS):
        direct = dobj  # ("launched artillery fire against X": the artillery is the means)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and direct is None and any(
            c.dep_ == "agent" for c in tok.children):
        direct = tok.head
    if direct is not None:
        targets.append(direct)
    preps = _preps(tok)
    if dobj is not None:
        means = entry.type == "ASSAULT" and dobj.lemma_.lower() in _MUNITIONS
        # "launched artillery, mortar and rocket fire against camps": the last conjunct's phrase
        for o in [dobj, *(c for c in dobj.children if c.dep_ == "conj")] if means else [dobj]:
            for k, v in _preps(o).items():
                preps.setdefault(k, []).extend(v)
        for c in (c for c in dobj.children if c.dep_ == "conj") if means else ():
            for g in (g for g in c.children if g.dep_ == "conj"):
                for k, v in _preps(g).items():
                    preps.setdefault(k, []).extend(v)
    for prep, pobjs in preps.items():
        if prep == "between":
            between.extend(pobjs)
        elif prep in entry.tpreps and prep not in ("by",):
            # "on Monday" names a time, never a recipient
            targets.extend(p for p in pobjs if _not_helper(p))
    if entry.type == "ACCUSE":
        # "complained to the UN over Israeli air raids": the accused is whose act
        # the complaint is about; the addressee only hears it
        about = [p for k in ("over", "about") for p in preps.get(k, ())]
        if about and (direct is None or direct.lemma_.lower() not in ("it", "them")):
            targets = [t for t in targets if t.head.lower_ not in ("to",)] + about
    if not targets and not between and direct is None and dobj is not None and not passive \
            and not (entry.type == "ASSAULT" and dobj.lemma_.lower() in _MUNITIONS):
        # "expelled two Russian diplomats", "freed Egyptian prisoners": the
        # object the pattern matched is the only party named; whose it is,
        # is the recipient (an object naming no actor resolves to nothing)
        targets.append(dobj)
    return targets, between


# "lodged a protest with Albania", "filed a protest": a formal complaint is
# verbal (PLOVER ACCUSE disapprove, CAMEO 114); PROTEST is collective action.
_COMPLAINT_LIGHT = frozenset({"lodge", "file", "issue", "deliver", "register", "send", "make"})
_FORMAL_PROTEST = Entry(kind="noun", lemma="protest", type="ACCUSE", mode="disapprove", cameo="114",
                        tpreps=frozenset({"with", "to", "against", "over"}))
# "troops arrived in Bosnia": a deployment, not a visit
_FORCE_NOUNS = frozenset({"troop", "soldier", "force", "army", "warship", "ship", "unit", "battalion",
                          "brigade", "contingent", "marine", "police", "policeman", "paratrooper"})
_PEACEKEEPING = frozenset({"peacekeeper", "peacekeeping", "monitor", "observer"})


def _military_backing(tok, entry: Entry) -> Entry:
    """'forces backed by Djiboutian soldiers': backing by troops is military aid (PLOVER AID)."""
    if entry.type != "SUPPORT" or tok.lemma_.lower() not in ("back", "support", "assist", "reinforce"):
        return entry
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is None:
        return entry
    words = {agent.lemma_.lower()} | {c.lemma_.lower() for c in agent.children if c.dep_ in ("compound", "amod")}
    for conj in (c for c in agent.children if c.dep_ == "conj"):
        words.add(conj.lemma_.lower())
    if words & (_FORCE_NOUNS | {"military", "militia", "troops", "airstrike", "aircraft", "jet"}):
        return Entry(kind="verb", lemma=entry.lemma, type="AID", mode=None, cameo="074",
                     tpreps=entry.tpreps)
    return entry


_MEASURE_NOUNS = frozenset({"deployment", "patch", "batch", "contingent", "group", "wave", "first",
                            "team", "detachment", "convoy", "number", "dozen", "hundred", "thousand"})
_VEHICLES = frozenset({"ship", "vessel", "tanker", "plane", "aircraft", "flight", "cargo", "boat",
                       "train", "shipment", "container", "freighter"})
# "Hundreds of thousands of people blocked streets": a crowd obstructing passage
# is a protest (PLOVER PROTEST 'obstruct'); police blocking a road is not
_CROWDS = frozenset({"people", "protester", "demonstrator", "crowd", "resident", "student", "worker",
                     "farmer", "driver", "activist", "supporter", "villager", "hundred", "thousand"})
_PASSAGES = frozenset({"road", "street", "highway", "bridge", "entrance", "railway", "square",
                       "intersection", "motorway", "border", "crossing", "port", "access"})


def _crowd_obstruction(tok, entry: Entry, dobj) -> Entry:
    if tok.lemma_.lower() not in ("block", "barricade", "blockade", "occupy") or dobj is None \
            or dobj.lemma_.lower() not in _PASSAGES:
        return entry
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    for _ in range(3):  # "hundreds of thousands of people" → people
        inner = None if subj is None else next(
            (g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj"), None)
        if inner is None:
            break
        subj = inner
    if subj is not None and subj.lemma_.lower() in _CROWDS:
        return Entry(kind="verb", lemma=entry.lemma, type="PROTEST", mode="obstruct", cameo="144",
                     tpreps=entry.tpreps)
    return entry


def _arriving_forces(tok, entry: Entry) -> Entry:
    """A CONSULT/visit whose subject is troops is a deployment (MOBILIZE, or AID for peacekeepers)."""
    if entry.type != "CONSULT" or entry.mode != "visit":
        return entry
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return entry
    if subj.lemma_.lower() in _MEASURE_NOUNS:
        # "the first deployment of NATO peacekeeping troops", "a patch of troops"
        inner = next((g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        subj = inner if inner is not None else subj
    if subj.lemma_.lower() in _VEHICLES:
        return Entry(kind="verb", lemma=entry.lemma, type="-", mode=None, cameo=None)  # a ship arriving is no visit
    words = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
    if words & _PEACEKEEPING:
        return Entry(kind="verb", lemma=entry.lemma, type="AID", mode=None, cameo="074",
                     tpreps=entry.tpreps)
    if subj.lemma_.lower() in _FORCE_NOUNS:
        return Entry(kind="verb", lemma=entry.lemma, type="MOBILIZE", mode="troops", cameo="154",
                     tpreps=entry.tpreps)
    return entry


_RECEPTIONS = frozenset({"opposition", "criticism", "resistance", "skepticism", "scepticism", "approval",
                         "praise", "derision", "scorn", "anger", "outrage", "silence", "success",
                         "applause", "suspicion", "disbelief", "dismay", "protest", "protests"})
_PRIVATE_TRAVELLERS = frozenset({"tourist", "visitor", "foreigner", "patient", "student", "migrant",
                                 "refugee", "immigrant", "traveler", "traveller", "passenger", "pilgrim",
                                 "fan", "people", "family", "some", "many", "thousand", "hundred",
                                 "shopper", "holidaymaker", "backpacker", "worker"})
# subjects that name rules and texts, never the doers of violence
_NON_AGENTS = frozenset({"law", "policy", "measure", "rule", "regulation", "bill", "report", "study",
                         "decree", "legislation", "program", "programme", "survey", "article",
                         # nature and accidents
                         "cyclone", "storm", "hurricane", "typhoon", "flood", "earthquake", "quake",
                         "wildfire", "tornado", "drought", "landslide", "mudslide", "avalanche",
                         "tsunami", "heatwave", "building", "collapse", "virus", "disease", "fire",
                         "accident", "crash", "lightning", "rain", "wind", "wave"})
# "a mediation mission", "peace efforts": a frame noun whose compound modifier names the act
_FRAME_NOUNS = frozenset({"mission", "effort", "process", "initiative", "bid", "campaign", "role"})


def verb_candidate(tok, lex: Lexicon, consumed: set[int], sent=None) -> Candidate | None:
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "ADJ" and tok.lemma_ in ("concerned",)):
        return None
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj") \
            and any(c.dep_ == "det" for c in tok.children):
        return None  # "evacuated the wounded", "buried the dead": people, not an act
    lemma = tok.lemma_.lower()
    if lemma == "concerned":
        lemma = "concern"
    dobj = _dobj(tok)
    entries = lex.verb_entries(lemma)
    entry = _match_verb(tok, entries, dobj) if entries else None
    rules = []
    # light verb + event noun: "held talks", "launched an attack", "made a visit"
    light_noun = None
    if lemma in lex.light:
        noun = dobj
        if noun is not None and noun_entry(noun, lex) is None:
            # "launched 10 days of war games", "a wave of strikes": the measure's complement
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if inner is not None and lex.noun_entries(inner.lemma_.lower()):
                    noun = inner
                    break
        if noun is not None and noun_entry(noun, lex) is None and noun.lemma_.lower() in _FRAME_NOUNS:
            # "undertook a mediation mission", "began peace efforts": the modifier names the act
            mod = next((c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                        and noun_entry(c, lex) is not None), None)
            mentry = noun_entry(mod, lex) if mod is not None else None
            if mentry is not None and mentry.type != "-":
                consumed.add(mod.i)
                targets, between = _objects(tok, mentry, dobj)
                targets = [t for t in targets if t.i != noun.i]
                for prep, pobjs in _preps(noun).items():
                    if prep == "between":
                        between.extend(pobjs)
                    elif prep in mentry.tpreps:
                        targets.extend(p for p in pobjs if _not_helper(p))
                return Candidate(entry=mentry, head=tok, tokens=[tok.doc[i] for i in sorted({tok.i, mod.i})],
                                 sources=_subject(tok), targets=targets, pairs_within=between,
                                 rules=["light-verb", f"lex:{mentry.source}"])
        particle = lex.light[lemma].split()[-1:] if lex.light[lemma] else []
        if noun is None and particle:
            # "engaged in talks", "took part in exercises", "went on strike" — but
            # not "imposed ... after clashes": only the light verb's own preposition
            for c in tok.children:
                if c.dep_ in ("prep", "prt") and c.lower_ == particle[0]:
                    noun = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if noun is not None:
                        break
        if noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun_entry(noun, lex) is not None:
            if entry is None or entry.source != "overlay" or not (entry.objects or entry.particle):
                light_noun = noun
    if light_noun is not None:
        nentry = noun_entry(light_noun, lex)
        if nentry is not None and nentry.type == "PROTEST" and lemma in _COMPLAINT_LIGHT:
            nentry = _FORMAL_PROTEST
        if nentry is None or nentry.type == "-":
            return None
        consumed.add(light_noun.i)
        targets, between = _objects(tok, nentry, dobj)
        targets = [t for t in targets if t.i != light_noun.i]
        for prep, pobjs in _preps(light_noun).items():
            if prep == "between":
                between.extend(pobjs)
            elif prep in nentry.tpreps:
                targets.extend(p for p in pobjs if _not_helper(p))
        if not targets and not between and nentry.type in _OF_RECIPIENT_TYPES:
            for prep, pobjs in _of_preps(light_noun).items():
                if prep in nentry.tpreps and prep != "on":
                    targets.extend(p for p in pobjs if _not_helper(p))
        span = sorted({tok.i, light_noun.i})
        return Candidate(entry=nentry, head=tok, tokens=[tok.doc[i] for i in span],
                         sources=_subject(tok), targets=targets, pairs_within=between,
                         rules=["light-verb", f"lex:{nentry.source}"])
    if entry is None:
        return None
    if entry.source == "petrarch" and entry.cameo != "010":
        # (statement verbs — say, report, announce — carry no code: what was
        # said is coded by its own predicate, not by a pattern over it)
        pat = _pattern_match(tok, lex.patterns.get(lemma, {}), sent if sent is not None else tok.sent)
        if pat is not None:
            entry = pat
            rules.append("pattern")
    if entry.type == "-":
        return None
    entry = _arriving_forces(tok, entry)
    if entry.type == "-":
        return None
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return None  # "called as witnesses": summoned, no call between actors
    if lemma == "meet" and any(g.lemma_.lower() in _RECEPTIONS for c in tok.children
                               if c.dep_ == "prep" and c.lower_ == "with" for g in c.children):
        return None  # "met with opposition / criticism": received so, no meeting
    if lemma == "decline" and not any(c.dep_ in ("xcomp", "dobj") for c in tok.children):
        return None  # "the number declined to 230,000": fell, refused nothing
    if entry.type == "CONSULT" and entry.mode == "visit" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _PRIVATE_TRAVELLERS for c in tok.children):
        return None  # "Chinese tourists visited Vietnam": travel, not diplomacy
    if entry.type in ("ASSAULT", "COERCE") and any(
            (c.dep_ == "nsubj" and c.lemma_.lower() in _NON_AGENTS)
            or (c.dep_ == "agent" and any(g.lemma_.lower() in _NON_AGENTS for g in c.children))
            for c in tok.children):
        return None  # "the law targeted …", "destroyed by floods": no attacker
    entry = _military_backing(tok, entry)
    entry = _crowd_obstruction(tok, entry, dobj)
    if lemma == "protest" and entry.type == "PROTEST" and (any(
            c.dep_ in ("ccomp", "parataxis") for c in tok.children) or (
            tok.dep_ in ("parataxis", "ccomp", "acl") and tok.sent.root.i < tok.i
            and not any(c.dep_ in ("dobj", "prep") for c in tok.children))):
        entry = _FORMAL_PROTEST  # "X are failing to …, a rights group protested": said, not marched
    toks = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    targets, between = _objects(tok, entry, dobj)
    rules.append(f"lex:{entry.source}")
    return Candidate(entry=entry, head=tok, tokens=sorted(toks, key=lambda t: t.i),
                     sources=_subject(tok), targets=targets, pairs_within=between, rules=rules)


# Acts that end, suspend, refuse or concede something: an event noun they take
# as object ("lifted a day-old blockade", "suspended aid deliveries",
# "cancelled a planned visit", "agreed to US mediation") is what the act is
# about, not a second event reported as happening (PLOVER 2.3: one category).
_ABSORBING = frozenset({"CONCEDE", "RETREAT", "SANCTION", "REJECT", "AGREE"})
# ... except that a rejected request, offer, accusation or threat was still made
# ("rejected Kenya's request"): those nouns stay events of their own.
_MADE_ACTS = frozenset({"REQUEST", "AGREE", "ACCUSE", "THREATEN", "SUPPORT"})


def absorb_objects(cands: list[Candidate], consumed: set[int], lex: Lexicon) -> None:
    """Mark event nouns that are the object of an ending/conceding act as consumed, in place.

    >>> # "Israel lifted the blockade": RETREAT/CONCEDE only, no COERCE for "blockade"
    """
    for cand in cands:
        if cand.entry.type not in _ABSORBING or "light-verb" in cand.rules:
            continue
        head = cand.head
        objs = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "to"
                 for g in c.children if g.dep_ == "pobj"]  # "agreed to mediation"
        for o in objs:
            if cand.entry.type == "REJECT":
                entry = noun_entry(o, lex)
                if entry is not None and entry.type in _MADE_ACTS:
                    continue
            consumed.add(o.i)
            consumed.update(c.i for c in o.children if c.dep_ == "conj")
            # event nouns that only frame the object ("mediation in peace
            # negotiations", "the lifting of sanctions") go with it
            for p in (c for c in o.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "on")):
                consumed.update(g.i for g in p.children if g.dep_ == "pobj" and lex.noun_entries(g.lemma_.lower()))


# PLOVER 3.14.1: joint military exercises are COOPERATE, a single country's
# exercises are MOBILIZE. "War games" are exercises; other games are not.
_EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "wargame", "game", "patrol"})
_JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})


def _joint(tok) -> bool:
    """Is an exercise noun done together ("joint drills", "X and Y launched war games", "with X")?"""
    if any(c.lower_ in _JOINT_WORDS for c in tok.children):
        return True
    heads = [tok]
    verb, steps = tok, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 4:
        verb, steps = verb.head, steps + 1  # "launched 10 days of war games" → launched
    if verb is not tok and verb.pos_ in ("VERB", "AUX"):
        heads.append(verb)
    for h in heads:
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between", "alongside") for c in h.children):
            return True
        for subj in (c for c in h.children if c.dep_ in ("nsubj", "poss")):
            if any(c.dep_ == "conj" for c in subj.children):
                return True  # "France and Egypt launched ..."
            if any(m.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in m.children)
                   for m in subj.children):
                return True  # "French and Egyptian warships"
    return False


_MARKET_WORDS = frozenset({"energy", "power", "electricity", "oil", "gas", "fuel", "market", "consumer",
                           "food", "water", "housing", "travel", "export", "import", "commodity", "labor",
                           "labour", "chip", "grain", "demand", "peak", "customer", "investor", "credit"})


def noun_entry(tok, lex: Lexicon) -> Entry | None:
    lemma = tok.lemma_.lower()
    entries = lex.noun_entries(lemma)
    if not entries and lemma not in ("operation", "law", "hearing"):
        return None
    entry = entries[0] if entries else None
    if lemma in _EXERCISE_NOUNS:
        if lemma == "game" and not any(c.lower_ == "war" for c in tok.children if c.dep_ in ("compound", "amod")):
            return entry  # "-": a game is not an exercise
        if _joint(tok):
            return Entry(kind="noun", lemma=lemma, type="COOPERATE", mode=None, cameo="062",
                         tpreps=entry.tpreps | {"with", "between"})
        return Entry(kind="noun", lemma=lemma, type="MOBILIZE", mode="troops", cameo="152",
                     tpreps=entry.tpreps | {"near", "off", "around"})
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon") for c in tok.children):
        # "their repeated calls on the parties to end the war": appeals, not phone calls
        return Entry(kind="noun", lemma=lemma, type="REQUEST", mode=None, cameo="020",
                     tpreps=frozenset({"on", "upon", "to"}))
    if lemma == "demand" and any(c.dep_ == "compound" and c.lemma_.lower() in _MARKET_WORDS
                                 for c in tok.children):
        return None  # "energy demands", "market demand": quantities, not political demands
    if lemma == "hearing" and any(c.dep_ == "prep" and c.lower_ in ("into", "against") for c in (
            [*tok.children, *tok.head.children] if tok.dep_ == "dobj" else tok.children)):
        # "opened a hearing into the legality of …": a judicial inquiry (a bare hearing is not)
        return Entry(kind="noun", lemma=lemma, type="ACCUSE", mode="investigate", cameo="090",
                     tpreps=frozenset({"into", "against"}))
    if lemma == "operation" and any(c.dep_ == "prep" and c.lower_ in ("against", "targeting")
                                    for c in tok.children):
        # "operations against al-Shabab": a military operation; a bare "operation" is not
        return Entry(kind="noun", lemma=lemma, type="ASSAULT", mode=None, cameo="190")
    if lemma == "law" and any(c.lower_ == "martial" for c in tok.children if c.dep_ in ("amod", "compound")):
        return Entry(kind="noun", lemma=lemma, type="COERCE", mode="restrict", cameo="172",
                     tpreps=entry.tpreps if entry is not None else frozenset({"on", "in", "over"}))
    if lemma == "raid" and any(c.lower_ in ("air", "aerial", "bombing") for c in tok.children
                               if c.dep_ in ("compound", "amod")):
        return Entry(kind="noun", lemma="raid", type="ASSAULT", mode="aerial", cameo="195")
    if tok.lemma_.lower() == "strike":
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        if "hunger" in mods:
            return Entry(kind="noun", lemma="strike", type="PROTEST", mode="hunger", cameo="142")
        if mods & {"general", "labor", "labour", "national", "workers", "nationwide", "open-ended",
                   "indefinite", "one-day", "24-hour", "48-hour", "warning", "teachers", "doctors"} or (
                tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.lemma_ == "go"):
            return Entry(kind="noun", lemma="strike", type="PROTEST", mode="strike", cameo="143")
    return entry


def noun_candidate(tok, lex: Lexicon) -> Candidate | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    entry = noun_entry(tok, lex)
    if entry is None or entry.type == "-":
        return None
    if any(c.dep_ in ("det", "amod", "predet") and c.lower_ in ("such", "any", "no") for c in tok.children):
        return None  # "such visits are rare", "any cooperation": kinds of acts, not acts
    sources, targets, between = [], [], []
    for c in tok.children:
        if c.dep_ == "poss":
            sources.append(c)
        elif c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN") and c.ent_type_ in (
                "NORP", "GPE", "ORG"):
            sources.append(c)  # "Israeli strike", "Russian attack"
    if not sources and tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.lemma_ == "be":
        sources.extend(_subject(tok.head.head))  # "Israel has been at war with Hamas"
    if not sources and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB" and (
            (tok.head.lower_ == "in" and entry.type in ("PROTEST", "SUPPORT")
             and not any(c.dep_ == "det" for c in tok.children))
            or (tok.head.lower_ == "during" and entry.type == "PROTEST")):
        # ("threw stones during demonstrations against X": the stone-throwers demonstrated)
        # "massed outside the consulate in protest", "prayed in support of Palestinians":
        # whoever did the act did it as a protest / in support
        sources.extend(_subject(tok.head.head))
    if not sources and tok.dep_ == "pobj" and tok.head.lower_ == "for" and \
            tok.head.head.lemma_.lower() == "responsibility" and tok.head.head.head.lemma_.lower() in (
                "claim", "take", "accept", "admit", "assume"):
        # "al-Shabab claimed responsibility for the attack": the claimant did it
        sources.extend(_subject(tok.head.head.head))
    for prep, pobjs in _preps(tok).items():
        if prep == "of" and entry.type in ("SUPPORT", "PROTEST") and tok.dep_ == "pobj" \
                and tok.head.lower_ == "in":
            targets.extend(pobjs)  # "in support of Palestinians"
        elif prep == "between":
            between.extend(pobjs)
        elif prep in entry.spreps and prep not in entry.tpreps:
            sources.extend(pobjs)
        elif prep in entry.tpreps:
            targets.extend(pobjs)
    if not targets and not between and entry.type in _OF_RECIPIENT_TYPES:
        for prep, pobjs in _of_preps(tok).items():
            if prep in entry.tpreps and prep != "on":
                targets.extend(p for p in pobjs if _not_helper(p))
    if not targets and tok.dep_ == "dobj":
        # "condemned the strike on its consulate": the parser often hangs the
        # noun's complement on the verb
        for prep, pobjs in _preps(tok.head).items():
            if prep in ("on", "against") and prep in entry.tpreps:
                targets.extend(pobjs)
    if not (sources or targets or between):
        return None
    return Candidate(entry=entry, head=tok, tokens=[tok], sources=sources, targets=targets,
                     pairs_within=between, rules=["nominal", f"lex:{entry.source}"])


def refine_mode(cand: Candidate, lex: Lexicon) -> str | None:
    """ASSAULT modes from the weapon named near the predicate (PLOVER table 3.11)."""
    if cand.entry.type != "ASSAULT" or cand.entry.mode is not None:
        return cand.entry.mode
    head = cand.head
    words = [t.lemma_.lower() for t in head.subtree]
    if head.i > 0:
        words.append(head.doc[head.i - 1].lemma_.lower())
    found = [lex.instruments[w] for w in words if w in lex.instruments]
    if not found:
        return None
    if "aerial" in found:
        return "aerial"
    return found[0]


def symmetric(cand: Candidate) -> bool:
    return cand.entry.type in _SYMMETRIC or (
        cand.entry.type == "ASSAULT" and cand.head.lemma_.lower() in _ASSAULT_SYMMETRIC_NOUNS | {"clash", "fight"})


# Speech and intent acts whose recipient is often named only in their
# complement: "threatened to ban X", "refused to deploy troops in X",
# "demanded that X forsake ...", "offered to hand over ... to X".
_EMBEDDING = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "CONCEDE", "SUPPORT"})
# Acts done *in* a place to the people there: "imposed a curfew in Cizre",
# "exploded bombs in Kabul", "lifted the emergency in West Darfur".
_LOCATIVE_TARGET = frozenset({"ASSAULT", "COERCE", "CONCEDE", "PROTEST", "RETREAT", "MOBILIZE"})
_LOCATIVE_PREPS = frozenset({"in", "inside", "across", "throughout"})


def _complements(head) -> list:
    """Verbs in the complement of a predicate ("to ban", "that X forsake", "of supplying")."""
    out = []
    for c in head.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            out.append(c)
        elif c.dep_ == "acl" and c.pos_ == "VERB":
            out.append(c)  # "demand to sever", "ultimatum to hand over"
        elif c.dep_ == "prep":
            out.extend(g for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB")
    return out


def _condition_subject(head, src_i: set[int]):
    """Subject of an if/unless clause on the predicate or its complement, or None."""
    for verb in [head, *_complements(head)]:
        for c in verb.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children):
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.i not in src_i and subj.pos_ != "PRON":
                    return subj
    return None


# verbs that can report a complaint after the clause it is about ("…, a group charged")
_REPORTING_COMPLAINTS = frozenset({"protest", "charge", "complain", "allege", "accuse", "claim",
                                   "criticize", "criticise", "condemn", "denounce"})


def inherit_targets(cands: list[Candidate]) -> None:
    """Fill empty target roles from the complement clause or a locative, in place.

    >>> # "Russia threatened to stop talks with the US": THREATEN gets target US
    """
    by_head = {c.head.i: c for c in cands}
    for cand in cands:
        if cand.targets or cand.pairs_within:
            continue
        typ = cand.entry.type
        if typ == "THREATEN":
            # "threatened to stop talks if the United States deploys …": the
            # threat is addressed to whoever must act on the condition
            subj = _condition_subject(cand.head, {t.i for t in cand.sources})
            if subj is not None:
                cand.targets.append(subj)
                cand.rules.append("target:condition")
                continue
        if typ in _EMBEDDING:
            src_i = {t.i for t in cand.sources}
            for comp in _complements(cand.head):
                inner = by_head.get(comp.i)
                if comp.dep_ == "ccomp" and typ == "REQUEST":
                    subj = next((g for g in comp.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.i not in src_i and subj.pos_ != "PRON":
                        cand.targets.append(subj)  # "demanded that the US match …": the US
                        cand.rules.append("target:complement-subject")
                        break
                if inner is not None and (inner.targets or inner.pairs_within):
                    cand.targets.extend(inner.targets or inner.pairs_within)
                    cand.rules.append("target:complement")
                    break
                if comp.dep_ == "ccomp" and typ in ("REQUEST", "ACCUSE", "THREATEN"):
                    subj = next((g for g in comp.children if g.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.i not in src_i and subj.pos_ != "PRON":
                        cand.targets.append(subj)  # "demanded that X forsake"
                        cand.rules.append("target:complement-subject")
                        break
                if inner is None:
                    found = [g for g in comp.children if g.dep_ in ("dobj", "dative")]
                    if not found:
                        # "refused to allow UN planes to land": the one allowed (the
                        # subject of the allowed clause) is whom the refusal affects
                        found = [g for cc in comp.children if cc.dep_ in ("ccomp", "xcomp")
                                 for g in cc.children if g.dep_ == "nsubj" and g.pos_ != "PRON"]
                    for p in (g for g in comp.children if g.dep_ == "prep"
                              and g.lower_ in ("to", "against", "on", "with", "at", "from", "in")):
                        found.extend(g for g in p.children if g.dep_ == "pobj")
                    if found:
                        cand.targets.extend(found)
                        cand.rules.append("target:complement")
                        break
        if not cand.targets and typ == "ACCUSE" and cand.head.dep_ in ("parataxis", "acl", "ccomp", "conj") \
                and cand.head.lemma_.lower() in _REPORTING_COMPLAINTS and cand.head.i > cand.head.sent.root.i \
                and not any(c.dep_ == "dobj" or (c.dep_ == "prep" and any(
                    g.dep_ == "pobj" and _not_helper(g) for g in c.children)) for c in cand.head.children):
            # "Croatian authorities are failing to …, a rights group protested": the
            # complaint trails the clause it reports; that clause's subject is accused
            root = cand.head.sent.root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON" and subj.i not in {t.i for t in cand.sources} \
                    and not any(subj.i <= t.i <= subj.right_edge.i for t in cand.sources):
                cand.targets.append(subj)
                cand.rules.append("target:reported-clause")
        if not cand.targets and typ in _LOCATIVE_TARGET:
            heads = [cand.head] + [c for c in cand.head.children if c.dep_ == "dobj"]
            for h in heads:
                for p in (g for g in h.children if g.dep_ == "prep" and g.lower_ in _LOCATIVE_PREPS):
                    cand.targets.extend(g for g in p.children if g.dep_ == "pobj")
            if cand.targets:
                cand.rules.append("target:locative")


_SAY = frozenset({"say", "declare", "announce", "insist", "state", "tell", "conclude", "stress"})
_DEMAND_ENTRY = Entry(kind="verb", lemma="say", type="REQUEST", mode=None, cameo="10")


_OBLIGATION_AUX = frozenset({"must", "should", "ought"})


def _obliged(verb) -> bool:
    """'Y must / should / ought to act', 'Y needs to / has to act'."""
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in verb.children):
        return True
    return verb.lemma_.lower() in ("need", "have") and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in verb.children)


def demand_candidate(tok) -> Candidate | None:
    """'X said that Y must do Z' is a demand X → Y (REQUEST), when Y is not X.

    >>> # "Russia said Sudan must return the helicopter" → REQUEST RUS → SDN
    >>> # "Turkey says Washington needs to act" → REQUEST TUR → USA
    """
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _SAY:
        return None
    for comp in tok.children:
        if comp.dep_ != "ccomp" or not _obliged(comp):
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            continue  # "we must", "it must": the speaker's own resolve, not a demand
        return Candidate(entry=_DEMAND_ENTRY, head=tok, tokens=[tok], sources=_subject(tok),
                         targets=[subj], rules=["demand:must", "lex:overlay"])
    return None
