"""Cross-article linking of the claims ledger, measured on eval/crosslinks/.

For each story cluster of ``clusters.jsonl`` the cluster's documents (from
``eval/annotated/docs.jsonl``) are ingested with the product's pipeline into a
temporary store (which links the ledger across articles, as any ingest does),
and the ledger is read as users read it (``query.query_claims``: one row per
claim merged across articles). A response of a row and a report of that row
in *another* article make a system cross-article link: the response was
linked across articles by the store's link step, or to its own article's
report of a claim that the ledger merges with another article's. A system link is *judged* when its response overlaps the
response text of a gold pair or hard negative of the cluster; it is correct
when its response and claim overlap one gold pair's response and claim texts.

- ``link_precision``: correct / judged system links.
- ``link_recall``: gold pairs found / gold pairs.
- ``link_unjudged``: cross-article links whose response is in neither file
  (not counted either way: the gold is not exhaustive).

The set is a test set for linking. Half of its clusters (``is_tuning_cluster``,
a fixed hash of the cluster name) may be read to develop the linker
(``--details`` prints their links); the other half (``--half=held``) is only
scored, and the figures quoted for it are the ones that say how well linking
generalises.

    python eval/ledger/crosslinks.py [--half=tune|held] [--details]
    python eval/ledger/crosslinks.py --half=tune --sweep [--cache=DIR]   # the threshold
    python eval/ledger/crosslinks.py --causes   # where the tuning half's pairs are lost
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CROSS = ROOT / "eval" / "crosslinks"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsevents.models import RawDocument  # noqa: E402
from newsevents.pipeline import ingest_documents  # noqa: E402
from newsevents.query import query_claims  # noqa: E402
from newsevents.settings import load_settings  # noqa: E402
from newsevents.store import ledger, open_store  # noqa: E402


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _span(text: str, piece: str | None, near: int = 0) -> tuple[int, int] | None:
    if not piece:
        return None
    at = text.find(piece, max(0, near - 1))
    if at < 0:
        at = text.find(piece)
    return (at, at + len(piece)) if at >= 0 else None


def _overlaps(a, b) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def _ingest(cluster: dict, docs: dict[str, dict], settings, path: Path,
            link_threshold: float | None = None) -> None:
    raws = [RawDocument(source=d, content=docs[d]["text"], kind="text", title=docs[d].get("title"),
                        published=(docs[d].get("published") or "")[:10] or None)
            for d in cluster["doc_ids"]]
    store = open_store(path)
    try:
        if link_threshold is None:
            ingest_documents(raws, store, settings)
        else:
            # the ingest's own link step at another threshold (the --sweep)
            real = ledger.link_ledger
            ledger.link_ledger = lambda store, **kw: real(store, threshold=link_threshold)
            try:
                ingest_documents(raws, store, settings)
            finally:
                ledger.link_ledger = real
    finally:
        store.close()


def _read_links(store) -> list[dict]:
    texts = {aid: (src, text) for aid, src, text in
             store.con.execute("SELECT id, source, text FROM articles").fetchall()}
    out, seen = [], set()
    # the ledger as users read it: a response belongs to every report of
    # the (merged) claim it answers, in whichever article that report is
    for row in query_claims(store, limit=None):
        for r in row["responses"]:
            for p in row["reports"]:
                if p["article_id"] == r["article_id"]:
                    continue
                r_doc, r_text = texts[r["article_id"]]
                c_doc, c_text = texts[p["article_id"]]
                link = {"response_doc": r_doc, "response_text": r_text,
                        "response_span": _span(r_text, r["text"], r.get("span_start") or 0),
                        "claim_doc": c_doc, "claim_text": c_text,
                        "claim_span": _span(c_text, p["text"])}
                # one link once: the same response and claim spans reached through two
                # merged rows (or two stored copies of one claim) are one link
                key = (r_doc, link["response_span"], c_doc, link["claim_span"])
                if key not in seen:
                    seen.add(key)
                    out.append(link)
    return out


def cluster_links(cluster: dict, docs: dict[str, dict], settings) -> list[dict]:
    """The cross-article links the product makes among one cluster's documents:
    [{response_doc, response_span, claim_doc, claim_span}], spans in the stored texts."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cluster.duckdb"
        _ingest(cluster, docs, settings, path)
        store = open_store(path, read_only=True)
        try:
            return _read_links(store)
        finally:
            store.close()


