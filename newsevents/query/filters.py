"""The event filter shared by the CLI, the HTTP API and exports, and its SQL.

Actor and dyad filters are resolved through the store's ``event_actors``
table (every distinct code, country and name on either side of an event,
a few thousand rows): the user's string selects codes there, and events are
then filtered with ``source_code IN (that small set)``, a semi-join DuckDB
runs in a few milliseconds at a million events. Full text goes through the
word index (``tokens``/``mention_tokens``), never through the sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..models import PLOVER_TYPES, STATUSES
from ._sql import QUADS

__all__ = ["EventFilter", "actor_clause", "where_clause"]

# Python's twin of newsevents.store.index.TOKEN_PATTERN (the indexed words).
_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the HTTP API and exports.

    ``actor`` matches either side by code (``PRKGOV``), code prefix or
    country (``PRK``), or name: it selects the actor codes that any of these
    match, and every event of those codes (so ``iran`` finds all events coded
    ``IRN``, whatever name the article used); an actor with no code is
    matched by its name. ``dyad`` is ``SOURCE:TARGET`` in that order
    (``undirected=True`` for either order). ``since``/``until`` select events
    whose date interval overlaps the range. ``text`` needs every word to
    occur (as part of a word, any case) in one sentence that reports the
    event.

    >>> EventFilter(dyad="PRK:IRN", type="consult").validated().type
    'consult'
    """

    actor: str | None = None
    dyad: str | None = None
    undirected: bool = False
    type: str | None = None
    mode: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    location_country: str | None = None
    text: str | None = None
    limit: int | None = 100
    offset: int = 0
    quad: str | None = None
    min_mentions: int | None = None

    def validated(self) -> EventFilter:
        if self.type and self.type.upper() not in PLOVER_TYPES:
            raise InputError(f"unknown event type {self.type!r}; use one of "
                             f"{', '.join(PLOVER_TYPES)}")
        if self.status and self.status not in STATUSES:
            raise InputError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        if self.quad and self.quad not in QUADS:
            raise InputError(f"unknown quad class {self.quad!r}; use one of {', '.join(QUADS)}")
        if self.dyad and (":" not in self.dyad or not all(self.dyad.split(":", 1))):
            raise InputError(f"--dyad must look like SOURCE:TARGET (e.g. PRK:IRN), got "
                             f"{self.dyad!r}")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")
        if self.limit is not None and self.limit < 0:
            raise InputError(f"limit must be 0 or more, got {self.limit}")
        if self.text is not None and not _WORD.findall(self.text):
            raise InputError(f"--text {self.text!r} holds no words to search for")
        return self


def actor_clause(prefix: str, value: str) -> tuple[str, list]:
    """SQL (and parameters) matching one side (``source``/``target``) to an actor string.

    >>> actor_clause("source", "irn")[1]
    ['IRN', 'IRN', 'IRN', 'irn', 'IRN', 'irn']
    """
    v = value.strip()
    clause = (f"({prefix}_code IN (SELECT code FROM event_actors WHERE code = ? OR country = ? "
              f"OR starts_with(code, ?) OR lower(name) = lower(?)) "
              f"OR ({prefix}_code IS NULL AND ({prefix}_country = ? "
              f"OR lower({prefix}_name) = lower(?))))")
    return clause, [v.upper(), v.upper(), v.upper(), v, v.upper(), v]


def _text_clause(id_col: str, text: str) -> tuple[str, list]:
    # Each word picks the vocabulary entries that contain it (what ILIKE
    # '%word%' matched), then the mentions holding one of them; a mention
    # must hold every word.
    words = [w.lower() for w in _WORD.findall(text)]
    per_word = " INTERSECT ".join(
        "SELECT seq FROM mention_tokens WHERE token_id IN "
        "(SELECT id FROM tokens WHERE contains(token, ?))" for _ in words)
    return (f"{id_col} IN (SELECT event_id FROM event_mentions WHERE seq IN ({per_word}))",
            words)


def where_clause(f: EventFilter, alias: str = "") -> tuple[str, list]:
    """The WHERE clause (and its parameters) for a filter over ``events``.

    >>> where_clause(EventFilter(type="ASSAULT"))
    ('WHERE type = ?', ['ASSAULT'])
    """
    f = f.validated()
    parts: list[str] = []
    params: list = []
    p = f"{alias}." if alias else ""
    if f.actor:
        s, sp = actor_clause(p + "source", f.actor)
        t, tp = actor_clause(p + "target", f.actor)
        parts.append(f"({s} OR {t})")
        params += sp + tp
    if f.dyad:
        a, b = f.dyad.split(":", 1)
        s1, p1 = actor_clause(p + "source", a)
        t1, q1 = actor_clause(p + "target", b)
        forward = f"({s1} AND {t1})"
        if f.undirected:
            s2, p2 = actor_clause(p + "source", b)
            t2, q2 = actor_clause(p + "target", a)
            parts.append(f"({forward} OR ({s2} AND {t2}))")
            params += p1 + q1 + p2 + q2
        else:
            parts.append(forward)
            params += p1 + q1
    for col, value in (("type", f.type.upper() if f.type else None), ("mode", f.mode),
                       ("status", f.status), ("quad", f.quad),
                       ("location_country",
                        f.location_country.upper() if f.location_country else None)):
        if value:
            parts.append(f"{p}{col} = ?")
            params.append(value)
    if f.since:  # the event's interval reaches into [since, until]
        parts.append(f"coalesce({p}date_end, {p}date_start) >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{p}date_start <= ?")
        params.append(f.until)
    if f.min_mentions:
        parts.append(f"{p}mentions >= ?")
        params.append(f.min_mentions)
    if f.text:
        clause, words = _text_clause(f"{p}id", f.text)
        parts.append(clause)
        params += words
    return ("WHERE " + " AND ".join(parts)) if parts else "", params
