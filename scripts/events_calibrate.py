"""Calibrate event confidence on the PLOVER gold sentences and the VOA dev stories.

For each evidence bucket (how the predicate was found × roles resolved) the
confidence is the share of events in it whose type is one of the sentence's
gold types (GSR) or whose (sentence, type) the VOA dev stories annotate, smoothed towards 0.5 with 2 pseudo-events (small buckets stay
near the middle). Writes newsevents/data/events/calibration.tsv and prints
the reliability table.

    .venv/bin/python scripts/events_calibrate.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval" / "events"))


def _bucket(e) -> str:
    """The evidence bucket of a coded event, from the rules it records."""
    how = next((r for r in ("light-verb", "nominal", "pattern") if r in e.rules), None)
    how = {"light-verb": "light"}.get(how, how) or next(
        r.split(":", 1)[1] for r in e.rules if r.startswith("lex:"))
    roles = next(r.split(":", 1)[1] for r in e.rules if r.startswith("roles:"))
    return f"{how}/{roles}"


def main() -> None:
    import score  # eval/events/score.py

    from newsevents.events import calibration

    out = calibration.PATH
    if out.exists():
        out.unlink()  # measure the uncalibrated buckets
    calibration.load_calibration.cache_clear()
    rows = [json.loads(x) for x in score.GSR.read_text(encoding="utf-8").splitlines() if x.strip()]
    counts: Counter = Counter()
    for row, (_doc, events) in zip(rows, score.code_texts([r["text"] for r in rows],
                                                          [date.fromisoformat(r["date"]) for r in rows])):
        gold = {e["plover_current"] for e in row["expected"]}
        for e in events:
            counts[(_bucket(e), e.type in gold)] += 1
    # The GSR codes one event per sentence, so a right secondary event counts as
    # wrong there; the VOA dev stories code every event. Pool both (dev data only:
    # the held-out VOA stories stay out of every fitted number).
    voa_events = 0
    gold = [json.loads(x) for x in score.VOA_GOLD.read_text(encoding="utf-8").splitlines()
            if x.strip()][:score.VOA_DEV_STORIES]
    stories = {}
    for line in score.VOA_CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            s = json.loads(line)
            stories[s["id"]] = s
    texts = [stories[g["id"]]["text"] for g in gold]
    pubs = [date.fromisoformat(stories[g["id"]]["published"][:10]) for g in gold]
    for g, (doc, events) in zip(gold, score.code_texts(texts, pubs)):
        bounds = [(s.start_char, s.end_char) for s in doc.sents]

        def sent_of(char: int) -> int:
            return next((k for k, (a, b) in enumerate(bounds) if a <= char < b), -1)

        wanted = set()
        for e in g["events"]:
            at = doc.text.find(e["evidence"])
            wanted.add((sent_of(at) if at >= 0 else -1, e["type"]))
        for e in events:
            counts[(_bucket(e), (sent_of(e.span[0]), e.type) in wanted)] += 1
            voa_events += 1
    lines = ["# version\t2",
             f"# confidence per evidence bucket, measured on PLOVER gsr_dev ({len(rows)} sentences) "
             f"and the {len(gold)} VOA dev stories ({voa_events} events)",
             "bucket\tconfidence\tn\tcorrect"]
    print(f"{'bucket':22s} {'n':>4s} {'correct':>7s} {'confidence':>10s}")
    for b in sorted({b for b, _ in counts}):
        good, bad = counts[(b, True)], counts[(b, False)]
        conf = (good + 1) / (good + bad + 2)
        lines.append(f"{b}\t{conf:.3f}\t{good + bad}\t{good}")
        print(f"{b:22s} {good + bad:4d} {good:7d} {conf:10.3f}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
