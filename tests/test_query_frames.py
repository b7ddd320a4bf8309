"""Events, claims and summaries as Arrow tables / DataFrames, and the notebook walkthrough."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.query import (
    EventFilter,
    _sql,
    claims_arrow,
    claims_df,
    events_arrow,
    events_df,
    query_claims,
    query_events,
    summarize,
    summary_arrow,
    summary_df,
)
from newsevents.store import Store
from newsevents.store.synthetic import synthetic_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store():
    with Store(":memory:") as s:
        s.write_batch(synthetic_corpus(40, seed=15))
        yield s


@pytest.fixture
def no_row_conversion(monkeypatch):
    """Frames come straight from DuckDB: the row-by-row dict path must not run."""
    def refuse(*_a, **_k):
        raise AssertionError("converted row by row")
    monkeypatch.setattr(_sql, "rows", refuse)


def test_events_as_arrow_and_pandas_match_query_events(store, no_row_conversion):
    f = EventFilter(actor="IRN", limit=None)
    table = events_arrow(store, f)
    df = events_df(store, f)
    assert table.num_rows == len(df) > 0
    assert table.column("id").to_pylist() == df["id"].tolist()
    assert set(df["source_country"]) | set(df["target_country"]) >= {"IRN"}
    some = events_df(store, EventFilter(limit=5), columns=("type", "date"))
    assert len(some) == 5 and list(some.columns) == ["id", "type", "date"]


def test_frames_hold_the_same_rows_as_the_dict_queries(store):
    f = EventFilter(limit=None)
    assert events_arrow(store, f).column("id").to_pylist() == [
        r["id"] for r in query_events(store, f)]
    ledger = query_claims(store, limit=None, merge=False)  # frames: one row per stored claim
    claims = claims_arrow(store).to_pylist()
    assert [(c["id"], c["status"], len(c["responses"])) for c in claims] == [
        (c["id"], c["status"], len(c["responses"])) for c in ledger]
    assert claims_df(store, actor=ledger[0]["claimant_country"]).shape[0] >= 1
    summary = summary_arrow(store, f, "week", by="country").to_pylist()
    rows = summarize(store, f, "week", by="country")
    assert [(str(r["period"]), r["source"], r["target"], r["events"]) for r in summary] == [
        (r["period"], r["source"], r["target"], r["events"]) for r in rows]
    assert len(summary_df(store, f, "month")) == len(summarize(store, f, "month"))


def test_pandas_missing_says_how_to_install_it(store, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pandas" else real(name, *a))
    with pytest.raises(InputError, match="pip install pandas"):
        events_df(store)
    assert events_arrow(store).num_rows > 0  # Arrow needs only pyarrow


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


@pytest.mark.slow
def test_the_notebook_walkthrough_runs(tmp_path, monkeypatch):
    """docs/notebook.md, block by block in one namespace, on six sample stories."""
    folder = tmp_path / "my_articles"
    folder.mkdir()
    sample = ROOT / "newsevents" / "data" / "sample" / "voa_stories.jsonl"
    for i, line in enumerate(sample.read_text(encoding="utf-8").splitlines()[:6]):
        story = json.loads(line)
        (folder / f"story{i}.txt").write_text(
            f"{story['title']}\n\n{story['published'][:10]}\n\n{story['text']}\n",
            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSEVENTS_WORKERS", "1")
    blocks = _python_blocks((ROOT / "docs" / "notebook.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    ns: dict = {}
    for block in blocks:
        exec(compile(block, "docs/notebook.md", "exec"), ns)  # noqa: S102 - our own docs
    assert ns["report"].articles == 6 and len(ns["events"]) > 0
    # The weekly table counts exactly the dyad's dated events.
    assert ns["table"].to_numpy().sum() == ns["events"]["date_start"].notna().sum()
    assert ns["plt"] is None or (tmp_path / "weekly.png").is_file()
    assert ns["table"].shape[1] == 4
