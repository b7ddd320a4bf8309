"""extract_events: parsed article + actors + times + places + speech → [Event]."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
from datetime import date

from ..models import Article, Event, Mention, PlaceMention, Speech, TimeRef
from ..nlp import doc_text
from ..quotes.lexicon import lexicon as _cue_lexicon
from .calibration import confidence_for
from .candidates import country, propose
from .complements import demand_candidate, inherit_targets
from .decode import _type_threshold, decode, select, status_of
from .detect import refine_mode, symmetric, verb_candidate
from .domestic import fill_domestic
from .features import feature_groups, status_features
from .lexicon import Lexicon, default_lexicon
from .model import Scorer, load_model
from .nouns import absorb_objects, noun_candidate
from .roles import ActorIndex, actor_mentions
from .status import SPEECH_VERBS, attribution, event_status
from .syntax import Candidate, TokenTable, token_table

# Types that are worth keeping when the text names no actor at all (a bomb
# went off; people protested): PLOVER needs no recipient for them.
_ACTORLESS_OK = frozenset({"ASSAULT", "PROTEST"})
_FUTURE_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_FUTURE_THREAT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
# Speech verbs and claim nouns: the quotes stage's cue vocabulary (data/quotes/cues.tsv).
_SPEECH_LEMMAS = SPEECH_VERBS
_CLAIM_NOUNS = _cue_lexicon().cues["claim_noun"]

try:  # the temporal and places stages are optional at import time
    from ..temporal import governing_time as _governing_time  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the other stage's progress
    _governing_time = None
try:
    from ..places import event_location as _event_location  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _event_location = None


def _discarded(words: list[str], lex: Lexicon, scope: str) -> bool:
    """Does a discard phrase of this scope occur in the lowercased word list?"""
    index = lex.discard_index
    for i, w in enumerate(words):
        for phrase, sc in index.get(w, ()):
            if sc == scope and tuple(words[i:i + len(phrase)]) == phrase:
                return True
    return False


def _idiom_tokens(sent, lex: Lexicon, table: TokenTable | None = None) -> set[int]:
    """Token indices inside an idiom ("a war of words") — never triggers."""
    tt = table if table is not None else token_table(sent.doc)
    lower, lemma, end = tt.lower, tt.lemma_lower, sent.end
    blocked: set[int] = set()
    for i in range(sent.start, end):
        for key in (lower[i], lemma[i]):
            for idiom in lex.idiom_index.get(key, ()):
                n = len(idiom)
                if i + n <= end and all(lower[i + k] == idiom[k] or lemma[i + k] == idiom[k]
                                        for k in range(1, n)):
                    blocked.update(range(i, i + n))
    return blocked


def _event_date(token, times: list[TimeRef], published: date | None):
    if _governing_time is not None and times:
        try:
            ref, rule = _governing_time(token, times, published)
        except Exception:  # a bug in another stage must not lose the event
            ref, rule = None, "temporal-error"
        if ref is not None and ref.value:
            return ref.value, ref.precision, ref.text, f"date:{rule}"
    elif times:
        # no governing_time yet: the expression inside the predicate's clause
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        inside = [t for t in times if lo <= t.start and t.end <= hi and t.value]
        if inside:
            ref = min(inside, key=lambda t: abs(t.start - token.idx))
            return ref.value, ref.precision, ref.text, "date:clause"
    if published is None:
        return None, "unknown", None, "date:none"
    return published.isoformat(), "unknown", None, "date:published"


def _event_place(token, places: list[PlaceMention], doc):
    if _event_location is None or not places:
        return None, ""
    try:
        place, rule = _event_location(token, places, doc)
    except Exception:
        return None, "places-error"
    return place, f"place:{rule}" if place is not None else ""


def _code(m: Mention | None) -> str:
    if m is None:
        return "-"
    return m.actor.code or m.actor.country or m.actor.name


def _event_id(article_id: str, span: tuple[int, int], src: Mention | None, tgt: Mention | None,
              typ: str) -> str:
    key = f"{article_id}|{span[0]}|{span[1]}|{_code(src)}|{_code(tgt)}|{typ}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _pairs(cand: Candidate, index: ActorIndex) -> tuple[list[tuple], bool]:
    """(source, target) mention pairs for a candidate, and whether they are reciprocal."""
    sources: list[Mention] = []
    for t in cand.sources:
        for m in actor_mentions(t, index):
            if all(m.actor != s.actor for s in sources):
                sources.append(m)
    avoid = sources[0].actor if sources else None
    targets: list[Mention] = []
    for t in cand.targets:
        for m in actor_mentions(t, index, avoid=avoid):
            if all(m.actor != x.actor for x in targets):
                targets.append(m)
    between: list[Mention] = []
    for t in cand.pairs_within:
        for m in actor_mentions(t, index, avoid=avoid):
            if all(m.actor != x.actor for x in between):
                between.append(m)
    reciprocal = False
    if between and not targets:
        if sources:
            targets = between
        elif len(between) >= 2:
            sources, targets, reciprocal = between, between, True
    if not targets and len(sources) >= 2 and symmetric(cand):
        targets, reciprocal = sources, True
    pairs = []
    for s, t in itertools.product(sources or [None], targets or [None]):
        if s is not None and t is not None and s.actor == t.actor:
            continue
        pairs.append((s, t))
    if not pairs and sources and targets:  # every pair was reflexive
        pairs = [(s, None) for s in sources]
    return pairs, reciprocal


# Claims whose cue only reports ("KCNA has reported that ...") attribute the
# content rather than dispute it: the event stays reported, with its source.
_NEUTRAL_CUES = frozenset({"report", "reported", "reports", "say", "said", "says", "announce",
                           "announced", "state", "stated", "tell", "told", "confirm", "confirmed",
                           "according to", "add", "added"})


def _content_span(text: str, span: tuple[int, int], content: str) -> tuple[int, int]:
    """Offsets of a claim's or response's content inside its sentence span (else the span)."""
    if content:
        at = text.find(content, span[0], span[1] + len(content))
        if at >= 0:
            return at, at + len(content)
    return span


def _speech_links(speech: Speech | None, text: str, start: int, end: int, typ: str):
    """(claim_id, link, claimant) the quotes stage gives for an event trigger at [start, end).

    link is "claim" for an event inside a claim's content (it becomes
    ``claimed``), "report" when the claim only reports it (stays
    ``reported``), "claim-act" for the accusation that makes the claim,
    "response" for the REJECT (or confirmation) that answers one, and
    "denied-response" for an event inside a denial's content.
    """
    if speech is None:
        return None, None, None
    for r in speech.responses:
        if not (r.span[0] <= start and end <= r.span[1]):
            continue
        lo, hi = _content_span(text, r.span, r.text)
        if typ == "REJECT" or not (lo <= start and end <= hi) or r.kind != "denial":
            return r.claim_id, "response", r.responder
        return r.claim_id, "denied-response", r.responder
    act = None  # the claim whose content follows an accusing trigger most closely
    for c in speech.claims:
        if not (c.span[0] <= start and end <= c.span[1]):
            continue
        lo, hi = _content_span(text, c.span, c.text)
        if lo <= start and end <= hi:
            return c.id, ("report" if c.cue.lower() in _NEUTRAL_CUES else "claim"), c.claimant
        if typ in ("ACCUSE", "THREATEN", "REQUEST") and lo >= end and (act is None or lo < act[0]):
            act = (lo, c)
    if act is not None:
        return act[1].id, "claim-act", act[1].claimant
    return None, None, None


def _accusers(rejecter: Mention | None, prior: list[Event]) -> list[Mention]:
    """Who made 'the claims' a denial answers: accusers of the rejecter, else the last accuser."""
    accuses = [e for e in prior if e.type == "ACCUSE" and e.source is not None
               and e.mode != "investigate"]
    if not accuses:
        return []
    if rejecter is not None:
        mine = [e.source for e in accuses if e.target is not None and (
            e.target.actor.country and e.target.actor.country == rejecter.actor.country)]
        if mine:
            out: list[Mention] = []
            for m in mine:  # one per accusing country: "US" and "the State Department" are one accuser
                if all((m.actor.country or m.actor.code) != (o.actor.country or o.actor.code) for o in out):
                    out.append(m)
            return out
    return [accuses[-1].source]


def rule_events(doc, article: Article, mentions: list[Mention], times: list[TimeRef],
                places: list[PlaceMention], speech: Speech | None, settings=None,
                permissive: bool = False) -> list[Event]:
    """The rule coder's reading: every event its lexicon and parse rules find.

    With ``permissive`` the readings its filters would drop (uncurated
    PETRARCH verbs without both roles, actorless nouns, unresolved actors…)
    are kept, marked with a ``drop:<why>`` rule: the learned coder
    (``candidates``) weighs them instead of losing them.
    """
    lex = default_lexicon()
    min_conf = 0.0 if permissive else (getattr(settings, "min_confidence", 0.0) or 0.0)
    index = ActorIndex(doc, list(mentions))
    tt = token_table(doc)
    words, pos, lemma = tt.lower, tt.pos, tt.lemma
    if _discarded(words, lex, "story"):
        return []
    title = (article.title or "").strip().lower()
    text = doc_text(doc)  # (``Span.text`` joins its tokens anew at every call)
    events: list[Event] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        stext = text[sent.start_char:sent.end_char].strip()
        if not stext or (title and stext.lower() == title):
            continue  # a repeated headline is not a second report
        if _discarded(words[sent.start:sent.end], lex, "sentence"):
            continue
        blocked = _idiom_tokens(sent, lex, tt)
        consumed: set[int] = set()
        cands: list[Candidate] = []
        # (only the tokens the detectors can read: a verb, "concerned"; then a noun. Making
        # a Token object of every word was a tenth of the stage)
        for i in range(sent.start, sent.end):
            if i in blocked or (pos[i] != "VERB" and (pos[i] != "ADJ" or lemma[i] != "concerned")):
                continue
            tok = doc[i]
            c = verb_candidate(tok, lex, consumed, sent) or demand_candidate(tok)
            if c is not None:
                cands.append(c)
        absorb_objects(cands, consumed, lex)
        for i in range(sent.start, sent.end):
            if i in blocked or i in consumed or pos[i] not in ("NOUN", "PROPN"):
                continue
            c = noun_candidate(doc[i], lex)
            if c is not None:
                cands.append(c)
        cands = _drop_consequences(cands)
        inherit_targets(cands)
        made: dict[int, list[Event]] = {}
        for cand in cands:
            made[cand.head.i] = _events_for(cand, sent, article, index, times, places, speech, lex,
                                            events, seen, permissive)
            events.extend(made[cand.head.i])
        _targets_from_aims(cands, made, events)
    if not permissive:
        events = _drop_partial(events)
    if min_conf > 0:
        events = [e for e in events if e.confidence >= min_conf]
    return events


def _targets_from_aims(cands: list[Candidate], made: dict[int, list[Event]], events: list[Event]) -> None:
    """'opened the bridge to allow deliveries to Afghanistan': the aim of the same
    kind of act names whom the act was for; give it to the act (in place).
    """
    for cand in cands:
        mine = made.get(cand.head.i) or []
        # (a recipient guessed by the domestic rule yields to one the text names)
        if not mine or any(e.target is not None and "target:domestic" not in e.rules for e in mine):
            continue
        for c in cand.head.children:
            aims = made.get(c.i) if c.dep_ == "advcl" else None
            if not aims or not any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children):
                continue
            # a protest's demand names whom it is against ("hunger strike to demand
            # the resignation of President X": PLOVER 3.12, the demand is the topic)
            kinds = {mine[0].type} | ({"REQUEST"} if mine[0].type == "PROTEST" else set())
            targets = [a.target for a in aims if a.type in kinds and a.target is not None]
            if not targets:
                continue
            for e in mine:
                at = events.index(e)
                events[at] = replace(e, target=targets[0],
                                     rules=tuple(r for r in e.rules if r != "target:domestic") + ("target:purpose",),
                                     id=_event_id(e.article_id, e.trigger_span, e.source, targets[0], e.type))
            break


def _drop_consequences(cands: list[Candidate]) -> list[Candidate]:
    """Drop "…, killing 20 people" when it hangs on an act of the same type: one event.

    "Sudanese rebels shelled Juba, killing about 20 people": the killing is
    what the shelling did, not a second assault (its victims, unnamed, would
    otherwise become a second, domestic dyad).
    """
    by_head = {c.head.i: c for c in cands}
    out = []
    for c in cands:
        h = c.head
        parent = by_head.get(h.head.i) if h.dep_ in ("advcl", "conj") and h.tag_ == "VBG" else None
        if parent is not None and parent is not c and parent.entry.type == c.entry.type \
                and (parent.targets or parent.pairs_within):
            continue  # (a parent with no target keeps its consequence: the victims name it)
        out.append(c)
    return out


def _placed(m: Mention | None) -> bool:
    """Does the mention give its actor's country or actor code?"""
    return m is not None and bool(m.actor.country or m.actor.code)