def sweep_links(cluster: dict, docs: dict[str, dict], settings,
                thresholds: list[float], cache: Path | None = None) -> dict[float, list[dict]]:
    """The links of :func:`cluster_links` at each link-model threshold (one ingest;
    with ``cache``, a folder, the ingest is kept there and reused: it has no
    cross-article link, so it does not depend on the link model)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = (cache / f"{cluster['cluster']}.duckdb") if cache is not None else Path(tmp) / "base.duckdb"
        if not base.exists():
            base.parent.mkdir(parents=True, exist_ok=True)
            _ingest(cluster, docs, settings, base, link_threshold=2.0)  # no cross-article link
        for t in thresholds:
            path = Path(tmp) / f"t{t}.duckdb"
            shutil.copy(base, path)
            store = open_store(path)
            try:
                ledger.link_ledger(store, threshold=t)
                out[t] = _read_links(store)
            finally:
                store.close()
    return out


# Clusters annotated after the linker was frozen (session 9's extension, prefixes
# ``wce8a-`` / ``wce8b-``) are all held: declared before any of them was written, so
# that the held figure rests on more pairs (session 8's held half: 15 judged links).
HELD_ONLY_PREFIXES = ("wce8",)


def is_tuning_cluster(name: str) -> bool:
    """The half of the clusters (by a fixed hash of the name) whose links may be read
    to develop the linker; the other half is only ever scored. Clusters of the
    extensions in ``HELD_ONLY_PREFIXES`` are never tuning clusters."""
    if name.startswith(HELD_ONLY_PREFIXES):
        return False
    return int(hashlib.sha1(f"split:{name}".encode("utf-8")).hexdigest()[:8], 16) % 2 == 0


def load_docs() -> dict[str, dict]:
    """The annotated documents, plus ``eval/crosslinks/docs.jsonl`` (documents the
    crosslinks set adds, same fields) when it exists."""
    docs = {}
    for path in (ROOT / "eval" / "annotated" / "docs.jsonl", CROSS / "docs.jsonl"):
        if path.exists():
            for d in _jsonl(path):
                docs.setdefault(d["doc_id"], d)
    return docs


def _judge(name, links, gold, neg, details=False):
    """(correct, judged, unjudged, gold pair indexes found) of one cluster's links."""
    found, correct, judged, unjudged = set(), 0, 0, 0
    for link in links:
        def resp_hit(g, link=link):
            return (g["response_doc"] == link["response_doc"] and _overlaps(
                link["response_span"], _span(link["response_text"], g["response_text"])))

        def claim_hit(g, link=link):
            return (g["claim_doc"] == link["claim_doc"] and _overlaps(
                link["claim_span"], _span(link["claim_text"], g["claim_text"])))

        hits = [k for k, p in gold if resp_hit(p) and claim_hit(p)]
        is_judged = bool(hits) or any(resp_hit(g) for _k, g in gold) or any(resp_hit(g) for g in neg)
        if details and is_tuning_cluster(name):
            r0, r1 = link["response_span"] or (0, 0)
            c0, c1 = link["claim_span"] or (0, 0)
            verdict = "RIGHT" if hits else "WRONG" if is_judged else "unjudged"
            print(f"{verdict} {name}: {link['response_text'][r0:r1][:90]!r} -> {link['claim_text'][c0:c1][:90]!r}")
        if hits:
            correct += 1
            found.update(hits)
        if is_judged:
            judged += 1
        else:
            unjudged += 1
    return correct, judged, unjudged, found


def _select(half: str | None):
    pairs = _jsonl(CROSS / "pairs.jsonl")
    negatives = _jsonl(CROSS / "negatives.jsonl")
    clusters = _jsonl(CROSS / "clusters.jsonl")
    if half is not None:
        clusters = [c for c in clusters if is_tuning_cluster(c["cluster"]) == (half == "tune")]
        names = {c["cluster"] for c in clusters}
        pairs = [p for p in pairs if p["cluster"] in names]
    return clusters, pairs, negatives


