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
GROUP_WORDS = {"group", "movement", "militia", "insurgents"}
MAX_SENTS_BACK = 3
POSS_PRONOUNS = {"his", "her", "its", "their"}
# "the officials", "the military": the nearest actor of that sector
SECTOR_NOUNS = {"officials": "GOV", "authorities": "GOV", "military": "MIL", "troops": "MIL",
                "forces": "MIL", "police": "COP", "lawmakers": "LEG", "rebels": "REB",
                "militants": "REB"}


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
    # (NER often labels a lone surname ORG: "Balkhi said" -> check those too)
    for c in ordered:
        a = c.actor
        if a.kind not in ("person", "organisation") or a.country \
                or not c.rule.startswith("ner"):
            continue
        text = doc[c.start:c.end].text
        last = text.split()[-1]
        for prev in reversed(before(c.start)):
            pa = prev.actor
            if pa.kind != "person" or pa.name == text or " " not in pa.name:
                continue
            if pa.name.endswith(" " + text) or (
                    a.kind == "person" and pa.name.split()[-1] == last):
                c.actor = pa
                c.rule = "coref:name"
                break

    for tok in doc:
        if covered[tok.i]:
            continue
        low = tok.lower_
        if low in PRONOUNS and tok.pos_ == "PRON":
            # the nearest person who is a grammatical subject (speakers are),
            # else the nearest person at all
            near = [p for p in reversed(before(tok.i))
                    if sent_of[tok.i] - sent_of[p.start] <= MAX_SENTS_BACK
                    and p.actor.kind == "person" and p.actor.country]
            subj = [p for p in near if doc[p.start:p.end].root.dep_ in ("nsubj", "nsubjpass")
                    and p.rule != "coref:pronoun"]
            if low in ("him", "her"):
                # an object pronoun does not refer to its own clause's subject
                # ("Kim sent a message to Raisi congratulating him" -> Raisi)
                near = [p for p in near if not (sent_of[p.start] == sent_of[tok.i]
                        and doc[p.start:p.end].root.dep_ == "nsubj")] or near
                subj = []
            pick = subj[0] if subj else (near[0] if near else None)
            if pick is not None:
                added.append(Cand(tok.i, tok.i + 1, pick.actor, "coref:pronoun"))
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
        poss = [t for t in tok.lefts if t.dep_ == "poss" and t.lower_ in POSS_PRONOUNS]
        if low == "government" and poss:
            # "His government" -> the country of the nearest person; "its" -> state
            want = "person" if poss[0].lower_ in ("his", "her") else "state"
            for prev in reversed(before(tok.i)):
                if prev.actor.kind == want and prev.actor.country:
                    from ..models import Actor
                    cc = prev.actor.country
                    added.append(Cand(poss[0].i, tok.i + 1, Actor(
                        name=prev.actor.name if want == "state" else cc, code=cc + "GOV",
                        country=cc, sector="GOV", kind="state", id=f"country:{cc}"),
                        "coref:government"))
                    break
            continue
        if "the" not in dets and "this" not in dets:
            continue
        if low in SECTOR_NOUNS:
            sector = SECTOR_NOUNS[low]
            for prev in reversed(before(tok.i)):
                a = prev.actor
                if a.country and a.sector == sector and a.kind in ("state", "group"):
                    c = Cand(start, tok.i + 1, a, "coref:" + low)
                    c.role_word = prev.role_word
                    added.append(c)
                    break
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
