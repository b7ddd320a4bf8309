"""What a whole sentence is about: P(type | sentence), a signal for the event coder (issue #16).

The candidate models read features local to a trigger (its lemma, the rule
that found it, cues); nothing says what the sentence as a whole reports.
``data/models/events/sentence-types.json`` (written by ``make train``,
``scripts/train_events.py``) holds one TF-IDF logistic model per PLOVER type
over the sentence's words (``sentence_features``: lemmas, lemma bigrams, the
root verb, and the content words of the context the model was trained with),
trained on the gold (sentence, type) sets of the training documents. Each
candidate then reads its type's probability in its sentence, bucketed, and
the type's rank there (``type_features``).

Pure Python at run time: the same featurisation at training and run time
(this module is the only one), a weighted sum per type. No file: no
sentence features (the events stage runs as before).
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from ..errors import DataFileError
from .syntax import token_table

PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "events" / "sentence-types.json"
FORMAT = 1
_CONTENT = frozenset(("NOUN", "VERB", "ADJ", "PROPN"))
# The probability buckets a candidate reads (upper edges).
BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def sentence_features(doc, k: int, context: tuple[str, ...] = ()) -> list[str]:
    """The feature names of sentence ``k`` of a parsed document (sorted, each once).

    ``w=`` each word's lemma, ``b=`` lemma bigrams, ``root=`` the root's
    lemma; with ``"prev"`` in ``context`` the content words of the sentence
    before (``p=``), with ``"first"`` those of the document's first sentence
    (``h=``, for the sentences after it).
    """
    tt = token_table(doc)
    if not 0 <= k < len(tt.bounds):
        return []
    a, b = tt.bounds[k]
    lemma, pos = tt.lemma_lower, tt.pos
    words = [lemma[i] for i in range(a, b) if pos[i] not in ("PUNCT", "SPACE", "NUM", "SYM", "X")]
    out = {f"w={w}" for w in words}
    out.update(f"b={x}_{y}" for x, y in zip(words, words[1:]))
    out.update(f"root={lemma[i]}" for i in range(a, b) if tt.head[i] == i and pos[i] in ("VERB", "AUX", "NOUN"))

    def content(s: int, prefix: str) -> None:
        sa, sb = tt.bounds[s]
        out.update(f"{prefix}={lemma[i]}" for i in range(sa, sb) if pos[i] in _CONTENT)

    if "prev" in context and k > 0:
        content(k - 1, "p")
    if "first" in context and k > 0:
        content(0, "h")
    return sorted(out)


@functools.lru_cache(maxsize=4)
def load_sentence_model(path: str | None = None) -> dict | None:
    """The sentence-type model as a dict, or None when no file has been trained.

    Its ``w`` maps a feature to ``[idf, weight × idf per type]`` (the weights of
    ``types``, in order); ``bias`` a list per type; ``context`` what
    ``sentence_features`` reads.
    """
    p = Path(path) if path else PATH
    if not p.is_file():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{p}: cannot read the sentence-type model ({exc}); rebuild it with `make train`") from exc
    if data.get("format") != FORMAT or not isinstance(data.get("w"), dict):
        raise DataFileError(f"{p}: sentence-type model format {data.get('format')!r}, expected {FORMAT}; "
                            "rebuild it with `make train`")
    n = len(data["types"])
    if len(data["bias"]) != n or any(len(v) != n + 1 for v in data["w"].values()):
        raise DataFileError(f"{p}: every row needs an idf and {n} weights; rebuild it with `make train`")
    data["context"] = tuple(data.get("context", ()))
    return data


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def type_probs(model: dict, feats: list[str]) -> dict[str, float]:
    """P(type | sentence) for every type of the model, from ``sentence_features``' names.

    A TF-IDF vector (binary term frequency, idf, L2 norm over the features the
    model knows) dotted with each type's weights, as scikit-learn computes it.

    >>> m = {"types": ["AGREE"], "bias": [0.0], "w": {"w=sign": [2.0, 3.0]}}
    >>> round(type_probs(m, ["w=sign", "w=unknown"])["AGREE"], 3)
    0.818
    """
    rows = [r for r in map(model["w"].get, dict.fromkeys(feats)) if r is not None]
    scores = list(model["bias"])
    if rows:
        cols = list(zip(*rows))  # (column 0 the idfs, then one column per type)
        norm = math.sqrt(sum(x * x for x in cols[0]))
        for j in range(len(scores)):
            scores[j] += sum(cols[j + 1]) / norm
    return {t: _sigmoid(s) for t, s in zip(model["types"], scores)}


def sentence_probs(model: dict, doc) -> list[dict[str, float]]:
    """P(type | sentence) of every sentence of a parsed document, in order."""
    n = len(token_table(doc).bounds)
    return [type_probs(model, sentence_features(doc, k, model["context"])) for k in range(n)]


def bucket(p: float) -> str:
    """The probability bucket a candidate reads (its upper edge).

    >>> bucket(0.33), bucket(0.0), bucket(1.0)
    ('0.4', '0.05', '1.0')
    """
    for e in BUCKETS:
        if p <= e:
            return str(e)
    return "1.0"


def type_features(probs: dict[str, float] | None, typ: str) -> list[str]:
    """The features a candidate of type ``typ`` reads from its sentence's probabilities:
    the bucketed probability, alone and with the type.

    (The type's rank among the sentence's types, as a feature too, measured in
    session 9: dev type F1 +0.002, PLOVER 5-fold -0.009; left out.)

    >>> type_features({"AGREE": 0.72, "CONSULT": 0.9}, "AGREE")
    ['sty=0.8', 'sty=0.8|t=AGREE']
    """
    if not probs or typ not in probs:
        return []
    b = bucket(probs[typ])
    return [f"sty={b}", f"sty={b}|t={typ}"]
