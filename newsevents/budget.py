"""A budget per document: how much text the model parses at once, and how long coding may run.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its
parse of a very long "sentence" (a run of one symbol, a run-on page with no
full stop) grows faster than linearly: 20,000 ``&`` tokens took 36 s, 40,000
took 152 s. So a long text is parsed in sentence-aligned pieces, a run with
no sentence end is cut into short pieces, and the pieces' Docs are joined
into one Doc over exactly the article's text (offsets stay valid). A
wall-clock deadline per document turns whatever is still pathological into
a ``coding-timeout`` rejection, and the batch goes on.

:func:`code_articles` wraps parsing and coding one article at a time; the
pipeline calls it where it codes a batch.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from .models import Article, Coded, Rejected

# Coding time grows faster than the text (several stages look at every entity
# for every speaker or event: 40,000 characters of dense news took 36 s to
# code, 80,000 took 150 s), so a text longer than any news article is refused
# with its reason instead of running for hours.
MAX_TEXT_CHARS = 200_000
# Texts longer than this are parsed in pieces (spaCy's own limit is 1,000,000).
PIECE_CHARS = 100_000
# A long text in which fewer than this share of characters are letters or
# digits is no prose (100,000 '&amp;' decode to '&' and parse at ~1.5 ms per token).
MIN_PROSE_SHARE = 0.25
# A stretch with no sentence end or line break longer than this is pathological:
# its text is parsed in pieces, and such stretches in ``RUN_CHARS`` cuts.
LONG_RUN = 5_000
RUN_CHARS = 1_000
TIMEOUT = "coding-timeout"
TOO_LONG = "too_long"
NOT_PROSE = "not_prose"

# A sentence ends after . ! ? (and closing quotes or brackets) and white space,
# or at a line break; the white space stays with the sentence before it.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+|\n\s*""")
_SPACE = re.compile(r"\s")


class CodingTimeout(BaseException):
    """Coding one document ran past ``settings.coding_timeout_s``.

    A BaseException, so the stages' ``except Exception`` (one failing article
    is a ``coding-error``) cannot swallow it.
    """


def segments(text: str) -> list[str]:
    """``text`` cut after each sentence end or line break; ''.join gives it back.

    >>> segments("One. Two?\\nThree")
    ['One. ', 'Two?\\n', 'Three']
    """
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.end() > start:
            out.append(text[start:m.end()])
            start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def refusal(text: str) -> str | None:
    """Why ``text`` is not worth parsing at all (too long, not prose), or None.

    >>> refusal("&" * 10_000)[:9]
    'not_prose'
    """
    if len(text) > MAX_TEXT_CHARS:
        return (f"{TOO_LONG}: the text has {len(text):,} characters, more than "
                f"{MAX_TEXT_CHARS:,}, longer than any news article; split it into articles")
    if len(text) > LONG_RUN:
        sample = text[:LONG_RUN * 4]
        share = sum(ch.isalnum() for ch in sample) / len(sample)
        if share < MIN_PROSE_SHARE:
            return (f"{NOT_PROSE}: only {share:.0%} of the text is letters or digits; it "
                    "is not prose (a run of symbols or markup)")
    return None


def needs_pieces(text: str) -> bool:
    """Whether ``text`` is too long, or has too long a run, to parse whole."""
    if len(text) > PIECE_CHARS:
        return True
    if len(text) <= LONG_RUN:
        return False
    return max(map(len, segments(text)), default=0) > LONG_RUN


def split_text(text: str, size: int = PIECE_CHARS, run: int = RUN_CHARS) -> list[str]:
    """Pieces of at most ``size`` characters, cut between sentences; ''.join gives ``text``.

    A segment longer than ``LONG_RUN`` (no sentence end) is cut at white
    space, or hard, into pieces of at most ``run`` characters, each parsed
    on its own.

    >>> split_text("Aa. Bb. Cc.", size=8)
    ['Aa. Bb. ', 'Cc.']
    """
    pieces: list[str] = []
    held: list[str] = []
    held_len = 0
    for seg in segments(text):
        if len(seg) > LONG_RUN:
            if held:
                pieces.append("".join(held))
                held, held_len = [], 0
            pieces.extend(_cut_run(seg, run))
            continue
        if held and held_len + len(seg) > size:
            pieces.append("".join(held))
            held, held_len = [], 0
        held.append(seg)
        held_len += len(seg)
    if held:
        pieces.append("".join(held))
    return pieces


