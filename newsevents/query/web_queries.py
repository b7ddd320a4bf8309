"""Read-only queries the HTTP API and dashboard need beyond ``query/__init__``.

Everything aggregates inside DuckDB and returns a bounded number of rows, so
the web layer never pulls a whole table into Python. SQL is parameterised;
the only text spliced into SQL comes from constants in this module (column
names from a fixed sort table, the period unit from a fixed set).
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date

from ..errors import InputError
from ..models import QUAD_CLASS
from . import EVENT_COLUMNS, EventFilter, where_clause

__all__ = [
    "QUADS",
    "SORTS",
    "actor_profile",
    "data_version",
    "get_article",
    "get_claims_by_ids",
    "get_event",
    "list_articles",
    "list_rejections",
    "list_runs",
    "network",
    "overview",
    "page_events",
    "search_actors",
    "spans_mentions",
    "top_dyads",
    "type_timeline",
]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_PERIODS = ("day", "week", "month", "year")

# sort name → (SQL key expression over events, direction). The key never is
# NULL (coalesce) so keyset pagination stays a simple tuple comparison.
SORTS: dict[str, tuple[str, str]] = {
    "date_desc": ("coalesce(date_start, DATE '0001-01-01')", "DESC"),
    "date_asc": ("coalesce(date_start, DATE '9999-12-31')", "ASC"),
    "mentions_desc": ("mentions", "DESC"),
    "confidence_desc": ("coalesce(confidence, 0.0)", "DESC"),
}


def _quad_case(col: str = "type") -> tuple[str, list]:
    """A CASE expression mapping a PLOVER type column to its quad class."""
    whens = " ".join(f"WHEN list_contains(?, {col}) THEN '{q}'" for q in QUADS)
    params = [[t for t, qq in QUAD_CLASS.items() if qq == q] for q in QUADS]
    return f"CASE {whens} ELSE NULL END", params


def _quad_counts() -> tuple[str, list]:
    sql = ", ".join(f"count(*) FILTER (WHERE list_contains(?, type)) AS {q}" for q in QUADS)
    return sql, [[t for t, qq in QUAD_CLASS.items() if qq == q] for q in QUADS]


def _rows(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [_jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def _jsonable(row: dict) -> dict:
    for k, v in row.items():
        if isinstance(v, date):
            row[k] = v.isoformat()
    return row


def _where(f: EventFilter | None) -> tuple[str, list]:
    return where_clause(replace(f or EventFilter(), limit=None, offset=0))


def _and(where: str, cond: str) -> str:
    return f"{where} AND {cond}" if where else f"WHERE {cond}"


def data_version(store) -> tuple:
    """A cheap fingerprint that changes whenever an ingest writes (for caching aggregates).

    >>> data_version(store)  # doctest: +SKIP
    (1000000, 250000, 3, '2024-05-01T10:00:00')
    """
    row = store.con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles), "
        "(SELECT count(*) FROM runs), (SELECT CAST(max(coalesce(finished_at, started_at)) "
        "AS VARCHAR) FROM runs)").fetchone()
    return tuple(row)


# --- overview -----------------------------------------------------------------

def overview(store) -> dict:
    """Counts for the dashboard's first page: tables, date range, quads, statuses.

    >>> overview(store)["counts"]["events"]  # doctest: +SKIP
    1234
    """
    con = store.con
    counts = {}
    for table in ("articles", "rejections", "event_mentions", "events", "claims",
                  "responses", "runs"):
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    qsql, qparams = _quad_counts()
    row = con.execute(
        f"SELECT min(date_start), max(date_start), {qsql} FROM events", qparams).fetchone()
    statuses = dict(con.execute(
        "SELECT status, count(*) FROM events GROUP BY status ORDER BY 2 DESC").fetchall())
    return {
        "counts": counts,
        "first_date": row[0].isoformat() if row[0] else None,
        "last_date": row[1].isoformat() if row[1] else None,
        "quads": dict(zip(QUADS, row[2:])),
        "statuses": statuses,
    }


def top_dyads(store, f: EventFilter | None = None, limit: int = 10) -> list[dict]:
    """The most active (source, target) code pairs, with quad-class counts.

    >>> top_dyads(store, limit=5)[0]["source"]  # doctest: +SKIP
    'PRKGOV'
    """
    where, params = _where(f)
    qsql, qparams = _quad_counts()
    where = _and(where, "source_code IS NOT NULL AND target_code IS NOT NULL")
    cur = store.con.execute(
        f"SELECT source_code AS source, target_code AS target, "
        f"any_value(source_name) AS source_name, any_value(target_name) AS target_name, "
        f"count(*) AS events, sum(mentions) AS mentions, max(date_start) AS last_date, {qsql} "
        f"FROM events {where} GROUP BY source_code, target_code "
        f"ORDER BY events DESC, source, target LIMIT ?", qparams + params + [limit])
    return _rows(cur)


# --- events -------------------------------------------------------------------

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


_COLS = ", ".join(EVENT_COLUMNS + tuple(c for c in ("date_start",) if c not in EVENT_COLUMNS))


def page_events(store, f: EventFilter | None = None, sort: str = "date_desc",
                cursor: str | None = None, limit: int = 50) -> tuple[list[dict], str | None]:
    """One page of merged events and the cursor of the next page (keyset paging).

    Keyset paging stays fast deep into a million rows, where OFFSET would
    scan everything before the page.

    >>> rows, nxt = page_events(store, EventFilter(dyad="PRK:IRN"), limit=20)  # doctest: +SKIP
    """
    if sort not in SORTS:
        raise InputError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    key_sql, direction = SORTS[sort]
    where, params = _where(f)
    if cursor:
        key, last_id = _decode_cursor(cursor)
        op = "<" if direction == "DESC" else ">"
        where = _and(where, f"(({key_sql}) {op} ? OR (({key_sql}) = ? AND id > ?))")
        params = params + [key, key, last_id]
    cur = store.con.execute(
        f"SELECT {_COLS}, ({key_sql}) AS _key FROM events {where} "
        f"ORDER BY _key {direction}, id LIMIT ?", params + [limit + 1])
    cols = [d[0] for d in cur.description]
    raw = [dict(zip(cols, r)) for r in cur.fetchall()]
    nxt = None
    if len(raw) > limit:
        raw = raw[:limit]
        nxt = _encode_cursor(raw[-1]["_key"], raw[-1]["id"])
    out = []
    for r in raw:
        r.pop("_key")
        r.setdefault("quad", QUAD_CLASS.get(r["type"]))
        out.append(_jsonable(r))
    return out, nxt


def get_event(store, event_id: str) -> dict | None:
    """One merged event with every stored column, or None.

    >>> get_event(store, "0f3a...")["type"]  # doctest: +SKIP
    'CONSULT'
    """
    rows = _rows(store.con.execute("SELECT * FROM events WHERE id = ?", [event_id]))
    if not rows:
        return None
    rows[0].setdefault("quad", QUAD_CLASS.get(rows[0]["type"]))
    return rows[0]


def spans_mentions(store, spans: list[tuple[str, int, int]]) -> list[dict]:
    """Actor mentions that fall inside the given (article_id, start, end) spans.

    >>> spans_mentions(store, [("ab12...", 0, 120)])  # doctest: +SKIP
    """
    if not spans:
        return []
    rows: list[dict] = []
    # One equality lookup per article (index-friendly); an event has few articles.
    for aid in sorted({s[0] for s in spans})[:200]:
        rows += _rows(store.con.execute(
            'SELECT article_id, start, "end", text, name, code, country, sector, kind, role, '
            "rule FROM mentions WHERE article_id = ? ORDER BY start", [aid]))
    out = []
    for m in rows:
        if any(a == m["article_id"] and s <= m["start"] and m["end"] <= e for a, s, e in spans):
            out.append(m)
    return out


# --- actors -------------------------------------------------------------------

def search_actors(store, q: str = "", limit: int = 20) -> list[dict]:
    """Actors (by code) whose code, country or name matches ``q``, most active first.

    >>> search_actors(store, "iran")[0]["code"]  # doctest: +SKIP
    'IRN'
    """
    like = f"%{q.strip()}%"
    cur = store.con.execute(
        """WITH sides AS (
               SELECT source_code AS code, source_name AS name, source_country AS country,
                      1 AS as_source, 0 AS as_target FROM events WHERE source_code IS NOT NULL
               UNION ALL
               SELECT target_code, target_name, target_country, 0, 1 FROM events
               WHERE target_code IS NOT NULL)
           SELECT code, mode(name) AS name, any_value(country) AS country,
                  count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target
           FROM sides
           WHERE code ILIKE ? OR name ILIKE ? OR coalesce(country, '') ILIKE ?
           GROUP BY code ORDER BY events DESC, code LIMIT ?""", [like, like, like, limit])
    return _rows(cur)


def actor_profile(store, code: str, period: str = "month", limit: int = 20) -> dict | None:
    """An actor's names, counterparts and event types over time (exact code).

    >>> actor_profile(store, "IRN")["counterparts"][0]["code"]  # doctest: +SKIP
    'ISR'
    """
    if period not in _PERIODS:
        raise InputError(f"unknown period {period!r}; use {', '.join(_PERIODS)}")
    con = store.con
    qsql, qparams = _quad_counts()
    head = _rows(con.execute(
        f"""SELECT count(*) AS events,
                   count(*) FILTER (WHERE source_code = ?) AS as_source,
                   count(*) FILTER (WHERE target_code = ?) AS as_target,
                   min(date_start) AS first_date, max(date_start) AS last_date, {qsql}
            FROM events WHERE source_code = ? OR target_code = ?""",
        [code, code] + qparams + [code, code]))[0]
    if not head["events"]:
        return None
    names = _rows(con.execute(
        """SELECT name, country, count(*) AS n FROM (
               SELECT source_name AS name, source_country AS country FROM events
               WHERE source_code = ?
               UNION ALL SELECT target_name, target_country FROM events WHERE target_code = ?)
           GROUP BY ALL ORDER BY n DESC LIMIT 5""", [code, code]))
    counterparts = _rows(con.execute(
        f"""SELECT other AS code, mode(other_name) AS name, count(*) AS events,
                   count(*) FILTER (WHERE dir = 'out') AS outgoing,
                   count(*) FILTER (WHERE dir = 'in') AS incoming, {qsql}
            FROM (SELECT target_code AS other, target_name AS other_name, type, 'out' AS dir
                  FROM events WHERE source_code = ? AND target_code IS NOT NULL
                  UNION ALL
                  SELECT source_code, source_name, type, 'in' FROM events
                  WHERE target_code = ? AND source_code IS NOT NULL)
            GROUP BY other ORDER BY events DESC, code LIMIT ?""",
        qparams + [code, code, limit]))
    over_time = _rows(con.execute(
        f"""SELECT date_trunc('{period}', date_start) AS period, type, count(*) AS events
            FROM events WHERE (source_code = ? OR target_code = ?) AND date_start IS NOT NULL
            GROUP BY ALL ORDER BY period, type""", [code, code]))
    return {"code": code, **head, "names": names, "counterparts": counterparts,
            "types_over_time": over_time}


# --- timelines and networks -----------------------------------------------------

def type_timeline(store, f: EventFilter | None = None, period: str = "month") -> list[dict]:
    """Event counts per period and PLOVER type (with its quad class) for a filter.

    >>> type_timeline(store, EventFilter(dyad="PRK:IRN"), "week")  # doctest: +SKIP
    [{'period': '2024-04-22', 'type': 'CONSULT', 'quad': 'verbal_cooperation', 'events': 2}]
    """
    if period not in _PERIODS:
        raise InputError(f"unknown period {period!r}; use {', '.join(_PERIODS)}")
    where, params = _where(f)
    where = _and(where, "date_start IS NOT NULL")
    cur = store.con.execute(
        f"SELECT date_trunc('{period}', date_start) AS period, type, count(*) AS events, "
        f"sum(mentions) AS mentions FROM events {where} GROUP BY ALL ORDER BY period, type",
        params)
    rows = _rows(cur)
    for r in rows:
        r["quad"] = QUAD_CLASS.get(r["type"])
    return rows


def network(store, f: EventFilter | None = None, limit: int = 60) -> dict:
    """Actors as nodes and directed event counts as edges, the ``limit`` heaviest.

    Each edge carries cooperation and conflict counts so the view can colour
    it; nodes are only the actors the kept edges touch.

    >>> network(store, EventFilter(since=date(2024, 4, 1)), limit=30)["edges"][0]  # doctest: +SKIP
    """
    where, params = _where(f)
    where = _and(where, "source_code IS NOT NULL AND target_code IS NOT NULL "
                        "AND source_code <> target_code")
    qsql, qparams = _quad_counts()
    edges = _rows(store.con.execute(
        f"SELECT source_code AS source, target_code AS target, count(*) AS events, {qsql} "
        f"FROM events {where} GROUP BY source_code, target_code "
        f"ORDER BY events DESC, source, target LIMIT ?", qparams + params + [limit]))
    for e in edges:
        e["cooperation"] = e["verbal_cooperation"] + e["material_cooperation"]
        e["conflict"] = e["verbal_conflict"] + e["material_conflict"]
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = []
    if codes:
        nodes = _rows(store.con.execute(
            """SELECT code, mode(name) AS name, any_value(country) AS country, count(*) AS events
               FROM (SELECT source_code AS code, source_name AS name, source_country AS country
                     FROM events WHERE list_contains(?, source_code)
                     UNION ALL SELECT target_code, target_name, target_country FROM events
                     WHERE list_contains(?, target_code))
               GROUP BY code ORDER BY code""", [codes, codes]))
    return {"nodes": nodes, "edges": edges}


# --- articles, runs, rejections --------------------------------------------------

def list_articles(store, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Articles newest first (title/url search), with their event counts; no text.

    >>> list_articles(store, "Iran", limit=10)  # doctest: +SKIP
    """
    params: list = []
    where = ""
    if q:
        where = "WHERE a.title ILIKE ? OR a.url ILIKE ? OR a.source ILIKE ?"
        params = [f"%{q}%"] * 3
    cur = store.con.execute(
        f"""SELECT a.id, a.title, a.published, a.url, a.source, a.site, a.language, a.coded,
                   length(a.text) AS chars, len(a.removed) AS removed,
                   (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.id) AS events
            FROM articles a {where}
            ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?""",
        params + [limit, offset])
    return _rows(cur)


