"""Does this response answer that claim? Features and the learned link model.

The cross-article step of the claims ledger (:mod:`newsevents.store.ledger`)
scores each (response, claim of another article) pair with a small logistic
regression, ``newsevents/data/models/ledger/links.json``, trained by
``scripts/train_links.py`` on the annotated in-article response→claim links
(the model card is in the README beside it). Scoring needs only the standard
library. The same :func:`pair_features` serves training (annotated texts and
names) and the store (stored rows, which also carry actor codes), so the two
see the same inputs.

:func:`rival_features` then compares each pair with the other claims the same
response could answer (its rivals): a response answers one accusation of a
story, and the commonest wrong link is to another accusation of the same
story that shares its actors and words. It runs over one response's
candidates, in training (the claims of its document and other stories'
claims) and in the store (the claims of other articles) alike.

A side of a pair is a plain dict: ``text`` (the claim content or response
text), ``context`` (the sentence around it), ``kind``/``cue``, and actor keys
built by :func:`actor_keys` (``responder`` for a response; ``claimant`` and
``accused`` for a claim).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from ..quotes.claims import _STOP as _QUOTE_STOP

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "ledger" / "links.json"

__all__ = ["MODEL_PATH", "LinkModel", "actor_keys", "context_window", "load_link_model", "pair_features",
           "content_match", "prepare", "rival_features"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# the quotes stage's function words (one list for the ledger's word overlaps), plus
# the cue words of claims and responses: they say that something is claimed or
# denied, not *what*
_CUE_WORDS = frozenset("""claimed alleged accused denied deny denies rejected reject rejects confirmed
confirm confirms reports reported report blamed blame saying told statement""".split())
_STOP = _QUOTE_STOP | _CUE_WORDS
# words that refer back to a claim made elsewhere ("rejected the allegations")
_REFERENCE = re.compile(r"\b(allegation|accusation|claim|charge|report|suggestion|assertion|"
                        r"blame|rumou?r|speculation)s?\b", re.I)
# name words that say what kind of actor, not which one
_NAME_STOP = frozenset("""the of and government officials official ministry minister spokesperson spokesman
spokeswoman president prime foreign state forces army military security sources source people
group party national said""".split())


def _stem(word: str) -> str:
    # a five-letter prefix: "Pakistan"/"Pakistani", "supplied"/"supplying" agree;
    # crude, but the same in training and in the store, and dependency-free
    return word.lower()[:5]


def _content(text: str | None) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text or "") if w.lower() not in _STOP and len(w) > 2}


def _names(text: str | None) -> set[str]:
    """Capitalised words that do not start a sentence: the named entities, roughly."""
    out = set()
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z'-]{2,})", text or ""):
        w = m.group(1)
        if w.lower() not in _STOP and w.lower() not in _NAME_STOP:
            out.add(_stem(w))
    return out


def actor_keys(names=(), codes=(), countries=()) -> frozenset:
    """Keys an actor can be matched on: its codes, countries and name words (stemmed).

    >>> sorted(actor_keys(["the Afghan Taliban"], ["AFG"]))
    ['afgha', 'code:AFG', 'talib']
    """
    keys = {f"code:{c}" for c in codes if c}
    keys |= {f"code:{c}" for c in countries if c}
    for n in names:
        for w in re.findall(r"[A-Za-z][A-Za-z'-]+", (n or "").replace(".", "")):
            if w.lower() not in _NAME_STOP and len(w) > 2:
                keys.add(_stem(w))
    return frozenset(keys)


def context_window(text: str, start: int, end: int, width: int = 200) -> str:
    """The sentence(s) around ``text[start:end]``: up to ``width`` characters each side,
    cut at sentence ends."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"))
    if cut >= 0:
        left = left[cut + 1:]
    right = text[end:hi]
    stop = min([i for i in (right.find(". "), right.find("\n")) if i >= 0], default=len(right))
    return (left + text[start:end] + right[:stop + 1]).strip()


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def prepare(side: dict) -> dict:
    """Compute a side's word sets once (the store scores one side against many).

    Returns the same dict with a ``_prepared`` entry; :func:`pair_features`
    uses it when present.
    """
    text, context = side.get("text") or "", side.get("context") or ""
    words = _content(text)
    side["_prepared"] = (words, words | _content(context), _names(context or text),
                         bool(_REFERENCE.search(text + " " + context)))
    return side


def _prepared(side: dict) -> tuple:
    return side["_prepared"] if "_prepared" in side else prepare(dict(side))["_prepared"]


