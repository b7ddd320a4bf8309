"""Cross-page furniture (the CCNet approach): lines that recur across one site's pages."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import replace
from urllib.parse import urlsplit

from ..ingest.decode import decode_bytes, looks_like_html
from ..models import RawDocument
from .lexicon import normalize


def site_key(raw: RawDocument) -> str:
    """Group documents by URL host, else by the corpus file or folder they came from.

    >>> site_key(RawDocument(source="x", content="", url="https://www.voanews.com/a/1"))
    'voanews.com'
    """
    if raw.url:
        host = urlsplit(raw.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    src = raw.source.split("#", 1)[0]
    return src.rsplit("/", 1)[0] if "#" not in raw.source and "/" in src else src


def _line_hash(line: str) -> bytes:
    return hashlib.blake2b(normalize(line).encode("utf-8"), digest_size=8).digest()


def drop_recurring_lines(raws: list[RawDocument], min_pages: int = 3,
                         min_share: float = 0.5) -> list[RawDocument]:
    """Remove lines that recur on many pages of the same site from flattened texts.

    Within each site group (``site_key``) of at least ``min_pages`` text
    documents, a non-blank line found on ``min_pages`` or more pages and on
    at least ``min_share`` of them is furniture (menus, footers, "Follow us",
    a newsletter pitch no rule names) and is dropped. HTML documents pass
    through unchanged (trafilatura handles their structure). The removed
    lines are listed in ``meta["recurring_removed"]`` for the dashboard.

    >>> docs = [RawDocument(f"p{i}", f"Story {i} text.\\nFollow us on Mastodon", url=f"https://s.org/{i}")
    ...         for i in range(3)]
    >>> drop_recurring_lines(docs)[0].content
    'Story 0 text.'
    """
    texts: dict[int, str] = {}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, raw in enumerate(raws):
        if raw.kind == "html":
            continue
        content = raw.content
        if isinstance(content, bytes):
            try:
                content = decode_bytes(content, raw.meta.get("charset"))[0]
            except UnicodeError:
                continue
        if raw.kind is None and looks_like_html(content):
            continue
        texts[i] = content
        groups[site_key(raw)].append(i)
    out = list(raws)
    for members in groups.values():
        if len(members) < min_pages:
            continue
        counts: Counter[bytes] = Counter()
        for i in members:
            counts.update({_line_hash(ln) for ln in texts[i].splitlines() if normalize(ln)})
        threshold = max(min_pages, min_share * len(members))
        common = {h for h, c in counts.items() if c >= threshold}
        if not common:
            continue
        for i in members:
            kept, dropped = [], []
            for ln in texts[i].splitlines():
                if normalize(ln) and _line_hash(ln) in common:
                    dropped.append(ln)
                else:
                    kept.append(ln)
            if dropped:
                meta = dict(raws[i].meta, recurring_removed=tuple(dropped))
                out[i] = replace(raws[i], content="\n".join(kept), meta=meta)
    return out
