"""List every "last <weekday>" in the VOA and Wikinews corpora with its two readings.

"last Tuesday" is either that day in the calendar week before publication
(``previous_week``) or the most recent Tuesday (``most_recent``). The readings
differ only when the weekday comes earlier in the week than the publication day.
This script prints one TSV row per occurrence (doc, published, phrase, both
readings, whether they differ, the sentence); which reading the context
supports was judged by hand in ``last_weekday.tsv`` (see ``last_weekday.md``).

    python eval/temporal/last_weekday.py > /tmp/occurrences.tsv
"""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
WD = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PHRASE = re.compile(r"\b[Ll]ast (%s)\b" % "|".join(WD))


def documents():
    with open(SHARED / "voa" / "voa_stories.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield f"voa:{d['id']}", d["published"][:10], d["text"]
    csv.field_size_limit(10**9)
    for path in sorted((SHARED / "wikinews").glob("wikinews_*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield f"wikinews:{row['url'].rsplit('/', 1)[-1]}", row["date"][:10], row["text"]


def readings(pub: date, wd: int) -> tuple[date, date]:
    previous_week = pub - timedelta(days=pub.weekday()) - timedelta(days=7 - wd)
    most_recent = pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    return previous_week, most_recent


def main() -> None:
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["doc", "published", "phrase", "previous_week", "most_recent", "differ", "context"])
    n_docs = 0
    for doc, pub, text in documents():
        n_docs += 1
        p = date.fromisoformat(pub)
        for m in PHRASE.finditer(text):
            a, b = readings(p, WD.index(m.group(1)))
            ctx = re.sub(r"\s+", " ", text[max(0, m.start() - 160):m.end() + 120])
            out.writerow([doc, pub, m.group(0), a, b, "yes" if a != b else "no", ctx])
    print(f"# {n_docs} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
