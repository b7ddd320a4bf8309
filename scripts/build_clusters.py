"""Build the distributional word clusters the event coder reads (``make clusters``).

    .venv/bin/python scripts/build_clusters.py            # writes newsevents/data/events/clusters.tsv.gz

Unlabeled in-domain text: the Wikipedia Current Events summaries
(``../shared/corpus/wikipedia_current_events/current_events.jsonl.gz``, CC BY-SA
4.0, Wikipedia contributors), less every summary whose text is an annotated
``test`` document (``eval/annotated``) or a document of ``eval/crosslinks``:
held-out evaluation texts must not shape the features.

Lower-cased word forms (a regex, no parse); the words seen at least
``MIN_COUNT`` times; symmetric co-occurrence counts within ``WINDOW`` words,
positive PMI with context-distribution smoothing (alpha 0.75), reduced by
scikit-learn's ``TruncatedSVD`` (``DIMS`` dims, fixed seed) and L2-normalised;
KMeans (fixed seed) gives ``K_FINE`` clusters, and the fine centroids,
clustered again (weighted by size), the coarser ones: the levels nest, as
Brown-cluster prefixes do. Deterministic: the same corpus gives the same
bytes (gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikipedia_current_events" / "current_events.jsonl.gz"
OUT = ROOT / "newsevents" / "data" / "events" / "clusters.tsv.gz"
MIN_COUNT = 5
WINDOW = 3
DIMS = 100
K_FINE, K_MID, K_COARSE = 1024, 256, 64
SEED = 0
WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


def tokens(text: str) -> list[str]:
    """Lower-cased word forms (letters, inner hyphens and apostrophes)."""
    return WORD.findall(text.lower())


def _norm(text: str) -> str:
    return " ".join(text.split())


def held_out_texts(root: Path = ROOT) -> set[str]:
    """Texts of the annotated test split and of eval/crosslinks, whitespace-normalised."""
    test = set()
    with (root / "eval" / "annotated" / "split.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) > 3 and parts[3] == "test":
                test.add(parts[0])
    out = set()
    for line in (root / "eval" / "annotated" / "docs.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        if d["doc_id"] in test:
            out.add(_norm(d["text"]))
    for line in (root / "eval" / "crosslinks" / "docs.jsonl").open(encoding="utf-8"):
        if line.strip():
            out.add(_norm(json.loads(line)["text"]))
    return out


def read_corpus(path: Path, exclude: set[str]) -> tuple[list[list[str]], int]:
    """Token lists of the corpus texts not in ``exclude`` and the number excluded."""
    docs, dropped = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if _norm(text) in exclude:
                dropped += 1
                continue
            docs.append(tokens(text))
    return docs, dropped


def cooccurrence(docs: list[list[str]], vocab: dict[str, int], window: int):
    """Symmetric word-word counts within ``window`` words (a scipy CSR matrix)."""
    import numpy as np
    from scipy.sparse import coo_matrix

    ids = []
    for d in docs:  # (-1 separates documents and stands for rare words: no pair crosses it)
        ids.extend(vocab.get(w, -1) for w in d)
        ids.extend([-1] * window)
    a = np.asarray(ids, dtype=np.int64)
    rows, cols = [], []
    for off in range(1, window + 1):
        x, y = a[:-off], a[off:]
        ok = (x >= 0) & (y >= 0)
        rows += [x[ok], y[ok]]
        cols += [y[ok], x[ok]]
    r, c = np.concatenate(rows), np.concatenate(cols)
    n = len(vocab)
    return coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(n, n)).tocsr()


def ppmi(M, alpha: float = 0.75):
    """Positive PMI of a count matrix, the context distribution smoothed by ``alpha``."""
    import numpy as np

    M = M.tocoo()
    total = M.sum()
    row = np.asarray(M.sum(axis=1)).ravel()
    col = np.asarray(M.sum(axis=0)).ravel() ** alpha
    pmi = np.log(M.data * col.sum() / (row[M.row] * col[M.col]))
    keep = pmi > 0
    from scipy.sparse import coo_matrix
    del total
    return coo_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape).tocsr()


def build(corpus: Path = CORPUS, out: Path = OUT, verbose: bool = True) -> dict:
    """Build and write the cluster file; returns a summary."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    t0 = time.time()
    docs, dropped = read_corpus(corpus, held_out_texts())
    counts = Counter(w for d in docs for w in d)
    words = sorted(w for w, n in counts.items() if n >= MIN_COUNT)
    vocab = {w: i for i, w in enumerate(words)}
    if verbose:
        print(f"{len(docs)} texts ({dropped} held-out excluded), {sum(map(len, docs))} tokens, "
              f"vocabulary {len(words)} ({time.time() - t0:.0f}s)")
    P = ppmi(cooccurrence(docs, vocab, WINDOW))
    svd = TruncatedSVD(n_components=DIMS, algorithm="randomized", n_iter=7, random_state=SEED)
    U = svd.fit_transform(P)
    # (U carries the singular values; their square root is the usual better weighting)
    V = normalize(U / np.sqrt(svd.singular_values_))
    if verbose:
        print(f"PPMI {P.nnz} cells, SVD {DIMS} dims ({time.time() - t0:.0f}s)")
    fine = KMeans(n_clusters=K_FINE, n_init=1, max_iter=100, random_state=SEED).fit(V)
    sizes = np.bincount(fine.labels_, minlength=K_FINE)
    cents = normalize(fine.cluster_centers_)
    mid = KMeans(n_clusters=K_MID, n_init=3, random_state=SEED).fit(cents, sample_weight=sizes)
    coarse = KMeans(n_clusters=K_COARSE, n_init=3, random_state=SEED).fit(
        normalize(mid.cluster_centers_), sample_weight=np.bincount(mid.labels_, weights=sizes, minlength=K_MID))
    if verbose:
        print(f"KMeans {K_FINE}/{K_MID}/{K_COARSE} ({time.time() - t0:.0f}s)")
    lines = [f"word\tc{K_COARSE}\tc{K_MID}\tc{K_FINE}"]
    for i, w in enumerate(words):
        f = int(fine.labels_[i])
        m = int(mid.labels_[f])
        lines.append(f"{w}\t{int(coarse.labels_[m])}\t{m}\t{f}")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buf.getvalue())
    summary = {"texts": len(docs), "excluded": dropped, "vocabulary": len(words),
               "bytes": out.stat().st_size, "seconds": round(time.time() - t0)}
    if verbose:
        print(f"wrote {out} ({summary['bytes'] / 1e6:.2f} MB) in {summary['seconds']}s")
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    if not Path(args.corpus).is_file():
        print(f"Error: {args.corpus} not found; the shared corpus lives in ../shared/corpus", file=sys.stderr)
        return 1
    build(Path(args.corpus), Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
