"""JSONL, JSON and CSV corpora: one RawDocument (or Rejected) per row."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator, Mapping

from ..models import RawDocument, Rejected

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


def _open_text(path: str):
    if path.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", errors="replace",
                                newline="")
    return open(path, encoding="utf-8-sig", errors="replace", newline="")


def _row_to_doc(row: Mapping, cols: dict[str, str], source: str, max_bytes: int
                ) -> RawDocument | Rejected:
    if "text" not in cols:
        return Rejected(source, "ingest", "bad_row",
                        f"no text field among {sorted(map(str, row))[:12]}; pass "
                        "mapping={'text': COLUMN} (or --text-field) to name it")
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
    """Rows of a JSONL/JSON/CSV/TSV corpus; ``source`` is ``path#N`` (1-based row)."""
    low = path.lower().removesuffix(".gz")
    if low.endswith(".csv") or low.endswith(".tsv"):
        yield from _iter_csv(path, max_bytes, mapping, "\t" if low.endswith(".tsv") else None)
    elif low.endswith(".json"):
        yield from _iter_json(path, max_bytes, mapping)
    else:
        yield from _iter_jsonl(path, max_bytes, mapping)


def _iter_jsonl(path, max_bytes, mapping):
    cols: dict[str, str] | None = None
    with _open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            source = f"{path}#{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejected(source, "ingest", "bad_row", f"not valid JSON: {exc}")
                continue
            if not isinstance(row, dict):
                yield Rejected(source, "ingest", "bad_row", "a JSONL row must be a JSON object")
                continue
            if cols is None or any(c not in row for c in cols.values()):
                cols = resolve_mapping(list(row), mapping)
            yield _row_to_doc(row, cols, source, max_bytes)


def _iter_json(path, max_bytes, mapping):
    with _open_text(path) as fh:
        try:
            data = json.load(fh)
        except json.JSONDecodeError as exc:
            yield Rejected(path, "ingest", "bad_row", f"not valid JSON: {exc}")
            return
    if isinstance(data, dict):
        # {"articles": [...]} or a single document
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        yield Rejected(path, "ingest", "bad_row", "a JSON corpus must be a list of objects")
        return
    for n, row in enumerate(data, 1):
        source = f"{path}#{n}"
        if not isinstance(row, dict):
            yield Rejected(source, "ingest", "bad_row", "each item must be a JSON object")
            continue
        yield _row_to_doc(row, resolve_mapping(list(row), mapping), source, max_bytes)


def _iter_csv(path, max_bytes, mapping, delimiter):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_text(path) as fh:
        if delimiter is None:
            sample = fh.read(65536)
            fh.seek(0)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        cols = resolve_mapping(list(reader.fieldnames or []), mapping)
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                n += 1
                yield Rejected(f"{path}#{n}", "ingest", "bad_row", f"CSV error: {exc}")
                continue
            n += 1
            if None in row:  # more cells than header columns
                row.pop(None)
            yield _row_to_doc(row, cols, f"{path}#{n}", max_bytes)
