"""The TIMEX3 view: every temporal expression with a TimeML type and value.

``resolve_dates`` returns what an event can be dated by, in the contract's
formats. TimeML (the TempEval-3 annotation) marks more: durations ("two
weeks" ``P2W``), sets ("daily" ``P1D``, "every Monday" ``XXXX-WXX-1``),
present/past/future reference ("now" ``PRESENT_REF``), quarters, halves and
seasons (``1998-Q3``, ``1998-H1``, ``1998-SU``), centuries (``19``) and
clock times (``1998-02-13T15:00``, ``1998-02-13TEV``). ``timex()`` runs the
resolver's two passes unchanged, rewrites each resolved date in TimeML
notation (a time of day keeps its part of day, a weekend its ``-WE``), and
adds the expressions of ``timex_grammar.TIMEX_PATTERNS`` where they do not
clash with a resolved date. The dates view is never changed by this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .anaphora import resolve_cands
from .context import _Cand, _Ctx
from .timex_grammar import TIMEX_PATTERNS

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression in TimeML terms (TIMEX3).

    ``type`` is ``DATE``, ``TIME``, ``DURATION`` or ``SET``; ``value`` is in
    TimeML notation: ``2024-05-03``, ``2024-W18``, ``2024-05``, ``2024``,
    ``199`` (decade), ``19`` (century), ``2024-Q1``, ``2024-H2``,
    ``2024-SU``, ``2024-W18-WE``, ``2024-05-03TNI``, ``2024-05-03T14:30``,
    ``P3D``, ``PT2H``, ``PXY`` (some years), ``XXXX-WXX-1`` (every Monday),
    ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    rule: str = ""


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    type: str
    value: str
    rule: str
    dated: bool = False  # from the resolver (its value is a contract date)


_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
        "overnight": "NI", "noon": "MI"}
_TOD_WORD = re.compile(r"\b(morning|afternoon|evening|night|tonight|overnight)\b", re.IGNORECASE)
_CLOCK_IN_ISO = re.compile(r"[T ](\d\d):(\d\d)")
_SEASON = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
           "winter": ("WI", 12)}


def _from_date(c: _Cand, text: str) -> _Item:
    """A resolved date in TimeML notation: times of day and weekends keep what they say."""
    surface = text[c.start:c.end]
    value, typ = c.value, "DATE"
    if cal.precision_of(value) == "day":
        clock = _CLOCK_IN_ISO.search(surface) if c.rule == "iso" else None
        tod = _TOD_WORD.search(surface)
        if clock:
            value, typ = f"{value}T{clock.group(1)}:{clock.group(2)}", "TIME"
        elif tod and c.kind != "weekday":
            # "this morning", "last night": a part of a day. TimeML marks "Friday
            # night" as the day (the weekday is the expression's head).
            value, typ = f"{value}T{_TOD[tod.group(1).lower()]}", "TIME"
    elif cal.precision_of(value) == "week" and re.search(r"week-?end", surface, re.IGNORECASE):
        value += "-WE"
    # TimeML leaves a preposition out of the extent ("over [the weekend]"), and
    # the signal of an offset ("[two days] after", "[three days] later").
    lead = _LEAD_PREP.match(surface)
    start = c.start + (lead.end() if lead else 0)
    tail = _TAIL_SIGNAL.search(surface)
    end = c.start + tail.start() if tail and c.kind in ("offset", "anaphoric") else c.end
    return _Item(start, end, typ, value, c.rule, dated=True)


_TAIL_SIGNAL = re.compile(r"(?<=s|y|k|h)\s+(?:after|before|later)$", re.IGNORECASE)


_LEAD_PREP = re.compile(r"(?:over|during|at|on|through|throughout|across)\s+(?=the\b)", re.IGNORECASE)


# --- helpers for the TIMEX handlers ------------------------------------------

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "a couple of": 2})


def _amount(word: str) -> str:
    """ "two" -> "2", "twenty-four" -> "24", "2.5" -> "2.5", "several" -> "X"."""
    w = " ".join(word.lower().split())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return w
    if w in _WORDS:
        return str(_WORDS[w])
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in _WORDS and parts[1] in _WORDS:
        a, b = _WORDS[parts[0]], _WORDS[parts[1]]
        return str(a * b if b == 100 else a + b)
    return "X"


def _duration(n: str, unit: str) -> str:
    """TimeML duration of ``n`` units: ``_duration('2', 'decade') == 'P20Y'``."""
    unit = unit.lower()
    if unit.startswith("centur"):
        return "PXC" if n == "X" else f"P{_times(n, 100)}Y"
    if unit == "decade":
        return "PXY" if n == "X" else f"P{_times(n, 10)}Y"
    if unit == "fortnight":
        return "PXW" if n == "X" else f"P{_times(n, 2)}W"
    if unit in ("hour", "minute", "second"):
        return f"PT{n}{unit[0].upper()}"
    return f"P{n}{ {'day': 'D', 'week': 'W', 'month': 'M', 'year': 'Y', 'quarter': 'Q'}[unit] }"


def _times(n: str, k: int) -> str:
    v = float(n) * k
    return str(int(v)) if v == int(v) else str(v)


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _q_value(y: int, q: int, shift: int = 0) -> str:
    n = y * 4 + (q - 1) + shift
    return f"{n // 4}-Q{n % 4 + 1}"


_Q_VALUE = re.compile(r"(\d{4})-Q([1-4])")


class _TCtx:
    """The resolver's context plus the items found so far."""

    def __init__(self, ctx: _Ctx, items: list[_Item]):
        self.ctx, self.items, self.text, self.pub = ctx, items, ctx.text, ctx.published

    def before(self, start: int, same_sentence: bool = False, span: int = 2) -> list[_Item]:
        """Items ending before ``start``, nearest last; within ``span`` sentences."""
        s = self.ctx.sentence_of(start)
        lo = s if same_sentence else s - span
        return [i for i in sorted(self.items, key=lambda i: i.start)
                if i.end <= start and self.ctx.sentence_of(i.start) >= lo]

    def last_quarter(self, start: int) -> tuple[int, int] | None:
        for i in reversed(self.before(start, span=3)):
            if "year" in i.rule:
                continue  # "the year-ago quarter" is not the quarter the story is about
            m = _Q_VALUE.fullmatch(i.value)
            if m:
                return int(m.group(1)), int(m.group(2))
        return None

    def day_before(self, start: int) -> str:
        """The day of the nearest earlier day-precision date in the sentence, else publication."""
        for i in reversed(self.before(start, same_sentence=True)):
            if i.dated and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", i.value):
                return i.value[:10]
        return self.pub.isoformat()


