"""Event nouns: which noun names an act, with what roles, and which are absorbed.

"an earlier strike on its consulate", "accusations from the West", "joint
drills", "operations against al-Shabab"; an event noun that is the object of
an act that ends or refuses it ("lifted the blockade") is that act's content.
"""

from __future__ import annotations

from .lexicon import Entry, Lexicon
from .syntax import _OF_RECIPIENT_TYPES, Candidate, _not_helper, _of_preps, _preps, _subject

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
