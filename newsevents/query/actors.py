"""Actors: search, and a profile (who they act on, who acts on them, how, over time)."""

from __future__ import annotations

from dataclasses import replace

from ..errors import InputError
from ._sql import fetch, like_pattern, quad_counts
from ._sql import period as _period
from .filters import EventFilter, actor_clause, where_clause

__all__ = ["PROFILE_SECTIONS", "actor_profile", "search_actors"]

PROFILE_SECTIONS = ("acts_on", "acted_on_by", "counterparts", "types", "timeline",
                    "types_over_time")


def search_actors(store, q: str = "", limit: int = 20) -> list[dict]:
    """Actors (by code) whose code, country or name contains ``q``, most active first.

    The match runs over the small ``event_actors`` table; only the events of
    the codes it finds are counted.

    >>> search_actors(store, "iran")[0]["code"]  # doctest: +SKIP
    'IRN'
    """
    like = like_pattern(q.strip())
    return fetch(store, r"""
        WITH hit AS (SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL AND
                     (code ILIKE ? ESCAPE '\' OR name ILIKE ? ESCAPE '\'
                      OR coalesce(country, '') ILIKE ? ESCAPE '\')),
             sides AS (
               SELECT source_code AS code, source_name AS name, source_country AS country,
                      1 AS as_source, 0 AS as_target FROM events
               WHERE source_code IN (SELECT code FROM hit)
               UNION ALL
               SELECT target_code, target_name, target_country, 0, 1 FROM events
               WHERE target_code IN (SELECT code FROM hit))
        SELECT code, mode(name) AS name, any_value(country) AS country,
               count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target
        FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?""",
                 [like, like, like, limit])


