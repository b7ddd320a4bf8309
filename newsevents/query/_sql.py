"""Small helpers shared by the query modules: rows as dicts, quad counts, periods."""

from __future__ import annotations

from datetime import date, datetime

from ..errors import InputError
from ..models import QUAD_CLASS

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
PERIODS = ("day", "week", "month", "year")
# How actors are grouped in summaries and networks: by their full code
# (USAGOV, USAMIL and USA apart) or by country (all three are USA).
GROUPINGS = ("actor", "country")
assert set(QUADS) == set(QUAD_CLASS.values())


def jsonable(row: dict) -> dict:
    """Dates as ISO strings (timestamps to the second), NaN as None — ready for JSON."""
    for k, v in row.items():
        if isinstance(v, datetime):
            row[k] = v.isoformat(timespec="seconds")
        elif isinstance(v, date):
            row[k] = v.isoformat()
        elif isinstance(v, float) and v != v:  # NaN from DuckDB's NULL doubles in pandas paths
            row[k] = None
    return row


def rows(cur) -> list[dict]:
    """All rows of an executed DuckDB cursor as JSON-ready dicts."""
    cols = [d[0] for d in cur.description]
    return [jsonable(dict(zip(cols, row))) for row in cur.fetchall()]


def fetch(store, sql: str, params: list) -> list[dict]:
    """Run parameterised SQL on the store; rows as JSON-ready dicts."""
    return rows(store.con.execute(sql, params))


def like_pattern(word: str) -> str:
    """``%word%`` for ``ILIKE ... ESCAPE '\\'``, with the wildcards in ``word`` escaped.

    >>> like_pattern("50%")
    '%50\\\\%%'
    """
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def quad_counts() -> str:
    """``count(*) FILTER`` columns, one per PLOVER quad class, over ``events.quad``."""
    return ", ".join(f"count(*) FILTER (WHERE quad = '{q}') AS {q}" for q in QUADS)


def period(value: str) -> str:
    """A validated period unit (spliced into ``date_trunc``, so only these four)."""
    if value not in PERIODS:
        raise InputError(f"unknown period {value!r}; use {', '.join(PERIODS)}")
    return value


def and_(where: str, cond: str) -> str:
    """Add a condition to a possibly empty WHERE clause."""
    return f"{where} AND {cond}" if where else f"WHERE {cond}"


def actor_key(side: str, by: str) -> str:
    """The SQL expression that groups one side (``source``/``target``) of an event.

    ``by="country"`` folds an actor into its ISO3 country; actors without one
    (IGOs, "the West") keep their code.

    >>> actor_key("source", "country")
    'coalesce(source_country, source_code)'
    """
    if by not in GROUPINGS:
        raise InputError(f"unknown grouping by={by!r}; use {' or '.join(GROUPINGS)}")
    assert side in ("source", "target")
    return f"coalesce({side}_country, {side}_code)" if by == "country" else f"{side}_code"
