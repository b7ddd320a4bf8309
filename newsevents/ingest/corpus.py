"""JSONL, JSON and CSV corpora: one RawDocument (or Rejected) per row."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Iterator, Mapping

from ..models import RawDocument, Rejected
from .limits import (
    BLANK_RUN,
    JSON_FILE_FACTOR,
    MAX_JSON_DEPTH,
    STREAM_ERRORS,
    StreamError,
    iter_lines,
    json_depth,
    open_binary,
    read_limited,
    source_name,
)

# Column names people use, most specific first. Matching ignores case.
FIELD_GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "articlebody", "article_body",
             "maintext", "full_text", "fulltext", "story", "html", "raw_html", "description"),
    "title": ("title", "headline", "head", "name", "subject"),
    "published": ("published", "date", "pubdate", "publish_date", "published_at",
                  "date_publish", "publication_date", "datetime", "timestamp", "time",
                  "published_date", "pub_date", "created_at"),
    "url": ("url", "link", "href", "source_url", "uri", "permalink"),
    "language": ("language", "lang", "locale"),
}
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz",
                   ".tsv", ".tsv.gz", ".json", ".json.gz")


def is_corpus(path: str) -> bool:
    return path.lower().endswith(CORPUS_SUFFIXES)


def resolve_mapping(columns: list[str], mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Map our field names (text, title, published, url, language) to columns.

    An explicit ``mapping`` wins; other fields are guessed from common names.

    >>> resolve_mapping(["Headline", "Body"], None)
    {'text': 'Body', 'title': 'Headline'}
    """
    lower = {c.lower(): c for c in columns if isinstance(c, str)}
    out: dict[str, str] = {}
    for ours, guesses in FIELD_GUESSES.items():
        if mapping and ours in mapping:
            out[ours] = mapping[ours]
            continue
        for g in guesses:
            if g in lower and lower[g] not in out.values():
                out[ours] = lower[g]
                break
    return out


def _row_to_doc(row: Mapping, cols: dict[str, str], source: str, max_bytes: int
                ) -> RawDocument | Rejected:
    if "text" not in cols:
        return Rejected(source, "ingest", "bad_row",
                        f"no text field among {sorted(map(str, row))[:12]}; pass "
                        "mapping={'text': COLUMN} (or --field text=COLUMN) to name it")
    text = row.get(cols["text"])
    if text is None or (isinstance(text, str) and not text.strip()):
        return Rejected(source, "ingest", "empty", f"field {cols['text']!r} is empty")
    if not isinstance(text, str):
        text = str(text)
    if len(text.encode("utf-8", "ignore")) > max_bytes:
        return Rejected(source, "ingest", "too_large",
                        f"text is larger than max_document_bytes={max_bytes}")

    def get(name: str) -> str | None:
        value = row.get(cols[name]) if name in cols else None
        return str(value).strip() or None if value not in (None, "") else None

    extra = {k: v for k, v in row.items() if k not in cols.values() and isinstance(k, str)}
    return RawDocument(source=source, content=text, kind=None, url=get("url"),
                       title=get("title"), published=get("published"),
                       language=get("language"), meta={"fields": extra} if extra else {})


def iter_corpus(path: str, max_bytes: int, mapping: Mapping[str, str] | None = None
                ) -> Iterator[RawDocument | Rejected]:
    """Rows of a JSONL/JSON/CSV/TSV corpus; ``source`` is ``path#N`` (1-based row).

    Read as a stream with limits: a row larger than ``max_bytes``, a row that
    is not valid JSON or nests deeper than ``MAX_JSON_DEPTH``, and a stream
    that is corrupt or cut (the complete rows before the damage are kept)
    each become a Rejected with the reason. A corpus with no rows at all is
    recorded as ``empty``.
    """
    low = path.lower().removesuffix(".gz")
    name = source_name(path)
    if low.endswith(".csv") or low.endswith(".tsv"):
        rows = _iter_csv(path, name, max_bytes, mapping, "\t" if low.endswith(".tsv") else None)
    elif low.endswith(".json"):
        rows = _iter_json(path, name, max_bytes, mapping)
    else:
        rows = _iter_jsonl(path, name, max_bytes, mapping)
    n = 0
    try:
        for item in rows:
            n += 1
            yield item
    except StreamError as exc:
        n += 1
        yield Rejected(f"{name}#{exc.line}", "ingest", "bad_archive",
                       f"the file is corrupt or cut at line {exc.line} ({exc}); the rows "
                       "before it were read, the rest could not be")
    except OSError as exc:
        n += 1
        yield Rejected(name, "ingest", "unreadable", f"cannot read the file: {exc}")
    if n == 0:
        yield Rejected(name, "ingest", "empty",
                       "the corpus has no rows (empty, blank or a header only)")


