"""Read-only queries over the store, and exports.

Everything here takes an open :class:`newsevents.store.Store` and returns
plain rows (dicts) or writes a file; SQL is parameterised throughout.
Full-text search is a case-insensitive match of every word over the
sentences of all mentions of an event (DuckDB's ``fts`` extension needs a
download, which newsevents never does at run time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..models import PLOVER_TYPES, QUAD_CLASS, STATUSES

__all__ = [
    "EVENT_COLUMNS",
    "PERIODS",
    "QUADS",
    "EventFilter",
    "actor_profile",
    "event_mentions",
    "query_claims",
    "query_events",
    "summarize",
    "where_clause",
]

EVENT_COLUMNS = (
    "id", "date", "date_precision", "type", "mode", "cameo",
    "source_name", "source_code", "source_country",
    "target_name", "target_code", "target_country",
    "status", "location_name", "location_country", "location_lat", "location_lon",
    "mentions", "sources", "first_reported", "last_reported", "confidence", "sentence",
    "quad", "date_start", "date_end", "source_sector", "target_sector", "url",
)
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
PERIODS = ("day", "week", "month", "year")
_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the HTTP API and exports.

    ``actor`` matches either side by code (``PRKGOV``), code prefix or
    country (``PRK``), or name; ``dyad`` is ``SOURCE:TARGET`` in that order
    (``undirected=True`` for either order). ``since``/``until`` select events
    whose date interval overlaps the range. ``text`` needs every word to
    occur in one sentence that reports the event.

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


def _side(prefix: str, value: str) -> tuple[str, list]:
    v = value.strip()
    clause = (f"({prefix}_code = ? OR {prefix}_country = ? OR starts_with({prefix}_code, ?) "
              f"OR lower({prefix}_name) = lower(?))")
    return clause, [v.upper(), v.upper(), v.upper(), v]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
        s, sp = _side(p + "source", f.actor)
        t, tp = _side(p + "target", f.actor)
        parts.append(f"({s} OR {t})")
        params += sp + tp
    if f.dyad:
        a, b = f.dyad.split(":", 1)
        s1, p1 = _side(p + "source", a)
        t1, q1 = _side(p + "target", b)
        forward = f"({s1} AND {t1})"
        if f.undirected:
            s2, p2 = _side(p + "source", b)
            t2, q2 = _side(p + "target", a)
            parts.append(f"({forward} OR ({s2} AND {t2}))")
            params += p1 + q1 + p2 + q2
        else:
            parts.append(forward)
            params += p1 + q1
    if f.type:
        parts.append(f"{p}type = ?")
        params.append(f.type.upper())
    if f.mode:
        parts.append(f"{p}mode = ?")
        params.append(f.mode)
    if f.status:
        parts.append(f"{p}status = ?")
        params.append(f.status)
    if f.quad:
        parts.append(f"{p}quad = ?")
        params.append(f.quad)
    if f.since:  # the event's interval reaches into [since, until]
        parts.append(f"coalesce({p}date_end, {p}date_start) >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{p}date_start <= ?")
        params.append(f.until)
    if f.location_country:
        parts.append(f"{p}location_country = ?")
        params.append(f.location_country.upper())
    if f.min_mentions:
        parts.append(f"{p}mentions >= ?")
        params.append(f.min_mentions)
    if f.text:
        words = _WORD.findall(f.text)
        likes = " AND ".join("sentence ILIKE ? ESCAPE '\\'" for _ in words)
        parts.append(f"{p}id IN (SELECT event_id FROM event_mentions WHERE {likes})")
        params += [_like(w) for w in words]
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def _fetch(store, sql: str, params: list) -> list[dict]:
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def query_events(store, f: EventFilter | None = None) -> list[dict]:
    """Merged events matching a filter, newest first.

    >>> query_events(store, EventFilter(dyad="PRK:IRN"))  # doctest: +SKIP
    [{'id': '...', 'type': 'CONSULT', 'mentions': 3, 'sources': 2, ...}]
    """
    f = f or EventFilter()
    where, params = where_clause(f)
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} "
           "ORDER BY date_start DESC NULLS LAST, id")
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [f.limit, f.offset]
    return _fetch(store, sql, params)


def count_events(store, f: EventFilter | None = None) -> int:
    """How many merged events match a filter (ignoring limit/offset)."""
    where, params = where_clause(f or EventFilter())
    return store.con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0]


def event_mentions(store, event_id: str) -> list[dict]:
    """Every article sentence that reports one merged event, oldest first.

    >>> event_mentions(store, "8ff03b26b2cc30f77ec7e58a")  # doctest: +SKIP
    [{'sentence': '...', 'status': 'reported', 'title': '...', 'url': '...', ...}]
    """
    return _fetch(store,
                  "SELECT m.*, a.title, a.url, a.source AS article_source, a.near_duplicate_of "
                  "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                  "WHERE m.event_id = ? ORDER BY m.published, m.article_id, m.id", [event_id])


def query_claims(store, actor: str | None = None, text: str | None = None,
                 since: date | None = None, until: date | None = None,
                 limit: int | None = 100) -> list[dict]:
    """The claims ledger: each claim with its responses and a status.

    >>> query_claims(store, actor="IRN")  # doctest: +SKIP
    [{'claimant_name': 'United States', 'text': '...', 'status': 'denied', 'responses': [...]}]
    """
    parts, params = [], []
    if actor:
        a = actor.upper()
        parts.append("(c.claimant_code = ? OR c.claimant_country = ? OR list_contains(c.accused, ?)"
                     " OR list_contains(c.accused_countries, ?) OR lower(c.claimant_name) = ?"
                     " OR list_contains(list_transform(c.accused_names, lambda x: lower(x)), ?))")
        params += [a, a, a, a, actor.lower(), actor.lower()]
    if text:
        parts.append("c.text ILIKE ? ESCAPE '\\'")
        params.append(_like(text))
    if since:
        parts.append("a.published >= ?")
        params.append(since)
    if until:
        parts.append("a.published <= ?")
        params.append(until)
    where = ("WHERE " + " AND ".join(parts)) if parts else ""
    sql = (f"SELECT c.*, a.published, a.title, a.url FROM claims c "
           f"JOIN articles a ON a.id = c.article_id {where} "
           "ORDER BY a.published DESC NULLS LAST, c.article_id, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    claims = _fetch(store, sql, params)
    if not claims:
        return []
    # By claim id alone: the ledger links responses in other articles to a claim
    # (claim ids hash the article text, so they are unique across articles).
    keys = sorted({c["id"] for c in claims})
    by_claim: dict[str, list[dict]] = {}
    for r in _fetch(store, "SELECT * FROM responses WHERE list_contains(?, claim_id) "
                           "ORDER BY date NULLS LAST, article_id, id", [keys]):
        by_claim.setdefault(r["claim_id"], []).append(r)
    for c in claims:
        c["responses"] = by_claim.get(c["id"], [])
        kinds = {r["kind"] for r in c["responses"]}
        c["status"] = ("disputed" if kinds >= {"denial", "confirmation"} else
                       "denied" if "denial" in kinds else
                       "confirmed" if "confirmation" in kinds else "unanswered")
    return claims


def _quad_counts() -> str:
    return ", ".join(f"count(*) FILTER (WHERE quad = '{q}') AS {q}" for q in QUADS)


def _period(period: str) -> str:
    if period not in PERIODS:
        raise InputError(f"unknown period {period!r}; use {', '.join(PERIODS)}")
    return period


def summarize(store, f: EventFilter | None = None, period: str = "month") -> list[dict]:
    """Event counts per dyad and period, split into the four PLOVER quad classes.

    >>> summarize(store, EventFilter(actor="IRN", limit=None), "week")  # doctest: +SKIP
    [{'period': '2024-04-08', 'source': 'IRNGOV', 'target': 'ISR', 'events': 2,
      'mentions': 7, 'verbal_cooperation': 0, ..., 'material_conflict': 2}]
    """
    period = _period(period)
    f = f or EventFilter(limit=None)
    where, params = where_clause(f)
    sql = (f"SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period, "
           f"coalesce(source_code, '-') AS source, coalesce(target_code, '-') AS target, "
           f"count(*) AS events, sum(mentions) AS mentions, {_quad_counts()} FROM events {where} "
           f"{'AND' if where else 'WHERE'} date_start IS NOT NULL "
           "GROUP BY ALL ORDER BY period, events DESC, source, target")
    return _fetch(store, sql, params)


def actor_profile(store, actor: str, period: str = "month", top: int = 10,
                  f: EventFilter | None = None) -> dict:
    """Who an actor acts on and who acts on it, how (types, quad classes), and over time.

    ``actor`` is matched as in :class:`EventFilter` (code, code prefix,
    country or name); ``f`` narrows the events further (dates, status...).

    >>> actor_profile(store, "IRN")["acts_on"][0]  # doctest: +SKIP
    {'target': 'ISR', 'name': 'Israel', 'events': 4, 'mentions': 11, 'top_type': 'ASSAULT'}
    """
    period = _period(period)
    if not actor or not actor.strip():
        raise InputError("actor_profile needs an actor code, country or name, e.g. IRN")
    from dataclasses import replace
    base = replace(f or EventFilter(), actor=None, limit=None, offset=0)
    where, params = where_clause(base)
    scope = where or "WHERE TRUE"
    s_clause, s_params = _side("source", actor)
    t_clause, t_params = _side("target", actor)

    def partners(mine: str, mine_params: list, other: str) -> list[dict]:
        return _fetch(store, f"""
            SELECT coalesce({other}_code, '-') AS {'target' if other == 'target' else 'source'},
                   any_value({other}_name) AS name, count(*) AS events,
                   sum(mentions) AS mentions, mode(type) AS top_type, {_quad_counts()}
            FROM events {scope} AND {mine}
            GROUP BY 1 ORDER BY events DESC, 1 LIMIT ?""", params + mine_params + [top])

    types = _fetch(store, f"""
        SELECT CASE WHEN {s_clause} THEN 'source' ELSE 'target' END AS role, type,
               count(*) AS events
        FROM events {scope} AND ({s_clause} OR {t_clause})
        GROUP BY ALL ORDER BY role, events DESC, type""",
                   s_params + params + s_params + t_params)
    timeline = _fetch(store, f"""
        SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period,
               CASE WHEN {s_clause} THEN 'source' ELSE 'target' END AS role,
               count(*) AS events, {_quad_counts()}
        FROM events {scope} AND ({s_clause} OR {t_clause}) AND date_start IS NOT NULL
        GROUP BY ALL ORDER BY period, role""", s_params + params + s_params + t_params)
    total = store.con.execute(
        f"SELECT count(*), any_value(CASE WHEN {s_clause} THEN source_name ELSE target_name END)"
        f" FROM events {scope} AND ({s_clause} OR {t_clause})",
        s_params + params + s_params + t_params).fetchone()
    return {
        "actor": actor, "name": total[1], "events": total[0],
        "acts_on": partners(s_clause, s_params, "target"),
        "acted_on_by": partners(t_clause, t_params, "source"),
        "types": types, "timeline": timeline,
    }


def _jsonable(row: dict) -> dict:
    for k, v in row.items():
        if isinstance(v, date):
            row[k] = v.isoformat()[:10]
        elif isinstance(v, float) and v != v:  # NaN from DuckDB's NULL doubles in pandas paths
            row[k] = None
    return row


# Kept for callers that imported the table of quad classes from here.
QUAD_OF = QUAD_CLASS
