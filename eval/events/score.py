"""Score the events stage on the PLOVER gold sentences and the VOA gold stories.

    .venv/bin/python eval/evaluate.py events
    .venv/bin/python eval/events/score.py --detail     # per-type table + reliability

Metrics (see README.md): per sentence/story, precision/recall/F1 of
(a) the set of event types and (b) the set of (type, source country,
target country) tuples, micro-averaged; per-type F1 for (a).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GSR = ROOT.parent / "shared" / "eval" / "plover" / "gsr_dev.jsonl"
VOA_GOLD = HERE / "voa_gold.jsonl"
VOA_CORPUS = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
sys.path.insert(0, str(ROOT))

# CAMEO-style country codes in the gold records → ISO 3166-1 alpha-3
ALIASES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "GER": "DEU", "UK": "GBR"}


def _country(mention) -> str | None:
    if mention is None:
        return None
    a = mention.actor
    if a.country:
        return ALIASES.get(a.country, a.country)
    return (a.code or "")[:3] or None


def _gold_country(actor: dict) -> str | None:
    c = actor.get("country")
    return ALIASES.get(c, c) if c else None


def stages():
    """(resolve_actors, resolve_dates, used_fallback): the product's own stages."""
    from newsevents.actors import resolve_actors
    from newsevents.temporal import resolve_dates

    fallback = False
    return resolve_actors, resolve_dates, fallback


def code_texts(texts: list[str], published: list[date], titles=None):
    """Run parse → actors → dates → places → speech → events over texts; yields (doc, events)."""
    from newsevents.events import extract_events
    from newsevents.models import Article
    from newsevents.nlp import parse
    from newsevents.quotes import extract_speech

    resolve_actors, resolve_dates, _ = stages()
    try:
        from newsevents.places import resolve_places
    except ImportError:
        resolve_places = None
    titles = titles or [None] * len(texts)
    for text, pub, title, doc in zip(texts, published, titles, parse(texts, batch_size=16)):
        mentions = resolve_actors(doc, pub)
        times = resolve_dates(doc, pub) if resolve_dates else []
        places = []
        if resolve_places is not None:
            try:
                places = resolve_places(doc, mentions)
            except Exception:
                places = []
        art = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title=title,
                      published=pub)
        # the speech stage as the pipeline runs it (claims make events `claimed`)
        speech = extract_speech(doc, mentions, times, pub)
        yield doc, extract_events(doc, art, mentions, times, places, speech)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def gold_tuples(expected: list[dict]) -> set[tuple]:
    out = set()
    for e in expected:
        typ = e["plover_current"]
        srcs = [_gold_country(a) for a in e["source"]] or [None]
        tgts = [_gold_country(a) for a in e["target"]]
        if e.get("reciprocal") and not tgts and len(srcs) > 1:
            out |= {(typ, s, t) for s in srcs for t in srcs if s != t}
            continue
        for s in srcs:
            for t in tgts or [None]:
                out.add((typ, s, t))
    return out


def gsr_view(events: list) -> list:
    """The events the PLOVER gold standard codes: those reported as having happened.

    The GSR records code one act per sentence; the content of a threat, a
    demand, an offer, a refusal or an accusation ("threatened to ban X",
    "refused to deploy", "accused X of supplying") is that act's mode, not a
    second event (PLOVER manual 2.3: return the single category, not a
    category + auxiliary; negated events may be excluded). The coder keeps
    those inner events with status planned/hypothetical/negated/claimed/
    denied; this view leaves them out. ``gsr_all_*`` scores every event.
    A future cooperative act recoded as AGREE (manual 3.1, rule
    ``plover:future-*-as-AGREE``) keeps status ``planned`` (the act is
    still to come) but the AGREE is what the GSR codes, so it stays in.
    """
    return [e for e in events if e.status == "reported"
            or any(r.startswith("plover:future-") for r in e.rules)]


