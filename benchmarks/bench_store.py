"""Store benchmark: 1 million synthetic events in DuckDB (the store) vs SQLite.

Measures, in one run on the same rows: bulk insert (rows/s; for DuckDB including the
actor and word lookups), the merge over the whole store, a dyad-by-month summary, a
full-text query (as ``query_events`` dicts, as the same SQL rows SQLite returns, and its
first page of 50), and an export to Parquet. SQLite gets the same tables and its own bulk path
(``executemany`` inside one transaction, the fastest stdlib route) and the
same merged events, so the query timings compare like with like.

    .venv/bin/python benchmarks/bench_store.py [--rows 1000000]

Results are printed and written to benchmarks/results/bench_store.json with
the machine described.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from newsevents.models import QUAD_CLASS
from newsevents.query import EventFilter, query_events, summarize, where_clause
from newsevents.query.export import export_events
from newsevents.store import Store
from newsevents.store.rows import block_key
from newsevents.store.synthetic import COUNTRIES, TYPES, WORDS


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
        mem_gb = round(mem / 1024 / 1024, 1)
    except (OSError, StopIteration):
        mem_gb = None
    import duckdb
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "sqlite": sqlite3.sqlite_version, "pyarrow": pa.__version__}


def synthetic(n: int, seed: int = 0) -> tuple[pa.Table, pa.Table]:
    """(event_mentions, articles) Arrow tables with n mentions, 4 per article."""
    rng = np.random.default_rng(seed)
    n_art = max(1, n // 4)
    codes = np.array([c for c, _ in COUNTRIES])
    names = np.array([nm for _, nm in COUNTRIES])
    src = rng.integers(0, len(codes), n)
    tgt = (src + rng.integers(1, len(codes), n)) % len(codes)
    typ = np.array(TYPES)[rng.integers(0, len(TYPES), n)]
    base = date(2020, 1, 1)
    day = rng.integers(0, 4 * 365, n)
    dates = np.array([(base + timedelta(days=int(d))).isoformat() for d in range(4 * 365)])
    art = rng.integers(0, n_art, n)
    art_ids = np.char.add("a", np.arange(n_art).astype(str))
    words = np.array(WORDS)
    w = rng.integers(0, len(words), (n, 6))
    sentences = [" ".join(row) for row in words[w]]
    status = np.where(rng.random(n) < 0.1, "claimed", "reported")
    src_code = np.char.add(codes[src], "GOV")
    blocks = [block_key(t, s, g, st) for t, s, g, st in zip(typ, src_code, codes[tgt], status)]
    ds = np.array([base + timedelta(days=int(d)) for d in range(4 * 365)], dtype="datetime64[D]")
    em = pa.table({
        "id": pa.array(np.char.add("e", np.arange(n).astype(str))),
        "article_id": pa.array(art_ids[art]),
        "block": pa.array(blocks),
        "type": pa.array(typ),
        "source_name": pa.array(names[src]), "source_code": pa.array(src_code),
        "source_country": pa.array(codes[src]), "source_sector": pa.array(["GOV"] * n),
        "target_name": pa.array(names[tgt]), "target_code": pa.array(codes[tgt]),
        "target_country": pa.array(codes[tgt]),
        "date": pa.array(dates[day]), "date_precision": pa.array(["day"] * n),
        "date_start": pa.array(ds[day]), "date_end": pa.array(ds[day]),
        "status": pa.array(status),
        "sentence": pa.array(sentences),
        "confidence": pa.array(rng.random(n)),
        "published": pa.array(ds[np.minimum(day + rng.integers(0, 3, n), 4 * 365 - 1)]),
    })
    articles = pa.table({
        "id": pa.array(art_ids), "source": pa.array(np.char.add("bench:", art_ids)),
        "text": pa.array(["(benchmark article)"] * n_art), "coded": pa.array([True] * n_art),
        "ingested_at": pa.array([np.datetime64("2024-01-01T00:00:00")] * n_art),
    })
    return em, articles


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


SQLITE_DDL = """
CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT, text TEXT, coded INTEGER,
    ingested_at TEXT, published TEXT, url TEXT, near_duplicate_of TEXT);