def _resolved(m: Mention | None) -> bool:
    """Does the mention name an actor that event data can code (a country or an actor code)?"""
    return m is not None and bool(m.actor.country or m.actor.code
                                  or m.actor.kind in ("organisation", "organization", "group"))


def _side(m: Mention | None) -> str | None:
    return None if m is None else (m.actor.country or m.actor.code or m.actor.name)


def _drop_partial(events: list[Event]) -> list[Event]:
    """Drop an event whose missing side another event of the sentence fills.

    "telephoned Kozyrev to discuss efforts" gives CONSULT USA→RUS and a
    second CONSULT USA→(none); the second says nothing the first does not.
    Events with the same type, status and known side are compared; the aim
    of a purpose clause (status rule ``purpose``) is compared whatever the
    full event's status, since the act done already covers what it was for.
    """
    full: set[tuple] = set()
    for e in events:
        if e.source is not None and e.target is not None:
            for st in (e.status, "*"):
                full.add((e.span[0], e.type, st, "s", _side(e.source)))
                full.add((e.span[0], e.type, st, "t", _side(e.target)))
    # "killed 46 civilians in an attack on a village": an actorless event next
    # to one of the same type and status with an actor is that event again
    with_actor = {(e.span[0], e.type, e.status) for e in events
                  if e.source is not None or e.target is not None}
    out = []
    for e in events:
        if e.source is None and e.target is None and (e.span[0], e.type, e.status) in with_actor:
            continue
        st = "*" if any(r.startswith("status:purpose:") for r in e.rules) else e.status
        if e.target is None and e.source is not None and \
                (e.span[0], e.type, st, "s", _side(e.source)) in full:
            continue
        if e.source is None and e.target is not None and \
                (e.span[0], e.type, st, "t", _side(e.target)) in full:
            continue
        out.append(e)
    return out


