"""Code batches of articles on every core of this machine.

The main process reads, cleans, de-duplicates and writes (the single writer
to the store); worker processes each load the spaCy model once and parse and
code the batches they are sent. Where the platform has it, workers are
forked from a fork server that has already loaded the model and lexicons
(:mod:`newsevents.engines.warm`), so they share those pages instead of each
loading a copy. At most ``2 × workers`` batches are in
flight, so memory stays bounded whatever the corpus size, and results come
back in submission order, so the store ends the same whatever the worker
count.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict
from typing import TypeVar

from ..models import Article, Coded
from ..settings import Settings
from . import warm

T = TypeVar("T")

_worker_settings: Settings | None = None

# "spawn" gives every worker its own copy of the model and lexicons (~1.8 GB
# for 2 workers); kept as a fallback and for measuring the difference.
START_METHOD_ENV = "NEWSEVENTS_START_METHOD"
WORKER_CHUNK = 16  # articles per worker task


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    from ..nlp import load_nlp

    load_nlp(settings.model)


def _code_in_worker(articles: list[Article]) -> list[Coded]:
    from ..pipeline import _parse_articles

    assert _worker_settings is not None
    try:
        return list(_parse_articles(articles, _worker_settings))
    finally:
        release_freed_memory()


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release_freed_memory() -> None:
    """Give memory freed by the last batch back to the system (glibc only).

    A batch's parse leaves 100-150 MB of freed but still mapped heap per
    process; glibc keeps it for reuse and RSS never drops. Trimming after
    each batch costs a few milliseconds and keeps each process near its
    loaded size. Elsewhere (no glibc) it does nothing.

    >>> release_freed_memory()
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def code_batches(batches: Iterable[tuple[T, list[Article]]], settings: Settings,
                 workers: int) -> Iterator[tuple[T, list[Coded]]]:
    """Parse and code each batch's articles; yields ``(tag, coded)`` in input order.

    ``tag`` travels with the batch untouched (the caller keeps its
    rejections there). With ``workers <= 1`` everything runs in this process.

    >>> for tag, coded in code_batches([("b1", articles)], settings, 2): ...  # doctest: +SKIP
    """
    if workers <= 1:
        from ..pipeline import _parse_articles

        for tag, articles in batches:
            coded = list(_parse_articles(articles, settings))
            release_freed_memory()
            yield tag, coded
        return
    # Workers get a fixed hash seed: coding must not depend on set order, but
    # where it still does, every worker then agrees with every other (see docs/scale.md).
    os.environ.setdefault("PYTHONHASHSEED", "0")
    context = _context(settings)
    pending: deque[tuple[T, list[Future]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        try:
            for tag, articles in batches:
                # Workers get the batch in chunks: a worker's scratch memory grows
                # with the articles parsed in one call, and more, smaller tasks
                # also keep both workers busy to the end of a short run.
                futures = [pool.submit(_code_in_worker, articles[i:i + WORKER_CHUNK])
                           for i in range(0, len(articles), WORKER_CHUNK)]
                pending.append((tag, futures))
                while len(pending) > 2 * workers:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        except BaseException:
            _stop(pool)
            raise


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued batches and end the workers now (Ctrl-C or an error in the writer).

    Without the terminate, leaving the pool waits for the batches already
    handed to the workers: a worker turns Ctrl-C into an error for its
    current task and then carries on with the next, so a stop took ~30 s.
    Workers never write to the store, so ending them loses nothing.
    """
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _context(settings: Settings):
    """A fork-server context whose server has the model and lexicons loaded.

    The fork server is started once per process; a later run with other
    settings still gets correct workers (each loads what it lacks) but
    shares less.

    >>> _context(Settings()).get_start_method()  # doctest: +SKIP
    'forkserver'
    """
    method = os.environ.get(START_METHOD_ENV, "forkserver")
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"  # e.g. Windows: no fork server
    context = multiprocessing.get_context(method)
    if method != "forkserver":
        return context
    from multiprocessing import forkserver

    context.set_forkserver_preload([warm.__name__])
    # The server inherits this process's environment when it starts (here,
    # and only the first time), so that is how it learns the run's settings.
    saved = os.environ.get(warm.ENV)
    os.environ[warm.ENV] = json.dumps(asdict(settings))
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            os.environ.pop(warm.ENV, None)
        else:
            os.environ[warm.ENV] = saved
    return context


def _result(item: tuple[T, list[Future]]) -> tuple[T, list[Coded]]:
    tag, futures = item
    coded = [c for future in futures for c in future.result()]
    release_freed_memory()  # the writer's side: cleaned pages and unpickled results
    return tag, coded


Coder = Callable[[Iterable[tuple[T, list[Article]]], Settings, int],
                 Iterator[tuple[T, list[Coded]]]]
