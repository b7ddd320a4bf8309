"""The offline gazetteer: GeoNames-derived entries plus curated non-city places.

Files live in ``newsevents/data/places/`` (see its README for sources and
licences). They are read once per process through :func:`load_gazetteer`,
which validates every row and raises :class:`DataFileError` on a bad one.
"""

from __future__ import annotations

import functools
import gzip
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import cache_name, cached_build
from ..errors import DataFileError
from ..models import Place

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "places"
GAZETTEER_FILES = ("gazetteer-v1.tsv.gz", "curated_places-v1.tsv")
ALIAS_FILE = "country_aliases-v1.tsv"
DEMONYM_FILE = "demonyms-v1.tsv"
COLUMNS = ("id", "name", "alt", "country", "admin1", "lat", "lon", "feature", "population", "source")

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʿ": ""})
_SPACE = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Normalise a place name for lookup: folded accents, lower case, no leading 'the'.

    >>> name_key("the Khān Yūnis")
    'khan yunis'
    """
    if text.isascii() and "`" not in text and "  " not in text and "\t" not in text:
        s = text.strip().lower()  # fast path: nearly every name in the data and in news
    else:
        s = text.translate(_APOS)
        if not s.isascii():
            s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = _SPACE.sub(" ", s).strip().lower()
    if s.startswith("the "):
        s = s[4:]
    return s


@dataclass(slots=True)
class Gazetteer:
    """Entries in parallel columns (compact) and a name index to entry numbers."""

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1s: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    populations: list[int] = field(default_factory=list)
    curated: list[bool] = field(default_factory=list)
    # key -> entries; an entry matched through an alternate name is stored as ~i (negative).
    # Built as lists; :meth:`freeze` stores a single entry as a bare int (nine keys in
    # ten), which halves the time the cached gazetteer takes to load.
    index: dict[str, list[int] | tuple[int, ...] | int] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # 'iraqi' -> IRQ
    country_entry: dict[str, int] = field(default_factory=dict)  # ISO3 -> country entry

    def lookup(self, text: str) -> list[int]:
        """Entry numbers whose name or alternate equals ``text`` (normalised).

        >>> g = load_gazetteer(); g.place(g.lookup("Damascus")[0]).country   # doctest: +SKIP
        'SYR'
        """
        return [i if i >= 0 else ~i for i in self._postings(name_key(text))]

    def lookup_key(self, key: str) -> list[tuple[int, bool]]:
        """``(entry, via_alternate)`` pairs for an already normalised key."""
        return [(i, False) if i >= 0 else (~i, True) for i in self._postings(key)]

    def _postings(self, key: str):
        hit = self.index.get(key, ())
        return (hit,) if isinstance(hit, int) else hit

    def freeze(self) -> None:
        """Store each index key's entries compactly; no entry is added after this."""
        self.index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()}

    def place(self, i: int) -> Place:
        """The :class:`Place` record of entry ``i``."""
        return Place(name=self.names[i], country=self.countries[i] or None, lat=self.lats[i],
                     lon=self.lons[i], admin1=self.admin1s[i] or None,
                     feature=self.features[i], id=self.ids[i])

    def __len__(self) -> int:
        return len(self.ids)

    def _add(self, row: list[str], where: str) -> None:
        try:
            lat, lon, pop = float(row[5]), float(row[6]), int(row[8] or 0)
        except ValueError:
            raise DataFileError(f"{where}: lat/lon/population must be numbers, got {row[5:9]!r}; "
                                "fix the row or rebuild with scripts/places_build_gazetteer.py") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row[1]:
            raise DataFileError(f"{where}: bad name or coordinates {row[1]!r} ({lat}, {lon}); "
                                "latitude must be in [-90, 90] and longitude in [-180, 180]")
        i = len(self.ids)
        self.ids.append(row[0])
        self.names.append(row[1])
        # Interned: a few hundred distinct values, so the cache stores each once.
        self.countries.append(sys.intern(row[3].strip()))
        self.admin1s.append(sys.intern(row[4]))
        self.lats.append(lat)
        self.lons.append(lon)
        self.features.append(sys.intern(row[7] or "place"))
        self.populations.append(pop)
        self.curated.append(row[9] == "curated")
        if row[7] == "country" and row[3]:
            self.country_entry.setdefault(row[3], i)
        primary = name_key(row[1])
        self.index.setdefault(primary, []).append(i)
        if row[2]:
            # Alternates are stored as ~i (negative) so one dict holds both kinds cheaply.
            for alt in row[2].split("|"):
                k = alt.lower() if alt.isascii() else name_key(alt)
                if k != primary:
                    bucket = self.index.setdefault(k, [])
                    if ~i not in bucket:
                        bucket.append(~i)


