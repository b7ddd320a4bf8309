"""Draw the precision-read sample (issue #16): N coded events at random from a demo store.

The store is what ``newsevents demo --db PATH`` builds from the bundled VOA
sample. Events of the 30 held-out VOA gold stories (``voa_gold.jsonl`` after
its first 10 records) and of the VOA documents in the eval/annotated test
split are left out, so the read never looks at a test document. Each coder
output (an ``event_mentions`` row, one per evidence sentence) is a candidate;
the draw is seeded so the same store gives the same list.

Prints a markdown table with an empty verdict column for the reader to fill,
and the counts the read quotes (stories kept, events drawn from).

    python eval/events/precision_sample.py --db /tmp/precision_demo.duckdb
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOA_GOLD = HERE / "voa_gold.jsonl"
SPLIT = HERE.parent / "annotated" / "split.tsv"
DEV_RECORDS = 10  # voa_gold.jsonl: the first 10 stories are dev, the rest held out


def excluded_story_ids() -> set[str]:
    """VOA story ids no precision read may draw from: held-out gold and annotated test."""
    lines = [ln for ln in VOA_GOLD.read_text(encoding="utf-8").splitlines() if ln.strip()]
    ids = {json.loads(ln)["id"] for ln in lines[DEV_RECORDS:]}
    with SPLIT.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["split"] == "test" and row["doc_id"].startswith("voa:"):
                ids.add(row["doc_id"].split(":", 1)[1])
    return ids


def story_id(url: str | None) -> str | None:
    """The VOA story id at the end of its URL (``.../title/8011115.html``)."""
    m = re.search(r"/(\d+)\.html?$", url or "")
    return m.group(1) if m else None


def draw(db: str, n: int, seed: int) -> tuple[list[dict], int, int]:
    """The sample, the number of stories kept and the number of events drawn from."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    rows = con.execute(
        "SELECT m.id, a.url, m.type, coalesce(m.source_country, m.source_code), "
        "coalesce(m.target_country, m.target_code), m.status, m.trigger, m.sentence "
        "FROM event_mentions m JOIN articles a ON a.id = m.article_id ORDER BY m.id").fetchall()
    n_stories = con.execute("SELECT url FROM articles").fetchall()
    con.close()
    skip = excluded_story_ids()
    kept_stories = {story_id(u) for (u,) in n_stories} - skip - {None}
    keys = ("id", "story", "type", "source", "target", "status", "trigger", "sentence")
    pool = [dict(zip(keys, (r[0], story_id(r[1]), *r[2:]), strict=True)) for r in rows]
    pool = [e for e in pool if e["story"] in kept_stories]
    if len(pool) < n:
        raise SystemExit(f"Error: only {len(pool)} events to draw from; build the demo store first")
    return random.Random(seed).sample(pool, n), len(kept_stories), len(pool)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="demo store built by `newsevents demo --db`")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261206)
    args = ap.parse_args(argv)
    if not Path(args.db).exists():
        print(f"Error: no store at {args.db}; run `newsevents demo --db {args.db}` first",
              file=sys.stderr)
        return 1
    sample, stories, pool = draw(args.db, args.n, args.seed)
    print(f"<!-- seed {args.seed}: {stories} stories, {pool} events, {len(sample)} drawn -->")
    print("| # | verdict | type | source → target | status | trigger | sentence (first 200 characters) |")
    print("|---|---|---|---|---|---|---|")
    for i, e in enumerate(sample):
        sent = " ".join((e["sentence"] or "").split())[:200].replace("|", "/")
        print(f"| {i} |  | {e['type']} | {e['source'] or '–'} → {e['target'] or '–'} | "
              f"{e['status']} | {e['trigger']} | {sent} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
