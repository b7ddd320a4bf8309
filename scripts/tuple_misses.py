"""Why gold (type, source, target) tuples have no candidate: a count by cause.

    .venv/bin/python scripts/tuple_misses.py                 # training documents (never dev or test)
    .venv/bin/python scripts/tuple_misses.py --dev           # the dev documents
    .venv/bin/python scripts/tuple_misses.py --show 150      # print a sample of side misses to read

Reads only the annotated ``train`` split (the training documents by
default; ``--dev`` for the dev ones). For each gold tuple of a sentence that
no candidate of that sentence carries: if no candidate has the type at all,
the cause is the trigger (``type``); otherwise each side the candidates of
that (sentence, type) do not offer is located by its annotated text (the
occurrence nearest the evidence) and classed by what the actors stage made
of it there: ``pronoun``, ``not-detected`` (no mention covers it),
``no-country`` (a mention without a country), ``wrong-country``,
``other-sentence`` (right country, but named in another sentence),
``same-sentence`` (right country in the sentence, but not paired: a cap or
a dedup), ``text-not-found``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "his", "its", "their", "our"}


def locate(text: str, needle: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` nearest the evidence span [lo, hi) (inside it first)."""
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), text)]
    if not hits:
        return None
    best = min(hits, key=lambda a: 0 if lo <= a < hi else min(abs(a - lo), abs(a - hi)) + 1)
    return best, best + len(needle)


def classify(rec, doc, mentions, cands, starts) -> list[tuple[str, str, dict]]:
    """(class, side, info) per missed side of each missed gold tuple."""
    from train_events import _gc

    from newsevents.events.candidates import country, focus_country, sentence_of

    have = {(c.sent, c.type, country(c.source), country(c.target)) for c in cands}
    by_type: dict[tuple, set] = {}
    for c in cands:
        by_type.setdefault((c.sent, c.type), set()).add(("source", country(c.source)))
        by_type[(c.sent, c.type)].add(("target", country(c.target)))
    ranked = [c for c, _ in Counter(country(m) for m in mentions if country(m)).most_common()]
    out, seen = [], set()
    for e in rec["events"]:
        k = sentence_of(starts, e["start"])
        s, t = _gc(e["source"]), _gc(e["target"])
        tup = (k, e["type"], s, t)
        if tup in seen:
            continue
        seen.add(tup)
        if tup in have:
            out.append(("hit", "-", {}))
            continue
        out.append(("miss", "-", {}))
        offered = by_type.get((k, e["type"]))
        if not offered:
            out.append(("type", "-", {"rec": rec, "e": e, "k": k}))
            continue
        missing = [side for side, c in (("source", s), ("target", t)) if (side, c) not in offered]
        if not missing:
            # both countries offered, never together: mostly a domestic dyad (X -> X) whose
            # second actor of X the sentence does not yield
            out.append(("dyad" if s == t else "pairing", "-", {"rec": rec, "e": e, "k": k}))
            continue
        for side in missing:
            gold = e[side] or {}
            want = _gc(gold)
            txt = (gold.get("text") or "").strip()
            info = {"rec": rec, "e": e, "k": k, "want": want, "text": txt,
                    "rank": ranked.index(want) + 1 if want in ranked else 0}
            if txt.lower() in PRONOUNS:
                out.append(("pronoun", side, info))
                continue
            at = locate(rec["text"], txt, e["start"], e["end"])
            if at is None:
                out.append(("text-not-found", side, info))
                continue
            over = [m for m in mentions if m.start < at[1] and m.end > at[0]]
            info["got"] = [(m.text, m.actor.country, m.actor.code, m.rule) for m in over]
            if not over:
                cls = "not-detected"
            elif not any(country(m) for m in over):
                cls = "no-country" if focus_country(mentions) != want else "no-country:focus"
            elif not any(country(m) == want for m in over):
                cls = "wrong-country"
            elif sentence_of(starts, at[0]) != k:
                cls = "other-sentence"
            else:
                cls = "same-sentence"
            out.append((cls, side, info))
    return out


def main(argv=None) -> int:
    from train_events import cached_parse, is_dev, load_gold, stage_inputs

    from newsevents.events.candidates import propose, sentence_starts
    from newsevents.settings import load_settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="the dev documents instead of the training ones")
    ap.add_argument("--limit", type=int, default=600, help="documents to read (default %(default)s)")
    ap.add_argument("--show", type=int, default=0, help="print this many side misses, drawn at random")
    ap.add_argument("--cls", default="", help="show only misses of this class")
    args = ap.parse_args(argv)
    recs = load_gold("train", (1, 2, 3))
    settings = load_settings()
    found: list = []
    n = 0
    for rec, doc in zip(recs, cached_parse([r["text"] for r in recs])):
        if is_dev(rec["doc_id"]) != args.dev:
            continue
        n += 1
        if n > args.limit:
            break
        art, mentions, times, places, speech = stage_inputs(rec, doc, settings)
        cands = propose(doc, art, mentions, times, places, speech, settings)
        found += classify(rec, doc, mentions, cands, sentence_starts(doc))
    counts = Counter(c for c, _, _ in found)
    hits, missed = counts.pop("hit", 0), counts.pop("miss", 0)
    found = [f for f in found if f[0] not in ("hit", "miss")]
    print(f"gold tuples (per sentence) {hits + missed}; with a candidate {hits} "
          f"(ceiling {hits / max(1, hits + missed):.3f})")
    total = sum(counts.values())
    print(f"{min(n, args.limit)} documents; {total} misses (tuples; a tuple with both sides missing counts twice)")
    for cls, k in counts.most_common():
        ranks = Counter(min(f[2].get("rank", 0), 4) for f in found if f[0] == cls and f[1] != "-")
        print(f"  {cls:15s} {k:5d}  {k / total:.1%}  rank of the wanted country among the article's "
              f"(1-3, 4+, 0 = not named): {dict(sorted(ranks.items()))}")
    sides = [f for f in found if f[1] != "-" or (args.cls and f[0] == args.cls)]
    if args.cls:
        sides = [f for f in sides if f[0] == args.cls]
    for cls, side, info in random.Random(7).sample(sides, min(args.show, len(sides))):
        e, rec = info["e"], info["rec"]
        print(f"\n[{cls}] {side} want={info.get('want')} text={info.get('text')!r} got={info.get('got')}")
        print(f"  {e['type']} {(e['source'] or {}).get('text')!r} -> {(e['target'] or {}).get('text')!r}")
        print("  ev:", rec["text"][max(0, e["start"] - 150):e["end"] + 30].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
