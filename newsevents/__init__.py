"""newsevents: turn news into event data — who did what to whom, when, where,
and on whose word.

>>> import newsevents
>>> coded = newsevents.extract("Iran fired missiles at Israel on Tuesday.",
...                            published="2024-04-24")        # doctest: +SKIP
"""

__version__ = "0.1.0"

import sys  # noqa: E402
import types  # noqa: E402

from .errors import InputError, NewsEventsError  # noqa: E402
from .models import Article, Coded, Event, Mention, Quote, RawDocument, Rejected, TimeRef  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402


def __getattr__(name: str):
    # The pipeline imports spaCy; load it only when asked, so `import newsevents`
    # (and `newsevents --help`) stays fast.
    if name in {"extract", "extract_many", "extract_path", "ingest_documents", "code_article"}:
        from . import pipeline
        return getattr(pipeline, name)
    if name == "resolve_dates":
        from .temporal import resolve_dates
        return resolve_dates
    if name == "open_store":
        from .store import open_store
        return open_store
    if name == "Store":
        from .store import Store
        return Store
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")


class _Package(types.ModuleType):
    """The package's module type: ``newsevents.ingest`` is always the function.

    A subpackage has that name too, and importing it makes the import system
    set the package attribute ``ingest`` to the subpackage, so the documented
    ``newsevents.ingest(paths, store)`` failed as "'module' object is not
    callable" once anything had imported ``newsevents.ingest.…``. A property
    on the module's type wins over that attribute; the subpackage stays
    importable by name (``from newsevents.ingest import iter_documents``).
    """

    @property
    def ingest(self):
        from .pipeline import ingest
        return ingest

    @ingest.setter
    def ingest(self, module) -> None:
        self.__dict__["_ingest_package"] = module


sys.modules[__name__].__class__ = _Package

__all__ = [
    "Article", "Coded", "Event", "InputError", "Mention", "NewsEventsError", "Quote",
    "RawDocument", "Rejected", "Settings", "Store", "TimeRef", "__version__", "code_article",
    "extract", "extract_many", "extract_path", "ingest", "ingest_documents", "load_settings",
    "open_store",
    "resolve_dates",
]
