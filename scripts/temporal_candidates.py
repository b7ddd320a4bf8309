"""Print annotation candidates for the temporal gold set (eval/temporal/).

Lists, per sampled document, every sentence holding a token that *might* be
temporal: spaCy DATE/TIME entities plus a deliberately loose keyword regex.
The annotator reads these sentences and writes the gold lines by hand; this
script never decides a value. Run:

    .venv/bin/python scripts/temporal_candidates.py > /tmp/candidates.txt
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from newsevents.nlp import parse

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LOOSE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b1[5-9]\d\ds?\b|\b20\d\ds?\b|"
    r"yesterday|today|tonight|tomorrow|\bnow\b|currently|recently|earlier|later|\bago\b|"
    r"\bweek|\bmonth|\byear|decade|century|spring|summer|autumn|\bfall\b|winter|"
    r"morning|afternoon|evening|night|the time|\bthen\b|\bsince\b|\d+/\d+/\d+|\d{4}-\d\d-\d\d",
    re.IGNORECASE,
)


def sample_docs() -> list[dict]:
    """Every 4th VOA story and every 12th Wikinews article (fixed, reproducible)."""
    docs = []
    with open(SHARED / "voa" / "voa_stories.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            if i % 4 == 0:
                docs.append({"doc": f"voa:{d['id']}", "published": d["published"][:10],
                             "text": d["text"]})
    for year in (2019, 2020):
        with open(SHARED / "wikinews" / f"wikinews_{year}.csv", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i % 12 == 0:
                    docs.append({"doc": f"wikinews:{year}:{i}", "published": row["date"][:10],
                                 "text": row["text"], "url": row["url"]})
    return docs


def main() -> None:
    docs = sample_docs()
    if "--save" in sys.argv:
        out = Path(__file__).resolve().parents[1] / "eval" / "temporal" / "docs.jsonl"
        with open(out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
        return
    for d, doc in zip(docs, parse(d["text"] for d in docs)):
        print(f"##### {d['doc']} published {d['published']}")
        for si, sent in enumerate(doc.sents):
            ents = [e.text for e in sent.ents if e.label_ in ("DATE", "TIME")]
            hits = [m.group(0) for m in LOOSE.finditer(sent.text)]
            if ents or hits:
                print(f"[{si}] {sent.text.strip()}")
                print(f"     ents={ents} hits={hits}")


if __name__ == "__main__":
    main()
