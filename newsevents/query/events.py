"""Merged events: filtered lists (offset or keyset pages), one event, its mentions.

Lists are read in two steps when the page is small: the filter and the
sort run over the id and the sort key only, then the page's full rows are
fetched by primary key. Reading every column of every matching row just
to keep fifty cost 3-4x more at a million events.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date

from ..errors import InputError
from ..models import QUAD_CLASS
from ._sql import and_, fetch, rows
from .filters import EventFilter, where_clause

__all__ = [
    "EVENT_COLUMNS",
    "SORTS",
    "count_events",
    "data_version",
    "event_mentions",
    "get_event",
    "page_events",
    "query_events",
    "spans_mentions",
]

EVENT_COLUMNS = (
    "id", "date", "date_precision", "type", "mode", "cameo",
    "source_name", "source_code", "source_country",
    "target_name", "target_code", "target_country",
    "status", "location_name", "location_country", "location_lat", "location_lon",
    "mentions", "sources", "first_reported", "last_reported", "confidence", "sentence",
    "quad", "date_start", "date_end", "source_sector", "target_sector", "url",
)
# Pages up to this size are read in two steps (ids first, then rows by key).
_TWO_STEP_MAX = 1000

# sort name → (SQL key expression over events, direction). The key never is
# NULL (coalesce) so keyset pagination stays a simple tuple comparison.
SORTS: dict[str, tuple[str, str]] = {
    "date_desc": ("coalesce(date_start, DATE '0001-01-01')", "DESC"),
    "date_asc": ("coalesce(date_start, DATE '9999-12-31')", "ASC"),
    "mentions_desc": ("mentions", "DESC"),
    "confidence_desc": ("coalesce(confidence, 0.0)", "DESC"),
}


def _columns(columns) -> str:
    cols = tuple(columns or EVENT_COLUMNS)
    bad = [c for c in cols if c not in EVENT_COLUMNS]
    if bad:  # column names are spliced into SQL: only known ones
        raise InputError(f"unknown event column(s) {', '.join(bad)}; "
                         f"use {', '.join(EVENT_COLUMNS)}")
    return ", ".join(cols if "id" in cols else ("id",) + cols)


def _by_ids(store, ids: list[str], columns) -> list[dict]:
    """Rows for these event ids, in this order (a primary-key lookup)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    got = {r["id"]: r for r in fetch(
        store, f"SELECT {_columns(columns)} FROM events WHERE id IN ({marks})", list(ids))}
    return [got[i] for i in ids if i in got]


def query_events(store, f: EventFilter | None = None, columns=None) -> list[dict]:
    """Merged events matching a filter, newest first (``f.limit``/``f.offset`` page).

    >>> query_events(store, EventFilter(dyad="PRK:IRN"))  # doctest: +SKIP
    [{'id': '...', 'type': 'CONSULT', 'mentions': 3, 'sources': 2, ...}]
    """
    f = f or EventFilter()
    where, params = where_clause(f)
    order = "ORDER BY date_start DESC NULLS LAST, id"
    if f.limit is not None and f.limit <= _TWO_STEP_MAX:
        ids = [r[0] for r in store.con.execute(
            f"SELECT id FROM events {where} {order} LIMIT ? OFFSET ?",
            params + [f.limit, f.offset]).fetchall()]
        return _by_ids(store, ids, columns)
    sql = f"SELECT {_columns(columns)} FROM events {where} {order}"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [f.limit, f.offset]
    return fetch(store, sql, params)


def count_events(store, f: EventFilter | None = None) -> int:
    """How many merged events match a filter (ignoring limit/offset)."""
    where, params = where_clause(f or EventFilter())
    return store.con.execute(f"SELECT count(*) FROM events {where}", params).fetchall()[0][0]


