"""Runs the stages in order over a batch and collects rejections.

``extract`` codes one document and stores nothing; ``extract_many`` streams
many documents through one loaded model; ``ingest`` writes them to the store
in batches, one transaction each.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from . import __version__
from .actors import resolve_actors
from .budget import budget_rejection, code_articles
from .clean import clean_document, drop_recurring_lines
from .errors import InputError, NewsEventsError
from .events import extract_events
from .ingest import iter_documents, read_document
from .models import Article, Coded, RawDocument, Rejected
from .nlp import load_nlp
from .places import resolve_places
from .quotes import extract_speech
from .settings import Settings, load_settings
from .store.ledger import link_ledger
from .temporal import resolve_dates

CODED_LANGUAGES = ("en",)


def code_article(article: Article, doc, settings: Settings) -> Coded:
    """Run actors → dates → places → speech → events over one parsed article.

    A stage that fails on one article (a bug, never the input's fault) does
    not stop a batch: the article comes back with ``error`` set, and ingest
    records it as rejected (``coding-error``) instead of storing it half-coded.
    """
    if article.language not in (None, *CODED_LANGUAGES):
        return Coded(article=article)
    try:
        return _code_stages(article, doc, settings)
    except Exception as exc:  # one article's failure must not lose the batch
        return Coded(article=article, error=f"{type(exc).__name__}: {exc}"[:300])


def coding_rejection(coded: Coded) -> Rejected:
    """The rejection recorded for an article a stage failed on (or ran out of time on)."""
    return budget_rejection(coded) or Rejected(coded.article.source or coded.article.id, "nlp", "coding-error",
                    f"a coding stage failed on this article ({coded.error}); it was not stored. "
                    "Please report it; re-running ingest after an upgrade codes it.")


def _code_stages(article: Article, doc, settings: Settings) -> Coded:
    published = article.published or date.today()
    mentions = resolve_actors(doc, published, settings)
    times = resolve_dates(doc, published, settings)
    places = resolve_places(doc, mentions, settings)
    speech = extract_speech(doc, mentions, times, published)
    events = extract_events(doc, article, mentions, times, places, speech, settings)
    if settings.min_confidence > 0:
        events = [e for e in events if e.confidence >= settings.min_confidence]
    return Coded(
        article=article, events=tuple(events), mentions=tuple(mentions), times=tuple(times),
        places=tuple(places), quotes=tuple(speech.quotes), claims=tuple(speech.claims),
        responses=tuple(speech.responses))


def _coded_language(article: Article) -> bool:
    return article.language in (None, *CODED_LANGUAGES)


def _parse_articles(articles: list[Article], settings: Settings) -> list[Coded]:
    """Parse and code a batch, streaming one Doc at a time, in input order.

    Inside spaCy's memory zone, so the strings a batch adds to the vocabulary
    are freed afterwards: a long ingest's memory stays flat instead of
    growing with every new word. Coded records hold plain Python values,
    never spaCy objects, so they outlive the zone.
    """
    nlp = load_nlp(settings.model)
    with nlp.memory_zone():
        # Each article within its budget (long texts in pieces, a deadline each).
        return code_articles(articles, settings, code_article, _coded_language)


def extract(document: str | bytes | RawDocument, *, published: str | date | None = None,
            url: str | None = None, settings: Settings | None = None) -> Coded:
    """Code one document (HTML or text) and return everything found; stores nothing.

    Raises :class:`InputError` when the document cannot be used.

    >>> coded = extract("Iran fired missiles at Israel on Tuesday.", published="2024-04-24")  # doctest: +SKIP
    >>> coded.events[0].type  # doctest: +SKIP
    'ASSAULT'
    """
    settings = settings or load_settings()
    raw = document if isinstance(document, RawDocument) else RawDocument(
        source="<text>", content=document)
    raw = _with_hints(raw, published, url)
    result = clean_document(raw, settings)
    if isinstance(result, Rejected):
        raise InputError(f"{result.source}: {result.detail or result.reason}")
    coded = _parse_articles([result], settings)[0]
    if coded.error:
        raise NewsEventsError(f"{raw.source}: {coding_rejection(coded).detail}")
    return coded


def _with_hints(raw: RawDocument, published: str | date | None, url: str | None) -> RawDocument:
    if published is not None:
        raw = replace(raw, published=published.isoformat() if isinstance(published, date)
                      else str(published))
    if url is not None:
        raw = replace(raw, url=url)
    return raw


def extract_path(path: str, *, published: str | date | None = None, url: str | None = None,
                 settings: Settings | None = None) -> Coded:
    """Read a file (or ``-`` for stdin) and :func:`extract` it."""
    settings = settings or load_settings()
    return extract(read_document(path, settings), published=published, url=url,
                   settings=settings)


def extract_many(items: Iterable[RawDocument | Rejected], settings: Settings | None = None,
                 batch_docs: int | None = None) -> Iterator[Coded | Rejected]:
    """Clean, parse and code a stream of documents, one model for all, in input order."""
    settings = settings or load_settings()
    size = batch_docs or settings.ingest_batch_docs
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        cleaned = [item if isinstance(item, Rejected) else clean_document(item, settings)
                   for item in batch]
        articles = [c for c in cleaned if isinstance(c, Article)]
        coded = iter(_parse_articles(articles, settings))
        for c in cleaned:
            if isinstance(c, Rejected):
                yield c
                continue
            done = next(coded)
            yield coding_rejection(done) if done.error else done


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


ProgressFn = Callable[[int, int], None]  # (documents done, new articles)


def ingest(inputs: Iterable[str], store, settings: Settings | None = None,
           progress: ProgressFn | None = None) -> IngestReport:
    """Ingest files, folders, corpora, WARC files or URLs into an open store.

    Each batch of ``settings.ingest_batch_docs`` documents is one transaction.
    Articles already in the store are not parsed again, so a re-run resumes
    an interrupted ingest and a repeated ingest changes nothing. Parsing runs
    on ``settings.workers`` processes (0: all cores); this process stays the
    single writer. ``settings.engine == "spark"`` runs it on Spark instead
    (:func:`newsevents.engines.spark.ingest_spark`, master ``$SPARK_MASTER``
    or ``local[*]``). The run records the package, model and lexicon
    versions and the settings (:func:`newsevents.engines.runinfo.run_record`).

    >>> report = ingest(["pages/"], open_store("my.duckdb"))  # doctest: +SKIP
    """
    from .engines.local import code_batches
    from .engines.runinfo import model_version as package_model_version
    from .engines.runinfo import run_record

    settings = settings or load_settings()
    inputs = list(inputs)
    if settings.engine == "spark":
        from .engines.spark import ingest_spark

        return ingest_spark(inputs, store, settings, progress=progress)
    if settings.engine != "local":
        raise InputError(f"engine {settings.engine!r} is not available; use local or spark")
    t0 = time.perf_counter()
    report = IngestReport()
    workers = default_workers(settings)
    run_id = store.start_run(__version__, package_model_version(settings.model),
                             run_record(settings, "local", workers), inputs)
    report.run_id = run_id
    stream = iter(iter_documents(inputs, settings))
    seen: set[str] = set()

    def batches():
        while batch := list(itertools.islice(stream, settings.ingest_batch_docs)):
            batch = _drop_site_furniture(batch)
            cleaned = [item if isinstance(item, Rejected) else clean_document(item, settings)
                       for item in batch]
            new_articles, rejected = [], []
            known = store.known_articles(c.id for c in cleaned if isinstance(c, Article))
            for c in cleaned:
                # `seen` before `known`: a repeat within this run is a duplicate however
                # far ahead of the writer the reader is, so the outcome never depends
                # on the worker count (engines/spark.py decides the same way).
                if isinstance(c, Rejected):
                    rejected.append(c)
                elif c.id in seen:
                    rejected.append(Rejected(c.source, "clean", "duplicate",
                                             f"same cleaned text as article {c.id[:12]}"))
                elif c.id in known:
                    report.already_stored += 1
                    seen.add(c.id)
                else:
                    seen.add(c.id)
                    new_articles.append(c)
            yield (len(batch), rejected), new_articles

    work = batches()
    head = list(itertools.islice(work, 2))
    if len(head) < 2:
        workers = 1  # one batch in all: starting worker processes would cost more than it saves
    work = itertools.chain(head, work)
    try:
        for (n_docs, rejected), coded in code_batches(work, settings, workers):
            if any(c.error for c in coded):
                rejected = rejected + [coding_rejection(c) for c in coded if c.error]
                coded = [c for c in coded if not c.error]
            store.write_batch(coded, rejected, run_id)
            report.documents += n_docs
            report.articles += len(coded)
            report.rejected += len(rejected)
            report.events += sum(len(c.events) for c in coded)
            for r in rejected:
                report.reasons[r.reason] = report.reasons.get(r.reason, 0) + 1
            if progress:
                progress(report.documents, report.articles)
    except BaseException:
        store.finish_run(run_id, documents=report.documents, articles=report.articles,
                         rejected=report.rejected, events=report.events, status="interrupted")
        raise
    if report.articles:
        # Denials in this batch may answer claims stored from earlier articles.
        report.linked_responses = link_ledger(store)
    report.seconds = time.perf_counter() - t0
    store.finish_run(run_id, documents=report.documents, articles=report.articles,
                     rejected=report.rejected, events=report.events)
    return report


def _drop_site_furniture(batch: list[RawDocument | Rejected]) -> list[RawDocument | Rejected]:
    """Cut lines that recur across the batch's pages of one site (the CCNet filter)."""
    raws = [item for item in batch if not isinstance(item, Rejected)]
    if len(raws) < 3:
        return batch
    cleaned = iter(drop_recurring_lines(raws))
    return [item if isinstance(item, Rejected) else next(cleaned) for item in batch]


def default_workers(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1
