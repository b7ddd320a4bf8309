"""Ingest throughput and peak memory against a bare spaCy parse, in one run.

    python benchmarks/bench_pipeline.py [--corpus FILE.jsonl] [--workers 1 2]

Each measurement runs in its own subprocess so peak memory (max RSS of the
process and its children) is its own. The number to watch is the ratio
ingest time / bare ``nlp.pipe`` time over the same texts: our stages'
overhead on top of the parse, which is the cost floor.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "newsevents" / "data" / "sample" / "voa_stories.jsonl"


def _child(mode: str, corpus: str, workers: int) -> dict:
    from newsevents.settings import load_settings

    texts = [json.loads(x)["text"] for x in open(corpus, encoding="utf-8") if x.strip()]
    words = sum(len(t.split()) for t in texts)
    settings = load_settings(workers=workers)
    if mode == "bare":
        from newsevents.nlp import load_nlp

        nlp = load_nlp(settings.model)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        seconds = time.perf_counter() - t0
        events = 0
    else:
        from newsevents.nlp import load_nlp
        from newsevents.pipeline import ingest
        from newsevents.store import open_store

        if workers <= 1:
            load_nlp(settings.model)  # model load is not ingest time
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "b.duckdb") as store:
            t0 = time.perf_counter()
            report = ingest([corpus], store, settings)
            seconds = time.perf_counter() - t0
            events = report.events
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"mode": mode, "workers": workers, "docs": len(texts), "words": words,
            "seconds": seconds, "events": events,
            "peak_rss_mb": round(max(rss_self, rss_children) / 1024, 1),
            "peak_rss_sum_mb": round((rss_self + rss_children * max(workers, 1)) / 1024, 1)}


def run(mode: str, corpus: str, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--corpus", corpus,
                          "--workers", str(workers)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.corpus, args.workers[0])))
        return
    print(f"machine: {describe()}")
    print(f"corpus: {args.corpus}")
    bare = run("bare", args.corpus, 1)
    print(f"bare nlp.pipe: {bare['docs']} docs, {bare['words']} words in {bare['seconds']:.2f} s"
          f" = {bare['docs'] / bare['seconds']:.1f} docs/s, {bare['words'] / bare['seconds']:.0f}"
          f" words/s, peak RSS {bare['peak_rss_mb']} MB")
    one = None
    for w in args.workers:
        r = run("ingest", args.corpus, w)
        line = (f"ingest --workers {w}: {r['seconds']:.2f} s = {r['docs'] / r['seconds']:.1f} "
                f"docs/s, {r['events']} event mentions; time ratio to bare parse "
                f"{r['seconds'] / bare['seconds']:.2f}; peak RSS (largest process) "
                f"{r['peak_rss_mb']} MB")
        if w == 1:
            one = r
        elif one:
            line += f"; speed-up over 1 worker {one['seconds'] / r['seconds']:.2f}x"
        print(line)


if __name__ == "__main__":
    main()
