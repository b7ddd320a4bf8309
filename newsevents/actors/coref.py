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

from ..models import Actor
from .data import load_roles
from .match import role_sector
from .resolve import Cand

PRONOUNS = {"he", "she", "him", "her"}
PAIR_NOUNS = {"countries", "sides", "nations", "governments", "states", "neighbors",
              "neighbours", "allies", "leaders", "capitals"}
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
# Countries whose names put the family name first ("Fu Cong" ... "Fu said").
FAMILY_FIRST = ("CHN", "TWN", "HKG", "PRK", "KOR", "VNM", "JPN")
# "the two countries": look this many sentences back for the pair.
PAIR_SENTS_BACK = 6
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


def _fits(a, noun: str) -> bool:
    if not a.country or a.sector in ("IGO", "NGO"):
        return False
    if noun == "leaders":
        return a.kind == "person"
    return a.kind in ("state", "person", "organisation")


def _clause_role(doc, c: Cand):
    """(verb index, 'subj' | 'obj' | 'conj:<head>') of a candidate's root."""
    root = doc[c.start:c.end].root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return root.head.i, "subj"
    if root.dep_ in ("dobj", "pobj") and root.head.dep_ in ("prep", "agent"):
        return root.head.head.i, "obj"
    if root.dep_ == "dobj":
        return root.head.i, "obj"
    return None, None


def _pair(doc, earlier: list[Cand], sent_of: list[int], sent: int, noun: str) -> list[Cand]:
    """The pair "the two countries" / "both sides" / "the two leaders" refers to.

    Sentences are searched from the nearest back (at most PAIR_SENTS_BACK):
    the first sentence that presents two actors of distinct countries as a
    pair -- coordinated ("Iran and Saudi Arabia restored ties") or as subject
    and object of one verb ("Putin met Xi") -- gives the pair, so a bystander
    named later ("China brokered the deal") is not taken. Failing that, the
    two most recent actors of distinct countries. States, people and
    national bodies count for their country; IGOs never. Everything runs in
    text order: the result depends on the text only.
    """
    window = [c for c in earlier if sent - sent_of[c.start] <= PAIR_SENTS_BACK
              and _fits(c.actor, noun)]
    for s in range(sent, sent - PAIR_SENTS_BACK - 1, -1):
        here = [c for c in window if sent_of[c.start] == s]
        for i, a in enumerate(here):
            va, rolea = _clause_role(doc, a)
            for b in here[i + 1:]:
                if b.actor.country == a.actor.country:
                    continue
                rb = doc[b.start:b.end].root
                if rb.dep_ == "conj" and a.start <= rb.head.i < a.end:
                    return [b, a]
                vb, roleb = _clause_role(doc, b)
                if va is not None and va == vb and {rolea, roleb} == {"subj", "obj"}:
                    return [b, a]
    seen: list[Cand] = []
    for prev in reversed(window):
        if all(s.actor.country != prev.actor.country for s in seen):
            seen.append(prev)
        if len(seen) == 2:
            break
    return seen


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
            family_first = pa.country in FAMILY_FIRST and pa.name.split()[0] == text
            if pa.name.endswith(" " + text) or family_first or (
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
            seen = _pair(doc, before(tok.i), sent_of, sent_of[tok.i], low)
            if len(seen) == 2:
                for prev in reversed(seen):
                    a = prev.actor
                    if low == "leaders" and a.kind == "person":
                        added.append(Cand(start, tok.i + 1, a, "coref:pair"))
                        continue
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
                if not a.country or a.sector != sector:
                    continue
                if a.kind not in ("state", "group"):
                    # "the army spokesperson ... The military claimed": the body, not the person
                    a = Actor(name=a.country, code=a.country + sector, country=a.country,
                              sector=sector, kind="state", id=f"country:{a.country}")
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
            if match is None:  # "Iraqi Prime Minister X ... the country's": X's country
                match = next((p for p in reversed(before(tok.i)) if p.actor.country
                              and p.actor.sector not in ("IGO", "NGO")), None)
        if match is not None and low == "country" and tok.dep_ == "poss":
            # "the country's intelligence service": the state's organ
            head = tok.head
            lo = head.i
            while lo - 1 > tok.i and doc[lo - 1].dep_ in ("compound", "amod"):
                lo -= 1
            sector, _ = role_sector(list(doc[lo:head.i + 1]), load_roles())
            cc = match.actor.country
            if sector and cc and not any(covered[i] for i in range(tok.i, head.i + 1)):
                c = Cand(start, head.i + 1, Actor(
                    name=match.actor.name, code=cc + sector, country=cc, sector=sector,
                    kind="state", id=f"country:{cc}"), "coref:country+role")
                c.role_word = " ".join(t.lower_ for t in doc[lo:head.i + 1])
                added.append(c)
                continue
        if match is not None:
            c = Cand(start, tok.i + 1, match.actor, "coref:" + low)
            c.role_word = match.role_word
            added.append(c)
    out = cands + added
    out.sort(key=lambda c: (c.start, -c.end))
    return out
