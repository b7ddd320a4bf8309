"""Score event coding against official visit records (issue 16; see README.md).

    python eval/evaluate.py visits
    python eval/visits/score.py            # the same numbers, as JSON
    python eval/visits/score.py --misses   # the dev rows the coder missed (never the held ones)

Each summary of ``gold.jsonl`` that the hand reading marked ``reports_meeting``
runs through the product's batch coder (``coding.code_articles``: parse →
actors → dates → places → speech → events), dated by its Current Events page
date. Per half (``dev``, ``held``; fixed by a hash of the record id):

* ``consult_dyad_recall`` — share of summaries with a CONSULT event (any mode,
  any status but negated or hypothetical) from the expected source country to
  the expected target country (a reciprocal event counts in either order);
  ``consult_undirected_recall`` ignores the direction;
* ``consult_date_recall`` — the same directed CONSULT with its date inside the
  record's window (start − 1 … end + 1): a resolved day, or the contract's
  fallback (the publication date with precision ``unknown``) when the summary
  names no date. The page date lies in the window by construction, so this
  fails only when the coder resolves a wrong or coarser date;
  ``consult_explicit_date_recall`` counts resolved days only (no floor: most
  summaries name no date);
* ``any_event_dyad_recall`` — any event type, same status filter, between the
  two countries in either direction;
* ``*_n`` — the number of summaries scored;
* ``{half}_{visit,trip}_consult_dyad_recall`` — the directed CONSULT recall for
  foreign leaders' visits to the US and for US officials' trips abroad apart.

>>> hits([("CONSULT", "USA", "JPN", "2009-02-24", "day", False, "reported")], "USA", "JPN",
...      ["2009-02-23", "2009-02-25"])
{'consult_dyad': True, 'consult_undirected': True, 'consult_date': True, 'consult_explicit_date': True, 'any_event_dyad': True}
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLD = HERE / "gold.jsonl"
sys.path.insert(0, str(ROOT))

# Statuses that say the act did not or may not happen: such an event is no report of a visit.
EXCLUDED_STATUS = {"negated", "hypothetical"}
METRICS = ("consult_dyad", "consult_undirected", "consult_date", "consult_explicit_date", "any_event_dyad")
# A day, or the publication-date fallback (CONTRACT.md: precision ``unknown``); not a month or year.
DAY_VALUES = {"day", "unknown"}


def load(split: str | None = None) -> list[dict]:
    """The scored rows (the reading kept them), of one half or both."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["reports_meeting"] and (split is None or r["split"] == split)]


def hits(events: list[tuple], source: str, target: str, window: list[str]) -> dict[str, bool]:
    """Which metrics one summary's events satisfy.

    ``events``: (type, source country, target country, date, date precision,
    reciprocal, status) per event.
    """
    out = dict.fromkeys(METRICS, False)
    lo, hi = window
    for typ, s, t, when, precision, reciprocal, status in events:
        if status in EXCLUDED_STATUS:
            continue
        undirected = {s, t} == {source, target}
        if undirected:
            out["any_event_dyad"] = True
        if typ != "CONSULT" or not undirected:
            continue
        out["consult_undirected"] = True
        if (s, t) == (source, target) or reciprocal:
            out["consult_dyad"] = True
            inside = bool(when) and len(when) >= 10 and lo <= when[:10] <= hi
            if inside and precision in DAY_VALUES:
                out["consult_date"] = True
            if inside and precision == "day":
                out["consult_explicit_date"] = True
    return out


def coded(rows: list[dict]) -> list[list[tuple]]:
    """The event tuples the product codes for each row's summary, in order."""
    import hashlib

    from newsevents.coding import code_articles
    from newsevents.events.candidates import country
    from newsevents.models import Article
    from newsevents.settings import load_settings

    settings = load_settings()
    articles = [Article(id=hashlib.sha256(r["text"].encode()).hexdigest(), text=r["text"], title=None,
                        published=date.fromisoformat(r["date"])) for r in rows]
    out = []
    for row, result in zip(rows, code_articles(articles, settings)):
        if result.error:
            raise RuntimeError(f"{row['key']}: {result.error}")
        out.append([(e.type, country(e.source), country(e.target), e.date, e.date_precision,
                     e.reciprocal, e.status) for e in result.events])
    return out


def run() -> dict:
    """dev_* and held_* recalls and counts (empty when the gold is absent)."""
    if not GOLD.is_file():
        return {}
    rows = load()
    events = coded(rows)
    out: dict = {}
    for split in ("dev", "held"):
        part = [(r, ev) for r, ev in zip(rows, events) if r["split"] == split]
        n = len(part)
        out[f"{split}_n"] = n
        counts = dict.fromkeys(METRICS, 0)
        for r, ev in part:
            for k, v in hits(ev, r["source"], r["target"], r["window"]).items():
                counts[k] += v
        for k in METRICS:
            out[f"{split}_{k}_recall"] = counts[k] / n if n else 0.0
        for kind in ("visit", "trip"):
            sub = [hits(ev, r["source"], r["target"], r["window"])["consult_dyad"]
                   for r, ev in part if r["kind"] == kind]
            out[f"{split}_{kind}_n"] = len(sub)
            out[f"{split}_{kind}_consult_dyad_recall"] = sum(sub) / len(sub) if sub else 0.0
    return out


def misses() -> None:
    """Print the dev rows without a directed CONSULT, with what was coded (held rows never)."""
    rows = load("dev")
    for r, ev in zip(rows, coded(rows)):
        h = hits(ev, r["source"], r["target"], r["window"])
        if not h["consult_date"]:
            print(f"{r['source']}->{r['target']} {r['date']} {h}\n  {r['text']}\n  {ev}\n")


if __name__ == "__main__":
    if "--misses" in sys.argv:
        misses()
    else:
        print(json.dumps(run(), indent=1))
