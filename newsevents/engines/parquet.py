"""Coded records as Parquet datasets, and loading them into a store.

One dataset per store table (``articles``, ``mentions``, ``event_mentions``,
``quotes``, ``claims``, ``responses``, ``actors``, ``rejections``), each
Hive-partitioned by the article's publication date::

    PARQUET_DIR/event_mentions/pub_date=2025-03-14/part-<run>-<wave>-<task>.parquet
    PARQUET_DIR/rejections/pub_date=__none__/part-….parquet

Rows are exactly the dicts of :mod:`newsevents.store.rows`, with the store's
column types, plus ``_seq`` (the document's position in the input stream)
and ``pub_date``. ``_seq`` lets a loader write articles in input order, so
wire-copy links and first-seen actor rows come out as in a local run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..models import Coded, Rejected
from ..store import rows as R

# Tables written per article, in the order a loader inserts them.
ROW_TABLES = ("articles", "mentions", "event_mentions", "quotes", "claims", "responses",
              "actors")
TABLES = ROW_TABLES + ("rejections",)
NO_DATE = "__none__"
SEQ, PART = "_seq", "pub_date"


def store_schemas(store) -> dict[str, pa.Schema]:
    """The Arrow schema of each table the Parquet datasets mirror, read from the store."""
    out = {}
    for t in TABLES:
        out[t] = store.con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
    store.release()
    return out


def coded_rows(seq: int, c: Coded, run_id: str | None, now: datetime) -> dict[str, list[dict]]:
    """All table rows for one coded article (the same rows ``Store.write_batch`` inserts)."""
    out = {
        "articles": [R.article_row(c, run_id, now)],
        "mentions": R.mention_rows(c), "event_mentions": R.event_mention_rows(c),
        "quotes": R.quote_rows(c), "claims": R.claim_rows(c), "responses": R.response_rows(c),
        "actors": R.actor_rows(c),
    }
    pub = c.article.published.isoformat() if c.article.published else NO_DATE
    for rows in out.values():
        for r in rows:
            r[SEQ] = seq
            r[PART] = pub
    return out


def rejection_rows(seq: int, r: Rejected, run_id: str | None, now: datetime) -> list[dict]:
    return [{**R.rejection_row(r, run_id, now), SEQ: seq, PART: NO_DATE}]


def _table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    names = set(rows[0])
    fields = [f for f in schema if f.name in names]
    fields += [pa.field(SEQ, pa.int64()), pa.field(PART, pa.string())]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def write_parts(rows: dict[str, list[dict]], schemas: dict[str, pa.Schema], base_uri: str,
                tag: str) -> list[str]:
    """Write each table's rows under ``base_uri/table/pub_date=…/part-<tag>.parquet``.

    Each file is written under a temporary name and renamed, so a reader (or
    a retried Spark task) never sees half a file. Returns the paths written.

    >>> write_parts({"articles": []}, {}, "/tmp/pq", "t0")
    []
    """
    written = []
    fs, base = pafs.FileSystem.from_uri(_uri(base_uri))
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        data = _table(table_rows, schemas[table])
        for pub in sorted(set(data.column(PART).to_pylist())):
            part = data.filter(pa.compute.equal(data.column(PART), pub)).drop_columns([PART])
            folder = f"{base}/{table}/{PART}={pub}"
            fs.create_dir(folder, recursive=True)
            final = f"{folder}/part-{tag}.parquet"
            tmp = f"{folder}/.tmp-{tag}-{uuid.uuid4().hex[:8]}.parquet"
            pq.write_table(part, tmp, filesystem=fs)
            fs.move(tmp, final)
            written.append(final)
    return written


def _uri(path: str) -> str:
    return path if "://" in path else os.path.abspath(path)


def read_tables(base_uri: str, files: Sequence[str] | None = None) -> dict[str, pa.Table]:
    """Read the datasets (or just ``files``) back, one Arrow table per store table, by ``_seq``."""
    fs, base = pafs.FileSystem.from_uri(_uri(base_uri))
    out = {}
    for t in TABLES:
        if files is not None:
            paths = sorted(f for f in files if f.startswith(f"{base}/{t}/"))
            if not paths:
                continue
            dataset = ds.dataset(paths, filesystem=fs, format="parquet", partitioning="hive",
                                 partition_base_dir=f"{base}/{t}")
        else:
            info = fs.get_file_info(f"{base}/{t}")
            if info.type != pafs.FileType.Directory:
                continue
            dataset = ds.dataset(f"{base}/{t}", filesystem=fs, format="parquet",
                                 partitioning="hive", exclude_invalid_files=True)
        data = dataset.to_table()
        out[t] = data.sort_by([(SEQ, "ascending")]) if data.num_rows else data
    return out


def load_tables(store, tables: dict[str, pa.Table], run_id: str | None,
                batch_docs: int = 64) -> int:
    """Load row tables into the store in input order, ``batch_docs`` articles per transaction.

    Each transaction is what ``Store.write_batch`` does for a batch (skip
    stored articles, link wire copies, insert, rebuild the touched merged
    events), so a store loaded from Parquet equals one written by a local
    run over the same input. Returns the number of new articles.
    """
    seqs = sorted(set(tables["articles"].column(SEQ).to_pylist())) if "articles" in tables else []
    rej_seqs = sorted(set(tables["rejections"].column(SEQ).to_pylist())) \
        if "rejections" in tables else []
    # Batch boundaries by input position, over articles and rejections together.
    bounds = sorted(set(seqs) | set(rej_seqs))
    chunks = [bounds[i:i + batch_docs] for i in range(0, len(bounds), batch_docs)]
    by_table = {t: _split_by_seq(tables[t]) for t in tables}
    written = 0
    for chunk in chunks:
        rows = {t: [r for s in chunk for r in by_table[t].get(s, ())] for t in tables}
        written += write_rows(store, rows, run_id)
    return written


def _split_by_seq(table: pa.Table) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    drop = [c for c in (PART,) if c in table.column_names]
    for row in table.drop_columns(drop).to_pylist():
        out.setdefault(row[SEQ], []).append(row)
    return out


def write_rows(store, rows: dict[str, list[dict]], run_id: str | None) -> int:
    """Load one batch of Parquet rows through ``Store.write_rows`` (one transaction).

    An article coded in two partitions (an exact duplicate) is kept once: the
    first copy's rows, told apart by their partition-local sequence number.
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    articles, kept_seqs, seen = [], set(), set()
    for a in rows.get("articles", []):
        if a["id"] not in seen:
            seen.add(a["id"])
            kept_seqs.add(a[SEQ])
            articles.append({**_strip(a), "run_id": run_id, "ingested_at": now})
    tables = {t: [_strip(r) for r in rows.get(t, []) if r[SEQ] in kept_seqs]
              for t in ("mentions", "event_mentions", "quotes", "claims", "responses", "actors")}
    tables["articles"] = articles
    tables["rejections"] = [{**_strip(r), "run_id": run_id, "rejected_at": now}
                            for r in rows.get("rejections", [])]
    return store.write_rows(tables)


def _strip(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != SEQ}


def iter_files(base_uri: str) -> Iterable[str]:
    """Every Parquet file under a datasets folder (for listing and cleanup)."""
    fs, base = pafs.FileSystem.from_uri(_uri(base_uri))
    for info in fs.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True)):
        if info.type == pafs.FileType.File and info.path.endswith(".parquet"):
            yield info.path
