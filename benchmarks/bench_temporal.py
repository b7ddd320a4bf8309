"""Temporal stage cost vs. the spaCy parse on the VOA corpus (89 stories).

Budget (issue 6): resolving dates adds at most 5% to the parse time.

    .venv/bin/python benchmarks/bench_temporal.py
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsevents.nlp import load_nlp, parse
from newsevents.temporal import resolve_dates

CORPUS = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (the shared corpus sits beside the repository)")
        return 0
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in rows]
    published = [date.fromisoformat(r["published"][:10]) for r in rows]
    load_nlp()
    list(parse(texts[:4]))  # warm up
    t0 = time.perf_counter()
    docs = list(parse(texts))
    parse_s = time.perf_counter() - t0
    best = float("inf")
    n = 0
    for _ in range(3):  # the stage is fast; take the best of three
        t0 = time.perf_counter()
        n = sum(len(resolve_dates(doc, pub)) for doc, pub in zip(docs, published))
        best = min(best, time.perf_counter() - t0)
    words = sum(len(t.split()) for t in texts)
    ratio = best / parse_s
    print(f"temporal: {len(docs)} VOA stories, {words} words, {n} expressions")
    print(f"  spaCy parse {parse_s:.2f} s, temporal {best:.3f} s, ratio {ratio:.1%} (budget 5%)")
    return 0 if ratio <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
