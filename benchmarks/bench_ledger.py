"""The ledger's link step: one run's new articles against the whole store, in one run.

    python benchmarks/bench_ledger.py [--articles 2000] [--new 50]

Builds a synthetic store (every article one claim and one denial, random words,
12 actors, dates over a year), then times ``link_ledger`` over the whole store
and over the last ``--new`` articles only (what an ingest does). Prints the
ratio incremental / whole: near ``new / articles`` when the step grows with
the run rather than with the store. Synthetic text: it measures cost, not
link quality (eval/ledger/crosslinks.py does that).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsevents.models import Actor, Article, Claim, Coded, Response  # noqa: E402
from newsevents.store import Store  # noqa: E402
from newsevents.store.ledger import link_ledger  # noqa: E402

CODES = ("USA", "RUS", "IRN", "PRK", "CHN", "ISR", "UKR", "PAK", "AFG", "IND", "SYR", "TUR")


def corpus(n: int, seed: int = 0) -> list[Coded]:
    rng = random.Random(seed)
    vocab = [f"w{i}x" for i in range(3000)]
    out = []
    for i in range(n):
        words = " ".join(rng.choice(vocab) for _ in range(60))
        text = f"Story {i}. {words}"
        a, b = rng.sample(CODES, 2)
        art = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title=f"s{i}",
                      published=date(2024, 1, 1) + timedelta(days=rng.randrange(365)))
        claim = Claim(id=f"c{i}", claimant=Actor(a, a, a), accused=(Actor(b, b, b),),
                      text=" ".join(rng.choice(vocab) for _ in range(8)), span=(10, 60), cue="accused")
        resp = Response(id=f"r{i}", claim_id=None, responder=Actor(b, b, b), kind="denial",
                        text="denied " + " ".join(rng.choice(vocab) for _ in range(6)),
                        span=(70, 120), cue="denied")
        out.append(Coded(article=art, claims=(claim,), responses=(resp,)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--new", type=int, default=50)
    args = ap.parse_args(argv)
    batch = corpus(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.duckdb"
        with Store(base) as s:
            s.write_batch(batch)
        times = {}
        for label, articles in (("whole", None), ("incremental", [c.article.id for c in batch[-args.new:]])):
            path = Path(tmp) / f"{label}.duckdb"
            shutil.copy(base, path)
            with Store(path) as s:
                t = time.perf_counter()
                link_ledger(s, articles=articles)
                times[label] = time.perf_counter() - t
    print(f"store {args.articles} articles; link step over the whole store {times['whole']:.2f} s, "
          f"over the last {args.new} {times['incremental']:.2f} s; "
          f"ratio {times['incremental'] / times['whole']:.3f} (articles ratio {args.new / args.articles:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
