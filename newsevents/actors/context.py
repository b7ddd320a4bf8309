"""Context rules that refine anchors and composed phrases (see docs/actors.md).

- ``name_sectors``: a national institution whose own name holds a
  legislature or court noun takes that sector ("U.S. Senate" LEG, not the
  GOV the PETRARCH dictionary gives the whole Congress block);
- ``plural_demonyms``: "Iraqis", "Nigerians" (spaCy NORP the data lists only
  in the singular) resolve to the country;
- ``facilities``: a facility "in <place>" belongs to its possessor: "its
  consulate in Damascus", "Iran's embassy in Kabul", "the U.S. base in
  Qatar" act for the owner, and the place is a place, not an actor.
"""

from __future__ import annotations

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
