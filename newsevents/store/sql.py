"""The store's SQL: the merged-events rebuild, integrity checks, digest exclusions.

Kept apart from :mod:`newsevents.store` so the store class reads as what it
does (sessions, transactions, writes) and the statements can be read whole.
"""

from __future__ import annotations

import pyarrow as pa

from ..models import QUAD_CLASS
from . import merge as M

_EVENT_ID_INDEX = ("CREATE INDEX IF NOT EXISTS event_mentions_event_id "
                   "ON event_mentions (event_id)")  # as in 002_lookups.sql
# Tables whose values Arrow cannot infer (64-bit unsigned keys).
_ARROW_SCHEMAS = {"article_bands": pa.schema([("band", pa.int16()), ("key", pa.uint64()),
                                             ("article_id", pa.string())])}
_PREC_RANK_SQL = "CASE m.date_precision " + " ".join(
    f"WHEN '{p}' THEN {r}" for p, r in M.PRECISION_RANK.items()) + " ELSE 9 END"
_LOC_RANK_SQL = ("CASE WHEN m.location_name IS NULL AND m.location_country IS NULL THEN 2 "
                 "WHEN m.location_feature IS NULL OR m.location_feature = 'country' THEN 1 "
                 "ELSE 0 END")
_QUAD_SQL = "CASE m.type " + " ".join(
    f"WHEN '{t}' THEN '{q}'" for t, q in QUAD_CLASS.items()) + " ELSE 'unknown' END"
# Ties are broken by confidence, then publication, then ids, so a rebuild is deterministic.
_BEST = "m.confidence DESC NULLS LAST, m.published NULLS LAST, m.article_id, m.id"
_EVENTS_SQL = f"""
INSERT INTO events BY NAME
SELECT id, block, type, quad, mode, cameo,
       src.name AS source_name, src.code AS source_code, src.country AS source_country,
       src.sector AS source_sector, src.kind AS source_kind,
       tgt.name AS target_name, tgt.code AS target_code, tgt.country AS target_country,
       tgt.sector AS target_sector, tgt.kind AS target_kind,
       dt.date AS date, dt.precision AS date_precision, dt.start AS date_start,
       dt."end" AS date_end,
       loc.name AS location_name, loc.country AS location_country,
       loc.admin1 AS location_admin1, loc.feature AS location_feature,
       loc.lat AS location_lat, loc.lon AS location_lon,
       status, mentions, sources, first_reported, last_reported, confidence, sentence,
       article_id, url
FROM (
  SELECT m.event_id AS id, any_value(m.block) AS block, any_value(m.type) AS type,
         any_value({_QUAD_SQL}) AS quad,
         first(m.mode ORDER BY m.mode IS NULL, {_BEST}) AS mode,
         first(m.cameo ORDER BY m.cameo IS NULL, {_BEST}) AS cameo,
         first({{'name': m.source_name, 'code': m.source_code, 'country': m.source_country,
                 'sector': m.source_sector, 'kind': m.source_kind}}
               ORDER BY m.source_name IS NULL, {_BEST}) AS src,
         first({{'name': m.target_name, 'code': m.target_code, 'country': m.target_country,
                 'sector': m.target_sector, 'kind': m.target_kind}}
               ORDER BY m.target_name IS NULL, {_BEST}) AS tgt,
         first({{'date': m.date, 'precision': m.date_precision, 'start': m.date_start,
                 'end': m.date_end}}
               ORDER BY {_PREC_RANK_SQL}, m.date_start NULLS LAST, {_BEST}) AS dt,
         first({{'name': m.location_name, 'country': m.location_country,
                 'admin1': m.location_admin1, 'feature': m.location_feature,
                 'lat': m.location_lat, 'lon': m.location_lon}}
               ORDER BY {_LOC_RANK_SQL}, {_BEST}) AS loc,
         any_value(m.status) AS status,
         count(*) AS mentions,
         count(DISTINCT coalesce(a.near_duplicate_of, a.id)) AS sources,
         min(m.published) AS first_reported,
         max(m.published) AS last_reported,
         max(m.confidence) AS confidence,
         first(m.sentence ORDER BY {_BEST}) AS sentence,
         first(m.article_id ORDER BY {_BEST}) AS article_id,
         first(a.url ORDER BY a.url IS NULL, m.published NULLS LAST, m.article_id) AS url
  FROM event_mentions m JOIN articles a ON a.id = m.article_id
  __SCOPE__
  GROUP BY m.event_id
)
"""

# (label, SQL counting the rows with that problem): ``Store.check_integrity``.
INTEGRITY_CHECKS: list[tuple[str, str]] = [
    (f"{t} rows whose article is missing",
     f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
    for t in ("mentions", "event_mentions", "quotes", "claims", "responses",
              "article_sketches", "article_bands")]
INTEGRITY_CHECKS += [
    ("event mentions without a merged event",
     "SELECT count(*) FROM event_mentions WHERE event_id IS NULL "
     "OR event_id NOT IN (SELECT id FROM events)"),
    ("events without mentions",
     "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_mentions "
     "WHERE event_id IS NOT NULL)"),
    ("events whose mention count is stale",
     "SELECT count(*) FROM events e JOIN (SELECT event_id, count(*) n FROM "
     "event_mentions GROUP BY 1) m ON m.event_id = e.id WHERE m.n <> e.mentions"),
    ("duplicate event mentions",
     "SELECT count(*) - count(DISTINCT (article_id, id)) FROM event_mentions"),
    ("duplicate claims", "SELECT count(*) - count(DISTINCT (article_id, id)) FROM claims"),
    ("response links to a missing response or claim",
     "SELECT count(*) FROM response_links l WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE "
     "r.article_id = l.response_article_id AND r.id = l.response_id) OR NOT EXISTS (SELECT 1 "
     "FROM claims c WHERE c.article_id = l.claim_article_id AND c.id = l.claim_id)"),
    ("articles without a sketch",
     "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM "
     "article_sketches)"),
    ("event mentions missing from the lookup tables",
     "SELECT count(*) FROM event_mentions WHERE seq IS NULL OR seq > "
     "(SELECT coalesce(max(seq), 0) FROM index_state)"),
    ("near-duplicate links to missing articles",
     "SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL AND "
     "near_duplicate_of NOT IN (SELECT id FROM articles)"),
]

# seq numbers (and the word index keyed on them) follow write order,
# which batch boundaries can change: they are bookkeeping too.
DIGEST_EXCLUDE = {"articles": "EXCLUDE (run_id, ingested_at)",
        "rejections": "EXCLUDE (run_id, rejected_at)",
        "event_mentions": "EXCLUDE (seq)"}