def _after(value: str | None, precision: str, published: date | None) -> bool:
    """Is an event's resolved day later than the article's publication day?"""
    if not value or published is None or precision != "day":
        return False
    try:
        return date.fromisoformat(value[:10]) > published
    except ValueError:
        return False


def _relative(date_text: str) -> bool:
    """'two days after', 'a week later': anchored on another event, not on the paper's date."""
    words = set(date_text.lower().split())
    return bool(words & {"after", "before", "later", "earlier", "ago", "since"})


_PAST_AUX = frozenset({"had", "has", "have", "was", "were", "did"})


def _past_tense(head) -> bool:
    """Is the predicate (or, for an event noun, the verb governing it) in a past tense?"""
    verb, steps = head, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and steps < 4:
        verb, steps = verb.head, steps + 1
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PAST_AUX for c in verb.children)


def _conditional(head) -> bool:
    """Does an if/unless clause hang on the predicate ("will boycott … unless …")?"""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children) for c in head.children)


def _events_for(cand, sent, article, index, times, places, speech, lex, prior, seen,
                permissive: bool = False) -> list[Event]:
    head = cand.head
    toks = cand.tokens
    tspan = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    trigger = article.text[tspan[0]:tspan[1]] if len(toks) == 1 else " ".join(t.text for t in toks)
    pairs, reciprocal = _pairs(cand, index)
    entry = cand.entry
    rules = list(cand.rules)
    status, srule = event_status(head, entry.type, nominal="nominal" in cand.rules)
    rules.append(f"status:{srule}")
    typ, mode = entry.type, refine_mode(cand, lex)
    value, precision, date_text, drule = _event_date(head, times, article.published)
    if status == "reported" and date_text and _after(value, precision, article.published) \
            and not _relative(date_text) and not _past_tense(head):
        # "talks Tuesday with Ukrainian officials" in Monday's paper: still to come
        status, srule = "planned", "future-date"
        rules.append("status:future-date")
    if srule.startswith("purpose:"):
        pass  # an aim ("visited X to mediate") is not an announcement: no PLOVER future recoding
    elif status == "planned" and typ in _FUTURE_AGREE:
        # PLOVER 3.1: future cooperative actions are coded as AGREE (the intent is the event)
        rules.append(f"plover:future-{typ}-as-AGREE")
        typ, mode = "AGREE", None  # the commitment is coded; the act it promises stays planned
    elif status == "hypothetical" and typ in _FUTURE_AGREE and srule == "modal:would" \
            and head.dep_ == "ccomp" and head.head.lemma_.lower() in _SPEECH_LEMMAS:
        # "said they would meet the mediator if he …": a conditional offer (PLOVER 3.1 AGREE)
        rules.append(f"plover:future-{typ}-as-AGREE")
        typ, mode = "AGREE", None
    elif status == "negated" and typ == "CONCEDE" and srule.startswith("neg:") and \
            head.lemma_.lower() in ("succumb", "yield", "bow", "cave", "capitulate", "give", "bend"):
        # "will not succumb to pressure": refusing to yield (PLOVER REJECT)
        rules.append("plover:refusal-as-REJECT")
        typ, mode, status = "REJECT", None, "reported"
    elif status == "negated" and typ == "AGREE" and srule.startswith("neg:"):
        # "will not accept more refugees", "did not agree to": a refusal (PLOVER REJECT)
        rules.append("plover:refusal-as-REJECT")
        typ, mode, status = "REJECT", None, "reported"
    elif status == "planned" and srule.startswith("future:") and (
            typ in _FUTURE_THREAT or (typ == "PROTEST" and _conditional(head))):
        # PLOVER 2.3: a conflictual act announced for the future is a threat
        # ("will extend the curfew", "would blockade Paris"): one category
        rules.append(f"plover:future-{typ}-as-THREATEN")
        typ, mode, status = "THREATEN", None, "reported"
    elif status == "planned" and typ == "RETREAT" and srule != "governor:agree":
        # ("agreed to withdraw" is the AGREE itself; the withdrawal stays planned)
        # PLOVER 3.4: announcements of future retreats are CONCEDE
        rules.append("plover:future-RETREAT-as-CONCEDE")
        typ, mode, status = "CONCEDE", None, "reported"
    if "lex:petrarch" in rules and not (cand.sources and cand.targets):
        if not permissive:
            return []  # uncurated PETRARCH verbs are too noisy without both roles in the parse
        rules.append("drop:petrarch-roles")
    claim_id, link, claimant = _speech_links(speech, article.text, tspan[0], tspan[1], typ)
    if link:
        rules.append(f"speech:{link}")
    if link == "claim" and status == "reported":
        status = "claimed"
        rules.append("status:speech-claim")
    elif link == "denied-response" and status == "reported":
        status = "denied"
        rules.append("status:speech-denial")
    if typ == "REJECT" and all(t is None for _, t in pairs):
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is not None and obj.lemma_.lower() in _CLAIM_NOUNS:
            new_pairs = []
            for s, _ in pairs:
                for acc in _accusers(s, prior) or [None]:
                    new_pairs.append((s, acc))
            pairs = new_pairs
            rules.append("target:accusers")
    if head.lemma_.lower() in lex.strict and not entry.objects and "light-verb" not in rules \
            and "nominal" not in rules:
        # "helps people learn", "provided details": too broad without two actors
        # the text names (before the domestic rule guesses one)
        kept = [(s, t) for s, t in pairs if _resolved(s) and _resolved(t)]
        if not kept and not permissive:
            return []
        pairs = kept or pairs
        rules.append("strict:both-actors" if kept else "drop:strict")
    place, prule = _event_place(head, places, head.doc)
    if not ("lex:petrarch" in rules or "lex:pattern" in rules):
        # the act's own type decides ("will extend the curfew" is done to the
        # people there, whether coded COERCE or, announced, THREATEN)
        pairs, dom_rule = fill_domestic(pairs, entry.type, cand.sources,
                                        cand.targets + cand.pairs_within, place, prule, head)
        if dom_rule:
            rules.append(dom_rule)
    if "lex:petrarch" in rules or "lex:pattern" in rules:
        # uncurated PETRARCH readings are right about half the time; with both
        # actors placed (a country or code: an unplaced organisation is no
        # evidence) the verb is far more likely a political act
        kept = [(s, t) for s, t in pairs if _placed(s) and _placed(t)]
        if not kept and not permissive:
            return []
        if not kept:
            rules.append("drop:unplaced")
        pairs = kept or pairs
    if "nominal" in rules and not any(_placed(s) or _placed(t) for s, t in pairs):
        # an event noun whose only argument is an unplaced name ("attacks by
        # gunmen", "meetings on security") is background, rarely a codable event
        if not permissive:
            return []
        rules.append("drop:nominal-unplaced")
    if all(not _resolved(s) and not _resolved(t) for s, t in pairs):
        # a person with no known country is no actor of a dyadic event
        if (typ not in _ACTORLESS_OK or "nominal" in rules) and not permissive:
            return []
        rules.append("no-actor")
    attributed, arule = attribution(head, index)
    if arule:
        rules.append(f"attribution:{arule}")
    if attributed is None and link == "report" and claimant is not None:
        attributed = claimant
        rules.append("attribution:speech-report")
    if speech is not None and attributed is None:
        for q in speech.quotes:
            if q.start <= tspan[0] and tspan[1] <= q.end and q.speaker and q.speaker.actor:
                attributed = q.speaker.actor
                rules.append("attribution:quote")
                break
    rules.append(drule)
    if prule:
        rules.append(prule)
    span = (sent.start_char, sent.end_char)
    sentence = article.text[span[0]:span[1]]
    out = []
    for s, t in pairs:
        key = (typ, _code(s), _code(t), sent.start)
        if key in seen:
            continue  # "made a visit" + "visit to": one report per sentence
        seen.add(key)
        roles = "both" if s is not None and t is not None else ("one" if (s or t) else "none")
        conf = confidence_for(cand, roles, status)
        out.append(Event(
            id=_event_id(article.id, tspan, s, t, typ), type=typ, mode=mode,
            cameo=entry.cameo if entry.cameo and entry.cameo != "---" else None,
            source=s, target=t, date=value, date_precision=precision, date_text=date_text,
            location=place, status=status, attributed_to=attributed, trigger=trigger,
            trigger_span=tspan, sentence=sentence, span=span, confidence=conf,
            article_id=article.id, claim_id=claim_id, reciprocal=reciprocal,
            rules=tuple(rules + [f"roles:{roles}"])))
    return out


