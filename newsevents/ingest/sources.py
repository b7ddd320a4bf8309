"""Route each input (file, folder, ``-``, corpus, archive, URL, URL list) to a reader."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping

from ..errors import InputError
from ..models import RawDocument, Rejected
from .corpus import is_corpus, iter_corpus
from .decode import binary_kind, decode_bytes, maybe_gunzip
from .fetch import fetch_url
from .limits import source_name, valid_item
from .warc import is_warc, iter_warc

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
TEXT_SUFFIXES = (".txt", ".text", ".md")
URL_LIST_SUFFIXES = (".urls", ".url")
# Files a folder walk never treats as documents.
DEFAULT_EXCLUDE = (".*", "*~", "*.pyc", "__pycache__/*", "*.duckdb", "*.duckdb.wal")


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def iter_documents(inputs: Iterable[str], settings, *, include: Iterable[str] = (),
                   exclude: Iterable[str] = (), mapping: Mapping[str, str] | None = None
                   ) -> Iterator[RawDocument | Rejected]:
    """Yield one RawDocument or Rejected per document found in ``inputs``.

    Each input is a file path, a folder (walked recursively; ``include`` and
    ``exclude`` are glob patterns matched against the path relative to the
    folder and against the file name), ``-`` for stdin, a JSONL/JSON/CSV/TSV
    corpus (``mapping`` names columns, e.g. ``{"text": "body"}``; otherwise
    guessed), a WARC/ARC archive, an http(s) URL, or a ``.urls``/``.txt``
    list of URLs. Nothing raises for one bad input: it becomes a Rejected.

    >>> [d.source for d in iter_documents(["story.txt"], load_settings())]  # doctest: +SKIP
    ['story.txt']
    """
    # Settings carry the user's --include/--exclude/--field choices; arguments add to them.
    include = tuple(include) + tuple(getattr(settings, "include", ()) or ())
    exclude = tuple(exclude) + tuple(getattr(settings, "exclude", ()) or ())
    if mapping is None and getattr(settings, "fields", ()):
        mapping = parse_field_map(settings.fields)
    for item in inputs:
        for doc in _from_input(str(item), settings, include, exclude, mapping):
            # Every string that leaves ingest is valid Unicode (a lone surrogate
            # from a JSON escape or a non-UTF-8 file name would stop the writer).
            yield valid_item(doc)


def _from_input(item: str, settings, include, exclude, mapping
                ) -> Iterator[RawDocument | Rejected]:
    if item == "-":
        yield _from_stdin(settings)
    elif is_url(item):
        yield fetch_url(item, settings)
    elif os.path.isdir(item):
        found = False
        for path in _walk(item, include, exclude):
            found = True
            yield from _from_path(path, settings, mapping, in_folder=True)
        if not found:
            yield Rejected(source_name(item), "ingest", "empty",
                           "the folder holds no file to read (check --include/--exclude)")
    else:
        yield from _from_path(item, settings, mapping)


def parse_field_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "published=pub_date"]`` → ``{"text": "body", ...}``.

    >>> parse_field_map(["text=body"])
    {'text': 'body'}
    """
    known = ("text", "title", "published", "url", "language")
    out = {}
    for pair in pairs:
        ours, sep, column = str(pair).partition("=")
        if not sep or ours.strip() not in known or not column.strip():
            raise InputError(f"--field {pair!r} must look like FIELD=COLUMN with FIELD one of "
                             f"{', '.join(known)}, e.g. --field text=body")
        out[ours.strip()] = column.strip()
    return out


def _walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")

            def hit(patterns):
                return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)

            if hit(DEFAULT_EXCLUDE) or hit(exclude):
                continue
            if include and not hit(include):
                continue
            yield path


def _from_stdin(settings) -> RawDocument | Rejected:
    data = sys.stdin.buffer.read(settings.max_document_bytes + 1)
    doc = _bytes_to_doc("-", data, None, settings)
    if isinstance(doc, Rejected):
        # Rejections are unique on (source, reason): two different inputs
        # rejected from stdin must not collapse into one, so name the bytes.
        from dataclasses import replace

        doc = replace(doc, source=f"-#sha256:{hashlib.sha256(data).hexdigest()[:16]}")
    return doc


def _url_list(path: str) -> list[str] | None:
    """The URLs in a URL-list file, or None when it is not one (a .txt article)."""
    low = path.lower()
    if not low.endswith(URL_LIST_SUFFIXES + (".txt",)):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(200_000)
    except OSError:
        return None
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if not lines or not all(is_url(ln) and " " not in ln for ln in lines):
        return None
    if len(head) == 200_000:  # a long list: read it all
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    return lines


