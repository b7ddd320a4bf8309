"""Train the sentence-type model (``sentence-types.json``) the event coder reads (issue #16).

    .venv/bin/python scripts/train_sentence_types.py         # measure it alone on dev (no file written)

Called by ``scripts/train_events.py``: one TF-IDF logistic model per PLOVER
type over ``events.sentence_types.sentence_features``, trained on the
training documents' sentences, each labelled with the types of its gold
events (``train_events.gold_view``). The candidates of the event models read
its probabilities (``sentence_types.type_features``); so that the event
models do not learn to over-trust it, the training documents' candidates read
**out-of-fold** probabilities (``FOLDS`` folds over the training documents,
each scored by a model fitted without it); dev and the PLOVER sentences read
the model fitted on every training document, the one shipped. Every
probability is computed by the run-time code (``sentence_types.type_probs``
over the exported weights), so training and run time see the same numbers.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

FOLDS = 5
C = 10.0  # (dev, session 9: C 4 / min_df 2 gave type 0.607, PLOVER 5-fold 0.640; C 10 / 3: 0.610, 0.658)
MIN_DF = 3
CONTEXT = ("prev",)
OUT = ROOT / "newsevents" / "data" / "models" / "events" / "sentence-types.json"


def fold_of(doc_id: str) -> int:
    """The cross-fitting fold of a training document, by a hash of its id."""
    return int(hashlib.sha1(("sty|" + doc_id).encode()).hexdigest(), 16) % FOLDS


def sentence_data(recs: list[dict], context: tuple[str, ...] = CONTEXT) -> dict[str, dict]:
    """Per record: its sentences' feature names and gold type sets ({doc_id: {"feats", "labels"}})."""
    import train_events as T

    from newsevents.events.candidates import sentence_starts
    from newsevents.events.sentence_types import sentence_features
    from newsevents.events.syntax import token_table

    out = {}
    for rec, doc in zip(recs, T.cached_parse([r["text"] for r in recs])):
        n = len(token_table(doc).bounds)
        gold = T.gold_view(rec, sentence_starts(doc))
        out[rec["doc_id"]] = {"feats": [sentence_features(doc, k, context) for k in range(n)],
                              "labels": [sorted({t[0] for t in gold.get(k, {})}) for k in range(n)]}
    return out


def fit(data: dict[str, dict], ids: list[str], C: float = C, min_df: int = MIN_DF,
        context: tuple[str, ...] = CONTEXT) -> dict:
    """The model fitted on the sentences of ``ids``, exported as ``sentence_types`` reads it."""
    from collections import Counter

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    from newsevents.models import PLOVER_TYPES

    feats = [f for i in ids for f in data[i]["feats"]]
    labels = [set(x) for i in ids for x in data[i]["labels"]]
    df = Counter(x for f in feats for x in f)
    vocab = {x for x, n in df.items() if n >= min_df}
    vec = DictVectorizer()
    X = vec.fit_transform([{x: 1 for x in f if x in vocab} for f in feats]).tocsr()
    tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True)
    X = tfidf.fit_transform(X).tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)
    names = list(vec.get_feature_names_out())
    idf = tfidf.idf_
    types, bias, cols = [], [], []
    for t in PLOVER_TYPES:
        y = [int(t in s) for s in labels]
        if sum(y) < 2:
            continue
        m = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
        m.fit(X, y)
        types.append(t)
        bias.append(round(float(m.intercept_[0]), 5))
        cols.append(m.coef_[0])
    w = {}
    for j, name in enumerate(names):
        w[name] = [round(float(idf[j]), 5)] + [round(float(c[j] * idf[j]), 5) for c in cols]
    return {"format": 1, "types": types, "bias": bias, "context": list(context), "min_df": min_df, "C": C,
            "w": dict(sorted(w.items()))}


def predict(model: dict, data: dict[str, dict], ids) -> dict[str, list[dict]]:
    """{doc_id: [P(type | sentence) per sentence]} by the run-time scorer."""
    from newsevents.events.sentence_types import type_probs

    model = {**model, "context": tuple(model["context"])}
    return {i: [type_probs(model, f) for f in data[i]["feats"]] for i in ids}


def crossfit(data: dict[str, dict], train_ids: list[str], other_ids: list[str], **kw) -> tuple[dict, dict]:
    """(the full model, {doc_id: probabilities}): out-of-fold for ``train_ids``, the full
    model's for ``other_ids`` (dev, the PLOVER sentences)."""
    probs: dict[str, list[dict]] = {}
    for k in range(FOLDS):
        held = [i for i in train_ids if fold_of(i) == k]
        model = fit(data, [i for i in train_ids if fold_of(i) != k], **kw)
        probs.update(predict(model, data, held))
    full = fit(data, train_ids, **kw)
    probs.update(predict(full, data, other_ids))
    return full, probs


def attach(rows: list[dict], probs: dict[str, list[dict]]) -> None:
    """Give every candidate of ``rows`` the sentence-type features of its sentence (in place;
    ``sentence_types.type_features``, as ``features.py`` adds them at run time)."""
    from newsevents.events.sentence_types import type_features

    for r in rows:
        ps = probs.get(r["doc_id"])
        for c in r["cands"]:
            c["f"] = [x for x in c["f"] if not x.startswith("sty")]
            if ps is not None and c["sent"] < len(ps):
                c["f"] = c["f"] + type_features(ps[c["sent"]], c["tup"][0])


def write(model: dict, path: Path = OUT) -> None:
    """The model as JSON (sorted keys, rounded weights: the same data gives the same bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")


def quality(probs: dict[str, list[dict]], data: dict[str, dict], ids) -> dict:
    """Micro P/R/F1 at 0.5 and mean average precision over the types, on the sentences of ``ids``."""
    tp = fp = fn = 0
    per: dict[str, list] = {}
    for i in ids:
        for p, gold in zip(probs[i], data[i]["labels"]):
            for t, q in p.items():
                y = t in gold
                per.setdefault(t, []).append((q, y))
                tp += q >= 0.5 and y
                fp += q >= 0.5 and not y
                fn += q < 0.5 and y
    aps = []
    for pairs in per.values():
        pairs.sort(key=lambda x: -x[0])
        hits, s, npos = 0, 0.0, sum(y for _, y in pairs)
        for n, (_, y) in enumerate(pairs, 1):
            if y:
                hits += 1
                s += hits / n
        if npos:
            aps.append(s / npos)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
            "map": round(sum(aps) / len(aps), 4)}


def main(argv=None) -> int:
    import argparse

    import train_events as T

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=C)
    ap.add_argument("--min-df", type=int, default=MIN_DF)
    ap.add_argument("--context", default=",".join(CONTEXT), help="prev, first (comma-separated; empty: none)")
    args = ap.parse_args(argv)
    context = tuple(x for x in args.context.split(",") if x)
    recs = T.load_gold("train", T.EVENT_PASSES)
    data = sentence_data(recs, context)
    trn = [r["doc_id"] for r in recs if not T.is_dev(r["doc_id"])]
    dev = [r["doc_id"] for r in recs if T.is_dev(r["doc_id"])]
    model = fit(data, trn, args.C, args.min_df, context)
    print(f"context {context} C {args.C} min_df {args.min_df}: {len(model['w'])} features; dev",
          json.dumps(quality(predict(model, data, dev), data, dev)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
