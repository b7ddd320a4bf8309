"""Find event predicates in a parsed sentence and their role fillers.

A predicate is a verb (with its particle and object when the lexicon needs
them: "fired missiles at" vs "fired the minister"), a light-verb
construction ("held talks", "launched an attack": the noun carries the
type, the verb carries the roles), or an event noun with at least one
argument (``nouns``). Recipients named outside the predicate's phrase are
found by ``complements``; the parse helpers are in ``syntax``.
"""

from __future__ import annotations

from .lexicon import Entry, Lexicon
from .nouns import noun_entry
from .syntax import (
    _OF_RECIPIENT_TYPES,
    Candidate,
    _dobj,
    _not_helper,
    _of_preps,
    _passive,
    _preps,
    _prt,
    _subject,
    token_sent,
)

# "X and Y signed a treaty / upgraded ties / held talks": mutual acts
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
_ASSAULT_SYMMETRIC_NOUNS = frozenset({"clash", "fighting", "war", "hostility"})


def _match_verb(tok, entries: list[Entry], dobj) -> Entry | None:
    prt = _prt(tok)
    # "called on Monday" is no "call on": a preposition whose object is a date
    # or time introduces when, not the predicate's complement.
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "agent") and not _temporal_prep(c)}
    # "called for Russia to withdraw": "for" marks the clause, it is still "call for"
    preps |= {g.lower_ for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > tok.i
              for g in c.children if g.dep_ == "mark" and g.lower_ == "for"}
    obj_lemmas: set[str] = set()
    objects = ([dobj] if dobj is not None else []) + [c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN":
        objects.append(tok.head)  # "a statement released on Monday": the noun is what was released
    for o in objects:
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
                if first == "for" and tok.lemma_ == "call" and dobj is not None and not prt \
                        and any(c.lower_ == "for" and c.i > dobj.i for c in tok.children):
                    # "called Nevada for Biden" declares; "pressed Iran for answers" still asks
                    continue
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


def _temporal_prep(prep) -> bool:
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)


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


_MUNITIONS = frozenset({"missile", "rocket", "shell", "artillery", "mortar", "bomb", "drone", "fire",
                        "gunfire", "grenade", "munition", "weapon", "salvo", "barrage", "round",
                        "projectile", "torpedo", "bullet", "shot"})


_ENVOYS = frozenset({"ambassador", "envoy", "diplomat", "consul", "attache", "attaché",
                     "representative", "delegate", "emissary", "charge", "chargé", "nuncio"})


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
    if direct is None and entry.type == "REQUEST" and entry.particle == "for":
        # "called for Russia to withdraw": who is asked is the clause's subject
        direct = next((g for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                       and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                       for g in c.children if g.dep_ == "nsubj"), None)
    if direct is not None:
        targets.append(direct)
    preps = _preps(tok)
    if dobj is not None:
        means = entry.type == "ASSAULT" and dobj.lemma_.lower() in _MUNITIONS
        # "launched artillery, mortar and rocket fire against camps": the last conjunct's phrase
        for o in [dobj, *(c for c in dobj.children if c.dep_ == "conj")] if means else [dobj]:
            for k, v in _preps(o).items():
                if k == "to" and o.lemma_.lower() in _ENVOYS:
                    continue  # "expelled the Libyan ambassador to Greece": where he serves
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


# Verbs whose subject hosts a visit when they read as CONSULT/visit (overlay.tsv):
# the sides of the visit are the other way round
_HOSTS = frozenset({"host", "receive", "welcome", "greet"})
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


def _light_roles(tok, noun, nentry: Entry, dobj) -> tuple[list, list]:
    """(targets, between) of a light-verb construction: the verb's object and
    prepositions, then the noun's own phrase ("held talks with X", "announced a
    suspension of air links with Serbia")."""
    targets, between = _objects(tok, nentry, dobj)
    targets = [t for t in targets if t.i != noun.i]
    for prep, pobjs in _preps(noun).items():
        if prep == "between":
            between.extend(pobjs)
        elif prep in nentry.tpreps:
            targets.extend(p for p in pobjs if _not_helper(p))
    if not targets and not between and nentry.type in _OF_RECIPIENT_TYPES:
        for prep, pobjs in _of_preps(noun).items():
            if prep in nentry.tpreps and prep != "on":
                targets.extend(p for p in pobjs if _not_helper(p))
    return targets, between


