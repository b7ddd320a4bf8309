"""The event lexicon: predicates → (PLOVER type, mode, CAMEO), loaded once.

Three bundled files under ``newsevents/data/events/`` (see its README):
``verbs.tsv`` and ``patterns.jsonl.gz`` are generated from the PETRARCH2 CAMEO
verb dictionary by ``scripts/events_build_lexicon.py``; ``overlay.tsv`` is the
curated layer (light verbs, event nouns, argument patterns, idioms) and wins
over the generated files; ``discards.tsv`` lists phrases that make a
sentence uncodable.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataFileError
from ..models import PLOVER_TYPES

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"
DEFAULT_TPREPS = frozenset({"to", "against", "at", "on", "with", "toward", "towards", "into", "between"})
DEFAULT_SPREPS = frozenset({"by", "from"})
# "talks on a pullback", "an agreement on trade", "met at a lunch": for talk and
# cooperation types "on" and "at" name a topic or a venue, not a recipient
# (an overlay row may still list them)
_TOPIC_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})


def default_tpreps(typ: str) -> frozenset[str]:
    """Prepositions that introduce the target of an event of this type by default.

    >>> "on" in default_tpreps("ASSAULT"), "on" in default_tpreps("CONSULT")
    (True, False)
    """
    return DEFAULT_TPREPS - {"on", "at"} if typ in _TOPIC_TYPES else DEFAULT_TPREPS
NO_EVENT = "-"


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a predicate codes: a verb, an event noun, or a PETRARCH pattern."""

    kind: str  # "verb", "noun", "pattern"
    lemma: str
    type: str  # PLOVER type or "-" (not an event)
    mode: str | None
    cameo: str | None
    particle: str = ""
    objects: frozenset[str] = frozenset()  # object lemmas required ("" = any)
    tpreps: frozenset[str] = DEFAULT_TPREPS
    spreps: frozenset[str] = DEFAULT_SPREPS
    source: str = "overlay"  # "overlay", "petrarch", "pattern"
    before: tuple[tuple[str, ...], ...] = ()
    after: tuple[tuple[str, ...], ...] = ()


