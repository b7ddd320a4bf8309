"""Quotes stage cost against the spaCy parse on the VOA corpus, in one run.

    python benchmarks/bench_quotes.py [--corpus FILE.jsonl] [--budget 0.10] [--long 40]

Parses every story once (timed), then runs ``extract_speech`` over the parsed
docs (timed, with entity-based mentions built outside the timer). Prints the
ratio quotes time / parse time; the budget is 10 %. Exit code 1 above budget.

With ``--long N`` it also joins the first N stories into one long text and
prints the quotes time of that one document over the quotes time of the same
N stories one by one: near 1 when the stage is linear in the text, growing
with N when it is not (speaker look-ups scanned every entity per cue).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
DEFAULT = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", default=str(DEFAULT))
    ap.add_argument("--budget", type=float, default=0.10)
    ap.add_argument("--long", type=int, default=0, metavar="N",
                    help="also time one text made of the first N stories against them one by one")
    args = ap.parse_args(argv)
    if not Path(args.corpus).is_file():
        print(f"corpus {args.corpus} not found; pass --corpus FILE.jsonl")
        return 1
    from newsevents.models import Actor, Mention
    from newsevents.nlp import load_nlp
    from newsevents.quotes import extract_speech
    from newsevents.quotes.lexicon import lexicon
    from newsevents.settings import load_settings

    with open(args.corpus, encoding="utf-8") as fh:
        rows = [json.loads(x) for x in fh if x.strip()]
    texts = [r["text"] for r in rows]
    settings = load_settings()
    nlp = load_nlp(settings.model)
    list(nlp.pipe(texts[:4]))  # warm up
    lexicon()
    # one-off loads, not per-document cost: the ledger weights and the events lexicon the
    # claim features read (the pipeline's events stage loads that lexicon anyway)
    from newsevents.quotes.learned import event_words, load_models

    load_models()
    event_words()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse_s = time.perf_counter() - t0
    mentions = [[Mention(e.text, e.start_char, e.end_char, Actor(e.text, None, kind="state"))
                 for e in d.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")] for d in docs]
    published = [date.fromisoformat(r.get("published", "2025-01-01")[:10]) for r in rows]
    t0 = time.perf_counter()
    n_quotes = n_claims = n_resp = 0
    for d, m, p in zip(docs, mentions, published):
        s = extract_speech(d, m, [], p)
        n_quotes += len(s.quotes)
        n_claims += len(s.claims)
        n_resp += len(s.responses)
    quotes_s = time.perf_counter() - t0
    ratio = quotes_s / parse_s
    try:
        from machine import describe
        print(describe())
    except ImportError as exc:  # the machine line is informative only
        print(f"(machine description unavailable: {exc})")
    words = sum(len(t.split()) for t in texts)
    print(f"docs {len(docs)}  words {words}  parse {parse_s:.2f} s  quotes {quotes_s:.3f} s  "
          f"ratio {ratio:.3f} (budget {args.budget:.2f})  quotes {n_quotes} claims {n_claims} "
          f"responses {n_resp}")
    if args.long:
        _long_text(nlp, texts[:args.long], docs[:args.long], mentions[:args.long])
    return 0 if ratio <= args.budget else 1


def _entity_mentions(doc):
    from newsevents.models import Actor, Mention

    return [Mention(e.text, e.start_char, e.end_char, Actor(e.text, None, kind="state"))
            for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]


def _long_text(nlp, texts, docs, mentions) -> None:
    """Quotes time on one text joined from ``texts`` over their time one by one."""
    from newsevents.nlp import index_sentences
    from newsevents.quotes import extract_speech

    nlp.max_length = max(nlp.max_length, sum(len(t) + 2 for t in texts))
    joined = index_sentences(nlp("\n\n".join(texts)))
    joined_mentions = _entity_mentions(joined)
    docs = [index_sentences(d) for d in docs]  # both sides with the pipeline's sentence index
    t0 = time.perf_counter()
    for d, m in zip(docs, mentions):
        extract_speech(d, m, [], None)
    apart_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    speech = extract_speech(joined, joined_mentions, [], None)
    long_s = time.perf_counter() - t0
    print(f"long text: {len(texts)} stories, {len(joined.text):,} characters, {len(joined):,} "
          f"tokens, {len(joined.ents):,} entities  quotes {long_s:.3f} s as one text, "
          f"{apart_s:.3f} s one by one  ratio {long_s / apart_s:.2f}  "
          f"(quotes {len(speech.quotes)})")


if __name__ == "__main__":
    sys.exit(main())
