"""Fetch URLs with a deadline, a size limit, a user agent and retries."""

from __future__ import annotations

import socket
import threading
import time

from ..models import RawDocument, Rejected
from .decode import maybe_gunzip


class _Attempt:
    """One GET, run on a helper thread so the caller can stop waiting at a deadline.

    ``requests`` timeouts bound each socket read, not the whole response: a
    server that drips a byte every second never trips them. At the deadline
    the caller stops waiting and :meth:`abort` shuts the socket, which ends
    the helper's read.
    """

    def __init__(self, url: str, settings):
        self.url, self.settings = url, settings
        self.result: RawDocument | Rejected | tuple[str, str] | None = None
        self.response = None
        self.aborted = False

    def run(self) -> None:
        try:
            self.result = self._get()
        except Exception as exc:  # noqa: BLE001 - any failure of one URL is its own rejection
            self.result = ("fetch_failed:timeout" if self.aborted else "fetch_failed:network",
                           f"{type(exc).__name__}: {exc}"[:300])

    def abort(self) -> None:
        self.aborted = True
        conn = getattr(getattr(self.response, "raw", None), "connection", None)
        sock = getattr(conn, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _get(self):
        import requests

        s, url = self.settings, self.url
        headers = {"User-Agent": s.fetch_user_agent,
                   "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
        limit = s.fetch_max_bytes
        try:
            resp = requests.get(url, headers=headers, timeout=s.fetch_timeout_s, stream=True,
                                allow_redirects=True)
        except requests.Timeout:
            return "fetch_failed:timeout", f"no response within fetch_timeout_s={s.fetch_timeout_s}"
        except requests.RequestException as exc:
            return "fetch_failed:network", f"{type(exc).__name__}: {exc}"[:300]
        self.response = resp
        with resp:
            status = resp.status_code
            if status >= 500:
                return f"fetch_failed:{status}", f"server answered HTTP {status}"
            if status >= 400:
                return Rejected(url, "ingest", f"fetch_failed:{status}",
                                f"server answered HTTP {status}; check the URL")
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                return Rejected(url, "ingest", "too_large",
                                f"response is {declared} bytes; fetch_max_bytes={limit}")
            body = bytearray()
            for chunk in resp.raw.stream(65536, decode_content=True):
                body += chunk
                if len(body) > limit:
                    return Rejected(url, "ingest", "too_large",
                                    f"response exceeds fetch_max_bytes={limit}")
            ctype = resp.headers.get("Content-Type", "")
            kind = "text" if ctype.lower().startswith("text/plain") else (
                "html" if "html" in ctype.lower() else None)
            meta = {"status": status, "content_type": ctype}
            if resp.encoding and "charset" in ctype.lower():
                meta["charset"] = resp.encoding
            try:
                content = maybe_gunzip(bytes(body), limit)
            except ValueError as exc:
                return Rejected(url, "ingest", str(exc), "the gzip body could not be used")
            return RawDocument(source=url, content=content, kind=kind, url=resp.url, meta=meta)


def fetch_url(url: str, settings) -> RawDocument | Rejected:
    """GET one URL; a network error or 5xx is retried ``settings.fetch_retries`` times.

    Each attempt has a real deadline of ``settings.fetch_timeout_s`` seconds
    for the whole response, however slowly it arrives; a response that
    misses it is rejected as ``fetch_failed:timeout`` and not retried.
    Returns a RawDocument with the response bytes (``url`` is the final URL
    after redirects) or ``Rejected(reason='fetch_failed:<status>')``
    (``fetch_failed:network`` when no response came, or it was cut short).

    >>> fetch_url("http://127.0.0.1:9/none", load_settings(fetch_retries=0)).reason  # doctest: +SKIP
    'fetch_failed:network'
    """
    last, detail = "fetch_failed:network", ""
    for attempt in range(settings.fetch_retries + 1):
        if attempt:
            time.sleep(min(0.25 * 2 ** (attempt - 1), 2.0))  # brief backoff
        job = _Attempt(url, settings)
        thread = threading.Thread(target=job.run, name="newsevents-fetch", daemon=True)
        thread.start()
        thread.join(settings.fetch_timeout_s)
        if thread.is_alive():
            job.abort()
            thread.join(1.0)
            return Rejected(url, "ingest", "fetch_failed:timeout",
                            f"the response did not arrive within fetch_timeout_s="
                            f"{settings.fetch_timeout_s} s; raise it for a slow server")
        if isinstance(job.result, (RawDocument, Rejected)):
            return job.result
        last, detail = job.result or ("fetch_failed:network", "no result")
    return Rejected(url, "ingest", last,
                    f"{detail} (after {settings.fetch_retries + 1} attempts); "
                    "check the URL or raise fetch_retries/fetch_timeout_s")
