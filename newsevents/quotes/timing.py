"""The date of a speech act: the time expression that governs its cue verb."""

from __future__ import annotations

from datetime import date

from ..models import Precision, TimeRef

try:  # the temporal stage provides the shared rule when it is installed
    from ..temporal import governing_time as _governing_time  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the temporal stage landing
    _governing_time = None


def _own_rule(token, times: list[TimeRef]) -> TimeRef | None:
    """A time expression inside the cue's own clause, not inside its content.

    "Miller said last Tuesday that ..." → "last Tuesday" hangs from "said".
    """
    if not times:
        return None
    sent = token.sent
    for t in times:
        if t.start < sent.start_char or t.end > sent.end_char:
            continue
        span = token.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(6):  # walk up a few heads: "on Tuesday" → on → said
            if tok is token:
                return t
            if tok.dep_ in ("ccomp", "xcomp", "relcl", "acl", "pcomp", "advcl") or tok.head is tok:
                break
            tok = tok.head
    return None


def speech_date(token, times: list[TimeRef], published: date | None,
                content: tuple[int, int] | None = None) -> tuple[str | None, Precision]:
    """``(value, precision)`` for a cue token; the publication date (precision
    ``unknown``) when no expression governs it. An expression inside the quoted
    ``content`` dates what was said, not the saying ("In February, X did Y, KCNA said").

    >>> speech_date(tok, [], date(2024, 4, 24))  # doctest: +SKIP
    ('2024-04-24', 'unknown')
    """
    ref = None
    if _governing_time is not None and times:
        try:
            ref, rule = _governing_time(token, times, published)
        except Exception:  # noqa: BLE001 - a temporal bug must not lose the quote
            ref, rule = None, ""
        if ref is not None and rule == "paragraph" and ref.precision != "day":
            # a year or a month from an earlier sentence frames a summary ("In 2024, the
            # BLA killed 400 people. ... a charge New Delhi rejected"), not the day a thing
            # was said: the speech act is not dated by it
            ref = None
    if ref is not None and content is not None and content[0] <= ref.start < content[1]:
        ref = None
    if ref is None:
        ref = _own_rule(token, times)
    if ref is not None and ref.value:
        return ref.value, ref.precision
    return (published.isoformat() if published else None), "unknown"
