"""Read-only queries over the store, and exports.

Everything here takes an open :class:`newsevents.store.Store` (anything
with a DuckDB ``.con``) and returns plain rows (dicts) or writes a file; SQL
is parameterised throughout. The CLI, the HTTP API and the dashboard all
call these functions:

* :mod:`.filters` — :class:`EventFilter` and its SQL (actor and dyad
  filters resolve through the ``event_actors`` lookup; full text through the
  word index, both kept by the store at write time);
* :mod:`.events` — event lists (offset or keyset pages), one event, its
  mentions, the data-version fingerprint;
* :mod:`.aggregates` — summaries per dyad and period, the overview, top
  dyads, per-type timelines, the actor network;
* :mod:`.actors` — actor search and profiles;
* :mod:`.articles` — articles with their coded spans, runs, rejections;
* :mod:`.claims` — the claims ledger;
* :mod:`.export` — PLOVER JSONL, CAMEO TSV, CSV, Parquet;
* :mod:`.frames` — events, claims and summaries as Arrow tables or pandas
  DataFrames straight from DuckDB, for notebooks (docs/notebook.md).
"""

from __future__ import annotations

from ..models import QUAD_CLASS
from ._sql import PERIODS, QUADS
from .actors import actor_profile, search_actors
from .aggregates import network, overview, summarize, top_dyads, type_timeline
from .articles import get_article, list_articles, list_rejections, list_runs
from .claims import count_claims, get_claims_by_ids, merge_ledger, query_claims
from .detail import event_detail
from .events import (
    EVENT_COLUMNS,
    SORTS,
    count_events,
    data_version,
    event_mentions,
    get_event,
    page_events,
    query_events,
    spans_mentions,
)
from .filters import EventFilter, actor_clause, where_clause
from .frames import (
    claims_arrow,
    claims_df,
    events_arrow,
    events_df,
    summary_arrow,
    summary_df,
)

__all__ = [
    "EVENT_COLUMNS",
    "PERIODS",
    "QUADS",
    "SORTS",
    "EventFilter",
    "actor_clause",
    "actor_profile",
    "claims_arrow",
    "claims_df",
    "count_claims",
    "count_events",
    "data_version",
    "event_detail",
    "event_mentions",
    "events_arrow",
    "events_df",
    "get_article",
    "get_claims_by_ids",
    "get_event",
    "list_articles",
    "list_rejections",
    "list_runs",
    "network",
    "overview",
    "page_events",
    "merge_ledger",
    "query_claims",
    "query_events",
    "search_actors",
    "spans_mentions",
    "summarize",
    "summary_arrow",
    "summary_df",
    "top_dyads",
    "type_timeline",
    "where_clause",
]

# Kept for callers that imported the table of quad classes from here.
QUAD_OF = QUAD_CLASS