# --- handlers: match -> items ------------------------------------------------

_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "final": 4}


def _t_quarter(m, t):
    q = _ORD[m["ord"].lower()]
    det = (m["det"] or "").lower()
    if m["qyear"] or m["year"]:
        y = int(m["qyear"] or m["year"])
    elif det.startswith(("last", "next")) or m["rel"]:
        rel = det[:4] if det.startswith(("last", "next")) else m["rel"].lower()
        y = t.pub.year + {"last": -1, "next": 1, "this": 0}[rel]
    else:
        y = t.pub.year
        direction = t.ctx.direction(m.start(), m.end())
        if not det.startswith("this") and direction != "future" and 3 * q - 2 > t.pub.month + 3:
            y -= 1  # "fourth-quarter profit" reported in February: last year's
    if m["ago"]:
        return [_Item(m.start(), m.end(), "DATE", f"{y - 1}-Q{q}", "quarter:year_ago")]
    return [_Item(m.start(), m.end(), "DATE", f"{y}-Q{q}", "quarter")]


def _t_q_quarter(m, t):
    """ "Q3 2019", "2019 Q3", "Q3" (this year's)."""
    q = int(m["q1"] or m["q2"])
    year = m["y1"] or m["y2"]
    if year and not year[0].isdigit():
        year = str(t.pub.year // 100) + year[1:]
    y = int(year) if year else t.pub.year
    return [_Item(m.start(), m.end(), "DATE", f"{y}-Q{q}", "quarter:q")]


def _t_rel_quarter(m, t):
    rel = " ".join((m["rel"] or "the").lower().split())
    py, pq = _quarter(t.pub)
    prior = t.last_quarter(m.start())
    if m["unit"].lower() == "period":
        if not prior:
            return []  # "the period" is a quarter only in a story about quarters
        rel = "the" if rel in ("this", "that", "the same") else rel
    if m["qy"]:
        q = prior[1] if prior else (pq - 2) % 4 + 1
        return [_Item(m.start(), m.end(), "DATE", f"{m['qy']}-Q{q}", "quarter:year")]
    if rel in ("the latest", "the most recent", "the recent"):
        value = _q_value(py, pq, -1)
    elif rel in ("this", "the current"):
        value = _q_value(py, pq)
    elif rel == "last":
        value = _q_value(py, pq, -1)
    elif rel == "next":
        value = _q_value(py, pq, 1)
    else:
        # "the quarter", "that quarter": the one the story is about, else the last one
        # reported; "the year-ago quarter" is that one a year before.
        ago = "year" in rel or bool(m["ayear"])
        base = prior or _quarter(t.pub - timedelta(days=92))
        value = _q_value(*base, -4 if ago else 0)
        if ago:
            return [_Item(m.start(), m.end(), "DATE", value, "quarter:year_ago")]
    return [_Item(m.start(), m.end(), "DATE", value, "quarter:rel")]


def _t_ya_period(m, t):
    prior = [i for i in t.before(m.start(), span=2) if not i.value.startswith(("P", "X"))]
    if not prior:
        return []
    v = prior[-1].value
    q = _Q_VALUE.fullmatch(v)
    if q:
        value = _q_value(int(q.group(1)), int(q.group(2)), -4)
    elif re.fullmatch(r"\d{4}(?:-\d\d)?", v):
        value = f"{int(v[:4]) - 1}{v[4:]}"
    else:
        return []
    return [_Item(m.start(), m.end(), "DATE", value, "quarter:year_ago")]


def _t_year_back(m, t):
    """ "a year earlier": in a story about a quarter, that quarter a year before."""
    prior = t.last_quarter(m.start())
    if prior:
        return [_Item(m.start(), m.end(), "DATE", _q_value(*prior, -4), "quarter:year_back")]
    if any(i.start == m.start() and i.end == m.end() for i in t.items):
        return []  # the resolver's reading stands
    return [_Item(m.start(), m.end(), "DATE", str(t.pub.year - 1), "year_back")]


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}
_TEENS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8,
         "ninety": 9}


