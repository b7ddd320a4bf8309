"""Exports: PLOVER/POLECAT-style JSON lines, CAMEO-style TSV, CSV and Parquet.

The field mapping is documented in docs/exports.md against the PLOVER
manual (chapter 6, "Data Fields"). Every writer streams Arrow record
batches or row pages from one query, so memory stays bounded on large
stores, and works on a read-only store.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .. import __version__
from ..errors import InputError
from . import EVENT_COLUMNS, EventFilter, where_clause

__all__ = ["CAMEO_COLUMNS", "FORMATS", "QUAD_CODE", "export_events", "plover_record"]

FORMATS = ("plover", "cameo", "csv", "parquet")

# CAMEO-style TSV, in the column order analysts know from ICEWS/GDELT event
# files; status and date precision are appended so a claim is never read as fact.
CAMEO_COLUMNS = (
    ("event_id", "id"), ("date", "date"), ("source_name", "source_name"),
    ("source_code", "source_code"), ("source_country", "source_country"),
    ("cameo_code", "cameo"), ("plover_type", "type"), ("target_name", "target_name"),
    ("target_code", "target_code"), ("target_country", "target_country"),
    ("location", "location_name"), ("latitude", "location_lat"),
    ("longitude", "location_lon"), ("mentions", "mentions"), ("sources", "sources"),
    ("url", "url"), ("status", "status"), ("date_precision", "date_precision"),
)
# PLOVER "quad code" 1-4, in the manual's order of the quad categories.
QUAD_CODE = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3,
             "material_conflict": 4}
# PLOVER location "resolution": 1=country ... 4=city, 5=sub-city.
_RESOLUTION = {"country": 1, "region": 2, "admin1": 2, "district": 3, "city": 4, "town": 4,
               "village": 4}
_PAGE = 10_000
_EXTRA = ("source_kind", "target_kind", "location_admin1", "location_feature")


def _select(f: EventFilter) -> tuple[str, list]:
    where, params = where_clause(replace(f, limit=None, offset=0))
    cols = ", ".join(list(EVENT_COLUMNS) + list(_EXTRA))
    return f"SELECT {cols} FROM events {where} ORDER BY date_start NULLS LAST, id", params


def _rows(store, f: EventFilter):
    sql, params = _select(f)
    cur = store.con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(_PAGE):
        for row in batch:
            yield dict(zip(cols, row))


def _iso(v):
    return v.isoformat()[:10] if hasattr(v, "isoformat") else v


def _entity(r: dict, prefix: str) -> list[dict]:
    """A PLOVER actor/recipient: a list of entity objects (manual table 6.2)."""
    if not r[f"{prefix}_code"] and not r[f"{prefix}_name"]:
        return []
    code = r[f"{prefix}_code"]
    country = r[f"{prefix}_country"]
    sector = r[f"{prefix}_sector"]
    return [{
        "code": country or (code[:3] if code else None),
        "sector": sector,
        "entity_text": r[f"{prefix}_name"],
        "identifier_id": None,
        "identifier_text": r[f"{prefix}_name"],
        "actor_code": code,
        "kind": r[f"{prefix}_kind"],
    }]


def plover_record(r: dict) -> dict:
    """One event as a PLOVER/POLECAT-style record (docs/exports.md).

    >>> rec = plover_record(row)  # doctest: +SKIP
    >>> rec["event"], rec["quad_code"]  # doctest: +SKIP
    (['ASSAULT'], 4)
    """
    coarse = r["date_precision"] not in ("day", None)
    loc = None
    if r["location_name"] or r["location_country"]:
        loc = {"resolved_place": r["location_name"], "lat": r["location_lat"],
               "lon": r["location_lon"], "province": r.get("location_admin1"),
               "country_code": r["location_country"],
               "feature": r.get("location_feature"),
               "resolution": _RESOLUTION.get(r.get("location_feature") or "country", 4)}
    return {
        "id": r["id"],
        "has_event": True,
        "date": _iso(r["date_start"]),
        "enddate": _iso(r["date_end"]) if coarse else None,
        "actor": _entity(r, "source"),
        "recipient": _entity(r, "target"),
        "event": [r["type"]],
        "mode": [r["mode"]] if r["mode"] else [],
        "context": [],
        "quad_code": QUAD_CODE.get(r["quad"]),
        "event_loc": loc,
        "event_text": [r["sentence"]] if r["sentence"] else [],
        "cite_info": {"url": r["url"], "coder": f"newsevents {__version__}",
                      "codebook": "PLOVER (manual 2024)"},
        # newsevents extensions (named fields beyond the manual's, as chapter 6 allows)
        "date_raw": r["date"],
        "date_precision": r["date_precision"],
        "status": r["status"],
        "cameo": r["cameo"],
        "mentions": r["mentions"],
        "sources": r["sources"],
        "first_reported": _iso(r["first_reported"]),
        "last_reported": _iso(r["last_reported"]),
        "confidence": r["confidence"],
    }


def export_events(store, fmt: str, out: str | Path, f: EventFilter | None = None) -> int:
    """Write the events matching ``f`` to ``out``; returns the number of rows.

    >>> export_events(store, "parquet", "events.parquet")  # doctest: +SKIP
    1204
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    f = f or EventFilter(limit=None)
    out = Path(out)
    if not out.parent.exists():
        raise InputError(f"folder {out.parent} does not exist; create it or choose another --out")
    if fmt in ("csv", "parquet"):
        return _export_arrow(store, fmt, out, f)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "plover":
            for r in _rows(store, f):
                fh.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
                n += 1
        else:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            w.writerow([name for name, _ in CAMEO_COLUMNS])
            for r in _rows(store, f):
                w.writerow(["" if r[c] is None else _iso(r[c]) for _, c in CAMEO_COLUMNS])
                n += 1
    return n


def _export_arrow(store, fmt: str, out: Path, f: EventFilter) -> int:
    where, params = where_clause(replace(f, limit=None, offset=0))
    sql = (f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {where} "
           "ORDER BY date_start NULLS LAST, id")
    # A fresh cursor: DuckDB 2 refuses con.sql() while an earlier execute() on the
    # same connection has an unconsumed result (fetchone leaves one).
    reader = store.con.cursor().sql(sql, params=params).to_arrow_reader(_PAGE * 10)
    schema = reader.schema
    n = 0
    tmp = out.with_name(out.name + ".part")
    writer = (pq.ParquetWriter(tmp, schema) if fmt == "parquet"
              else pacsv.CSVWriter(tmp, schema))
    try:
        for batch in reader:
            writer.write_batch(batch) if fmt == "parquet" else writer.write(batch)
            n += batch.num_rows
        if n == 0 and fmt == "parquet":
            writer.write_table(pa.Table.from_batches([], schema))
    finally:
        writer.close()
    tmp.replace(out)  # a reader never sees a half-written file
    return n
