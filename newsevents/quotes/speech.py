"""Direct and indirect quotes from a parsed document.

Direct quotes come from quotation marks (``marks.find_segments``) and are
attributed to the nearest cue verb in the same sentence(s); indirect speech
comes from cue verbs with a reported clause (``said that ...``, ``told VOA
...``, ``according to X``). A quoted fragment inside a reported clause
(Washington is “incredibly concerned”) is part of that indirect quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import Quote, Speaker, TimeRef
from ..nlp import doc_text
from .lexicon import Lexicon
from .marks import Segment, find_segments
from .speakers import SpeakerIndex, subject_of
from .timing import speech_date

_CUE_CLASSES = ("speech", "report", "confirmation", "denial")
_LEADING_SKIP = {"that", "whether", ",", ":", "—", "-"}


@dataclass
class Draft:
    """A quote before its speaker is resolved (speakers resolve in text order)."""

    start: int
    end: int
    direct: bool
    cue: object | None  # spaCy Token
    speaker_head: object | None = None
    segments: list[Segment] = field(default_factory=list)
    speaker: Speaker | None = None
    continuation: bool = False


def is_cue(tok, lex: Lexicon) -> bool:
    """A verb that introduces speech (``said``, ``told``, ``warned``, ``claimed`` ...)."""
    if not tok.tag_.startswith("VB"):
        return False
    lemma = tok.lemma_.lower()
    return any(lemma in lex.cues[c] for c in _CUE_CLASSES)


def _span_chars(first, last) -> tuple[int, int]:
    return first.idx, last.idx + len(last)


def _trim(doc, start_tok, end_tok) -> tuple[int, int] | None:
    """Char span from start_tok..end_tok without leading 'that'/punctuation or trailing punctuation."""
    i, j = start_tok.i, end_tok.i
    while i <= j and (doc[i].lower_ in _LEADING_SKIP or doc[i].is_punct and doc[i].text not in "“\"[("):
        i += 1
    while j >= i and doc[j].is_punct and doc[j].text not in "”\")]":
        j -= 1
    if j < i:
        return None
    return _span_chars(doc[i], doc[j])


def content_of(tok, lex: Lexicon) -> tuple[tuple[int, int] | None, object | None]:
    """(content char span, speaker head token) for a cue token, or (None, head)."""
    doc = tok.doc
    lemma = tok.lemma_.lower()
    if lemma == "accord" or tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            return None, None
        sent = tok.sent
        left, right = tok.left_edge, tok.right_edge
        if left.i - sent.start > 2:  # "..., according to X." → the clause before
            return _trim(doc, sent[0], doc[left.i - 1]), pobj
        if sent.end - 1 - right.i > 2:  # "According to X, ..." → the clause after
            return _trim(doc, doc[right.i + 1], sent[-1]), pobj
        return None, pobj
    head = subject_of(tok)
    if lemma in lex.cues["denial"]:
        return None, head  # a denial attributes a quotation mark, but is no reported speech itself
    children = list(tok.children)
    if lemma == "call" and any(c.dep_ == "dobj" and c.lower_.endswith("self") for c in children):
        return None, None  # "a cell calling itself ..." names, it does not speak
    if lemma == "call":
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "for"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None:
            return _trim(doc, pobj.left_edge, pobj.right_edge), head
        return None, head
    if lemma in ("accuse", "blame", "urge", "describe"):
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        rest = [c for c in children if c.dep_ in ("prep", "xcomp", "ccomp", "oprd") and c.i > tok.i]
        if obj is not None:
            last = max([obj.right_edge] + [c.right_edge for c in rest], key=lambda t: t.i)
            return _trim(doc, obj.left_edge, last), head
    comp = next((c for c in children if c.dep_ == "ccomp"), None)
    if comp is None and lemma in ("vow", "pledge", "promise", "urge", "warn"):
        comp = next((c for c in children if c.dep_ == "xcomp"), None)
    if comp is None and lemma in ("claim", "allege", "confirm", "announce"):
        comp = next((c for c in children if c.dep_ == "dobj"), None)
    if comp is None:
        return None, head
    return _trim(doc, comp.left_edge, comp.right_edge), head


def _seg_index(segments: list[Segment]):
    def inside(pos: int) -> int | None:
        # segments are few per document; a linear scan is cheaper than a tree
        for k, s in enumerate(segments):
            close = s.close_mark if s.close_mark is not None else s.end
            if s.open_mark <= pos <= close:
                return k
            if s.open_mark > pos:
                return None
        return None
    return inside


def find_quotes(doc, lex: Lexicon, index: SpeakerIndex, times: list[TimeRef],
                published: date | None) -> list[Quote]:
    """All direct and indirect quotes in ``doc``, sorted by content start."""
    text = doc_text(doc)
    segments = find_segments(text)
    inside = _seg_index(segments)
    cues = [t for t in doc if (is_cue(t, lex) or t.lower_ == "according") and inside(t.idx) is None]
    drafts: list[Draft] = []
    seg_cue: dict[int, object] = {}
    absorbed: set[int] = set()
    indirect_cues: set[int] = set()
    spans: list[tuple[int, int]] = []
    for tok in cues:
        span, head = content_of(tok, lex)
        if span is None:
            continue
        start, end = span
        if any(s <= tok.idx < e for s, e in spans):
            continue  # a cue inside reported speech is part of that speech
        first = inside(start) if start < len(text) else None
        if first is not None or (start > 0 and text[start] in "“\"" and inside(start) is not None):
            seg_cue.setdefault(first if first is not None else inside(start), tok)
            continue
        in_segs = [k for k, s in enumerate(segments) if s.open_mark >= start - 1 and s.end <= end + 1]
        quoted = sum(segments[k].end - segments[k].start for k in in_segs)
        if end - start < 3 or quoted > 0.85 * (end - start):
            for k in in_segs:
                seg_cue.setdefault(k, tok)
            continue
        absorbed.update(in_segs)
        indirect_cues.add(tok.i)
        spans.append((start, end))
        drafts.append(Draft(start, end, False, tok, head))
    for k, seg in enumerate(segments):
        if k in absorbed:
            continue
        cue = seg_cue.get(k)
        if cue is None:
            cue = _frame_cue(doc, seg, cues, indirect_cues, inside)
        words = len(text[seg.start:seg.end].split())
        if cue is None and (words < 4 or not drafts or not any(
                x.direct and _near(doc, x.end, seg.start) for x in drafts)):
            continue  # a scare quote or a title, not speech; continuations follow a quote
        head = None
        if cue is not None:
            _span, head = content_of(cue, lex)
            if head is None:
                head = subject_of(cue)
        drafts.append(Draft(seg.start, seg.end, True, cue, head, [seg], continuation=cue is None))
    drafts = _merge_split(drafts)
    drafts.sort(key=lambda d: d.start)
    # speakers in text order so "he said" refers back correctly
    last_direct: Draft | None = None
    for d in sorted(drafts, key=lambda d: min(d.start, d.cue.idx) if d.cue is not None else d.start):
        if d.continuation:
            if last_direct is not None and _near(doc, last_direct.end, d.start):
                d.speaker = last_direct.speaker
        else:
            d.speaker = index.speaker(d.speaker_head)
        if d.direct:
            last_direct = d
    quotes = []
    for d in drafts:
        if d.direct:
            body = " ".join(text[s.start:s.end] for s in d.segments)
        else:
            body = text[d.start:d.end]
        first_sent = doc.char_span(d.start, d.end, alignment_mode="expand")
        sent_start = first_sent[0].sent.start_char if first_sent is not None else d.start
        sent_end = first_sent[-1].sent.end_char if first_sent is not None else d.end
        if d.cue is not None:
            sent_start = min(sent_start, d.cue.sent.start_char)
            sent_end = max(sent_end, d.cue.sent.end_char)
            value, precision = speech_date(d.cue, times, published, (d.start, d.end))
        else:
            value, precision = (published.isoformat() if published else None), "unknown"
        quotes.append(Quote(
            speaker=d.speaker, cue=d.cue.text if d.cue is not None else None, text=body,
            direct=d.direct, start=d.start, end=d.end, span=(sent_start, sent_end),
            date=value, date_precision=precision))
    return quotes


def _frame_cue(doc, seg: Segment, cues, indirect_cues: set[int], inside):
    """The cue verb in the sentence(s) around a quoted segment, nearest first."""
    open_tok = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if open_tok is None:
        return None
    lo = open_tok[0].sent.start_char
    hi = open_tok[-1].sent.end_char
    close = seg.close_mark if seg.close_mark is not None else seg.end
    best, best_d = None, None
    for tok in cues:
        if tok.idx < lo or tok.idx >= hi or tok.i in indirect_cues:
            continue
        dist = tok.idx - close if tok.idx > close else (seg.open_mark - tok.idx) + 10
        if best_d is None or dist < best_d:
            best, best_d = tok, dist
    return best


def _merge_split(drafts: list[Draft]) -> list[Draft]:
    """“First half,” he said, “second half.” → one quote."""
    direct = sorted((d for d in drafts if d.direct), key=lambda d: d.start)
    out = [d for d in drafts if not d.direct]
    prev: Draft | None = None
    for d in direct:
        if (prev is not None and d.cue is not None and prev.cue is d.cue
                and prev.end < d.cue.idx < d.start):
            prev.segments.extend(d.segments)
            prev.end = d.end
            continue
        out.append(d)
        prev = d
    return out


def _near(doc, end: int, start: int) -> bool:
    """True when ``start`` is in the same or the next sentence after ``end``."""
    a = doc.char_span(max(end - 1, 0), end, alignment_mode="expand")
    b = doc.char_span(start, start + 1, alignment_mode="expand")
    if a is None or b is None:
        return False
    sa, sb = a[0].sent, b[0].sent
    return sb.start - sa.end <= 2