def actor_profile(store, actor: str, period: str = "month", top: int = 10,
                  f: EventFilter | None = None, sections=None) -> dict:
    """Who an actor acts on and who acts on it, how (types, quad classes), and over time.

    ``actor`` is matched as in :class:`EventFilter` (code, code prefix,
    country or name); ``f`` narrows the events further (dates, status...).
    ``events`` is 0 when nothing matches. Keys: ``actor``, ``code`` (the
    actor's main code), ``name``, ``codes``, ``names``, ``events``,
    ``as_source``, ``as_target``, ``first_date``, ``last_date``, the four
    quad counts, ``acts_on``/``acted_on_by`` (top partners per direction),
    ``counterparts`` (partners with outgoing/incoming counts), ``types``
    (per role), ``timeline`` (per period and role) and ``types_over_time``
    (per period and type). ``sections`` limits the lists computed after
    ``names`` to those named (all of :data:`PROFILE_SECTIONS` by default).

    >>> actor_profile(store, "IRN")["acts_on"][0]  # doctest: +SKIP
    {'target': 'ISR', 'name': 'Israel', 'events': 4, 'mentions': 11, 'top_type': 'ASSAULT'}
    """
    period = _period(period)
    sections = tuple(sections or PROFILE_SECTIONS)
    if unknown := set(sections) - set(PROFILE_SECTIONS):
        raise InputError(f"unknown profile section(s) {', '.join(sorted(unknown))}; use "
                         f"{', '.join(PROFILE_SECTIONS)}")
    if not actor or not actor.strip():
        raise InputError("actor_profile needs an actor code, country or name, e.g. IRN")
    base = replace(f or EventFilter(), actor=None, limit=None, offset=0)
    where, params = where_clause(base)
    scope = where or "WHERE TRUE"
    s, sp = actor_clause("source", actor)
    t, tp = actor_clause("target", actor)
    # The actor's events (narrow columns) with the side(s) it is on, copied once
    # into a scratch table of this connection: every figure below aggregates
    # it, instead of filtering the whole events table eight times.
    con = store.con
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _actor_events AS
                    SELECT source_code, source_name, source_country, target_code, target_name,
                           target_country, type, quad, mentions, date_start,
                           {s} AS is_src, {t} AS is_tgt
                    FROM events {scope} AND ({s} OR {t})""", sp + tp + params + sp + tp)

    def q(sql: str, extra: list | None = None) -> list[dict]:
        return fetch(store, sql.replace("__MINE__", "_actor_events"), extra or [])

    try:
        return _profile(actor, period, top, q, sections)
    finally:
        con.execute("DROP TABLE IF EXISTS _actor_events")


def _profile(actor: str, period: str, top: int, q, sections) -> dict:
    head = q(f"""SELECT count(*) AS events, count(*) FILTER (WHERE is_src) AS as_source,
                        count(*) FILTER (WHERE is_tgt) AS as_target,
                        min(date_start) AS first_date, max(date_start) AS last_date,
                        {quad_counts()} FROM __MINE__""")[0]
    codes = q("""SELECT code, count(*) AS events FROM (
                     SELECT source_code AS code FROM __MINE__ WHERE is_src
                     UNION ALL SELECT target_code FROM __MINE__ WHERE is_tgt)
                 WHERE code IS NOT NULL GROUP BY code ORDER BY events DESC, code LIMIT 10""")
    names = q("""SELECT name, country, count(*) AS n FROM (
                     SELECT source_name AS name, source_country AS country FROM __MINE__
                     WHERE is_src
                     UNION ALL SELECT target_name, target_country FROM __MINE__ WHERE is_tgt)
                 WHERE name IS NOT NULL GROUP BY ALL ORDER BY n DESC, name LIMIT 5""")

    def partners(side: str, other: str) -> list[dict]:
        label = "target" if other == "target" else "source"
        return q(f"""SELECT coalesce({other}_code, '-') AS {label},
                            any_value({other}_name) AS name, count(*) AS events,
                            sum(mentions) AS mentions, mode(type) AS top_type, {quad_counts()}
                     FROM __MINE__ WHERE {side} GROUP BY 1 ORDER BY events DESC, 1 LIMIT ?""",
                 [top])

    sql = {
        "acts_on": (partners, ("is_src", "target")),
        "acted_on_by": (partners, ("is_tgt", "source")),
        "counterparts": (q, (f"""
            SELECT other AS code, mode(other_name) AS name, count(*) AS events,
                   count(*) FILTER (WHERE dir = 'out') AS outgoing,
                   count(*) FILTER (WHERE dir = 'in') AS incoming, {quad_counts()}
            FROM (SELECT target_code AS other, target_name AS other_name, quad, 'out' AS dir
                  FROM __MINE__ WHERE is_src AND target_code IS NOT NULL
                  UNION ALL
                  SELECT source_code, source_name, quad, 'in' FROM __MINE__
                  WHERE is_tgt AND source_code IS NOT NULL)
            GROUP BY other ORDER BY events DESC, code LIMIT ?""", [top])),
        "types": (q, ("""SELECT CASE WHEN is_src THEN 'source' ELSE 'target' END AS role, type,
                                count(*) AS events
                         FROM __MINE__ GROUP BY ALL ORDER BY role, events DESC, type""",)),
        "timeline": (q, (f"""SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period,
                                    CASE WHEN is_src THEN 'source' ELSE 'target' END AS role,
                                    count(*) AS events, {quad_counts()}
                             FROM __MINE__ WHERE date_start IS NOT NULL
                             GROUP BY ALL ORDER BY period, role""",)),
        "types_over_time": (q, (f"""
            SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS period, type,
                   count(*) AS events
            FROM __MINE__ WHERE date_start IS NOT NULL
            GROUP BY ALL ORDER BY period, type""",)),
    }
    given = actor.strip().upper()
    code = given if any(c["code"] == given for c in codes) or not codes else codes[0]["code"]
    out = {"actor": actor, "code": code, "name": names[0]["name"] if names else None,
           **head, "codes": codes, "names": names}
    for name in sections:
        fn, args = sql[name]
        out[name] = fn(*args)
    return out
