"""What the temporal handlers share: the candidate record, the context object
(text, parse, publication date, tense tests) and small helpers.

Split from ``resolve.py``; the handlers live in ``resolve.py`` (the core
grammar) and ``phrases.py`` (calendar phrases added for issue 17).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..nlp import doc_text
from . import calendar as cal

FUTURE_GOVERNORS = frozenset(
    ["scheduled", "schedules", "slated", "expected", "expects", "expect", "due", "plan", "plans", "planned", "planning", "intend", "intends", "intended", "hope", "hopes", "hoped", "hoping", "aim", "aims", "aimed", "prepare", "prepares", "preparing", "prepared", "anticipated", "ordered", "agreed", "agree", "agrees", "vowed", "vows", "pledged", "pledges", "promised", "promises", "set", "seek", "seeks", "sought", "want", "wants", "wanted", "going", "is", "are", "be"]
)
# A date after these can lie past publication even in past narration
# ("delayed the tariffs until April 2").
OPEN_END_PREPS = frozenset(("until", "till", "through", "to"))
# Deadlines and schedules: the date may lie either side of publication even in
# past narration ("was ordered home by Jan. 14", "payable Dec. 7", "stock of
# record Nov. 22", "set to expire Nov. 6"), so the nearest one wins.
DEADLINE_WORDS = frozenset(("by", "effective", "payable", "record", "expire", "expires",
                            "starting", "beginning", "before"))
# Before a weekday these look ahead: "as soon as Tuesday", "until 9 a.m. Tuesday".
_AHEAD = re.compile(r"(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|until|till|"
                    r"this\s+coming|coming)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s+(?:[A-Z]{3}\s+)?)?$",
                    re.IGNORECASE)
QUOTES_OPEN = "\"“‘'«"
QUOTES_CLOSE = "\"”’'»"


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    rule: str
    value: str | None = None
    defer: str = ""  # second-pass work: "ana", "ana_day", "shift", "restate"
    amount: int = 0
    unit: str = ""
    month: int = 0  # for year inheritance of bare months / month-day
    day: int = 0
    direction: str | None = None
    wd: int = -1  # weekday, for range endpoints


class _Ctx:
    """What the handlers need: text, doc, publication date, sentence starts."""

    def __init__(self, doc, published: date, order: str, last_reading: str = "previous_week"):
        self.doc = doc
        self.text = doc_text(doc)
        self.published = published
        self.order = order
        self.last_reading = last_reading
        self._sent_starts: list[int] | None = None

    @property
    def sent_starts(self) -> list[int]:
        # Built on first use from the SENT_START array: iterating doc.sents
        # costs more than the whole grammar.
        if self._sent_starts is None:
            from spacy.attrs import SENT_START

            if self.doc.has_annotation("SENT_START"):
                arr = self.doc.to_array([SENT_START])
                idx = [int(i) for i in (arr == 1).nonzero()[0]]
                starts = [self.doc[i].idx for i in idx]
                self._sent_starts = [0] + [s for s in starts if s > 0]
            else:
                self._sent_starts = [0]
        return self._sent_starts

    def sentence_of(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    def sentence_start(self, char: int) -> int:
        return self.sent_starts[self.sentence_of(char)]

    def prev_word(self, start: int) -> str:
        m = re.search(r"([\w'’.-]+)[^\w]*$", self.text[max(0, start - 40):start])
        return m.group(1) if m else ""

    def at_sentence_start(self, start: int) -> bool:
        before = self.text[self.sentence_start(start):start]
        return not re.search(r"\w", before)

    def wrapped_in_quotes(self, start: int, end: int) -> bool:
        # A closing mark followed by a letter is an apostrophe ("This year's").
        return (start > 0 and self.text[start - 1] in QUOTES_OPEN
                and end < len(self.text) and self.text[end] in QUOTES_CLOSE
                and not self.text[end + 1:end + 2].isalpha())

    def capitalised_name_before(self, start: int) -> bool:
        """A capitalised word right before (not starting the sentence): "USA Today"."""
        m = re.search(r"([A-Z][\w'’.-]*)\s+$", self.text[max(0, start - 40):start])
        if not m:
            return False
        return not self.at_sentence_start(start - len(m.group(0)))

    def sentence_tense(self, start: int) -> str | None:
        """'past' when the sentence's main verb is in the past tense, else None.

        The fallback for a date whose own verb gives no tense ("The vote,
        on March 3, was delayed"): news narrates the past.
        """
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span[0]
        while tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN", "VERB", "AUX") and tok.head.i != tok.i:
                # "announced the debate on October 15", "asked him to testify on
                # Feb. 10": the noun's or the subordinate verb's own time
                return None
        root = tok
        aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in ("will", "shall", "'ll", "wo") for c in aux):
            return None
        if root.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in aux):
            return "past"
        return None

    def _near_verb(self, start: int, end: int):
        """(span, the verb it hangs on): the span's root, climbed at most 3 heads to a verb.

        (None, None) when the characters are no span of the parse.
        """
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, None
        tok = span.root
        for _ in range(3):
            if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
                break
            tok = tok.head
        return span, tok

    def present_event(self, start: int, end: int) -> bool:
        """The span hangs on a present-tense event verb with no auxiliary.

        News writes scheduled events in the simple present ("The king meets
        Bush Monday"); speech and state verbs ("says", "remains") are excluded.
        """
        _, tok = self._near_verb(start, end)
        if tok is None:
            return False
        return (tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP")
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
                and tok.lemma_ not in _STATE_VERBS)

    def present_copula(self, start: int, end: int) -> bool:
        """The span hangs on a present-tense "is"/"are" ("The vote is on Sunday"): a schedule."""
        span, tok = self._near_verb(start, end)
        if tok is None:
            return False
        return (tok.lemma_ == "be" and tok.tag_ in ("VBZ", "VBP") and tok.i < span.start
                and not any(c.dep_ in ("neg", "aux", "auxpass") or c.tag_ == "VBN"
                            for c in tok.children))

    def settled_before(self, start: int, end: int) -> bool:
        """The governing verb is negated or past perfect ("Until Thursday, they had not …")."""
        _, tok = self._near_verb(start, end)
        if tok is None:
            return False
        return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "had") for c in tok.children)

    def direction(self, start: int, end: int) -> str | None:
        """'past', 'future' or None, from the verb that governs the span."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span.root
        if (tok.dep_ in _NOUN_MODIFIER_DEPS and tok.head.pos_ in ("NOUN", "PROPN")
                and tok.head.i >= span.end):
            # "a January decision ... will be extended", "May's flotilla raid": the month
            # dates the noun after it, whose own time the clause's tense does not tell
            return None
        for _ in range(5):
            if tok.pos_ in ("VERB", "AUX") and tok.i != span.root.i:
                break
            if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        lowers = {c.lower_ for c in aux}
        if lowers & {"will", "shall", "'ll", "wo"}:
            return "future"
        if tok.lower_ in FUTURE_GOVERNORS and tok.tag_ in ("VBN", "JJ"):
            # "is scheduled for" looks ahead; "was slated for" may be past or not.
            return None if any(c.tag_ == "VBD" for c in aux) else "future"
        if "to" in lowers and tok.tag_ == "VB":
            gov = tok.head
            if gov.lower_ in FUTURE_GOVERNORS:
                gov_aux = [c for c in gov.children if c.dep_ in ("aux", "auxpass")]
                past_gov = gov.tag_ == "VBD" or any(c.tag_ == "VBD" for c in gov_aux)
                return None if past_gov else "future"
            return None
        if lowers & {"would", "could", "might", "may", "should", "must", "can"}:
            return None
        if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in aux):
            return "past"
        if tok.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in aux):
            return "future"
        return None