# Nouns whose infinitive says what they would show or justify, not an act
_GROUNDS = frozenset({"evidence", "proof", "reason", "basis", "data", "information", "ground",
                      "grounds", "justification", "nothing", "indication", "sign"})


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
                targets, between = _light_roles(tok, noun, mentry, dobj)
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
        targets, between = _light_roles(tok, light_noun, nentry, dobj)
        span = sorted({tok.i, light_noun.i})
        return Candidate(entry=nentry, head=tok, tokens=[tok.doc[i] for i in span],
                         sources=_subject(tok), targets=targets, pairs_within=between,
                         rules=["light-verb", f"lex:{nentry.source}"])
    if entry is None:
        return None
    if entry.source == "petrarch" and entry.cameo != "010":
        # (statement verbs — say, report, announce — carry no code: what was
        # said is coded by its own predicate, not by a pattern over it)
        pat = _pattern_match(tok, lex.patterns.get(lemma, {}), sent if sent is not None else token_sent(tok))
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
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in _GROUNDS and any(
            c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return None  # "no evidence to support the claims": what evidence would do, no one's act
    entry = _military_backing(tok, entry)
    entry = _crowd_obstruction(tok, entry, dobj)
    if lemma == "protest" and entry.type == "PROTEST" and (any(
            c.dep_ in ("ccomp", "parataxis") for c in tok.children) or (
            tok.dep_ in ("parataxis", "ccomp", "acl") and token_sent(tok).root.i < tok.i
            and not any(c.dep_ in ("dobj", "prep") for c in tok.children))):
        entry = _FORMAL_PROTEST  # "X are failing to …, a rights group protested": said, not marched
    toks = [tok] + [c for c in tok.children if c.dep_ == "prt"]
    targets, between = _objects(tok, entry, dobj)
    sources = _subject(tok)
    if entry.type == "CONSULT" and entry.mode == "visit" and lemma in _HOSTS:
        # GUIDELINES H5: "B hosted A" is one visit A → B, the guest the source and the host
        # the target ("Obama welcomed Hu", "Hu was received by Putin")
        sources, targets = targets, sources
        rules.append("host-swap")
    rules.append(f"lex:{entry.source}")
    return Candidate(entry=entry, head=tok, tokens=sorted(toks, key=lambda t: t.i),
                     sources=sources, targets=targets, pairs_within=between, rules=rules)


def refine_mode(cand: Candidate, lex: Lexicon) -> str | None:
    """ASSAULT modes from the weapon named near the predicate (PLOVER table 3.11)."""
    if cand.entry.type != "ASSAULT":
        return cand.entry.mode
    head = cand.head
    words = [t.lemma_.lower() for t in head.subtree]
    # two-word weapons first ("tear gas", "water cannon", "rubber bullet")
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
    if head.i > 0:
        words.append(head.doc[head.i - 1].lemma_.lower())
    found = [lex.instruments[w] for w in pairs + words if w in lex.instruments]
    if "crowd-control" in found and cand.entry.mode in (None, "firearms"):
        # PLOVER: less-lethal crowd control (tear gas, water cannon, firing in
        # the air) is its own mode, even when the verb is "fired"
        return "crowd-control"
    if cand.entry.mode is not None:
        return cand.entry.mode
    if not found:
        return None
    if "aerial" in found:
        return "aerial"
    return found[0]


def symmetric(cand: Candidate) -> bool:
    return cand.entry.type in _SYMMETRIC or (
        cand.entry.type == "ASSAULT" and cand.head.lemma_.lower() in _ASSAULT_SYMMETRIC_NOUNS | {"clash", "fight"})
