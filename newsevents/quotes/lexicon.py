"""Cue-word lexicons for the quotes stage, read once from ``newsevents/data/quotes``.

One vocabulary per concept, in one file: ``cues.tsv`` lists every speech,
report, accusation, denial, confirmation, claim-noun and hedge word with its
class (see ``newsevents/data/quotes/README.md``); ``roles.tsv`` the role
nouns. Users add words with files of the same format (setting
``cue_files``): a row there works exactly as a bundled row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ..tables import read_table, read_tables

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "quotes"
# ``accuse``: the accused is the object ("accused Y of Z"); ``allege``: the content is a
# clause or an object ("alleged that ...", "claimed responsibility"); ``report_verb``: a
# content clause only. Together they are the ``report`` concept (reporting verbs whose
# content is also a claim), which the speech finder uses.
CLASSES = ("speech", "accuse", "allege", "report_verb", "denial", "confirmation",
           "claim_noun", "hedge", "denial_adj", "document", "source_noun", "proposal_noun")
_REPORT = ("accuse", "allege", "report_verb")
CUE_COLUMNS = ("lemma", "pos", "class")
ROLE_COLUMNS = ("role", "group")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lemma sets per cue class (plus the derived ``report``), and role noun → role group."""

    cues: dict[str, frozenset[str]]
    roles: dict[str, str]

    def is_(self, cls: str, lemma: str) -> bool:
        return lemma.lower() in self.cues.get(cls, frozenset())


def load_lexicon(data_dir: str | Path | None = None,
                 cue_files: Iterable[str | Path] = ()) -> Lexicon:
    """Read and validate ``cues.tsv`` and ``roles.tsv``, plus a user's extra cue files.

    >>> load_lexicon().is_("denial", "deny")
    True
    >>> sorted(load_lexicon().cues["accuse"])
    ['accuse', 'blame', 'charge']
    """
    base = Path(data_dir) if data_dir else DATA_DIR
    cues: dict[str, set[str]] = {c: set() for c in CLASSES}
    for lemma, _pos, cls in read_tables(base / "cues.tsv", cue_files, CUE_COLUMNS):
        if cls not in cues:
            raise DataFileError(
                f"cue file: unknown class {cls!r} for {lemma!r}; use one of {', '.join(CLASSES)}")
        cues[cls].add(lemma.lower())
    out = {c: frozenset(v) for c, v in cues.items()}
    out["report"] = frozenset().union(*(out[c] for c in _REPORT))
    roles = {role.lower(): group for role, group in read_table(base / "roles.tsv", ROLE_COLUMNS)}
    return Lexicon(out, roles)


@functools.lru_cache(maxsize=4)
def lexicon(cue_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicon plus ``cue_files``, loaded once per process.

    >>> lexicon() is lexicon()
    True
    """
    return load_lexicon(cue_files=cue_files)
