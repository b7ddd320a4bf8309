"""Step 1 of the events stage: propose candidate events.

The rule coder (``extract.rule_events``, permissive) reads every verb and
event noun its lexicon knows; each reading is a candidate, and so is every
other (source, target) pairing of the actors its sentence names (or none):
the rule coder's pair is often one role off, and the model chooses.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import fields, replace
from pathlib import Path

from ..errors import DataFileError
from ..models import PLOVER_TYPES, Event, Mention
from .syntax import token_table

# Sentences naming more actors than this pair only the nearest ones with a
# trigger: the pairings grow with the square of the count.
MAX_ACTORS = 6
# A sentence naming fewer actors than this also pairs the last ones of the
# sentence before ("Russia denies it", "The group said ..."): a fifth of the
# gold tuples missing from the candidates name an actor of the previous sentence.
FEW_ACTORS = 2
PREV_ACTORS = 2
_EVENT_FIELDS = tuple(f.name for f in fields(Event))
TRIGGERS = Path(__file__).resolve().parents[1] / "data" / "models" / "events" / "triggers.tsv"


class Candidate:
    """One candidate event: the event as it would be stored, and where it came from.

    ``event`` is the Event itself; a re-pairing builds it only when read
    (most candidates are scored and dropped: building each was a fifth of
    the stage). ``type``, ``source`` and ``target`` are there without it.
    """

    __slots__ = ("_event", "_shared", "_prefix", "origin", "base", "sent", "head", "type", "source", "target")

    def __init__(self, event: Event | None, origin: str, base: Event, sent: int, head,
                 source: Mention | None = None, target: Mention | None = None,
                 shared: dict | None = None, prefix: str = ""):
        # origin: "rule" (the rule coder's reading), "filtered" (one its filters would drop),
        # "lexicon" (a lexicon type of a verb or noun the rules did not read that way),
        # "pair" / "lexpair" (another pairing of the sentence's actors with one of those)
        self._event, self._shared, self._prefix = event, shared, prefix
        self.origin, self.base, self.sent, self.head = origin, base, sent, head  # sent: index in the doc
        self.type = base.type
        self.source, self.target = (event.source, event.target) if event is not None else (source, target)

    @classmethod
    def pairing(cls, shared: dict, prefix: str, origin: str, base: Event, sent: int, head,
                source: Mention | None, target: Mention | None) -> Candidate:
        """A re-pairing of ``base``: ``shared`` holds the fields it shares with its reading
        (not copied: it must not change), ``prefix`` the article and span part of its id."""
        return cls(None, origin, base, sent, head, source, target, shared, prefix)

    @property
    def event(self) -> Event:
        """The event as it would be stored."""
        if self._event is None:
            self._event = Event(**self._shared, source=self.source, target=self.target,
                                id=_pair_id(self._prefix, self.source, self.target, self.type))
            self._shared = None
        return self._event

    def __repr__(self) -> str:
        return f"Candidate({self.event!r}, {self.origin!r}, sent={self.sent})"


def country(m: Mention | None) -> str | None:
    """The code an event's side is scored and deduplicated by (country, else actor code)."""
    if m is None:
        return None
    return m.actor.country or (m.actor.code or "")[:3] or None


def _key(m: Mention | None) -> str | None:
    if m is None:
        return None
    return country(m) or m.actor.name


def _event_id(article_id: str, span: tuple[int, int], src, tgt, typ: str) -> str:
    code = lambda m: "-" if m is None else (m.actor.code or m.actor.country or m.actor.name)  # noqa: E731
    key = f"{article_id}|{span[0]}|{span[1]}|{code(src)}|{code(tgt)}|{typ}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _pair_id(prefix: str, src, tgt, typ: str) -> str:
    """``_event_id`` with the article and span part given (the same id)."""
    s = "-" if src is None else (src.actor.code or src.actor.country or src.actor.name)
    t = "-" if tgt is None else (tgt.actor.code or tgt.actor.country or tgt.actor.name)
    return hashlib.sha1(f"{prefix}{s}|{t}|{typ}".encode("utf-8")).hexdigest()[:20]


def sentence_starts(doc) -> list[int]:
    """Start character of every sentence, in order."""
    return [s.start_char for s in doc.sents]


def sentence_of(starts: list[int], char: int) -> int:
    """Index of the sentence holding a character offset (bisect over ``starts``)."""
    import bisect
    return max(0, bisect.bisect_right(starts, char) - 1)


