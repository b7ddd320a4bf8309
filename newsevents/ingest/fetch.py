"""Fetch URLs with a timeout, a size limit, a user agent and retries."""

from __future__ import annotations

import time

from ..models import RawDocument, Rejected
from .decode import maybe_gunzip


def fetch_url(url: str, settings) -> RawDocument | Rejected:
    """GET one URL; a network error or 5xx is retried ``settings.fetch_retries`` times.

    Returns a RawDocument with the response bytes (``url`` is the final URL
    after redirects) or ``Rejected(reason='fetch_failed:<status>')``
    (``fetch_failed:network`` when no response came).

    >>> fetch_url("http://127.0.0.1:9/none", load_settings(fetch_retries=0)).reason  # doctest: +SKIP
    'fetch_failed:network'
    """
    import requests

    headers = {"User-Agent": settings.fetch_user_agent,
               "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"}
    limit = settings.fetch_max_bytes
    last = "fetch_failed:network"
    detail = ""
    for attempt in range(settings.fetch_retries + 1):
        if attempt:
            time.sleep(min(0.25 * 2 ** (attempt - 1), 2.0))  # brief backoff
        try:
            with requests.get(url, headers=headers, timeout=settings.fetch_timeout_s,
                              stream=True, allow_redirects=True) as resp:
                status = resp.status_code
                if status >= 500:
                    last, detail = f"fetch_failed:{status}", f"server answered HTTP {status}"
                    continue
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
                return RawDocument(source=url, content=content, kind=kind, url=resp.url,
                                   meta=meta)
        except requests.Timeout:
            last, detail = "fetch_failed:timeout", (
                f"no response within fetch_timeout_s={settings.fetch_timeout_s}")
        except requests.RequestException as exc:
            last, detail = "fetch_failed:network", f"{type(exc).__name__}: {exc}"
    return Rejected(url, "ingest", last,
                    f"{detail} (after {settings.fetch_retries + 1} attempts); "
                    "check the URL or raise fetch_retries/fetch_timeout_s")
