"""Every export format loads back with pandas/pyarrow and holds the same rows."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsevents.errors import InputError
from newsevents.query import EventFilter, query_events
from newsevents.query.export import CAMEO_COLUMNS, QUAD_CODE, export_events
from newsevents.store import Store
from newsevents.store.synthetic import synthetic_corpus


@pytest.fixture(scope="module")
def store():
    with Store(":memory:") as s:
        s.write_batch(synthetic_corpus(60, seed=4))
        yield s


@pytest.fixture(scope="module")
def expected(store):
    rows = query_events(store, EventFilter(limit=None))
    return {r["id"]: r for r in rows}


def test_parquet_round_trip(store, expected, tmp_path):
    out = tmp_path / "e.parquet"
    assert export_events(store, "parquet", out) == len(expected)
    df = pq.read_table(out).to_pandas()
    assert set(df["id"]) == set(expected)
    for r in df.to_dict("records"):
        e = expected[r["id"]]
        assert (r["type"], r["source_code"], r["target_code"], r["mentions"], r["sources"]) == \
            (e["type"], e["source_code"], e["target_code"], e["mentions"], e["sources"])
        assert r["date"] == e["date"] and r["sentence"] == e["sentence"]


def test_csv_round_trip(store, expected, tmp_path):
    out = tmp_path / "e.csv"
    export_events(store, "csv", out)
    df = pd.read_csv(out, dtype={"cameo": str})
    assert len(df) == len(expected) and set(df["id"]) == set(expected)
    for r in df.to_dict("records"):
        e = expected[r["id"]]
        assert (r["type"], r["mentions"], r["status"], r["sentence"]) == \
            (e["type"], e["mentions"], e["status"], e["sentence"])


def test_cameo_tsv_round_trip_and_column_order(store, expected, tmp_path):
    out = tmp_path / "e.tsv"
    export_events(store, "cameo", out)
    df = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns)[:16] == ["event_id", "date", "source_name", "source_code",
                                     "source_country", "cameo_code", "plover_type",
                                     "target_name", "target_code", "target_country",
                                     "location", "latitude", "longitude", "mentions",
                                     "sources", "url"]
    assert len(df) == len(expected)
    for r in df.to_dict("records"):
        e = expected[r["event_id"]]
        for name, col in CAMEO_COLUMNS:
            want = "" if e[col] is None else str(e[col])
            assert r[name] == want, (name, r[name], want)


def test_plover_jsonl_round_trip(store, expected, tmp_path):
    out = tmp_path / "e.jsonl"
    export_events(store, "plover", out)
    df = pd.read_json(out, lines=True, dtype=False)
    assert len(df) == len(expected)
    for rec in (json.loads(line) for line in out.read_text().splitlines()):
        e = expected[rec["id"]]
        assert rec["event"] == [e["type"]]
        assert rec["actor"][0]["actor_code"] == e["source_code"]
        assert rec["recipient"][0]["code"] == e["target_country"]
        assert rec["date"] == e["date_start"]
        assert rec["quad_code"] == QUAD_CODE[e["quad"]]
        assert (rec["mentions"], rec["sources"], rec["status"]) == \
            (e["mentions"], e["sources"], e["status"])


def test_filters_apply_to_exports(store, tmp_path):
    f = EventFilter(actor="IRN", limit=None)
    n = export_events(store, "parquet", tmp_path / "irn.parquet", f)
    assert n == len(query_events(store, f)) > 0


def test_export_to_a_missing_folder_is_a_user_error(store, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        export_events(store, "csv", tmp_path / "no" / "e.csv")
    with pytest.raises(InputError, match="unknown export format"):
        export_events(store, "xml", tmp_path / "e.xml")


def test_exports_work_on_a_read_only_store(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write_batch(synthetic_corpus(10))
    with Store(path, read_only=True) as s:
        for fmt in ("plover", "cameo", "csv", "parquet"):
            assert export_events(s, fmt, tmp_path / f"e.{fmt}") > 0
