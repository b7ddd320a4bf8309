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


_ANCHOR_GAP = re.compile(r"\s+(?:the\s+|this\s+)?")
_PAREN_GAP = re.compile(r"\s*[(,]\s*")


def _shift_from(value: str, amount: int, unit: str) -> str | None:
    """``value`` moved by ``amount`` units, at the unit's precision."""
    if unit in ("day", "week") and cal.precision_of(value) == "day":
        # "a week before March 10" is March 3: a day anchor keeps its precision
        days = amount * (7 if unit == "week" else 1)
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    base = _convert(value, unit)
    return cal.shift_value(base, amount, unit) if base else None


def _anchor_offsets(cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """ "a week before March 10", "two days after the April 13 strike": one expression.

    The offset counts from the date right after it, and the two become one
    expression with the shifted value (the anchor date belongs to the phrase).
    """
    out: list[_Cand] = []
    skip = -1
    for i, c in enumerate(cands):
        if i == skip:
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if (c.defer == "restate" and nxt is not None and nxt.value and not nxt.defer
                and _ANCHOR_GAP.fullmatch(ctx.text, c.end, nxt.start)):
            value = _shift_from(nxt.value, c.amount, c.unit)
            if value:
                c.value, c.defer, c.end, c.kind = value, "", nxt.end, "offset"
                c.rule += ":anchor"
                skip = i + 1
        out.append(c)
    return out


def _deictic_with_weekday(a: _Cand, b: _Cand, ctx: _Ctx) -> bool:
    """ "yesterday (Friday)", "today, Monday,": the named day, nearest the deictic one, wins.

    The weekday is the writer's explicit statement; "yesterday" counts from
    when the text was written, which may be a day before publication.
    """
    if not (a.kind == "relative-day" and b.kind == "weekday" and b.wd >= 0 and a.value
            and _PAREN_GAP.fullmatch(ctx.text, a.end, b.start)
            and ctx.text[b.end:b.end + 1] in (")", ",")):
        return False
    base = date.fromisoformat(a.value)
    delta = (b.wd - base.weekday() + 3) % 7 - 3  # nearest such weekday: -3 … +3 days
    named = base + timedelta(days=delta)
    # It stays on the deictic word's side of publication: "yesterday (Friday)"
    # in a Wednesday paper is the Friday before, never the one after.
    if base <= ctx.published < named:
        named -= timedelta(days=7)
    elif named <= ctx.published < base:
        named += timedelta(days=7)
    b.value = a.value = named.isoformat()
    a.rule += ":named_weekday"
    b.rule = "weekday:named_with_deictic"
    return True


def _order_range(a: _Cand, b: _Cand, ctx: _Ctx) -> None:
    """Both ends of a month range in order: "March to April 2024", "September to March"."""
    pa, pb = cal.precision_of(a.value), cal.precision_of(b.value)
    a_year = bool(_EXPLICIT_YEAR.search(ctx.text, a.start, a.end))
    b_year = bool(_EXPLICIT_YEAR.search(ctx.text, b.start, b.end))
    if pa in ("month", "day") and pb in ("month", "day") and not a_year and b_year:
        # The first end takes the year written on the second.
        y = int(b.value[:4]) - (1 if a.value[5:] > b.value[5:] else 0)
        a.value = f"{y}{a.value[4:]}"
        a.rule += ":range_year"
        return
    pub = ctx.published.isoformat()[:len(b.value)]
    if (not b_year and "past" in (a.direction, b.direction) and "future" not in (a.direction, b.direction)
            and b.value > pub):
        # Past narration ("lasted from September to March"): the range ended by publication.
        b.value = f"{int(b.value[:4]) - 1}{b.value[4:]}"
        b.rule += ":range_past"
    if pa == pb and pa in ("month", "day") and b.value < a.value and not (a_year and b_year):
        # Across a year boundary: move the end that has no written year.
        if b_year or (not a_year and "future" not in (a.direction, b.direction)):
            a.value = f"{int(a.value[:4]) - 1}{a.value[4:]}"
            a.rule += ":range_order"
        else:
            b.value = f"{int(b.value[:4]) + 1}{b.value[4:]}"
            b.rule += ":range_order"


def second_pass(cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """Ranges, anaphora, anchored offsets and inherited years, in text order."""
    text = ctx.text
    cands = _anchor_offsets(cands, ctx)
    # Ranges: "from 1910 to 1940", "Wednesday through Friday".
    for a, b in pairwise(cands):
        if a.value is None or b.value is None:
            continue
        if _deictic_with_weekday(a, b, ctx):
            continue
        join = _RANGE_JOIN.fullmatch(text, a.end, b.start)
        if not join:
            continue
        word = join.group(0).strip().lower()
        if word in ("and", "to") and not _RANGE_OPEN.search(text, max(0, a.start - 10), a.start):
            same = cal.precision_of(a.value) == cal.precision_of(b.value) and a.month and b.month
            if not (word == "to" and (a.kind == b.kind == "weekday" or same or (
                    a.month and not a.day and cal.precision_of(b.value) == "month"))):
                continue
        a.kind = b.kind = "range"
        if a.month and b.month:
            a.month = 0 if not a.day else a.month  # the range sets its year
            _order_range(a, b, ctx)
        elif a.month and not a.day and cal.precision_of(b.value) == "month":
            a.month = 0
            _order_range(a, b, ctx)
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
        if c.defer == "shift" and (c.kind == "anaphoric" or c.amount <= 0) and (
                c.amount or ctx.text[c.start:c.start + 5].lower() in ("earli", "later")):
            # "the previous month", "three days earlier", "the same day" with nothing
            # before them: counted from the article's own time, as a reader would
            # ("a year later" with nothing before it stays unresolved, and so does a
            # generic "that day").
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


def resolve_cands(doc, published: date, order: str = "dmy",
                  last_reading: str = "previous_week") -> tuple[_Ctx, list[_Cand]]:
    """Both passes over a parsed Doc: the context and the resolved candidates."""
    ctx = _Ctx(doc, published, order, last_reading)
    return ctx, second_pass(find_candidates(ctx), ctx)


def resolve_doc(doc, published: date, order: str = "dmy",
                last_reading: str = "previous_week") -> list[TimeRef]:
    """Resolve every temporal expression of a parsed Doc (see ``resolve_dates``)."""
    ctx, cands = resolve_cands(doc, published, order, last_reading)
    return [
        TimeRef(text=ctx.text[c.start:c.end], start=c.start, end=c.end, value=c.value,
                precision=cal.precision_of(c.value), kind=c.kind, rule=c.rule)
        for c in cands
    ]
