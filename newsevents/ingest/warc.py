"""WARC and ARC archives (warcio): one document per HTTP response record."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import RawDocument, Rejected
from .limits import read_limited, source_name

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TEXT_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def iter_warc(path: str, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Response (and resource) records of a WARC/ARC file.

    ``source`` is ``path#<WARC-Record-ID>``; request, metadata and warcinfo
    records are bookkeeping, not documents, and are skipped. A non-200
    response or a non-text payload becomes a Rejected with the reason.
    """
    from warcio.archiveiterator import ArchiveIterator

    name = source_name(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Rejected(name, "ingest", "unreadable", f"cannot open the archive: {exc}")
        return
    with fh:
        n = 0
        failed = False
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue
                n += 1
                rid = record.rec_headers.get_header("WARC-Record-ID") or f"record-{n}"
                source = f"{name}#{rid.strip('<>')}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                status, ctype = 200, ""
                if record.http_headers is not None:
                    code = record.http_headers.get_statuscode()
                    status = int(code) if code and code.isdigit() else 200
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if status != 200:
                    yield Rejected(source, "ingest", f"fetch_failed:{status}",
                                   f"the archived response for {url} has HTTP status {status}")
                    continue
                if ctype and not ctype.lower().startswith(_TEXT_TYPES):
                    yield Rejected(source, "ingest", "not_text",
                                   f"archived payload is {ctype.split(';')[0]}, not HTML or text")
                    continue
                body = read_limited(record.content_stream(), max_bytes)
                if len(body) > max_bytes:
                    yield Rejected(source, "ingest", "too_large",
                                   f"payload is larger than max_document_bytes={max_bytes}")
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # The block ended before its declared Content-Length: a cut archive.
                    yield Rejected(source, "ingest", "bad_archive",
                                   f"record {n} is cut short (the archive ends inside it)")
                    continue
                if not body.strip():
                    yield Rejected(source, "ingest", "empty", "the archived response has no body")
                    continue
                kind = "text" if ctype.lower().startswith("text/plain") else "html" if ctype else None
                meta = {"crawled": record.rec_headers.get_header("WARC-Date")}
                cs = _charset(ctype)
                if cs:
                    meta["charset"] = cs
                yield RawDocument(source=source, content=body, kind=kind, url=url, meta=meta)
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged input
            # Whatever the damage (a cut gzip member, a record with no target
            # URI, bad headers), the records before it are kept and it is recorded.
            failed = True
            yield Rejected(f"{name}#after-record-{n}", "ingest", "bad_archive",
                           f"the archive is truncated or corrupt after record {n}: "
                           f"{type(exc).__name__}: {exc}"[:400])
        if not n and not failed:
            yield Rejected(name, "ingest", "empty", "the archive holds no response record")
