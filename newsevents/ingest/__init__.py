"""ingest stage (see docs/architecture.md and docs/ingest.md): inputs → RawDocument | Rejected."""

import sys
import types

from .corpus import FIELD_GUESSES, resolve_mapping
from .decode import decode_bytes, looks_like_html
from .fetch import fetch_url
from .sources import iter_documents, read_document

__all__ = ["iter_documents", "read_document", "fetch_url", "resolve_mapping",
           "decode_bytes", "looks_like_html", "FIELD_GUESSES"]


class _CallableModule(types.ModuleType):
    """``newsevents.ingest`` is both this subpackage and the public function.

    Python binds a subpackage as an attribute of its parent when it is first
    imported (``from newsevents.ingest import iter_documents`` does), which
    would hide :func:`newsevents.ingest`; calling the module therefore calls
    the function, so ``newsevents.ingest(paths, store)`` works whichever
    was bound.
    """

    def __call__(self, *args, **kwargs):
        from ..pipeline import ingest

        return ingest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