def _num(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return cal.NUMBER_WORDS.get(word)


def _mon(name: str) -> int:
    return cal.MONTHS[name.lower().rstrip(".")]


_NOUN_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod", "npadvmod"})

_STATE_VERBS = frozenset({"say", "tell", "be", "have", "know", "believe", "think", "want", "need",
                          "remain", "seem", "appear", "continue", "report", "claim", "deny",
                          "show", "mean", "include", "hold", "expect", "hope", "fear", "add",
                          "note", "warn", "insist", "write", "argue", "accuse", "confirm"})


def _open_end(ctx, start: int) -> bool:
    return ctx.prev_word(start).lower() in OPEN_END_PREPS | DEADLINE_WORDS


def _month_day(ctx, start, end, month, day, kind, rule):
    direction = ctx.direction(start, end)
    if direction == "past" and _open_end(ctx, start):
        direction = None
    elif direction is None and not _open_end(ctx, start):
        direction = ctx.sentence_tense(start)
    y = cal.pick_year(ctx.published, month, day, direction)
    if y is None:
        return None
    try:
        value = date(y, month, day).isoformat()
    except ValueError:
        return None
    return _Cand(start, end, kind, f"{rule}:{direction or 'nearest'}", value, month=month,
                 day=day, direction=direction)


def _rel_month_year(pub: date, month: int, rel: str) -> int:
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    return pub.year
