"""A live ingest progress bar: documents/s and, when the total is known, an ETA.

Inputs are a stream, so the total is known only where it is cheap to count:
plain files, folders and line- or row-oriented corpora (JSONL, CSV/TSV, URL
lists). The count runs in a background thread so the bar starts at once; a
WARC archive, a JSON array, standard input or a very large corpus leaves the
total unknown and the bar shows the rate only.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator

from ..ingest.corpus import is_corpus
from ..ingest.sources import DEFAULT_EXCLUDE, is_url
from ..ingest.warc import is_warc

# Past this many bytes of corpus files, counting would take noticeable time: rate only.
COUNT_LIMIT_BYTES = 2_000_000_000


def _open(path: str, mode: str = "rb"):
    return gzip.open(path, mode) if path.lower().endswith(".gz") else open(path, mode)


def _count_corpus(path: str) -> int | None:
    low = path.lower().removesuffix(".gz")
    if low.endswith((".jsonl", ".ndjson")):
        with _open(path) as fh:
            return sum(1 for line in fh if line.strip())
    if low.endswith((".csv", ".tsv")):
        # Rows, not lines: a quoted field may span lines.
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with _open(path, "rt") as fh:
            head = fh.read(65536)
            fh.seek(0)
            delim = "\t" if low.endswith(".tsv") else (
                csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter if head else ",")
            try:
                return max(0, sum(1 for _ in csv.reader(fh, delimiter=delim)) - 1)
            except csv.Error:
                return None
    return None  # .json: the whole array must be parsed


def _count_file(path: str, budget: list[int]) -> int | None:
    if is_warc(path):
        return None
    if is_corpus(path):
        budget[0] -= os.path.getsize(path)
        return None if budget[0] < 0 else _count_corpus(path)
    if path.lower().endswith((".urls", ".txt")) and os.path.getsize(path) < 10_000_000:
        with open(path, "rb") as fh:
            lines = [ln.strip() for ln in fh.read().splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith(b"#")]
        if lines and all(ln.startswith((b"http://", b"https://")) for ln in lines):
            return len(lines)
    return 1


def estimate_total(inputs: Iterable[str]) -> int | None:
    """The number of documents the inputs hold, or None when counting is not cheap.

    >>> estimate_total(["newsevents/data/sample/voa_stories.jsonl"])
    89
    """
    import fnmatch

    total, budget = 0, [COUNT_LIMIT_BYTES]
    try:
        for item in inputs:
            item = str(item)
            if item == "-" or is_url(item):
                total += 1
            elif os.path.isdir(item):
                for dirpath, dirnames, filenames in os.walk(item):
                    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                    for name in filenames:
                        if any(fnmatch.fnmatch(name, p) for p in DEFAULT_EXCLUDE):
                            continue
                        n = _count_file(os.path.join(dirpath, name), budget)
                        if n is None:
                            return None
                        total += n
            elif os.path.isfile(item):
                n = _count_file(item, budget)
                if n is None:
                    return None
                total += n
            else:
                total += 1  # becomes one "not_found" rejection
    except (OSError, UnicodeError, csv.Error):
        return None
    return total


class RateMeter:
    """Documents/s over the whole run and the ETA for a known total (pure arithmetic).

    >>> m = RateMeter(total=100, start=0.0)
    >>> m.update(25, now=10.0)
    >>> round(m.rate, 1), round(m.eta_s)
    (2.5, 30)
    """

    def __init__(self, total: int | None = None, start: float | None = None):
        self.total = total
        self.start = time.perf_counter() if start is None else start
        self.done = 0
        self.rate = 0.0
        self.eta_s: float | None = None

    def update(self, done: int, now: float | None = None) -> None:
        now = time.perf_counter() if now is None else now
        self.done = done
        elapsed = max(now - self.start, 1e-9)
        self.rate = done / elapsed
        if self.total is not None and self.rate > 0:
            self.eta_s = max(self.total - done, 0) / self.rate
        else:
            self.eta_s = None

    def describe(self) -> str:
        text = f"{self.rate:.1f} docs/s"
        if self.eta_s is not None:
            m, s = divmod(int(self.eta_s + 0.5), 60)
            h, m = divmod(m, 60)
            text += f", ETA {h:d}:{m:02d}:{s:02d}" if h else f", ETA {m:d}:{s:02d}"
        return text


@contextlib.contextmanager
def progress_bar(inputs: Iterable[str], quiet: bool = False) -> Iterator:
    """A Rich bar on stderr; yields the ``progress(documents, new_articles)`` callback.

    Off (yields None) when ``quiet`` or stderr is not a terminal, so logs are
    not flooded with one line per batch.
    """
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    inputs = list(inputs)
    meter = RateMeter()
    with Progress(SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("ingesting", total=None, rate="counting…")

        def count() -> None:
            total = estimate_total(inputs)
            meter.total = total
            bar.update(task, total=total)

        threading.Thread(target=count, daemon=True, name="count-inputs").start()

        def on_progress(documents: int, articles: int) -> None:
            meter.update(documents)
            bar.update(task, completed=documents,
                       rate=f"{meter.describe()}, {articles} new")

        yield on_progress
