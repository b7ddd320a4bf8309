"""Loaders for the cleaner's data files (newsevents/data/clean/), read once and cached."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ..tables import read_table

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


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    return read_table(DATA_DIR / name, columns)


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
    for category, _lang, phrase in _rows("labels.tsv", ("category", "language", "phrase")):
        key = normalize(phrase)
        if category in FIELD_CATEGORIES:
            fields.setdefault(key, category)
        elif category in PHRASE_CATEGORIES:
            phrases.setdefault(key, category)
        else:
            raise DataFileError(f"labels.tsv: unknown category {category!r}; use one of "
                                f"{sorted(FIELD_CATEGORIES | PHRASE_CATEGORIES)}")
    months: dict[str, int] = {}
    for _lang, number, name in _rows("months.tsv", ("language", "month", "name")):
        if not number.isdigit() or not 1 <= int(number) <= 12:
            raise DataFileError(f"months.tsv: month number {number!r} for {name!r} "
                                "must be 1..12")
        months[name.lower()] = int(number)
    longest = max(len(p.split()) for p in list(phrases) + list(fields))
    return Lexicon(fields, phrases, months, longest)