def _t_spelled_year(m, t):
    """ "nineteen ninety-four", "the year two thousand" (speech transcripts)."""
    if m["sy"] is None:
        return [_Item(m.start(), m.end(), "DATE", str(2000 + _UNITS.get((m["sk"] or "").lower(), 0)
                                                        if (m["sk"] or "").lower() != "ten" else 2010),
                      "spelled_year")]
    cent = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["sy"].lower()]
    parts = re.split(r"[-\s]", m["sd"].lower())
    if parts[0] in _TEENS:
        yy = 10 + _TEENS.index(parts[0])
    else:
        yy = _TENS[parts[0]] * 10 + (_UNITS[parts[1]] if len(parts) > 1 else 0)
    return [_Item(m.start(), m.end(), "DATE", f"{cent}{yy:02d}", "spelled_year")]


def _t_dur_recent(m, t):
    return [_Item(m.start(), m.end(), "DURATION", _duration("X", m["unit"]), "duration:recent")]


def _t_dur_year(m, t):
    return [_Item(m.start(), m.end(), "DURATION", "P1Y", "duration:the_year")]


def _t_half(m, t):
    h = 1 if m["ord"].lower() == "first" else 2
    if m["year"]:
        y = int(m["year"])
    else:
        y = t.pub.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return [_Item(m.start(), m.end(), "DATE", f"{y}-H{h}", "half")]


_SEASON_CUES = frozenset({"in", "during", "by", "since", "until", "till", "through", "this", "last",
                          "next", "early", "late", "of", "before", "after", "the", "that"})


