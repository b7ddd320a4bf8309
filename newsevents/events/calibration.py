"""Confidence: the measured precision of events like this one.

``data/events/calibration.tsv`` holds, per evidence bucket (how the
predicate was found × how many roles resolved), the share of such events
whose type was right on the PLOVER gold sentences, smoothed towards a prior.
It is rebuilt by ``scripts/events_calibrate.py``; without it every bucket
uses the prior below.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import DataFileError

PATH = Path(__file__).resolve().parents[1] / "data" / "events" / "calibration.tsv"
# Prior guesses before calibration: curated entries and resolved roles are more reliable.
_PRIOR = {"overlay": 0.7, "petrarch": 0.5, "pattern": 0.55, "light": 0.7, "nominal": 0.45}
_ROLE_ADJ = {"both": 0.1, "one": 0.0, "none": -0.2}
_STATUS_ADJ = {"reported": 0.0}


def bucket(cand, roles: str) -> str:
    """The evidence bucket name of a candidate, e.g. 'overlay/both'."""
    rules = cand.rules
    if "light-verb" in rules:
        how = "light"
    elif "nominal" in rules:
        how = "nominal"
    elif "pattern" in rules:
        how = "pattern"
    else:
        how = cand.entry.source
    return f"{how}/{roles}"


@functools.lru_cache(maxsize=1)
def load_calibration(path: str | None = None) -> dict[str, float]:
    """Bucket → calibrated confidence (empty when the file is absent)."""
    p = Path(path) if path else PATH
    if not p.is_file():
        return {}
    table: dict[str, float] = {}
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("bucket\t"):
            continue
        cols = line.split("\t")
        try:
            table[cols[0]] = float(cols[1])
        except (IndexError, ValueError):
            raise DataFileError(f"{p.name} line {n}: expected 'bucket<TAB>confidence', got {line!r}; "
                                "rebuild it with `python scripts/events_calibrate.py`") from None
    return table


def confidence_for(cand, roles: str, status: str) -> float:
    """A confidence in [0.05, 0.99] for an event found by ``cand`` with ``roles`` resolved."""
    b = bucket(cand, roles)
    table = load_calibration()
    if b in table:
        value = table[b]
    else:
        how = b.split("/")[0]
        value = _PRIOR.get(how, 0.5) + _ROLE_ADJ.get(roles, 0.0)
    return round(min(0.99, max(0.05, value)), 3)
