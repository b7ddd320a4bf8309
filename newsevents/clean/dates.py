"""Publication dates from labels, datelines and corpus hints, in several languages."""

from __future__ import annotations

import re
from datetime import date, datetime

from .lexicon import load_lexicon

_WEEKDAYS = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|rsday|urday)?\b|"
    r"\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|lunedì|martedì|"
    r"mercoledì|giovedì|venerdì|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?:[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?"
                  r"(?:Z|[+-]\d\d:?\d\d)?)?\b")
_YMD = re.compile(r"\b((?:19|20)\d\d)[/.](\d\d?)[/.](\d\d?)\b")
_NUMERIC = re.compile(r"\b(\d\d?)[/.\-](\d\d?)[/.\-]((?:19|20)\d\d)\b")
_WORD = r"([^\W\d_]{3,11})\.?"
# "24 April 2024", "24. April 2024", "24 de abril de 2024", "1er mai 2024"
_DMY = re.compile(r"\b(\d\d?)(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?" + _WORD +
                  r",?\s+(?:de\s+)?((?:19|20)\d\d)\b", re.I)
# "April 24, 2024", "Apr. 24 2024"
_MDY = re.compile(r"\b" + _WORD + r"\s+(\d\d?)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str, date_order: str = "dmy") -> date | None:
    """The first calendar date written in ``text`` (ISO, numeric or with a month name).

    Month names come from ``data/clean/months.tsv`` (en, es, fr, de, pt, it, nl).
    Numeric ``3/4/2024`` follows ``date_order`` (``dmy`` or ``mdy``).

    >>> parse_date("Fecha: 24 de abril de 2024"), parse_date("April 24, 2024")
    (datetime.date(2024, 4, 24), datetime.date(2024, 4, 24))
    """
    if not text:
        return None
    months = load_lexicon().months
    found: list[tuple[int, date]] = []
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _YMD.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _DMY.finditer(text):
        month = months.get(m.group(2).lower())
        if month:
            d = _make(int(m.group(3)), month, int(m.group(1)))
            if d:
                found.append((m.start(), d))
    for m in _MDY.finditer(text):
        month = months.get(m.group(1).lower())
        if month:
            d = _make(int(m.group(3)), month, int(m.group(2)))
            if d:
                found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        d = _make(y, b, a) if date_order == "dmy" else _make(y, a, b)
        d = d or (_make(y, a, b) if date_order == "dmy" else _make(y, b, a))
        if d:
            found.append((m.start(), d))
    if not found:
        return None
    return min(found, key=lambda x: x[0])[1]


_DATE_NOISE = re.compile(
    r"\b(\d\d?[:.h]\d\d(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?|gmt|utc|[ecmp][sd]t|cet|cest|"
    r"bst|am|pm|at|on|the|of|de|del|le|am|um|à|a las|alle|om|el|la|updated|published|"
    r"last|\d{1,2}|\d{4}|st|nd|rd|th|er|,|\.|-|–|—|\||/|\(|\))\b", re.I)


def is_date_only(line: str) -> bool:
    """True when a line is nothing but a date (and maybe a weekday or a time).

    >>> is_date_only("Friday, January 4, 2019"), is_date_only("Iran fired on April 13, 2024.")
    (True, False)
    """
    if len(line) > 80 or parse_date(line) is None:
        return False
    months = load_lexicon().months
    rest = _WEEKDAYS.sub(" ", _ISO.sub(" ", line))
    words = re.findall(r"[^\W\d_]+", rest)
    leftover = [w for w in words if w.lower() not in months
                and not _DATE_NOISE.fullmatch(w)]
    return len(leftover) <= 1


def parse_hint(value: str | None, date_order: str = "dmy") -> date | None:
    """A corpus's published field (ISO, RFC 2822, or free text) as a date.

    >>> parse_hint("2025-03-14 20:30:26Z")
    datetime.date(2025, 3, 14)
    """
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit() and len(value) >= 9:  # a Unix timestamp
        try:
            return datetime.utcfromtimestamp(int(value[:10])).date()
        except (OverflowError, OSError, ValueError):
            return None
    d = parse_date(value, date_order)
    if d:
        return d
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
