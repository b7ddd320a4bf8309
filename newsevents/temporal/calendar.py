"""Calendar arithmetic and TIMEX3-style value strings (no spaCy here)."""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import ConfigError

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
LAST_WEEKDAY_READINGS = ("previous_week", "most_recent")


def weekday_index(name: str) -> int:
    """0 (Monday) … 6 (Sunday) for a weekday name or abbreviation in any case.

    >>> weekday_index("Tues")
    1
    """
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(name[:3].lower())


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    """ISO week of a day: ``2024-W16``."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """Month ``k`` months from (y, m): ``shift_month(2024, 1, -1) == (2023, 12)``."""
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def weekday_date(published: date, wd: int, direction: str | None, modifier: str = "",
                 last_reading: str = "previous_week") -> date:
    """The day a weekday name refers to, seen from the publication date.

    ``last``/``next``/``this`` pick that day in the previous/next/current ISO
    week ("last Tuesday" in an article of Wednesday 2024-04-24 is 2024-04-16).
    With ``last_reading='most_recent'`` "last Tuesday" is instead the most
    recent Tuesday before publication (2024-04-23); the two readings differ
    only when that weekday comes earlier in the week than the publication day.
    A bare weekday looks back (past narration, the news default) unless the
    parse says future; the publication weekday itself means the same day.

    >>> weekday_date(date(2024, 4, 24), 1, "past")
    datetime.date(2024, 4, 23)
    """
    if modifier == "last":
        if last_reading == "most_recent":
            return published - timedelta(days=(published.weekday() - wd) % 7 or 7)
        return monday_of(published) - timedelta(days=7 - wd)
    if modifier == "next":
        return monday_of(published) + timedelta(days=7 + wd)
    if modifier == "this":
        return monday_of(published) + timedelta(days=wd)
    if direction == "future":
        return published + timedelta(days=(wd - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - wd) % 7)


def weekend_week(published: date, direction: str | None) -> str:
    """ISO week of "the weekend": the one just past, or the coming one in future tense.

    A Saturday or Sunday article's weekend is its own week.

    >>> weekend_week(date(2024, 4, 22), "past")  # a Monday
    '2024-W16'
    """
    if published.weekday() >= 5:
        return week_value(published)
    if direction == "future":
        return week_value(published)
    return week_value(published - timedelta(days=published.weekday() + 1))


def nth_week_of_month(y: int, m: int, ordinal: str) -> str:
    """ISO week of "the first/second/... /last week of" a month.

    The week of the month's days 1–7 (8–14, …; the last seven for "last") is
    the ISO week holding most of them: the week of their middle day.

    >>> nth_week_of_month(2024, 6, "first")  # June 1–7, 2024: mostly W23
    '2024-W23'
    """
    if ordinal in ("last", "final"):
        nxt = date(*shift_month(y, m, 1), 1)
        middle = nxt - timedelta(days=4)
    else:
        k = ("first", "second", "third", "fourth").index(ordinal)
        middle = date(y, m, 4 + 7 * k)
    return week_value(middle)


def holiday_date(name: str, year: int) -> date:
    """The day of a fixed or US-computed holiday in a year.

    >>> holiday_date("Thanksgiving", 2024)  # fourth Thursday of November
    datetime.date(2024, 11, 28)
    """
    key = " ".join(name.lower().replace("’", "'").split())
    if key.startswith("easter"):
        return easter(year) + timedelta(days=1 if key == "easter monday" else 0)
    if key == "good friday":
        return easter(year) - timedelta(days=2)
    if key.startswith("veteran"):
        return date(year, 11, 11)
    if key.startswith("thanksgiving"):
        return nth_weekday(year, 11, 3, 4)
    if key == "black friday":
        return nth_weekday(year, 11, 3, 4) + timedelta(days=1)
    if key.startswith(("mlk", "martin")):
        return nth_weekday(year, 1, 0, 3)
    if key == "memorial day":
        return nth_weekday(year, 5, 0, -1)
    if key in ("labor day", "labour day"):
        return nth_weekday(year, 9, 0, 1)
    if key == "mother's day":
        return nth_weekday(year, 5, 6, 2)
    if key == "father's day":
        return nth_weekday(year, 6, 6, 3)
    return {"christmas eve": date(year, 12, 24), "christmas": date(year, 12, 25),
            "christmas day": date(year, 12, 25), "xmas": date(year, 12, 25),
            "new year's day": date(year, 1, 1), "new year's eve": date(year, 12, 31),
            "halloween": date(year, 10, 31), "valentine's day": date(year, 2, 14),
            "may day": date(year, 5, 1), "boxing day": date(year, 12, 26),
            "juneteenth": date(year, 6, 19)}[key]


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus).

    >>> easter(2024)
    datetime.date(2024, 3, 31)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    """The n-th (1-based; -1 = last) weekday ``wd`` of a month.

    >>> nth_weekday(2013, 10, 1, 1)  # first Tuesday of October 2013
    datetime.date(2013, 10, 1)
    """
    if n < 0:
        last = date(*shift_month(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# How far ahead a date written without a year may lie when nothing says it is to come.
FUTURE_WITHOUT_TENSE_DAYS = 120


def pick_year(published: date, month: int, day: int | None, direction: str | None) -> int | None:
    """Year of a month (and day) written without one.

    Past narration takes the most recent such date on or before publication,
    future the next on or after it ("October 7" in past narration of April 2024
    is 2023-10-07). With no tense evidence, the past one, unless the next is
    nearer and at most ``FUTURE_WITHOUT_TENSE_DAYS`` ahead: "since April" in
    October is the April before; "an extension to 30 June" in March the June to come.
    """
    cands = []
    for y in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(y, month, day or 1)
        if d is None:
            continue
        # Compare months as wholes when no day is given.
        key = d if day else date(y, month, 1)
        pub = published if day else date(published.year, published.month, 1)
        cands.append((y, (key - pub).days))
    if not cands:
        return None
    if direction == "past":
        past = [c for c in cands if c[1] <= 0]
        return max(past, key=lambda c: c[1])[0] if past else None
    if direction == "future":
        fut = [c for c in cands if c[1] >= 0]
        return min(fut, key=lambda c: c[1])[0] if fut else None
    # No tense: the past, unless the next such date is nearer and close (news reports
    # what happened; "May's flotilla raid" in December is the May before, "talks on
    # March 3" in late February the coming one)
    past = [c for c in cands if c[1] <= 0]
    fut = [c for c in cands if c[1] > 0]
    near_past = max(past, key=lambda c: c[1]) if past else None
    near_fut = min(fut, key=lambda c: c[1]) if fut else None
    if near_fut is not None and (near_past is None or (
            near_fut[1] < -near_past[1] and near_fut[1] <= FUTURE_WITHOUT_TENSE_DAYS)):
        return near_fut[0]
    return near_past[0] if near_past is not None else None


def precision_of(value: str | None) -> str:
    """Precision implied by a value string: ``precision_of('2024-W16') == 'week'``."""
    if not value:
        return "unknown"
    if len(value) == 10:
        return "day"
    if "W" in value:
        return "week"
    if len(value) == 7:
        return "month"
    if len(value) == 4:
        return "year"
    if len(value) == 3:
        return "decade"
    return "unknown"


def shift_value(value: str, amount: int, unit: str) -> str | None:
    """Move a value by ``amount`` units (day/week/month/year) keeping its precision."""
    prec = precision_of(value)
    if prec == "day":
        d = date.fromisoformat(value)
        if unit == "day":
            return day_value(d + timedelta(days=amount))
        if unit == "week":
            return day_value(d + timedelta(weeks=amount))
        if unit == "month":
            y, m = shift_month(d.year, d.month, amount)
            return month_value(y, m)
        return str(d.year + amount)
    if prec == "month":
        y, m = int(value[:4]), int(value[5:7])
        if unit == "month":
            return month_value(*shift_month(y, m, amount))
        if unit == "year":
            return str(y + amount)
        return None
    if prec == "year" and unit == "year":
        return str(int(value) + amount)
    if prec == "week" and unit == "week":
        y, w = int(value[:4]), int(value[6:8])
        return week_value(date.fromisocalendar(y, w, 1) + timedelta(weeks=amount))
    return None


def date_order(settings=None) -> str:
    """How numeric dates like 3/4/2024 are read: ``'dmy'`` or ``'mdy'``.

    >>> date_order(None)
    'dmy'
    """
    order = getattr(settings, "date_order", "dmy") if settings is not None else "dmy"
    order = str(order).lower()
    if order not in ("dmy", "mdy"):
        raise ConfigError(
            f"date_order is {order!r}, but numeric dates can only be read as 'dmy' or 'mdy'; "
            "set date_order (NEWSEVENTS_DATE_ORDER) to one of them"
        )
    return order


def last_weekday_reading(settings=None) -> str:
    """How "last <weekday>" is read: ``'previous_week'`` (default) or ``'most_recent'``."""
    reading = getattr(settings, "last_weekday", "previous_week") if settings is not None \
        else "previous_week"
    reading = str(reading).lower()
    if reading not in LAST_WEEKDAY_READINGS:
        raise ConfigError(
            f"last_weekday is {reading!r}, but it can only be 'previous_week' or 'most_recent'; "
            "set last_weekday (NEWSEVENTS_LAST_WEEKDAY) to one of them"
        )
    return reading
