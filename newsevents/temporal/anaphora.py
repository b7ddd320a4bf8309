"""Second pass: ranges, anaphora, anchored offsets and inherited years.

Walks the first-pass candidates in text order; what it resolves needs an
earlier expression ("at the time", "two days later", "Wednesday through
Friday", "In 2016 ... until June").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from ..models import TimeRef
from . import calendar as cal
from .attach import _clause_head
from .resolve import _Cand, _Ctx, find_candidates

_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–|—)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_EXPLICIT_YEAR = re.compile(r"(1[5-9]|20)\d\d")


def _convert(value: str, unit: str) -> str | None:
    """An anchor value seen at a coarser unit: a day as its week, month or year."""
    prec = cal.precision_of(value)
    if unit == "year":
        return value[:4] if prec != "decade" else None
    if unit == "month":
        return value[:7] if prec in ("day", "month") else None
    if unit == "week":
        if prec == "day":
            return cal.week_value(date.fromisoformat(value))
        return value if prec == "week" else None
    return value if prec == "day" else None


def _same_clause(ctx: _Ctx, a: _Cand, b: _Cand) -> bool:
    sa = ctx.doc.char_span(a.start, a.end, alignment_mode="expand")
    sb = ctx.doc.char_span(b.start, b.end, alignment_mode="expand")
    if sa is None or sb is None:
        return False
    return _clause_head(sa.root).i == _clause_head(sb.root).i


def second_pass(cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """Ranges, anaphora, anchored offsets and inherited years, in text order."""
    text = ctx.text
    # Ranges: "from 1910 to 1940", "Wednesday through Friday".
    for a, b in pairwise(cands):
        if a.value is None or b.value is None:
            continue
        join = _RANGE_JOIN.fullmatch(text, a.end, b.start)
        if not join:
            continue
        word = join.group(0).strip().lower()
        if word in ("and", "to") and not _RANGE_OPEN.search(text, max(0, a.start - 10), a.start):
            if not (word == "to" and a.kind == b.kind == "weekday"):
                continue
        a.kind = b.kind = "range"
        if b.wd >= 0 and cal.precision_of(a.value) == "day" and b.value < a.value:
            start = date.fromisoformat(a.value)
            b.value = (start + timedelta(days=(b.wd - start.weekday()) % 7)).isoformat()
            b.rule = "range_end:weekday"
    resolved: list[_Cand] = []
    for c in cands:
        if c.month and c.kind != "range":
            # A bare month or month-day takes a year written earlier in its sentence.
            s0 = ctx.sentence_start(c.start)
            years = _EXPLICIT_YEAR.findall(text, s0, c.start)
            prior = [r for r in resolved if r.start >= s0 and r.value and len(r.value) >= 4
                     and _EXPLICIT_YEAR.search(text, r.start, r.end)]
            if years and prior and _same_clause(ctx, prior[-1], c):
                y = prior[-1].value[:4]
                c.value = (f"{y}-{c.month:02d}-{c.day:02d}" if c.day else f"{y}-{c.month:02d}")
                c.rule += ":sentence_year"
        if c.defer:
            c.value = _resolve_deferred(c, resolved, ctx)
            if c.value is None:
                continue
        if c.value is not None:
            resolved.append(c)
    return resolved


def _resolve_deferred(c: _Cand, resolved: list[_Cand], ctx: _Ctx) -> str | None:
    if c.defer == "ana":
        return resolved[-1].value if resolved else None
    # Count offsets from an explicit time, never from another offset (errors compound).
    explicit = [r for r in resolved if r.kind not in ("anaphoric", "offset")] \
        if c.amount else resolved
    need_day = c.unit in ("day", "week")
    pool = [r for r in explicit if cal.precision_of(r.value) == "day"] if need_day else [
        r for r in explicit if _convert(r.value, c.unit)]
    if not pool:
        if c.amount and c.defer == "shift" and c.kind == "anaphoric":
            # "the previous month" with nothing before it: the article's own time.
            base = _convert(ctx.published.isoformat(), c.unit)
            if c.unit == "day":
                return (ctx.published + timedelta(days=c.amount)).isoformat()
            return cal.shift_value(base, c.amount, c.unit) if base else None
        return None
    anchor = pool[-1]
    if c.defer == "restate":
        # "X, a day after the attack": the phrase dates X, whose time is the
        # one already given in this sentence; without one, count from the anchor.
        if ctx.sentence_of(anchor.start) == ctx.sentence_of(c.start):
            return _convert(anchor.value, c.unit) if c.unit != "day" else anchor.value
    base = _convert(anchor.value, c.unit)
    if base is None:
        return None
    if c.amount == 0:
        return base
    if c.unit == "day":
        return (date.fromisoformat(base) + timedelta(days=c.amount)).isoformat()
    return cal.shift_value(base, c.amount, c.unit)


def resolve_doc(doc, published: date, order: str = "dmy") -> list[TimeRef]:
    """Resolve every temporal expression of a parsed Doc (see ``resolve_dates``)."""
    ctx = _Ctx(doc, published, order)
    cands = second_pass(find_candidates(ctx), ctx)
    return [
        TimeRef(text=ctx.text[c.start:c.end], start=c.start, end=c.end, value=c.value,
                precision=cal.precision_of(c.value), kind=c.kind, rule=c.rule)
        for c in cands
    ]
