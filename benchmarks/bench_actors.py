"""Actor resolution cost relative to the spaCy parse, on the VOA corpus.

Parses every story once (timed), then runs resolve_actors over the parsed
docs (timed) and prints both and their ratio. The one-off index build is
timed separately (it happens once per process). Budget: ratio <= 0.10.

    .venv/bin/python benchmarks/bench_actors.py
"""

from __future__ import annotations

import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def main() -> int:
    from newsevents.actors import load_actor_files, resolve_actors
    from newsevents.nlp import load_nlp, parse

    rows = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines() if line]
    load_nlp()
    t0 = time.perf_counter()
    load_actor_files()
    t_index = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(parse([r["text"] for r in rows]))
    t_parse = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    n = 0
    for r, doc in zip(rows, docs):
        n += len(resolve_actors(doc, date.fromisoformat(r["published"][:10])))
    t_actors = time.perf_counter() - t0
    ratio = t_actors / t_parse
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print(f"docs {len(docs)}, tokens {words}, mentions {n}")
    print(f"index build (once per process): {t_index:.2f} s")
    print(f"spaCy parse: {t_parse:.2f} s ({words / t_parse:.0f} tokens/s)")
    print(f"resolve_actors: {t_actors:.3f} s")
    print(f"ratio actors/parse: {ratio:.3f} (budget 0.10) {'OK' if ratio <= 0.10 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
