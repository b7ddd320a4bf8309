"""The annotation markup's shared pieces: finding a quoted string in a text.

Every gold builder under ``eval/`` (``events/build_gold.py``,
``quotes/build_gold.py``, ``annotated/build.py``) anchors an annotation by
quoting a string of the text, with ``:: @k`` naming the k-th occurrence when
the string occurs more than once. One implementation, so the three markups
agree on what a quote means.
"""

from __future__ import annotations

import re


class MarkupError(ValueError):
    """An annotation line that cannot be anchored in its text (the message says why)."""


def locate(text: str, needle: str, k: int | None) -> int:
    """Start of the k-th occurrence (1-based) of ``needle`` in ``text``.

    ``k`` may be None only when the string occurs exactly once.

    >>> locate("a b a", "a", 2)
    4
    """
    if not needle or needle == "-":
        raise MarkupError("empty string")
    hits, at = [], text.find(needle)
    while at >= 0:
        hits.append(at)
        at = text.find(needle, at + 1)
    if not hits:
        raise MarkupError(f"not in the text: {needle[:80]!r}")
    if k is None and len(hits) > 1:
        raise MarkupError(f"occurs {len(hits)} times, add ':: @k': {needle[:80]!r}")
    if k is not None and not 1 <= k <= len(hits):
        raise MarkupError(f"@{k} but the string occurs {len(hits)} time(s): {needle[:80]!r}")
    return hits[(k or 1) - 1]


def occurrence(fields: list[str]) -> tuple[list[str], int | None]:
    """Split a trailing ``@k`` field off a line's fields.

    >>> occurrence(["Iran", "ISR", "@2"])
    (['Iran', 'ISR'], 2)
    >>> occurrence(["Iran", "ISR"])
    (['Iran', 'ISR'], None)
    """
    if fields and re.fullmatch(r"@\d+", fields[-1]):
        return fields[:-1], int(fields[-1][1:])
    return fields, None
