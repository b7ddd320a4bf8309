"""Step 3 of the events stage: score candidates with the shipped linear models.

``data/models/events/events-model.json`` (written by ``make train``) holds
three logistic models over the feature names of ``features.py``: ``tuple``
(is this (type, source, target) one the sentence reports?), ``type`` (does
the sentence report an event of this type?) and ``status`` (multinomial over
the six statuses), plus the decoding thresholds tuned on the dev documents.
Pure Python at run time: a sum of weights per candidate.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from ..errors import DataFileError

PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "events" / "events-model.json"
FORMAT = 1


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> dict | None:
    """The model file as a dict (None when no model has been trained: the rules decide)."""
    p = Path(path) if path else PATH
    if not p.is_file():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{p}: cannot read the events model ({exc}); rebuild it with `make train`") from exc
    if data.get("format") != FORMAT:
        raise DataFileError(f"{p}: events model format {data.get('format')!r}, expected {FORMAT}; "
                            "rebuild it with `make train`")
    return data


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def binary(weights: dict, feats: list[str]) -> float:
    """P(yes) of a binary logistic model ``{"bias": b, "w": {feature: weight}}``."""
    # (each feature once, as in training: a one-hot reading; a feature unknown to the
    # model, None, and a zero weight add nothing)
    return _sigmoid(weights["bias"] + sum(filter(None, map(weights["w"].get, dict.fromkeys(feats)))))


def multiclass(weights: dict, feats: list[str]) -> str:
    """The most probable class of a multinomial model ``{"classes", "bias", "w": {f: [..]}}``."""
    scores = list(weights["bias"])
    for f in dict.fromkeys(feats):
        row = weights["w"].get(f)
        if row:
            for k, v in enumerate(row):
                scores[k] += v
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    return weights["classes"][best]


class Scorer:
    """``binary`` over ``features.feature_groups``, for one document: the weights of a
    shared part (a reading's trigger features, a side) are looked up once.

    Adds the same weights in the same order as ``binary`` over the joined list. The
    parts must outlive the scorer (they are the document's feature cache), so that an
    ``id`` names one part.
    """

    def __init__(self, weights: dict):
        self.bias, self.w = weights["bias"], weights["w"]
        self._sums: dict[int, float] = {}
        self._parts: dict[int, tuple] = {}

    def prob(self, groups: tuple[list, list, list, list]) -> float:
        """P(yes) of the candidate whose features are ``groups``."""
        trig, src, tgt, pair = groups
        w = self.w
        acc = self._sums.get(id(trig))
        if acc is None:
            acc = self._sums[id(trig)] = sum(filter(None, map(w.get, dict.fromkeys(trig))))
        for part in (src, tgt):
            ws = self._parts.get(id(part))
            if ws is None:
                ws = self._parts[id(part)] = tuple(filter(None, map(w.get, dict.fromkeys(part))))
            for x in ws:
                acc += x
        for x in filter(None, map(w.get, pair)):
            acc += x
        return _sigmoid(self.bias + acc)
