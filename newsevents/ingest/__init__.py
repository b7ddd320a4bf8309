"""ingest stage (see docs/architecture.md and docs/ingest.md): inputs → RawDocument | Rejected."""

from .corpus import FIELD_GUESSES, resolve_mapping
from .decode import decode_bytes, looks_like_html
from .fetch import fetch_url
from .sources import iter_documents, read_document

__all__ = ["iter_documents", "read_document", "fetch_url", "resolve_mapping",
           "decode_bytes", "looks_like_html", "FIELD_GUESSES"]