def _t_season(m, t):
    name = m["season"].lower()
    rel = " ".join((m["rel"] or "").lower().split())
    code, start_month = _SEASON[name]
    if not m["year"] and rel in ("", "the", "early", "late"):
        if t.ctx.prev_word(m.start()).lower() not in _SEASON_CUES and not rel:
            return []  # "spring" the noun, "fall" the verb
        if rel == "the" and re.match(r"\s+of\s+(?!\d)", t.text[m.end():m.end() + 8]):
            return []  # "the fall of Saigon"
    if m["year"]:
        y = int(m["year"])
    elif rel == "last":
        y = t.pub.year if start_month + 3 <= t.pub.month else t.pub.year - 1
    elif rel == "next":
        y = t.pub.year if start_month > t.pub.month else t.pub.year + 1
    elif rel == "this past" or (rel in ("", "the", "early", "late") and start_month > t.pub.month
                                and t.ctx.direction(m.start(), m.end()) == "past"):
        y = t.pub.year if start_month + 3 <= t.pub.month else t.pub.year - 1
    else:
        y = t.pub.year
    return [_Item(m.start(), m.end(), "DATE", f"{y}-{code}", "season")]


_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                  "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                  "nineteenth twentieth").split()


def _t_century(m, t):
    cur = t.pub.year // 100
    if m["n"]:
        n = int(m["n"])
    elif m["w"]:
        w = " ".join(m["w"].lower().replace("-", " ").split())
        n = 21 if w == "twenty first" else _ORDINAL_WORDS.index(w) + 1
    elif m["cur"] or (m["rel"] or "").lower() == "this":
        n = cur + 1
    elif m["rel"].lower() == "last":
        n = cur
    elif m["rel"].lower() == "next":
        n = cur + 2
    else:  # "the past century": a duration
        return [_Item(m.start(), m.end(), "DURATION", "P100Y", "century:duration")]
    if not 1 <= n <= 30:
        return []
    return [_Item(m.start(), m.end(), "DATE", f"{n - 1:02d}", "century")]


_AFTER_CLOCK = re.compile(r"(?:\s*,)?\s+(?:on\s+)?")


def _t_clock(m, t):
    if m["word"]:
        hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    elif m["h24"]:
        hh, mi = int(m["h24"]), int(m["mi24"])
    else:
        hh, mi = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= hh <= 12:
            return []
        pm = m["ap"].lower() == "p"
        hh = (hh % 12) + (12 if pm else 0)
    end = m.end()
    day = None
    gap = _AFTER_CLOCK.match(t.text, end)
    if gap:
        nxt = [i for i in t.items if i.start == gap.end() and i.dated
               and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", i.value)]
        if nxt:
            day, end = nxt[0].value[:10], nxt[0].end
    if day is None:
        day = t.day_before(m.start())
    return [_Item(m.start(), end, "TIME", f"{day}T{hh:02d}:{mi:02d}", "clock")]


def _t_tod(m, t):
    if not (m["det"] or m["mod"]):
        return []  # a bare "night" or "morning" is too often a noun ("night shift")
    if (m["det"] or "").lower() in ("the",) and re.match(r"\s+(?:of|after|before)\b", t.text[m.end():]):
        return []  # "the night of March 3": the date says when
    code = _TOD[m["tod"].lower()]
    return [_Item(m.start(), m.end(), "TIME", f"{t.day_before(m.start())}T{code}", "tod")]


def _t_ref(value):
    def handler(m, t):
        return [_Item(m.start(), m.end(), "DATE", value, value.lower())]
    return handler


_MONTH_NUM = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
_SET_UNIT = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y",
             "hour": "PT1H", "minute": "PT1M", "second": "PT1S", "quarter": "P3M",
             "weekend": "XXXX-WXX-WE", "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV",
             "afternoon": "XXXX-XX-XXTAF"}
_NUM_CUE = re.compile(r"(?:\d|%|percent|times|twice|once|dollars|cents|euros|pounds)\W*(?:\w+\W+){0,2}$",
                      re.IGNORECASE)


def _t_every(m, t):
    q, unit = m["q"].lower(), m["unit"].lower()
    if q in ("a", "per"):
        if unit not in ("day", "week", "month", "year", "hour", "night") or m["num2"] or \
                not _NUM_CUE.search(t.text[max(0, m.start() - 30):m.start()]) or \
                re.match(r"\s+(?:ago|earlier|later|before|after)\b", t.text[m.end():]):
            return []  # "a day" is a duration unless it counts something ("$5 a day")
    if unit in cal.WEEKDAYS:
        value = f"XXXX-WXX-{cal.WEEKDAYS[unit] + 1}"
    elif unit in _MONTH_NUM:
        value = f"XXXX-{_MONTH_NUM[unit]:02d}"
    elif unit in _SEASON:
        value = f"XXXX-{_SEASON[unit][0]}"
    else:
        value = _SET_UNIT[unit]
        if m["num2"]:
            n = "2" if m["num2"].lower() == "other" else _amount(m["num2"])
            value = re.sub(r"1", n, value, count=1)
    return [_Item(m.start(), m.end(), "SET", value, "set:every")]