def score_gsr(detail: bool = False) -> dict:
    rows = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    pubs = [date.fromisoformat(r["date"]) for r in rows]
    ttp = tfp = tfn = 0
    utp = ufp = ufn = 0
    all_ = [0] * 6
    per_type: Counter = Counter()
    buckets: Counter = Counter()
    for row, (doc, every) in zip(rows, code_texts(texts, pubs)):
        gold_types = {e["plover_current"] for e in row["expected"]}
        pt_all = {e.type for e in every}
        gt = gold_tuples(row["expected"])
        pu_all = {(e.type, _country(e.source), _country(e.target)) for e in every}
        for k, n in enumerate((len(pt_all & gold_types), len(pt_all - gold_types), len(gold_types - pt_all),
                               len(pu_all & gt), len(pu_all - gt), len(gt - pu_all))):
            all_[k] += n
        events = gsr_view(every)
        pred_types = {e.type for e in events}
        for t in pred_types | gold_types:
            hit = t in pred_types and t in gold_types
            per_type[(t, "tp" if hit else ("fp" if t in pred_types else "fn"))] += 1
        ttp += len(pred_types & gold_types)
        tfp += len(pred_types - gold_types)
        tfn += len(gold_types - pred_types)
        pt = {(e.type, _country(e.source), _country(e.target)) for e in events}
        utp += len(pt & gt)
        ufp += len(pt - gt)
        ufn += len(gt - pt)
        for e in events:
            buckets[(round(e.confidence, 2), e.type in gold_types)] += 1
    p, r, f = _prf(ttp, tfp, tfn)
    tp_, tr_, tf_ = _prf(utp, ufp, ufn)
    out = {"gsr_type_precision": p, "gsr_type_recall": r, "gsr_type_f1": f,
           "gsr_tuple_precision": tp_, "gsr_tuple_recall": tr_, "gsr_tuple_f1": tf_,
           "gsr_all_type_f1": _prf(*all_[:3])[2], "gsr_all_tuple_f1": _prf(*all_[3:])[2],
           "gsr_sentences": len(rows)}
    types = sorted({t for t, _ in per_type})
    for t in types:
        out[f"gsr_f1_{t}"] = _prf(per_type[(t, "tp")], per_type[(t, "fp")], per_type[(t, "fn")])[2]
    if detail:
        print(f"{'type':10s} {'tp':>4s} {'fp':>4s} {'fn':>4s}   P     R     F1")
        for t in types:
            a, b, c = per_type[(t, "tp")], per_type[(t, "fp")], per_type[(t, "fn")]
            pp, rr, ff = _prf(a, b, c)
            print(f"{t:10s} {a:4d} {b:4d} {c:4d}  {pp:.2f}  {rr:.2f}  {ff:.2f}")
        print("confidence reliability (share of events whose type is in the sentence's gold):")
        for conf in sorted({c for c, _ in buckets}):
            good, bad = buckets[(conf, True)], buckets[(conf, False)]
            print(f"  conf {conf:.2f}: n={good + bad:4d} correct={good / (good + bad):.2f}")
    return out


# The first stories of voa_gold.jsonl were annotated before any tuning and
# then used to tune the coder (dev); stories after them are held out.
VOA_DEV_STORIES = 10