def _load_row(text: str) -> dict | str:
    """A JSON object from one row, or the reason it is not one."""
    try:
        row = json.loads(text)
    except RecursionError:
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    except ValueError as exc:
        return f"not valid JSON: {exc}"[:300]
    if not isinstance(row, dict):
        return "a JSONL row must be a JSON object"
    if json_depth(row) > MAX_JSON_DEPTH:
        return f"nested deeper than {MAX_JSON_DEPTH} levels"
    return row


def _iter_jsonl(path, name, max_bytes, mapping):
    # Columns are resolved for each row's own keys: rows of one file need not
    # share them (a first row with only "text" must not blind the others).
    cache: dict[tuple, dict[str, str]] = {}
    with open_binary(path) as fh:
        for n, line in iter_lines(fh, max_bytes + 4096):
            source = f"{name}#{n}"
            if line is None:
                yield Rejected(source, "ingest", "too_large",
                               f"the row is larger than max_document_bytes={max_bytes}")
                continue
            text = line.decode("utf-8", "replace")
            if n == 1:
                text = text.removeprefix("\ufeff")
            if not text.strip():
                continue
            row = _load_row(text)
            if isinstance(row, str):
                yield Rejected(source, "ingest", "bad_row", row)
                continue
            key = tuple(row)
            cols = cache.get(key)
            if cols is None:
                if len(cache) > 1000:
                    cache.clear()
                cols = cache[key] = resolve_mapping(list(row), mapping)
            yield _row_to_doc(row, cols, source, max_bytes)


def _iter_json(path, name, max_bytes, mapping):
    limit = JSON_FILE_FACTOR * max_bytes
    with open_binary(path) as fh:
        try:
            data = read_limited(fh, limit)
        except STREAM_ERRORS as exc:
            raise StreamError(1, exc) from None
    if len(data) > limit:
        yield Rejected(name, "ingest", "too_large",
                       f"a .json corpus is read whole, and this one is larger than {limit} "
                       "bytes; convert it to JSONL (one object per line)")
        return
    if not data.strip():
        return
    try:
        data = json.loads(data.decode("utf-8-sig", "replace"))
    except RecursionError:
        yield Rejected(name, "ingest", "bad_row", f"nested deeper than {MAX_JSON_DEPTH} levels")
        return
    except ValueError as exc:
        yield Rejected(name, "ingest", "bad_row", f"not valid JSON: {exc}"[:300])
        return
    if isinstance(data, dict):
        # {"articles": [...]} or a single document
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        yield Rejected(name, "ingest", "bad_row", "a JSON corpus must be a list of objects")
        return
    for n, row in enumerate(data, 1):
        source = f"{name}#{n}"
        if not isinstance(row, dict):
            yield Rejected(source, "ingest", "bad_row", "each item must be a JSON object")
        elif json_depth(row) > MAX_JSON_DEPTH:
            yield Rejected(source, "ingest", "bad_row",
                           f"nested deeper than {MAX_JSON_DEPTH} levels")
        else:
            yield _row_to_doc(row, resolve_mapping(list(row), mapping), source, max_bytes)


class _RowTooLarge(Exception):
    pass