def extract_events(doc, article: Article, mentions: list[Mention], times: list[TimeRef],
                   places: list[PlaceMention], speech: Speech | None, settings=None) -> list[Event]:
    """Code every political event the article reports, one per (type, source, target) and sentence.

    The named steps: ``candidates.propose`` (the rule coder's readings and
    every re-pairing of its sentence's actors) → ``features.features`` →
    ``model`` (the linear models trained by ``make train``) →
    ``decode.decode`` (which tuples to keep, their status and a date
    consistent with it). Without a model file the rule coder decides alone.
    """
    model = load_model()
    if model is None:
        return rule_events(doc, article, mentions, times, places, speech, settings)
    cands = propose(doc, article, mentions, times, places, speech, settings)
    if not cands:
        return []
    actors: dict[int, set] = {}
    for c in cands:
        for m in (c.source, c.target):
            if m is not None:
                actors.setdefault(c.sent, set()).add(country(m))
    cache: dict = {}
    feats = [feature_groups(c, doc, len(actors.get(c.sent, ())), cache) for c in cands]
    type_model, tuple_model = Scorer(model["type"]), Scorer(model["tuple"])
    p_type = [type_model.prob(f) for f in feats]
    # the tuple model only matters inside a (sentence, type) the type model accepts
    accepted = {(c.sent, c.type) for c, p in zip(cands, p_type)
                if p >= _type_threshold(model["thresholds"], c.origin)}
    p_tuple = [tuple_model.prob(f) if (c.sent, c.type) in accepted else 0.0
               for c, f in zip(cands, feats)]
    keep = set(select([(c.sent, c.type) for c in cands], [c.origin for c in cands], p_tuple, p_type,
                      model["thresholds"]))
    # (status only matters for the kept candidates)
    statuses = [status_of(model, c.event.status, status_features(c, cache)) if i in keep else c.base.status
                for i, c in enumerate(cands)]
    events = decode(cands, p_tuple, p_type, statuses, model["thresholds"], article.published)
    min_conf = getattr(settings, "min_confidence", 0.0) or 0.0
    if min_conf > 0:
        events = [e for e in events if e.confidence >= min_conf]
    return events
