"""Read-only queries over the store, and exports.

Everything here takes an open :class:`newsevents.store.Store` and returns
plain rows (dicts) or writes a file; SQL is parameterised throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..models import PLOVER_TYPES, QUAD_CLASS, STATUSES

__all__ = ["EventFilter", "query_events", "query_claims", "summarize", "EVENT_COLUMNS"]

EVENT_COLUMNS = (
    "id", "date", "date_precision", "type", "mode", "cameo",
    "source_name", "source_code", "source_country",
    "target_name", "target_code", "target_country",
    "status", "location_name", "location_country", "location_lat", "location_lon",
    "mentions", "sources", "first_reported", "last_reported", "confidence", "sentence",
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the HTTP API and exports.

    ``actor`` matches either side by code (``PRKGOV``), code prefix or
    country (``PRK``), or name; ``dyad`` is ``SOURCE:TARGET`` in that order
    (``undirected=True`` for either order).
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

    def validated(self) -> EventFilter:
        if self.type and self.type.upper() not in PLOVER_TYPES:
            raise InputError(f"unknown event type {self.type!r}; use one of "
                             f"{', '.join(PLOVER_TYPES)}")
        if self.status and self.status not in STATUSES:
            raise InputError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        if self.dyad and (":" not in self.dyad or not all(self.dyad.split(":", 1))):
            raise InputError(f"--dyad must look like SOURCE:TARGET (e.g. PRK:IRN), got "
                             f"{self.dyad!r}")
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")
        return self


def _side(prefix: str, value: str) -> tuple[str, list]:
    v = value.strip()
    clause = (f"({prefix}_code = ? OR {prefix}_country = ? OR starts_with({prefix}_code, ?) "
              f"OR lower({prefix}_name) = lower(?))")
    return clause, [v.upper(), v.upper(), v.upper(), v]


def where_clause(f: EventFilter) -> tuple[str, list]:
    """The WHERE clause (and its parameters) for a filter over ``events``."""
    f = f.validated()
    parts: list[str] = []
    params: list = []
    if f.actor:
        s, sp = _side("source", f.actor)
        t, tp = _side("target", f.actor)
        parts.append(f"({s} OR {t})")
        params += sp + tp
    if f.dyad:
        a, b = f.dyad.split(":", 1)
        s1, p1 = _side("source", a)
        t1, q1 = _side("target", b)
        forward = f"({s1} AND {t1})"
        if f.undirected:
            s2, p2 = _side("source", b)
            t2, q2 = _side("target", a)
            parts.append(f"({forward} OR ({s2} AND {t2}))")
            params += p1 + q1 + p2 + q2
        else:
            parts.append(forward)
            params += p1 + q1
    if f.type:
        parts.append("type = ?")
        params.append(f.type.upper())
    if f.mode:
        parts.append("mode = ?")
        params.append(f.mode)
    if f.status:
        parts.append("status = ?")
        params.append(f.status)
    if f.since:
        parts.append("date_start >= ?")
        params.append(f.since)
    if f.until:
        parts.append("date_start <= ?")
        params.append(f.until)
    if f.location_country:
        parts.append("location_country = ?")
        params.append(f.location_country.upper())
    if f.text:
        parts.append("sentence ILIKE ?")
        params.append(f"%{f.text}%")
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def query_events(store, f: EventFilter | None = None) -> list[dict]:
    """Merged events matching a filter, newest first.

    >>> query_events(store, EventFilter(dyad="PRK:IRN"))  # doctest: +SKIP
    """
    f = f or EventFilter()
    where, params = where_clause(f)
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} "
           "ORDER BY date_start DESC NULLS LAST, id")
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [f.limit, f.offset]
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def event_mentions(store, event_id: str) -> list[dict]:
    """Every article sentence that reports one merged event."""
    cur = store.con.execute(
        "SELECT m.*, a.title, a.url, a.source AS article_source FROM event_mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.published, m.id",
        [event_id])
    cols = [d[0] for d in cur.description]
    return [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def query_claims(store, actor: str | None = None, text: str | None = None,
                 since: date | None = None, until: date | None = None,
                 limit: int | None = 100) -> list[dict]:
    """The claims ledger: each claim with its responses and a status."""
    parts, params = [], []
    if actor:
        a = actor.upper()
        parts.append("(c.claimant_code = ? OR c.claimant_country = ? OR list_contains(c.accused, ?)"
                     " OR list_contains(c.accused_countries, ?))")
        params += [a, a, a, a]
    if text:
        parts.append("c.text ILIKE ?")
        params.append(f"%{text}%")
    if since:
        parts.append("a.published >= ?")
        params.append(since)
    if until:
        parts.append("a.published <= ?")
        params.append(until)
    where = ("WHERE " + " AND ".join(parts)) if parts else ""
    sql = (f"SELECT c.*, a.published, a.title FROM claims c JOIN articles a ON a.id = c.article_id "
           f"{where} ORDER BY a.published DESC NULLS LAST, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    claims = [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]
    if not claims:
        return []
    ids = [c["id"] for c in claims]
    cur = store.con.execute(
        "SELECT * FROM responses WHERE list_contains(?, claim_id) ORDER BY date NULLS LAST, id",
        [ids])
    rcols = [d[0] for d in cur.description]
    by_claim: dict[str, list[dict]] = {}
    for row in cur.fetchall():
        r = _jsonable(dict(zip(rcols, row)))
        by_claim.setdefault(r["claim_id"], []).append(r)
    for c in claims:
        c["responses"] = by_claim.get(c["id"], [])
        kinds = {r["kind"] for r in c["responses"]}
        c["status"] = ("disputed" if kinds >= {"denial", "confirmation"} else
                       "denied" if "denial" in kinds else
                       "confirmed" if "confirmation" in kinds else "unanswered")
    return claims


_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def summarize(store, f: EventFilter | None = None, period: str = "month") -> list[dict]:
    """Event counts per dyad and period, split into the four PLOVER quad classes."""
    if period not in _PERIODS:
        raise InputError(f"unknown period {period!r}; use day, week, month or year")
    f = f or EventFilter(limit=None)
    where, params = where_clause(f)
    cases = ", ".join(
        f"count(*) FILTER (WHERE list_contains(?, type)) AS {quad}"
        for quad in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                     "material_conflict"))
    quad_params = [[t for t, q in QUAD_CLASS.items() if q == quad]
                   for quad in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                "material_conflict")]
    sql = (f"SELECT date_trunc('{_PERIODS[period]}', date_start) AS period, "
           f"coalesce(source_code, '-') AS source, coalesce(target_code, '-') AS target, "
           f"count(*) AS events, {cases} FROM events {where} "
           f"{'AND' if where else 'WHERE'} date_start IS NOT NULL "
           "GROUP BY ALL ORDER BY period, events DESC")
    cur = store.con.execute(sql, quad_params + params)
    cols = [d[0] for d in cur.description]
    return [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def _jsonable(row: dict) -> dict:
    for k, v in row.items():
        if isinstance(v, date):
            row[k] = v.isoformat()
    return row
