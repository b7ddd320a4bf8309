"""What every response of the web server carries, and what every request must pass.

- A ``Host`` allow-list: a page on another site that rebinds its DNS name to
  127.0.0.1 (DNS rebinding) must not read the store through the browser.
  Loopback names, the bound host and ``allowed_hosts`` pass; a server bound
  to every interface (0.0.0.0) without ``allowed_hosts`` checks nothing.
- Security headers: a Content-Security-Policy that allows scripts from this
  origin only (inline scripts by their hash), no framing
  (``X-Frame-Options``, ``frame-ancestors``), ``nosniff``, no referrer.
- Length limits on every query-string value, whatever the route declares.
- The API documentation at ``/docs`` rendered here from the OpenAPI
  description: no script or stylesheet from a CDN, so it works offline and
  no third-party code runs in the server's origin.

:func:`install` does all of it; ``create_app`` calls it once.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import parse_qsl

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]",
                            # Starlette's TestClient; no public DNS name can be it.
                            "testserver"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
MAX_PARAM_CHARS = 400  # the longest value a query parameter may carry (cursors are ~100)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def allowed_hosts(settings) -> frozenset[str] | None:
    """The Host names to answer, or None to answer any (bound to every interface).

    >>> sorted(allowed_hosts(type("S", (), {"host": "127.0.0.1", "allowed_hosts": ()})()))[:2]
    ['127.0.0.1', '::1']
    """
    extra = {h.strip().lower() for h in (getattr(settings, "allowed_hosts", ()) or ()) if h.strip()}
    bound = (getattr(settings, "host", "") or "").strip().lower()
    if bound in WILDCARD_BINDS and not extra:
        return None
    return LOOPBACK_HOSTS | extra | ({bound} if bound not in WILDCARD_BINDS else set())


def content_security_policy() -> str:
    """The CSP: this origin only; the templates' inline scripts allowed by their hash."""
    hashes = []
    for tpl in sorted(_TEMPLATES.glob("*.html")):
        for body in _INLINE_SCRIPT.findall(tpl.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            # The dashboard's bars are sized with style attributes.
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _host_name(raw: str) -> str:
    raw = raw.strip().lower()
    if raw.startswith("["):  # [::1]:8000
        return raw[:raw.find("]") + 1] if "]" in raw else raw
    return raw.rsplit(":", 1)[0] if raw.count(":") == 1 else raw


class SecurityMiddleware:
    """ASGI middleware: Host check, query-string limits, security headers."""

    def __init__(self, app, hosts: frozenset[str] | None, csp: str):
        self.app, self.hosts = app, hosts
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refusal(scope)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in present]}
            await send(message)

        if problem is not None:
            from fastapi.responses import JSONResponse

            from .app import error_body

            status, message = problem
            await JSONResponse(error_body(status, message), status_code=status)(
                scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope) -> tuple[int, str] | None:
        if self.hosts is not None:
            host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"),
                        "")
            if _host_name(host) not in self.hosts:
                return 400, (f"this server does not answer to the host {host[:100]!r}; "
                             "open it as http://127.0.0.1:PORT/ or add the name to "
                             "allowed_hosts")
        query = scope.get("query_string", b"")
        if query:
            for key, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
                if len(value) > MAX_PARAM_CHARS or len(key) > 100:
                    return 422, (f"query parameter {key[:40]!r} is longer than "
                                 f"{MAX_PARAM_CHARS} characters; shorten it")
        return None


def install(app, settings) -> None:
    """Add the Host check, limits and headers, and serve ``/docs`` without a CDN."""
    from fastapi.responses import HTMLResponse
    from starlette.routing import Route

    # FastAPI's own /docs and /redoc load Swagger UI and ReDoc from a CDN.
    app.router.routes[:] = [r for r in app.router.routes
                            if getattr(r, "path", None) not in {"/docs", "/redoc",
                                                                "/docs/oauth2-redirect"}]

    async def api_docs(request) -> HTMLResponse:
        return HTMLResponse(render_docs(app.openapi()))

    # A plain route, not part of the API (and not in its OpenAPI description).
    app.router.routes.append(Route("/docs", api_docs, methods=["GET"]))

    app.add_middleware(SecurityMiddleware, hosts=allowed_hosts(settings),
                       csp=content_security_policy())


def render_docs(spec: dict) -> str:
    """The API reference as one static HTML page (escaped; no script)."""
    from html import escape

    info = spec.get("info", {})
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(info.get('title', 'API'))} API</title>",
        "<link rel='stylesheet' href='/static/app.css'></head><body><main class='apidocs'>",
        f"<h1>{escape(info.get('title', 'API'))} {escape(str(info.get('version', '')))}</h1>",
        f"<p>{escape(info.get('description', ''))}</p>",
        "<p>The machine-readable description: <a href='/openapi.json'>/openapi.json</a>.</p>",
    ]
    for path, ops in sorted(spec.get("paths", {}).items()):
        for method, op in ops.items():
            parts.append(f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>")
            if op.get("summary"):
                parts.append(f"<p><b>{escape(op['summary'])}</b></p>")
            if op.get("description"):
                parts.append(f"<p>{escape(op['description'])}</p>")
            params = op.get("parameters", [])
            if params:
                parts.append("<table><tr><th>parameter</th><th>in</th><th>type</th>"
                              "<th>description</th></tr>")
                for p in params:
                    schema = p.get("schema", {})
                    kind = schema.get("type") or "/".join(
                        s.get("type", "") for s in schema.get("anyOf", []) if s.get("type"))
                    if schema.get("enum"):
                        kind += " (" + ", ".join(map(str, schema["enum"])) + ")"
                    if schema.get("maxLength"):
                        kind += f", ≤ {schema['maxLength']} chars"
                    parts.append(
                        f"<tr><td><code>{escape(p.get('name', ''))}</code>"
                        f"{' (required)' if p.get('required') else ''}</td>"
                        f"<td>{escape(p.get('in', ''))}</td><td>{escape(kind)}</td>"
                        f"<td>{escape(p.get('description', '') or '')}</td></tr>")
                parts.append("</table>")
            parts.append("</section>")
    parts.append("</main></body></html>")
    return "".join(parts)
