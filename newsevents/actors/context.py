"""Context rules that refine anchors and composed phrases (see docs/actors.md).

- ``name_sectors``: a national institution whose own name holds a
  legislature or court noun takes that sector ("U.S. Senate" LEG, not the
  GOV the PETRARCH dictionary gives the whole Congress block);
- ``plural_demonyms``: "Iraqis", "Nigerians" (spaCy NORP the data lists only
  in the singular) resolve to the country;
- ``facilities``: a facility "in <place>" belongs to its possessor: "its
  consulate in Damascus", "Iran's embassy in Kabul", "the U.S. base in
  Qatar" act for the owner, and the place is a place, not an actor;
- ``relations``: "Israel's militia ally in southern Lebanon", "Iran's
  proxies": the possessor of an ally/proxy/rival is not the actor;
- ``proxies``: "pro-Iranian Hizbollah", "the Syrian-backed Amal militia":
  the backer is not the actor (but "Vietnamese-led forces" are Vietnam's);
- ``compass_words``: "West Africans", "West Darfur State": a compass word
  inside a longer name is not "the West";
- ``acronyms``: "the National Intelligence and Security Agency (NISA)": the
  bracketed acronym, and every later use of it, is the same actor.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Actor
from .data import Lexicon, Roles, token_keys
from .match import role_sector

# Sectors a name noun may impose on a national institution ("Senate", "Court").
NAME_SECTORS = ("LEG", "JUD")
# Premises owned by a state or organisation: never the actor of the place they are in.
FACILITY_NOUNS = {"embassy", "embassies", "consulate", "consulates", "mission", "missions",
                  "office", "offices", "base", "bases", "airbase", "headquarters",
                  "compound", "outpost", "legation", "residence", "facility", "facilities",
                  "installation", "installations", "bureau", "representation"}
MILITARY_FACILITIES = {"base", "bases", "airbase", "outpost", "installation", "installations"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside"}
POSS_PRONOUNS = {"its", "their", "his", "her"}
# Nouns naming another actor by its relation to the possessor.
RELATION_NOUNS = {"ally", "allies", "proxy", "proxies", "partner", "partners", "rival",
                  "rivals", "enemy", "enemies", "opponent", "opponents", "foe", "foes",
                  "adversary", "adversaries", "client", "clients", "surrogate", "surrogates"}
# "X-backed militia", "pro-X group": X supports the actor, it is not the actor.
BACKING_WORDS = {"backed", "sponsored", "supported", "allied", "funded", "armed", "aligned",
                 "trained", "financed", "inspired", "friendly", "leaning"}


def name_sectors(doc, cands, roles: Roles) -> None:
    """Give a country's institution the sector its name says (in place).

    >>> # "the U.S. Senate" -> USA LEG; "Supreme Court of Pakistan" -> PAK JUD
    """
    for c in cands:
        a = c.actor
        if a.kind != "organisation" or not a.country or a.sector not in (None, "GOV"):
            continue
        found = None
        for tok in doc[c.start:c.end]:
            sector, _ = role_sector([tok], roles)
            if sector in NAME_SECTORS:
                found = sector
                break
        if found:
            c.actor = replace(a, sector=found, code=a.country + found)


def plural_demonym(text: str, lex: Lexicon):
    """The country entry for a plural demonym ("Iraqis" -> Iraq), else None.

    >>> from newsevents.actors.data import load_lexicon
    >>> plural_demonym("Iraqis", load_lexicon()).country
    'IRQ'
    """
    for cut in ("s", "es"):
        if not text.endswith(cut) or len(text) <= len(cut) + 2:
            continue
        alias = lex.aliases.get(tuple(token_keys(text[:-len(cut)])))
        if alias is not None:
            states = [e for e in alias.entries if e.kind == "state" and e.country
                      and e.id.startswith("country:")]
            if states:
                return states[0]
    return None


def _antecedent(doc, cands, i: int):
    """The owner a possessive pronoun at token i points to: the subject of its
    clause when that is a state/organisation, else the nearest earlier one."""
    tok = doc[i]
    verb = tok.head
    while verb.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp") \
            and verb.head.i != verb.i:
        verb = verb.head
    for c in cands:
        if c.absorbed or c.start >= i:
            continue
        root = doc[c.start:c.end].root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.i == verb.i \
                and c.actor.kind != "person" and c.actor.country:
            return c
    earlier = [c for c in cands if not c.absorbed and c.end <= i and c.actor.country
               and c.actor.kind in ("state", "organisation", "group")]
    return earlier[-1] if earlier else None


def facilities(doc, cands, lex: Lexicon, make_cand, state_actor) -> list:
    """"X's embassy in Y": one mention for the owner X; Y is not an actor.

    ``make_cand`` and ``state_actor`` come from resolve.py (no import cycle).
    """
    out = list(cands)
    by_tok = {}
    for c in cands:
        for k in range(c.start, c.end):
            by_tok.setdefault(k, c)
    for tok in doc:
        if tok.lower_ not in FACILITY_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        places = []
        # "in Damascus" hangs off the noun, or off the verb right after the
        # noun's phrase ("closed its consulate in Damascus")
        preps = list(tok.rights)
        nxt = tok.right_edge.i + 1
        if nxt < len(doc) and doc[nxt].head.i == tok.head.i and tok.dep_ in ("dobj", "nsubjpass"):
            preps.append(doc[nxt])
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
                for pobj in prep.children:
                    c = by_tok.get(pobj.i)
                    if c is not None and not c.absorbed and c.actor.kind == "state" \
                            and c.actor.kind != "person":
                        places.append(c)
        if not places:
            continue
        owner, start = None, tok.i
        own = by_tok.get(tok.i)
        if own is not None and not own.absorbed:
            owner, start = own, own.start  # "the U.S. Embassy in Baghdad" composed already
        for left in tok.lefts:
            if owner is not None:
                break
            if left.dep_ == "poss" and left.lower_ in POSS_PRONOUNS:
                owner, start = _antecedent(doc, cands, left.i), left.i
            elif left.dep_ in ("poss", "compound", "amod"):
                c = by_tok.get(left.i)
                if c is not None and not c.absorbed and c.actor.country:
                    owner, start = c, c.start
        for p in places:
            if p is not owner:
                p.absorbed = True  # the place is where, not who
        if owner is None or not owner.actor.country:
            continue
        sector = "MIL" if tok.lower_ in MILITARY_FACILITIES else (owner.actor.sector or "GOV")
        actor: Actor = state_actor(owner.actor.country, sector, lex)
        if own is not None and own is owner:
            own.end = max(own.end, tok.i + 1)
            continue
        if owner.start >= start and owner.end <= tok.i + 1:
            owner.absorbed = True
        out.append(make_cand(start, tok.i + 1, actor, "facility:" + owner.rule))
    return [c for c in out if not c.absorbed]


def relations(doc, cands, roles: Roles, make_cand) -> list:
    """"Israel's militia ally in southern Lebanon": one group mention whose
    country is the place named ("in Lebanon"), else none; the possessor is
    not the actor. Runs before composition so "Israel's militia" is not built.
    """
    by_tok = {}
    for c in cands:
        for k in range(c.start, c.end):
            by_tok.setdefault(k, c)
    out = list(cands)
    for tok in doc:
        if tok.lower_ not in RELATION_NOUNS or tok.pos_ != "NOUN" or tok.i in by_tok:
            continue
        # only a possessor: "Afghan rivals" are Afghans, "Israel's ally" is not Israel
        mods = [by_tok.get(t.i) for t in tok.lefts if t.dep_ == "poss"]
        mods = [c for c in mods if c is not None and not c.absorbed and c.actor.kind != "person"]
        if not mods:
            continue
        place = None
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "inside", "from"):
                for pobj in prep.children:
                    c = by_tok.get(pobj.i)
                    if pobj.dep_ == "pobj" and c is not None and c.actor.kind == "state" \
                            and c.actor.country:
                        place = c
        sector = next((role_sector([t], roles)[0] for t in tok.lefts
                       if t.dep_ == "compound" and role_sector([t], roles)[0]), None)
        start = min(c.start for c in mods)
        end = place.end if place is not None else tok.i + 1
        text = doc[start:end].text
        if place is not None:
            cc = place.actor.country
            actor = Actor(name=text, code=cc + (sector or ""), country=cc, sector=sector,
                          kind="group")
            place.absorbed = True
        else:
            actor = Actor(name=text, code=None, sector=sector, kind="group")
        for c in mods:
            c.absorbed = True
        out.append(make_cand(start, end, actor, "relation"))
    out = [c for c in out if not c.absorbed]
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def proxies(doc, cands) -> None:
    """Drop a state named only as a backer: "pro-Iranian", "Syrian-backed" (in place)."""
    for c in cands:
        if c.actor.kind != "state" or c.end - c.start > 3:
            continue
        before = [t.lower_ for t in doc[max(0, c.start - 2):c.start]]
        after = [t.lower_ for t in doc[c.end:c.end + 2]]
        if before[-2:] == ["pro", "-"] or (before and before[-1] in ("pro", "pro-")) \
                or (len(after) == 2 and after[0] == "-" and after[1] in BACKING_WORDS):
            c.absorbed = True


def compass_words(doc, cands) -> None:
    """"West Africans", "West Darfur State", "East-West relations": the West only
    when "West" heads its own phrase ("the West", "the West's response")."""
    for c in cands:
        if c.actor.code == "WST" and c.end - c.start == 1:
            tok = doc[c.start]
            if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
                c.absorbed = True


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&\-]{1,7}")


def acronyms(doc, cands) -> None:
    """A name followed by its acronym in brackets shares one actor with it, and
    so does every later use of the acronym (in place)."""
    ordered = sorted(cands, key=lambda c: c.start)
    by_end = {c.end: c for c in ordered}
    known = {}

    def placed(c) -> bool:
        return bool(c.actor.country or c.actor.code)

    for c in ordered:
        text = doc[c.start:c.end].text
        if not _ACRONYM.fullmatch(text):
            continue
        if text in known and not placed(c):
            c.actor, c.rule = known[text], "coref:acronym"
            continue
        if c.start >= 2 and doc[c.start - 1].text == "(" and c.end < len(doc) \
                and doc[c.end].text == ")":
            prev = by_end.get(c.start - 1)  # "... Agency (NISA)"
        elif c.start >= 3 and doc[c.start - 1].lower_ == "or" and doc[c.start - 2].text == ",":
            prev = by_end.get(c.start - 2)  # "... Agency, or NISA,"
        else:
            continue
        if prev is None or prev.actor.kind == "person":
            continue
        if placed(prev) and not placed(c):
            c.actor, c.rule = prev.actor, c.rule + "+acronym"
        elif placed(c) and not placed(prev):
            prev.actor, prev.rule = c.actor, prev.rule + "+acronym"
        if placed(c):
            known[text] = c.actor
