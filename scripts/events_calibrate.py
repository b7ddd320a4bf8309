"""Calibrate event confidence on the PLOVER gold sentences.

For each evidence bucket (how the predicate was found × roles resolved) the
confidence is the share of events in it whose type is one of the sentence's
gold types, smoothed towards 0.5 with 2 pseudo-events (small buckets stay
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
            how = next((r for r in ("light-verb", "nominal", "pattern") if r in e.rules), None)
            how = {"light-verb": "light"}.get(how, how) or next(
                r.split(":", 1)[1] for r in e.rules if r.startswith("lex:"))
            roles = next(r.split(":", 1)[1] for r in e.rules if r.startswith("roles:"))
            counts[(f"{how}/{roles}", e.type in gold)] += 1
    lines = ["# version\t1", "# confidence per evidence bucket, measured on PLOVER gsr_dev (213 sentences)",
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
