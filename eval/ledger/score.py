"""Score the claims ledger on the annotated documents (eval/annotated/gold.jsonl)
and the cross-article links (eval/crosslinks/, via ``crosslinks.py``).

Claims: a system claim is correct when its content span overlaps a gold
claim's content span (one-to-one, greedy by overlap). Responses: a system
response's text span overlapping a gold response's text span, likewise.
Reported per split:

- ``test_*``: the held-out test split (695 documents). Aggregate scores only:
  never read its errors, never tune on it.
- ``dev_*`` (with ``--dev``; ``--details`` prints its errors): the dev slice
  of the train split (``is_dev``: a fixed hash of the doc id). The shipped
  models are fitted on the whole train split (their thresholds chosen by
  cross-validation, ``scripts/train_ledger.py``), so these are in-sample
  figures, for reading errors; the cross-validated figures are in the weights
  file under ``cv``.
- ``rules_*``: the same test numbers with the rules alone (``learned=False``),
  the before of the before/after.
- ``link_*``: cross-article linking precision and recall (``crosslinks.run``).

    python eval/ledger/score.py [--dev] [--details] [--no-crosslinks] [--gold=FILE]
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ANNOTATED = ROOT / "eval" / "annotated"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.scoring import match, name_matches, prf  # noqa: E402  (match: also the training script's)
from newsevents.coding import code_article  # noqa: E402
from newsevents.models import Article, Speech  # noqa: E402
from newsevents.nlp import load_nlp  # noqa: E402
from newsevents.quotes import extract_speech  # noqa: E402
from newsevents.settings import load_settings  # noqa: E402


def is_dev(doc_id: str) -> bool:
    """The fixed dev slice of the train split: one train document in five, by hash of its id."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def load_gold(path: Path | None = None) -> tuple[dict[str, dict], list[dict]]:
    docs = {}
    for line in (ANNOTATED / "docs.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        docs[d["doc_id"]] = d
    gold = [json.loads(line) for line in (path or ANNOTATED / "gold.jsonl").open(encoding="utf-8")]
    return docs, gold


def published(d: dict) -> date | None:
    p = d.get("published")
    try:
        return date.fromisoformat(p[:10]) if p else None
    except ValueError:
        return None


def analyse(nlp, text: str, pub: date | None, learned: bool = True, settings=None):
    """The ledger the product stores for one text (``coding.code_article``: the
    learned ledger agreed with the events); with ``learned=False`` the rules'
    quotes stage alone, as before the learned ledger."""
    from newsevents.actors import resolve_actors
    from newsevents.temporal import resolve_dates

    doc = nlp(text)
    if learned:
        article = Article(id=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
                          title=None, published=pub)
        coded = code_article(article, doc, settings or load_settings())
        if coded.error:
            raise RuntimeError(f"coding failed: {coded.error}")
        return Speech(quotes=coded.quotes, claims=coded.claims, responses=coded.responses)
    mentions = resolve_actors(doc, pub)
    times = resolve_dates(doc, pub) if pub else []
    return extract_speech(doc, mentions, times, pub, learned=False)


def located(text: str, piece: str, near: int, fallback: tuple[int, int]) -> tuple[int, int]:
    at = text.find(piece, max(0, near - 1)) if piece else -1
    return (at, at + len(piece)) if at >= 0 else fallback


def _actor_matches(actor, aliases: list[str]) -> bool:
    return actor is not None and any(name_matches(x, aliases) for x in (actor.name, actor.org) if x)


def _sides(n: dict, gold: dict, claim, key=None) -> None:
    """Count claimant and accused agreement of one matched claim: the claimant is
    right when its name (or organisation) matches one of the annotated aliases; the
    accused are right when every annotated accused is matched by a system accused.
    ``key`` (the gold claim's document and index) records each outcome in
    ``n["by_claim"]``, so that two runs can be compared over the claims both matched."""
    outcome = n.setdefault("by_claim", {}).setdefault(key, {})
    if gold.get("claimant"):
        n["claimant_n"] += 1
        ok = _actor_matches(claim.claimant, gold["claimant"])
        n["claimant_ok"] += ok
        outcome["claimant"] = ok
    if gold.get("accused"):
        n["accused_n"] += 1
        ok = all(any(_actor_matches(a, aliases) for a in claim.accused) for aliases in gold["accused"])
        n["accused_ok"] += ok
        outcome["accused"] = ok


def common_sides(a: dict, b: dict) -> dict[str, float]:
    """Claimant and accused accuracy of two runs (``score_docs(..., by_claim=True)``'s
    ``by_claim``) over the gold claims BOTH matched: the learned ledger matches more
    claims than the rules, so their plain accuracies are over different claims."""
    out: dict[str, float] = {}
    for side in ("claimant", "accused"):
        keys = [k for k in a if side in a[k] and side in b.get(k, {})]
        out[f"common_{side}_n"] = len(keys)
        for name, run in (("a", a), ("b", b)):
            out[f"common_{side}_{name}"] = sum(run[k][side] for k in keys) / len(keys) if keys else 0.0
    return out


def score_docs(nlp, docs: dict, gold: list[dict], learned: bool = True, details: bool = False,
               by_claim: bool = False) -> dict:
    n = {"gc": 0, "sc": 0, "mc": 0, "gr": 0, "sr": 0, "mr": 0, "kind": 0,
         "claimant_n": 0, "claimant_ok": 0, "accused_n": 0, "accused_ok": 0}
    for g in gold:
        d = docs[g["doc_id"]]
        text = d["text"]
        speech = analyse(nlp, text, published(d), learned)
        sc = [located(text, c.text, c.span[0], c.span) for c in speech.claims]
        cm = match([(c["start"], c["end"]) for c in g["claims"]], sc)
        sr = [located(text, r.text, r.span[0], r.span) for r in speech.responses]
        rm = match([(r["start"], r["end"]) for r in g["responses"]], sr)
        n["gc"] += len(g["claims"])
        n["sc"] += len(sc)
        n["mc"] += len(cm)
        n["gr"] += len(g["responses"])
        n["sr"] += len(sr)
        n["mr"] += len(rm)
        n["kind"] += sum(speech.responses[si].kind == g["responses"][gi]["kind"] for gi, si in rm.items())
        for gi, si in cm.items():
            _sides(n, g["claims"][gi], speech.claims[si], (g["doc_id"], gi))
        if details:
            for ci, c in enumerate(g["claims"]):
                if ci not in cm:
                    print(f"CLAIM MISSED {g['doc_id']}: {c['cue']} | {c['content'][:80]}")
            for si, c in enumerate(speech.claims):
                if si not in cm.values():
                    print(f"CLAIM EXTRA {g['doc_id']}: {c.cue} | {c.text[:80]}")
            for ri, r in enumerate(g["responses"]):
                if ri not in rm:
                    print(f"RESPONSE MISSED {g['doc_id']}: {r['cue']} | {r['text'][:80]}")
            for si, r in enumerate(speech.responses):
                if si not in rm.values():
                    print(f"RESPONSE EXTRA {g['doc_id']}: {r.cue} | {r.text[:80]}")
    cp, cr, cf = prf(n["mc"], n["sc"], n["gc"])
    rp, rr, rf = prf(n["mr"], n["sr"], n["gr"])
    return {"claim_p": cp, "claim_r": cr, "claim_f1": cf, "response_p": rp, "response_r": rr,
            "response_f1": rf, "response_kind_accuracy": n["kind"] / n["mr"] if n["mr"] else 0.0,
            "claimant_accuracy": n["claimant_ok"] / n["claimant_n"] if n["claimant_n"] else 0.0,
            "accused_accuracy": n["accused_ok"] / n["accused_n"] if n["accused_n"] else 0.0,
            "gold_claims": n["gc"], "gold_responses": n["gr"],
            **({"by_claim": n.get("by_claim", {})} if by_claim else {})}


def _crosslinks():
    spec = importlib.util.spec_from_file_location("eval_ledger_crosslinks", HERE / "crosslinks.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def run(details: bool = False, crosslinks: bool = True, dev: bool = False,
        gold_path: Path | None = None) -> dict[str, float]:
    """Claims and responses P/R/F1 on test (learned and rules), on dev with ``dev``; cross-article linking.

    >>> run()["test_claim_f1"]  # doctest: +SKIP
    0.6
    """
    docs, gold = load_gold(gold_path)
    nlp = load_nlp(load_settings().model)
    test = [g for g in gold if g["split"] == "test"]
    dev_docs = [g for g in gold if g["split"] == "train" and is_dev(g["doc_id"])] if dev or details else []
    out: dict[str, float] = {}
    learned, rules = (score_docs(nlp, docs, test, learned=flag, by_claim=True) for flag in (True, False))
    for k, v in learned.items():
        if k != "by_claim":
            out[f"test_{k}"] = v
    for k, v in rules.items():
        if not k.startswith("gold") and k != "by_claim":
            out[f"rules_test_{k}"] = v
    # the two side accuracies over the same claims (those both matched)
    common = common_sides(learned["by_claim"], rules["by_claim"])
    for side in ("claimant", "accused"):
        out[f"test_{side}_accuracy_common"] = common[f"common_{side}_a"]
        out[f"rules_test_{side}_accuracy_common"] = common[f"common_{side}_b"]
        out[f"test_{side}_common_n"] = common[f"common_{side}_n"]
    if dev_docs:
        for k, v in score_docs(nlp, docs, dev_docs, details=details).items():
            out[f"dev_{k}"] = v
    if crosslinks:
        out.update(_crosslinks().run())
    return out


if __name__ == "__main__":
    # --gold=FILE scores against another gold.jsonl, e.g. the single-coded one before the
    # session-10 adjudication: git show 4cea9ff:eval/annotated/gold.jsonl > /tmp/gold_s9.jsonl
    gold_arg = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--gold=")), None)
    for k, v in run(details="--details" in sys.argv, crosslinks="--no-crosslinks" not in sys.argv,
                    dev="--dev" in sys.argv, gold_path=Path(gold_arg) if gold_arg else None).items():
        print(f"{k:32s} {v:.3f}" if isinstance(v, float) else f"{k:32s} {v}")
