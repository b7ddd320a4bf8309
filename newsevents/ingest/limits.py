"""Reading with limits enforced while reading, and names and text made safe.

Every reader of ``ingest`` goes through these helpers, so that no input a
scraper can produce (a 1 GB line, a gzip bomb, a cut stream, a lone
surrogate, a file name that is not UTF-8) takes more than a bounded amount
of memory or stops a run: each becomes a record or a recorded rejection.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace

from ..models import RawDocument, Rejected

CHUNK = 1 << 20  # bytes read at a time
# How deep a JSON row may nest. Real corpora nest two or three levels; a
# deeper row is hostile and would also nest that deep in the stored fields.
MAX_JSON_DEPTH = 64
# A ``.json`` corpus (one JSON value, not lines) has to be read whole; above
# this many times ``max_document_bytes`` it is refused (convert it to JSONL).
JSON_FILE_FACTOR = 10
# Runs of blank lines longer than this are collapsed (a CSV field keeps its
# paragraph breaks; 1 GB of newlines does not take minutes).
BLANK_RUN = 100
# Errors a damaged compressed or cut stream raises while it is read.
STREAM_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)

_SURROGATE = re.compile("[\ud800-\udfff]")
_NONBLANK = re.compile(rb"[^\s]")


class StreamError(Exception):
    """A stream could not be read on past ``line`` (corrupt or cut archive)."""

    def __init__(self, line: int, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.line = line


def source_name(path: str) -> str:
    """A path as a valid, lossless ``source`` string.

    A file name that is not UTF-8 comes from ``os.walk`` with surrogate
    escapes, which no store can encode; its undecodable bytes are written
    as ``\\xNN`` escapes instead.

    >>> source_name("caf\\udce9.txt")
    'caf\\\\xe9.txt'
    """
    if not _SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def valid_text(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates replaced by U+FFFD, and how many there were.

    Check the text, not the count, for a change: an escaped pair is joined
    into its one character without a replacement.

    JSON can escape them (``"\\ud800"``) though no encoder can write them.

    >>> valid_text("a\\ud800b")
    ('a\\ufffdb', 1)
    """
    if not _SURROGATE.search(text):
        return text, 0
    # A well-formed pair (as JSON may escape one) is one character, not two lone halves.
    fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    fixed, n = _SURROGATE.subn("\ufffd", fixed)
    return fixed, n + fixed.count("\ufffd") - text.count("\ufffd")


def valid_item(item: RawDocument | Rejected) -> RawDocument | Rejected:
    """Make every string of a document or rejection valid Unicode.

    Replacements in the content are noted in ``meta["notes"]`` (the clean
    stage carries them to the article's notes).
    """
    if isinstance(item, Rejected):
        src, detail = valid_text(item.source)[0], valid_text(item.detail)[0]
        changed = src != item.source or detail != item.detail
        return replace(item, source=src, detail=detail) if changed else item
    changes: dict = {}
    notes = list(item.meta.get("notes", ()))
    for name in ("source", "url", "title", "published", "language"):
        value = getattr(item, name)
        if isinstance(value, str):
            fixed, n = valid_text(value)
            if fixed != value:
                changes[name] = fixed
                if n and name != "source":
                    notes.append(f"{n} invalid character(s) (lone surrogates) replaced in the {name}")
    if isinstance(item.content, str):
        fixed, n = valid_text(item.content)
        if fixed != item.content:
            changes["content"] = fixed
        if n:
            notes.append(f"{n} invalid character(s) (lone surrogates) replaced in the text")
    if "fields" in item.meta:
        fields = _valid_json(item.meta["fields"])
        if fields != item.meta["fields"]:
            changes["meta"] = {**item.meta, "fields": fields}
    if notes != list(item.meta.get("notes", ())):
        changes["meta"] = {**changes.get("meta", item.meta), "notes": notes}
    return replace(item, **changes) if changes else item


def _valid_json(value):
    if isinstance(value, str):
        return valid_text(value)[0]
    if isinstance(value, dict):
        return {_valid_json(k): _valid_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_valid_json(v) for v in value]
    return value


def json_depth(value) -> int:
    """How deep a parsed JSON value nests (iteratively: no recursion limit).

    >>> json_depth({"a": [1, {"b": 2}]})
    3
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            deepest = max(deepest, d)
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            deepest = max(deepest, d)
            stack.extend((x, d + 1) for x in v)
    return deepest


def open_binary(path: str):
    """The file's bytes, gunzipped as read when its name ends in ``.gz``."""
    if path.lower().endswith(".gz"):
        return GunzipReader(open(path, "rb"))
    return open(path, "rb")


