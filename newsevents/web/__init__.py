"""HTTP API and browser dashboard over a store: ``create_app`` and ``serve``.

Nothing is created at import time; ``create_app(store_or_path, settings)``
builds the FastAPI app (JSON under ``/api``, OpenAPI at ``/docs``, dashboard
at ``/``), and ``serve`` runs it with uvicorn.
"""

from __future__ import annotations

import secrets
import sys

from ..settings import Settings, load_settings

__all__ = ["create_app", "serve", "LOOPBACK"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(store_or_path=None, settings: Settings | None = None, **kw):
    """Build the app (see :func:`newsevents.web.app.create_app`).

    >>> from fastapi.testclient import TestClient  # doctest: +SKIP
    >>> TestClient(create_app("newsevents.duckdb")).get("/api/overview").json()  # doctest: +SKIP
    """
    from .app import create_app as _create
    return _create(store_or_path, settings, **kw)


def serve(settings: Settings | None = None, allow_ingest: bool = False,
          echo=print) -> None:
    """Serve the dashboard and API with uvicorn until interrupted.

    Binds ``settings.host`` (127.0.0.1 by default) and warns when that is not
    a loopback address. With ``allow_ingest`` a write endpoint exists and the
    bearer token it needs is printed once, here.

    >>> serve(load_settings(db="news.duckdb", port=8080))  # doctest: +SKIP
    """
    import uvicorn

    settings = settings or load_settings()
    token = secrets.token_urlsafe(24) if allow_ingest else None
    app = create_app(settings.db, settings, allow_ingest=allow_ingest, token=token)
    if settings.host not in LOOPBACK:
        echo(f"Warning: binding to {settings.host}, not 127.0.0.1: anyone who can reach this "
             "machine on port {} can read the store{}.".format(
                 settings.port, " and, with the token, write to it" if allow_ingest else ""),
             file=sys.stderr)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    echo(f"newsevents dashboard: http://{host}:{settings.port}/  "
         f"(API docs: http://{host}:{settings.port}/docs; store {settings.db})")
    if allow_ingest:
        echo(f"Ingest is enabled: POST /api/ingest with 'Authorization: Bearer {token}'")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                limit_concurrency=64, timeout_keep_alive=5)