def _from_path(path: str, settings, mapping, in_folder: bool = False
               ) -> Iterator[RawDocument | Rejected]:
    name = source_name(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        yield Rejected(name, "ingest", "not_found", "no such file or folder; check the path")
        return
    except OSError as exc:
        yield Rejected(name, "ingest", "unreadable", f"cannot read the file: {exc.strerror}")
        return
    if in_folder and not stat.S_ISREG(mode):
        # Opening a FIFO blocks until someone writes to it, a device may never
        # end: inside a folder only regular files are documents. (Named on the
        # command line, a pipe such as <(zcat x) is read, with the size limit.)
        what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
        yield Rejected(name, "ingest", "special_file",
                       f"{what}, not a regular file: skipped (name it on the command line "
                       "to read it)")
        return
    if is_warc(path):
        yield from iter_warc(path, settings.max_document_bytes)
        return
    if is_corpus(path):
        yield from iter_corpus(path, settings.max_document_bytes, mapping)
        return
    urls = _url_list(path)
    if urls is not None:
        for url in urls:
            yield fetch_url(url, settings)
        return
    yield _read_file(path, settings)


def _kind_from_name(path: str) -> str | None:
    low = path.lower().removesuffix(".gz")
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _read_file(path: str, settings) -> RawDocument | Rejected:
    limit = settings.max_document_bytes
    name = source_name(path)
    try:
        size = os.path.getsize(path)
        if size > limit and not path.lower().endswith(".gz"):
            return Rejected(name, "ingest", "too_large",
                            f"{size} bytes > max_document_bytes={limit}; raise the setting "
                            "or split the file")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return Rejected(name, "ingest", "unreadable", f"cannot read the file: {exc.strerror}")
    return _bytes_to_doc(name, data, _kind_from_name(path), settings)


def _bytes_to_doc(source: str, data: bytes, kind: str | None, settings
                  ) -> RawDocument | Rejected:
    limit = settings.max_document_bytes
    try:
        data = maybe_gunzip(data, limit)
    except ValueError as exc:
        reason = str(exc)
        return Rejected(source, "ingest", "too_large" if reason == "too_large" else "bad_archive",
                        "the gzip data is too large" if reason == "too_large"
                        else "the gzip data is corrupt or cut short")
    if len(data) > limit:
        return Rejected(source, "ingest", "too_large",
                        f"more than max_document_bytes={limit}; raise the setting or split it")
    if not data.strip():
        return Rejected(source, "ingest", "empty", "the input has no content")
    fmt = binary_kind(data)
    if fmt:
        return Rejected(source, "ingest", "binary",
                        f"looks like a {fmt} file, not HTML or text; convert it to text first")
    return RawDocument(source=source, content=data, kind=kind)


def read_document(path_or_dash: str, settings, *, published: str | None = None,
                  url: str | None = None) -> RawDocument:
    """Read one document for ``newsevents extract``; raises InputError with the fix.

    Accepts a file path, ``-`` (stdin) or an http(s) URL. The bytes are
    checked to decode, so an unknown encoding is reported here, not later.

    >>> read_document("tests/fixtures/worked_example.txt", load_settings()).kind  # doctest: +SKIP
    'text'
    """
    if path_or_dash != "-" and not is_url(path_or_dash):
        if os.path.isdir(path_or_dash):
            raise InputError(f"{path_or_dash} is a folder; `extract` reads one document — "
                             "use `extract --jsonl` or `ingest` for folders")
        if not os.path.exists(path_or_dash):
            raise InputError(f"file {path_or_dash} does not exist; check the path "
                             "(use - to read from stdin)")
    if path_or_dash == "-":
        doc = _from_stdin(settings)
    elif is_url(path_or_dash):
        doc = fetch_url(path_or_dash, settings)
    else:
        doc = _read_file(path_or_dash, settings)
    if isinstance(doc, Rejected):
        what = "stdin" if path_or_dash == "-" else path_or_dash
        fixes = {
            "empty": "the input is empty; give a file with the article text or HTML",
            "binary": f"{doc.detail}",
            "too_large": f"{doc.detail}",
            "unreadable": f"{doc.detail}; check its permissions",
        }
        raise InputError(f"cannot read {what}: {fixes.get(doc.reason, doc.reason + ': ' + doc.detail)}")
    if isinstance(doc.content, bytes):
        try:
            decode_bytes(doc.content, doc.meta.get("charset"))
        except UnicodeError:
            raise InputError(f"cannot decode {path_or_dash}: unknown text encoding; re-save it "
                             "as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)") from None
    if published or url:
        from dataclasses import replace

        doc = replace(doc, published=published or doc.published, url=url or doc.url)
    return doc
