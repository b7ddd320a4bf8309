"""Build eval/temporal/gold.jsonl from the hand-written annotations.

The annotator reads the candidate sentences (scripts/temporal_candidates.py)
and writes eval/temporal/annotations.txt: a ``## doc-id`` header per document,
then one ``surface text | value | kind`` line per expression, in reading
order. ``value`` is ``-`` for a negative (not a date) and ``~`` for an
expression that is neither rewarded nor penalised (durations, vague times,
holidays, times of day). This script only locates each surface text in the
document (searching forward from the previous one, so repeats resolve in
order) and adds offsets, precision and a context window. Run:

    .venv/bin/python scripts/temporal_build_gold.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "eval" / "temporal"


def precision_of(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    raise ValueError(f"bad value {value!r}")


def context(text: str, start: int, end: int) -> str:
    """The sentence-ish window around a span: clipped at line breaks and ±200 chars."""
    left = max(text.rfind("\n", 0, start) + 1, start - 200)
    right = text.find("\n", end)
    right = min(right if right != -1 else len(text), end + 200)
    return text[left:right].strip()


def main() -> int:
    docs = {}
    for line in (HERE / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["doc"]] = d
    out, errors = [], 0
    doc, cursor = None, 0
    for n, raw in enumerate((HERE / "annotations.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        if raw.startswith("## "):
            doc, cursor = docs[raw[3:].strip()], 0
            continue
        surface, value, kind = (p.strip() for p in raw.split("|"))
        # Spaces in the annotation match any run of whitespace (the corpus has NBSPs).
        pattern = r"[\s\xa0]+".join(re.escape(w) for w in surface.split())
        bound = r"(?<![\w])" + pattern + r"(?![\w])"
        m = re.compile(bound).search(doc["text"], cursor)
        if m is None:
            print(f"line {n}: {surface!r} not found after offset {cursor} in {doc['doc']}",
                  file=sys.stderr)
            errors += 1
            continue
        cursor = m.end()
        label = "negative" if value == "-" else "ignore" if value == "~" else "positive"
        out.append({
            "id": f"{doc['doc']}#{m.start()}",
            "doc": doc["doc"],
            "published": doc["published"],
            "start": m.start(),
            "end": m.end(),
            "text": m.group(0),
            "label": label,
            "value": value if label == "positive" else None,
            "precision": precision_of(value) if label == "positive" else None,
            "kind": kind,
            "context": context(doc["text"], m.start(), m.end()),
        })
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in out)
    print(f"{len(out)} gold lines, {sum(r['label'] == 'positive' for r in out)} positive")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
