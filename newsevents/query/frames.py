"""Events, claims and summaries as Arrow tables or pandas DataFrames, for notebooks.

The rows come straight from DuckDB's columnar result (``.arrow()`` /
``.df()`` on the query relation), never converted row by row, so a million
events load in about a second. The filters, order and columns are those of
:func:`~newsevents.query.query_events`, :func:`~newsevents.query.query_claims`
and :func:`~newsevents.query.summarize`. pandas is optional: the ``*_df``
functions say how to install it when it is missing; the ``*_arrow`` ones
need only pyarrow, which newsevents depends on (``polars.from_arrow`` takes
their result as it is).

>>> import newsevents
>>> from newsevents.query import EventFilter, events_df
>>> with newsevents.open_store("newsevents.duckdb", read_only=True) as store:  # doctest: +SKIP
...     df = events_df(store, EventFilter(dyad="USA:CHN", undirected=True))
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import date

from ..errors import InputError
from .aggregates import summary_sql
from .claims import _claims_where
from .events import _columns
from .filters import EventFilter, where_clause

__all__ = ["claims_arrow", "claims_df", "events_arrow", "events_df", "summary_arrow",
           "summary_df"]


def _relation(store, sql: str, params: list):
    # A fresh cursor: DuckDB refuses con.sql() while an earlier execute() on the
    # same connection has an unconsumed result.
    return store.con.cursor().sql(sql, params=params)


def _arrow(store, sql: str, params: list):
    rel = _relation(store, sql, params)
    # DuckDB 1.4 named it to_arrow_table (fetch_arrow_table is deprecated there).
    fetch = getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table
    return fetch()


def _df(store, sql: str, params: list):
    if importlib.util.find_spec("pandas") is None:
        raise InputError("pandas is not installed; install it with `pip install pandas`, "
                         "or use the Arrow functions (events_arrow, claims_arrow, "
                         "summary_arrow), which need only pyarrow")
    return _relation(store, sql, params).df()


def _events_sql(f: EventFilter | None, columns) -> tuple[str, list]:
    f = f or EventFilter(limit=None)
    where, params = where_clause(replace(f, offset=0, limit=None))
    sql = (f"SELECT {_columns(columns)} FROM events {where} "
           "ORDER BY date_start DESC NULLS LAST, id")
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [f.limit, f.offset]
    return sql, params


def events_arrow(store, f: EventFilter | None = None, columns=None):
    """Merged events matching ``f`` (all of them unless ``f.limit``) as a ``pyarrow.Table``.

    >>> events_arrow(store, EventFilter(actor="IRN")).num_rows  # doctest: +SKIP
    42
    """
    return _arrow(store, *_events_sql(f, columns))


def events_df(store, f: EventFilter | None = None, columns=None):
    """Merged events matching ``f`` as a pandas ``DataFrame`` (needs pandas).

    >>> events_df(store, EventFilter(type="ASSAULT"))[["date", "source_code"]]  # doctest: +SKIP
    """
    return _df(store, *_events_sql(f, columns))


def _claims_sql(actor, text, since, until, limit) -> tuple[str, list]:
    where, params = _claims_where(actor, text, since, until)
    # Each claim with its responses as a list of structs and the ledger status
    # query_claims computes in Python, here in one query. A response belongs to
    # every claim it is linked to (response_links, in-article and cross-article),
    # and to its claim_id (links the link step has not copied yet).
    sql = f"""
        WITH l AS (
            SELECT response_article_id AS article_id, response_id AS id, claim_id
            FROM response_links
            UNION
            SELECT article_id, id, claim_id FROM responses WHERE claim_id IS NOT NULL),
        r AS (
            SELECT l.claim_id,
                   list(resp ORDER BY resp.date NULLS LAST, resp.article_id, resp.id)
                       AS responses,
                   bool_or(resp.kind = 'denial') AS denied,
                   bool_or(resp.kind = 'confirmation') AS confirmed
            FROM l JOIN responses resp ON resp.article_id = l.article_id AND resp.id = l.id
            GROUP BY l.claim_id)
        SELECT c.*, a.published, a.title, a.url,
               coalesce(r.responses, []) AS responses,
               CASE WHEN r.denied AND r.confirmed THEN 'disputed'
                    WHEN r.denied THEN 'denied'
                    WHEN r.confirmed THEN 'confirmed'
                    ELSE 'unanswered' END AS status
        FROM claims c JOIN articles a ON a.id = c.article_id
        LEFT JOIN r ON r.claim_id = c.id {where}
        ORDER BY a.published DESC NULLS LAST, c.article_id, c.id"""
    if limit is not None:
        sql += " LIMIT ?"
        params = params + [limit]
    return sql, params


def claims_arrow(store, actor: str | None = None, text: str | None = None,
                 since: date | None = None, until: date | None = None,
                 limit: int | None = None):
    """Every stored claim (filters as :func:`query_claims`; one row per report, not merged
    across articles as the ledger view is) as a ``pyarrow.Table``.

    ``responses`` is a list of response structs; ``status`` is ``denied``,
    ``confirmed``, ``disputed`` or ``unanswered``.

    >>> claims_arrow(store, actor="RUS").column("status")  # doctest: +SKIP
    """
    return _arrow(store, *_claims_sql(actor, text, since, until, limit))


def claims_df(store, actor: str | None = None, text: str | None = None,
              since: date | None = None, until: date | None = None,
              limit: int | None = None):
    """The claims ledger as a pandas ``DataFrame`` (needs pandas).

    >>> claims_df(store, text="weapons")[["claimant_name", "status"]]  # doctest: +SKIP
    """
    return _df(store, *_claims_sql(actor, text, since, until, limit))


def summary_arrow(store, f: EventFilter | None = None, period: str = "month",
                  by: str = "actor"):
    """Events per dyad and period by quad class (as :func:`summarize`) as a ``pyarrow.Table``.

    >>> summary_arrow(store, EventFilter(actor="IRN"), "week", by="country")  # doctest: +SKIP
    """
    return _arrow(store, *summary_sql(f, period, by))


def summary_df(store, f: EventFilter | None = None, period: str = "month", by: str = "actor"):
    """Events per dyad and period by quad class as a pandas ``DataFrame`` (needs pandas).

    >>> summary_df(store, period="week", by="country").head()  # doctest: +SKIP
    """
    return _df(store, *summary_sql(f, period, by))
