"""Score the events stage on the annotated documents (eval/annotated/gold.jsonl).

Two sets: ``ann_dev_*`` — the 15% of the train split that ``make train``
holds out for tuning (``scripts/train_events.py:is_dev``), and
``ann_test_*`` — the test split, fixed before annotation, never trained or
tuned on; only its aggregate scores are ever printed.

Story-level metrics, as for the VOA stories: type = the set of (sentence,
type) per document, tuple = the set of (type, source country, target
country) per document; each for every event and for ``reported`` events
only (``*_reported_*``); status accuracy over matched tuples. Documents run
through the product's own stages (``pipeline.code_article``).
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))


def coded(recs: list[dict]):
    """(record, doc, events) through parse → actors → dates → places → speech → events."""
    from newsevents.models import Article
    from newsevents.nlp import parse
    from newsevents.pipeline import code_article
    from newsevents.settings import load_settings

    settings = load_settings()
    for rec, doc in zip(recs, parse([r["text"] for r in recs], batch_size=16)):
        pub = date.fromisoformat(rec["published"][:10])
        art = Article(id=hashlib.sha256(rec["text"].encode()).hexdigest(), text=rec["text"],
                      title=rec.get("title"), published=pub)
        result = code_article(art, doc, settings)
        if result.error:
            raise RuntimeError(f"{rec['doc_id']}: {result.error}")
        yield rec, doc, list(result.events)


def score(recs: list[dict]) -> dict:
    """Aggregate story-level scores of the product on these records."""
    import train_events as T

    from newsevents.events.candidates import country, sentence_of, sentence_starts

    rows, decided = [], []
    for rec, doc, events in coded(recs):
        starts = sentence_starts(doc)
        rows.append({"gold": T.gold_view(rec, starts)})
        decided.append([(sentence_of(starts, e.span[0]), (e.type, country(e.source), country(e.target)),
                         e.status) for e in events])
    return T.score_rows(rows, decided)


def run() -> dict:
    """ann_dev_* and ann_test_* metrics (empty when the annotations are absent)."""
    import train_events as T

    if not (T.ANN / "gold.jsonl").is_file():
        return {}
    train = T.load_gold("train")
    dev = [r for r in train if T.is_dev(r["doc_id"])]
    test = T.load_gold("test")
    out = {}
    for name, recs in (("ann_dev", dev), ("ann_test", test)):
        res = score(recs)
        out.update({f"{name}_{k}": v for k, v in res.items()})
        out[f"{name}_documents"] = len(recs)
    return out
