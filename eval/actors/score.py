"""Score actor resolution on two gold sets (see README.md in this folder).

1. PLOVER gold-standard sentences (../shared/eval/plover/gsr_dev.jsonl): every
   expected source/target actor: is a mention found over its text, with the
   right country and the right sector?
2. Our VOA gold set (voa_gold.jsonl): mentions annotated by reading 12 VOA
   stories, scored the same way and broken down by kind and by phenomenon.

    .venv/bin/python eval/evaluate.py actors
    .venv/bin/python eval/actors/score.py --misses    # print every miss
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
GSR = SHARED / "eval" / "plover" / "gsr_dev.jsonl"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
VOA_GOLD = HERE / "voa_gold.jsonl"

# CAMEO-era country codes in the PLOVER gold that are not ISO 3166-1
LEGACY = {"JAP": "JPN", "ITL": "ITA"}
GROUP_CODES = {"IGO", "NGO", "IMG"}

sys.path.insert(0, str(ROOT))


def _locate(sentence: str, text: str) -> tuple[int, int] | None:
    """Character span of an annotated actor text in its sentence."""
    text = re.sub(r"\s+", " ", text).strip()
    i = sentence.find(text)
    if i >= 0:
        return i, i + len(text)
    for part in re.split(r"\s*\.\.+\s*|\s*\(", text):  # "Sierra Leonean ... refugees"
        part = part.strip()
        if len(part) >= 3 and part in sentence:
            i = sentence.find(part)
            return i, i + len(part)
    words = sorted((w for w in re.findall(r"[\w-]+", text) if len(w) >= 4), key=len, reverse=True)
    for w in words:
        i = sentence.find(w)
        if i >= 0:
            return i, i + len(w)
    return None


def _best(mentions, start: int, end: int):
    over = [m for m in mentions if m.start < end and start < m.end]
    if not over:
        return None
    return max(over, key=lambda m: (min(end, m.end) - max(start, m.start), m.end - m.start))


def _country_ok(gold: str | None, actor) -> bool:
    if gold in GROUP_CODES:
        code = actor.code or ""
        return code.startswith(gold) or actor.sector == gold or (
            gold == "IMG" and actor.country is None and actor.kind == "group")
    return LEGACY.get(gold, gold) == actor.country


def _sector_ok(gold: str | None, actor, gold_country: str | None = None) -> bool:
    # PLOVER puts IGO/NGO in the country slot and a role (or nothing) in the
    # sector; we put IGO/NGO in the sector: an IGO actor matches None or GOV
    if gold_country in ("IGO", "NGO") and actor.sector == gold_country:
        return gold is None or gold[:3].upper() in ("GOV", gold_country)
    if gold is None:
        return actor.sector is None
    return gold[:3].upper() == (actor.sector or "")


def score_gsr(misses: list[str] | None = None) -> dict[str, float]:
    from newsevents.actors import resolve_actors
    from newsevents.nlp import parse

    rows = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines() if line]
    docs = parse([r["text"] for r in rows])
    n = found = country = sector = n_sector = both = 0
    for row, doc in zip(rows, docs):
        # every record carries the placeholder date 2000-01-01, not the story's
        # date: resolve people without a date rather than against a false one
        published = None if row.get("date") in (None, "2000-01-01") else \
            date.fromisoformat(row["date"])
        mentions = resolve_actors(doc, published)
        seen = set()
        for ev in row["expected"]:
            for gold in ev["source"] + ev["target"]:
                key = (gold["text"], gold["country"], gold["sector"])
                if key in seen:
                    continue
                seen.add(key)
                n += 1
                span = _locate(row["text"], gold["text"])
                m = _best(mentions, *span) if span else None
                if m is None:
                    if misses is not None:
                        misses.append(f"GSR MISS  {gold['text']!r} ({gold['country']} "
                                      f"{gold['sector']}) in: {row['text'][:120]}")
                    continue
                found += 1
                c_ok = _country_ok(gold["country"], m.actor)
                country += c_ok
                s_ok = None
                if gold["sector"] != "***":
                    n_sector += 1
                    s_ok = _sector_ok(gold["sector"], m.actor, gold["country"])
                    sector += s_ok
                both += c_ok and s_ok is not False
                if misses is not None and not (c_ok and s_ok is not False):
                    misses.append(f"GSR WRONG {gold['text']!r} gold {gold['country']} "
                                  f"{gold['sector']} got {m.text!r} {m.actor.country} "
                                  f"{m.actor.sector} [{m.rule}]")
    return {
        "gsr_found": found / n,
        "gsr_country_acc": country / n,
        "gsr_sector_acc": sector / n_sector,
        "gsr_actor_acc": both / n,
        "gsr_actors": n,
    }


def score_voa(misses: list[str] | None = None) -> dict[str, float]:
    from newsevents.actors import resolve_actors
    from newsevents.nlp import parse

    gold = [json.loads(line) for line in VOA_GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    stories = {}
    for line in VOA.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        stories[r["id"]] = r
    ids = list(dict.fromkeys(g["doc"] for g in gold))
    docs = dict(zip(ids, parse([stories[i]["text"] for i in ids])))
    by_doc = {}
    for i in ids:
        pub = date.fromisoformat(stories[i]["published"][:10])
        by_doc[i] = resolve_actors(docs[i], pub)
    total, ok = Counter(), Counter()
    n = found = country = sector = kind = 0
    for g in gold:
        text = stories[g["doc"]]["text"]
        # "context" is a unique snippet of the story holding the mention "text"
        at = text.find(g["context"])
        if at < 0 or g["text"] not in g["context"]:
            raise ValueError(f"voa_gold: context {g['context']!r} not in story {g['doc']}")
        s = at + g["context"].index(g["text"])
        m = _best(by_doc[g["doc"]], s, s + len(g["text"]))
        n += 1
        total["kind_" + g["kind"]] += 1
        total["type_" + g["type"]] += 1
        if m is None:
            if misses is not None:
                misses.append(f"VOA MISS  {g['text']!r} ({g['country']} {g['sector']} "
                              f"{g['kind']}, {g['type']}) in {g['doc']}")
            continue
        found += 1
        c_ok = bool(m.actor.country == g["country"] and (g["country"] or not g.get("code")) or (
            g["country"] is None and g.get("code") and m.actor.code == g["code"]))
        s_ok = (m.actor.sector or None) == g["sector"]
        k_ok = m.actor.kind == g["kind"]
        country += c_ok
        sector += s_ok
        kind += k_ok
        if c_ok and s_ok:
            ok["kind_" + g["kind"]] += 1
            ok["type_" + g["type"]] += 1
        elif misses is not None:
            misses.append(f"VOA WRONG {g['text']!r} gold {g['country']} {g['sector']} "
                          f"{g['kind']} got {m.text!r} {m.actor.country} {m.actor.sector} "
                          f"{m.actor.kind} [{m.rule}] ({g['type']})")
    out = {
        "voa_found": found / n,
        "voa_country_acc": country / n,
        "voa_sector_acc": sector / n,
        "voa_kind_acc": kind / n,
    }
    for key in sorted(total):
        out[f"voa_acc_{key}"] = ok[key] / total[key]
    out["voa_mentions"] = n
    return out


def run() -> dict[str, float]:
    """All actor metrics (higher is better; *_actors/*_mentions are counts)."""
    return {**score_gsr(), **score_voa()}


if __name__ == "__main__":
    misses: list[str] = []
    scores = {**score_gsr(misses), **score_voa(misses)}
    if "--misses" in sys.argv:
        print("\n".join(misses))
    for k, v in scores.items():
        print(f"{k:36s} {v:.4f}" if isinstance(v, float) else f"{k:36s} {v}")
