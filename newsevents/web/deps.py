"""Request dependencies shared by the API and page routes.

They read what ``create_app`` put on ``app.state`` (the readers of the store,
the aggregate cache), so the routes need not import the app factory and the
factory imports the routes: imports point one way.
"""

from __future__ import annotations

from fastapi import Request


def cached(request: Request, store, key: str, compute):
    """``compute()`` once per store data version: whole-table aggregates (the
    overview) cost ~0.5 s at a million events and only change when an ingest
    writes, which changes :func:`newsevents.query.data_version`."""
    from ..query import data_version

    cache = request.app.state.cache
    version = data_version(store)
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = compute()
    cache[key] = (version, value)
    return value


def store_view(request: Request):
    """FastAPI dependency: a per-request store view, closed after the response."""
    readers = request.app.state.readers
    view = readers.acquire()
    try:
        yield view
    finally:
        readers.done(view)


__all__ = ["cached", "store_view"]
