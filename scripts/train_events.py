"""Train the learned event coder from the annotated documents (``make train``).

    .venv/bin/python scripts/train_events.py                 # train, write the model
    .venv/bin/python scripts/train_events.py --curve         # + learning curve (25/50/100%)
    .venv/bin/python scripts/train_events.py --ceiling       # candidate recall ceiling on dev
    .venv/bin/python scripts/train_events.py --cache         # keep the candidates too (benchmarks/cache)
    .venv/bin/python scripts/train_events.py --kfold         # + PLOVER gsr_dev scored 5-fold
    .venv/bin/python scripts/train_ledger.py --dry-run --fold-models /tmp/folds
    .venv/bin/python scripts/train_events.py --ledger-folds /tmp/folds   # cross-fitted on the ledger

Reads ``eval/annotated/gold.jsonl`` (rebuilt from the markup by
``eval/annotated/gold.py``) and ``docs.jsonl``; only ``split == "train"``
documents are read, carved into train and dev by a hash of the doc id (15%
dev). First the learned trigger table (``triggers.tsv``, next to the model)
is counted from the training documents (``build_triggers``); then each
document goes through the product's own stages (parse, actors,
dates, places, speech) and ``events.candidates``; a candidate is labelled by
the gold of its sentence: tuple (type, source country, target country)
present, type present, and the gold status of its tuple. Three logistic
models (scikit-learn, training only) are fitted, the decoding thresholds
are chosen on dev, and the model is written as JSON (rounded weights,
sorted keys: the same data gives the same bytes).

The PLOVER gold sentences (``../shared/eval/plover/gsr_dev.jsonl``, CC BY-SA
4.0) are training data too, weighted ``GSR_WEIGHT`` (``load_gsr``); they
label the tuple and type models, not the status model. ``--kfold`` measures
them as the never-trained set they were: five models, each trained without
one fold and tuned on dev, decode that fold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ANN = ROOT / "eval" / "annotated"
CACHE = ROOT / "benchmarks" / "cache" / "train_events.pkl"  # (benchmarks/cache is git-ignored)
PARSE_CACHE = ROOT / "benchmarks" / "cache" / "parsed"
TRIGGERS = ROOT / "newsevents" / "data" / "models" / "events" / "triggers.tsv"
CLUSTERS = ROOT / "newsevents" / "data" / "events" / "clusters.tsv.gz"
LEDGER_MODEL = ROOT / "newsevents" / "data" / "models" / "ledger" / "ledger.json"  # (read by the quotes stage)
STATUSES = ("reported", "claimed", "denied", "hypothetical", "planned", "negated")
ALIASES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "GER": "DEU", "UK": "GBR"}
DEV_PERCENT = 15


def is_dev(doc_id: str) -> bool:
    """The fixed train/dev rule: 15% of the train split by a hash of the doc id."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 100 < DEV_PERCENT


# The annotation passes the event coder learns from. Pass 4 (500 summaries drawn
# for their accusation/denial cues, for the claims ledger) is left out: on dev
# it cost the PLOVER 5-fold score 0.045 type / 0.03 tuple F1 (0.745/0.581 ->
# 0.700/0.552) with annotated dev and VOA dev flat. The scorers read every pass.
EVENT_PASSES = (1, 2, 3)


