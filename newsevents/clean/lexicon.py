"""Loaders for the cleaner's data files (newsevents/data/clean/), read once and cached."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "clean"

FIELD_CATEGORIES = frozenset({"date", "updated", "image", "author", "section"})
PHRASE_CATEGORIES = frozenset({"comment", "captcha", "share", "subscribe", "cookie",
                               "read_more", "copyright", "credit"})


def normalize(text: str) -> str:
    """Lower-case, NFC, collapse spaces, trim surrounding punctuation and bullets.

    >>> normalize("  Fecha de publicación: ")
    'fecha de publicación'
    """
    text = unicodedata.normalize("NFC", text).lower().replace("\u00a0", " ")
    text = " ".join(text.split())
    return text.strip(" \t:;,.!?|-–—•·»«›‹>*#_=+()[]{}\"'“”‘’…/\\")


def _rows(name: str, width: int) -> list[list[str]]:
    path = DATA_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(f"data file {path} is missing; reinstall newsevents "
                            "or restore it from the repository") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width or not all(c.strip() for c in cells):
            raise DataFileError(f"{path}:{n}: expected {width} tab-separated non-empty "
                                f"columns, got {cells!r}; fix the line")
        rows.append([c.strip() for c in cells])
    return rows


@dataclass(frozen=True, slots=True)
class Lexicon:
    fields: dict[str, str]  # normalized field label → category
    phrases: dict[str, str]  # normalized furniture phrase → category
    months: dict[str, int]  # month name (any language) → 1..12
    max_phrase_words: int


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The CMS labels, furniture phrases and month names (validated, cached).

    >>> load_lexicon().fields["fecha de publicación"]
    'date'
    """
    fields: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for category, _lang, phrase in _rows("labels.tsv", 3):
        key = normalize(phrase)
        if category in FIELD_CATEGORIES:
            fields.setdefault(key, category)
        elif category in PHRASE_CATEGORIES:
            phrases.setdefault(key, category)
        else:
            raise DataFileError(f"labels.tsv: unknown category {category!r}; use one of "
                                f"{sorted(FIELD_CATEGORIES | PHRASE_CATEGORIES)}")
    months: dict[str, int] = {}
    for _lang, number, name in _rows("months.tsv", 3):
        if not number.isdigit() or not 1 <= int(number) <= 12:
            raise DataFileError(f"months.tsv: month number {number!r} for {name!r} "
                                "must be 1..12")
        months[name.lower()] = int(number)
    longest = max(len(p.split()) for p in list(phrases) + list(fields))
    return Lexicon(fields, phrases, months, longest)
