"""Handlers for calendar phrases: weeks and weekdays inside months and weeks,
"the 15th", holidays, "the weekend", future offsets ("in two weeks").

Each takes a grammar match and the context and returns candidates, like the
core handlers in ``resolve.py``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .context import _Cand, _mon, _num, _rel_month_year


def _h_nth_week(m, ctx):
    month, pub = _mon(m["mon"]), ctx.published
    rel = (m["rel"] or "").lower()
    if m["year"]:
        y = int(m["year"])
    elif rel:
        y = _rel_month_year(pub, month, rel)
    else:
        y = cal.pick_year(pub, month, None, ctx.direction(m.start(), m.end()))
    value = cal.nth_week_of_month(y, month, m["ord"].lower())
    return [_Cand(m.start(), m.end(), "season/part", f"nth_week:{m['ord'].lower()}", value)]


def _h_week_of(m, ctx):
    month, day = _mon(m["mon"]), int(m["day"])
    if m["year"]:
        y = int(m["year"])
    else:
        y = cal.pick_year(ctx.published, month, day, ctx.direction(m.start(), m.end()))
    try:
        value = cal.week_value(date(y, month, day))
    except (TypeError, ValueError):
        return []
    return [_Cand(m.start(), m.end(), "relative-week", "week_of", value)]


def _h_current(m, ctx):
    pub, unit = ctx.published, m["unit"].lower()
    value = {"week": cal.week_value(pub), "month": cal.month_value(pub.year, pub.month),
             "year": str(pub.year)}[unit]
    return [_Cand(m.start(), m.end(), f"relative-{unit}", f"current_{unit}", value)]


def _h_nth_day(m, ctx):
    """ "the 15th": that day of this month, or of the month before (past) or after (future)."""
    pub, day = ctx.published, int(m["day"])
    rel = (m["rel"] or "").lower()
    if rel:
        y, mo = cal.shift_month(pub.year, pub.month, {"last": -1, "next": 1}.get(rel, 0))
    else:
        direction = ctx.direction(m.start(), m.end()) or ctx.sentence_tense(m.start())
        shift = 0
        if direction == "future" and day < pub.day:
            shift = 1
        elif direction != "future" and day > pub.day:
            shift = -1
        y, mo = cal.shift_month(pub.year, pub.month, shift)
    try:
        value = date(y, mo, day).isoformat()
    except ValueError:
        return []
    return [_Cand(m.start(), m.end(), "partial-date", f"nth_day:{rel or 'nearest'}", value)]


def _month_year_of(m, ctx) -> int:
    """The year of a month named with an optional year and this/last/next."""
    month, rel = _mon(m["mon"]), (m["rel"] or "").lower()
    if m["year"]:
        return int(m["year"])
    if rel:
        return _rel_month_year(ctx.published, month, rel)
    return cal.pick_year(ctx.published, month, None, ctx.direction(m.start(), m.end()))


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "last": -1}


def _h_nth_wd(m, ctx):
    """ "the first Tuesday of October", "the last Friday in May 2024"."""
    month = _mon(m["mon"])
    d = cal.nth_weekday(_month_year_of(m, ctx), month, cal.weekday_index(m["wd"]),
                        _ORD[m["ord"].lower()])
    if d.month != month:
        return []
    return [_Cand(m.start(), m.end(), "partial-date", "nth_weekday", d.isoformat())]


def _h_day_of(m, ctx):
    y, month = _month_year_of(m, ctx), _mon(m["mon"])
    if m["ord"].lower() == "first":
        d = date(y, month, 1)
    else:
        d = date(*cal.shift_month(y, month, 1), 1) - timedelta(days=1)
    return [_Cand(m.start(), m.end(), "partial-date", f"day_of:{m['ord'].lower()}", d.isoformat())]


def _week_weekday(ctx, m, rule):
    shift = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    d = cal.monday_of(ctx.published) + timedelta(weeks=shift, days=cal.weekday_index(m["wd"]))
    return [_Cand(m.start(), m.end(), "weekday", rule, d.isoformat())]


def _h_wd_of_week(m, ctx):
    return _week_weekday(ctx, m, "weekday_of_week")


def _h_week_s_wd(m, ctx):
    return _week_weekday(ctx, m, "week_s_weekday")


def _h_wd_after_next(m, ctx):
    wd, pub = cal.weekday_index(m["wd"]), ctx.published
    nxt = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    return [_Cand(m.start(), m.end(), "weekday", "weekday_after_next",
                  (nxt + timedelta(weeks=1)).isoformat())]


def _h_wd_the_nth(m, ctx):
    """ "Tuesday the 19th": the nearest month in which the 19th is a Tuesday."""
    wd, day, pub = cal.weekday_index(m["wd"]), int(m["day"]), ctx.published
    fits = []
    for k in range(-6, 7):
        y, mo = cal.shift_month(pub.year, pub.month, k)
        d = cal._safe_date(y, mo, day)
        if d and d.weekday() == wd:
            fits.append(d)
    if not fits:
        return []
    d = min(fits, key=lambda x: (abs((x - pub).days), x > pub))
    return [_Cand(m.start(), m.end(), "partial-date", "weekday_the_nth", d.isoformat())]


def _future_offset(ctx, n, unit, start, end, rule):
    pub = ctx.published
    if unit == "day":
        value = (pub + timedelta(days=n)).isoformat()
    elif unit == "week":
        value = cal.week_value(pub + timedelta(weeks=n))
    elif unit == "month":
        value = cal.month_value(*cal.shift_month(pub.year, pub.month, n))
    else:
        value = str(pub.year + n)
    return [_Cand(start, end, "offset", rule, value)]


def _count(m) -> tuple[int | None, str]:
    n, unit = _num(m["num"]), m["unit"].lower()
    if unit == "fortnight":
        return (2 * n if n is not None else None), "week"
    return n, unit


def _h_from_now(m, ctx):
    n, unit = _count(m)
    return _future_offset(ctx, n, unit, m.start(), m.end(), "from_now") if n else []


def _h_in_offset(m, ctx):
    """ "in two weeks" is a date only when the verb looks ahead ("will meet in two weeks");
    "the worst in 20 years" is a duration."""
    n, unit = _count(m)
    if not n or ctx.direction(m.start(), m.end()) != "future":
        return []
    return _future_offset(ctx, n, unit, m.start(), m.end(), "in_offset")


def _h_weekend(m, ctx):
    if m.group(0)[0].isupper() and not ctx.at_sentence_start(m.start()):
        return []  # a title
    direction = ctx.direction(m.start(), m.end())
    if re.search(r"\b(?:ahead\s+of|before|for)\s+$", ctx.text[max(0, m.start() - 12):m.start()],
                 re.IGNORECASE):
        direction = "future"  # "ahead of the weekend"
    value = cal.weekend_week(ctx.published, direction)
    return [_Cand(m.start(), m.end(), "relative-week", f"weekend:{direction or 'past'}", value)]


def _h_holiday(m, ctx):
    """ "Thanksgiving Day", "last Christmas": the holiday's day in the year tense points to."""
    pub, rel = ctx.published, (m["rel"] or "").lower()
    if m["name"][0] == "m" and m["name"].lower().startswith("may"):
        return []  # "may day" in lower case is a modal and a noun
    this_year = cal.holiday_date(m["name"], pub.year)
    if rel == "last" or (not rel and ctx.direction(m.start(), m.end()) != "future"):
        d = this_year if this_year <= pub else cal.holiday_date(m["name"], pub.year - 1)
        if rel == "last" and d == pub:
            d = cal.holiday_date(m["name"], pub.year - 1)
    elif rel == "this":
        d = this_year
    else:
        d = this_year if this_year >= pub else cal.holiday_date(m["name"], pub.year + 1)
    return [_Cand(m.start(), m.end(), "holiday", f"holiday:{rel or 'tense'}", d.isoformat())]
