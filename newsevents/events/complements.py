"""Recipients found outside the predicate's own phrase, and demands made by saying.

A threat's or demand's recipient named in its complement ("threatened to
ban X", "demanded that X forsake"), a locative ("imposed a curfew in X"), a
reported clause ("X are failing to …, a rights group charged"); "X said Y
must / should act" is a REQUEST X→Y.
"""

from __future__ import annotations

from .lexicon import Entry
from .syntax import Candidate, _not_helper, _subject, token_sent

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
                and cand.head.lemma_.lower() in _REPORTING_COMPLAINTS and cand.head.i > token_sent(cand.head).root.i \
                and not any(c.dep_ == "dobj" or (c.dep_ == "prep" and any(
                    g.dep_ == "pobj" and _not_helper(g) for g in c.children)) for c in cand.head.children):
            # "Croatian authorities are failing to …, a rights group protested": the
            # complaint trails the clause it reports; that clause's subject is accused
            root = token_sent(cand.head).root
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