def score_voa(detail: bool = False) -> dict:
    """The VOA gold stories: all, the dev stories (first 10) and the held-out rest."""
    if not VOA_GOLD.is_file():
        return {}
    gold = [json.loads(line) for line in VOA_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    # per-story detail only for the dev stories: the held-out ones are not for reading
    out = _score_voa(gold, "voa", detail and len(gold) <= VOA_DEV_STORIES)
    if len(gold) > VOA_DEV_STORIES:
        dev = _score_voa(gold[:VOA_DEV_STORIES], "voa_dev", detail)
        held = _score_voa(gold[VOA_DEV_STORIES:], "voa_heldout", False)
        out.update({k: v for k, v in {**dev, **held}.items() if not k.endswith(("_stories", "_events", "_nonreported"))
                    or k.startswith("voa_heldout")})
    return out


def _score_voa(gold: list[dict], prefix: str, detail: bool) -> dict:
    stories = {}
    for line in VOA_CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            s = json.loads(line)
            stories[s["id"]] = s
    ids = [g["id"] for g in gold]
    texts = [stories[i]["text"] for i in ids]
    pubs = [date.fromisoformat(stories[i]["published"][:10]) for i in ids]
    ttp = tfp = tfn = utp = ufp = ufn = 0
    st_match = st_total = 0
    dt_match = dt_total = 0
    nonrep = 0
    for g, (doc, events) in zip(gold, code_texts(texts, pubs)):
        text = doc.text
        sent_of = {}
        for k, s in enumerate(doc.sents):
            sent_of[k] = (s.start_char, s.end_char)

        def sent_index(char: int) -> int:
            for k, (a, b) in sent_of.items():
                if a <= char < b:
                    return k
            return -1

        gold_ts, gold_tu, gold_status, gold_date = set(), set(), {}, {}
        for e in g["events"]:
            pos = text.find(e["evidence"])
            k = sent_index(pos) if pos >= 0 else -1
            gold_ts.add((k, e["type"]))
            if e.get("date"):
                gold_date.setdefault((k, e["type"]), e["date"])
            tup = (e["type"], e.get("source"), e.get("target"))
            gold_tu.add(tup)
            gold_status[tup] = e["status"]
            nonrep += e["status"] != "reported"
        pred_ts = {(sent_index(e.span[0]), e.type) for e in events}
        pred_date: dict = {}
        for e in events:
            pred_date.setdefault((sent_index(e.span[0]), e.type), e.date)
        # Event dates (the temporal issue): the governing date of each event found in the
        # right sentence with the right type, against the annotator's resolved date.
        for key in pred_ts & set(gold_date):
            dt_total += 1
            dt_match += pred_date[key] == gold_date[key]
        pred_tu = {}
        for e in events:
            pred_tu.setdefault((e.type, _country(e.source), _country(e.target)), e.status)
        ttp += len(pred_ts & gold_ts)
        tfp += len(pred_ts - gold_ts)
        tfn += len(gold_ts - pred_ts)
        utp += len(set(pred_tu) & gold_tu)
        ufp += len(set(pred_tu) - gold_tu)
        ufn += len(gold_tu - set(pred_tu))
        for tup in set(pred_tu) & gold_tu:
            st_total += 1
            st_match += pred_tu[tup] == gold_status[tup]
        if detail:
            print(g["id"], "missed:", sorted(gold_tu - set(pred_tu), key=str)[:8],
                  "extra:", sorted(set(pred_tu) - gold_tu, key=str)[:8])
    p, r, f = _prf(ttp, tfp, tfn)
    tp_, tr_, tf_ = _prf(utp, ufp, ufn)
    res = {"type_precision": p, "type_recall": r, "type_f1": f,
           "tuple_precision": tp_, "tuple_recall": tr_, "tuple_f1": tf_,
           "status_accuracy": st_match / st_total if st_total else 0.0,
           "date_accuracy": dt_match / dt_total if dt_total else 0.0,
           "date_matched": dt_total,
           "stories": len(gold), "gold_events": sum(len(g["events"]) for g in gold),
           "gold_nonreported": nonrep}
    return {f"{prefix}_{k}": v for k, v in res.items()}


def score_annotated() -> dict:
    """The annotated documents (eval/annotated): dev and test, story level (see annotated.py)."""
    sys.path.insert(0, str(HERE))
    import annotated
    return annotated.run()


def run() -> dict[str, float]:
    """All event metrics (higher is better; counts included)."""
    out = score_gsr()
    out.update(score_voa())
    out.update(score_annotated())
    return out


if __name__ == "__main__":
    detail = "--detail" in sys.argv
    res = score_gsr(detail)
    res.update(score_voa(detail))
    res.update(score_annotated())
    for k, v in res.items():
        print(f"{k:32s} {v:.4f}" if isinstance(v, float) else f"{k:32s} {v}")
