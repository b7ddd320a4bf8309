"""Reproducibility: the same input and settings give byte-identical exports, cleaned texts,
events and claims ledger whatever the engine and worker count (local 1 worker, local 2
workers, Spark local[2]), and ``extract --jsonl`` gives the same texts, events and claims,
on the VOA corpus and on the five-article corpus of issue 18."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.engines.spark import spark_available

VOA = Path(__file__).resolve().parents[1] / "newsevents" / "data" / "sample" / "voa_stories.jsonl"
SEED_ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def _cli(*args: str, env=None) -> str:
    out = subprocess.run([sys.executable, "-m", "newsevents", *args], env=env or SEED_ENV,
                         capture_output=True, text=True, timeout=1200, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def _exports(db: str, folder: Path) -> dict[str, bytes]:
    from newsevents.query.export import export_events
    from newsevents.store import Store

    out = {}
    for fmt in ("csv", "plover"):
        # A fresh connection per export (hold=False): see the duckdb note in docs/scale.md.
        with Store(db, read_only=True, hold=False) as store:
            path = folder / f"events.{fmt}"
            export_events(store, fmt, path)
            out[fmt] = path.read_bytes()
    with Store(db, read_only=True, hold=False) as store:
        out["digest"] = repr(sorted(store.content_digest().items())).encode()
    return out


FURNITURE = "Subscribe to the Harbor Ledger newsletter for daily world news."
# Four pages of one site sharing a furniture line, and a denial (page 4) answering
# an accusation made in another article (page 1): the corpus of issue 18.
_FIVE = [
    ("https://ledger.example.org/a/1", "US accuses North Korea", "2024-04-20",
     "The United States on Monday accused North Korea of supplying artillery shells to Russia "
     "for its war in Ukraine, State Department spokesman Matthew Miller said.\n"
     "Miller said the shipments violated United Nations sanctions."),
    ("https://ledger.example.org/a/2", "Floods in Kenya", "2024-04-21",
     "Heavy rains caused floods across Kenya on Sunday, officials said.\n"
     "The Kenyan government sent rescue teams to Nairobi."),
    ("https://ledger.example.org/a/3", "Talks in Cairo", "2024-04-22",
     "Egyptian officials met Israeli negotiators in Cairo on Monday to discuss a ceasefire in "
     "Gaza.\nThe talks will continue next week, an Egyptian official said."),
    ("https://ledger.example.org/a/4", "Pyongyang responds", "2024-04-23",
     "North Korea on Tuesday denied supplying artillery shells to Russia, calling the "
     "accusation a fabrication by Washington.\n"
     "The statement was carried by the state news agency KCNA."),
]


def _five_corpus(folder: Path) -> Path:
    rows = [{"url": u, "title": t, "published": p, "text": text + "\n" + FURNITURE}
            for u, t, p, text in _FIVE]
    rows.append({"url": "https://other.example.com/b/9", "title": "Sanctions",
                 "published": "2024-04-24",
                 "text": "The European Union imposed new sanctions on Iran on Wednesday over "
                         "its drone deliveries to Russia, EU foreign policy chief Josep Borrell "
                         "said."})
    path = folder / "five.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _store_content(db: str) -> dict:
    """Cleaned texts, events, claims and responses with their links, keyed by article."""
    from newsevents.store import Store

    with Store(db, read_only=True, hold=False) as store:
        q = store.con.execute
        return {
            "texts": dict(q("SELECT id, text FROM articles").fetchall()),
            "events": sorted(q("SELECT article_id, id, type, status FROM event_mentions").fetchall()),
            "claims": sorted(q("SELECT article_id, id, text FROM claims").fetchall()),
            "responses": sorted(q("SELECT article_id, id, claim_id, kind FROM responses").fetchall()),
        }


def _extract_content(out: str) -> dict:
    lines = [json.loads(line) for line in out.splitlines()]
    coded = [d for d in lines if "article" in d]
    return {
        "texts": {d["article"]["id"]: d["article"]["text"] for d in coded},
        "events": sorted((d["article"]["id"], e["id"], e["type"], e["status"])
                         for d in coded for e in d["events"]),
        "claims": sorted((d["article"]["id"], c["id"], c["text"])
                         for d in coded for c in d["claims"]),
    }


def _compare_engines(corpus: Path, tmp_path: Path) -> dict:
    runs = {"local1": ["--workers", "1"], "local2": ["--workers", "2"],
            "spark": ["--engine", "spark", "--master", "local[2]"]}
    results, content = {}, {}
    for name, flags in runs.items():
        folder = tmp_path / name
        folder.mkdir()
        db = str(folder / "store.duckdb")
        _cli("ingest", str(corpus), "--db", db, "--quiet", *flags)
        results[name] = _exports(db, folder)
        content[name] = _store_content(db)
    for name in ("local2", "spark"):
        for what in ("csv", "plover", "digest"):
            assert results[name][what] == results["local1"][what], f"{name} {what} differs"
        for what in ("texts", "events", "claims", "responses"):
            assert content[name][what] == content["local1"][what], f"{name} {what} differ"
    extracted = _extract_content(_cli("extract", "--jsonl", str(corpus)))
    for what in ("texts", "events", "claims"):
        assert extracted[what] == content["local1"][what], \
            f"extract --jsonl {what} differ from the store's"
    return content["local1"]


@pytest.mark.slow
@pytest.mark.spark
@pytest.mark.skipif(spark_available() is not None,
                    reason=f"Spark part of the equality test skipped: {spark_available()}")
def test_issue18_furniture_and_cross_article_denial_agree_across_engines(tmp_path):
    content = _compare_engines(_five_corpus(tmp_path), tmp_path)
    assert len(content["texts"]) == 5
    # The furniture line is cut from every page of its site, by every engine.
    assert not [t for t in content["texts"].values() if FURNITURE in t]
    # The denial (page 4) is linked to the accusation of page 1 in every store.
    by_article = {aid: cid for aid, _, cid, kind in content["responses"] if kind == "denial"}
    claims = {cid: aid for aid, cid, _ in content["claims"]}
    linked = [(aid, claims.get(cid)) for aid, cid in by_article.items() if cid]
    assert linked and all(src != claimed for src, claimed in linked), \
        "the denial links to a claim in another article"


@pytest.mark.slow
@pytest.mark.spark
@pytest.mark.skipif(spark_available() is not None,
                    reason=f"Spark part of the equality test skipped: {spark_available()}")
def test_local_1_local_2_spark_and_extract_agree_on_the_voa_corpus(tmp_path):
    content = _compare_engines(VOA, tmp_path)
    assert len(content["events"]) > 100, "the VOA corpus codes many events"
    assert content["claims"], "the VOA corpus has claims"


@pytest.mark.slow
def test_coding_does_not_depend_on_the_hash_seed(tmp_path):
    lines = VOA.read_text(encoding="utf-8").splitlines()[:5]
    corpus = tmp_path / "five.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = [_cli("extract", "--jsonl", str(corpus), env={**os.environ, "PYTHONHASHSEED": seed})
            for seed in ("1", "2")]
    assert outs[0] == outs[1]
