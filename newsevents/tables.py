"""The one reader of the package's tab-separated data tables (and users' tables of the same shape).

One convention for every table read through here::

    # version<TAB>1
    # any number of comment lines (source, licence, notes)
    col_a<TAB>col_b<TAB>col_c          <- the header row, exactly these names
    value<TAB>value<TAB>value          <- rows: every column non-empty

Blank lines and lines starting with ``#`` are skipped anywhere. A missing
file, a missing or wrong version line, a wrong header or a short row raise
:class:`~newsevents.errors.DataFileError` naming the file and line and what
to fix. A user's extension file has the same header; its version line is
optional (users version their own files).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import DataFileError

VERSION_KEY = "version"


def read_table(path: str | Path, columns: tuple[str, ...], *,
               require_version: bool = True) -> list[tuple[str, ...]]:
    """Rows of a TSV table whose header row is ``columns``, validated and stripped.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    ...     _ = f.write("# version\\t1\\nlemma\\tclass\\nsay\\tspeech\\n")
    >>> read_table(f.name, ("lemma", "class"))
    [('say', 'speech')]
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(f"data file {path} is missing; reinstall newsevents, restore it "
                            "from the repository, or fix the path you gave") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path} is not UTF-8 ({exc}); save it as UTF-8") from None
    version = table_version(lines)
    if require_version and version is None:
        raise DataFileError(f"{path}:1: the first line must be '# version<TAB>N'; add it")
    rows: list[tuple[str, ...]] = []
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if not header_seen:
            if cells != columns:
                raise DataFileError(f"{path}:{n}: header must be {'<TAB>'.join(columns)}, "
                                    f"got {line!r}; fix the header line")
            header_seen = True
            continue
        if len(cells) != len(columns) or not all(cells):
            raise DataFileError(f"{path}:{n}: expected {len(columns)} non-empty tab-separated "
                                f"columns ({', '.join(columns)}), got {line!r}; fix the line")
        rows.append(cells)
    if not header_seen:
        raise DataFileError(f"{path}: no header row {'<TAB>'.join(columns)}; add it")
    return rows


def table_version(lines: Iterable[str]) -> str | None:
    """The ``# version<TAB>N`` of a table's first line, or None.

    >>> table_version(["# version\\t3", "a\\tb"])
    '3'
    """
    for line in lines:
        parts = line.lstrip("#").strip().split("\t")
        if line.startswith("#") and len(parts) == 2 and parts[0].strip() == VERSION_KEY:
            return parts[1].strip()
        return None
    return None


def read_tables(bundled: str | Path, extra: Iterable[str | Path],
                columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The bundled table's rows, then each user extension file's rows (same header).

    Users extend a vocabulary by giving files of the same format (a setting
    such as ``cue_files``); their rows add to the bundled ones.
    """
    rows = read_table(bundled, columns)
    for path in extra:
        rows += read_table(path, columns, require_version=False)
    return rows