def load_gold(split: str = "train", passes: tuple[int, ...] | None = None) -> list[dict]:
    """Gold records of one split (of the given annotation passes; all when None), each with its text."""
    texts = {}
    for line in (ANN / "docs.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        texts[d["doc_id"]] = d
    out = []
    for line in (ANN / "gold.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["split"] == split and (passes is None or r["pass"] in passes):
            d = texts[r["doc_id"]]
            out.append({**r, "text": d["text"], "title": d.get("title")})
    return out


GSR = ROOT.parent / "shared" / "eval" / "plover" / "gsr_dev.jsonl"
GSR_FOLDS = 5
GSR_WEIGHT = 5.0


def load_gsr(path: Path = GSR) -> list[dict]:
    """The PLOVER gold sentences (CC BY-SA 4.0) as training records, in the annotated shape.

    One record per sentence, doc id ``gsr:<id>``; its (type, source, target)
    tuples as ``eval/events/score.py`` reads them (``gold_tuples``: every
    listed source with every target, a reciprocal pair both ways), each an
    event with status ``reported`` (the GSR codes acts reported as done),
    placed at its first event word so that a record spaCy splits in two
    labels the right sentence.
    """
    sys.path.insert(0, str(ROOT / "eval" / "events"))
    from score import gold_tuples

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        events = []
        for e in r["expected"]:
            words = (e.get("event_text") or "").split()
            at = max(r["text"].find(words[0]), 0) if words else 0
            for typ, s, t in sorted(gold_tuples([e]), key=str):
                events.append({"start": at, "end": at + 1, "type": typ, "status": "reported",
                                "source": {"country": s} if s else None,
                                "target": {"country": t} if t else None})
        out.append({"doc_id": "gsr:" + r["id"], "text": r["text"], "title": None, "published": r["date"],
                    "events": events, "split": "gsr"})
    return out


def gsr_fold(doc_id: str) -> int:
    """The k-fold split of the GSR records, by a hash of the id."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % GSR_FOLDS


def _gc(actor) -> str | None:
    if not actor:
        return None
    c = actor.get("country")
    return ALIASES.get(c, c) if c else None


def gold_view(rec: dict, starts: list[int]):
    """Per-sentence gold: {sent: {(type, src, tgt): status}}."""
    from newsevents.events.candidates import sentence_of
    per: dict[int, dict] = {}
    for e in rec["events"]:
        k = sentence_of(starts, e["start"])
        per.setdefault(k, {}).setdefault((e["type"], _gc(e["source"]), _gc(e["target"])), e["status"])
    return per


def cached_parse(texts: list[str], use_cache: bool = True):
    """spaCy docs for texts, parsed once and kept as a DocBin keyed by the texts (training only).

    Parsing is most of the training time; the candidate and feature code
    changes far more often than the texts do.
    """
    from newsevents.nlp import index_sentences, load_nlp, parse

    if not use_cache:
        yield from parse(texts, batch_size=16)
        return
    from spacy.tokens import DocBin

    key = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:20]
    path = PARSE_CACHE / f"{key}.spacy"
    if path.is_file():
        vocab = load_nlp().vocab
        for doc in DocBin().from_bytes(path.read_bytes()).get_docs(vocab):
            yield index_sentences(doc)
        return
    bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS",
                         "SENT_START", "ENT_KB_ID", "IS_SPACE"])
    docs = list(parse(texts, batch_size=16))  # (a consumer may stop at the last doc: write first)
    for doc in docs:
        bin_.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bin_.to_bytes())
    yield from docs


# A directory of out-of-fold ledger models (``train_ledger.py --fold-models``), or None: the
# shipped ledger for every document. The ledger is trained on the whole train split, dev
# included: read through it, a training document's claims are ones the ledger has learned,
# better than it finds them in unseen text, and the event coder would learn to trust them
# too much (and dev would flatter it). With the folds, each train-split document is read
# through the ledger of its fold, which never saw it; the PLOVER sentences (never in the
# ledger's training) and the product read the shipped one.
LEDGER_FOLDS: Path | None = None


def ledger_for(rec: dict) -> str | None:
    """The ledger model file a record is read through (None: the shipped one)."""
    if LEDGER_FOLDS is None or rec.get("split") != "train":
        return None
    if str(ROOT / "scripts") not in sys.path:  # (called once per document)
        sys.path.insert(0, str(ROOT / "scripts"))
    from train_ledger import fold_of
    return str(LEDGER_FOLDS / f"fold{fold_of(rec['doc_id'])}.json")


def stage_inputs(rec: dict, doc, settings):
    """(article, mentions, times, places, speech) of one record: the product's stages before events."""
    from newsevents.actors import resolve_actors
    from newsevents.models import Article
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.temporal import resolve_dates

    pub = date.fromisoformat(rec["published"][:10])
    art = Article(id=hashlib.sha256(rec["text"].encode()).hexdigest(), text=rec["text"],
                  title=rec.get("title"), published=pub)
    mentions = resolve_actors(doc, pub, settings)
    times = resolve_dates(doc, pub, settings)
    places = resolve_places(doc, mentions, settings)
    return art, mentions, times, places, extract_speech(doc, mentions, times, pub, ledger=ledger_for(rec))


def code_docs(recs: list[dict], use_cache: bool = False):
    """(record, doc, article, candidates) through the product's own stages."""
    from newsevents.events.candidates import propose
    from newsevents.settings import load_settings

    settings = load_settings()
    texts = [r["text"] for r in recs]
    for rec, doc in zip(recs, cached_parse(texts, use_cache)):
        art, mentions, times, places, speech = stage_inputs(rec, doc, settings)
        yield rec, doc, art, propose(doc, art, mentions, times, places, speech, settings)


TRIGGER_MIN_COUNT = 3
TRIGGER_MIN_SHARE = 0.15


def build_triggers(recs: list[dict], path: Path, use=lambda rec: not is_dev(rec["doc_id"])) -> int:
    """Write ``triggers.tsv``: (lemma, POS, type) read often inside gold evidence of that type.

    Counts over the records ``use`` keeps (the training documents, never dev
    or test; all records are parsed so that the parse cache is shared): for each verb and noun lemma, its uses in the texts and the gold
    events whose evidence span holds one of them. Rows with at least
    ``TRIGGER_MIN_COUNT`` events and a share of ``TRIGGER_MIN_SHARE`` of the
    lemma's uses are kept. Returns the number of rows.
    """
    from collections import Counter

    uses: Counter = Counter()
    hits: Counter = Counter()
    for rec, doc in zip(recs, cached_parse([r["text"] for r in recs])):
        if not use(rec):
            continue
        toks = [(t.idx, t.lemma_.lower(), t.pos_) for t in doc if t.pos_ in ("VERB", "NOUN") and t.is_alpha]
        for _, lemma, pos in toks:
            uses[(lemma, pos)] += 1
        for e in rec["events"]:
            inside = {(lemma, pos) for i, lemma, pos in toks if e["start"] <= i < e["end"]}
            for lemma, pos in inside:
                hits[(lemma, pos, e["type"])] += 1
    rows = []
    for (lemma, pos, typ), n in hits.items():
        share = n / uses[(lemma, pos)]
        if n >= TRIGGER_MIN_COUNT and share >= TRIGGER_MIN_SHARE:
            rows.append(f"{lemma}\t{pos}\t{typ}\t{n}\t{min(share, 1.0):.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("lemma\tpos\ttype\tcount\tshare\n" + "\n".join(sorted(rows)) + "\n", encoding="utf-8")
    from newsevents.events.candidates import learned_triggers
    learned_triggers.cache_clear()
    return len(rows)


def rows_for(recs: list[dict]) -> list[dict]:
    """One row per document: candidate features and labels, and the gold view."""
    from newsevents.events.candidates import country, sentence_starts
    from newsevents.events.features import features, status_features

    rows = []
    # (the parses are always kept: the trigger table has read the same texts)
    for rec, doc, art, cands in code_docs(recs, True):
        starts = sentence_starts(doc)
        gold = gold_view(rec, starts)
        n_act: dict[int, set] = {}
        for c in cands:
            for m in (c.event.source, c.event.target):
                if m is not None:
                    n_act.setdefault(c.sent, set()).add(country(m))
        items, fcache = [], {}
        for c in cands:
            tup = (c.event.type, country(c.event.source), country(c.event.target))
            g = gold.get(c.sent, {})
            items.append({"f": features(c, doc, len(n_act.get(c.sent, ())), fcache), "sf": status_features(c, fcache),
                          "sent": c.sent, "tup": tup, "rule_status": c.event.status,
                          "origin": c.origin, "y_tuple": tup in g,
                          "y_type": any(t[0] == tup[0] for t in g), "status": g.get(tup)})
        rows.append({"doc_id": rec["doc_id"], "gold": gold, "cands": items})
    return rows


def load_rows(recs: list[dict], use_cache: bool) -> list[dict]:
    """Rows for the records, cached (keyed by the gold, the texts and the code) when asked."""
    key = hashlib.sha256()
    for r in recs:
        key.update(json.dumps(r, sort_keys=True).encode())
    ledgers = sorted(LEDGER_FOLDS.glob("fold*.json")) if LEDGER_FOLDS is not None else []
    for p in sorted((ROOT / "newsevents").rglob("*.py")) + [TRIGGERS, CLUSTERS, LEDGER_MODEL] + ledgers:
        if p.is_file():
            key.update(p.read_bytes())
    key = key.hexdigest()
    if use_cache and CACHE.is_file():
        with CACHE.open("rb") as fh:
            data = pickle.load(fh)
        if data.get("key") == key or use_cache == "any":
            return data["rows"]
    rows = rows_for(recs)
    if use_cache:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        with CACHE.open("wb") as fh:
            pickle.dump({"key": key, "rows": rows}, fh)
    return rows


# ---------------------------------------------------------------- scoring

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_rows(rows: list[dict], decided: list[list[tuple]]) -> dict:
    """Story-level type ((sentence, type) sets) and tuple F1, every event and reported only."""
    c = dict.fromkeys(("t", "u", "rt", "ru"), None)
    c = {k: [0, 0, 0] for k in c}
    st_ok = st_n = 0
    for row, evs in zip(rows, decided):
        gold = row["gold"]
        gt = {(k, t[0]) for k, g in gold.items() for t in g}
        gu = {t: s for g in gold.values() for t, s in g.items()}
        grt = {(k, t[0]) for k, g in gold.items() for t, s in g.items() if s == "reported"}
        gru = {t for t, s in gu.items() if s == "reported"}
        pt = {(k, t[0]) for k, t, s in evs}
        pu: dict = {}
        for k, t, s in evs:
            pu.setdefault(t, s)
        prt = {(k, t[0]) for k, t, s in evs if s == "reported"}
        pru = {t for t, s in pu.items() if s == "reported"}
        for name, p, g in (("t", pt, gt), ("u", set(pu), set(gu)), ("rt", prt, grt), ("ru", pru, gru)):
            c[name][0] += len(p & g)
            c[name][1] += len(p - g)
            c[name][2] += len(g - p)
        for t in set(pu) & set(gu):
            st_n += 1
            st_ok += pu[t] == gu[t]
    out = {}
    for name, label in (("t", "type"), ("u", "tuple"), ("rt", "reported_type"), ("ru", "reported_tuple")):
        p, r, f = prf(*c[name])
        out.update({f"{label}_precision": p, f"{label}_recall": r, f"{label}_f1": f})
    out["status_accuracy"] = st_ok / st_n if st_n else 0.0
    return out


def ceiling(rows: list[dict]) -> dict:
    """Share of gold tuples and (sentence, type) pairs present among the candidates."""
    gu = hit_u = gt = hit_t = 0
    by_origin = dict.fromkeys(("rule", "filtered", "lexicon", "pair", "lexpair"), 0)
    for row in rows:
        gold = row["gold"]
        cu = {(c["sent"], c["tup"]) for c in row["cands"]}
        ct = {(c["sent"], c["tup"][0]) for c in row["cands"]}
        for k, g in gold.items():
            for t in g:
                gu += 1
                hit_u += (k, t) in cu
            for typ in {t[0] for t in g}:
                gt += 1
                hit_t += (k, typ) in ct
        for c in row["cands"]:
            by_origin[c["origin"]] += 1
    return {"tuple_ceiling": hit_u / gu, "type_ceiling": hit_t / gt, "gold_tuples": gu,
            **{f"candidates_{k}": v for k, v in by_origin.items()}}


# ---------------------------------------------------------------- fitting

def _matrix(vec, feats: list[list[str]], fit: bool):
    """One-hot sparse matrix with 32-bit indices (liblinear refuses 64-bit ones)."""
    import numpy as np
    X = (vec.fit_transform if fit else vec.transform)([dict.fromkeys(f, 1) for f in feats]).tocsr()
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    return X


def fit_binary(X, y, C, weights=None):
    from sklearn.linear_model import LogisticRegression
    m = LogisticRegression(C=C, solver="liblinear", max_iter=1000)
    m.fit(X, y, sample_weight=weights)
    return m


def export_binary(m, names) -> dict:
    w = {names[j]: round(float(v), 5) for j, v in enumerate(m.coef_[0]) if abs(v) >= 1e-5}
    return {"bias": round(float(m.intercept_[0]), 5), "w": dict(sorted(w.items()))}


def export_multi(m, names) -> dict:
    classes = [str(c) for c in m.classes_]
    coef = m.coef_ if len(classes) > 2 else None
    if coef is None:  # two classes: sklearn keeps one row
        import numpy as np
        coef = np.vstack([-m.coef_[0] / 2, m.coef_[0] / 2])
        bias = [-m.intercept_[0] / 2, m.intercept_[0] / 2]
    else:
        bias = m.intercept_
    w = {}
    for j, name in enumerate(names):
        col = [round(float(coef[k][j]), 5) for k in range(len(classes))]
        if any(abs(v) >= 1e-5 for v in col):
            w[name] = col
    return {"classes": classes, "bias": [round(float(b), 5) for b in bias], "w": dict(sorted(w.items()))}


def train(rows: list[dict], C: float = 0.3) -> dict:
    """The three models fitted on rows (thresholds set later)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    items = [c for r in rows for c in r["cands"]]
    weights = [r.get("weight", 1.0) for r in rows for _ in r["cands"]]
    vec = DictVectorizer()
    X = _matrix(vec, [c["f"] for c in items], True)
    names = list(vec.get_feature_names_out())
    tuple_m = fit_binary(X, [int(c["y_tuple"]) for c in items], C, weights)
    type_m = fit_binary(X, [int(c["y_type"]) for c in items], C, weights)
    # (the GSR records code reported acts only: they say nothing about the other statuses)
    pos = [c for r in rows if not r.get("no_status") for c in r["cands"] if c["status"]]
    svec = DictVectorizer()
    SX = _matrix(svec, [c["sf"] for c in pos], True)
    sm = LogisticRegression(C=1.0, max_iter=2000)
    sm.fit(SX, [c["status"] for c in pos])
    return {"format": 1, "tuple": export_binary(tuple_m, names), "type": export_binary(type_m, names),
            "status": export_multi(sm, list(svec.get_feature_names_out()))}


def decide_status(model: dict, rule_status: str, feats: list[str]) -> str:
    """As decode does: a status rule's non-reported reading stands; the model reads the rest."""
    from newsevents.events.decode import status_of
    return status_of(model, rule_status, feats)


def probabilities(model: dict, rows: list[dict]) -> list[tuple]:
    """Per row: (tuple probabilities, type probabilities, statuses), as the product computes them."""
    from newsevents.events.model import binary
    out = []
    for row in rows:
        cs = row["cands"]
        out.append(([binary(model["tuple"], c["f"]) for c in cs], [binary(model["type"], c["f"]) for c in cs],
                     [decide_status(model, c["rule_status"], c["sf"]) for c in cs]))
    return out


def decide(model: dict, rows: list[dict], thresholds: dict, probs=None) -> list[list[tuple]]:
    """Decode each row's candidates as the product does: [(sent, tuple, status)]."""
    from newsevents.events.decode import select
    probs = probs or probabilities(model, rows)
    out = []
    for row, (pu, pt, st) in zip(rows, probs):
        cs = row["cands"]
        keep = select([(c["sent"], c["tup"][0]) for c in cs], [c["origin"] for c in cs], pu, pt, thresholds)
        out.append([(cs[i]["sent"], cs[i]["tup"], st[i]) for i in keep])
    return out


def prepared(rows: list[dict], probs: list[tuple]) -> list[tuple]:
    """Per row, for ``_fast_decide``: its candidates, their (sentence, type) groups, its probabilities."""
    prep = []
    for row, pr in zip(rows, probs):
        groups: dict[tuple, list[int]] = {}
        for i, c in enumerate(row["cands"]):
            groups.setdefault((c["sent"], c["tup"][0]), []).append(i)
        prep.append((row["cands"], list(groups.values()), pr))
    return prep


def _fast_decide(prep: list[tuple], th: dict) -> list[list[tuple]]:
    """``decide`` over prepared rows (groups computed once): the same choices as ``decode.select``."""
    from newsevents.events.decode import _type_threshold, best_tied
    out = []
    for cs, groups, (pu, pt, st) in prep:
        keep = []
        for idx in groups:
            if not any(pt[i] >= _type_threshold(th, cs[i]["origin"]) for i in idx):
                continue
            chosen = [i for i in idx if pu[i] >= th["tuple"]]
            keep.extend(chosen or best_tied(idx, pu))
        out.append([(cs[i]["sent"], cs[i]["tup"], st[i]) for i in sorted(keep)])
    return out


def tune(model: dict, dev: list[dict]) -> tuple[dict, dict]:
    """Thresholds maximising dev tuple F1 + type F1."""
    return tune_probs(dev, probabilities(model, dev))


def tune_probs(dev: list[dict], probs: list[tuple]) -> tuple[dict, dict]:
    """``tune`` over given per-row probabilities (``probabilities``' shape): the
    threshold grid, its order and its tie rule, for any model's probabilities."""
    prep = prepared(dev, probs)
    grid = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
    best = None
    for tr in grid:
        for tt in grid:
            for tu in grid + (0.7, 1.01):
                th = {"rule_type": tr, "type": tt, "tuple": tu}
                s = score_rows(dev, _fast_decide(prep, th))
                val = s["tuple_f1"] + s["type_f1"]
                if best is None or val > best[0] + 1e-9:
                    best = (val, th, s)
    return best[1], best[2]


def gsr_rows(weight: float) -> list[dict]:
    """Rows of the PLOVER gold sentences, weighted, kept out of the status model."""
    rows = rows_for(load_gsr())
    for r in rows:
        r["weight"], r["no_status"] = weight, True
    return rows


def kfold_gsr(trn: list[dict], gsr: list[dict], C: float, thresholds: dict) -> dict:
    """The GSR score no model has seen: per fold, train on the training documents and the
    other folds, decode the held-out fold; the decisions pooled and scored (every event,
    and the GSR view: ``reported_*``).

    ``thresholds`` are the shipped model's, chosen on the annotated dev documents
    alone (three numbers; a search per fold would cost five more).
    """
    decided: dict[str, list] = {}
    for k in range(GSR_FOLDS):
        held = [r for r in gsr if gsr_fold(r["doc_id"]) == k]
        model = train(trn + [r for r in gsr if gsr_fold(r["doc_id"]) != k], C)
        for r, d in zip(held, decide(model, held, thresholds)):
            decided[r["doc_id"]] = d
    return score_rows(gsr, [decided[r["doc_id"]] for r in gsr])


def drop_features(rows: list[dict], prefixes: tuple[str, ...]) -> None:
    """Leave the features starting with any of ``prefixes`` out of every candidate (in place)."""
    for r in rows:
        for c in r["cands"]:
            c["f"] = [x for x in c["f"] if not x.startswith(prefixes)]


def rule_baseline(rows: list[dict]) -> dict:
    """The rule coder alone on the same rows (its own readings, its own status)."""
    decided = [[(c["sent"], c["tup"], c["rule_status"]) for c in r["cands"] if c["origin"] == "rule"]
               for r in rows]
    return score_rows(rows, decided)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "newsevents" / "data" / "models" / "events" / "events-model.json"))
    ap.add_argument("--cache", action="store_true",
                    help="cache the candidates and features too (the parses are always cached, benchmarks/cache)")
    ap.add_argument("--reuse-cache", action="store_true",
                    help="use the cached candidates even if the code changed (development only)")
    ap.add_argument("--ceiling", action="store_true", help="print the candidate recall ceiling on dev")
    ap.add_argument("--curve", action="store_true", help="learning curve: 25/50/100%% of train docs")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents (tests)")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--keep-triggers", action="store_true", help="do not rebuild triggers.tsv")
    ap.add_argument("--gsr-weight", type=float, default=GSR_WEIGHT,
                    help="weight of the PLOVER gold sentences in training (0: leave them out)")
    ap.add_argument("--no-model", action="store_true", help="measure only: do not write the model")
    ap.add_argument("--kfold-only", action="store_true",
                    help="only the PLOVER k-fold score, with the thresholds of the model at --out")
    ap.add_argument("--kfold", action="store_true",
                    help=f"also score the PLOVER gold sentences {GSR_FOLDS}-fold (each fold unseen by its model)")
    ap.add_argument("--drop", default="",
                    help="comma-separated feature-name prefixes to leave out (ablations on dev)")
    ap.add_argument("--ledger-folds", default="",
                    help="read each train-split document through the out-of-fold ledger of its fold, from "
                         "this directory (train_ledger.py --fold-models): cross-fitting, see LEDGER_FOLDS")
    ap.add_argument("--passes", default=",".join(map(str, EVENT_PASSES)),
                    help="annotation passes to learn from (default: %(default)s; pass 4 was drawn for the ledger)")
    ap.add_argument("--dev-passes", default="",
                    help="score dev on these passes only (default: those of --passes), so that fits on "
                         "different passes are compared on the same dev documents")
    args = ap.parse_args(argv)
    global LEDGER_FOLDS
    LEDGER_FOLDS = Path(args.ledger_folds) if args.ledger_folds else None
    t0 = time.time()
    recs = load_gold("train", tuple(int(p) for p in args.passes.split(",")))
    if args.limit:
        recs = recs[:args.limit]
    if not args.keep_triggers:
        n = build_triggers(recs, TRIGGERS)
        print(f"learned triggers: {n} rows ({time.time() - t0:.0f}s)")
    rows = load_rows(recs, "any" if args.reuse_cache else args.cache)
    if args.drop:
        drop_features(rows, tuple(args.drop.split(",")))
    dev_passes = {int(p) for p in (args.dev_passes or args.passes).split(",")}
    dev_ids = {r["doc_id"] for r in recs if r["pass"] in dev_passes}
    dev = [r for r in rows if is_dev(r["doc_id"]) and r["doc_id"] in dev_ids]
    trn = [r for r in rows if not is_dev(r["doc_id"])] or rows
    dev = dev or trn
    gsr = gsr_rows(args.gsr_weight) if args.gsr_weight > 0 and not args.limit else []
    if args.drop:
        drop_features(gsr, tuple(args.drop.split(",")))
    print(f"documents: {len(trn)} train, {len(dev)} dev, {len(gsr)} PLOVER sentences (weight {args.gsr_weight}); "
          f"candidates parsed in {time.time() - t0:.0f}s")
    if args.ceiling:
        print("dev ceiling:", json.dumps(ceiling(dev), indent=1))
        print("dev rule coder:", json.dumps({k: round(v, 4) for k, v in rule_baseline(dev).items()}))
    if args.kfold_only:  # (the thresholds the shipped model chose on dev)
        th = json.loads(Path(args.out).read_text(encoding="utf-8"))["thresholds"]
        s = kfold_gsr(trn, gsr, args.C, th)
        print(f"PLOVER gsr_dev {GSR_FOLDS}-fold (each fold unseen): " +
              json.dumps({k: round(v, 4) for k, v in s.items()}))
        return 0
    fractions = (0.25, 0.5, 1.0) if args.curve else (1.0,)
    model = None
    for frac in fractions:
        part = trn[:max(1, round(len(trn) * frac))] + gsr[:round(len(gsr) * frac)]
        model = train(part, args.C)
        th, s = tune(model, dev)
        model["thresholds"] = th
        print(f"train {frac:.0%} ({len(part)} docs): dev " +
              json.dumps({k: round(v, 4) for k, v in s.items()}) + f" thresholds {th}")
    if args.kfold and gsr:
        s = kfold_gsr(trn, gsr, args.C, model["thresholds"])
        print(f"PLOVER gsr_dev {GSR_FOLDS}-fold (each fold unseen): " +
              json.dumps({k: round(v, 4) for k, v in s.items()}))
    model["trained_on"] = {"documents": len(trn), "dev_documents": len(dev), "plover_sentences": len(gsr),
                           "gold": hashlib.sha256((ANN / "gold.jsonl").read_bytes()).hexdigest()[:16]}
    if gsr:
        model["trained_on"]["plover_gold"] = hashlib.sha256(GSR.read_bytes()).hexdigest()[:16]
        model["trained_on"]["plover_weight"] = args.gsr_weight
    if args.no_model:
        return 0
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
