"""Entry points over the one coding path (:mod:`newsevents.coding`).

``extract`` codes one document and stores nothing; ``extract_many`` streams
many documents through one loaded model; ``ingest`` writes them to the store
in batches, one transaction each (locally, or on Spark via
``engines.spark``); ``ingest_documents`` does the same for documents held in
memory.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from . import __version__
from .clean import clean_document
from .coding import (
    CODED_LANGUAGES,
    DUPLICATE,
    NEW,
    STORED,
    DuplicateGate,
    IngestReport,
    book_batch,
    code_article,
    code_articles,
    coding_rejection,
    drop_site_furniture,
    finish_run,
    split_coded,
)
from .errors import InputError, NewsEventsError
from .ingest import iter_documents, read_document
from .models import Article, Coded, RawDocument, Rejected
from .settings import Settings, load_settings

# Re-exported: the public names of the coding path live in ``coding``.
__all__ = ["CODED_LANGUAGES", "IngestReport", "code_article", "coding_rejection", "extract",
           "extract_many", "extract_path", "ingest", "ingest_documents", "default_workers"]


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
    coded = code_articles([result], settings)[0]
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
    """Clean, parse and code a stream of documents, one model for all, in input order.

    The same path as ``ingest`` (furniture filter, cleaning, coding) without
    the store: no duplicate decision, so every document gets a line.
    """
    settings = settings or load_settings()
    size = batch_docs or settings.ingest_batch_docs
    iterator = drop_site_furniture(items)
    while batch := list(itertools.islice(iterator, size)):
        cleaned = [item if isinstance(item, Rejected) else clean_document(item, settings)
                   for item in batch]
        coded = iter(code_articles([c for c in cleaned if isinstance(c, Article)], settings))
        for c in cleaned:
            if isinstance(c, Rejected):
                yield c
                continue
            done = next(coded)
            yield coding_rejection(done) if done.error else done


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
    settings = settings or load_settings()
    inputs = [str(i) for i in inputs]
    if settings.engine == "spark":
        from .engines.spark import ingest_spark

        return ingest_spark(inputs, store, settings, progress=progress)
    if settings.engine != "local":
        raise InputError(f"engine {settings.engine!r} is not available; use local or spark")
    return ingest_documents(iter_documents(inputs, settings), store, settings,
                            progress=progress, inputs=inputs)


def ingest_documents(documents: Iterable[RawDocument | Rejected], store,
                     settings: Settings | None = None, progress: ProgressFn | None = None,
                     inputs: list[str] | None = None) -> IngestReport:
    """Ingest documents already in memory (``RawDocument``) into an open store, locally.

    What :func:`ingest` does after reading its inputs; the HTTP API's
    ``POST /api/ingest`` calls it with the posted documents. ``inputs``
    names what the run records as its inputs.

    >>> ingest_documents([RawDocument("a.txt", "Iran fired missiles at Israel.")],
    ...                  open_store(":memory:"))  # doctest: +SKIP
    """
    from .engines.local import code_batches
    from .engines.runinfo import model_version as package_model_version
    from .engines.runinfo import run_record

    settings = settings or load_settings()
    workers = default_workers(settings)
    report = IngestReport()
    report.run_id = store.start_run(__version__, package_model_version(settings.model),
                                    run_record(settings, "local", workers),
                                    inputs if inputs is not None else ["<documents>"])
    stream = drop_site_furniture(documents)
    gate = DuplicateGate()

    def batches():
        while batch := list(itertools.islice(stream, settings.ingest_batch_docs)):
            cleaned = [item if isinstance(item, Rejected) else clean_document(item, settings)
                       for item in batch]
            articles = [c for c in cleaned if isinstance(c, Article)]
            verdicts = iter(gate.decide([a.id for a in articles],
                                        store.known_articles(a.id for a in articles)))
            new_articles, rejected, stored = [], [], 0
            for c in cleaned:
                if isinstance(c, Rejected):
                    rejected.append(c)
                    continue
                verdict = next(verdicts)
                if verdict == DUPLICATE:
                    rejected.append(DuplicateGate.duplicate(c))
                elif verdict == STORED:
                    stored += 1
                elif verdict == NEW:
                    new_articles.append(c)
            yield (len(batch), rejected, stored), new_articles

    work = batches()
    head = list(itertools.islice(work, 2))
    if len(head) < 2:
        workers = 1  # one batch in all: starting worker processes would cost more than it saves
    work = itertools.chain(head, work)
    try:
        for (n_docs, rejected, stored), coded in code_batches(work, settings, workers):
            coded, failed = split_coded(coded)
            rejected = rejected + failed
            store.write_batch(coded, rejected, report.run_id)
            report.already_stored += stored
            book_batch(report, documents=n_docs, articles=len(coded),
                       events=sum(len(c.events) for c in coded),
                       reasons=[r.reason for r in rejected])
            if progress:
                progress(report.documents, report.articles)
    except BaseException:
        finish_run(store, report, interrupted=True)
        raise
    return finish_run(store, report)


def default_workers(settings: Settings) -> int:
    return settings.workers or os.cpu_count() or 1