_LY = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
       "annually": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
       "fortnightly": "P2W", "semiannually": "P6M"}


def _t_ly(m, t):
    word = " ".join(m["ly"].lower().split())
    value = _LY.get(word) or "P1" + {"day": "D", "week": "W", "month": "M", "year": "Y"}[word.split()[-1]]
    return [_Item(m.start(), m.end(), "SET", value, "set:ly")]


def _t_wd_plural(m, t):
    wd = cal.weekday_index(m["wd"][:3])
    tod = m["tod"]
    value = f"XXXX-WXX-{wd + 1}" + (f"T{_TOD[tod.lower()[:-1]]}" if tod else "")
    return [_Item(m.start(), m.end(), "SET", value, "set:weekdays")]


def _t_duration(m, t):
    n = _amount(m["num"])
    unit, surface = m["unit"].lower(), m.group(0).lower()
    if (unit == "quarter" and (n == "1" or "-quarter" in surface)) or (unit == "second" and n == "1"):
        return []  # "three-quarters", "a quarter of", "a second time": no time at all
    if m["and_half"] and n != "X":
        n = _times(n, 1) + ".5" if "." not in n else n
    if n == "0":
        return []
    return [_Item(m.start(), m.end(), "DURATION", _duration(n, m["unit"]), "duration")]


def _t_dur_the(m, t):
    return [_Item(m.start(), m.end(), "DURATION", _duration("1", m["unit"]), "duration:the")]


def _t_dur_bare(m, t):
    return [_Item(m.start("body"), m.end("body"), "DURATION", _duration("X", m["unit"]),
                  "duration:bare")]


HANDLERS = {
    "quarter": _t_quarter, "q_quarter": _t_q_quarter, "rel_quarter": _t_rel_quarter, "ya_period": _t_ya_period,
    "half": _t_half, "season": _t_season, "century": _t_century, "clock": _t_clock, "tod": _t_tod,
    "present": _t_ref("PRESENT_REF"), "past": _t_ref("PAST_REF"), "future": _t_ref("FUTURE_REF"),
    "every": _t_every, "ly": _t_ly, "wd_plural": _t_wd_plural, "duration": _t_duration,
    "dur_the": _t_dur_the, "dur_bare": _t_dur_bare, "year_back": _t_year_back,
    "spelled_year": _t_spelled_year, "dur_recent": _t_dur_recent, "dur_year": _t_dur_year,
}

def _place(items: list[_Item], new: _Item, override: bool) -> None:
    """Add ``new`` unless it clashes; it replaces what it strictly covers (or, with
    ``override``, a date of exactly its span)."""
    clash = [i for i in items if i.start < new.end and new.start < i.end]
    if not clash:
        items.append(new)
        return
    covers = all(new.start <= i.start and i.end <= new.end for i in clash)
    longer = all((new.end - new.start) > (i.end - i.start) for i in clash)
    if covers and (longer or override):
        for i in clash:
            items.remove(i)
        items.append(new)


def timex_items(ctx: _Ctx, cands: list[_Cand]) -> list[Timex]:
    """The TIMEX3 view of a parsed text, given the resolver's resolved candidates."""
    items = [_from_date(c, ctx.text) for c in cands if c.value]
    t = _TCtx(ctx, items)
    for name, pattern, override in TIMEX_PATTERNS:
        handler = HANDLERS[name]
        for m in pattern.finditer(ctx.text):
            for new in handler(m, t):
                _place(items, new, override)
    items.sort(key=lambda i: i.start)
    return [Timex(ctx.text[i.start:i.end], i.start, i.end, i.type, i.value, i.rule) for i in items]


def timex_doc(doc, published: date, order: str = "dmy",
              last_reading: str = "previous_week") -> list[Timex]:
    """The TIMEX3 view of a parsed Doc (see ``newsevents.temporal.timex``)."""
    ctx, cands = resolve_cands(doc, published, order, last_reading)
    return timex_items(ctx, cands)