def _scores(correct, judged, unjudged, found, pairs) -> dict:
    return {"link_precision": correct / judged if judged else 0.0,
            "link_recall": len(found) / len(pairs) if pairs else 0.0,
            "link_judged": judged, "link_unjudged": unjudged, "link_gold_pairs": len(pairs)}


def sweep(thresholds: list[float], cache: Path | None = None) -> dict[float, dict]:
    """Link precision and recall on the TUNING half at each link-model threshold
    (how the shipped threshold is chosen; the held half is never swept).
    ``cache``: see :func:`sweep_links`."""
    docs, settings = load_docs(), load_settings(workers=1)
    clusters, pairs, negatives = _select("tune")
    totals = {t: [0, 0, 0, set()] for t in thresholds}
    for cluster in clusters:
        name = cluster["cluster"]
        gold = [(k, p) for k, p in enumerate(pairs) if p["cluster"] == name]
        neg = [n for n in negatives if n["cluster"] == name]
        for t, links in sweep_links(cluster, docs, settings, thresholds, cache).items():
            c, j, u, f = _judge(name, links, gold, neg)
            acc = totals[t]
            acc[0] += c
            acc[1] += j
            acc[2] += u
            acc[3] |= f
    return {t: _scores(*acc, pairs) for t, acc in totals.items()}


def run(half: str | None = None, details: bool = False) -> dict[str, float]:
    """Cross-article linking precision and recall on the crosslinks gold; with
    ``half`` ('tune' or 'held') on that half of the clusters only (``details``
    prints the links of the tuning half).

    >>> run()["link_precision"]  # doctest: +SKIP
    0.8
    """
    docs = load_docs()
    settings = load_settings(workers=1)
    clusters, pairs, negatives = _select(half)
    found, correct, judged, unjudged = set(), 0, 0, 0
    for cluster in clusters:
        name = cluster["cluster"]
        gold = [(k, p) for k, p in enumerate(pairs) if p["cluster"] == name]
        neg = [n for n in negatives if n["cluster"] == name]
        c, j, u, f = _judge(name, cluster_links(cluster, docs, settings), gold, neg, details)
        correct, judged, unjudged = correct + c, judged + j, unjudged + u
        found |= f
    return _scores(correct, judged, unjudged, found, pairs)


def judged_candidates(half: str = "tune", cache: Path | None = None) -> list[tuple[str, dict, int]]:
    """The link model's candidate pairs in the TUNING half's clusters that the gold
    judges: ``(cluster, features, label)``, label 1 when the pair's response and claim
    overlap one gold pair's, 0 when its response overlaps a gold pair's or hard
    negative's response but the pair matches none (unjudged candidates are left
    out). ``scripts/train_links.py`` learns from them beside the in-article links.
    ``cache`` keeps each cluster's ingest (a folder) for the next call. The held
    half is refused: it is only ever scored."""
    if half != "tune":
        raise ValueError("only the tuning half of eval/crosslinks may be learned from")
    docs, settings = load_docs(), load_settings(workers=1)
    clusters, pairs, negatives = _select("tune")
    out = []
    for cluster in clusters:
        name = cluster["cluster"]
        gold = [p for p in pairs if p["cluster"] == name]
        neg = [n for n in negatives if n["cluster"] == name]
        with tempfile.TemporaryDirectory() as tmp:
            path = (cache / f"{name}.duckdb") if cache is not None else Path(tmp) / "cluster.duckdb"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                _ingest(cluster, docs, settings, path, link_threshold=2.0)  # no cross-article link
            store = open_store(path, read_only=True)
            try:
                texts = {aid: (src, text) for aid, src, text in
                         store.con.execute("SELECT id, source, text FROM articles").fetchall()}
                spans = {(t, a, i): (s0, s1) for t in ("claims", "responses") for a, i, s0, s1 in
                         store.con.execute(f"SELECT article_id, id, span_start, span_end FROM {t}").fetchall()}  # noqa: S608
                for art, rid, c_art, cid, feats, _old, _weak in ledger.candidate_pairs(store):
                    (r_doc, r_text), (c_doc, c_text) = texts[art], texts[c_art]
                    r_span, c_span = spans[("responses", art, rid)], spans[("claims", c_art, cid)]

                    def resp_hit(g, r_doc=r_doc, r_text=r_text, r_span=r_span):
                        return g["response_doc"] == r_doc and _overlaps(r_span, _span(r_text, g["response_text"]))

                    if any(resp_hit(g) and g["claim_doc"] == c_doc
                           and _overlaps(c_span, _span(c_text, g["claim_text"])) for g in gold):
                        out.append((name, feats, 1))
                    elif any(resp_hit(g) for g in gold + neg):
                        out.append((name, feats, 0))
            finally:
                store.close()
    return out