def pair_features(response: dict, claim: dict) -> dict[str, float]:
    """The features of one (response, claim) pair, each in [0, 1].

    >>> f = pair_features({"text": "denied supplying shells", "context": "", "kind": "denial",
    ...                    "responder": actor_keys(["Pyongyang"], ["PRK"])},
    ...                   {"text": "supplied shells to Russia", "context": "", "cue": "accused",
    ...                    "claimant": actor_keys(["Washington"], ["USA"]),
    ...                    "accused": actor_keys(["North Korea"], ["PRK"])})
    >>> f["responder_accused"], f["responder_claimant"], round(f["text_jaccard"], 2)
    (1.0, 0.0, 0.67)
    """
    responder = response.get("responder") or frozenset()
    accused = claim.get("accused") or frozenset()
    claimant = claim.get("claimant") or frozenset()
    r_words, r_ctx, r_names, r_ref = _prepared(response)
    c_words, c_ctx, c_names, _c_ref = _prepared(claim)
    shared_names = len(r_names & c_names)
    return {
        "responder_accused": float(bool(responder & accused)),
        "responder_claimant": float(bool(responder & claimant)),
        "claimant_named_in_response": float(bool(claimant & (r_names | r_ctx))),
        "accused_named_in_response": float(bool(accused & (r_names | r_ctx))),
        # the responder named around the claim: the accused by name when the
        # claim's accused has no code or was not extracted ("... said Kabul")
        "responder_named_in_claim": float(bool(responder & (c_names | c_ctx))),
        "no_responder": float(not responder),
        # "X claimed responsibility": a claim about its claimant's own act, which
        # third parties seldom deny
        "self_claim": float(bool(claimant & accused)),
        "no_accused": float(not accused),
        "text_jaccard": _jaccard(r_words, c_words),
        "text_overlap": min(len(r_words & c_words), 4) / 4,
        "context_jaccard": _jaccard(r_ctx, c_ctx),
        "response_in_claim_context": (len(r_words & c_ctx) / len(r_words)) if r_words else 0.0,
        "shared_names": min(shared_names, 4) / 4,
        "refers_to_claim": float(r_ref),
        "denial": float(response.get("kind") == "denial"),
        # the response restates what it answers ("denies reports that he left the
        # country with cash"): the claim's words found around the response
        "claim_in_response_context": (len(c_words & r_ctx) / len(c_words)) if c_words else 0.0,
    }


def _content_match(f: dict[str, float]) -> float:
    # how much of its content a pair shares, both ways, spans and sentences
    return (f["text_jaccard"] + f["claim_in_response_context"] + f["response_in_claim_context"]
            + f["context_jaccard"]) / 4


def content_match(response: dict, claim: dict) -> float:
    """The content match :func:`rival_features` compares, without the other features
    (the store weighs claims it does not score against those it does).

    >>> r = {"text": "denied supplying shells", "context": "Pyongyang denied supplying shells."}
    >>> content_match(r, {"text": "supplied shells", "context": "It supplied shells."}) > 0.5
    True
    """
    return _content_match(pair_features(response, claim))


def rival_features(features: list[dict[str, float]], made: list, others=()) -> list[dict[str, float]]:
    """Add to the :func:`pair_features` of one response's candidate claims how each
    compares with the others (its rivals); returns new dicts, each value in [0, 1].

    ``made[i]`` says when claim ``i`` was made, comparable across the list (in the
    store: the article's date, then the claim's offset), or None when it was made
    after the response or cannot be ordered with the others (another story's
    claim). The rivals are the claims made before the response: what it could
    answer. (So a claim reported after the response changes no other pair's
    features, and a store linked one ingest at a time scores what a store linked
    at once does, as long as no article older than a response arrives after it.)
    ``others``: the :func:`content_match` of more rivals, claims made before the
    response that are not in ``features``.

    - ``content_margin``: 0.5 plus the pair's content match (mean of the text and
      sentence overlaps, both ways) minus its best rival's, clipped to [0, 1]:
      whether the response's words fit this claim better than another accusation
      of the same story. More claims in the store can only lower it.

    >>> a = {"text_jaccard": 0.5, "claim_in_response_context": 0.5,
    ...      "response_in_claim_context": 0.5, "context_jaccard": 0.5}
    >>> b = dict(a, text_jaccard=0.1, claim_in_response_context=0.1)
    >>> [f["content_margin"] for f in rival_features([a, b], [(1,), (2,)])]
    [0.7, 0.3]
    >>> [f["content_margin"] for f in rival_features([a, b], [None, (2,)])]  # a came after
    [0.7, 0.8]
    >>> [f["content_margin"] for f in rival_features([a], [(1,)], others=[0.5])]
    [0.5]
    """
    match = [_content_match(f) for f in features]
    # the best two rival matches: each pair's best rival is the best other than itself
    top = sorted([(m, i) for i, m in enumerate(match) if made[i] is not None]
                 + [(m, -1) for m in others], reverse=True)[:2]
    out = []
    for i, f in enumerate(features):
        rival = next((m for m, j in top if j != i), 0.0)
        g = dict(f)
        g["content_margin"] = round(0.5 + max(-0.5, min(0.5, match[i] - rival)), 6)
        out.append(g)
    return out


class LinkModel:
    """A logistic regression over :func:`pair_features`, read from its JSON."""

    def __init__(self, spec: dict):
        self.bias = float(spec["bias"])
        self.weights = {k: float(v) for k, v in spec["weights"].items()}
        self.threshold = float(spec["threshold"])

    def score(self, features: dict[str, float]) -> float:
        """The probability that the response answers the claim."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_link_model() -> LinkModel:
    """The shipped link model (``newsevents/data/models/ledger/links.json``)."""
    return LinkModel(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["model"])
