"""Scoring helpers shared by the scorers (``eval/quotes``, ``eval/ledger``).

A system span is right when it overlaps a gold span; each gold span takes at
most one system span and the reverse, the largest overlaps first. A system
name is right when it equals, contains or is contained (word-wise) in one of
the gold aliases.
"""

from __future__ import annotations

import re


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by the half-open spans ``a`` and ``b``.

    >>> overlap((0, 10), (5, 20))
    5
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> dict[int, int]:
    """Greedy one-to-one matching by overlap size: gold index → system index.

    >>> sorted(match([(0, 10), (20, 30)], [(25, 40), (2, 4), (5, 12)]).items())
    [(0, 2), (1, 0)]
    """
    pairs = sorted(((overlap(g, s), gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)
                    if overlap(g, s) > 0), reverse=True)
    used_g, used_s, out = set(), set(), {}
    for _ov, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out[gi] = si
    return out


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined).

    >>> prf(1, 2, 4)
    (0.5, 0.25, 0.3333333333333333)
    """
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm_name(s: str | None) -> str:
    """Lower case, no dots, punctuation or leading 'the'.

    >>> norm_name("The U.S. State Department")
    'us state department'
    """
    if not s:
        return ""
    s = s.lower().replace("\u2019", "'").replace(".", "")
    s = re.sub(r"^the\s+", "", re.sub(r"[^\w\s']", " ", s))
    return " ".join(s.split())


def name_matches(system: str | None, aliases: list[str]) -> bool:
    """True when ``system`` equals, contains or is contained in an alias, word-wise.

    >>> name_matches("Matthew Miller", ["US State Department spokesperson Matthew Miller"])
    True
    >>> name_matches("Iran", ["Tehran"])
    False
    """
    sys_n = norm_name(system)
    if not sys_n:
        return False
    for a in aliases:
        a_n = norm_name(a)
        if a_n and (a_n == sys_n or f" {a_n} " in f" {sys_n} " or f" {sys_n} " in f" {a_n} "):
            return True
    return False
