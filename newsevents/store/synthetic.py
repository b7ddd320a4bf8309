"""Deterministic synthetic Coded records, for tests, benchmarks and the fault test.

Nothing here is used on real input: it builds records shaped like the
pipeline's output so the store can be exercised without the NLP stages.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from ..models import (
    Actor,
    Article,
    Claim,
    Coded,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    Response,
    Speaker,
)

COUNTRIES = (("USA", "United States"), ("RUS", "Russia"), ("UKR", "Ukraine"), ("IRN", "Iran"),
             ("ISR", "Israel"), ("PRK", "North Korea"), ("CHN", "China"), ("FRA", "France"),
             ("DEU", "Germany"), ("TUR", "Turkey"), ("SYR", "Syria"), ("IRQ", "Iraq"))
TYPES = ("CONSULT", "ACCUSE", "ASSAULT", "AGREE", "AID", "THREATEN", "PROTEST", "REQUEST")
WORDS = ["missile", "strike", "ceasefire", "talks", "border", "drone", "envoy", "sanctions", "aid", "convoy", "troops", "summit", "protest", "embassy", "minister", "accused", "agreement", "shelling"]


def actor(iso3: str, name: str, sector: str | None = "GOV") -> Actor:
    """A state actor, e.g. ``actor("IRN", "Iran")``."""
    return Actor(name=name, code=iso3 + (sector or ""), country=iso3, sector=sector)


def coded_article(key: str, published: date, events: list[dict], text: str | None = None,
                  url: str | None = None, near_duplicate_of: str | None = None) -> Coded:
    """One Coded article from event specs (dicts with type, source, target, date...).

    >>> c = coded_article("a", date(2024, 4, 24), [dict(type="ASSAULT", source=("IRN", "Iran"),
    ...                   target=("ISR", "Israel"), date="2024-04-13")])
    >>> c.events[0].type
    'ASSAULT'
    """
    sentences = []
    evs = []
    pos = 0
    for i, spec in enumerate(events):
        s_iso, s_name = spec["source"] if spec.get("source") else (None, None)
        t_iso, t_name = spec["target"] if spec.get("target") else (None, None)
        sentence = spec.get("sentence") or (
            f"{s_name or 'Someone'} {spec['type'].lower()} {t_name or 'someone'} "
            f"({key} #{i}).")
        sentences.append(sentence)
        span = (pos, pos + len(sentence))
        pos += len(sentence) + 1
        src = Mention(s_name, span[0], span[0] + len(s_name), actor(s_iso, s_name)) \
            if s_name else None
        tgt = Mention(t_name, span[0], span[0] + len(t_name), actor(t_iso, t_name, None)) \
            if t_name else None
        loc = spec.get("location")
        place = PlaceMention(loc[0], span[0], span[0] + len(loc[0]),
                             Place(loc[0], loc[1], loc[2], loc[3], feature=loc[4])) \
            if loc else None
        evs.append(Event(
            id=spec.get("id") or f"e{i}", type=spec["type"], mode=spec.get("mode"),
            cameo=spec.get("cameo"), source=src, target=tgt,
            date=spec.get("date") or published.isoformat(),
            date_precision=spec.get("precision", "day" if spec.get("date") else "unknown"),
            date_text=spec.get("date_text"), location=place,
            status=spec.get("status", "reported"),
            attributed_to=None, trigger=spec["type"].lower(), trigger_span=span,
            sentence=sentence, span=span, confidence=spec.get("confidence", 0.8),
            article_id=""))
    body = text if text is not None else " ".join(sentences) + f" [{key}]"
    aid = hashlib.sha256(body.encode()).hexdigest()
    art = Article(id=aid, text=body, title=f"Story {key}", published=published, url=url,
                  source=f"synthetic:{key}", near_duplicate_of=near_duplicate_of)
    mentions = tuple(m for e in evs for m in (e.source, e.target) if m is not None)
    claims, responses, quotes = (), (), ()
    if any(e.type == "ACCUSE" for e in evs):
        e = next(e for e in evs if e.type == "ACCUSE")
        claim = Claim(id="c0", claimant=e.source.actor if e.source else None,
                      accused=(e.target.actor,) if e.target else (), text="supplied drones",
                      span=e.span, cue="accused")
        claims = (claim,)
        responses = (Response(id="r0", claim_id="c0",
                              responder=e.target.actor if e.target else None, kind="denial",
                              text="denied it", span=e.span, cue="denied"),)
        quotes = (Quote(Speaker("A spokesperson", "spokesperson"), "said", "denied it", False,
                        e.span[0], e.span[1], e.span),)
    events_out = tuple(Event(**{**{f: getattr(e, f) for f in Event.__slots__},
                                "article_id": aid}) for e in evs)
    return Coded(article=art, events=events_out, mentions=mentions, quotes=quotes,
                 claims=claims, responses=responses)


def synthetic_corpus(n_articles: int, seed: int = 0, events_per_article: int = 4,
                     start: date = date(2024, 1, 1), days: int = 60) -> list[Coded]:
    """A reproducible corpus where many articles report the same underlying events.

    >>> len(synthetic_corpus(3))
    3
    """
    rng = random.Random(seed)
    pool = []  # underlying real-world events that articles re-report
    for _ in range(max(4, n_articles)):
        (s, sn), (t, tn) = rng.sample(COUNTRIES, 2)
        pool.append(dict(type=rng.choice(TYPES), source=(s, sn), target=(t, tn),
                         date=(start + timedelta(days=rng.randrange(days))).isoformat()))
    out = []
    for i in range(n_articles):
        specs = []
        for j in range(events_per_article):
            base = dict(pool[rng.randrange(len(pool))])
            base["sentence"] = (f"{base['source'][1]} and {base['target'][1]}: "
                                f"{' '.join(rng.sample(WORDS, 6))} ({i}.{j}).")
            base["id"] = f"e{j}"
            specs.append(base)
        pub = max(date.fromisoformat(s["date"]) for s in specs) + timedelta(days=rng.randrange(3))
        out.append(coded_article(f"s{seed}-{i}", pub, specs))
    return out


def ingest_synthetic(path: str, n_articles: int, batch: int = 16, seed: int = 0) -> int:
    """Ingest a synthetic corpus the way ``pipeline.ingest`` does, batch by batch.

    Already-stored articles are skipped, so an interrupted run resumes; used
    by the fault test (a child process killed at random points).

    >>> ingest_synthetic(":memory:", 4)
    4
    """
    from . import Store

    corpus = synthetic_corpus(n_articles, seed=seed)
    written = 0
    with Store(path) as store:
        run_id = store.start_run("synthetic", None, {"n": n_articles, "seed": seed}, [path])
        for i in range(0, len(corpus), batch):
            chunk = corpus[i:i + batch]
            known = store.known_articles(c.article.id for c in chunk)
            fresh = [c for c in chunk if c.article.id not in known]
            if fresh:
                written += store.write_batch(fresh, (), run_id)
        store.finish_run(run_id, documents=len(corpus), articles=written, rejected=0,
                         events=0)
    return written