class GunzipReader:
    """A gzip stream read in bounded steps that hands out every byte before damage.

    ``gzip.GzipFile.read(n)`` raises at a cut stream's end and drops what
    it had decompressed of that read, so the complete rows just before a
    cut would be lost; here they are returned first, and the error comes
    on the next read.
    """

    def __init__(self, raw):
        self.raw = raw
        self.d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.tail = b""  # compressed input not yet decompressed
        self.error: BaseException | None = None
        self.started = False

    def read(self, n: int = CHUNK) -> bytes:
        if self.error is not None:
            raise self.error
        while True:
            if self.d.eof:  # the next member of a multi-member file, or trailing bytes
                rest = self.d.unused_data + self.tail
                while len(rest) < 2:
                    more = self.raw.read(64 * 1024)
                    if not more:
                        break
                    rest += more
                if rest[:2] != b"\x1f\x8b":
                    return b""  # the end (trailing padding is ignored, as gzip does)
                self.d, self.tail = zlib.decompressobj(16 + zlib.MAX_WBITS), rest
            if not self.tail:
                self.tail = self.raw.read(64 * 1024)
                if not self.tail:
                    if self.started:
                        self.error = EOFError("the gzip stream is cut short")
                        raise self.error
                    return b""
            if not self.started and self.tail[:2] != b"\x1f\x8b":
                self.error = gzip.BadGzipFile(f"not a gzip file (starts {self.tail[:8]!r})")
                raise self.error
            self.started = True
            try:
                out = self.d.decompress(self.tail, n)
            except zlib.error as exc:
                self.error = exc
                raise
            # At a member's end the rest of the input is in unused_data alone.
            self.tail = b"" if self.d.eof else self.d.unconsumed_tail
            if out:
                return out

    def close(self) -> None:
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_limited(fh, limit: int) -> bytes:
    """At most ``limit + 1`` bytes (one more tells the caller it was too large)."""
    out = bytearray()
    while len(out) <= limit:
        chunk = fh.read(min(CHUNK, limit + 1 - len(out)))
        if not chunk:
            break
        out += chunk
    return bytes(out)


def iter_lines(fh, max_line: int, *, blank_run: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for each line of a binary stream; ``None`` for an overlong line.

    An overlong line is skipped while it is read, never held. Runs of blank
    lines are skipped fast, keeping at most ``blank_run`` of each run. A
    read error (a corrupt or cut gzip stream) raises :class:`StreamError`
    after every complete line before it has been yielded; a last line cut
    mid-way is not yielded when the stream is damaged.

    >>> import io
    >>> list(iter_lines(io.BytesIO(b"a\\n\\n\\nb"), 10))
    [(1, b'a\\n'), (4, b'b')]
    """
    lineno = 0
    pending = bytearray()
    overlong = False
    while True:
        try:
            chunk = fh.read(CHUNK)
        except STREAM_ERRORS as exc:
            raise StreamError(lineno + 1, exc) from None
        if not chunk:
            break
        start = 0
        while start < len(chunk):
            if not pending and not overlong:
                # Skip a run of blank lines in C, keeping ``blank_run`` of them.
                m = _NONBLANK.search(chunk, start)
                end = m.start() if m else len(chunk)
                last_nl = chunk.rfind(b"\n", start, end)
                if last_nl >= 0:
                    blanks = chunk.count(b"\n", start, last_nl + 1)
                    pos = start
                    for _ in range(min(blanks, blank_run)):  # kept as they are
                        nl = chunk.find(b"\n", pos)
                        lineno += 1
                        yield lineno, chunk[pos:nl + 1]
                        pos = nl + 1
                    lineno += blanks - min(blanks, blank_run)
                    start = last_nl + 1
                    if start >= len(chunk):
                        break
            nl = chunk.find(b"\n", start)
            if nl < 0:
                if not overlong:
                    pending += chunk[start:]
                    if len(pending) > max_line:
                        overlong, pending = True, bytearray()
                break
            lineno += 1
            if overlong:
                overlong = False
                yield lineno, None
            elif pending:
                pending += chunk[start:nl + 1]
                line, pending = bytes(pending), bytearray()
                yield lineno, (line if len(line) <= max_line else None)
            else:
                line = chunk[start:nl + 1]
                yield lineno, (line if len(line) <= max_line else None)
            start = nl + 1
    if overlong:
        yield lineno + 1, None
    elif pending.strip():
        yield lineno + 1, bytes(pending)
