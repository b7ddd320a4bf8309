"""Agreement between two independent codings of the same documents.

    python eval/annotated/build.py batches/*.txt --out /tmp/all.jsonl
    python eval/annotated/agreement.py /tmp/all.jsonl

Reads the builder's output (one record per document and coding) and, for every
document coded twice (one ``first`` and one ``second`` coding), compares them
the way the event scorer compares a system with gold, at story level: the set
of event types, the set of (type, source country, target country) tuples, each
for every event and for ``reported`` events only; status agreement over tuples
both coded; claims and responses matched one-to-one by character overlap of
their spans. F1 is symmetric, so which coding plays gold does not matter.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def _prf(a: int, b: int, both: int) -> dict:
    p = both / b if b else 1.0
    r = both / a if a else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"n_first": a, "n_second": b, "both": both, "f1": round(f, 3)}


def _code(actor: dict | None) -> str | None:
    return actor.get("country") if actor else None


def _sets(rec: dict, reported_only: bool) -> tuple[set, set]:
    evs = [e for e in rec["events"] if not reported_only or e["status"] == "reported"]
    types = {e["type"] for e in evs}
    tuples = {(e["type"], _code(e["source"]), _code(e["target"])) for e in evs}
    return types, tuples


def overlap_pairs(xs: list[dict], ys: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) of overlapping spans, greedy in the order of ``xs``."""
    used, out = set(), []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            if j not in used and x["start"] < y["end"] and y["start"] < x["end"]:
                used.add(j)
                out.append((i, j))
                break
    return out


def agreement(records: list[dict]) -> dict:
    pairs: dict[str, dict[str, dict]] = defaultdict(dict)
    for rec in records:
        if rec.get("annotator") == "ADJ":
            continue  # the adjudicated coding saw both: it is no independent coder
        pairs[rec["doc_id"]][rec.get("coding", "first")] = rec
    pairs = {d: p for d, p in pairs.items() if "first" in p and "second" in p}
    counts = defaultdict(lambda: [0, 0, 0])
    status_same = status_n = 0
    for p in pairs.values():
        a, b = p["first"], p["second"]
        for view, rep in (("all", False), ("reported", True)):
            (ta, ua), (tb, ub) = _sets(a, rep), _sets(b, rep)
            for name, x, y in ((f"type_{view}", ta, tb), (f"tuple_{view}", ua, ub)):
                c = counts[name]
                c[0] += len(x)
                c[1] += len(y)
                c[2] += len(x & y)
        sa = defaultdict(set)
        for e in a["events"]:
            sa[(e["type"], _code(e["source"]), _code(e["target"]))].add(e["status"])
        for e in b["events"]:
            key = (e["type"], _code(e["source"]), _code(e["target"]))
            if key in sa:
                status_n += 1
                status_same += e["status"] in sa[key]
        for item in ("claims", "responses"):
            c = counts[item]
            c[0] += len(a[item])
            c[1] += len(b[item])
            c[2] += len(overlap_pairs(a[item], b[item]))
    out = {"documents": len(pairs)}
    out.update({k: _prf(*v) for k, v in counts.items()})
    out["status_agreement"] = round(status_same / status_n, 3) if status_n else None
    return out


def main(argv: list[str]) -> int:
    records = [json.loads(line) for path in argv for line in Path(path).open(encoding="utf-8")]
    print(json.dumps(agreement(records), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