def _encode_cursor(key, event_id: str) -> str:
    if isinstance(key, date):
        key = {"d": key.isoformat()}
    raw = json.dumps([key, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, event_id = json.loads(raw)
        if isinstance(key, dict):
            key = date.fromisoformat(key["d"])
        if not isinstance(event_id, str) or not isinstance(key, (int, float, date)):
            raise ValueError
        return key, event_id
    except (ValueError, TypeError, KeyError):
        raise InputError("cursor is not valid; pass the next_cursor value of a previous "
                         "page unchanged, or omit it to start from the first page") from None


def page_events(store, f: EventFilter | None = None, sort: str = "date_desc",
                cursor: str | None = None, limit: int = 50,
                columns=None) -> tuple[list[dict], str | None]:
    """One page of merged events and the cursor of the next page (keyset paging).

    Keyset paging stays fast deep into a million rows, where OFFSET would
    scan everything before the page. ``columns`` narrows the rows (a subset
    of :data:`EVENT_COLUMNS`; ``id`` is always included).

    >>> rows, nxt = page_events(store, EventFilter(dyad="PRK:IRN"), limit=20)  # doctest: +SKIP
    """
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    if limit < 1:
        raise InputError(f"limit must be 1 or more, got {limit}")
    key_sql, direction = SORTS[sort]
    where, params = where_clause(replace(f or EventFilter(), limit=None, offset=0))
    if cursor:
        key, last_id = _decode_cursor(cursor)
        op = "<" if direction == "DESC" else ">"
        where = and_(where, f"(({key_sql}) {op} ? OR (({key_sql}) = ? AND id > ?))")
        params = params + [key, key, last_id]
    keys = store.con.execute(
        f"SELECT id, ({key_sql}) AS _key FROM events {where} "
        f"ORDER BY _key {direction}, id LIMIT ?", params + [limit + 1]).fetchall()
    nxt = None
    if len(keys) > limit:
        keys = keys[:limit]
        nxt = _encode_cursor(keys[-1][1], keys[-1][0])
    out = _by_ids(store, [k[0] for k in keys], columns)
    for r in out:
        if "type" in r:
            r.setdefault("quad", QUAD_CLASS.get(r["type"]))
    return out, nxt


def get_event(store, event_id: str) -> dict | None:
    """One merged event with every stored column, or None.

    >>> get_event(store, "0f3a...")["type"]  # doctest: +SKIP
    'CONSULT'
    """
    found = fetch(store, "SELECT * FROM events WHERE id = ?", [event_id])
    if not found:
        return None
    found[0].setdefault("quad", QUAD_CLASS.get(found[0]["type"]))
    return found[0]


def event_mentions(store, event_id: str) -> list[dict]:
    """Every article sentence that reports one merged event, oldest first.

    Uses the ``event_mentions(event_id)`` index (migration 002).

    >>> event_mentions(store, "8ff03b26b2cc30f77ec7e58a")  # doctest: +SKIP
    [{'sentence': '...', 'status': 'reported', 'title': '...', 'url': '...', ...}]
    """
    found = fetch(store,
                  "SELECT m.* EXCLUDE (seq), a.title, a.url, a.source AS article_source, "
                  "a.near_duplicate_of FROM event_mentions m JOIN articles a "
                  "ON a.id = m.article_id WHERE m.event_id = ? "
                  "ORDER BY m.published, m.article_id, m.id", [event_id])
    for m in found:
        m["rules"] = list(m.get("rules") or [])
    return found


def spans_mentions(store, spans: list[tuple[str, int, int]]) -> list[dict]:
    """Actor mentions that fall inside the given (article_id, start, end) spans.

    >>> spans_mentions(store, [("ab12...", 0, 120)])  # doctest: +SKIP
    """
    if not spans:
        return []
    found: list[dict] = []
    for aid in sorted({s[0] for s in spans})[:200]:  # an event has few articles
        found += rows(store.con.execute(
            'SELECT article_id, start, "end", text, name, code, country, sector, kind, role, '
            "rule FROM mentions WHERE article_id = ? ORDER BY start", [aid]))
    return [m for m in found
            if any(a == m["article_id"] and s <= m["start"] and m["end"] <= e
                   for a, s, e in spans)]


def data_version(store) -> tuple:
    """A cheap fingerprint that changes whenever an ingest writes (for caching aggregates).

    >>> data_version(store)  # doctest: +SKIP
    (1000000, 250000, 3, '2024-05-01 10:00:00')
    """
    return tuple(store.con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), "
        "(SELECT count(*) FROM runs), (SELECT CAST(max(coalesce(finished_at, started_at)) "
        "AS VARCHAR) FROM runs), (SELECT max(seq) FROM index_state)").fetchall()[0])

