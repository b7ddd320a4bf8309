"""Counts and agreement of the annotated set, as the README's tables.

    python eval/annotated/stats.py

Counts come from gold.jsonl (one coding per document: adjudicated, else the
first); agreement from every double-coded document, pass by pass, comparing the
two independent codings before adjudication (agreement.py).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import agreement  # noqa: E402
import build  # noqa: E402


def counts() -> list[str]:
    gold = [json.loads(line) for line in (HERE / "gold.jsonl").open(encoding="utf-8")]
    rows = []
    for label, fn in (
            ("documents", lambda r: 1), ("full articles", lambda r: r["kind"] == "article"),
            ("summaries", lambda r: r["kind"] == "summary"),
            ("documents with no event", lambda r: not r["events"]),
            ("events", lambda r: len(r["events"])),
            ("events not `reported`", lambda r: sum(e["status"] != "reported" for e in r["events"])),
            ("claims", lambda r: len(r["claims"])), ("responses", lambda r: len(r["responses"]))):
        c = Counter()
        for r in gold:
            c[r["split"]] += int(fn(r))
        rows.append(f"| {label} | {c['train']:,} | {c['test']:,} | {c['excluded']:,} | {sum(c.values()):,} |")
    types = Counter(e["type"] for r in gold for e in r["events"])
    return (["| | train | test | excluded (a test text) | all |", "|---|---|---|---|---|"] + rows + ["",
            "Events by type: " + ", ".join(f"{t} {n:,}" for t, n in types.most_common()) + "."])


def agreements() -> list[str]:
    out = ["| pass | documents | type F1 | tuple F1 | type F1 (reported) | tuple F1 (reported) "
           "| status | claims F1 | responses F1 |", "|---|---|---|---|---|---|---|---|---|"]
    everything = []
    for n in (1, 2, 3, 4, 5):
        files = [p for p in sorted((HERE / "batches").glob(f"A[0-9]*.p{n}.*txt"))]
        if not files:
            continue
        recs = build.records(files, quiet=True)
        if recs is None:
            raise SystemExit(f"stats: the markup of pass {n} has errors (see above)")
        everything += recs
        out.append(_row(str(n), agreement.agreement(recs)))
    out.append(_row("all", agreement.agreement(everything)))
    return out


def _row(name: str, a: dict) -> str:
    f = lambda k: f"{a[k]['f1']:.3f}"  # noqa: E731
    return (f"| {name} | {a['documents']} | {f('type_all')} | {f('tuple_all')} | {f('type_reported')} "
            f"| {f('tuple_reported')} | {a['status_agreement']:.3f} | {f('claims')} | {f('responses')} |")


if __name__ == "__main__":
    print("\n".join(counts() + [""] + agreements()))
