"""Spark engine in local mode: same store as a local run, Parquet layout, resume, lakehouse load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.engines.spark import spark_available

REASON = spark_available()
pytestmark = [pytest.mark.spark, pytest.mark.slow,
              pytest.mark.skipif(REASON is not None, reason=f"Spark tests skipped: {REASON}")]

VOA = Path(__file__).resolve().parents[1] / "newsevents" / "data" / "sample" / "voa_stories.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    """Four VOA stories, one repeated (an exact duplicate in another partition), one bad row."""
    lines = VOA.read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    path.write_text("\n".join(lines + ["not json", lines[1]]) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def spark():
    from newsevents.engines.spark import get_session

    session = get_session("local[2]")
    yield session
    session.stop()


def local_ingest(inputs: list[str], db: str, workers: int = 1) -> dict:
    """A local CLI ingest in a fresh interpreter with PYTHONHASHSEED=0, as the engines'
    workers use (coding still depends on set order in places: see docs/scale.md)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, "-m", "newsevents", "ingest", *inputs, "--db", db,
                          "--workers", str(workers), "--quiet"], check=False, env=env,
                         capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stderr
    return {"output": out.stdout}


def test_spark_run_equals_local_run_and_writes_parquet_by_date(corpus, spark, tmp_path):
    from newsevents.engines.spark import ingest_spark
    from newsevents.settings import load_settings
    from newsevents.store import Store

    settings = load_settings(workers=1)
    local_db = str(tmp_path / "local.duckdb")
    printed = local_ingest([corpus], local_db)["output"]
    with Store(local_db, read_only=True) as local_store:
        local_digest = local_store.content_digest()
        local_run = local_store.con.execute(
            "SELECT n_documents, n_articles, n_rejected, n_events FROM runs").fetchone()
    pq_dir = tmp_path / "pq"
    with Store(":memory:") as spark_store:
        report = ingest_spark([corpus], spark_store, settings, parquet_dir=str(pq_dir),
                              spark=spark)
        assert spark_store.content_digest() == local_digest
        assert spark_store.check_integrity() == []
        run = spark_store.con.execute("SELECT settings, status FROM runs").fetchone()
        again = ingest_spark([corpus], spark_store, settings, spark=spark)
        assert again.articles == 0 and again.already_stored == 4
        assert spark_store.content_digest() == local_digest
    assert (report.documents, report.articles, report.rejected, report.events) == local_run
    assert report.reasons == {"bad_row": 1, "duplicate": 1}
    assert "bad_row: 1, duplicate: 1" in printed
    assert run[1] == "done"
    assert json.loads(run[0])["provenance"]["engine"] == "spark"
    dates = {p.name for p in (pq_dir / "articles").iterdir()}
    assert dates and all(d.startswith("pub_date=") for d in dates)
    assert (pq_dir / "rejections" / "pub_date=__none__").is_dir()


def test_parquet_only_then_load_gives_the_same_store(corpus, spark, tmp_path):
    from newsevents.engines.spark import ingest_spark, load_parquet
    from newsevents.settings import load_settings
    from newsevents.store import Store

    settings = load_settings()
    pq_dir = str(tmp_path / "lake")
    with Store(":memory:") as direct:
        ingest_spark([corpus], direct, settings, parquet_dir=str(tmp_path / "direct"),
                     spark=spark)
        want = direct.content_digest()
    with Store(":memory:") as lake_store:
        report = ingest_spark([corpus], lake_store, settings, parquet_dir=pq_dir, load=False,
                              spark=spark)
        assert report.articles == 4 and lake_store.counts()["articles"] == 0
        assert load_parquet(pq_dir, lake_store) == 4
        assert load_parquet(pq_dir, lake_store) == 0  # loading twice changes nothing
        assert lake_store.content_digest() == want


def test_cli_ingest_engine_spark(corpus, tmp_path, runner):
    from newsevents.cli import main

    db = str(tmp_path / "s.duckdb")
    result = runner.invoke(main, ["ingest", corpus, "--engine", "spark", "--master", "local[2]",
                                  "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "4 new article(s)" in result.output
    bad = runner.invoke(main, ["ingest", corpus, "--master", "local[2]", "--db", db])
    assert bad.exit_code == 1 and "--engine spark" in bad.output
