"""Domestic events: the recipient (or actor) that is the actor's own country.

PLOVER codes the recipient of an act done inside a country to its own
people as that country ("Sudan lifted the emergency in Darfur" → SDN→SDN;
"Egyptian police arrested protesters" → EGY→EGYOPP; "students rallied in
Lagos" → NGAEDU→NGA): the actor and recipient are lists of entities, and a
domestic group (protesters, opposition, rebels, civilians, journalists …)
is an entity of the country it acts in. The actors stage resolves named
actors; here a role filler that names only such a group, or a missing
role, is resolved to the country where the event happens (its location),
else the country of the other side.
"""

from __future__ import annotations

from ..models import Mention, PlaceMention
from .roles import RELATIONAL

# Acts exercised on the people of a place: with no recipient named, the
# recipient is the population of the place (or of the actor's own country).
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE"})
# Material acts whose recipient, when unnamed, is the place they hit — only
# when the text gives that place.
PLACE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "SANCTION"})
# Groups named by a role noun ("demonstrators", "the opposition") act in
# their country; PROTEST needs a protester even when the parse found none.
_ACTOR_FROM_PLACE = frozenset({"PROTEST"})


def _lexicons():
    """The actors stage's lexicon and role index (cached there)."""
    from ..actors.data import load_lexicon, load_roles

    return load_lexicon(), load_roles()


def group_sector(token) -> str | None:
    """Sector of a role filler that names a domestic group, else None.

    >>> # "demonstrators" → "OPP"; "President Mugabe" → "GOV"; "a ship" → None
    """
    from ..actors.match import role_sector

    _, roles = _lexicons()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    phrase = mods + [token]
    sector, _ = role_sector(phrase, roles)
    if sector:
        return sector
    if token.pos_ == "PROPN":  # "President Mugabe": the title says who it is
        for c in mods:
            sector, _ = role_sector([c], roles)
            if sector:
                return sector
    return None


def _state_mention(country: str, sector: str | None, token, rule: str) -> Mention:
    from ..actors.resolve import state_actor

    lex, _ = _lexicons()
    actor = state_actor(country, sector, lex)
    if token is not None:
        span = token.doc[token.left_edge.i:token.right_edge.i + 1] if token.dep_ != "ROOT" else token.doc[token.i:token.i + 1]
        if len(span) > 8:
            span = token.doc[token.i:token.i + 1]
        return Mention(text=span.text, start=span.start_char, end=span.end_char, actor=actor, rule=rule)
    return Mention(text=actor.name, start=0, end=0, actor=actor, rule=rule)


_DISPLACED = frozenset({"refugee", "migrant", "immigrant", "asylum", "evacuee", "exile", "foreigner"})


def _first_group(tokens) -> tuple[object | None, str | None]:
    """The first filler (or its possessor / "of" complement) that names a group."""
    for t in tokens:
        if t.lemma_.lower() in _DISPLACED:
            return None, None  # refugees and migrants are people from elsewhere
        if t.lemma_.lower() in RELATIONAL:
            continue  # "its neighbor", "their allies": another actor, not a group of the source's
        inner = [c for c in t.children if c.dep_ == "poss"]
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
            inner.extend(g for g in prep.children if g.dep_ == "pobj")
        for u in [t, *inner]:  # "demonstrators"; "the removal of President X"
            sector = group_sector(u)
            if sector:
                return u, sector
    return None, None


# Places the places stage found in the predicate's own phrases or the
# dateline; a place elsewhere in the sentence may belong to the attribution
# ("relief officials in Nairobi said").
_RELIABLE_PLACE = frozenset({"place:predicate", "place:dateline"})


_AUTHORITY_TYPES = frozenset({"COERCE", "ACCUSE", "SANCTION"})
_INTERSTATE_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"})


def _agentless_passive(head) -> bool:
    """Is the predicate a passive with no by-agent ("was arrested in Lebanon")?"""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) and \
        not any(c.dep_ == "agent" for c in head.children)


def _visit(head) -> bool:
    """Is the predicate a visit ("a delegation to visit Bucharest")? Visitors come from elsewhere."""
    return head.lemma_.lower() in ("visit", "tour", "trip", "arrive")


def fill_domestic(pairs: list[tuple], typ: str, src_tokens: list, tgt_tokens: list,
                  place: PlaceMention | None, place_rule: str, head) -> tuple[list[tuple], str]:
    """Fill a missing side of each (source, target) pair with the country the event happens in.

    Returns the new pairs and the rule applied ("" when nothing changed).

    >>> # "Sudan's government lifted a state of emergency": [(SDN, None)] → [(SDN, SDN)]
    """
    where = None
    if place is not None and place.place is not None and place_rule in _RELIABLE_PLACE:
        where = place.place.country
    out, rule = [], ""
    for s0, t in pairs:
        # a source the actors stage named but could not place ("ethnic
        # Albanians") is filled like a missing one; it stays if nothing fills it
        unplaced = s0 is not None and not (s0.actor.country or s0.actor.code)
        s = None if unplaced else s0
        sc = s.actor.country if s is not None else None
        tc = t.actor.country if t is not None else None
        if s is not None and t is None and sc:
            tok, sector = _first_group(tgt_tokens)
            country = where or sc
            if tok is not None:
                t, rule = _state_mention(country, sector, tok, "events-domestic"), "target:domestic-group"
            elif typ in DOMESTIC_TYPES:
                # "lifted a state of emergency", "arrested 12": done to the
                # people of the place (an unresolved object is not a recipient)
                t, rule = _state_mention(country, None, None, "events-domestic"), "target:domestic"
            elif typ in PLACE_TYPES and where:
                t, rule = _state_mention(where, None, None, "events-domestic"), "target:place"
        elif s is None and t is not None and tc and where and not src_tokens and typ in _AUTHORITY_TYPES \
                and _agentless_passive(head):
            # "a US national was put under investigation in Italy", "was arrested in
            # Lebanon": the authorities of the place did it
            s, rule = _state_mention(where, None, None, "events-domestic"), "source:place-authority"
        elif s is None and t is not None and tc and not _visit(head):
            tok, sector = _first_group(src_tokens)
            if where is None and typ in _INTERSTATE_TYPES and tok is not None and tok.pos_ == "PROPN":
                # an unplaced "President X" welcoming a foreign leader is no compatriot of
                # his (a group — "opposition leaders agreed" — still is)
                tok = None
            if tok is not None or (typ in _ACTOR_FROM_PLACE and (unplaced or not src_tokens)):
                s = _state_mention(where or tc, sector, tok, "events-domestic")
                rule = "source:domestic-group"
        elif s is None and t is None and where:
            tok, sector = _first_group(src_tokens)
            if tok is not None or (typ in _ACTOR_FROM_PLACE and (unplaced or not src_tokens)):
                s = _state_mention(where, sector, tok, "events-domestic")
                rule = "source:domestic-group"
                ttok, tsector = _first_group(tgt_tokens)
                if ttok is not None or (not tgt_tokens and typ in DOMESTIC_TYPES):
                    t = _state_mention(where, tsector, ttok, "events-domestic")
        out.append((s if s is not None else s0, t))
    return out, rule
