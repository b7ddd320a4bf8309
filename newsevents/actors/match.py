"""Fast lexicon matching over a spaCy Doc and entry choice by date.

The matcher walks the tokens once, looking up tuples of normalised keys in a
dict (longest alias first). No spaCy Matcher is built, so the index costs
nothing per document and ~1 s once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .data import Alias, Entry, Lexicon, Roles, token_keys

_KEY_CACHE: dict[str, list[str]] = {}


def _keys(text: str) -> list[str]:
    keys = _KEY_CACHE.get(text)
    if keys is None:
        keys = token_keys(text)
        if len(_KEY_CACHE) < 200_000:
            _KEY_CACHE[text] = keys
    return keys


@dataclass(slots=True)
class Hit:
    """A lexicon match: token range [start, end) and the alias found."""

    start: int
    end: int
    alias: Alias


def doc_keys(doc) -> list[tuple[str, int]]:
    """(key, token index) for every key of every token, in order."""
    seq: list[tuple[str, int]] = []
    for tok in doc:
        for k in _keys(tok.text):
            seq.append((k, tok.i))
    return seq


def find_hits(doc, lex: Lexicon, seq: list[tuple[str, int]] | None = None) -> list[Hit]:
    """Longest-first, left-to-right, non-overlapping alias matches.

    >>> [(doc[h.start:h.end].text) for h in find_hits(doc, load_lexicon())]  # doctest: +SKIP
    ['North Korean', 'Iran', 'KCNA']
    """
    if seq is None:
        seq = doc_keys(doc)
    keys = [k for k, _ in seq]
    hits: list[Hit] = []
    i, n = 0, len(seq)
    aliases, lengths = lex.aliases, lex.lengths
    while i < n:
        lens = lengths.get(keys[i])
        found = None
        if lens:
            for L in lens:
                if i + L > n:
                    continue
                alias = aliases.get(tuple(keys[i:i + L]))
                if alias is None:
                    continue
                first = doc[seq[i][1]]
                last = seq[i + L - 1][1]
                # a key sequence must cover whole tokens
                if i > 0 and seq[i - 1][1] == first.i:
                    continue
                if i + L < n and seq[i + L][1] == last:
                    continue
                if not _case_ok(alias, first):
                    continue
                found = Hit(first.i, last + 1, alias)
                i += L
                break
        if found is not None:
            hits.append(found)
        else:
            i += 1
    return hits


def _case_ok(alias: Alias, first) -> bool:
    text = first.text
    if alias.upper:
        letters = [c for c in text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters) and first.pos_ != "PRON"
    if alias.cased:
        return text[:1].isupper() or text[:1].isdigit()
    return True


def pick_entry(entries: tuple[Entry, ...] | list[Entry], published: date | None) -> Entry:
    """The row that holds on the publication date (people in office, groups in power).

    A row whose period covers the date wins; then an undated row; then the
    most recent period that ended before the date (a former office holder).
    Without a date the most recent period wins.
    """
    if len(entries) == 1:
        return entries[0]
    if published is None:
        return max(entries, key=lambda e: (e.priority, e.start or date.min, e.end or date.max))
    covering = [e for e in entries
                if (e.start or e.end) and (e.start is None or e.start <= published)
                and (e.end is None or published <= e.end)]
    if covering:
        return max(covering, key=lambda e: (e.priority, e.start or date.min))
    undated = [e for e in entries if e.start is None and e.end is None]
    if undated:
        return max(undated, key=lambda e: e.priority)
    before = [e for e in entries if e.end is not None and e.end < published]
    if before:
        return max(before, key=lambda e: e.end)
    return min(entries, key=lambda e: e.start or date.max)


def in_office(entry: Entry, published: date | None) -> bool:
    """Whether a dated row covers the publication date (True when undated)."""
    if published is None:
        return True
    if entry.start is not None and published < entry.start:
        return False
    return entry.end is None or published <= entry.end


def role_sector(tokens, roles: Roles) -> tuple[str | None, int]:
    """Sector of the longest role phrase ending at the last token, and its length.

    ``tokens`` is a list of spaCy tokens ending at a noun ("foreign", "minister").
    """
    if not tokens:
        return None, 0
    head = tokens[-1]
    head_keys = tuple(dict.fromkeys((head.lower_, head.lemma_.lower())))  # ordered: reproducible
    words = [t.lower_ for t in tokens]
    best: tuple[str | None, int] = (None, 0)
    for L in range(1, min(roles.max_len, len(words)) + 1):
        prefix = tuple(words[len(words) - L:-1])
        for hk in head_keys:
            sector = roles.exact.get(prefix + (hk,))
            if sector is None and L <= 3:
                for stem_len in (len(hk) - 1, len(hk) - 2, len(hk) - 3):
                    if stem_len >= 5:
                        sector = roles.stems.get(prefix + (hk[:stem_len],))
                        if sector:
                            break
            if sector:
                best = (sector, L)
                break
    return best
