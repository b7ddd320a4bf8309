"""Do gradient-boosted trees beat the logistic type/tuple models of the event coder? (dev only)

Issue #16 asks to choose between linear models and gradient-boosted trees by
measurement; the model card said trees "were not measured (time)". This script
measures them in the training script's own harness (``train_events.train``,
``tune``'s threshold grid, ``score_rows``), on the annotated dev documents only.

    # once: build the candidate cache (parses; nothing shipped is written)
    PYTHONPATH=$PWD .venv/bin/python scripts/train_events.py --cache --keep-triggers --no-model
    # then (OMP_NUM_THREADS=1: the machine is shared)
    OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python scripts/gbt_events.py --arms gbt,stack
    OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python scripts/gbt_events.py --arms stack --kfold

Arms (status stays the logistic model's in every arm, so only type/tuple differ):

- ``logreg``: the shipped design, ``train_events.train`` (C=0.3) and its thresholds.
- ``gbt``: ``HistGradientBoostingClassifier`` for tuple and type over a dense
  0/1 matrix of the ``--k`` most frequent training features.
- ``stack``: the same trees with two more inputs, the logit of the logistic
  tuple and type models' probability — out-of-fold (5 folds by doc-id hash)
  on the training rows, the full logistic model's on dev.
- ``stackf``: as ``stack``, but dev reads the mean logit of the five fold
  models, so that the input has the same distribution as in training.

Trees: sample weights as in ``train`` (PLOVER sentences 5), early stopping on
10% of the *training* documents (a doc-id hash; never dev), a small grid
(learning rate x max_leaf_nodes, max_iter capped) whose point is chosen by that
training holdout's log loss — not by dev, so the dev figure is not a best-of-N.
``--refit`` then refits on every training row with the chosen iteration count.
Each arm's probabilities go through the same threshold search as ``tune``
(``train_events.tune_probs``, checked equal to ``tune`` on the logistic arm) and ``score_rows``.
The difference to the logistic arm is a paired bootstrap over dev documents
(2,000 resamples, seed 0). ``--kfold`` adds the PLOVER 5-fold estimate for
the arms (each fold unseen by its models; thresholds those each arm chose on dev).

Reads neither the ``test`` split nor the held-out VOA stories; writes nothing shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import train_events as te  # noqa: E402

SEED = 0
GRID = ({"learning_rate": 0.2, "max_leaf_nodes": 15}, {"learning_rate": 0.1, "max_leaf_nodes": 31},
        {"learning_rate": 0.1, "max_leaf_nodes": 63})


def es_holdout(doc_id: str) -> bool:
    """The early-stopping holdout: 10% of the training documents (a salted hash, not ``is_dev``'s)."""
    return int(hashlib.sha1(("es:" + doc_id).encode()).hexdigest(), 16) % 10 == 0


def oof_fold(doc_id: str, k: int = 5) -> int:
    return int(hashlib.sha1(("oof:" + doc_id).encode()).hexdigest(), 16) % k


# ---------------------------------------------------------------- harness

def per_doc_counts(rows: list[dict], decided: list[list[tuple]]) -> np.ndarray:
    """Per document: (tp, fp, fn) of (sentence, type) and of tuples, as ``score_rows`` counts them."""
    out = np.zeros((len(rows), 6), dtype=np.int64)
    for j, (row, evs) in enumerate(zip(rows, decided)):
        gold = row["gold"]
        gt = {(k, t[0]) for k, g in gold.items() for t in g}
        gu = {t for g in gold.values() for t in g}
        pt = {(k, t[0]) for k, t, s in evs}
        pu = {t for k, t, s in evs}
        out[j] = (len(pt & gt), len(pt - gt), len(gt - pt), len(pu & gu), len(pu - gu), len(gu - pu))
    return out


def _f1(c: np.ndarray) -> np.ndarray:
    tp, fp, fn = c[..., 0], c[..., 1], c[..., 2]
    d = 2 * tp + fp + fn
    return np.where(d > 0, 2 * tp / np.maximum(d, 1), 0.0)


def bootstrap(base: np.ndarray, arm: np.ndarray, n: int = 2000, seed: int = SEED) -> dict:
    """Paired bootstrap over documents of arm - base, type and tuple F1: mean diff and 95% interval."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(base), size=(n, len(base)))
    out = {}
    for name, sl in (("type", slice(0, 3)), ("tuple", slice(3, 6))):
        b = base[:, sl][idx].sum(axis=1)
        a = arm[:, sl][idx].sum(axis=1)
        d = _f1(a) - _f1(b)
        point = float(_f1(arm[:, sl].sum(axis=0)) - _f1(base[:, sl].sum(axis=0)))
        out[name] = {"diff": round(point, 4), "lo": round(float(np.percentile(d, 2.5)), 4),
                     "hi": round(float(np.percentile(d, 97.5)), 4), "p_le_0": round(float((d <= 0).mean()), 4)}
    return out


# ---------------------------------------------------------------- trees

def vocabulary(rows: list[dict], k: int) -> dict[str, int]:
    """The k features present in the most training candidates (ties by name: deterministic)."""
    from collections import Counter
    cnt = Counter(f for r in rows for c in r["cands"] for f in dict.fromkeys(c["f"]))
    top = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return {f: j for j, (f, _) in enumerate(top)}


def dense(rows: list[dict], vocab: dict[str, int], extra: np.ndarray | None = None,
          dtype=np.float64) -> np.ndarray:
    """0/1 matrix of the rows' candidates over vocab (and the extra columns)."""
    n = sum(len(r["cands"]) for r in rows)
    width = len(vocab) + (0 if extra is None else extra.shape[1])
    X = np.zeros((n, width), dtype=dtype)
    i = 0
    for r in rows:
        for c in r["cands"]:
            cols = [vocab[f] for f in c["f"] if f in vocab]
            X[i, cols] = 1
            i += 1
    if extra is not None:
        X[:, len(vocab):] = extra
    return X


def negatives_kept(y: np.ndarray, rate: float, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """(indices, weight factor): every positive, a ``rate`` sample of the negatives weighted 1/rate
    (the expected loss is the full data's; the trees fit in a fraction of the time)."""
    keep = (y == 1) | (np.random.default_rng(seed).random(len(y)) < rate)
    idx = np.flatnonzero(keep)
    return idx, np.where(y[idx] == 1, 1.0, 1.0 / rate)


def labels(rows: list[dict], target: str) -> np.ndarray:
    return np.array([int(c["y_" + target]) for r in rows for c in r["cands"]], dtype=np.int64)


def weights(rows: list[dict]) -> np.ndarray:
    return np.array([r.get("weight", 1.0) for r in rows for _ in r["cands"]], dtype=np.float64)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def lr_probs(model: dict, rows: list[dict]) -> np.ndarray:
    """(n, 2) logistic tuple and type probabilities of rows' candidates (the product's scorer)."""
    from newsevents.events.model import binary
    return np.array([[binary(model["tuple"], c["f"]), binary(model["type"], c["f"])]
                     for r in rows for c in r["cands"]], dtype=np.float64)


def oof_lr(rows: list[dict], C: float, k: int = 5) -> tuple[np.ndarray, list[dict]]:
    """Out-of-fold logistic (tuple, type) probabilities of the training rows (folds by doc id),
    and the k fold models."""
    from sklearn.feature_extraction import DictVectorizer

    from newsevents.events.model import binary

    folds = [oof_fold(r["doc_id"], k) for r in rows]
    starts = np.cumsum([0] + [len(r["cands"]) for r in rows])
    out = np.zeros((starts[-1], 2))
    fold_models = []
    for f in range(k):
        part = [r for r, g in zip(rows, folds) if g != f]
        items = [c for r in part for c in r["cands"]]
        w = [r.get("weight", 1.0) for r in part for _ in r["cands"]]
        vec = DictVectorizer()
        X = te._matrix(vec, [c["f"] for c in items], True)
        names = list(vec.get_feature_names_out())
        m = {t: te.export_binary(te.fit_binary(X, [int(c["y_" + t]) for c in items], C, w), names)
             for t in ("tuple", "type")}
        fold_models.append(m)
        for j, (r, g) in enumerate(zip(rows, folds)):
            if g == f and r["cands"]:
                out[starts[j]:starts[j + 1]] = [[binary(m["tuple"], c["f"]), binary(m["type"], c["f"])]
                                                for c in r["cands"]]
    return out, fold_models


def fit_trees(X, y, w, X_val, y_val, w_val, grid=GRID, max_iter: int = 400, log=print):
    """Fit the grid with early stopping on the holdout; the point with the lowest holdout loss."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import log_loss

    best = None
    for g in grid:
        t0 = time.time()
        m = HistGradientBoostingClassifier(max_iter=max_iter, early_stopping=True, n_iter_no_change=20,
                                           l2_regularization=1.0, random_state=SEED, **g)
        m.fit(X, y, sample_weight=w, X_val=X_val, y_val=y_val, sample_weight_val=w_val)
        loss = log_loss(y_val, m.predict_proba(X_val)[:, 1], sample_weight=w_val)
        log(f"  {g} iters {m.n_iter_} holdout loss {loss:.5f} ({time.time() - t0:.0f}s)")
        if best is None or loss < best[0] - 1e-9:
            best = (loss, g, m, time.time() - t0)
    return best


def refit(X, y, w, g: dict, n_iter: int):
    from sklearn.ensemble import HistGradientBoostingClassifier
    m = HistGradientBoostingClassifier(max_iter=n_iter, early_stopping=False, l2_regularization=1.0,
                                       random_state=SEED, **g)
    return m.fit(X, y, sample_weight=w)


NEG_RATE = {"tuple": 0.2, "type": 0.4}
STACK = {"gbt": False, "stack": "full", "stackf": "folds"}


def tree_arm(trn: list[dict], dev_sets: list[list[dict]], k: int, stack: bool, C: float, lr_model: dict,
             do_refit: bool, log=print, max_iter: int = 400, grid=GRID,
             targets=("tuple", "type")) -> tuple[list[np.ndarray], dict]:
    """Fit tuple and type trees on trn; (n, 2) probabilities for each of dev_sets, and fit facts.

    The fitting rows keep every positive and ``NEG_RATE`` of the negatives (weighted back); the
    early-stopping holdout (10% of the training documents) is kept whole.
    """
    t0 = time.time()
    vocab = vocabulary(trn, k)
    fit_rows = [r for r in trn if not es_holdout(r["doc_id"])]
    val_rows = [r for r in trn if es_holdout(r["doc_id"])]
    ex_fit = ex_val = None
    ex_dev = [None] * len(dev_sets)
    hold = np.array([es_holdout(r["doc_id"]) for r in trn for _ in r["cands"]])
    if stack:
        t1 = time.time()
        oof_p, fold_models = oof_lr(trn, C)
        oof = _logit(oof_p)
        ex_fit, ex_val = oof[~hold], oof[hold]
        if stack == "folds":  # dev read like the training rows: the mean logit of the fold models
            ex_dev = [np.mean([_logit(lr_probs(m, d)) for m in fold_models], axis=0) for d in dev_sets]
        else:  # the full logistic model's (what a product would ship beside the trees)
            ex_dev = [_logit(lr_probs(lr_model, d)) for d in dev_sets]
        from sklearn.metrics import log_loss
        wv0 = weights([r for r in trn if es_holdout(r["doc_id"])])
        for j, target in enumerate(("tuple", "type")):
            yv = labels([r for r in trn if es_holdout(r["doc_id"])], target)
            log(f"  out-of-fold logistic {target}: holdout loss "
                f"{log_loss(yv, oof_p[hold][:, j], sample_weight=wv0):.5f} (the trees' reference)")
        log(f"  out-of-fold logistic probabilities ({time.time() - t1:.0f}s)")
    Xf = dense(fit_rows, vocab, ex_fit, np.float32)
    Xv = dense(val_rows, vocab, ex_val)
    wf, wv = weights(fit_rows), weights(val_rows)
    models, info = {}, {"k": len(vocab), "stack": stack, "neg_rate": NEG_RATE}
    for target in targets:
        yf = labels(fit_rows, target)
        idx, factor = negatives_kept(yf, NEG_RATE[target])
        X = Xf[idx].astype(np.float64)
        log(f" {target}: fitting rows {X.shape} of {len(yf)}, holdout {Xv.shape}")
        loss, g, m, secs = fit_trees(X, yf[idx], wf[idx] * factor, Xv, labels(val_rows, target), wv,
                                     grid=grid[target] if isinstance(grid, dict) else grid,
                                     max_iter=max_iter, log=log)
        del X
        models[target] = m
        info[target] = {"params": g, "n_iter": int(m.n_iter_), "holdout_loss": round(loss, 5),
                        "fit_seconds": round(secs)}
    if do_refit:
        del Xf, Xv
        all_ex = None
        if stack:
            all_ex = np.zeros((len(hold), 2))
            all_ex[~hold], all_ex[hold] = ex_fit, ex_val
        Xa, wa = dense(trn, vocab, all_ex, np.float32), weights(trn)
        for target in targets:
            t1 = time.time()
            ya = labels(trn, target)
            idx, factor = negatives_kept(ya, NEG_RATE[target])
            models[target] = refit(Xa[idx].astype(np.float64), ya[idx], wa[idx] * factor,
                                   info[target]["params"], info[target]["n_iter"])
            info[target]["refit_seconds"] = round(time.time() - t1)
            log(f"  refit {target} on all training rows ({time.time() - t1:.0f}s)")
        del Xa
    out = []
    for d, ex in zip(dev_sets, ex_dev):
        Xd = dense(d, vocab, ex)
        out.append(np.column_stack([models[t].predict_proba(Xd)[:, 1] if t in models else np.full(len(Xd), np.nan)
                                    for t in ("tuple", "type")]))
    info["seconds"] = round(time.time() - t0)
    info["models"] = models
    info["vocab"] = vocab
    return out, info


def as_probs(rows: list[dict], p: np.ndarray, statuses: list[list[str]]) -> list[tuple]:
    """The (tuple probs, type probs, statuses) per row that ``_fast_decide`` reads."""
    out, i = [], 0
    for r, st in zip(rows, statuses):
        n = len(r["cands"])
        out.append((p[i:i + n, 0].tolist(), p[i:i + n, 1].tolist(), st))
        i += n
    return out


def statuses_of(model: dict, rows: list[dict]) -> list[list[str]]:
    return [[te.decide_status(model, c["rule_status"], c["sf"]) for c in r["cands"]] for r in rows]


def decide_probs(rows, probs, th):
    return te._fast_decide(te.prepared(rows, probs), th)


# ---------------------------------------------------------------- main

def rnd(s: dict) -> dict:
    return {k: round(v, 4) for k, v in s.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arms", default="gbt,stack", help="tree arms to run besides logreg: gbt, stack")
    ap.add_argument("--k", type=int, default=1000, help="the most frequent training features the trees read")
    ap.add_argument("--max-iter", type=int, default=400)
    ap.add_argument("--grid", default="", help="learning_rate:max_leaf_nodes,... (default: GRID)")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--refit", action="store_true", help="refit the chosen trees on every training row")
    ap.add_argument("--kfold", default="", help="also the PLOVER 5-fold estimate of these arms "
                    "(comma-separated: logreg, one tree arm, its mixes)")
    ap.add_argument("--grid-tuple", default="", help="learning_rate:max_leaf_nodes of the tuple trees (skips the grid)")
    ap.add_argument("--grid-type", default="", help="learning_rate:max_leaf_nodes of the type trees (skips the grid)")
    ap.add_argument("--neg-rate", default="", help="share of negatives the trees fit on, e.g. tuple:1,type:1 "
                    "(default: NEG_RATE)")
    ap.add_argument("--tuple-only", action="store_true",
                    help="fit the tuple trees only and score them with the logistic type model (the mix)")
    ap.add_argument("--bootstrap", type=int, default=2000)
    ap.add_argument("--mix", action="store_true",
                    help="also score each tree arm's tuple (type) model with the logistic type (tuple) model")
    ap.add_argument("--json", default="", help="write the figures here too")
    args = ap.parse_args(argv)
    log = lambda *a: print(*a, flush=True)  # noqa: E731
    for part in filter(None, args.neg_rate.split(",")):
        NEG_RATE[part.split(":")[0]] = float(part.split(":")[1])
    point = lambda g: {"learning_rate": float(g.split(":")[0]), "max_leaf_nodes": int(g.split(":")[1])}  # noqa: E731
    grid = tuple(point(g) for g in args.grid.split(",")) if args.grid else GRID
    if args.grid_tuple or args.grid_type:
        grid = {"tuple": (point(args.grid_tuple),) if args.grid_tuple else grid,
                "type": (point(args.grid_type),) if args.grid_type else grid}

    t0 = time.time()
    recs = te.load_gold("train", te.EVENT_PASSES)
    rows = te.load_rows(recs, "any")  # (the cache train_events.py --cache wrote)
    dev = [r for r in rows if te.is_dev(r["doc_id"])]
    trn = [r for r in rows if not te.is_dev(r["doc_id"])]
    gsr = te.gsr_rows(te.GSR_WEIGHT)
    log(f"{len(trn)} train docs, {len(dev)} dev docs, {len(gsr)} PLOVER sentences; "
        f"{sum(len(r['cands']) for r in trn + gsr)} training candidates ({time.time() - t0:.0f}s)")

    results = {}
    t1 = time.time()
    lr_model = te.train(trn + gsr, args.C)
    lr_fit = time.time() - t1
    th_ref, s_ref = te.tune(lr_model, dev)
    statuses = statuses_of(lr_model, dev)
    p_lr = lr_probs(lr_model, dev)
    th, s = te.tune_probs(dev, as_probs(dev, p_lr, statuses))
    assert th == th_ref and s == s_ref, "the arms' probabilities must reproduce train_events.tune"
    dec_lr = decide_probs(dev, as_probs(dev, p_lr, statuses), th)
    base_counts = per_doc_counts(dev, dec_lr)
    results["logreg"] = {"dev": rnd(s), "thresholds": th, "fit_seconds": round(lr_fit)}
    log(f"logreg: dev {json.dumps(rnd(s))} thresholds {th} (fit {lr_fit:.0f}s)")

    for arm in [a for a in args.arms.split(",") if a]:
        log(f"{arm}:")
        (p,), info = tree_arm(trn + gsr, [dev], args.k, STACK[arm], args.C, lr_model, args.refit, log,
                              args.max_iter, grid, ("tuple",) if args.tuple_only else ("tuple", "type"))
        if args.tuple_only:
            p[:, 1] = p_lr[:, 1]
            arm_name = f"{arm}_tuple+lr_type"
        else:
            arm_name = arm
        probs = as_probs(dev, p, statuses)
        th_a, s_a = te.tune_probs(dev, probs)
        counts = per_doc_counts(dev, decide_probs(dev, probs, th_a))
        bs = bootstrap(base_counts, counts, args.bootstrap)
        results[arm_name] = {"dev": rnd(s_a), "thresholds": th_a, "bootstrap_vs_logreg": bs,
                             **{k: v for k, v in info.items() if k not in ("models", "vocab")}}
        log(f"{arm_name}: dev {json.dumps(rnd(s_a))} thresholds {th_a}")
        log(f"{arm_name}: bootstrap vs logreg {json.dumps(bs)}; fit info "
            f"{json.dumps({k: v for k, v in info.items() if k not in ('models', 'vocab')})}")
        if args.mix and not args.tuple_only:  # (exploratory: one decision by the trees, the other by the logistic model)
            for name, cols in ((f"{arm}_tuple+lr_type", (p[:, 0], p_lr[:, 1])),
                               (f"lr_tuple+{arm}_type", (p_lr[:, 0], p[:, 1]))):
                pm = as_probs(dev, np.column_stack(cols), statuses)
                th_m, s_m = te.tune_probs(dev, pm)
                bs_m = bootstrap(base_counts, per_doc_counts(dev, decide_probs(dev, pm, th_m)), args.bootstrap)
                results[name] = {"dev": rnd(s_m), "thresholds": th_m, "bootstrap_vs_logreg": bs_m}
                log(f"{name}: dev {json.dumps(rnd(s_m))} thresholds {th_m}")
                log(f"{name}: bootstrap vs logreg {json.dumps(bs_m)}")

    if args.kfold:
        t1 = time.time()
        names = args.kfold.split(",")
        # (each target's grid point as the tree arm chose it on the full training set's holdout)
        tgrid = {t: (results[a][t]["params"],) for a in results for t in ("tuple", "type")
                 if isinstance(results[a].get(t), dict)}
        for n, sc in kfold(names, trn, gsr, args, results, tgrid, log).items():
            results[n]["plover_5fold"] = sc
            log(f"{n}: PLOVER 5-fold {json.dumps(sc)}")
        log(f"PLOVER 5-fold: {time.time() - t1:.0f}s")

    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"done in {time.time() - t0:.0f}s")
    return 0


def kfold(names: list[str], trn: list[dict], gsr: list[dict], args, results: dict, grid, log=print) -> dict:
    """``train_events.kfold_gsr`` for several arms at once: per fold, fit on the training documents
    and the other folds, decode the held-out fold with the thresholds each arm chose on dev.

    ``names`` are ``logreg``, a tree arm (``gbt``, ``stack``, ``stackf``) or a mix
    (``gbt_tuple+lr_type``, ``lr_tuple+gbt_type``); one tree arm per call. The trees keep the
    grid point each target chose on the full training set's holdout; only the targets the
    names need are fitted.
    """
    arms = {n.replace("_tuple+lr_type", "").replace("lr_tuple+", "").replace("_type", "") for n in names} - {"logreg"}
    assert len(arms) <= 1, "one tree arm per k-fold run"
    arm = arms.pop() if arms else None
    targets = tuple(t for t in ("tuple", "type")
                    if arm in names or (t == "tuple" and f"{arm}_tuple+lr_type" in names)
                    or (t == "type" and f"lr_tuple+{arm}_type" in names))
    decided: dict[str, dict] = {n: {} for n in names}
    for k in range(te.GSR_FOLDS):
        t1 = time.time()
        held = [r for r in gsr if te.gsr_fold(r["doc_id"]) == k]
        part = trn + [r for r in gsr if te.gsr_fold(r["doc_id"]) != k]
        lr_model = te.train(part, args.C)
        st = statuses_of(lr_model, held)
        p_lr = lr_probs(lr_model, held)
        p = None
        if arm:
            (p,), _ = tree_arm(part, [held], args.k, STACK[arm], args.C, lr_model, args.refit,
                               lambda *a: None, args.max_iter, grid, targets)
        for n in names:
            pn = {"logreg": p_lr, arm: p, f"{arm}_tuple+lr_type": np.column_stack([p[:, 0], p_lr[:, 1]])
                  if p is not None else None,
                  f"lr_tuple+{arm}_type": np.column_stack([p_lr[:, 0], p[:, 1]]) if p is not None else None}[n]
            for r, d in zip(held, decide_probs(held, as_probs(held, pn, st), results[n]["thresholds"])):
                decided[n][r["doc_id"]] = d
        log(f"  fold {k} done ({time.time() - t1:.0f}s)")
    out = {n: rnd(te.score_rows(gsr, [decided[n][r["doc_id"]] for r in gsr])) for n in names}
    if "logreg" in names:  # (paired bootstrap over the PLOVER sentences, as on dev)
        base = per_doc_counts(gsr, [decided["logreg"][r["doc_id"]] for r in gsr])
        for n in names:
            if n != "logreg":
                out[n]["bootstrap_vs_logreg"] = bootstrap(
                    base, per_doc_counts(gsr, [decided[n][r["doc_id"]] for r in gsr]), args.bootstrap)
    return out


if __name__ == "__main__":
    sys.exit(main())