def _stored(store, table: str, doc: str, piece: str) -> list[dict]:
    """The stored rows of ``table`` (claims or responses) in document ``doc`` whose span
    overlaps ``piece``, with their actor fields."""
    row = store.con.execute("SELECT id, text FROM articles WHERE source = ?", [doc]).fetchone()
    if row is None:
        return []
    gold = _span(row[1], piece)
    actor = ("claimant_code, accused, accused_countries" if table == "claims"
             else "responder_code, responder_country, NULL")
    out = []
    for rid, s0, s1, a, b, c in store.con.execute(
            f"SELECT id, span_start, span_end, {actor} FROM {table} WHERE article_id = ?",  # noqa: S608
            [row[0]]).fetchall():
        if _overlaps((s0, s1), gold):
            out.append({"article": row[0], "id": rid, "coded": (a, b, c)})
    return out


def diagnose() -> list[dict]:
    """Where each gold pair of the TUNING half is lost: is its response stored, its
    claim, do the actors resolve to codes, is the pair proposed, and its score.
    Never run on the held half (its errors are not read)."""
    docs, settings = load_docs(), load_settings(workers=1)
    clusters, pairs, _negatives = _select("tune")
    threshold = ledger.load_link_model().threshold
    out = []
    for cluster in clusters:
        gold = [p for p in pairs if p["cluster"] == cluster["cluster"]]
        if not gold:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cluster.duckdb"
            _ingest(cluster, docs, settings, path, link_threshold=2.0)
            store = open_store(path, read_only=True)
            try:
                scores = {(r[0], r[1], r[2], r[3]): r[4] for r in ledger.score_pairs(store)}
                for g in gold:
                    resp = _stored(store, "responses", g["response_doc"], g["response_text"])
                    claims = _stored(store, "claims", g["claim_doc"], g["claim_text"])
                    best = max((scores[k] for r in resp for c in claims
                                if (k := (r["article"], r["id"], c["article"], c["id"])) in scores),
                               default=None)
                    cause = ("response not extracted" if not resp else "claim not extracted" if not claims
                             else "not proposed" if best is None
                             else "scored below threshold" if best < threshold else "linked")
                    out.append({"cluster": cluster["cluster"], "kind": g["kind"], "cause": cause,
                                "score": best,
                                "responder_coded": any(any(r["coded"][:2]) for r in resp),
                                "claimant_coded": any(c["coded"][0] for c in claims),
                                "accused_coded": any(c["coded"][1] or c["coded"][2] for c in claims)})
            finally:
                store.close()
    return out


if __name__ == "__main__":
    if "--causes" in sys.argv:
        from collections import Counter
        rows = diagnose()
        for r in rows:
            print(r)
        print(Counter(r["cause"] for r in rows))
        sys.exit(0)
    if "--sweep" in sys.argv:
        # --cache=DIR keeps the tuning clusters' ingests for the next sweep
        cache = next((Path(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--cache=")), None)
        for t, sc in sweep([0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9], cache).items():
            print(f"threshold {t:.2f}  " + "  ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in sc.items()))
        sys.exit(0)
    which = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--half=")), None)
    for k, v in run(half=which, details="--details" in sys.argv).items():
        print(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}")
