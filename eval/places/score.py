"""Score newsevents.places on the hand-annotated gold place mentions.

``run()`` parses every document that has an annotated passage, resolves its
places (without actor mentions, so the score does not move with the actors
stage), and compares the mentions inside each passage with the gold:

* ``acc_161km``: gold mentions found and resolved within 161 km (countries and
  continents: the right country/continent entity), over all gold mentions;
* ``acc_161km_found``: the same over the gold mentions the system found;
* ``country_acc``: right ISO3 country (or none for seas/continents), over all gold;
* ``recognition_recall`` / ``recognition_precision``: span overlap with gold,
  system mentions counted inside the annotated passages only.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

csv.field_size_limit(10_000_000)


def _tsv(path: Path) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_texts(keys: set[str]) -> dict[str, str]:
    texts = {}
    for line in (CORPUS / "voa" / "voa_stories.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if f"voa:{r['id']}" in keys:
            texts[f"voa:{r['id']}"] = r["text"]
    for path in sorted((CORPUS / "wikinews").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                key = "wikinews:" + r["url"].split("/wiki/")[-1][:90]
                if key in keys:
                    texts[key] = r["text"]
    missing = keys - set(texts)
    if missing:
        raise SystemExit(f"gold documents not found in {CORPUS}: {sorted(missing)[:3]}")
    return texts


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def gold_spans(texts: dict[str, str]) -> tuple[dict, list[dict]]:
    passages = {p["doc"]: (int(p["start"]), int(p["end"])) for p in _tsv(HERE / "passages.tsv")}
    gold = []
    for g in _tsv(HERE / "gold_mentions.tsv"):
        s, e = passages[g["doc"]]
        seg = texts[g["doc"]][s:e]
        hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(g["text"]) + r"(?!\w)", seg)]
        occ = int(g["occ"])
        if len(hits) < occ:
            raise SystemExit(f"gold row {g['doc']} {g['text']!r} #{occ}: only {len(hits)} occurrences")
        start = s + hits[occ - 1]
        gold.append({**g, "start": start, "end": start + len(g["text"]),
                     "lat": float(g["lat"]), "lon": float(g["lon"])})
    return passages, gold


def correct(g: dict, place) -> bool:
    if g["type"] == "country" and place.feature == "country" and place.country == g["country"]:
        return True
    if g["type"] == "continent" and place.feature == "continent" and place.name == g["name"]:
        return True
    if place.lat is None:
        return False
    return km(g["lat"], g["lon"], place.lat, place.lon) <= 161.0


def run(details: bool = False) -> dict:
    from newsevents.nlp import parse
    from newsevents.places import resolve_places

    keys = {p["doc"] for p in _tsv(HERE / "passages.tsv")}
    texts = load_texts(keys)
    passages, gold = gold_spans(texts)
    order = sorted(keys)
    predicted = {}
    for key, doc in zip(order, parse([texts[k] for k in order])):
        predicted[key] = resolve_places(doc, [])

    found = ok = country_ok = 0
    rows = []
    for g in gold:
        hit = next((p for p in predicted[g["doc"]] if p.start < g["end"] and g["start"] < p.end), None)
        good = hit is not None and correct(g, hit.place)
        found += hit is not None
        ok += good
        if hit is not None and (hit.place.country or "") == g["country"]:
            country_ok += 1
        rows.append((g, hit, good))
    sys_in = sys_ok = 0
    for key, (s, e) in passages.items():
        for p in predicted[key]:
            if s <= p.start < e:
                sys_in += 1
                sys_ok += any(g["doc"] == key and p.start < g["end"] and g["start"] < p.end for g in gold)
    n = len(gold)
    scores = {
        "acc_161km": ok / n,
        "acc_161km_found": ok / found if found else 0.0,
        "country_acc": country_ok / n,
        "recognition_recall": found / n,
        "recognition_precision": sys_ok / sys_in if sys_in else 0.0,
        "gold_mentions": n,
        "passages": len(passages),
    }
    if details:
        for g, hit, good in rows:
            if not good:
                got = "MISSED" if hit is None else (f"{hit.text!r} -> {hit.place.name} {hit.place.country} "
                                                    f"{hit.place.feature} ({hit.place.lat},{hit.place.lon}) {hit.rule}")
                print(f"WRONG {g['doc'][:40]} {g['text']!r} gold {g['name']} {g['country']}: {got}")
        for key, (s, e) in passages.items():
            for p in predicted[key]:
                if s <= p.start < e and not any(g["doc"] == key and p.start < g["end"] and g["start"] < p.end
                                                for g in gold):
                    print(f"SPURIOUS {key[:40]} {p.text!r} -> {p.place.name} {p.place.country} {p.rule}")
    return scores


if __name__ == "__main__":
    print(json.dumps(run(details="-v" in sys.argv), indent=2))
