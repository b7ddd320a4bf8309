"""Code batches of articles on every core of this machine.

The main process reads, cleans, de-duplicates and writes (the single writer
to the store); worker processes each load the spaCy model once and parse and
code the batches they are sent. At most ``2 × workers`` batches are in
flight, so memory stays bounded whatever the corpus size, and results come
back in submission order, so the store ends the same whatever the worker
count.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from ..models import Article, Coded
from ..settings import Settings

T = TypeVar("T")

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    from ..nlp import load_nlp

    load_nlp(settings.model)


def _code_in_worker(articles: list[Article]) -> list[Coded]:
    from ..pipeline import _parse_articles

    assert _worker_settings is not None
    return list(_parse_articles(articles, _worker_settings))


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
            yield tag, list(_parse_articles(articles, settings))
        return
    # Workers get a fixed hash seed: coding must not depend on set order, but
    # where it still does, every worker then agrees with every other (see docs/scale.md).
    os.environ.setdefault("PYTHONHASHSEED", "0")
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[T, Future | None]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        try:
            for tag, articles in batches:
                future = pool.submit(_code_in_worker, articles) if articles else None
                pending.append((tag, future))
                while len(pending) > 2 * workers:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _result(item: tuple[T, Future | None]) -> tuple[T, list[Coded]]:
    tag, future = item
    return tag, ([] if future is None else future.result())


Coder = Callable[[Iterable[tuple[T, list[Article]]], Settings, int],
                 Iterator[tuple[T, list[Coded]]]]
