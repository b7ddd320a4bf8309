"""newsevents: turn news into event data — who did what to whom, when, where,
and on whose word.

>>> import newsevents
>>> coded = newsevents.extract("Iran fired missiles at Israel on Tuesday.",
...                            published="2024-04-24")        # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import InputError, NewsEventsError  # noqa: E402
from .models import Article, Coded, Event, Mention, Quote, RawDocument, Rejected, TimeRef  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402

_PIPELINE = ("extract", "extract_many", "extract_path", "ingest", "code_article")


def __getattr__(name: str):
    # The pipeline imports spaCy; load it only when asked, so `import newsevents`
    # (and `newsevents --help`) stays fast.
    if name in _PIPELINE:
        from . import pipeline
        # Importing the pipeline imports the ``newsevents.ingest`` subpackage, and
        # the import system then sets ``newsevents.ingest`` to that module,
        # shadowing the function on every later use: bind the functions now.
        globals().update({n: getattr(pipeline, n) for n in _PIPELINE})
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


__all__ = [
    "Article", "Coded", "Event", "InputError", "Mention", "NewsEventsError", "Quote",
    "RawDocument", "Rejected", "Settings", "Store", "TimeRef", "__version__", "code_article",
    "extract", "extract_many", "extract_path", "ingest", "load_settings", "open_store",
    "resolve_dates",
]