def _read_rows(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            header = None
            for lineno, line in enumerate(fh, 1):
                if line.startswith("#") or not line.strip():
                    continue
                row = line.rstrip("\n").split("\t")
                if header is None:
                    header = row
                    continue
                yield lineno, header, row
    except FileNotFoundError:
        raise DataFileError(f"gazetteer file {path} is missing; reinstall newsevents or rebuild it "
                            "with scripts/places_build_gazetteer.py") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"gazetteer file {path} cannot be read ({exc}); rebuild it") from None


def _load_places(g: Gazetteer, path: Path) -> None:
    for lineno, header, row in _read_rows(path):
        if tuple(header) != COLUMNS:
            raise DataFileError(f"{path}: header must be {'/'.join(COLUMNS)}, got {'/'.join(header)}")
        if len(row) != len(COLUMNS):
            raise DataFileError(f"{path}:{lineno}: expected {len(COLUMNS)} tab-separated columns, "
                                f"got {len(row)}; check for a missing or extra tab")
        g._add(row, f"{path}:{lineno}")


def _load_pairs(path: Path, columns: tuple[str, str]) -> list[tuple[str, str]]:
    out = []
    for lineno, header, row in _read_rows(path):
        if tuple(header) != columns or len(row) != 2 or not row[0] or len(row[1]) != 3:
            raise DataFileError(f"{path}:{lineno}: expected columns {columns} with an ISO3 code, "
                                f"got {row!r}")
        out.append((row[0], row[1]))
    return out


def build_gazetteer(files: tuple[str | Path, ...] = ()) -> Gazetteer:
    """Read the bundled files plus ``files`` (same TSV format) into a fresh :class:`Gazetteer`.

    >>> len(build_gazetteer()) > 70000     # doctest: +SKIP
    True
    """
    g = Gazetteer()
    for name in GAZETTEER_FILES:
        _load_places(g, DATA_DIR / name)
    for extra in files:
        _load_places(g, Path(extra))
    for alias, iso in _load_pairs(DATA_DIR / ALIAS_FILE, ("alias", "country")):
        i = g.country_entry.get(iso)
        if i is None:
            raise DataFileError(f"{DATA_DIR / ALIAS_FILE}: alias {alias!r} names {iso}, which has "
                                "no country entry in the gazetteer; fix the code")
        bucket = g.index.setdefault(name_key(alias), [])
        if i not in bucket:
            bucket.insert(0, i)  # an alias is how news names the country: rank it first
    for dem, iso in _load_pairs(DATA_DIR / DEMONYM_FILE, ("demonym", "country")):
        g.demonyms[dem.lower()] = iso
    g.freeze()
    return g


def load_gazetteer(files: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer, loaded once per process (and per set of extra files).

    >>> g = load_gazetteer()                      # doctest: +SKIP
    >>> g.place(g.lookup("Kyiv")[0]).country      # doctest: +SKIP
    'UKR'
    """
    return _cached(tuple(str(f) for f in files))


@functools.lru_cache(maxsize=4)
def _cached(files: tuple[str, ...]) -> Gazetteer:
    # One positional key, so load_gazetteer() and load_gazetteer(()) share the cache.
    # Built once into the on-disk cache (newsevents/cache.py): 73k places take
    # ~2 s to index from the TSV and ~0.1 s to unpickle.
    sources = [DATA_DIR / n for n in (*GAZETTEER_FILES, ALIAS_FILE, DEMONYM_FILE)]
    return cached_build(cache_name("gazetteer", files), [*sources, *files],
                        functools.partial(build_gazetteer, files))
