"""Code batches of articles on every core of this machine (an executor of :mod:`newsevents.coding`).

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
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, replace
from typing import TypeVar

from .. import coding
from ..models import Article, Coded
from ..settings import Settings
from . import warm
from .lifeline import PARENT_ENV, die_with_parent

T = TypeVar("T")

_worker_settings: Settings | None = None

# "spawn" gives every worker its own copy of the model and lexicons (~1.8 GB
# for 2 workers); kept as a fallback and for measuring the difference.
START_METHOD_ENV = "NEWSEVENTS_START_METHOD"
WORKER_CHUNK = 16  # articles per worker task
# A forked worker's private memory grows as it touches pages it shares with
# the fork server (reference counts written into the lexicons' objects): about
# 70 MB after its first tasks, 120 MB after 120 (docs/scale.md). Re-forking it
# every ``settings.worker_tasks`` tasks bounds that; a young worker codes ~4 %
# slower for its first few tasks, so the interval is long.
# spaCy's scratch memory grows with the text it parses together; besides the
# character bound in ``nlp.parse``, the local engine parses at most 4
# documents at a time (typical articles parse no faster 8 at a time).
PARSE_BATCH_MAX = 4


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    # A terminal's Ctrl-C reaches the whole process group; the main process
    # alone handles it (and ends the workers), so a worker never dies mid-task
    # with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker dies with its parent (the fork server, or this ingest when spawned),
    # so an ingest killed with SIGKILL leaves no process behind.
    die_with_parent()
    from ..nlp import load_nlp

    load_nlp(settings.model)


def _code_in_worker(articles: list[Article]) -> list[Coded]:
    assert _worker_settings is not None
    try:
        return list(coding.code_articles(articles, _worker_settings))
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
    spaCy gets at most ``PARSE_BATCH_MAX`` documents at a time, whatever
    ``settings.batch_size`` asks for, to bound each process's memory.

    >>> for tag, coded in code_batches([("b1", articles)], settings, 2): ...  # doctest: +SKIP
    """
    settings = replace(settings, batch_size=min(settings.batch_size, PARSE_BATCH_MAX))
    if workers <= 1:
        for tag, articles in batches:
            coded = list(coding.code_articles(articles, settings))
            release_freed_memory()
            yield tag, coded
        return
    # Coding no longer depends on the hash seed (tests/test_engines_equality.py
    # codes under two seeds); a fixed seed for the workers is only a safeguard.
    os.environ.setdefault("PYTHONHASHSEED", "0")
    context = _context(settings)
    pending: deque[tuple[T, list[Future]]] = deque()
    pool = _pool(workers, context, settings)
    with _LIVE_LOCK:
        _LIVE_POOLS.add(id(pool))
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
        # Not ``with pool``: its exit joins the pool's threads, and a stop must
        # not wait for anything (see _stop).
        _stop(pool, context)
        raise
    finally:
        with _LIVE_LOCK:
            _LIVE_POOLS.discard(id(pool))
    pool.shutdown(wait=True)


class _RecyclingPool(ProcessPoolExecutor):
    """A pool whose workers are replaced after ``max_tasks_per_child`` tasks.

    Python 3.11-3.13 can deadlock there (gh-115634): the pool replaces an
    exited worker only when its idle-worker count says none is idle, and that
    count goes stale. This pool replaces a worker whenever it has fewer than
    ``max_workers``, as the upstream fix does.
    """

    def _adjust_process_count(self):
        # After shutdown(wait=False) the pool has let go of its processes
        # (None): the manager thread used to die here with a TypeError when a
        # worker left during a stop, and then nobody closed the pool's queues
        # (upstream gh-132969 has the same guard).
        while self._processes is not None and len(self._processes) < self._max_workers:
            self._spawn_process()


def _pool(workers: int, context, settings: Settings) -> ProcessPoolExecutor:
    """Worker processes, recycled every ``settings.worker_tasks`` tasks when forked from a warm server.

    Spawned workers load the model themselves (seconds), so they are kept.

    >>> with _pool(2, _context(Settings()), Settings()) as pool: ...  # doctest: +SKIP
    """
    tasks = settings.worker_tasks  # (env NEWSEVENTS_WORKER_TASKS, as every setting)
    if context.get_start_method() != "forkserver" or tasks <= 0:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                   initargs=(settings,))
    return _RecyclingPool(workers, mp_context=context, initializer=_init_worker,
                          initargs=(settings,), max_tasks_per_child=tasks)


# Pools running in this process: the fork server is ended on a stop only when
# no other run (another thread's ingest, e.g. the web server's) still uses it.
_LIVE_POOLS: set[int] = set()
_LIVE_LOCK = threading.Lock()


def _stop(pool: ProcessPoolExecutor, context=None) -> None:
    """Cancel queued batches and end the workers now, waiting for nothing (Ctrl-C, or an error in the writer).

    The workers are ended first: ``shutdown`` forgets the pool's processes,
    and workers left running finish every task already queued for them (a
    stop took 24-35 s, and with recycled workers it could hang). Workers
    never write to the store, so ending them loses nothing.

    Three ways a stop used to wait, found by interrupting the main thread
    while it waited for the fork server to start a worker (which it does on
    ``submit``): that worker was forked but never recorded in the pool, so
    nothing ended it; the pool's queue thread, holding a task bigger than
    the pipe, blocked on writing it, since the parent keeps the pipe's read
    end open; and interpreter exit joins that thread, so the process never
    ended (tests/test_engines_interrupt.py). Hence: the fork server is ended
    too when no other run uses it (its workers, recorded or not, die with it,
    see lifeline.py; the next run starts a new one); the parent's read end
    is closed and the queue thread is not joined at exit (its unsent tasks
    are abandoned anyway); and nothing here joins.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    with _LIVE_LOCK:
        alone = _LIVE_POOLS <= {id(pool)}
    if alone and context is not None and context.get_start_method() == "forkserver":
        _end_fork_server()
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
        try:
            queue._reader.close()
        except (AttributeError, OSError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _end_fork_server() -> None:
    """Kill this process's fork server (and so every worker it forked) and forget it.

    >>> _end_fork_server()  # doctest: +SKIP
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if not pid:
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    # Reaps the (dead) server and forgets its address, so the next run's
    # ensure_running() starts a new one; CPython's own tests stop it this way.
    forget = getattr(server, "_stop", None)
    if forget is not None:
        try:
            forget()
        except OSError:
            pass


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
    # and only the first time), so that is how it learns the run's settings
    # and which process it must die with (engines/lifeline.py).
    saved = {k: os.environ.get(k) for k in (warm.ENV, PARENT_ENV)}
    os.environ[warm.ENV] = json.dumps(asdict(settings))
    os.environ[PARENT_ENV] = str(os.getpid())
    try:
        forkserver.ensure_running()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return context


def _result(item: tuple[T, list[Future]]) -> tuple[T, list[Coded]]:
    tag, futures = item
    coded = [c for future in futures for c in future.result()]
    release_freed_memory()  # the writer's side: cleaned pages and unpickled results
    return tag, coded


Coder = Callable[[Iterable[tuple[T, list[Article]]], Settings, int],
                 Iterator[tuple[T, list[Coded]]]]
