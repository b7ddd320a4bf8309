"""Preloaded by the fork server that starts ingest's worker processes.

Importing this module, with ``NEWSEVENTS_WARM_SETTINGS`` set to the run's
settings as JSON, loads the spaCy model and every lexicon coding uses, once,
in the fork server. Workers forked from it then share those pages
copy-on-write instead of each loading its own ~430 MB (see docs/scale.md).
Without the variable, importing it does nothing.
"""

from __future__ import annotations

import gc
import json
import os
from datetime import date

from ..settings import Settings

ENV = "NEWSEVENTS_WARM_SETTINGS"

# Short, but names a country, a capital, an official and a reporting verb, so
# every lazily loaded index (actors, roles, places, events, quotes) is built.
_TEXT = ("French Foreign Minister Jean Dupont met Egyptian officials in Cairo on Monday "
         "and criticized the attack on the embassy, a spokesman said.")


def warm(settings: Settings) -> None:
    """Load everything coding needs under ``settings`` by coding one short article.

    Coding a real article, rather than calling each loader, fills exactly the
    caches (and cache keys) the workers will ask for.

    >>> warm(Settings())  # doctest: +SKIP
    """
    from ..coding import code_articles
    from ..models import Article

    article = Article(id="warm-up", text=_TEXT, title=None, published=date(2024, 1, 1))
    code_articles([article], settings)


def settings_from_json(raw: str) -> Settings:
    """The inverse of ``json.dumps(dataclasses.asdict(settings))``.

    >>> settings_from_json('{"model": "en_core_web_sm"}').model
    'en_core_web_sm'
    """
    values = json.loads(raw)
    return Settings(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def _warm_from_environment() -> None:
    raw = os.environ.get(ENV)
    if not raw:
        return
    from .lifeline import from_environment

    from_environment()  # the fork server dies with the ingest that started it
    try:
        warm(settings_from_json(raw))
    except Exception:  # noqa: BLE001
        # A failure here would kill the fork server; the workers load what they
        # need themselves and report the same error with its proper message.
        return
    from .local import release_freed_memory

    release_freed_memory()  # the warm-up parse's scratch memory is not worth sharing
    # Objects loaded so far never change: keep the collector from writing to
    # their headers, which would copy the shared pages into every worker.
    gc.freeze()


_warm_from_environment()
