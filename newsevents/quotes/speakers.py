"""Who is speaking: the noun phrase behind a cue, turned into a ``Speaker``.

Pronouns ("he said") and definite role phrases ("the Pakistani envoy said")
resolve to the last compatible named speaker or person subject before them;
a bare surname ("Chaudhry told") expands to the full name seen earlier.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..models import Actor, Mention, Speaker
from ..nlp import doc_text
from .lexicon import Lexicon

_PERSON_PRON = {"he", "she", "him", "her"}
_GROUP_PRON = {"they", "it", "we"}
_NP_DEPS = {"compound", "amod", "det", "poss", "case", "nmod", "nummod", "flat", "prep", "pobj",
            "punct", "cc", "conj", "appos", "npadvmod", "quantmod"}
_ORG_LABELS = {"ORG", "NORP", "GPE", "FAC"}


def subject_of(verb):
    """The token that speaks for a cue verb (its subject, or its governor's).

    ``adding``/``saying`` in "X told the council, adding that ..." borrow the
    subject of the verb they hang from; "cited S as saying" gives S.

    >>> subject_of(nlp("Andrew Lebovich of the think tank Clingendael said so.")[6]).text  # doctest: +SKIP
    'Lebovich'
    """
    head = _subject_of(verb)
    if head is not None:
        return _person_before(head, verb) or head
    return head


def _person_before(head, verb):
    """'PERSON of/at/from <organisation> said': the person, not the organisation.

    The small parser often breaks "Andrew Lebovich of the Dutch ... think tank
    Clingendael said" and makes the organisation the subject; a person named at
    the start of the clause and tied to the subject by "of"/"at"/"from" is the
    speaker (the organisation is their affiliation).
    """
    if head.ent_type_ == "PERSON" or head.pos_ == "PRON" or head.i > verb.i:
        return None
    doc = head.doc
    sent = verb.sent
    # The entities that start between the sentence start and the head, read
    # from the tokens: ``doc.ents`` builds every entity of the document on
    # each access, and this runs once per cue (quadratic on a long text).
    for start, end, label in _ents_starting(doc, sent.start, head.i):
        if label != "PERSON" or end >= head.i or end - start < 2:
            continue
        if end >= len(doc) or doc[end].lower_ not in ("of", "at", "from"):
            continue
        at_clause_start = start == sent.start or doc[start - 1].is_punct
        between = doc[end: verb.i]
        if (at_clause_start and verb.i - end <= 15
                and not any(t.text in (".", ";", ":", "“", "\"") or t.ent_type_ == "PERSON" for t in between)):
            return doc[start:end].root
    return None


def _ents_starting(doc, lo: int, hi: int):
    """``(start, end, label)`` of each entity of ``doc`` that starts at a token in ``[lo, hi)``.

    In order, read from the tokens' IOB tags as ``doc.ents`` reads them.
    """
    i = max(lo, 0)
    hi = min(hi, len(doc))
    while i < hi:
        tok = doc[i]
        if tok.ent_iob_ == "B":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            yield i, end, tok.ent_type_
            i = end
        else:
            i += 1


def _subject_of(verb):
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (
                    child.dep_ == "nsubjpass" and tok.lemma_ in ("accuse", "blame")):
                return child
        if tok.dep_ == "pcomp" and tok.head.lemma_ == "as" and tok.head.head.pos_ == "VERB":
            for child in tok.head.head.children:
                if child.dep_ == "dobj":
                    return child
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and tok.head is not tok:
            tok = tok.head if tok.dep_ != "pcomp" else tok.head.head
            continue
        break
    return None


def phrase_tokens(head, split_conj: bool = False) -> list:
    """Tokens of the noun phrase headed by ``head`` (no relative clauses).

    With ``split_conj`` "Pyongyang and Tehran" gives just "Pyongyang".
    """
    deps = _NP_DEPS - {"cc", "conj"} if split_conj else _NP_DEPS
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in deps:
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    # drop edge punctuation and conjunctions
    while keep and keep[-1].is_punct:
        keep.pop()
    while keep and (keep[0].is_punct or keep[0].dep_ == "cc"):
        keep.pop(0)
    return keep


@dataclass
class SpeakerIndex:
    """Per-document memory of named speakers and person subjects, in order."""

    lex: Lexicon
    mentions: list[Mention]
    # (char, speaker, role group, is a person)
    named: list[tuple[int, Speaker, str | None, bool]] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)  # person subjects (char, name)
    # The document's entities, read once: ``doc.ents`` builds them all on every
    # access, and a speaker asked for them up to four times per cue, which made
    # a long text quadratic (benchmarks/bench_quotes.py --long). Entities are
    # sorted and do not overlap, so a range of them is found by bisection.
    ents: list = field(default_factory=list)
    _ent_starts: list[int] = field(default_factory=list)  # token offsets
    _ent_chars: list[int] = field(default_factory=list)  # character offsets
    # Mentions sorted by start, and the largest end among the first k of them,
    # so a lookup starts at the first mention that can reach the span.
    _mention_starts: list[int] = field(default_factory=list)
    _reach: list[int] = field(default_factory=list)
    _person_chars: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, doc, lex: Lexicon, mentions: list[Mention]) -> SpeakerIndex:
        index = cls(lex, sorted(mentions, key=lambda m: m.start))
        index.ents = list(doc.ents)
        index._ent_starts = [e.start for e in index.ents]
        index._ent_chars = [e.start_char for e in index.ents]
        index._mention_starts = [m.start for m in index.mentions]
        reach = -1
        for m in index.mentions:
            reach = max(reach, m.end)
            index._reach.append(reach)
        for ent in index.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent.root.dep_ in ("nsubj", "nsubjpass", "appos"):
                index.persons.append((ent.start_char, ent.text))
        index._person_chars = [at for at, _name in index.persons]
        return index

    # -- entities -------------------------------------------------------
    def ent_at(self, i: int):
        """The entity that holds token ``i``, or None."""
        k = bisect_right(self._ent_starts, i) - 1
        if k >= 0 and self.ents[k].start <= i < self.ents[k].end:
            return self.ents[k]
        return None

    def ents_within(self, start: int, end: int) -> list:
        """Entities wholly inside characters ``[start, end)``, in order."""
        out = []
        for k in range(bisect_left(self._ent_chars, start), len(self.ents)):
            ent = self.ents[k]
            if ent.end_char > end:
                break  # entities do not overlap: every later one ends later too
            out.append(ent)
        return out

    def ents_starting(self, start: int, end: int) -> list:
        """Entities that start at a character in ``[start, end)``, in order."""
        return self.ents[bisect_left(self._ent_chars, start):bisect_left(self._ent_chars, end)]

    # -- mentions -------------------------------------------------------
    def actor_in(self, start: int, end: int) -> Actor | None:
        best = None
        # only mentions starting at start - 1 or later qualify
        for k in range(bisect_left(self._mention_starts, start - 1), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= end:
                break
            if m.end > start and m.start >= start - 1 and (
                    best is None or (m.end - m.start) > (best.end - best.start)):
                best = m
        return best.actor if best else None

    def country_in(self, start: int, end: int) -> str | None:
        # every mention before the first whose running largest end passes
        # ``start`` ends at or before it, so none of them qualifies
        for k in range(bisect_right(self._reach, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start >= end:
                break
            if m.end > start and m.actor.country:
                return m.actor.country
        return None

    # -- resolution -----------------------------------------------------
    def _last_person(self, pos: int, group: str | None = None, country: str | None = None) -> Speaker | None:
        best_at, best = -1, None
        for at, sp, g, is_person in reversed(self.named):
            if at >= pos or not is_person:
                continue
            if group and g != group:
                continue
            if country and sp.country and sp.country != country:
                continue
            best_at, best = at, sp
            break
        if group is None:
            for at, name in reversed(self.persons):
                if best_at < at < pos:
                    if best is not None and best.name and best.name.split()[-1] == name.split()[-1]:
                        break
                    return Speaker(name=name, actor=self.actor_in(at, at + len(name)))
                if at < pos:
                    break
        return best

    def _next_person(self, pos: int, limit: int) -> Speaker | None:
        """A person subject shortly after ``pos`` ("North Korea's envoy ... Ambassador Song Kim said")."""
        k = bisect_right(self._person_chars, pos)
        if k < len(self.persons) and self.persons[k][0] <= limit:
            at, name = self.persons[k]
            return Speaker(name=name, actor=self.actor_in(at, at + len(name)))
        return None

    def _last_group(self, pos: int, head_lemma: str | None = None) -> Speaker | None:
        for at, sp, g, is_person in reversed(self.named):
            if at < pos and not is_person and (head_lemma is None or g == head_lemma):
                return sp
        return None

    def expand_surname(self, name: str, pos: int) -> str:
        if " " in name:
            return name
        for at, sp, _g, is_person in reversed(self.named):
            if at < pos and is_person and sp.name and sp.name.split()[-1] == name:
                return sp.name
        for at, full in reversed(self.persons):
            if at < pos and full.split()[-1] == name:
                return full
        return name

    def speaker(self, head, remember: bool = True, split_conj: bool = False) -> Speaker | None:
        """Build (and remember) the speaker whose phrase is headed by ``head``."""
        if head is None:
            return None
        doc = head.doc
        low = head.lower_
        pos = head.idx
        if head.pos_ == "PRON" or low in _PERSON_PRON:
            if low in _PERSON_PRON:
                return self._last_person(pos)
            if low in _GROUP_PRON:
                return self._last_group(pos)
            return None
        if head.lemma_.lower() in self.lex.cues["document"]:
            owner = _document_owner(head)
            if owner is not None:
                head = owner
        toks = phrase_tokens(head, split_conj)
        if not toks:
            return None  # the head was only punctuation (a stray quote mark the parser made a subject)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        # an apposition that names a person: "the spokesperson ..., Ambassador Shafqat Ali Khan"
        appos = [c for c in head.children if c.dep_ == "appos"]
        role_tok = next((t for t in toks if t.lemma_.lower() in self.lex.roles), None)
        role = role_tok.lemma_.lower() if role_tok is not None else None
        group = self.lex.roles.get(role) if role else None
        name = None
        person = None
        persons = [e for e in self.ents_within(start, end) if e.label_ == "PERSON"]
        # the PERSON that heads the phrase, else one in an apposition, else the first
        person = next((e for e in persons if e.start <= head.i < e.end), None) or next(
            (e for e in persons if any(e.start <= a.i < e.end for a in appos)), None) or (
            persons[0] if persons else None)
        if person is None:
            for a in appos + [head]:
                if a.pos_ == "PROPN" and a.ent_type_ in ("", "PERSON", "WORK_OF_ART"):
                    run = _propn_run(a)
                    person = doc[run[0].i: run[-1].i + 1]
                    break
        kind = "person"
        if person is not None and not _is_org_ent(person):
            words = [t for t in person if t.lemma_.lower() not in self.lex.roles
                     and t.lower_ not in ("mr.", "mrs.", "ms.", "dr.", "lieutenant", "general", "ambassador")]
            name = (doc[words[0].i: words[-1].i + 1].text if words else person.text)
            name = self.expand_surname(name, pos)
        else:
            kind = "group"
            ent = self.ent_at(head.i)
            ent = ent if ent is not None and ent.label_ in _ORG_LABELS else None
            definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in head.children)
            has_proper = any(t.pos_ == "PROPN" for t in toks)
            named_appos = next((a for a in appos if a.pos_ == "PROPN"), None)
            if role and head.lemma_.lower() in self.lex.roles and (definite or has_proper):
                resolved = self._last_person(pos, group, self.country_in(start, end))
                if resolved is None:
                    resolved = self._next_person(pos, head.sent.end_char + 250)
                if resolved is not None:
                    return resolved
            if ent is None and not has_proper and definite:
                resolved = self._last_group(pos, head.lemma_.lower())
                if resolved is not None:
                    return resolved
            if named_appos is not None:
                a_ent = self.ent_at(named_appos.i)
                run = _propn_run(named_appos)
                name = a_ent.text if a_ent is not None else doc[run[0].i: run[-1].i + 1].text
            elif ent is not None and ent.label_ in ("ORG", "FAC") and ent.root is head:
                name = ent.text
            elif head.pos_ != "PROPN" and _propn_run_children(head):
                run = _propn_run_children(head)
                name = doc[run[0].i: run[-1].i + 1].text
            else:
                name = doc_text(doc)[start:end]
            if name.lower().startswith("the "):
                name = name[4:]
        org = None
        for ent in self.ents_starting(start, end):
            if ent.label_ == "ORG" and _strip_the(ent.text) != name:
                org = ent.text
        country = self.country_in(start, end)
        actor = self.actor_in(*(_span_of(person) if person is not None else (start, end)))
        if actor is not None and actor.country and not country:
            country = actor.country
        sp = Speaker(name=name, role=role, org=org, country=country, actor=actor)
        if remember:
            # people are remembered by role group, groups by head noun ("the agency")
            self.named.append((pos, sp, group if kind == "person" else head.lemma_.lower(),
                               kind == "person"))
        return sp


def _strip_the(s: str) -> str:
    return s[4:] if s.lower().startswith("the ") else s


def _span_of(span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _is_org_ent(span) -> bool:
    return any(t.ent_type_ in ("ORG", "GPE", "NORP") for t in span) and not any(
        t.ent_type_ == "PERSON" for t in span)


def _propn_run(tok) -> list:
    run = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < tok.i]
    run = [t for t in run if all(tok.doc[k].pos_ == "PROPN" for k in range(t.i, tok.i))]
    return sorted(run, key=lambda t: t.i) + [tok] if tok.pos_ == "PROPN" else []


def _propn_run_children(head) -> list:
    """'state-run KCNA news agency' → [KCNA]: proper-noun modifiers of a common noun."""
    run = [t for t in head.subtree if t.pos_ == "PROPN" and t.i < head.i and t.dep_ in ("compound", "nmod", "amod")]
    return run


def _document_owner(head):
    """'a statement from the ISPR' → ISPR; 'the U.S. statement' → U.S.; 'ISPR's statement' → ISPR."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (child.pos_ == "PROPN" or child.ent_type_):
            return child
    return None