@dataclass(slots=True)
class Lexicon:
    """All lookups the detector needs, built once per process."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    # lemma -> 3-letter prefix of the pattern's first word next to the verb -> patterns
    patterns: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    light: dict[str, str] = field(default_factory=dict)  # lemma -> particle ("" none)
    instruments: dict[str, str] = field(default_factory=dict)  # word -> ASSAULT mode
    idioms: tuple[tuple[str, ...], ...] = ()
    discards: dict[str, str] = field(default_factory=dict)  # phrase -> scope
    idiom_index: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first word -> idioms
    discard_max: int = 0  # longest discard phrase, in words
    # first word -> [(phrase words, scope)]: a scan looks only at phrases that can start here
    discard_index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # verbs too broad to code unless both actors resolve ("helps people learn")
    strict: frozenset[str] = frozenset()
    version: str = ""

    def verb_entries(self, lemma: str) -> list[Entry]:
        return self.verbs.get(lemma, [])

    def noun_entries(self, lemma: str) -> list[Entry]:
        return self.nouns.get(lemma, [])


def _read_rows(path: Path, ncols: int) -> tuple[list[list[str]], str]:
    if not path.is_file():
        raise DataFileError(
            f"event lexicon file {path} is missing; reinstall newsevents or rebuild it with "
            "`python scripts/events_build_lexicon.py`")
    rows, version, header_seen = [], "", False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# version"):
            version = line.split("\t", 1)[-1].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cols) > ncols:
            raise DataFileError(
                f"{path.name} line {n} has {len(cols)} columns, expected {ncols}; "
                "fields are tab-separated, check for a stray tab")
        rows.append(cols + [""] * (ncols - len(cols)))
    return rows, version


def _check_type(path: Path, typ: str, where: str) -> None:
    if typ != NO_EVENT and typ not in PLOVER_TYPES:
        raise DataFileError(
            f"{path.name} {where}: unknown PLOVER type {typ!r}; use one of {', '.join(PLOVER_TYPES)} "
            "or '-' for 'not an event'")


def load_lexicon(data_dir: Path | str | None = None) -> Lexicon:
    """Read and validate the bundled (or given) lexicon directory.

    >>> lex = load_lexicon()
    >>> lex.verb_entries("visit")[0].type
    'CONSULT'
    """
    d = Path(data_dir) if data_dir else DATA_DIR
    lex = Lexicon()
    classes: dict[str, frozenset[str]] = {}
    overlay_rows, lex.version = _read_rows(d / "overlay.tsv", 9)
    for kind, lemma, particle, obj, typ, mode, cameo, tpreps, spreps in overlay_rows:
        if kind == "class":
            classes[lemma] = frozenset(w for w in obj.split("|") if w)
    overlay_verbs: set[str] = set()
    curated_discards: dict[str, str] = {}
    for i, (kind, lemma, particle, obj, typ, mode, cameo, tpreps, spreps) in enumerate(overlay_rows):
        where = f"row {i + 1} ({kind} {lemma})"
        if kind in ("class",):
            continue
        if kind == "light":
            lex.light[lemma] = particle
            continue
        if kind == "idiom":
            lex.idioms += (tuple(lemma.lower().split()),)
            continue
        if kind == "instrument":
            lex.instruments[lemma] = mode
            continue
        if kind == "strict":
            lex.strict |= {lemma}
            continue
        if kind == "discard":
            if particle not in ("sentence", "story"):
                raise DataFileError(f"overlay.tsv {where}: a discard row needs scope 'sentence' or "
                                    f"'story' in the particle column, not {particle!r}")
            curated_discards[lemma.lower()] = particle
            continue
        if kind not in ("verb", "noun"):
            raise DataFileError(f"overlay.tsv {where}: unknown kind {kind!r}; use verb, noun, light, "
                                "class, instrument, idiom, strict or discard")
        _check_type(d / "overlay.tsv", typ, where)
        objects: set[str] = set()
        for part in obj.split("|"):
            if part.startswith("@") or part.isupper():
                name = part.lstrip("@")
                if name not in classes:
                    raise DataFileError(f"overlay.tsv {where}: unknown word class {name!r}; "
                                        "define it in a 'class' row first")
                objects |= classes[name]
            elif part:
                objects.add(part)
        entry = Entry(
            kind=kind, lemma=lemma, type=typ, mode=mode or None, cameo=cameo or None,
            particle=particle, objects=frozenset(objects),
            tpreps=default_tpreps(typ) | frozenset(p for p in tpreps.split("|") if p),
            spreps=DEFAULT_SPREPS | frozenset(p for p in spreps.split("|") if p),
            source="overlay")
        table = lex.verbs if kind == "verb" else lex.nouns
        table.setdefault(lemma, []).append(entry)
        if kind == "verb":
            overlay_verbs.add(lemma)
    verb_rows, _ = _read_rows(d / "verbs.tsv", 6)
    for i, (lemma, particle, cameo, typ, mode, _synset) in enumerate(verb_rows):
        _check_type(d / "verbs.tsv", typ, f"row {i + 1}")
        if lemma in overlay_verbs:
            continue  # the curated reading replaces PETRARCH's for this lemma
        lex.verbs.setdefault(lemma, []).append(Entry(
            kind="verb", lemma=lemma, type=typ, mode=mode or None, cameo=cameo or None,
            particle=particle, source="petrarch", tpreps=default_tpreps(typ)))
    path = d / "patterns.jsonl.gz"
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            pattern_lines = fh.read().splitlines()
        for n, line in enumerate(pattern_lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                entry = Entry(
                    kind="pattern", lemma="", type=row["type"], mode=row.get("mode"),
                    cameo=row.get("cameo"), source="pattern",
                    # alternatives as tuples of one-word prefixes: str.startswith(tuple) is fast
                    before=tuple(tuple(a for a in w if " " not in a) for w in row["before"]),
                    after=tuple(tuple(a for a in w if " " not in a) for w in row["after"]),
                    tpreps=(frozenset({row["target_prep"]}) | default_tpreps(row["type"])
                            if row.get("target_prep") else default_tpreps(row["type"])))
            except (ValueError, KeyError, TypeError) as exc:
                raise DataFileError(f"patterns.jsonl.gz line {n} is not a valid pattern ({exc}); "
                                    "rebuild it with `python scripts/events_build_lexicon.py`") from None
            _check_type(path, entry.type, f"line {n}")
            first = entry.after[0] if entry.after else (entry.before[-1] if entry.before else ())
            keys = {a[:3] if len(a) >= 3 else "" for a in first} or {""}
            for lemma in row["lemmas"]:
                if lemma not in overlay_verbs:
                    for k in keys:
                        lex.patterns.setdefault(lemma, {}).setdefault(k, []).append(entry)
    discard_rows, _ = _read_rows(d / "discards.tsv", 3)
    lex.discards = {phrase: scope for phrase, scope, _src in discard_rows}
    lex.discards.update(curated_discards)  # bylines etc. from the overlay
    lex.discard_max = max((len(p.split()) for p in lex.discards), default=0)
    for phrase in sorted(lex.discards):
        words = tuple(phrase.split())
        if words:
            lex.discard_index.setdefault(words[0], []).append((words, lex.discards[phrase]))
    for idiom in lex.idioms:
        lex.idiom_index.setdefault(idiom[0], []).append(idiom)
    return lex


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process (from the on-disk cache when built)."""
    from ..cache import cached_build

    sources = sorted(p for p in DATA_DIR.iterdir() if p.is_file())
    return cached_build("events", sources, load_lexicon)