def get_article(store, article_id: str) -> dict | None:
    """One article with its text, the furniture cut from it and every coded span.

    >>> get_article(store, "ab12...")["removed"]  # doctest: +SKIP
    ['Add new comment', ...]
    """
    con = store.con
    rows = _rows(con.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
    if not rows:
        return None
    art = rows[0]
    art["removed"] = list(art.get("removed") or [])
    art["events"] = _rows(con.execute(
        """SELECT id, event_id, type, mode, status, source_name, source_code, source_text,
                  target_name, target_code, target_text, date, date_text, trigger,
                  trigger_start, trigger_end, span_start, span_end, confidence
           FROM event_mentions WHERE article_id = ? ORDER BY span_start, trigger_start""",
        [article_id]))
    for e in art["events"]:
        e["quad"] = QUAD_CLASS.get(e["type"])
    art["mentions"] = _rows(con.execute(
        'SELECT start, "end", text, name, code, country, sector, kind, role, rule '
        "FROM mentions WHERE article_id = ? ORDER BY start", [article_id]))
    art["quotes"] = _rows(con.execute(
        'SELECT speaker_name, speaker_role, speaker_org, cue, text, direct, start, "end", '
        "span_start, span_end, date FROM quotes WHERE article_id = ? ORDER BY start",
        [article_id]))
    art["claims"] = _rows(con.execute(
        "SELECT * FROM claims WHERE article_id = ? ORDER BY span_start", [article_id]))
    art["responses"] = _rows(con.execute(
        "SELECT * FROM responses WHERE article_id = ? ORDER BY span_start", [article_id]))
    return art


def list_runs(store, limit: int = 50) -> list[dict]:
    """Ingest runs, newest first, with their rejection counts.

    >>> list_runs(store)[0]["status"]  # doctest: +SKIP
    'done'
    """
    cur = store.con.execute(
        """SELECT r.run_id, r.started_at, r.finished_at, r.version, r.model, r.inputs,
                  r.n_documents, r.n_articles, r.n_rejected, r.n_events, r.status
           FROM runs r ORDER BY r.started_at DESC LIMIT ?""", [limit])
    rows = _rows(cur)
    for r in rows:
        for k in ("started_at", "finished_at"):
            if r[k] is not None and hasattr(r[k], "isoformat"):
                r[k] = r[k].isoformat(timespec="seconds")
        try:
            r["inputs"] = json.loads(r["inputs"]) if r["inputs"] else []
        except ValueError:
            r["inputs"] = [r["inputs"]]
    return rows


def list_rejections(store, run_id: str | None = None, reason: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict], dict[str, int]]:
    """Rejected inputs (newest first) and the count per reason for the same run filter.

    >>> rows, reasons = list_rejections(store, reason="empty")  # doctest: +SKIP
    """
    parts, params = [], []
    if run_id:
        parts.append("run_id = ?")
        params.append(run_id)
    base = ("WHERE " + " AND ".join(parts)) if parts else ""
    reasons = dict(store.con.execute(
        f"SELECT reason, count(*) FROM rejections {base} GROUP BY reason ORDER BY 2 DESC",
        params).fetchall())
    if reason:
        parts.append("reason = ?")
        params.append(reason)
    where = ("WHERE " + " AND ".join(parts)) if parts else ""
    rows = _rows(store.con.execute(
        f"SELECT source, stage, reason, detail, run_id, rejected_at FROM rejections {where} "
        "ORDER BY rejected_at DESC, source LIMIT ? OFFSET ?", params + [limit, offset]))
    for r in rows:
        if r["rejected_at"] is not None and hasattr(r["rejected_at"], "isoformat"):
            r["rejected_at"] = r["rejected_at"].isoformat(timespec="seconds")
    return rows, reasons


def get_claims_by_ids(store, claim_ids: list[str]) -> list[dict]:
    """Claims by id (for an event's claim link), with the article's date and responses.

    >>> get_claims_by_ids(store, ["c1"])  # doctest: +SKIP
    """
    if not claim_ids:
        return []
    claims = _rows(store.con.execute(
        "SELECT c.*, a.published, a.title FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE list_contains(?, c.id) ORDER BY c.id", [claim_ids]))
    responses = _rows(store.con.execute(
        "SELECT * FROM responses WHERE list_contains(?, claim_id) ORDER BY date NULLS LAST, id",
        [claim_ids]))
    for c in claims:
        c["responses"] = [r for r in responses if r["claim_id"] == c["id"]]
    return claims