CREATE TABLE event_mentions (id TEXT, article_id TEXT, event_id TEXT, block TEXT, type TEXT,
    source_name TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
    target_name TEXT, target_code TEXT, target_country TEXT, date TEXT, date_precision TEXT,
    date_start TEXT, date_end TEXT, status TEXT, sentence TEXT, confidence REAL,
    published TEXT);
CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT, quad TEXT, source_code TEXT,
    target_code TEXT, date TEXT, date_start TEXT, status TEXT, mentions INTEGER,
    sources INTEGER, sentence TEXT);
"""


SQLITE_EVENT_COLUMNS = ("id, type, quad, source_code, target_code, date, date_start, status, "
                        "mentions, sources, sentence")


def bench_sqlite(path: Path, em: pa.Table, articles: pa.Table, events: pa.Table,
                 event_ids: list[str]) -> dict:
    con = sqlite3.connect(path)
    con.executescript(SQLITE_DDL)
    out = {}
    cols = [c for c in em.column_names]
    rows = list(zip(*[em.column(c).to_pylist() for c in cols]))
    arows = list(zip(*[articles.column(c).to_pylist() for c in articles.column_names]))
    erows = list(zip(*[events.column(c).to_pylist() for c in events.column_names]))

    def insert():
        with con:
            con.executemany(f"INSERT INTO articles ({', '.join(articles.column_names)}) VALUES "
                            f"({', '.join('?' * len(articles.column_names))})", arows)
            con.executemany(f"INSERT INTO event_mentions ({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", rows)
    out["insert_s"], _ = timed(insert)
    with con:
        con.executemany(f"INSERT INTO events ({', '.join(events.column_names)}) VALUES "
                        f"({', '.join('?' * len(events.column_names))})", erows)
        con.executemany("UPDATE event_mentions SET event_id = ? WHERE rowid = ?",
                        [(e, i + 1) for i, e in enumerate(event_ids)])
    quads = ", ".join(f"SUM(quad = '{q}') AS {q}" for q in sorted(set(QUAD_CLASS.values())))
    out["summary_s"], res = timed(lambda: con.execute(
        f"SELECT substr(date_start, 1, 7) AS month, source_code, target_code, count(*), "
        f"{quads} FROM events GROUP BY 1, 2, 3 ORDER BY 1").fetchall())
    out["summary_rows"] = len(res)
    # the same shape as query_events(text=...): events having a mention with every word
    out["fulltext_s"], res = timed(lambda: con.execute(
        "SELECT * FROM events WHERE id IN (SELECT event_id FROM event_mentions "
        "WHERE sentence LIKE '%drone%' AND sentence LIKE '%ceasefire%') "
        "ORDER BY date_start DESC, id").fetchall())
    out["fulltext_hits"] = len(res)
    out["fulltext_sql_s"] = out["fulltext_s"]  # SQLite has only the one way
    out["fulltext_page_s"], _ = timed(lambda: con.execute(
        "SELECT * FROM events WHERE id IN (SELECT event_id FROM event_mentions "
        "WHERE sentence LIKE '%drone%' AND sentence LIKE '%ceasefire%') "
        "ORDER BY date_start DESC, id LIMIT 50").fetchall())

    def export():
        cur = con.execute("SELECT * FROM events ORDER BY date_start, id")
        names = [d[0] for d in cur.description]
        writer = None
        while batch := cur.fetchmany(100_000):
            t = pa.table(dict(zip(names, map(list, zip(*batch)))))
            writer = writer or pq.ParquetWriter(path.with_suffix(".parquet"), t.schema)
            writer.write_table(t)
        writer.close()
    out["export_parquet_s"], _ = timed(export)
    con.close()
    return out


_STEPS = ("insert_s", "summary_s", "fulltext_s", "fulltext_sql_s", "fulltext_page_s",
          "export_parquet_s")


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    n = args.rows
    print(f"generating {n:,} synthetic event mentions ...", flush=True)
    em, articles = synthetic(n)
    results = {"rows": n, "machine": machine(), "duckdb": {}, "sqlite": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        d = results["duckdb"]
        with Store(tmp / "bench.duckdb", hold=True) as store:
            d["insert_s"], _ = timed(lambda: (store.insert_arrow("articles", articles),
                                              store.insert_arrow("event_mentions", em)))
            d["merge_s"], n_events = timed(store.merge_events)
            d["events"] = n_events
            d["summary_s"], res = timed(lambda: summarize(store, EventFilter(limit=None),
                                                          "month"))
            d["summary_rows"] = len(res)
            d["fulltext_s"], res = timed(lambda: query_events(
                store, EventFilter(text="drone ceasefire", limit=None)))
            d["fulltext_hits"] = len(res)
            # the same rows and columns as SQLite's query (its events table has 11),
            # as tuples: the search itself, without building 29-key dicts
            where, params = where_clause(EventFilter(text="drone ceasefire"))
            d["fulltext_sql_s"], _ = timed(lambda: store.con.execute(
                f"SELECT {SQLITE_EVENT_COLUMNS} FROM events {where} "
                "ORDER BY date_start DESC, id", params).fetchall())
            d["fulltext_page_s"], _ = timed(lambda: query_events(
                store, EventFilter(text="drone ceasefire", limit=50)))
            d["export_parquet_s"], _ = timed(lambda: export_events(
                store, "parquet", tmp / "events.parquet"))
            d["store_mb"] = round((tmp / "bench.duckdb").stat().st_size / 1e6, 1)
            events = store.con.sql(
                "SELECT id, type, quad, source_code, target_code, date, "
                "CAST(date_start AS VARCHAR) AS date_start, status, mentions, sources, "
                "sentence FROM events").to_arrow_table()
            # each mention's merged event, in insertion order (seq: rowids move when
            # the indexed event_id is updated), for SQLite's copy
            mention_events = [r[0] for r in store.con.execute(
                "SELECT event_id FROM event_mentions ORDER BY seq").fetchall()]
        em_sql = em.set_column(em.column_names.index("date_start"), "date_start",
                               em.column("date_start").cast(pa.string()))
        em_sql = em_sql.set_column(em_sql.column_names.index("date_end"), "date_end",
                                   em_sql.column("date_end").cast(pa.string()))
        em_sql = em_sql.set_column(em_sql.column_names.index("published"), "published",
                                   em_sql.column("published").cast(pa.string()))
        arts_sql = articles.set_column(4, "ingested_at",
                                       articles.column("ingested_at").cast(pa.string()))
        results["sqlite"] = bench_sqlite(tmp / "bench.sqlite", em_sql, arts_sql, events,
                                         mention_events)
    d, s = results["duckdb"], results["sqlite"]
    d["insert_rows_per_s"] = round(n / d["insert_s"])
    s["insert_rows_per_s"] = round(n / s["insert_s"])
    results["sqlite_over_duckdb"] = {k: round(s[k] / d[k], 2) for k in
                                     _STEPS}
    m = results["machine"]
    print(f"machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB; duckdb {m['duckdb']}, "
          f"sqlite {m['sqlite']}")
    print(f"{'step':22s} {'duckdb':>10s} {'sqlite':>10s} {'sqlite/duckdb':>14s}")
    for k in _STEPS:
        print(f"{k:22s} {d[k]:10.3f} {s[k]:10.3f} {results['sqlite_over_duckdb'][k]:14.2f}")
    print(f"insert rows/s: duckdb {d['insert_rows_per_s']:,}  sqlite {s['insert_rows_per_s']:,}")
    print(f"merge over the whole store: {d['merge_s']:.1f} s -> {d['events']:,} events; "
          f"full-text hits {d['fulltext_hits']:,} events (sqlite {s['fulltext_hits']:,}); "
          f"summary rows {d['summary_rows']:,}")
    for part in (d, s):
        for k, v in part.items():
            if isinstance(v, float):
                part[k] = round(v, 3)
    out = Path(__file__).resolve().parent / "results" / "bench_store.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    main()
