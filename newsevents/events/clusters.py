"""Distributional word clusters: the event coder's reading of words it was never trained on.

``data/events/clusters.tsv.gz`` (built by ``scripts/build_clusters.py``,
``make clusters``) maps a lower-cased word form to three nested KMeans
clusters (64, 256 and 1,024 groups) of its co-occurrence vector in the
Wikipedia Current Events summaries: "bombed", "raided" and "invaded" share a
cluster, so a trigger the annotations never showed borrows the weights its
cluster earned (``features.py``).
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from ..errors import DataFileError

PATH = Path(__file__).resolve().parents[1] / "data" / "events" / "clusters.tsv.gz"
LEVELS = ("c64", "c256", "c1024")


@functools.lru_cache(maxsize=2)
def load_clusters(path: str | None = None) -> dict[str, tuple[str, str, str]]:
    """word → (c64, c256, c1024) cluster ids as strings; an empty dict when the file is absent.

    >>> len(load_clusters()["bombed"])
    3
    """
    p = Path(path) if path else PATH
    if not p.is_file():
        return {}
    try:
        lines = gzip.decompress(p.read_bytes()).decode("utf-8").splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{p}: cannot read the word clusters ({exc}); rebuild it with `make clusters`") from exc
    if not lines or lines[0].split("\t") != ["word", *LEVELS]:
        raise DataFileError(f"{p}: the header must be word, {', '.join(LEVELS)}; rebuild it with `make clusters`")
    out = {}
    for n, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0] or not all(x.isdigit() for x in parts[1:]):
            raise DataFileError(f"{p} line {n}: expected a word and three cluster numbers; "
                                "rebuild it with `make clusters`")
        out[parts[0]] = (parts[1], parts[2], parts[3])
    return out