def _cut_run(seg: str, run: int) -> Iterator[str]:
    start = 0
    while len(seg) - start > run:
        cut = start + run
        # The last white space in the window, so words stay whole where there are any.
        space = max((m.end() for m in _SPACE.finditer(seg, start + run // 2, cut)), default=0)
        cut = space if space > start else cut
        yield seg[start:cut]
        start = cut
    if start < len(seg):
        yield seg[start:]


def parse_in_pieces(text: str, name: str, deadline_at: float | None = None):
    """One Doc over exactly ``text``, parsed piece by piece (see :func:`split_text`)."""
    from spacy.tokens import Doc

    from .nlp import index_sentences, load_nlp

    nlp = load_nlp(name)
    docs = []
    for piece in split_text(text):
        if deadline_at is not None and time.monotonic() > deadline_at:
            raise CodingTimeout
        docs.append(nlp(piece))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never seen; a join that moved offsets must not be coded
        raise ValueError("the pieces of a long text did not join back into it")
    return index_sentences(doc)


@contextmanager
def deadline(seconds: float):
    """Raise :class:`CodingTimeout` in this block after ``seconds`` (main thread only).

    Elsewhere (a server's worker thread) only the checks between pieces apply.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise CodingTimeout

    # Someone else's alarm (pytest-timeout, a caller's own deadline) is kept:
    # when it is due first, this block sets none; otherwise it is re-armed after.
    outer, interval = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:
        yield
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL,
                             max(outer - (time.monotonic() - started), 0.001), interval)


CodeFn = Callable[[Article, object, object], Coded]


def code_articles(articles: Sequence[Article], settings, code: CodeFn,
                  coded_language: Callable[[Article], bool]) -> list[Coded]:
    """Parse and code ``articles`` in order, each within its budget.

    Ordinary texts are parsed together in batches as before (output does
    not depend on batching); a long one in pieces. An article that runs past
    ``settings.coding_timeout_s``, or whose parse fails, comes back with
    ``error`` set (see :func:`budget_rejection`), and the articles after it
    are coded as usual.
    """
    out: list[Coded] = []
    rest = list(articles)
    seconds = float(getattr(settings, "coding_timeout_s", 0) or 0)
    if seconds > 0 and rest:
        _warm_up(settings, code, coded_language)
    while rest:
        stream = _docs(rest, settings, coded_language)
        for i, article in enumerate(rest):
            started = time.monotonic()
            refused = refusal(article.text) if coded_language(article) else None
            if refused:
                out.append(Coded(article=article, error=refused))
                continue
            try:
                with deadline(seconds):
                    doc = next(stream)
                    out.append(Coded(article=article) if doc is None
                               else code(article, doc, settings))
                    continue
            except CodingTimeout:
                error = (f"{TIMEOUT}: coding took longer than coding_timeout_s={seconds:g} "
                         f"({time.monotonic() - started:.0f} s)")
            except Exception as exc:  # noqa: BLE001 - a parse failure is this article's alone
                error = f"{type(exc).__name__}: {exc}"[:300]
            out.append(Coded(article=article, error=error))
            rest = rest[i + 1:]  # the stream broke: start a new one after this article
            break
        else:
            rest = []
    return out


_WARM: set = set()
_WARM_TEXT = ("French Foreign Minister Jean Dupont met Egyptian officials in Cairo on Monday "
              "and criticized the attack on the embassy, a spokesman said.")


def _warm_up(settings, code: CodeFn, coded_language) -> None:
    """Load the model and lexicons before the first deadline starts.

    They load on first use (10-20 s on a busy machine), and that is no
    document's fault: without this, the first article of every process
    could time out.
    """
    key = (settings.model, tuple(getattr(settings, "actors_files", ()) or ()),
           tuple(getattr(settings, "places_files", ()) or ()))
    if key in _WARM:
        return
    _WARM.add(key)
    from .nlp import parse_one

    probe = Article(id="warm-up", text=_WARM_TEXT, title=None, published=None)
    if coded_language(probe):
        code(probe, parse_one(_WARM_TEXT, settings.model), settings)


def _docs(articles: list[Article], settings, coded_language) -> Iterator:
    """A Doc (or None, for a language not coded) per article, lazily, in order."""
    from .nlp import parse

    seconds = float(getattr(settings, "coding_timeout_s", 0) or 0)
    ordinary = (a.text for a in articles
                if coded_language(a) and not refusal(a.text) and not needs_pieces(a.text))
    batched = parse(ordinary, settings.model, settings.batch_size)
    for a in articles:
        if not coded_language(a):
            yield None
        elif refusal(a.text):
            continue  # code_articles recorded it without asking for a Doc
        elif needs_pieces(a.text):
            yield parse_in_pieces(a.text, settings.model,
                                  time.monotonic() + seconds if seconds > 0 else None)
        else:
            yield next(batched)


def budget_rejection(coded: Coded) -> Rejected | None:
    """The rejection for an article over its budget (time, length, no prose); None for other errors."""
    if not coded.error:
        return None
    for reason in (TOO_LONG, NOT_PROSE):
        if coded.error.startswith(reason + ": "):
            return Rejected(coded.article.source or coded.article.id, "nlp", reason,
                            coded.error.removeprefix(reason + ": "))
    if not coded.error.startswith(TIMEOUT):
        return None
    return Rejected(coded.article.source or coded.article.id, "nlp", TIMEOUT,
                    f"{coded.error.removeprefix(TIMEOUT + ': ')}; it was not stored. Raise "
                    "coding_timeout_s to code it, or check the text (a run of one symbol, "
                    "a page with no sentence end)")
