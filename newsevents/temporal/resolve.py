"""Find temporal expressions in a parsed article and resolve them.

Two passes. The first (here) runs the compiled grammar (``grammar.PATTERNS``) over
the text and resolves everything that needs only the publication date and
the parse (tense decides which Tuesday or which October). The second pass
walks the expressions in text order and resolves what needs an earlier one:
anaphora ("at the time", "that day"), anchored offsets ("two days later"),
range endpoints and months that inherit a year named earlier in the sentence.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .context import (  # noqa: F401 (_Cand, _Ctx re-exported for anaphora.py)
    _AHEAD,
    DEADLINE_WORDS,
    OPEN_END_PREPS,
    QUOTES_OPEN,
    _Cand,
    _Ctx,
    _mon,
    _month_day,
    _num,
    _open_end,
    _rel_month_year,
)
from .grammar import (
    DETERMINERS,
    MONTH_CUES,
    NUMBER_BEFORE,
    PATTERNS,
    TRIGGER,
    UNIT_AFTER,
    WEEKDAY_NAME_BEFORE,
    WINDOW,
    YEAR_CUES,
)
from .phrases import (
    _h_current,
    _h_day_of,
    _h_from_now,
    _h_holiday,
    _h_in_offset,
    _h_nth_day,
    _h_nth_wd,
    _h_nth_week,
    _h_wd_after_next,
    _h_wd_of_week,
    _h_wd_the_nth,
    _h_week_of,
    _h_week_s_wd,
    _h_weekend,
)

# --- handlers: match -> candidates (an empty list means "not a date") -------

def _h_iso(m, ctx):
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return []
    # A date-time ("2019-08-01T14:30:00") keeps its day: day is our finest precision.
    return [_Cand(m.start(), m.end(), "absolute", "iso", d.isoformat())]


def _h_numeric(m, ctx):
    a, b, c = int(m["a"]), int(m["b"]), m["c"]
    year = int(c)
    if len(c) == 2:
        year += 2000 if year <= ctx.published.year % 100 + 1 else 1900
    day, month = (a, b) if ctx.order == "dmy" else (b, a)
    if month > 12 and day <= 12:  # unambiguous the other way round
        day, month = month, day
    try:
        d = date(year, month, day)
    except ValueError:
        return []
    return [_Cand(m.start(), m.end(), "absolute", f"numeric:{ctx.order}", d.isoformat())]


def _h_full(m, ctx):
    try:
        d = date(int(m["year"]), _mon(m["mon"]), int(m["day"]))
    except ValueError:
        return []
    return [_Cand(m.start(), m.end(), "absolute", "full_date", d.isoformat())]


def _day_range(m, ctx, first_end, second_start, second_end):
    """Both ends of "May 12-14" / "12-14 May [2024]", in order."""
    month, d1, d2 = _mon(m["mon"]), int(m["day"]), int(m["day2"])
    if d2 <= d1:
        return []  # "May 3-1" is no range
    if m["year"]:
        try:
            first = _Cand(m.start(), first_end, "range", "range:explicit",
                          date(int(m["year"]), month, d1).isoformat())
        except ValueError:
            return []
    else:
        first = _month_day(ctx, m.start(), first_end, month, d1, "range", "month_day")
        if first is None:
            return []
        first.month = 0  # the range gives the year; no inheritance later
    y = int(first.value[:4])
    try:
        second = date(y, month, d2).isoformat()
    except ValueError:
        return []
    return [first, _Cand(second_start, second_end, "range", "range_end", second)]


def _h_md_range(m, ctx):
    return _day_range(m, ctx, m.end("day"), m.start("day2"), m.end())


def _h_dm_range(m, ctx):
    return _day_range(m, ctx, m.end("day"), m.start("day2"), m.end())


def _h_part(m, ctx):
    pub = ctx.published
    rel = (m["rel"] or "").lower()
    shift = {"last": -1, "next": 1}.get(rel, 0)
    if m["mon"]:
        month = _mon(m["mon"])
        if m["year"]:
            value = cal.month_value(int(m["year"]), month)
            return [_Cand(m.start(), m.end(), "season/part", "part:month_year", value)]
        if rel:
            y = _rel_month_year(pub, month, rel)
            return [_Cand(m.start(), m.end(), "season/part", "part:rel_month",
                          cal.month_value(y, month))]
        y = cal.pick_year(pub, month, None, ctx.direction(m.start(), m.end()))
        return [_Cand(m.start(), m.end(), "season/part", "part:month", cal.month_value(y, month),
                      month=month)]
    if m["yr"]:
        return [_Cand(m.start(), m.end(), "season/part", "part:year", m["yr"])]
    unit = m["unitword"].lower()
    if unit == "year":
        value = str(pub.year + shift)
    elif unit == "month":
        value = cal.month_value(*cal.shift_month(pub.year, pub.month, shift))
    else:
        value = cal.week_value(pub + timedelta(weeks=shift))
    return [_Cand(m.start(), m.end(), "season/part", f"part:{rel or 'this'}_{unit}", value)]


def _h_month_rel_year(m, ctx):
    shift = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    value = cal.month_value(ctx.published.year + shift, _mon(m["mon"]))
    return [_Cand(m.start(), m.end(), "month-name", "month_of_rel_year", value)]


def _h_month_year(m, ctx):
    value = cal.month_value(int(m["year"]), _mon(m["mon"]))
    return [_Cand(m.start(), m.end(), "absolute", "month_year", value)]


def _lower_may(m) -> bool:
    return m["mon"] == "may"  # the verb, never the month


def _weekday_year(c: _Cand, text: str, pub: date) -> None:
    """ "Monday, Feb 18": when a weekday is written, take the year in which it fits."""
    w = re.match(r"([A-Za-z]+)\.?,?\s", text)
    if not w or w.group(1).lower() in cal.MONTHS:
        return
    try:
        wd = cal.weekday_index(w.group(1))
    except ValueError:
        return
    d = date.fromisoformat(c.value)
    if d.weekday() == wd:
        return
    fits = [date(y, d.month, d.day) for y in range(pub.year - 6, pub.year + 7)
            if cal._safe_date(y, d.month, d.day) and date(y, d.month, d.day).weekday() == wd]
    if fits:
        c.value = min(fits, key=lambda x: (abs((x - pub).days), x > pub)).isoformat()
        c.rule += ":weekday_year"


def _h_month_day(m, ctx):
    if _lower_may(m):
        return []
    c = _month_day(ctx, m.start(), m.end(), _mon(m["mon"]), int(m["day"]), "partial-date",
                   "month_day")
    if c:
        _weekday_year(c, m.group(0), ctx.published)
    return [c] if c else []


def _h_day_month(m, ctx):
    if _lower_may(m):
        return []
    c = _month_day(ctx, m.start(), m.end(), _mon(m["mon"]), int(m["day"]), "partial-date",
                   "day_month")
    return [c] if c else []


def _h_decade(m, ctx):
    if m["cent"]:
        value = m["cent"] + m["dec"]
    else:
        # "'70s": the century of the nearest year or decade written before it.
        before = ctx.text[max(0, m.start() - 300):m.start()]
        years = re.findall(r"(1[5-9]|20)\d\d", before)
        cent = years[-1] if years else ("19" if int(m["sdec"]) >= 3 else "20")
        value = cent + m["sdec"]
    return [_Cand(m.start(), m.end(), "decade", "decade", value)]


def _h_year_range(m, ctx):
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
        if int(y2) <= int(y1):
            return []
    if UNIT_AFTER.match(ctx.text, m.end()):
        return []
    return [_Cand(m.start("y1"), m.end("y1"), "range", "year_range", y1),
            _Cand(m.start("y2"), m.end("y2"), "range", "year_range", y2)]


def _h_rel_day(m, ctx):
    word = re.sub(r"\s+", " ", m["word"].lower())
    if word[0] == "t" and m["word"][0] == "T" and ctx.capitalised_name_before(m.start()):
        return []  # "USA Today", "Psychology Today"
    if ctx.wrapped_in_quotes(m.start(), m.end()):
        return []
    if word == "overnight" and _overnight_idiom(ctx, m.start()):
        return []  # "an overnight stay", "it did not happen overnight"
    # "last night" began the evening before; "overnight" is the night that ends
    # on the morning of publication, when such reports are written.
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "overnight": 0,
              "last night": -1, "last evening": -1, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    value = (ctx.published + timedelta(days=offset)).isoformat()
    return [_Cand(m.start(), m.end(), "relative-day", f"rel_day:{offset:+d}", value)]


_OVERNIGHT_IDIOM = frozenset({"not", "n't", "almost", "virtually", "literally", "seemingly",
                              "practically", "change", "changed", "changes"})


def _overnight_idiom(ctx, start: int) -> bool:
    """ "an overnight stay", "won't happen overnight": not the night before publication.

    "The attack happened overnight" is a date; only a negated "happen" is the idiom.
    """
    prev = ctx.prev_word(start).lower()
    if prev in DETERMINERS | _OVERNIGHT_IDIOM:
        return True
    return prev.startswith("happen") and bool(
        re.search(r"\b(?:not|n't|never|won't|cannot)\b[^.]{0,20}$", ctx.text[max(0, start - 40):start],
                  re.IGNORECASE))


def _h_month_rel(m, ctx):
    if m["mon"] in ("march", "may"):
        return []  # "at this march": the protest
    month = _mon(m["mon"])
    rel = m["rel"].lower()
    y = _rel_month_year(ctx.published, month, rel)
    return [_Cand(m.start(), m.end(), "relative-month", f"month_rel:{rel}",
                  cal.month_value(y, month))]


_PAST_SPEECH = frozenset({"said", "told", "announced", "reported", "stated", "added", "wrote",
                          "confirmed", "warned", "declared", "insisted", "tweeted", "posted"})


_WD_CUES = frozenset({"on", "last", "next", "this", "since", "by", "until", "till", "from",
                      "early", "late", "through", "before", "after"})


def _h_weekday(m, ctx):
    start = m.start("wd") if not m["mod"] else m.start()
    name = m["wd"]
    if ctx.prev_word(m.start("wd")) in WEEKDAY_NAME_BEFORE:
        return []
    if len(name) <= 3 and ctx.text[m.end("wd"):m.end("wd") + 1] != "." \
            and name.lower() in ("mon", "tue", "wed", "thu", "sat", "sun") \
            and ctx.prev_word(m.start("wd")).lower() not in _WD_CUES:
        return []  # "Sun", "Sat", "Wed" without a stop or a cue are words or names
    if len(name) <= 5 and name.lower() not in cal.WEEKDAYS \
            and ctx.prev_word(m.start("wd")).lower() in DETERMINERS:
        return []  # "The Sun.", "the Wed."
    if name.islower() and name not in cal.WEEKDAYS and not mod_given(m) \
            and ctx.prev_word(m.start("wd")).lower() not in _WD_CUES:
        return []  # lower-case "wed", "sun", "sat" are words unless a cue says day ("on wed.")
    nxt = re.match(r"\s+([A-Z]\w+)", ctx.text[m.end("wd"):m.end("wd") + 30])
    if nxt and nxt.group(1) in ("Morning", "Night", "Evening", "Afternoon", "Times", "Post",
                                "Telegraph", "Mail", "Express", "Herald", "Review", "Edition"):
        return []  # "Sunday Morning Futures", "Sunday Times"
    mod = (m["mod"] or "").lower()
    wd = cal.weekday_index(name)
    direction = None if mod in ("last", "next", "this") else ctx.direction(m.start(), m.end())
    ahead = _AHEAD.search(ctx.text, max(0, m.start("wd") - 40), m.start("wd"))
    if not mod and ahead and not (ahead.group(0).lower().startswith(("until", "till"))
                                  and ctx.settled_before(m.start(), m.end())):
        direction = "future"
    elif not mod and direction is None and ctx.present_event(m.start(), m.end()) \
            and ctx.text[m.end("wd"):m.end("wd") + 2] not in ("'s", "’s"):
        direction = "future"
    elif not mod and direction is None and ctx.present_copula(m.start(), m.end()):
        direction = "future"  # "the election is on Sunday": a schedule
    if not mod and ctx.prev_word(m.start("wd")) in _PAST_SPEECH:
        # "Netanyahu said Sunday Israel will …": the day is when he spoke, whatever
        # tense the reported clause (which the parser may hang the day on) is in
        direction = "past"
    if mod == "this":
        # "will meet this Tuesday" in a Friday article is the coming Tuesday;
        # "was held this Tuesday" the one of this week.
        tense = ctx.direction(m.start(), m.end())
        d = cal.weekday_date(ctx.published, wd, tense) if tense else \
            cal.weekday_date(ctx.published, wd, None, "this")
    else:
        d = cal.weekday_date(ctx.published, wd, direction,
                             mod if mod in ("last", "next") else "", ctx.last_reading)
    rule = f"weekday:{mod}" if mod in ("last", "next", "this") else f"weekday:{direction or 'past'}"
    return [_Cand(start, m.end(), "weekday", rule, d.isoformat(), direction=direction, wd=wd)]


def mod_given(m) -> bool:
    return bool(m["mod"])


def _h_rel_unit(m, ctx):
    if re.search(r"\bthe\s+$", ctx.text[max(0, m.start() - 5):m.start()], re.IGNORECASE):
        return []  # "the last week" is a duration
    if ctx.wrapped_in_quotes(m.start(), m.end()):
        return []  # ABC's "This Week"
    if m.group(0)[0].isupper() and not ctx.at_sentence_start(m.start()) \
            and ctx.text[m.start() - 1:m.start()] not in QUOTES_OPEN:
        return []  # capitalised mid-sentence: a title
    pub = ctx.published
    rel, unit = re.sub(r"\s+", " ", m["rel"].lower()), m["unit"].lower().replace("-", "")
    shift = {"last": -1, "this past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit in ("week", "weekend"):
        # On a Sunday, "last week" is the week that just ended (weeks start on
        # Sunday in US usage), which is still the current ISO week.
        if rel == "last" and unit == "week" and pub.weekday() == 6:
            shift = 0
        value, kind = cal.week_value(pub + timedelta(weeks=shift)), "relative-week"
    elif unit == "month":
        value, kind = cal.month_value(*cal.shift_month(pub.year, pub.month, shift)), "relative-month"
    else:
        value, kind = str(pub.year + shift), "relative-year"
    return [_Cand(m.start(), m.end(), kind, f"rel_{unit}:{shift:+d}", value)]


def _h_ana_unit(m, ctx):
    if m["rel"]:
        rel, unit = m["rel"].lower(), m["unit"].lower()
        amount = {"previous": -1, "next": 1, "following": 1, "same": 0}[rel]
    else:
        rel, unit = m["rel2"].lower(), m["unit2"].lower()
        amount = -1 if rel == "before" else 1
    c = _Cand(m.start(), m.end(), "anaphoric", f"ana_{unit}:{amount:+d}", defer="shift",
              amount=amount, unit=unit)
    if not m["rel"] and re.match(r"\s+[\w“\"]", ctx.text[m.end():m.end() + 3]):
        c.defer = "restate"  # "the day after the vote": the clause's own time
    return [c]


def _h_ana(m, ctx):
    unit = (m["unit"] or "").lower()
    if unit in ("", ) and "day" not in m.group(0).lower():
        return [_Cand(m.start(), m.end(), "anaphoric", "ana:time", defer="ana")]
    unit = {"night": "day", "morning": "day", "evening": "day", "afternoon": "day",
            "date": "day", "": "day"}.get(unit, unit)
    return [_Cand(m.start(), m.end(), "anaphoric", f"ana:{unit}", defer="shift", amount=0,
                  unit=unit)]


DURATION_BEFORE = frozenset(["within", "for", "over", "during", "about", "nearly", "almost"])


def _h_ago(m, ctx):
    n, unit = _count(m)
    if n is None:
        return []
    pub = ctx.published
    if unit == "day":
        value = (pub - timedelta(days=n)).isoformat()
    elif unit == "week":
        value = cal.week_value(pub - timedelta(weeks=n))
    elif unit == "month":
        value = cal.month_value(*cal.shift_month(pub.year, pub.month, -n))
    else:
        value = str(pub.year - n)
    return [_Cand(m.start(), m.end(), "offset", f"ago:{unit}", value)]


def _count(m) -> tuple[int | None, str]:
    """(amount, unit) of "two weeks", "a fortnight" (two weeks)."""
    n, unit = _num(m["num"]), m["unit"].lower()
    if unit == "fortnight":
        return (2 * n if n is not None else None), "week"
    return n, unit


def _h_offset(m, ctx):
    n, unit = _count(m)
    if n is None:
        return []
    if ctx.prev_word(m.start()).lower() in DURATION_BEFORE:
        return []  # "within two years before": a duration
    sign = 1 if m["dir"].lower() in ("later", "after") else -1
    c = _Cand(m.start(), m.end(), "offset", f"offset:{unit}", defer="shift",
              amount=sign * n, unit=unit)
    if m["dir"].lower() in ("before", "after") and re.match(r"\s+[\w“\"]", ctx.text[m.end():m.end() + 3]):
        c.defer = "restate"
    return [c]


SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_CUES = frozenset({"in", "during", "by", "through", "throughout", "over", "until", "till",
                          "since", "before", "after", "into"})


def _h_season(m, ctx):
    pub = ctx.published
    if m["s2"]:
        return [_Cand(m.start(), m.end(), "season/part", "season_year", m["year"])]
    sm, rel = SEASON_START[m["s1"].lower()], m["rel"].lower()
    if rel == "the":
        if ctx.prev_word(m.start()).lower() not in _SEASON_CUES:
            return []  # "the fall" is most often a drop
        direction = ctx.direction(m.start(), m.end()) or ctx.sentence_tense(m.start())
        y = pub.year
        if direction == "past" and sm > pub.month:
            y -= 1  # "fled in the autumn" in a May article: last autumn
        elif direction == "future" and sm + 3 <= pub.month:
            y += 1
        return [_Cand(m.start(), m.end(), "season/part", "season:tense", str(y))]
    if rel == "last":
        y = pub.year if sm + 3 <= pub.month else pub.year - 1
    elif rel == "next":
        y = pub.year if sm > pub.month else pub.year + 1
    else:
        y = pub.year
    return [_Cand(m.start(), m.end(), "season/part", f"season:{rel}", str(y))]



_MONTH_RANGE_NEXT = re.compile(r"\s*(?:to|through|until|-|–)\s*(?:January|February|March|April|May|"
                               r"June|July|August|September|October|November|December)\b")

# Before a lower-case month these make it a noun or verb: "this march", "and march".
_LOWER_MONTH_NOT_CUES = frozenset({"and", "or", "to", "this", "last", "next"})


def _h_month(m, ctx):
    name = m["mon"]
    prev = ctx.prev_word(m.start()).lower()
    if name.endswith(".") is False and len(name) <= 4 and name not in ("May", "June", "July"):
        return []
    alone = ctx.text.strip(" \t\n.,;:!?\"'") == name  # the whole text is the month: a month
    if name in ("May", "March") and prev not in MONTH_CUES and not alone and not _MONTH_RANGE_NEXT.match(
            ctx.text, m.end()):
        return []  # Theresa May, "March" the verb (but "March to April" is a range)
    if name.islower() and (name == "may" or prev not in MONTH_CUES - _LOWER_MONTH_NOT_CUES):
        return []  # "an august body", "may" the verb
    month = _mon(name)
    direction = ctx.direction(m.start(), m.end())
    if direction == "past" and _open_end(ctx, m.start()):
        direction = None
    y = cal.pick_year(ctx.published, month, None, direction)
    return [_Cand(m.start(), m.end(), "month-name", f"month:{direction or 'nearest'}",
                  cal.month_value(y, month), month=month, direction=direction)]


def _h_year(m, ctx):
    if not _year_ok(ctx, m.start(), m.end()):
        return []
    return [_Cand(m.start(), m.end(), "year", "year", m["year"])]


def _year_ok(ctx, start: int, end: int) -> bool:
    """Whether a four-digit number is a year: context, not the number, decides."""
    text = ctx.text
    if UNIT_AFTER.match(text, end) or NUMBER_BEFORE.search(text[max(0, start - 20):start]):
        return False
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    doc = ctx.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev_low = prev.lower_ if prev is not None else ""
    if prev_low in YEAR_CUES:
        if prev_low in ("and", "or", "than") and not re.search(
                r"(1[5-9]|20)\d\d\D{1,12}$", text[max(0, start - 16):start]):
            return False
        return True
    if prev is not None and (prev.lower_ in DETERMINERS or prev.tag_ in ("POS", "PRP$")):
        # "the 2023 floods" is a year, "the 1846 persons" a count: near the
        # publication year a number before a plural noun is still a year
        near = abs(int(text[start:end]) - ctx.published.year) <= 30
        return nxt is None or near or nxt.tag_ not in ("NNS", "NNPS")
    if prev is not None and prev.is_title and not prev.is_sent_start and \
            prev.lower_ not in cal.MONTHS:
        return False  # "Equal Measures 2030", "Index 2025": part of a name
    if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.pos_ in ("VERB", "AUX")):
        return False  # "1846 persons", "1720 had": counts
    return any(e.label_ == "DATE" for e in span.ents) or (
        tok.ent_type_ == "DATE")


HANDLERS = {
    "iso": _h_iso, "numeric": _h_numeric, "full_mdy": _h_full, "full_dmy": _h_full,
    "md_range": _h_md_range, "dm_range": _h_dm_range, "nth_week": _h_nth_week,
    "nth_day": _h_nth_day, "nth_wd": _h_nth_wd, "day_of": _h_day_of, "wd_of_week": _h_wd_of_week,
    "week_s_wd": _h_week_s_wd, "wd_after_next": _h_wd_after_next, "wd_the_nth": _h_wd_the_nth,
    "from_now": _h_from_now, "in_offset": _h_in_offset, "week_of": _h_week_of, "current": _h_current, "weekend": _h_weekend, "part": _h_part, "month_rel_year": _h_month_rel_year,
    "month_year": _h_month_year, "month_day": _h_month_day, "day_month": _h_day_month,
    "decade": _h_decade, "year_range": _h_year_range, "rel_day": _h_rel_day,
    "month_rel": _h_month_rel, "weekday": _h_weekday, "rel_unit": _h_rel_unit,
    "ana_unit": _h_ana_unit, "ana": _h_ana, "ago": _h_ago, "offset": _h_offset,
    "season": _h_season, "holiday": _h_holiday, "month": _h_month, "year": _h_year,
}


def find_candidates(ctx: _Ctx) -> list[_Cand]:
    """First pass: every grammar match that survives its context checks."""
    text = ctx.text
    taken = bytearray(len(text))
    windows: list[list[int]] = []
    for t in TRIGGER.finditer(text):
        a, b = max(0, t.start() - WINDOW), min(len(text), t.end() + WINDOW)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    out: list[_Cand] = []
    for name, pattern in PATTERNS:
        handler = HANDLERS[name]
        for a, b in windows:
            for m in pattern.finditer(text, a, b):
                s, e = m.span()
                if any(taken[s:e]):
                    continue
                cands = handler(m, ctx)
                if not cands:
                    continue
                for c in cands:
                    taken[c.start:c.end] = b"\x01" * (c.end - c.start)
                taken[s:e] = b"\x01" * (e - s)
                out.extend(cands)
    out.sort(key=lambda c: c.start)
    return out
