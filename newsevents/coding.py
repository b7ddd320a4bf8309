"""The one coding path: what every engine and ``extract --jsonl`` do to a document.

Engines only decide *where* the work runs (this process, worker processes,
Spark executors); *what* is done is defined here, once:

1. :func:`drop_site_furniture` — the recurring-line filter, over consecutive
   windows of ``FURNITURE_WINDOW_DOCS`` documents of the input stream (the
   same windows whatever the engine, worker count or transaction size);
2. ``clean.clean_document`` — in the engine's executor;
3. :class:`DuplicateGate` — which cleaned articles are new, which repeat an
   earlier one in this run (``duplicate``) and which the store already holds;
4. :func:`code_articles` — the batch coder: parses a batch with one loaded
   model and calls :func:`code_article` on each article; a failing stage
   becomes :func:`coding_rejection`, naming the stage;
5. :class:`IngestReport` with :func:`book_batch` and :func:`finish_run` — the
   run bookkeeping; :func:`finish_run` links the claims ledger across
   articles (``store.ledger.link_ledger``) after every load.

Nothing here imports an engine or the pipeline, so both can import it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from . import budget
from .actors import resolve_actors
from .clean import drop_recurring_lines
from .events import extract_events
from .models import Article, Coded, RawDocument, Rejected
from .nlp import load_nlp
from .places import resolve_places
from .quotes import extract_speech
from .quotes.agree import agree
from .settings import Settings
from .temporal import resolve_dates

CODED_LANGUAGES = ("en",)
# Documents the recurring-line filter looks at together. Fixed, so cleaning
# never depends on the engine, the worker count or ``ingest_batch_docs``; large
# enough that a site's furniture recurs within it, small enough to hold.
FURNITURE_WINDOW_DOCS = 512


def coded_language(article: Article) -> bool:
    """True when the article's language is one the coder handles (or unknown).

    >>> coded_language(Article(id="a", text="x", title=None, published=None, language="fr"))
    False
    """
    return article.language in (None, *CODED_LANGUAGES)


class _StageError(Exception):
    def __init__(self, stage: str, exc: Exception) -> None:
        super().__init__(f"{type(exc).__name__}: {exc}")
        self.stage = stage


def _run(stage: str, fn, *args):
    try:
        return fn(*args)
    except Exception as exc:  # the stage is named in the rejection
        raise _StageError(stage, exc) from exc


def code_article(article: Article, doc, settings: Settings) -> Coded:
    """Run actors → dates → places → speech → events over one parsed article.

    The single per-article step every engine runs (a guard such as a time
    budget wraps it here). A stage that fails on one article (a bug, never
    the input's fault) does not stop a batch: the article comes back with
    ``error`` and ``error_stage`` set, and is recorded as rejected
    (``coding-error``) instead of stored half-coded.

    >>> code_article(Article(id="a", text="Bonjour", title=None, published=None,
    ...                      language="fr"), None, Settings()).events
    ()
    """
    if not coded_language(article):
        return Coded(article=article)
    try:
        return _code_stages(article, doc, settings)
    except _StageError as exc:
        return Coded(article=article, error=str(exc)[:300], error_stage=exc.stage)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the batch
        return Coded(article=article, error=f"{type(exc).__name__}: {exc}"[:300],
                     error_stage="coding")


def _code_stages(article: Article, doc, settings: Settings) -> Coded:
    published = article.published or date.today()
    mentions = _run("actors", resolve_actors, doc, published, settings)
    times = _run("temporal", resolve_dates, doc, published, settings)
    places = _run("places", resolve_places, doc, mentions, settings)
    speech = _run("quotes", extract_speech, doc, mentions, times, published, settings)
    events = _run("events", extract_events, doc, article, mentions, times, places, speech,
                  settings)
    # the ledger and the events agree: nothing inside a claim is recorded as fact
    events, speech = agree(list(events), speech, article.text)
    if settings.min_confidence > 0:
        events = [e for e in events if e.confidence >= settings.min_confidence]
    return Coded(
        article=article, events=tuple(events), mentions=tuple(mentions), times=tuple(times),
        places=tuple(places), quotes=tuple(speech.quotes), claims=tuple(speech.claims),
        responses=tuple(speech.responses))


def coding_rejection(coded: Coded) -> Rejected:
    """The rejection recorded for an article a stage failed on; ``stage`` names that stage.

    >>> a = Article(id="a1", text="t", title=None, published=None, source="f.txt")
    >>> coding_rejection(Coded(article=a, error="KeyError: 'x'", error_stage="places")).stage
    'places'
    """
    over = budget.budget_rejection(coded)
    if over is not None:
        return over
    return Rejected(coded.article.source or coded.article.id, coded.error_stage or "coding",
                    "coding-error",
                    f"the {coded.error_stage or 'coding'} stage failed on this article "
                    f"({coded.error}); it was not stored. "
                    "Please report it; re-running ingest after an upgrade codes it.")


def code_articles(articles: list[Article], settings: Settings) -> list[Coded]:
    """The batch coder: parse a batch with one model and code each article, in input order.

    Inside spaCy's memory zone, so the strings a batch adds to the vocabulary
    are freed afterwards: a long ingest's memory stays flat instead of
    growing with every new word. Coded records hold plain Python values,
    never spaCy objects, so they outlive the zone.

    >>> code_articles([], Settings())  # doctest: +SKIP
    []
    """
    nlp = load_nlp(settings.model)
    with nlp.memory_zone():
        # each article within its budget: long texts in pieces, a deadline each
        return budget.code_articles(articles, settings, code_article, coded_language)


def split_coded(coded: Iterable[Coded]) -> tuple[list[Coded], list[Rejected]]:
    """Coded articles to store, and the coding-error rejections of the others.

    >>> a = Article(id="a1", text="t", title=None, published=None)
    >>> ok, bad = split_coded([Coded(article=a), Coded(article=a, error="E", error_stage="events")])
    >>> len(ok), bad[0].reason
    (1, 'coding-error')
    """
    ok, bad = [], []
    for c in coded:
        (bad if c.error else ok).append(coding_rejection(c) if c.error else c)
    return ok, bad


def drop_site_furniture(items: Iterable[RawDocument | Rejected],
                        window: int = FURNITURE_WINDOW_DOCS) -> Iterator[RawDocument | Rejected]:
    """The input stream with lines recurring across one site's pages cut (the CCNet filter).

    Runs over consecutive windows of ``window`` documents in input order, so
    every engine sees the same windows; within a window the filter is
    ``clean.drop_recurring_lines``. Rejections pass through in place.

    >>> docs = [RawDocument(f"p{i}", f"Story {i}.\\nFollow us", url=f"https://s.org/{i}")
    ...         for i in range(3)]
    >>> [d.content for d in drop_site_furniture(docs)]
    ['Story 0.', 'Story 1.', 'Story 2.']
    """
    stream = iter(items)
    while batch := list(itertools.islice(stream, max(window, 1))):
        raws = [item for item in batch if not isinstance(item, Rejected)]
        if len(raws) < 3:
            yield from batch
            continue
        cleaned = iter(drop_recurring_lines(raws))
        for item in batch:
            yield item if isinstance(item, Rejected) else next(cleaned)


NEW, DUPLICATE, STORED = "new", "duplicate", "stored"


class DuplicateGate:
    """Decides, in input order, which cleaned articles of a run are new.

    An article whose id was seen earlier in this run is a ``duplicate``
    (rejected), one the store already holds is ``stored`` (counted, not
    coded again), the rest are ``new``. ``seen`` is checked before the
    store, so the outcome never depends on how far the reader runs ahead of
    the writer.

    >>> gate = DuplicateGate()
    >>> gate.decide(["a", None, "a", "b"], known={"b"})
    ['new', None, 'duplicate', 'stored']
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def decide(self, ids: Iterable[str | None], known: set[str]) -> list[str | None]:
        """One verdict per id (``None`` for an item that is not an article)."""
        out: list[str | None] = []
        for aid in ids:
            if aid is None:
                out.append(None)
            elif aid in self.seen:
                out.append(DUPLICATE)
            else:
                self.seen.add(aid)
                out.append(STORED if aid in known else NEW)
        return out

    @staticmethod
    def duplicate(article: Article) -> Rejected:
        """The rejection recorded for a repeat within the run."""
        return Rejected(article.source, "clean", "duplicate",
                        f"same cleaned text as article {article.id[:12]}")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: counts, and rejections by reason."""

    run_id: str = ""
    documents: int = 0
    articles: int = 0
    already_stored: int = 0
    rejected: int = 0
    events: int = 0
    linked_responses: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter, repr=False)


def book_batch(report: IngestReport, *, documents: int = 0, articles: int = 0, events: int = 0,
               reasons: Iterable[str] = ()) -> None:
    """Add one batch's counts to the run report.

    >>> r = IngestReport(); book_batch(r, documents=3, articles=2, reasons=["duplicate"])
    >>> (r.documents, r.articles, r.rejected, r.reasons)
    (3, 2, 1, {'duplicate': 1})
    """
    report.documents += documents
    report.articles += articles
    report.events += events
    for reason in reasons:
        report.rejected += 1
        report.reasons[reason] = report.reasons.get(reason, 0) + 1


def finish_run(store, report: IngestReport, *, interrupted: bool = False,
               link: bool = True) -> IngestReport:
    """Close a run: link the claims ledger across articles (after any load), record the run.

    Denials in this run may answer claims stored from earlier articles (or
    from other articles of this run), whatever engine stored them. ``link``
    is False only when the run stored no articles (Spark with ``load=False``).
    """
    if link and not interrupted and report.articles:
        from .store.ledger import link_ledger

        # only pairs with a side in this run's articles are new (and in those of
        # runs that never reached their link step: interrupted, killed, or
        # written outside a run), so the link step grows with the run, not the store
        fresh = [r[0] for r in store.con.execute(
            "SELECT a.id FROM articles a LEFT JOIN runs r ON r.run_id = a.run_id "
            "WHERE r.status IS NULL OR r.status <> 'done'").fetchall()]
        store.release()
        report.linked_responses = link_ledger(store, articles=fresh)
    report.seconds = time.perf_counter() - report.started
    store.finish_run(report.run_id, documents=report.documents, articles=report.articles,
                     rejected=report.rejected, events=report.events,
                     **({"status": "interrupted"} if interrupted else {}))
    return report
