"""Actor data files: reading, validation and the in-memory alias index.

Every actor file (bundled or the user's, ``settings.actors_files``) is a TSV
with the header ``id name aliases code country sector kind role org start end``
(optionally gzipped, ``.tsv.gz``) or JSONL with the same keys. ``aliases``
holds surface forms separated by ``|``. ``start``/``end`` (``YYYY-MM-DD``,
either may be empty) bound the period a row holds: a person in office, a
group that became a government. Later files override earlier ones alias by
alias: generated (people_histstate.tsv too) < curated < user files.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..cache import cache_name, cached_build
from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
GENERATED_FILES = ("countries.tsv", "organisations.tsv", "people.tsv.gz", "people_histstate.tsv")
CURATED_FILES = ("curated.tsv", "names.tsv", "people_current.tsv", "organisations_current.tsv")
ROLE_FILES = ("roles.tsv", "roles_curated.tsv")
COLUMNS = ("id", "name", "aliases", "code", "country", "sector", "kind",
           "role", "org", "start", "end")
KINDS = ("state", "organisation", "person", "group")

_WORD = re.compile(r"'s|\w+|[^\w\s]")


# Entry and Alias are named tuples rather than frozen dataclasses: immutable
# and field-named alike, but ~70k of them come back from the on-disk cache
# (newsevents/cache.py) several times faster.
class Entry(NamedTuple):
    """One row of an actor file (one actor, one period)."""

    id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    role: str | None
    org: str | None
    start: date | None
    end: date | None
    priority: int = 0


class Alias(NamedTuple):
    """A surface form in the index, with how its case must look in the text."""

    keys: tuple[str, ...]
    cased: bool  # the first token must start with a capital letter
    upper: bool  # a short acronym (US, UN, IS): the token must be all capitals
    entries: tuple[Entry, ...]


def token_keys(text: str) -> list[str]:
    """Normalised match keys of a text: lower case, no dots, split at hyphens.

    The same function runs over alias strings and over each spaCy token, so
    "U.S." == "US" and "Kim Jong-un" == "Kim Jong Un".

    >>> token_keys("Democratic People's Republic of Korea")
    ['democratic', 'people', "'s", 'republic', 'of', 'korea']
    """
    text = text.lower().replace("\u2019", "'").replace(".", "")
    out = []
    for piece in re.split(r"[\s\-\u2010-\u2014]+", text):
        if piece:
            out.extend(_WORD.findall(piece))
    return out


def _parse_date(value: str, path: Path, line: int) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(
            f"{path}:{line}: date {value!r} is not YYYY-MM-DD; fix the start/end column"
        ) from None


def _rows(path: Path) -> list[dict]:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"actor file {path} not found; check settings.actors_files") from None
    except OSError as exc:
        raise DataFileError(f"actor file {path} cannot be read ({exc})") from None
    text = raw.decode("utf-8")
    name = path.name[:-3] if path.suffix == ".gz" else path.name
    if name.endswith(".jsonl"):
        rows = []
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DataFileError(f"{path}:{i}: not valid JSON ({exc})") from None
        return rows
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in ("id", "name", "aliases", "code") if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(
            f"actor file {path} lacks the column(s) {', '.join(missing)}; the header must be: "
            + "\t".join(COLUMNS))
    return list(reader)


def read_actor_file(path: str | Path, priority: int = 0) -> list[tuple[list[str], Entry]]:
    """Read and validate one actor file: [(aliases, Entry)] in file order.

    >>> rows = read_actor_file(DATA_DIR / "curated.tsv")
    >>> any(e.code == "PRKMED" for _, e in rows)
    True
    """
    path = Path(path)
    out = []
    for i, row in enumerate(_rows(path), 2):
        def get(k: str, row: dict = row) -> str:
            return str(row.get(k) or "").strip()

        kind = get("kind") or "state"
        if kind not in KINDS:
            raise DataFileError(
                f"{path}:{i}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if not get("id") or not get("name"):
            raise DataFileError(f"{path}:{i}: every row needs an id and a name")
        aliases = row.get("aliases") or ""
        aliases = aliases if isinstance(aliases, list) else aliases.split("|")
        aliases = [a.strip() for a in aliases if a.strip()]
        if not aliases:
            raise DataFileError(f"{path}:{i}: row {get('id')!r} has no aliases")
        country = get("country") or None
        if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
            raise DataFileError(
                f"{path}:{i}: country {country!r} must be an ISO 3166-1 alpha-3 code or empty")
        entry = Entry(
            id=get("id"), name=get("name"), code=get("code") or None, country=country,
            sector=get("sector") or None, kind=kind, role=get("role") or None,
            org=get("org") or None, start=_parse_date(get("start"), path, i),
            end=_parse_date(get("end"), path, i), priority=priority)
        out.append((aliases, entry))
    return out


class Lexicon:
    """Alias index: full key tuple -> Alias, plus the lengths to try per first key."""

    def __init__(self) -> None:
        self.aliases: dict[tuple[str, ...], Alias] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}
        self.by_id: dict[str, list[Entry]] = {}
        self.country_names: dict[str, str] = {}

    def add(self, alias: str, entry: Entry) -> None:
        keys = tuple(token_keys(alias))
        if not keys:
            return
        letters = re.sub(r"[^A-Za-z]", "", alias)
        upper = len(keys) == 1 and 0 < len(letters) <= 3 and letters.isupper()
        # "al-Shabab": the case of the first letter is what the text must match
        cased = alias[:1].isupper()
        old = self.aliases.get(keys)
        if old is None or old.entries[0].priority < entry.priority:
            self.aliases[keys] = Alias(keys, cased, upper, (entry,))
        elif old.entries[0].priority == entry.priority and entry not in old.entries:
            self.aliases[keys] = Alias(keys, old.cased and cased, old.upper and upper,
                                       old.entries + (entry,))

    def finish(self) -> None:
        lengths: dict[str, set[int]] = {}
        for keys in self.aliases:
            lengths.setdefault(keys[0], set()).add(len(keys))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """Build (once per set of files) the alias index over all actor data.

    >>> lex = load_lexicon()
    >>> lex.aliases[("kcna",)].entries[0].code
    'PRKMED'
    >>> load_lexicon() is load_lexicon(())
    True
    """
    return _cached_lexicon(tuple(str(f) for f in extra_files))


@functools.lru_cache(maxsize=8)
def _cached_lexicon(extra_files: tuple[str, ...]) -> Lexicon:
    # One positional key: load_lexicon() and load_lexicon(()) were two cache
    # entries, so every process built the ~80 MB index twice (1.5 s each).
    # Built once into the on-disk cache (newsevents/cache.py), keyed by the
    # bundled files, the user's files and this module's source.
    sources = [DATA_DIR / f for f in (*GENERATED_FILES, *CURATED_FILES)] + list(extra_files)
    return cached_build(cache_name("actors", extra_files), sources,
                        functools.partial(build_lexicon, extra_files))


def build_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """Build the alias index from the bundled actor files plus ``extra_files``.

    >>> build_lexicon().aliases[("kcna",)].entries[0].code  # doctest: +SKIP
    'PRKMED'
    """
    lex = Lexicon()
    files = [(DATA_DIR / f, 0) for f in GENERATED_FILES]
    files += [(DATA_DIR / f, 1) for f in CURATED_FILES]
    files += [(Path(f), 2) for f in extra_files]
    for path, priority in files:
        for aliases, entry in read_actor_file(path, priority):
            lex.by_id.setdefault(entry.id, []).append(entry)
            if entry.kind == "state" and entry.id == f"country:{entry.country}":
                lex.country_names.setdefault(entry.country, entry.name)
            for alias in aliases:
                lex.add(alias, entry)
    lex.finish()
    return lex


@dataclass(frozen=True, slots=True)
class Roles:
    """Role nouns -> sector: exact phrases and stems (prefix matches)."""

    exact: dict[tuple[str, ...], str]
    stems: dict[tuple[str, ...], str]
    max_len: int


@functools.lru_cache(maxsize=1)
def load_roles() -> Roles:
    """Role phrase index from roles.tsv (PETRARCH agents) and roles_curated.tsv.

    >>> load_roles().exact[("spokesperson",)]
    'GOV'
    """
    return cached_build("roles", [DATA_DIR / name for name in ROLE_FILES], build_roles)


def build_roles() -> Roles:
    """Build the role phrase index from its files (see :func:`load_roles`)."""
    exact: dict[tuple[str, ...], str] = {}
    stems: dict[tuple[str, ...], str] = {}
    for name in ROLE_FILES:
        path = DATA_DIR / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataFileError(f"role file {path} is missing; run scripts/actors_build.py") from None
        lines = text.splitlines()
        if not lines or lines[0].split("\t")[:2] != ["phrase", "sector"]:
            raise DataFileError(f"role file {path} must start with the header phrase<TAB>sector")
        for i, line in enumerate(lines[1:], 2):
            parts = line.split("\t")
            if len(parts) < 2 or not re.fullmatch(r"[A-Z]{3}", parts[1]):
                raise DataFileError(f"{path}:{i}: expected phrase<TAB>SECTOR(3 capitals)")
            keys = tuple(token_keys(parts[0]))
            if not keys:
                continue
            exact[keys] = parts[1]  # later files (curated) override
            if len(parts) > 2 and parts[2].strip() == "1" and len(keys[-1]) >= 5:
                stems[keys] = parts[1]
    max_len = max(len(k) for k in exact)
    return Roles(exact, stems, max_len)
