"""Score newsevents.temporal.resolve_dates against the hand-annotated gold set.

Matching is by overlap: a gold expression is recognised when a system
expression overlaps it, and correct when that expression's value equals the
gold value exactly. Gold lines labelled ``ignore`` (durations, vague times)
neither reward nor penalise. A system expression counts against precision
when it overlaps a ``negative`` gold line or no gold line at all (the
sampled documents were annotated exhaustively).

    .venv/bin/python eval/evaluate.py temporal
    .venv/bin/python eval/temporal/score.py --errors   # list the misses
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent


def _load(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def evaluate(collect_errors: bool = False) -> tuple[dict, list[str]]:
    from newsevents.nlp import parse
    from newsevents.temporal import resolve_dates

    docs = _load("docs.jsonl")
    gold = _load("gold.jsonl")
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    totals = defaultdict(int)
    correct = defaultdict(int)
    recognised = 0
    tp = fp = 0
    errors: list[str] = []
    for d, doc in zip(docs, parse([d["text"] for d in docs])):
        times = resolve_dates(doc, date.fromisoformat(d["published"]))
        golds = by_doc.get(d["doc"], [])
        for g in golds:
            if g["label"] != "positive":
                continue
            totals[g["kind"]] += 1
            hits = [t for t in times if _overlap(t.start, t.end, g["start"], g["end"])]
            if not hits:
                errors.append(f"MISS  {d['doc']} {g['text']!r} gold={g['value']} | {g['context'][:160]}")
                continue
            recognised += 1
            best = max(hits, key=lambda t: _overlap(t.start, t.end, g["start"], g["end"]))
            if best.value == g["value"]:
                correct[g["kind"]] += 1
            else:
                errors.append(f"WRONG {d['doc']} {g['text']!r} gold={g['value']} got={best.value} "
                              f"({best.rule}) | {g['context'][:160]}")
        for t in times:
            over = [g for g in golds if _overlap(t.start, t.end, g["start"], g["end"])]
            if any(g["label"] == "positive" for g in over):
                tp += 1
            elif over and all(g["label"] == "ignore" for g in over):
                continue
            else:
                fp += 1
                label = over[0]["label"] if over else "unannotated"
                errors.append(f"FP    {d['doc']} {t.text!r} -> {t.value} ({t.rule}) [{label}] | "
                              f"{doc.text[max(0, t.start - 60):t.end + 60]!r}")
    n = sum(totals.values())
    scores: dict = {
        "accuracy": sum(correct.values()) / n,
        "recall": recognised / n,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "absolute_accuracy": correct["absolute"] / totals["absolute"],
    }
    for kind in sorted(totals):
        scores[f"accuracy_{kind.replace('/', '_').replace('-', '_')}"] = correct[kind] / totals[kind]
    scores["n_expressions"] = n
    scores["n_negatives"] = sum(1 for g in gold if g["label"] == "negative")
    scores["false_positives"] = fp
    return scores, errors


def run() -> dict[str, float]:
    """Metric name -> number (higher is better, counts included)."""
    return evaluate()[0]


if __name__ == "__main__":
    scores, errors = evaluate(True)
    if "--errors" in sys.argv:
        print("\n".join(errors))
    for k, v in scores.items():
        print(f"{k:36s} {v:.4f}" if isinstance(v, float) else f"{k:36s} {v}")
