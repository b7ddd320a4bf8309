"""Cost of the events stage relative to the spaCy parse, on the VOA corpus.

    .venv/bin/python benchmarks/bench_events.py

Parses the 89 VOA stories once (timed), resolves actors (the actors stage if
present, else the eval fallback — not timed) and speech (not timed), then
times the events stage over the same Docs: the learned coder
(``extract_events``: candidates → features → model → decode) and, for
comparison, the rule coder alone (``rule_events``). Budget: events ≤ 25% of
parse time (issue #16). A speed-up must not change the output:
``benchmarks/events_identity.py`` dumps every event before and after to compare.
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
sys.path.insert(0, str(ROOT / "eval" / "events"))
CORPUS = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def main() -> None:
    from score import stages

    from newsevents.events import extract_events
    from newsevents.events.extract import rule_events
    from newsevents.events.lexicon import default_lexicon
    from newsevents.events.model import load_model
    from newsevents.models import Article
    from newsevents.nlp import load_nlp, parse
    from newsevents.quotes import extract_speech

    rows = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [r["text"] for r in rows]
    load_nlp()
    default_lexicon()  # loaded once per process, like the model
    load_model()
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(parse(texts, batch_size=16))
    parse_s, parse_cpu = time.perf_counter() - t0, time.process_time() - c0
    resolve_actors, resolve_dates, fallback = stages()
    pubs = [date.fromisoformat(r["published"][:10]) for r in rows]
    inputs = []
    for d, p in zip(docs, pubs):
        mentions = resolve_actors(d, p)
        times = resolve_dates(d, p) if resolve_dates else []
        inputs.append((mentions, times, extract_speech(d, mentions, times, p)))
    arts = [Article(id=str(i), text=t, title=r.get("title"), published=p)
            for i, (t, r, p) in enumerate(zip(texts, rows, pubs))]
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for doc, art, (mentions, times, speech) in zip(docs, arts, inputs):
        n += len(extract_events(doc, art, mentions, times, [], speech))
    events_s, events_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    for doc, art, (mentions, times, speech) in zip(docs, arts, inputs):
        rule_events(doc, art, mentions, times, [], speech)
    rules_s = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print(f"stories {len(docs)}, tokens {words}, events {n}, actors fallback: {fallback}")
    print(f"parse  {parse_s:.2f} s ({words / parse_s:.0f} tokens/s)")
    print(f"events {events_s:.2f} s  ratio {events_s / parse_s:.3f} (budget 0.25; learned coder: "
          f"{'model' if load_model() else 'no model, rules only'})")
    # (on a shared machine the wall-clock ratio swings with the others' load; the CPU-time
    # ratio, this process's own seconds, is the steadier one)
    print(f"cpu    parse {parse_cpu:.2f} s, events {events_cpu:.2f} s  ratio {events_cpu / parse_cpu:.3f}")
    print(f"rules  {rules_s:.2f} s  ratio {rules_s / parse_s:.3f} (the rule coder alone, for comparison)")


if __name__ == "__main__":
    main()