class _Lines:
    """Feeds decoded lines to ``csv.reader`` and keeps those of the current record.

    A record (quoted fields may span lines) larger than ``limit`` stops the
    feed, so a bomb never sits in memory whole.
    """

    def __init__(self, fh, limit: int):
        self._it = iter_lines(fh, limit, blank_run=BLANK_RUN)
        self.limit = limit
        self.record: list[str] = []
        self.size = 0
        self.first = True

    def __iter__(self):
        return self

    def __next__(self) -> str:
        _, line = next(self._it)
        if line is None:
            raise _RowTooLarge
        text = line.decode("utf-8", "replace")
        if self.first:
            text, self.first = text.removeprefix("\ufeff"), False
        self.size += len(line)
        if self.size > self.limit:
            raise _RowTooLarge
        self.record.append(text)
        return text

    def take(self) -> list[str]:
        record, self.record, self.size = self.record, [], 0
        return record


def _looks_like_data(header: list[str]) -> bool:
    """A first line of prose, not column names (a CSV with no header)."""
    return any(len(c) > 60 or len(c.split()) >= 6 for c in header)


def _swallowed(record: list[str], delimiter: str, ncols: int) -> list[list[str]] | None:
    """The rows an unbalanced quote swallowed into one record, or None.

    A quote that opens a field and never closes runs on through the lines
    after it. Those lines hold no quote (one would have closed it) and,
    unlike a quoted paragraph, look like rows: in a TSV any tab, in a CSV
    exactly ``ncols - 1`` delimiters on every one of at least two lines.
    """
    if len(record) < 2:
        return None
    rest = [ln for ln in record[1:] if ln.strip()]
    if not rest:
        return None
    middle, last = rest[:-1], rest[-1]
    if any('"' in ln for ln in middle):
        return None
    if delimiter == "\t":
        # A quoted paragraph has no tabs; its last line closes the quote.
        ok = any("\t" in ln for ln in middle) or ('"' not in last and "\t" in last)
    else:
        ok = ncols >= 3 and len(rest) >= 2 and '"' not in last and all(
            ln.count(delimiter) == ncols - 1 for ln in rest)
    if not ok:
        return None
    return [next(csv.reader([ln.rstrip("\r\n")], delimiter=delimiter, quoting=csv.QUOTE_NONE))
            for ln in record if ln.strip()]


def _iter_csv(path, name, max_bytes, mapping, delimiter):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open_binary(path) as fh:
        lines = _Lines(fh, max_bytes + 4096)
        head: list[str] = []
        overlong = False
        try:
            for line in lines:
                head.append(line)
                if sum(map(len, head)) > 65536:
                    break
        except _RowTooLarge:
            overlong = True  # replayed in its place below
        if delimiter is None:
            try:
                delimiter = csv.Sniffer().sniff("".join(head), delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        lines.take()
        reader = csv.reader(itertools.chain(_replay(head, lines, overlong), lines),
                            delimiter=delimiter)
        n = 0
        header: list[str] | None = None
        cols: dict[str, str] = {}
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except _RowTooLarge:
                # The overlong line was skipped as it was read; go on after it.
                n += 1
                lines.take()
                yield Rejected(f"{name}#{n}", "ingest", "too_large",
                               f"row {n} is larger than max_document_bytes={max_bytes} (or an "
                               "unbalanced quote runs on); it was skipped")
                reader = csv.reader(lines, delimiter=delimiter)
                continue
            except csv.Error as exc:
                n += 1
                lines.take()
                yield Rejected(f"{name}#{n}", "ingest", "bad_row", f"CSV error: {exc}")
                continue
            record = lines.take()
            if not cells or not any(c.strip() for c in cells):
                continue
            if header is None:
                header, cols = cells, resolve_mapping(cells, mapping)
                if "text" in cols or not _looks_like_data(cells):
                    continue
                # No header: columns are numbered, the text is the longest cell,
                # and the first line is a row like the others.
                header = [str(i) for i in range(1, len(cells) + 1)]
                longest = max(range(len(cells)), key=lambda i: len(cells[i]))
                cols = {"text": header[longest]}
            for row in _swallowed(record, delimiter, len(header)) or [cells]:
                n += 1
                yield _row_to_doc(dict(zip(header, row)), cols, f"{name}#{n}", max_bytes)


def _replay(head: list[str], lines: _Lines, overlong: bool):
    """The lines read for sniffing, counted in their records like the others."""
    for line in head:
        lines.record.append(line)
        yield line
    if overlong:
        raise _RowTooLarge
