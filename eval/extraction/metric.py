"""Shingle precision/recall as described in ../shared/README.md (scrapinghub benchmark).

Tokens are ``\\w+`` matches (case-sensitive); each side becomes a multiset of
4-token shingles; per-page precision and recall are averaged over pages and
F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:  # a very short text still counts as one shingle
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """(precision, recall) for one page; an empty side scores 0 or 1 as appropriate."""
    p, t = shingles(predicted), shingles(truth)
    if not p and not t:
        return 1.0, 1.0
    if not p:
        return 1.0, 0.0
    if not t:
        return 0.0, 1.0
    overlap = sum((p & t).values())
    return overlap / sum(p.values()), overlap / sum(t.values())


def aggregate(pairs: list[tuple[float, float]]) -> dict[str, float]:
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
