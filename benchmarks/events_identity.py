"""Dump the events stage's output on a fixed document set, to check a speed-up changes nothing.

    .venv/bin/python benchmarks/events_identity.py OUT.json      # dump
    .venv/bin/python benchmarks/events_identity.py --compare A.json B.json

The documents: the 89 VOA stories and the annotated dev documents (the 15%
of the train split ``make train`` tunes on; never the test split). Each runs
through the product's stages (actors, dates, places, speech, as
``coding.code_article`` runs them) and then the events stage three ways:
the learned coder (``extract_events``), the rule coder, and the rule
coder's permissive reading (the candidates' source). Every field of every
event is written (ids, types, actors, statuses, dates, confidences, rules),
so two dumps are equal only when the outputs are byte-identical.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def documents() -> list[dict]:
    """(id, text, title, published) of the VOA stories and the annotated dev documents."""
    import train_events as T

    docs = []
    for n, line in enumerate(VOA.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            r = json.loads(line)
            docs.append({"id": f"voa:{n}", "text": r["text"], "title": r.get("title"),
                         "published": r["published"][:10]})
    if (T.ANN / "gold.jsonl").is_file():
        for r in T.load_gold("train"):
            if T.is_dev(r["doc_id"]):
                docs.append({"id": r["doc_id"], "text": r["text"], "title": r.get("title"),
                             "published": r["published"][:10]})
    return docs


def dump() -> dict[str, dict]:
    """doc id → {"events": [...], "rules": [...], "permissive": [...]} (each event as a dict)."""
    from newsevents.actors import resolve_actors
    from newsevents.events import extract_events
    from newsevents.events.extract import rule_events
    from newsevents.models import Article
    from newsevents.nlp import parse
    from newsevents.places import resolve_places
    from newsevents.quotes import extract_speech
    from newsevents.settings import load_settings
    from newsevents.temporal import resolve_dates

    settings = load_settings()
    docs = documents()
    out = {}
    for d, doc in zip(docs, parse([d["text"] for d in docs], batch_size=16)):
        pub = date.fromisoformat(d["published"])
        art = Article(id=hashlib.sha256(d["text"].encode()).hexdigest(), text=d["text"],
                      title=d["title"], published=pub)
        mentions = resolve_actors(doc, pub, settings)
        times = resolve_dates(doc, pub, settings)
        places = resolve_places(doc, mentions, settings)
        speech = extract_speech(doc, mentions, times, pub, settings)
        args = (doc, art, mentions, times, places, speech, settings)
        out[d["id"]] = {
            "events": [dataclasses.asdict(e) for e in extract_events(*args)],
            "rules": [dataclasses.asdict(e) for e in rule_events(*args)],
            "permissive": [dataclasses.asdict(e) for e in rule_events(*args, permissive=True)],
        }
    return out


def compare(a: Path, b: Path) -> int:
    """Print where two dumps differ; 0 when they are identical."""
    da, db = (json.loads(p.read_text(encoding="utf-8")) for p in (a, b))
    bad = 0
    for k in sorted(set(da) | set(db)):
        for part in ("events", "rules", "permissive"):
            x, y = da.get(k, {}).get(part), db.get(k, {}).get(part)
            if x != y:
                bad += 1
                if bad <= 10:
                    print(f"differs: {k} {part} ({len(x or [])} vs {len(y or [])} events)")
    n = sum(len(v["events"]) for v in da.values())
    print(f"documents {len(da)}, events {n}, permissive readings "
          f"{sum(len(v['permissive']) for v in da.values())}: "
          + ("identical" if not bad else f"{bad} differences"))
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--compare"] and len(argv) == 3:
        return compare(Path(argv[1]), Path(argv[2]))
    if len(argv) != 1:
        print("Error: give the output file (or --compare A.json B.json).", file=sys.stderr)
        return 1
    data = dump()
    Path(argv[0]).write_text(json.dumps(data, sort_keys=True, default=str, indent=0), encoding="utf-8")
    print(f"{len(data)} documents, {sum(len(v['events']) for v in data.values())} events → {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
