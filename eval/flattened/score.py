"""Furniture removal on flattened pages (gold built by scripts/clean_make_flattened_gold.py).

Runs what the pipeline runs: ``drop_recurring_lines`` over the batch (pages
grouped by site), then ``clean_document`` on each page, given only the page
text and its URL (no title or date hints). Lines are compared after
whitespace normalisation. Furniture = every non-blank page line that is not
a gold body line and not the headline (the headline is scored as title
accuracy). Also reports the scores without the cross-page filter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def _norm(line: str) -> str:
    return " ".join(line.split())


def load_gold() -> list[dict]:
    return [json.loads(line) for line in (HERE / "gold.jsonl").open(encoding="utf-8")
            if line.strip()]


def _score(gold: list[dict], recurring: bool) -> dict[str, float]:
    from newsevents.clean import clean_document, drop_recurring_lines
    from newsevents.models import Article, RawDocument
    from newsevents.settings import Settings

    settings = Settings()
    raws = [RawDocument(source=g["file"], content=(HERE / g["file"]).read_text(encoding="utf-8"),
                        kind="text", url=g["url"]) for g in gold]
    if recurring:
        raws = drop_recurring_lines(raws)
    tp = fp = fn = 0  # furniture removed correctly / body removed / furniture kept
    body_total = body_kept = 0
    titles = dates = 0
    for g, raw in zip(gold, raws):
        art = clean_document(raw, settings)
        kept = set()
        if isinstance(art, Article):
            kept = {_norm(x) for x in art.text.split("\n") if x.strip()}
            titles += _norm(art.title or "") == _norm(g["title"])
            dates += art.published is not None and art.published.isoformat() == g["published"]
        body = {_norm(b) for b in g["body"]}
        title = _norm(g["title"])
        page = [_norm(x) for x in (HERE / g["file"]).read_text(encoding="utf-8").split("\n")]
        for line in page:
            if not line or line == title:
                continue
            if line in body:
                body_total += 1
                body_kept += line in kept
                fp += line not in kept
            else:
                tp += line not in kept
                fn += line in kept
    n = len(gold)
    return {
        "furniture_precision": tp / (tp + fp) if tp + fp else 1.0,
        "furniture_recall": tp / (tp + fn) if tp + fn else 1.0,
        "body_line_recall": body_kept / body_total if body_total else 1.0,
        "title_accuracy": titles / n,
        "date_accuracy": dates / n,
    }


def run() -> dict[str, float]:
    gold = load_gold()
    scores = _score(gold, recurring=True)
    alone = _score(gold, recurring=False)
    scores.update({f"{k}_no_recurring_filter": v for k, v in alone.items()
                   if k.startswith("furniture")})
    scores["pages"] = len(gold)
    return scores


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
