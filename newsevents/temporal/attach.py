"""Which temporal expression governs an event predicate."""

from __future__ import annotations

import bisect
from datetime import date

from ..models import TimeRef
from ..nlp import doc_text

# Dependency labels that open a new clause below a predicate.
CLAUSE_DEPS = frozenset(("ROOT", "ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis",
                         "conj", "pcomp"))


def _clause_head(tok):
    """The head of the clause a token belongs to (itself if it heads one)."""
    for _ in range(50):
        if tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _root_of(doc, t: TimeRef):
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attached(root, token) -> bool:
    """The time modifies the predicate directly: "departed ... on Tuesday", "said Friday"."""
    # spaCy builds a new Token object on each access: compare indices, never identity.
    head = root.head
    if head.i == token.i:
        return True
    # through a preposition: "on Tuesday", "in February", "since 2019"
    return head.dep_ == "prep" and head.head.i == token.i


def governing_time(token, times: list[TimeRef], published: date) -> tuple[TimeRef | None, str]:
    """The time that dates an event predicate, and which rule chose it.

    Rules in order: ``attached`` (the expression modifies the predicate in
    the parse), ``clause`` (same clause), ``sentence`` (an enclosing clause's
    time, else the nearest in the sentence), ``paragraph`` (the last resolved
    time before it in the paragraph — the text since the last line break, or
    the two previous sentences when the article has no line breaks), else
    ``(None, 'publication')``: the caller dates the event at ``published``
    with precision ``unknown``.

    >>> governing_time(doc[5], times, date(2024, 4, 24))  # doctest: +SKIP
    (TimeRef(text='Tuesday', ..., value='2024-04-23', ...), 'attached')
    """
    usable = [t for t in times if t.value]
    if not usable:
        return None, "publication"
    doc = token.doc
    sent = token.sent
    in_sent = [t for t in usable if sent.start_char <= t.start < sent.end_char]
    roots = [(t, _root_of(doc, t)) for t in in_sent]
    roots = [(t, r) for t, r in roots if r is not None]
    for t, r in roots:
        if _attached(r, token):
            return t, "attached"
    clause = _clause_head(token)
    for t, r in roots:
        if _clause_head(r).i == clause.i:
            return t, "clause"
    if roots:
        # A time on an enclosing clause ("said Monday that ... hopes ...") first.
        ancestors = {a.i for a in clause.ancestors}
        enclosing = [(t, r) for t, r in roots if _clause_head(r).i in ancestors]
        pool = enclosing or roots
        best = min(pool, key=lambda tr: abs(tr[0].start - token.idx))
        return best[0], "sentence"
    # Narrative continuation: the last time before this sentence in the paragraph.
    text = doc_text(doc)
    para_start = text.rfind("\n\n", 0, sent.start_char) + 2
    if para_start == 1 and "\n\n" in text:
        para_start = 0  # the first paragraph
    elif para_start == 1:
        sents = list(doc.sents)
        idx = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
        para_start = sents[max(0, idx - 2)].start_char
    starts = [t.start for t in usable]
    i = bisect.bisect_left(starts, sent.start_char) - 1
    if i >= 0 and usable[i].start >= para_start:
        return usable[i], "paragraph"
    return None, "publication"
