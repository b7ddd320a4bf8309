"""Article-body extraction on the 181-page scrapinghub benchmark (read from ../shared).

Scores newsevents' HTML cleaning (``clean_document``) and, in the same run,
plain ``trafilatura.extract`` with its defaults, with the metric in metric.py.
The pages stay in ../shared (publishers' copyright); nothing is copied here.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from metric import aggregate, page_scores  # noqa: E402


def bench_dir() -> Path:
    shared = Path(os.environ.get("NEWSEVENTS_SHARED", ROOT.parent / "shared"))
    path = shared / "eval" / "extraction" / "scrapinghub"
    if not (path / "ground-truth.json").is_file():
        raise FileNotFoundError(f"{path}/ground-truth.json not found; set NEWSEVENTS_SHARED "
                                "to the folder holding eval/extraction/scrapinghub")
    return path


def load_pages() -> list[tuple[str, bytes, str]]:
    d = bench_dir()
    truth = json.loads((d / "ground-truth.json").read_text(encoding="utf-8"))
    return [(k, gzip.open(d / "html" / f"{k}.html.gz").read(), v["articleBody"])
            for k, v in sorted(truth.items())]


def run() -> dict[str, float]:
    import trafilatura

    from newsevents.clean import clean_document
    from newsevents.models import Article, RawDocument
    from newsevents.settings import Settings

    settings = Settings()
    pages = load_pages()
    ours, base = [], []
    t0 = time.perf_counter()
    for key, html, _truth in pages:
        art = clean_document(RawDocument(source=key, content=html, kind="html"), settings)
        ours.append(art.text if isinstance(art, Article) else "")
    elapsed = time.perf_counter() - t0
    for key, html, _truth in pages:
        base.append(trafilatura.extract(html) or "")
    scores = aggregate([page_scores(o, t) for o, (_, _, t) in zip(ours, pages)])
    baseline = aggregate([page_scores(o, t) for o, (_, _, t) in zip(base, pages)])
    return {
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "f1_minus_trafilatura_default": scores["f1"] - baseline["f1"],
        "trafilatura_default_f1": baseline["f1"],
        "pages_per_s": len(pages) / elapsed,
        "pages": len(pages),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
