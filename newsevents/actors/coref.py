"""Within-article coreference for the cases news uses most, by rule.

Strategy (no model): walk the article left to right; a referring expression
takes the nearest earlier mention that fits it:

- "he", "she", "him", "her" -> the nearest person within 3 sentences;
- a surname alone ("Miller") -> the earlier person whose name ends with it;
- "the agency" -> the nearest organisation whose name contains "agency" or
  whose sector is MED or SPY; "the ministry"/"the department" -> the nearest
  organisation or government body with that word; "the spokesperson",
  "the president", "the minister" -> the nearest person with that role;
  "the group"/"the militants" -> the nearest group; "the country" -> the
  nearest state;
- "the two countries", "both countries", "both sides", "the two sides" ->
  the two most recent distinct states: two mentions on the same span.
"""

from __future__ import annotations

from .resolve import Cand

PRONOUNS = {"he", "she", "him", "her"}
PAIR_NOUNS = {"countries", "sides", "nations", "governments", "states", "neighbors",
              "neighbours", "allies"}
ORG_WORDS = {"agency": ("agency",), "ministry": ("ministry",), "department": ("department",),
             "service": ("service",), "army": ("army",), "military": ("army", "forces"),
             "council": ("council",), "court": ("court",), "organization": ("organization",),
             "organisation": ("organisation",)}
ROLE_WORDS = {"spokesperson": "spokes", "spokesman": "spokes", "spokeswoman": "spokes",
              "president": "president", "minister": "minister", "leader": "leader",
              "secretary": "secretary", "premier": "premier", "envoy": "envoy",
              "ambassador": "ambassador", "chancellor": "chancellor"}
GROUP_WORDS = {"group", "militants", "rebels", "movement", "militia", "insurgents"}
MAX_SENTS_BACK = 3


def _sent_index(doc) -> list[int]:
    idx = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            idx[i] = n
    return idx


def resolve_coref(doc, cands: list[Cand]) -> list[Cand]:
    """Add coreferent mentions to the candidate list (sorted by start)."""
    if not cands:
        return cands
    sent_of = _sent_index(doc)
    covered = bytearray(len(doc))
    for c in cands:
        for i in range(c.start, c.end):
            covered[i] = 1
    ordered = sorted(cands, key=lambda c: c.start)
    added: list[Cand] = []

    def before(i: int) -> list[Cand]:
        return [c for c in ordered if c.end <= i]

    # surnames and short names of people named earlier
    for c in ordered:
        a = c.actor
        if a.kind != "person" or a.country or not c.rule.startswith("ner"):
            continue
        text = doc[c.start:c.end].text
        for prev in reversed(before(c.start)):
            pa = prev.actor
            if pa.kind == "person" and pa.country and pa.name != text and (
                    pa.name.endswith(" " + text) or pa.name.split()[-1] == text.split()[-1]):
                c.actor = pa
                c.rule = "coref:name"
                break

    for tok in doc:
        if covered[tok.i]:
            continue
        low = tok.lower_
        if low in PRONOUNS and tok.pos_ == "PRON":
            for prev in reversed(before(tok.i)):
                if sent_of[tok.i] - sent_of[prev.start] > MAX_SENTS_BACK:
                    break
                if prev.actor.kind == "person" and prev.actor.country:
                    c = Cand(tok.i, tok.i + 1, prev.actor, "coref:pronoun")
                    added.append(c)
                    break
            continue
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        dets = [t.lower_ for t in tok.lefts if t.dep_ in ("det", "nummod", "predet", "amod")]
        if not dets:
            continue
        start = min([t.i for t in tok.lefts] + [tok.i])
        if any(covered[i] for i in range(start, tok.i)):
            continue
        if low in PAIR_NOUNS and ("both" in dets or "two" in dets):
            seen: list[Cand] = []
            for prev in reversed(before(tok.i)):
                a = prev.actor
                if a.kind in ("state",) and a.country and all(
                        s.actor.country != a.country for s in seen):
                    seen.append(prev)
                if len(seen) == 2:
                    break
            if len(seen) == 2:
                for prev in reversed(seen):
                    from ..models import Actor  # local: keep module import light
                    a = prev.actor
                    pair = Actor(name=a.name, code=a.country, country=a.country, sector=None,
                                 kind="state", id=f"country:{a.country}")
                    added.append(Cand(start, tok.i + 1, pair, "coref:pair"))
            continue
        if "the" not in dets and "this" not in dets:
            continue
        match = None
        if low in ORG_WORDS:
            words = ORG_WORDS[low]
            for prev in reversed(before(tok.i)):
                a = prev.actor
                name = a.name.lower()
                if a.kind in ("organisation", "state") and (
                        any(w in name for w in words)
                        or (low == "agency" and a.sector in ("MED", "SPY"))
                        or (prev.role_word and any(w in prev.role_word for w in words))):
                    match = prev
                    break
        elif low in ROLE_WORDS:
            key = ROLE_WORDS[low]
            for prev in reversed(before(tok.i)):
                a = prev.actor
                if a.kind == "person" and a.role and key in a.role:
                    match = prev
                    break
        elif low in GROUP_WORDS:
            for prev in reversed(before(tok.i)):
                if prev.actor.kind == "group" and prev.actor.code:
                    match = prev
                    break
        elif low == "country":
            for prev in reversed(before(tok.i)):
                if prev.actor.kind == "state" and prev.actor.country:
                    match = prev
                    break
        if match is not None:
            c = Cand(start, tok.i + 1, match.actor, "coref:" + low)
            c.role_word = match.role_word
            added.append(c)
    out = cands + added
    out.sort(key=lambda c: (c.start, -c.end))
    return out
