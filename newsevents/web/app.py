"""The application factory, the store dependency and the one error shape.

Every error the HTTP API returns has the same JSON body::

    {"error": {"status": 404, "code": "not_found", "message": "...", "detail": [...]}}

Dashboard pages (paths outside ``/api``) get the same information as an
HTML page. tests/test_web_api.py enforces both.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import InputError, NewsEventsError, StoreError
from ..settings import Settings, load_settings
from ..store import writer_waiting
from . import api, pages, security

log = logging.getLogger("newsevents.web")

HERE = Path(__file__).parent
# Largest request body accepted (only the ingest endpoint takes one).
MAX_BODY_BYTES = 2_000_000

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "too_large", 422: "invalid_request",
          500: "internal_error", 503: "unavailable"}


def error_body(status: int, message: str, detail: Any = None) -> dict:
    """The one error shape.

    >>> error_body(404, "no event 'x'")["error"]["code"]
    'not_found'
    """
    err = {"status": status, "code": _CODES.get(status, "error"), "message": message}
    if detail is not None:
        err["detail"] = detail
    return {"error": err}


class _Readers:
    """Per-request cursors on a read-only connection that is held only in bursts.

    Each request gets its own cursor, so concurrent requests in the thread
    pool never share one. The first request of a burst opens the file
    (~25 ms, plus ~30 ms more for the first query to warm DuckDB's caches);
    requests arriving while it is open reuse it. The file is let go

    * ``idle_release_s`` (0.1 s) after the last request finished, and
    * at once when a writer is waiting for it (the marker of
      :func:`newsevents.store.writer_waiting`): new requests wait while the
      ones in flight finish, the file is closed, and the writer gets in; they
      then open it again, which waits for that batch to commit.

    So an ``ingest`` in another process waits at most for the requests in
    flight, however busy the server is. A store that holds its file (an
    in-memory store, or ``--allow-ingest`` where the server is the writer)
    is never released.
    """

    def __init__(self, store, idle_release_s: float = 0.1):
        self.store = store
        self.cond = threading.Condition()
        self.active = 0
        self.idle_release_s = idle_release_s
        self.last = 0.0
        self.timer: threading.Timer | None = None
        self.releases = 0  # times the file was let go (tests, diagnostics)
        self.yields = 0  # ... of which for a waiting writer

    def _releasable(self) -> bool:
        return getattr(self.store, "hold", True) is False

    def _writer_waiting(self) -> bool:
        return self._releasable() and writer_waiting(self.store.path)

    def acquire(self) -> _StoreView:
        deadline = time.monotonic() + getattr(self.store, "lock_timeout_s", 15.0)
        with self.cond:
            while self._writer_waiting() and time.monotonic() < deadline:
                if self.active == 0 and self.store._con is not None:
                    self._release(for_writer=True)
                # Wait for the requests in flight, then for the writer to get the
                # lock (it removes its marker); opening then waits for its commit.
                self.cond.wait(0.02)
            cur = self.store.con.cursor()
            self.active += 1
        return _StoreView(self.store, cur)

    def done(self, view: _StoreView) -> None:
        with self.cond:
            view.con.close()
            self.active -= 1
            self.cond.notify_all()
            if self.active or not self._releasable():
                return
            if self._writer_waiting():
                self._release(for_writer=True)
                return
            self.last = time.monotonic()
            if self.timer is None:
                self._schedule(self.idle_release_s)

    def _schedule(self, delay: float) -> None:
        self.timer = threading.Timer(delay, self._release_if_idle)
        self.timer.daemon = True
        self.timer.start()

    def _release_if_idle(self) -> None:
        with self.cond:
            self.timer = None
            if self.active:
                return
            wait = self.last + self.idle_release_s - time.monotonic()
            if wait > 0.005:
                self._schedule(wait)
                return
            self._release()

    def _release(self, for_writer: bool = False) -> None:
        if self.store._con is not None:
            self.store.release()
            self.releases += 1
            self.yields += for_writer


class _StoreView:
    """What the query layer needs of a store (``.con``) for one request."""

    def __init__(self, store, con):
        self._store = store
        self.con = con

    def __getattr__(self, name):
        return getattr(self._store, name)


class _BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413,
    whether or not the client sent a Content-Length."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", []):
            if k == b"content-length" and v.isdigit() and int(v) > self.limit:
                return await _send_json(send, 413, error_body(
                    413, f"request body is {int(v)} bytes; the limit is {self.limit}; "
                         "send fewer or smaller documents per request"))
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return msg

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _send_json(send, 413, error_body(
                413, f"request body exceeds {self.limit} bytes; send fewer documents"))


class _TooLarge(Exception):
    pass


async def _send_json(send, status: int, body: dict) -> None:
    resp = JSONResponse(body, status_code=status)
    await send({"type": "http.response.start", "status": status,
                "headers": [(k.encode(), v.encode()) for k, v in resp.headers.items()]})
    await send({"type": "http.response.body", "body": resp.body})


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path in ("/openapi.json", "/docs", "/redoc"))


def create_app(store_or_path=None, settings: Settings | None = None, *,
               allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """Build the FastAPI app (JSON API under /api, dashboard at /) over a store.

    ``store_or_path`` is an open :class:`newsevents.store.Store` or a path
    (opened read-only, or read-write when ``allow_ingest``). With
    ``allow_ingest`` a POST /api/ingest endpoint exists and needs
    ``Authorization: Bearer <token>``; a token is generated when none is given
    (``app.state.token``).

    >>> app = create_app("newsevents.duckdb")  # doctest: +SKIP
    """
    from ..store import Store, open_store

    settings = settings or load_settings()
    owns = not isinstance(store_or_path, Store) and not hasattr(store_or_path, "con")
    # Read-only serving lets go of the file between requests (hold=False) so an
    # ingest can write meanwhile; with --allow-ingest the server is the writer
    # and holds its one connection.
    store = (open_store(store_or_path or settings.db, read_only=not allow_ingest,
                        hold=allow_ingest) if owns else store_or_path)
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        if owns:
            store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsevents",
        version=__version__,
        description="Event data coded from news: who did what to whom, when, where, and on "
                    "whose word. Every error has the shape "
                    '`{"error": {"status", "code", "message", "detail"?}}`.',
    )
    app.state.store = store
    app.state.readers = _Readers(store)
    app.state.cache = {}
    app.state.settings = settings
    app.state.allow_ingest = allow_ingest
    app.state.token = (token or secrets.token_urlsafe(24)) if allow_ingest else None
    app.state.templates = pages.make_templates()

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no route {request.url.path}; see /docs for the API"
        if exc.status_code == 405:
            msg = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return _error(request, exc.status_code, msg, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""),
                   "type": e.get("type", "")} for e in exc.errors()]
        where = ", ".join(".".join(str(p) for p in d["loc"]) + ": " + d["msg"] for d in detail)
        return _error(request, 422, f"invalid request ({where}); see /docs for the parameters",
                      detail)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return _error(request, 422, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError):
        return _error(request, 503, str(exc))

    @app.exception_handler(NewsEventsError)
    async def _ne_error(request: Request, exc: NewsEventsError):
        return _error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error; the server log has the traceback — "
                                    "please report it with the URL you requested")

    app.include_router(api.make_router(settings, allow_ingest))
    app.include_router(pages.make_router(settings))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)
    security.install(app, settings)  # Host allow-list, headers, limits, /docs without a CDN
    return app


def _error(request: Request, status: int, message: str, detail: Any = None, headers=None):
    if _wants_html(request):
        tpl = request.app.state.templates
        return tpl.TemplateResponse(request, "error.html",
                                    {"status": status, "message": message, "detail": detail},
                                    status_code=status, headers=headers)
    return JSONResponse(error_body(status, message, detail), status_code=status, headers=headers)


__all__ = ["create_app", "error_body", "MAX_BODY_BYTES"]
