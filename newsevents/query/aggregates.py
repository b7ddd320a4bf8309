"""Aggregates for summaries and the dashboard: counts, dyads, timelines, networks.

Everything aggregates inside DuckDB and returns a bounded number of rows.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import QUAD_CLASS
from ._sql import QUADS, actor_key, and_, fetch, quad_counts
from ._sql import period as _period
from .filters import EventFilter, where_clause

__all__ = ["network", "overview", "summarize", "top_dyads", "type_timeline"]


def _where(f: EventFilter | None) -> tuple[str, list]:
    return where_clause(replace(f or EventFilter(), limit=None, offset=0))


def summary_sql(f: EventFilter | None = None, period: str = "month",
                by: str = "actor") -> tuple[str, list]:
    """The SQL and parameters of :func:`summarize` (for Arrow/pandas results)."""
    period = _period(period)
    where, params = _where(f)
    src, tgt = actor_key("source", by), actor_key("target", by)
    return (f"SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period, "
            f"coalesce({src}, '-') AS source, coalesce({tgt}, '-') AS target, "
            f"count(*) AS events, sum(mentions) AS mentions, {quad_counts()} FROM events "
            f"{and_(where, 'date_start IS NOT NULL')} "
            "GROUP BY ALL ORDER BY period, events DESC, source, target", params)


def summarize(store, f: EventFilter | None = None, period: str = "month",
              by: str = "actor") -> list[dict]:
    """Event counts per dyad and period, split into the four PLOVER quad classes.

    ``by="country"`` counts dyads of countries (USAGOV and USAMIL count as USA).

    >>> summarize(store, EventFilter(actor="IRN", limit=None), "week")  # doctest: +SKIP
    [{'period': '2024-04-08', 'source': 'IRNGOV', 'target': 'ISR', 'events': 2,
      'mentions': 7, 'verbal_cooperation': 0, ..., 'material_conflict': 2}]
    """
    sql, params = summary_sql(f, period, by)
    return fetch(store, sql, params)


def overview(store) -> dict:
    """Counts for the dashboard's first page: tables, date range, quads, statuses.

    >>> overview(store)["counts"]["events"]  # doctest: +SKIP
    1234
    """
    con = store.con
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
              for t in ("articles", "rejections", "event_mentions", "events", "claims",
                        "responses", "runs")}
    row = con.execute(f"SELECT min(date_start), max(date_start), {quad_counts()} "
                      "FROM events").fetchall()[0]
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
    where = and_(where, "source_code IS NOT NULL AND target_code IS NOT NULL")
    return fetch(store,
                 f"SELECT source_code AS source, target_code AS target, "
                 f"any_value(source_name) AS source_name, any_value(target_name) AS target_name, "
                 f"count(*) AS events, sum(mentions) AS mentions, max(date_start) AS last_date, "
                 f"{quad_counts()} FROM events {where} GROUP BY source_code, target_code "
                 f"ORDER BY events DESC, source, target LIMIT ?", params + [limit])


def type_timeline(store, f: EventFilter | None = None, period: str = "month") -> list[dict]:
    """Event counts per period and PLOVER type (with its quad class) for a filter.

    >>> type_timeline(store, EventFilter(dyad="PRK:IRN"), "week")  # doctest: +SKIP
    [{'period': '2024-04-22', 'type': 'CONSULT', 'quad': 'verbal_cooperation', 'events': 2}]
    """
    period = _period(period)
    where, params = _where(f)
    found = fetch(store,
                  f"SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period, type, "
                  f"count(*) AS events, sum(mentions) AS mentions FROM events "
                  f"{and_(where, 'date_start IS NOT NULL')} GROUP BY ALL ORDER BY period, type",
                  params)
    for r in found:
        r["quad"] = QUAD_CLASS.get(r["type"])
    return found


def network(store, f: EventFilter | None = None, limit: int = 60, by: str = "actor") -> dict:
    """Actors as nodes and directed event counts as edges, the ``limit`` heaviest.

    Each edge carries cooperation and conflict counts so a view can colour
    it; nodes are only the actors the kept edges touch. ``by="country"``
    folds actors into their country (USA, USAGOV and USAMIL are one node
    ``USA``; actors without a country keep their code); ``by="actor"`` keeps
    every code apart.

    >>> network(store, EventFilter(since=date(2024, 4, 1)), limit=30)["edges"][0]  # doctest: +SKIP
    """
    src, tgt = actor_key("source", by), actor_key("target", by)
    where, params = _where(f)
    where = and_(where, f"{src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}")
    edges = fetch(store,
                  f"SELECT {src} AS source, {tgt} AS target, count(*) AS events, "
                  f"{quad_counts()} FROM events {where} GROUP BY ALL "
                  f"ORDER BY events DESC, source, target LIMIT ?", params + [limit])
    for e in edges:
        e["cooperation"] = e["verbal_cooperation"] + e["material_cooperation"]
        e["conflict"] = e["verbal_conflict"] + e["material_conflict"]
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = []
    if codes:
        # A country node is named as the country itself is (the event side whose
        # code is the bare ISO3), not after whichever ministry is most frequent.
        nodes = fetch(store,
                      f"""SELECT code, coalesce(mode(name) FILTER (WHERE own = code), mode(name))
                                   AS name, any_value(country) AS country, count(*) AS events
                         FROM (SELECT {src} AS code, source_code AS own, source_name AS name,
                                      source_country AS country
                               FROM events WHERE list_contains(?, {src})
                               UNION ALL SELECT {tgt}, target_code, target_name, target_country
                               FROM events WHERE list_contains(?, {tgt}))
                         GROUP BY code ORDER BY code""", [codes, codes])
    return {"nodes": nodes, "edges": edges, "by": by}
