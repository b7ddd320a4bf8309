"""Exports: PLOVER/POLECAT-style JSON, CAMEO-style TSV, CSV and Parquet.

Field mapping is documented in docs/exports.md. CSV and Parquet are written
by DuckDB's COPY (streamed, no Python loop); the JSON and TSV writers stream
rows in pages so memory stays bounded.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from . import EVENT_COLUMNS, EventFilter, where_clause

FORMATS = ("plover", "cameo", "csv", "parquet")

# CAMEO-style TSV, in the column order analysts know from ICEWS/GDELT files.
CAMEO_COLUMNS = (
    ("event_id", "id"), ("date", "date"), ("source_name", "source_name"),
    ("source_code", "source_code"), ("source_country", "source_country"),
    ("cameo_code", "cameo"), ("plover_type", "type"), ("target_name", "target_name"),
    ("target_code", "target_code"), ("target_country", "target_country"),
    ("location", "location_name"), ("latitude", "location_lat"),
    ("longitude", "location_lon"), ("mentions", "mentions"), ("sources", "sources"),
    ("url", "url"),
)

_PAGE = 10_000


def _select(f: EventFilter) -> tuple[str, list]:
    where, params = where_clause(replace(f, limit=None, offset=0))
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    # The URL of the first article that reported the event.
    sql = (f"SELECT {cols}, (SELECT a.url FROM event_mentions m JOIN articles a "
           f"ON a.id = m.article_id WHERE m.event_id = e.id ORDER BY a.published, a.id LIMIT 1)"
           f" AS url FROM events e {where.replace('WHERE', 'WHERE', 1)} ORDER BY e.date_start, e.id")
    return sql, params


def _rows(store, f: EventFilter):
    sql, params = _select(f)
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(_PAGE):
        for row in batch:
            yield dict(zip(cols, row))


def plover_record(r: dict) -> dict:
    """One event as a PLOVER/POLECAT-style record (docs/exports.md)."""
    def actor(prefix: str) -> dict | None:
        if not r[f"{prefix}_code"] and not r[f"{prefix}_name"]:
            return None
        return {"name": r[f"{prefix}_name"], "code": r[f"{prefix}_code"],
                "country": r[f"{prefix}_country"]}
    return {
        "id": r["id"],
        "event_date": r["date"],
        "date_precision": r["date_precision"],
        "event_type": r["type"],
        "mode": r["mode"],
        "cameo": r["cameo"],
        "source": actor("source"),
        "target": actor("target"),
        "status": r["status"],
        "location": None if not r["location_name"] else {
            "name": r["location_name"], "country": r["location_country"],
            "lat": r["location_lat"], "lon": r["location_lon"]},
        "mentions": r["mentions"],
        "sources": r["sources"],
        "first_reported": _iso(r["first_reported"]),
        "last_reported": _iso(r["last_reported"]),
        "confidence": r["confidence"],
        "evidence": r["sentence"],
        "url": r["url"],
    }


def _iso(v):
    return v.isoformat() if hasattr(v, "isoformat") else v


def export_events(store, fmt: str, out: str | Path, f: EventFilter | None = None) -> int:
    """Write the events matching ``f`` to ``out``; returns the number of rows.

    >>> export_events(store, "parquet", "events.parquet")  # doctest: +SKIP
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    f = f or EventFilter(limit=None)
    out = Path(out)
    if out.parent and not out.parent.exists():
        raise InputError(f"folder {out.parent} does not exist; create it or choose another --out")
    sql, params = _select(f)
    if fmt in ("csv", "parquet"):
        options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
        # COPY cannot take prepared parameters: materialise into a temp table first.
        store.con.execute("CREATE OR REPLACE TEMP TABLE _export AS " + sql, params)
        try:
            store.con.execute(f"COPY _export TO '{_quote(out)}' {options}")
            return store.con.execute("SELECT count(*) FROM _export").fetchone()[0]
        finally:
            store.con.execute("DROP TABLE IF EXISTS _export")
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "plover":
            for r in _rows(store, f):
                fh.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
                n += 1
        else:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow([name for name, _ in CAMEO_COLUMNS])
            for r in _rows(store, f):
                w.writerow(["" if r[c] is None else _iso(r[c]) for _, c in CAMEO_COLUMNS])
                n += 1
    return n


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
