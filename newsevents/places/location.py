"""Where an event happened: the place attached to its predicate, else the dateline, else the sentence."""

from __future__ import annotations

import re

from ..models import PlaceMention
from ..nlp import doc_text

LOCATIVE = {"in", "inside", "at", "near", "on", "across", "into", "outside", "within", "throughout",
            "over", "off", "around", "along", "towards", "toward", "to", "between", "onto", "by"}
# Edges that leave the predicate's own clause: a place found beyond them belongs to another event.
CLAUSE_EDGES = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp"}
MAX_DEPTH = 8
# 'KYIV, Ukraine —' / 'BEIRUT (AP) —' at the very start of the text.
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .'\-]{2,30})?)\s*(?:\([^)]{1,20}\))?\s*[—–-]")


def _place_at(places: list[PlaceMention], tok) -> PlaceMention | None:
    for p in places:
        if p.start <= tok.idx < p.end:
            return p
    return None


def _governed_by_locative(tok) -> bool:
    """True when ``tok`` is (part of) the object of a locative preposition."""
    t = tok
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE:
            return True
        if t.dep_ in ("compound", "appos", "conj", "poss", "amod", "nmod", "pobj", "case") and t.head is not t:
            t = t.head
            continue
        return False
    return False


def _predicate_place(token, places: list[PlaceMention]) -> PlaceMention | None:
    # Breadth-first through the predicate's clause, so the nearest locative phrase wins.
    frontier = [token]
    seen = {token.i}
    for _ in range(MAX_DEPTH):
        found: list[PlaceMention] = []
        nxt = []
        for t in frontier:
            for ch in t.children:
                if ch.i in seen or ch.dep_ in CLAUSE_EDGES:
                    continue
                if ch.dep_ == "conj" and ch.pos_ in ("VERB", "AUX"):
                    continue  # a coordinated verb is its own event
                seen.add(ch.i)
                nxt.append(ch)
                p = _place_at(places, ch)
                if p is not None and "+actor" not in p.rule and _governed_by_locative(ch):
                    found.append(p)
        if found:
            # The most specific: a city beats the country that qualifies it ('Damascus, Syria').
            return min(found, key=lambda p: (p.place.feature == "country", p.start))
        frontier = nxt
        if not frontier:
            break
    return None


def _dateline_place(places: list[PlaceMention], doc) -> PlaceMention | None:
    m = DATELINE.match(doc_text(doc)[:120])
    if not m:
        return None
    inside = [p for p in places if p.start >= m.start(1) and p.end <= m.end(1)]
    return inside[0] if inside else None


def event_location(token, places: list[PlaceMention], doc) -> tuple[PlaceMention | None, str]:
    """The place of the event whose predicate is ``token``, and the rule that found it.

    Rules, in order: ``predicate`` (a place in a locative phrase of the predicate:
    'inside Israel', 'in Iraq's Anbar desert'), ``dateline`` ('KYIV, Ukraine —'),
    ``sentence_locative`` (a place under a locative preposition elsewhere in the
    sentence), ``sentence`` (any place in the sentence that is not an actor), else
    ``(None, 'none')``.

    >>> doc = parse_one("Iran fired missiles at targets inside Israel.")  # doctest: +SKIP
    >>> event_location(doc[1], resolve_places(doc, []), doc)[1]          # doctest: +SKIP
    'predicate'
    """
    if not places:
        return None, "none"
    p = _predicate_place(token, places)
    if p is not None:
        return p, "predicate"
    p = _dateline_place(places, doc)
    if p is not None:
        return p, "dateline"
    sent = token.sent
    in_sent = [q for q in places if sent.start_char <= q.start < sent.end_char and "+actor" not in q.rule]
    loc = [q for q in in_sent if _governed_by_locative(doc.char_span(q.start, q.end, alignment_mode="expand").root)]
    if loc:
        return min(loc, key=lambda q: abs(q.start - token.idx)), "sentence_locative"
    if in_sent:
        return min(in_sent, key=lambda q: abs(q.start - token.idx)), "sentence"
    return None, "none"