def head_token(doc, span: tuple[int, int]):
    """The syntactic head of the text at a character span."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return doc[0]
    return sp.root


def propose(doc, article, mentions: list[Mention], times, places, speech, settings=None) -> list[Candidate]:
    """Every candidate event of an article (the rule readings first, then re-pairings)."""
    from .extract import rule_events

    readings = rule_events(doc, article, mentions, times, places, speech, settings, permissive=True)
    starts = sentence_starts(doc)
    sents = list(doc.sents)
    ranked = article_countries(mentions, places or ())
    focus = ranked[0] if ranked else None
    second = ranked[1] if len(ranked) > 1 else None
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        k = sentence_of(starts, m.start)
        if _key(m) is not None:
            placed = _placed(m, focus)
            by_sent.setdefault(k, []).append(placed)
            if placed is not m and second is not None:
                by_sent[k].append(_placed(m, second, "placed2:"))
    for k, extra in _implicit_mentions(sents, mentions, focus).items():
        by_sent.setdefault(k, []).extend(extra)
    out: list[Candidate] = []
    have: set[tuple] = set()
    groups: dict[tuple, Event] = {}
    heads: dict[tuple, object] = {}
    dyad_of: dict[int, tuple] = {}
    for e in readings:
        k = sentence_of(starts, e.span[0])
        g = (e.trigger_span, e.type, e.status)
        if g not in heads:
            heads[g] = head_token(doc, e.trigger_span)
        tup = (k, e.type, _key(e.source), _key(e.target))
        if tup in have:
            continue
        have.add(tup)
        groups.setdefault(g, e)
        origin = "filtered" if any(r.startswith("drop:") for r in e.rules) else "rule"
        out.append(Candidate(e, origin, e, k, heads[g]))
    covered = {(c.sent, c.type) for c in out}
    for base, head in _lexicon_readings(doc, article, times, sents, by_sent, covered, speech):
        k = sentence_of(starts, base.span[0])
        g = (base.trigger_span, base.type, "lexicon")
        heads[g] = head
        groups[g] = base
        have.add((k, base.type, None, None))
        out.append(Candidate(base, "lexicon", base, k, head))
    for g, base in groups.items():
        k = sentence_of(starts, base.span[0])
        head = heads[g]
        origin = "lexpair" if g[2] == "lexicon" else "pair"
        actors: dict[str, Mention] = {}
        twins: dict[str, Mention] = {}  # a second actor of the same country (a domestic dyad)
        dyads: dict[str, Mention] = {}  # else the country itself as the other side (see _dyad_twin)
        for m in sorted(by_sent.get(k, []), key=lambda m: abs(m.start - base.trigger_span[0])):
            first = actors.setdefault(_key(m), m)
            if first is not m and first.actor.name != m.actor.name:
                twins.setdefault(_key(m), m)
        near = list(actors.values())[:MAX_ACTORS]
        for m in near:
            if _key(m) not in twins and country(m):
                if id(m) not in dyad_of:  # (one copy per mention, not per reading)
                    dyad_of[id(m)] = (m, _dyad_twin(m))
                dyads[_key(m)] = dyad_of[id(m)][1]
        if len(near) < FEW_ACTORS and k > 0:
            for m in reversed(by_sent.get(k - 1, [])):
                if _key(m) not in actors and len(near) < FEW_ACTORS + PREV_ACTORS:
                    actors[_key(m)] = m
                    near.append(m)
        sides = [None] + near + [twins.get(_key(m)) or dyads[_key(m)] for m in near
                                 if _key(m) in twins or _key(m) in dyads]
        keys = [_key(m) for m in sides]
        # (the fields every pairing shares, once: ``replace`` per pairing was a tenth of the stage)
        shared = {f: getattr(base, f) for f in _EVENT_FIELDS}
        shared.update(reciprocal=False, rules=base.rules + ("pair:model",))
        del shared["source"], shared["target"], shared["id"]
        prefix = f"{base.article_id}|{base.trigger_span[0]}|{base.trigger_span[1]}|"
        for s, ks in zip(sides, keys):
            for t, kt in zip(sides, keys):
                if s is not None and t is not None and (s is t or (ks == kt and (
                        twins.get(ks, dyads.get(ks)) not in (s, t)))):
                    continue
                tup = (k, base.type, ks, kt)
                if tup in have:
                    continue
                have.add(tup)
                out.append(Candidate.pairing(shared, prefix, origin, base, k, head, s, t))
    return out


def _dyad_twin(m: Mention) -> Mention:
    """The other side of a domestic dyad the sentence names only one side of.

    A third of the annotated events are X -> X ("Police arrested a suspect",
    "Biden and Sanders agreed" with Sanders unresolved, "charged" by an
    unnamed court): the other actor is a role noun, a person the actors stage
    missed, or implicit. Offering the actor's country as the other side (a
    copy of the mention, ``rule = "dyad:…"``) lets the model weigh the pair;
    a tuple is deduplicated, so each country adds one pairing per reading.
    """
    return replace(m, rule="dyad:" + m.rule)


# Implicit actors per sentence: role nouns ("police", "protesters", "lawyers")
# the actors stage leaves unresolved, placed in the article's main country.
MAX_IMPLICIT = 2
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})  # (a noun describing another)


def focus_country(mentions: list[Mention]) -> str | None:
    """The country an article names most (ties: the first named), or None."""
    ranked = article_countries(mentions)
    return ranked[0] if ranked else None


def article_countries(mentions: list[Mention], places=()) -> list[str]:
    """The countries an article's actors belong to, most named first (ties: the first named),
    then those of its places (``PlaceMention``) no actor names, in the same order.

    The places matter where no actor is placed: "Police in Boston ..." names
    no country, but Boston is in the gazetteer.
    """
    from collections import Counter

    out: list[str] = []
    for items, get in ((mentions, lambda m: m.actor.country), (places, lambda p: p.place.country)):
        counts = Counter(get(m) for m in items if get(m))
        first: dict[str, int] = {}
        for m in items:
            if get(m):
                first.setdefault(get(m), m.start)
        out += [c for c in sorted(counts, key=lambda c: (-counts[c], first[c])) if c not in out]
    return out


def _placed(m: Mention, focus: str | None, label: str = "placed:") -> Mention:
    """A person or organisation the actors stage could not place, placed in the article's
    main country (annotators code "Judge Jackson" in a US story as USA); ``rule`` says so.

    Two-sided stories (Greece and Turkey, the US and Iran) name the people of
    both: on the training documents, of the unplaced people and organisations
    whose country the annotators coded and the candidates lacked, about a third
    belong to the article's second most named country against a few to its
    first (a first-country one is already placed). So each is also offered
    placed there, ``label = "placed2:"``; the model weighs the two.
    """
    if focus is None or m.actor.country or m.actor.code or m.actor.kind not in ("person", "organisation"):
        return m
    actor = replace(m.actor, country=focus)
    return replace(m, actor=actor, rule=label + m.rule)


def _implicit_mentions(sents, mentions: list[Mention], focus: str | None) -> dict[int, list[Mention]]:
    """Role nouns no mention covers, as mentions of the article's most named country.

    Annotators code "The attacker was shot dead by police" in a French story
    as France → France; the actors stage names no actor there. Each such
    noun (a role of ``roles.tsv`` read from its lemma) becomes a candidate
    side with ``rule="implicit"``; the model learns when to believe it.
    """
    from ..actors.data import load_roles
    from ..models import Actor
    from ..nlp import doc_text

    if focus is None:
        return {}
    roles = load_roles().exact
    covered = [(m.start, m.end) for m in mentions]
    out: dict[int, list[Mention]] = {}
    tt = token_table(sents[0].doc) if sents else None
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            if tt.pos[i] != "NOUN" or len(out.get(k, ())) >= MAX_IMPLICIT:
                continue
            sector = roles.get((tt.lemma_lower[i],)) or roles.get((tt.lower[i],))
            if not sector:
                continue
            tok = sent.doc[i]
            if any(a <= tok.idx < b for a, b in covered):
                continue
            if tok.dep_ in _MODIFIER_DEPS and _names_its_own_actor(tok.head, roles, covered):
                # a role noun describing a noun that is itself the actor names no one of its
                # own: "the Palestinian militant group Hamas", "government soldiers" (but
                # "attacks on government bases" keeps the government)
                continue
            left = min((t.idx for t in tok.subtree if t.i <= tok.i and t.dep_ in ("det", "amod", "compound")),
                       default=tok.idx)
            end = tok.idx + len(tok.text)
            actor = Actor(name=f"{tok.lemma_.lower()} ({focus})", code=f"{focus}{sector}", country=focus,
                          sector=sector, kind="group")
            out.setdefault(k, []).append(Mention(text=doc_text(sent.doc)[left:end], start=left, end=end,
                                                 actor=actor, rule="implicit"))
    return out


def _names_its_own_actor(head, roles, covered) -> bool:
    """Is a noun an actor itself: a role noun, or named by an actor mention in apposition?"""
    if roles.get((head.lemma_.lower(),)) or roles.get((head.lower_,)):
        return True
    return any(c.dep_ == "appos" and any(a <= c.idx < b for a, b in covered) for c in head.children)


def _lexicon_readings(doc, article, times, sents, by_sent, covered, speech=None):
    """(event, head) for each lexicon type of a verb or noun that no rule reading gave its sentence.

    The rule coder reads a predicate one way, when its patterns match; the
    lexicon often knows other readings ("pressed" COERCE or REQUEST). Only
    sentences naming an actor are read; each (sentence, type) once.
    """
    from .extract import _event_date, _speech_links
    from .lexicon import default_lexicon
    from .status import event_status

    lex = default_lexicon()
    tt = token_table(doc)
    for k, sent in enumerate(sents):
        if not by_sent.get(k):
            continue
        span = (sent.start_char, sent.end_char)
        for i in range(sent.start, sent.end):
            pos, lemma = tt.pos[i], tt.lemma_lower[i]
            if pos == "VERB":
                entries, nominal = lex.verb_entries(lemma), False
            elif pos == "NOUN":
                entries, nominal = lex.noun_entries(lemma), True
            else:
                continue
            learned = learned_triggers().get((lemma, pos), ())
            tok = None  # (made only for a reading: most words have none)
            for entry in list(entries) + list(learned):
                if entry.type == "-" or (k, entry.type) in covered:
                    continue
                covered.add((k, entry.type))
                if tok is None:
                    tok = doc[i]
                status, srule = event_status(tok, entry.type, nominal=nominal)
                value, precision, date_text, drule = _event_date(tok, times, article.published)
                tspan = (tok.idx, tok.idx + len(tok.text))
                rules = ("lex:any", f"lexsrc:{entry.source}", f"status:{srule}", drule) + (
                    ("nominal",) if nominal else ()) + ((f"learned:{entry.cameo}",) if entry.source == "learned" else ())
                cameo = entry.cameo if entry.source != "learned" and entry.cameo != "---" else None
                # the claim the reading lies inside, as the rule readings carry it (the status
                # model may still call it claimed)
                claim_id = _speech_links(speech, article.text, tspan[0], tspan[1], entry.type)[0]
                yield Event(
                    id=_event_id(article.id, tspan, None, None, entry.type), type=entry.type,
                    mode=entry.mode, cameo=cameo or None,
                    source=None, target=None, date=value, date_precision=precision, date_text=date_text,
                    location=None, status=status, attributed_to=None, trigger=tok.text,
                    trigger_span=tspan, sentence=article.text[span[0]:span[1]], span=span,
                    confidence=0.0, article_id=article.id, claim_id=claim_id, rules=rules), tok


@functools.lru_cache(maxsize=1)
def learned_triggers(path: str | None = None) -> dict[tuple[str, str], tuple]:
    """(lemma, POS) → lexicon entries read from the training annotations (``triggers.tsv``).

    ``make train`` counts, over the training documents only, how often a verb
    or noun lies inside the evidence of a gold event of each type; a reading
    common enough becomes a candidate the lexicon lacks ("intercept" COERCE,
    "bar" REJECT). The model decides whether to keep it. The entry's
    ``cameo`` field carries the share of the lemma's uses that were events of
    the type, bucketed, as a feature. No file: no learned readings.
    """
    from .lexicon import Entry

    p = Path(path) if path else TRIGGERS
    if not p.is_file():
        return {}
    out: dict[tuple[str, str], list] = {}
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if n == 1 or not line.strip():
            continue  # header
        parts = line.split("\t")
        if len(parts) != 5 or parts[2] not in PLOVER_TYPES:
            raise DataFileError(f"{p} line {n}: expected lemma, pos, PLOVER type, count, share; "
                                "rebuild it with `make train`")
        lemma, pos, typ, _count, share = parts
        bucket = "high" if float(share) >= 0.5 else ("mid" if float(share) >= 0.3 else "low")
        out.setdefault((lemma, pos), []).append(
            Entry(kind="verb" if pos == "VERB" else "noun", lemma=lemma, type=typ, mode=None,
                  cameo=bucket, source="learned"))
    return {k: tuple(v) for k, v in out.items()}
