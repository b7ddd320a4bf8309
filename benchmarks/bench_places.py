"""Places stage: gazetteer load time and memory at start-up, and the stage's share of parse time.

Run: .venv/bin/python benchmarks/bench_places.py   (prints one JSON object)
The share is measured in one run: spaCy parse of the VOA corpus vs resolve_places on the same docs.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> dict:
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    from newsevents.places.gazetteer import load_gazetteer
    g = load_gazetteer()
    load_s = time.perf_counter() - t0
    rss_gaz = _rss_mb()

    from newsevents.nlp import load_nlp, parse
    from newsevents.places import resolve_places
    load_nlp()
    texts = [json.loads(line)["text"] for line in VOA.open(encoding="utf-8")]
    t0 = time.perf_counter()
    docs = list(parse(texts))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_places = sum(len(resolve_places(d, [])) for d in docs)
    places_s = time.perf_counter() - t0
    out = {
        "gazetteer_entries": len(g),
        "gazetteer_load_s": round(load_s, 3),
        "gazetteer_rss_mb": round(rss_gaz, 1),
        "gazetteer_rss_added_mb": round(rss_gaz - rss0, 1),
        "voa_docs": len(docs),
        "parse_s": round(parse_s, 2),
        "places_s": round(places_s, 3),
        "places_share_of_parse": round(places_s / parse_s, 4),
        "place_mentions": n_places,
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
