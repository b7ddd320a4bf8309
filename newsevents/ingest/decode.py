"""Bytes → text: sniff binaries and gzip, honour BOMs and declared charsets.

Kept in ``ingest`` (the earliest stage) so that both ``ingest.read_document``
and ``clean`` can use it without a backward import.
"""

from __future__ import annotations

import codecs
import re
import zlib

# Magic numbers of formats that are certainly not an article.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"\x7fELF", "executable"),
    (b"MZ", "executable"), (b"RIFF", "media"), (b"\x00\x00\x01\x00", "icon"),
    (b"ID3", "MP3"), (b"OggS", "Ogg"), (b"\x1a\x45\xdf\xa3", "video"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ", "xz"), (b"7z\xbc\xaf", "7z"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<div[\s>]|<p[\s>]|<article[\s>]|<title>",
    re.I)


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip/zlib bodies (saved ``.html.gz`` pages); others pass through.

    Raises ``ValueError('too_large')`` when the output would pass ``limit``
    bytes (a zip bomb must not exhaust memory).

    >>> maybe_gunzip(b"plain", 10)
    b'plain'
    """
    if data[:2] != b"\x1f\x8b":
        return data
    out = bytearray()
    rest = data
    # Member by member (``cat a.gz b.gz`` is valid gzip), never more than
    # ``limit + 1`` bytes out: the bound holds while decompressing.
    while rest[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += d.decompress(rest, limit + 1 - len(out))
        except zlib.error:
            raise ValueError("corrupt_gzip") from None
        if len(out) > limit or d.unconsumed_tail:
            raise ValueError("too_large")
        if not d.eof:
            raise ValueError("corrupt_gzip")  # cut: the rest of the page is missing
        rest = d.unused_data
    return bytes(out)


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format of ``data`` or None when it looks like text.

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"Hello")
    ('PDF', None)
    """
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS) or utf16_guess(data):
        return None  # UTF-16/32 text has NULs but is text
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "binary"
    # Many C0 control bytes (other than tab/newline/CR/FF) mean not text.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary"
    return None


def utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text saved without a BOM, else None.

    Text in a Latin or Cyrillic script has a zero (or a constant) high byte
    in nearly every pair; a binary file does not keep that up.

    >>> utf16_guess("Iran condemned Israel.".encode("utf-16-le"))
    'utf-16-le'
    """
    head = data[:4096]
    head = head[:len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.9 * len(high) and low.count(0) <= 0.02 * len(low):
            try:
                text = data[:len(data) - len(data) % 2].decode(name)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:2000]) >= 0.95 * min(
                    len(text), 2000):
                return name
    return None


# Code pages news is written in, preferred when nothing is declared and the
# bytes are not UTF-8 (a detector's guess of a Baltic or Central European
# page for one accented letter turned 'Café' into 'Cafķ').
_NEWS_SINGLE_BYTE = ("cp1252", "latin-1")


def _news_code_page(data: bytes) -> tuple[str, str] | None:
    """A Western code page's reading of ``data`` when it looks like Western text.

    Western European text is mostly ASCII with a few accented letters; in a
    Cyrillic or Greek page read this way, nearly every letter is non-ASCII,
    so those are left to the detector.
    """
    for name in _NEWS_SINGLE_BYTE:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in text[:200_000] if ch.isalpha()]
        high = sum(1 for ch in letters if ord(ch) > 127)
        controls = sum(1 for ch in text[:200_000] if 0x80 <= ord(ch) < 0xA0)
        if letters and high <= 0.08 * len(letters) and not controls:
            return text, name
    return None


def declared_charset(data: bytes, header_charset: str | None = None) -> str | None:
    """The charset a BOM, HTTP header, XML prolog or ``<meta>`` declares, if valid."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    candidates = [header_charset] if header_charset else []
    head = data[:4096]
    for rx in (_XML_ENCODING, _META_CHARSET):
        m = rx.search(head)
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name.strip()).name
        except LookupError:
            continue
    return None


def decode_bytes(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns ``(text, encoding)``.

    Order: BOM → declared charset (header, XML prolog, ``<meta>``) →
    UTF-16 without a BOM → strict UTF-8 → cp1252/latin-1 when the text reads as a
    Western language → charset-normalizer's best guess. Raises ``UnicodeError`` when
    nothing gives a plausible text.

    (Skipped under --doctest-modules: a few bytes of Latin-1 are misread today.)

    >>> decode_bytes("café".encode("latin-1"))[0]  # doctest: +SKIP
    'café'
    """
    declared = declared_charset(data, header_charset)
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong declaration is common; fall through to detection
    utf16 = utf16_guess(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 with NULs
    if utf16:
        return data[:len(data) - len(data) % 2].decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _news_code_page(data)
    if western:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise UnicodeError("no encoding gives a readable text")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode(best.encoding, errors="replace"), best.encoding


def looks_like_html(data: bytes | str) -> bool:
    """True when the start of a document carries HTML markup.

    >>> looks_like_html("<!DOCTYPE html><html>"), looks_like_html("Plain text.")
    (True, False)
    """
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    head = head.lstrip()
    if head.startswith(b"<"):
        return bool(_HTML_SNIFF.search(head)) or head[:5].lower() == b"<?xml"
    return len(_HTML_SNIFF.findall(head)) >= 2
