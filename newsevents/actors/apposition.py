"""Appositions and delegations: two phrases naming one actor (docs/actors.md steps 3, 6).

- "<role phrase>, <Name>" and "<Name>, <role phrase>": both sides share one
  actor; an IGO office beside a person wins over the person's nationality;
- "a delegation headed by X": the delegation acts for X's state.
"""

from __future__ import annotations

from dataclasses import replace

from .data import Lexicon
from .resolve import GROUP_HEADS, LEAD_VERBS, Cand, _covering, _igo_office, _in_office, state_actor


def appositions(doc, cands: list[Cand]) -> None:
    """"<role phrase>, <Name>" and "<Name>, <role phrase>": one actor for both."""
    by_start = {c.start: c for c in cands}
    for a in cands:
        b = by_start.get(a.end)
        if b is not None and a.role_word and a.actor.kind == "person" \
                and b.actor.kind == "person" and b.actor.country in (None, a.actor.country):
            root = doc[b.start:b.end].root
            if root.dep_ == "appos" and a.start <= root.head.i < a.end:
                # "Iran's Foreign Ministry spokesman Ali Rezaei": no comma, one person
                if b.actor.country is None:  # a known person keeps their own dated office
                    b.actor = replace(a.actor, name=b.actor.name, id=b.actor.id,
                                      role=b.actor.role or a.actor.role)
                b.start, b.rule = a.start, b.rule + "+title"
                a.absorbed = True
                continue
        j = a.end
        head = doc[a.end - 1]
        # skip the role noun's own complements: "minister for external ... relations,"
        while j < len(doc) and doc[j].text != "," and j - a.end < 10 \
                and head.left_edge.i <= j <= head.right_edge.i:
            j += 1
        if j >= len(doc) or doc[j].text != ",":
            continue
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        b = by_start.get(k)
        if b is None:
            continue
        _merge(a, b)


def _merge(a: Cand, b: Cand) -> None:
    """Share information between two appositive candidates (in place)."""
    pa, pb = a.actor, b.actor
    if _igo_office(pa, a) and pb.kind == "person":
        b.actor = a.actor = _in_office(pb, pa, a.role_word)  # "the UN coordinator, Kenzo Oshima"
        b.rule += "+apposition"
    elif _igo_office(pb, b) and pa.kind == "person":
        # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": the office
        # named beside the person wins over the nationality the data gives them
        a.actor = b.actor = _in_office(pa, pb, b.role_word)
        a.rule += "+apposition"
    elif pb.kind == "person" and a.role_word and pa.country and pb.country is None:
        b.actor = replace(pb, country=pa.country, sector=pa.sector, code=pa.code,
                          role=pb.role or a.role_word)
        a.actor = b.actor
        b.rule += "+apposition"
    elif pa.kind == "person" and b.role_word and pb.country and pa.country is None:
        a.actor = replace(pa, country=pb.country, sector=pb.sector, code=pb.code,
                          role=pa.role or b.role_word)
        b.actor = a.actor
        a.rule += "+apposition"
    elif pb.kind == "person" and a.role_word and pa.country and pb.country == pa.country:
        stale = (pb.role or "").startswith("former") or pb.sector in (None, "ELI")
        b.actor = replace(pb, role=a.role_word if stale else (pb.role or a.role_word),
                          sector=pa.sector if stale else pb.sector,
                          code=pa.code if stale else pb.code)
        a.actor = b.actor
    elif pb.kind == "organisation" and pb.country and a.role_word and pa.country == pb.country:
        a.actor = pb  # "South Korea's spy agency, the National Intelligence Service"
    elif pb.kind == "organisation" and pb.country is None and pa.country and a.role_word:
        b.actor = replace(pb, country=pa.country, sector=pa.sector, code=pa.code)
        b.rule += "+apposition"


def delegations(doc, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """"a delegation headed by X": the delegation acts for X's state."""
    out = list(cands)
    for tok in doc:
        if tok.lemma_.lower() not in GROUP_HEADS:
            continue
        for acl in tok.children:
            if acl.dep_ != "acl" or acl.lemma_.lower() not in LEAD_VERBS:
                continue
            for agent in acl.children:
                if agent.dep_ != "agent":
                    continue
                pobj = next((t for t in agent.children if t.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                target = _covering(cands, pobj.i)
                if target is None:
                    # the head noun's phrase may have been composed around it
                    target = next((c for c in cands if c.start <= pobj.i < c.end), None)
                if target is None or not target.actor.country:
                    continue
                actor = state_actor(target.actor.country, target.actor.sector or "GOV", lex)
                start = tok.left_edge.i
                existing = _covering(cands, tok.i)
                if existing is not None:
                    existing.actor = actor
                    existing.rule += "+headed-by"
                else:
                    c = Cand(start, tok.i + 1, actor, "headed-by")
                    out.append(c)
    out.sort(key=lambda c: (c.start, -c.end))
    return out
