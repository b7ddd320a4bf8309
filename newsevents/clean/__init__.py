"""clean stage (see docs/architecture.md and docs/ingest.md): RawDocument → Article | Rejected."""

from __future__ import annotations

import hashlib

from ..ingest.decode import decode_bytes, looks_like_html
from ..ingest.limits import valid_text
from ..models import Article, RawDocument, Rejected
from .boilerplate import drop_recurring_lines, site_key
from .dates import parse_date, parse_hint
from .language import detect_language
from .neardup import NearDuplicateIndex, jaccard, minhash, near_duplicate_key
from .text import STRONG, clean_text, score_line

__all__ = ["clean_document", "drop_recurring_lines", "NearDuplicateIndex", "near_duplicate_key",
           "minhash", "jaccard", "detect_language", "parse_date", "clean_text", "score_line",
           "site_key"]


def _decode(raw: RawDocument) -> str | Rejected:
    content = raw.content
    if isinstance(content, bytes):
        try:
            content = decode_bytes(content, raw.meta.get("charset"))[0]
        except UnicodeError:
            return Rejected(raw.source, "clean", "undecodable",
                            "no text encoding fits these bytes; re-save the file as UTF-8")
    if content.count("\ufffd") > max(20, len(content) // 50):
        return Rejected(raw.source, "clean", "undecodable",
                        "the text is full of undecodable characters; check its encoding")
    if content.count("\x00") > 0:
        return Rejected(raw.source, "clean", "not_text", "the input holds binary data")
    return content


# A text of at most this many non-blank lines is short: what a user pastes
# first (a headline, a sentence or two), not a page with furniture around it.
_SHORT_LINES = 3


def _short_text(content: str) -> str | None:
    """A short text, as given, when cleaning left too little of it.

    Cleaning never removes the only text there is: a headline or a sentence
    without a full stop looks like a page title to the line scorer, so a
    short input is coded as spaCy's ``nlp(text)`` would parse it. Lines that
    are certainly furniture ("Share", "Add new comment") are still dropped,
    and a text made only of them stays a rejection.

    >>> _short_text("Russia and Ukraine agree to prisoner swap\\n")
    'Russia and Ukraine agree to prisoner swap'
    >>> _short_text("Share\\nTweet") is None
    True
    """
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    if not lines or len(lines) > _SHORT_LINES:
        return None
    kept = [line for line in lines if score_line(line).score < STRONG]
    if not kept:
        return None
    return content.strip() if len(kept) == len(lines) else "\n".join(kept)


def _notes(raw: RawDocument, content: str) -> tuple[str, tuple[str, ...]]:
    """Text that is valid Unicode, and the notes of what was repaired to get it."""
    notes = tuple(raw.meta.get("notes", ()))
    content, n = valid_text(content)  # (for callers that bypass ingest, e.g. extract())
    if n:
        notes += (f"{n} invalid character(s) (lone surrogates) replaced in the text",)
    return content, notes


def clean_document(raw: RawDocument, settings) -> Article | Rejected:
    """Clean one document: main text, title, publication date, language.

    HTML goes through trafilatura (precision mode, no comments, tables kept)
    with htmldate's original-date search, then the line scorer removes any
    furniture left; flattened text goes through the line scorer alone. A
    date the corpus gives (``raw.published``) wins over one found in the text.

    >>> a = clean_document(read_document("tests/fixtures/worked_example.txt", load_settings()),
    ...                    load_settings())  # doctest: +SKIP
    >>> a.title, a.published.isoformat()  # doctest: +SKIP
    ('North Korean officials make rare public visit to Iran', '2024-04-24')
    """
    content = _decode(raw)
    if isinstance(content, Rejected):
        return content
    content, notes = _notes(raw, content)
    if not content.strip():
        return Rejected(raw.source, "clean", "empty", "the document has no text")
    kind = raw.kind or ("html" if looks_like_html(content) else "text")
    date_order = getattr(settings, "date_order", "dmy")
    author = site = None
    url = raw.url
    published = parse_hint(raw.published, date_order)
    published_from = "hint" if published else None
    if kind == "html":
        from .html import extract_html

        h = extract_html(content, raw.url)
        title = raw.title or h.title
        result = clean_text(h.text, title_hint=title, date_order=date_order, mode="extracted")
        author, site, url = h.author, h.site, raw.url or h.url
        if published is None and h.published:
            published, published_from = h.published, "htmldate"
    else:
        result = clean_text(content, title_hint=raw.title, date_order=date_order)
        title = result.title
        author = result.author
    if published is None and result.published:
        published, published_from = result.published, result.published_from
    text = "\n".join(result.lines).strip()
    short = _short_text(content) if len(text) < settings.min_text_chars and kind == "text" else None
    if short:
        text = short
        if title and kind == "text" and not raw.title and title in text:
            # The "headline" the line scorer found is the text itself, not a
            # repeat of it: no title, so the events stage codes that line.
            title = None
    elif len(text) < settings.min_text_chars:
        what = "no article text was found" if not text else f"only {len(text)} characters remain"
        return Rejected(raw.source, "clean", "empty",
                        f"{what} after removing page furniture (min_text_chars="
                        f"{settings.min_text_chars})")
    if title:
        title = valid_text(title)[0]
    language = raw.language or detect_language(text)
    removed = tuple(raw.meta.get("recurring_removed", ())) + tuple(result.removed)
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
        title=(title or None), published=published, url=url, language=language,
        source=raw.source, author=author, site=site, published_from=published_from,
        removed=removed, notes=notes)
