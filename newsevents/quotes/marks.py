"""Find quoted stretches of text from quotation marks alone (no parse needed).

News text mixes straight and curly marks, sometimes in one quote
(“the clear and consistent concerns"), and a quote that runs over several
paragraphs opens each paragraph again without closing the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“\"«„"
CLOSERS = "”\"»“"  # “ closes in some German-style texts; handled below
_MARK = re.compile(r"[“”\"«»„]")


@dataclass(frozen=True, slots=True)
class Segment:
    """One quoted stretch: ``[start, end)`` of the content, marks excluded."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when a paragraph ran out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_segments(text: str) -> list[Segment]:
    """Quoted stretches in order.

    >>> [text[s.start:s.end] for text in ['He said "yes, now," and left.'] for s in find_segments(text)]
    ['yes, now']
    """
    segments: list[Segment] = []
    open_at: int | None = None
    for m in _MARK.finditer(text):
        ch, pos = m.group(), m.start()
        if open_at is not None and "\n" in text[open_at:pos]:
            # the paragraph ended inside the quote: close it there
            para_end = text.index("\n", open_at)
            s, e = _trimmed(text, open_at + 1, para_end)
            if e > s:
                segments.append(Segment(s, e, open_at, None))
            open_at = None
        if open_at is None:
            if ch in "”»" and segments and segments[-1].close_mark is None:
                continue  # stray closer of a paragraph-spanning quote
            if ch == "\"" and pos > 0 and text[pos - 1].isalnum() and (
                    pos + 1 >= len(text) or not text[pos + 1].isalnum()):
                continue  # a straight closer with no opener (inch marks, broken markup)
            open_at = pos
            continue
        if ch == "“" and text[open_at] == "“":
            # a second opener: the first quote was never closed; restart here
            open_at = pos
            continue
        s, e = _trimmed(text, open_at + 1, pos)
        if e > s:
            segments.append(Segment(s, e, open_at, pos))
        open_at = None
    if open_at is not None:
        end = text.find("\n", open_at)
        s, e = _trimmed(text, open_at + 1, len(text) if end < 0 else end)
        if e > s:
            segments.append(Segment(s, e, open_at, None))
    return segments
