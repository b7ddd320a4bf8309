"""Cue-word lexicons for the quotes stage, read once from ``newsevents/data/quotes``.

The files are small TSVs (see ``newsevents/data/quotes/README.md``); users can
point at their own copy with the same columns.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "quotes"
CLASSES = ("speech", "report", "denial", "confirmation", "claim_noun", "hedge",
           "denial_adj", "document", "source_noun")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lemma sets per cue class, and role noun → role group."""

    cues: dict[str, frozenset[str]]
    roles: dict[str, str]

    def is_(self, cls: str, lemma: str) -> bool:
        return lemma.lower() in self.cues.get(cls, frozenset())


def _rows(path: Path, header: tuple[str, ...]) -> list[list[str]]:
    if not path.is_file():
        raise DataFileError(
            f"quotes data file {path} is missing; reinstall newsevents or restore it from git")
    rows, seen_header = [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not seen_header:
            if tuple(cols) != header:
                raise DataFileError(
                    f"{path}:{n}: header must be {'<TAB>'.join(header)}, got {line!r}; fix the header line")
            seen_header = True
            continue
        if len(cols) != len(header) or not all(c.strip() for c in cols):
            raise DataFileError(
                f"{path}:{n}: expected {len(header)} non-empty tab-separated columns, got {line!r}")
        rows.append([c.strip() for c in cols])
    return rows


def load_lexicon(data_dir: str | Path | None = None) -> Lexicon:
    """Read and validate ``cues.tsv`` and ``roles.tsv``.

    >>> load_lexicon().is_("denial", "deny")
    True
    """
    base = Path(data_dir) if data_dir else DATA_DIR
    cues: dict[str, set[str]] = {c: set() for c in CLASSES}
    for lemma, _pos, cls in _rows(base / "cues.tsv", ("lemma", "pos", "class")):
        if cls not in cues:
            raise DataFileError(
                f"{base / 'cues.tsv'}: unknown class {cls!r} for {lemma!r}; use one of {', '.join(CLASSES)}")
        cues[cls].add(lemma.lower())
    roles = {role.lower(): group for role, group in _rows(base / "roles.tsv", ("role", "group"))}
    return Lexicon({c: frozenset(v) for c, v in cues.items()}, roles)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process."""
    return load_lexicon()
