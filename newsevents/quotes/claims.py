"""Claims (accusations, allegations, reports) and the responses that answer them.

A claim is found from an accusation verb (``X accused Y of Z``), a claim noun
with its content (``Pakistan's allegation that ...``, ``accusations it is
getting weapons``), a hedge word (``alleged cooperation``, ``allegedly
meddling``) or an unnamed source (``according to intelligence sources``).
A response is a denial or confirmation verb whose object is a claim noun or a
reported clause; it links to the claim it answers by the article's discourse.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date

from ..models import Actor, Claim, Quote, Response, TimeRef
from ..nlp import doc_text
from .lexicon import Lexicon
from .speakers import SpeakerIndex, phrase_tokens, subject_of
from .timing import speech_date

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their", "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "not", "no", "but", "which", "who", "whom", "said", "says", "say", "would", "will", "could", "should", "may", "might", "can", "also", "than", "then", "there", "here", "into", "over", "about", "after", "before", "against", "between", "during", "under", "claims", "claim", "allegations", "allegation", "accusations", "accusation"])


@dataclass
class _ClaimDraft:
    cue_tok: object
    cue: str
    claimant: Actor | None
    accused: tuple[Actor, ...]
    start: int
    end: int
    noun_i: int | None = None  # the claim noun token, so a denial of it links directly
    rule: str = ""  # the recogniser that proposed it (a feature of the learned ledger)


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _speaker_actor(sp) -> Actor | None:
    """The actor behind a speaker: the resolved mention when it is the speaker
    itself, else a person/group actor carrying the speaker's name and role."""
    if sp is None:
        return None
    a = sp.actor
    if a is not None and (a.kind == "person" or (sp.role is None and (
            a.kind != "state" or not sp.name or a.name == sp.name))):
        return a
    words = (sp.name or "").split()
    kind = "person" if sp.role or (len(words) in (2, 3) and all(w[:1].isupper() for w in words)) else "group"
    return Actor(name=sp.name or (sp.role or "unknown"), code=a.code if a else None,
                 country=sp.country, sector=a.sector if a else None,
                 kind=kind, role=sp.role, org=sp.org)


def _conjuncts(tok) -> list:
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                stack.append(c)
    return out


def _actors_of(head, index: SpeakerIndex) -> tuple[Actor, ...]:
    """The actors named by a noun phrase and its conjuncts ("the US and its allies")."""
    if head is None:
        return ()
    actors: list[Actor] = []
    for tok in _conjuncts(head):
        if tok.pos_ == "PRON" and tok.lower_ not in ("he", "she", "they"):
            continue
        sp = index.speaker(tok, remember=False, split_conj=True)
        a = _speaker_actor(sp)
        if a is not None and all(a.name != b.name for b in actors):
            actors.append(a)
    return tuple(actors)


def _actors_in_span(start: int, end: int, index: SpeakerIndex) -> tuple[Actor, ...]:
    out: list[Actor] = []
    for m in index.mentions:
        if m.start >= end:
            break
        if m.start >= start and all(m.actor.name != a.name for a in out):
            out.append(m.actor)
    return tuple(out)


def _quote_at(pos: int, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _content_subject_actors(head, index: SpeakerIndex) -> tuple[Actor, ...]:
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.pos_ != "PRON":
        return _actors_of(subj, index)
    return ()


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every claim recogniser reads: the lexicon, the speaker index, the quotes."""

    lex: Lexicon
    index: SpeakerIndex
    quotes: list[Quote]


def _claimant_or(actors: tuple[Actor, ...], inner: Actor | None) -> Actor | None:
    return actors[0] if actors else inner


def _is_accusation_verb(tok, lemma: str, ctx: _Ctx) -> bool:
    return tok.tag_.startswith("VB") and lemma in ctx.lex.cues["accuse"]


def _accusation_verb(tok, lemma: str, ctx: _Ctx, inner: Actor | None) -> list[_ClaimDraft]:
    """'X accused Y of Z', 'Y was blamed for Z' (cue class ``accuse``)."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj",)), None)
    passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")), None)
    if prep is None and obj is not None:  # "accused the envoy of ..." parsed onto the noun
        prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if prep is None or (obj is None and passive is None):
        return []
    accused_head = obj if obj is not None else passive
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    claimant_head = (next((c for c in agent.children if c.dep_ == "pobj"), None)
                     if agent is not None else subject_of(tok))
    claimant = _actors_of(claimant_head, ctx.index)
    start, end = prep.idx + len(prep), prep.right_edge.idx + len(prep.right_edge)
    return [_ClaimDraft(tok, tok.text, _claimant_or(claimant, inner),
                        _actors_of(accused_head, ctx.index), start + 1, end)]


def _is_allegation_verb(tok, lemma: str, ctx: _Ctx) -> bool:
    return tok.tag_.startswith("VB") and (lemma in ctx.lex.cues["allege"]
                                          or lemma in ctx.lex.cues["report_verb"])


def _allegation_verb(tok, lemma: str, ctx: _Ctx, inner: Actor | None) -> list[_ClaimDraft]:
    """'X alleged that Y ...', 'X claimed responsibility', 'X reported that ...'.

    Cue class ``allege`` takes a content clause or an object; ``report_verb``
    only a content clause ("reported the attack" is news, not a claim).
    """
    deps = ("ccomp", "dobj") if lemma in ctx.lex.cues["allege"] else ("ccomp",)
    comp = next((c for c in tok.children if c.dep_ in deps), None)
    if comp is None or comp.lower_ in ("it", "this", "that"):
        return []
    claimant = _actors_of(subject_of(tok), ctx.index)
    accused = _content_subject_actors(comp, ctx.index) if comp.dep_ == "ccomp" else ()
    if comp.lemma_ == "responsibility" and lemma in ctx.lex.cues["allege"]:
        accused = claimant
    left = comp.left_edge if comp.left_edge.lower_ != "that" else comp.left_edge.nbor()
    return [_ClaimDraft(tok, tok.text, _claimant_or(claimant, inner), accused,
                        left.idx, comp.right_edge.idx + len(comp.right_edge))]


def _is_claim_noun(tok, lemma: str, ctx: _Ctx) -> bool:
    return tok.pos_ == "NOUN" and lemma in ctx.lex.cues["claim_noun"]


def _claim_noun(tok, lemma: str, ctx: _Ctx, inner: Actor | None) -> list[_ClaimDraft]:
    """'Pakistan's allegation that ...', 'accusations of meddling', 'in a report' (``claim_noun``)."""
    lex, index = ctx.lex, ctx.index
    # "a charge New Delhi rejected": a relative clause whose verb answers or
    # reports the noun says what was done to the claim, not what it claims
    content = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                    and c.pos_ in ("VERB", "AUX") and not _answers(c, lex) and any(
                        g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
    span_head = content
    if content is None:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and lemma in ("report", "accusation", "allegation", "charge", "claim"):
            span_head = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None)
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if (span_head is None and lemma in ("report", "statement") and tok.dep_ == "pobj"
            and tok.head.lower_ == "in" and verb is not None and verb.lemma_ != "cite"):
        # "experts detailed prohibited transfers ... in a report": the verb's object is the claim
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if dobj is None:
            return []
        claimant = _actors_of(subject_of(verb), index)
        end_tok = dobj
        for t in dobj.subtree:
            if t.i < tok.head.i:
                end_tok = t if t.i > end_tok.i else end_tok
        end = end_tok.idx + len(end_tok)
        return [_ClaimDraft(tok, tok.text, _claimant_or(claimant, inner),
                            _actors_in_span(dobj.left_edge.idx, end, index),
                            dobj.left_edge.idx, end, noun_i=tok.i)]
    if span_head is None:
        return []
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in frm.children if c.dep_ == "pobj"), None) if frm is not None else None
    claimant = _actors_of(owner, index) if owner is not None and owner.pos_ != "PRON" else ()
    accused = _content_subject_actors(span_head, index) if content is not None else ()
    if not accused and tok.head.lemma_.lower() in lex.cues["denial"]:
        accused = _actors_of(subject_of(tok.head), index)
    left = span_head.left_edge if span_head.left_edge.lower_ != "that" else span_head.left_edge.nbor()
    return [_ClaimDraft(tok, tok.text, _claimant_or(claimant, inner), accused,
                        left.idx, span_head.right_edge.idx + len(span_head.right_edge), noun_i=tok.i)]


def _is_hedge(tok, lemma: str, ctx: _Ctx) -> bool:
    hedges = ctx.lex.cues["hedge"]
    return (tok.lower_ in hedges or lemma in hedges) and tok.dep_ in ("amod", "advmod")


def _hedge(tok, lemma: str, ctx: _Ctx, inner: Actor | None) -> list[_ClaimDraft]:
    """'alleged cooperation', 'allegedly meddling' (cue class ``hedge``)."""
    head = tok.head
    if head.pos_ == "NOUN" and tok.dep_ == "amod":
        toks = list(phrase_tokens(head)) + [t for c in head.children if c.dep_ == "prep"
                                            for t in c.subtree]
        first = min(toks, key=lambda t: t.i)
        last = max(toks, key=lambda t: t.i)
    elif head.pos_ in ("VERB", "AUX") and tok.dep_ == "advmod":
        first, last = tok, head.right_edge
    else:
        return []
    while last.is_punct and last.i > first.i:
        last = last.nbor(-1)
    start, end = first.idx, last.idx + len(last)
    accused = tuple(a for a in _actors_in_span(start, end, ctx.index)
                    if inner is None or a.name != inner.name)
    return [_ClaimDraft(tok, tok.text, inner, accused, start, end)]


# Token recognisers, in priority order: a token is handled by the first whose
# test matches (even when it then finds no claim), as ``temporal.resolve.HANDLERS``.
TOKEN_RECOGNISERS = (
    ("accusation-verb", _is_accusation_verb, _accusation_verb),
    ("allegation-verb", _is_allegation_verb, _allegation_verb),
    ("claim-noun", _is_claim_noun, _claim_noun),
    ("hedge", _is_hedge, _hedge),
)


def _unnamed_sources(ctx: _Ctx) -> list[_ClaimDraft]:
    """'according to intelligence sources', 'officials ... said': claims of unnamed sources."""
    out = []
    for q in ctx.quotes:
        sp = q.speaker
        if sp is None or not sp.name:
            continue
        words = sp.name.lower().split()
        unnamed = (words and any(w.rstrip("s") in ctx.lex.cues["source_noun"] for w in words[-2:])
                   and not sp.name.split()[-1][:1].isupper()
                   and any(w in ("unnamed", "anonymous", "intelligence", "security", "officials", "sources")
                           for w in words))
        if unnamed:
            out.append(_ClaimDraft(None, "according to" if q.cue in (None, "according") else q.cue or "",
                                   _speaker_actor(sp), _actors_in_span(q.start, q.end, ctx.index),
                                   q.start, q.end))
    return out


def find_claims(doc, lex: Lexicon, index: SpeakerIndex, quotes: list[Quote]) -> list[_ClaimDraft]:
    """Claim drafts in text order (ids are assigned by ``extract_speech``).

    Each token goes to the first of ``TOKEN_RECOGNISERS`` whose test matches;
    then unnamed-source quotes and promoted statements add theirs. A draft
    that repeats an earlier one's span (within 3 characters) is dropped.
    """
    ctx = _Ctx(lex, index, quotes)
    drafts: list[_ClaimDraft] = []

    def add(d: _ClaimDraft) -> None:
        if d.end <= d.start or any(abs(o.start - d.start) < 3 and abs(o.end - d.end) < 3 for o in drafts):
            return
        drafts.append(d)

    for tok in doc:
        lemma = tok.lemma_.lower()
        for name, applies, recognise in TOKEN_RECOGNISERS:
            if applies(tok, lemma, ctx):
                q = _quote_at(tok.idx, quotes)
                inner = _speaker_actor(q.speaker) if q is not None else None
                for d in recognise(tok, lemma, ctx, inner):
                    d.rule = name
                    add(d)
                break
    for d in _unnamed_sources(ctx):
        d.rule = "unnamed-source"
        add(d)
    for d in _promoted_statements(doc, lex, index, quotes, drafts):
        d.rule = "promoted"
        drafts.append(d)
    drafts.sort(key=lambda d: d.start)
    return drafts


_ANAPHORIC_DET = frozenset(["the", "this", "that", "these", "those", "such", "a", "an"])


def _answers_other(verb, lex: Lexicon) -> bool:
    """'responded to her letter', 'replied to the invitation': what is answered is no claim."""
    answered = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"]
    return bool(answered) and not any(g.lemma_.lower() in lex.cues["claim_noun"]
                                      or g.lemma_.lower() in ("criticism", "question")
                                      for g in answered)


def _answers(verb, lex: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    return any(lemma in lex.cues[c] for c in ("denial", "confirmation", "report", "speech"))


def _anaphoric_noun(noun, lex: Lexicon) -> bool:
    """'the claim', 'these allegations': a claim noun with no content of its own."""
    if noun.lemma_.lower() not in lex.cues["claim_noun"]:
        return False
    dets = [c.lower_ for c in noun.children if c.dep_ in ("det", "poss")]
    if any(d not in _ANAPHORIC_DET for d in dets):
        return False  # "Pakistan's allegation": an owner, usually followed by content
    return not any(c.dep_ in ("acl", "ccomp", "relcl", "prep") and not _answers(c, lex)
                   for c in noun.children)


def _promoted_statements(doc, lex: Lexicon, index: SpeakerIndex, quotes: list[Quote],
                         drafts: list[_ClaimDraft]) -> list[_ClaimDraft]:
    """Statements the story itself later treats as a claim.

    "ISPR said ... Afghanistan ...  Rebutting the claim, Balkhi said": a denial
    whose object is an anaphoric claim noun, with no claim found shortly before
    it, answers the nearest earlier quote (within two sentences) by someone
    else, preferring one whose content names the responder.
    """
    out: list[_ClaimDraft] = []
    sents = list(doc.sents)
    sent_no = {s.start: k for k, s in enumerate(sents)}
    for tok in doc:
        if not tok.tag_.startswith("VB") or tok.lemma_.lower() not in lex.cues["denial"]:
            continue
        noun = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if noun is None and tok.dep_ in ("relcl", "acl"):
            noun = tok.head
        if noun is None or not _anaphoric_noun(noun, lex):
            continue
        k = sent_no.get(tok.sent.start, 0)
        lo = sents[max(0, k - 2)].start_char
        if any(lo <= d.start < noun.idx or d.noun_i == noun.i for d in drafts + out):
            continue  # an ordinary claim just before: the noun refers to it
        responders = _actors_of(subject_of(tok), index)
        cands = [q for q in quotes if lo <= q.start and q.end <= noun.idx and q.speaker is not None
                 and not any(same_actor(_speaker_actor(q.speaker), r) for r in responders)]
        if not cands:
            continue
        named = [q for q in cands if any(same_actor(a, r) for a in _actors_in_span(q.start, q.end, index)
                                         for r in responders)]
        q = (named or cands)[-1]
        claimant = _speaker_actor(q.speaker)
        accused = tuple(a for a in _actors_in_span(q.start, q.end, index)
                        if not same_actor(a, claimant)) or responders
        cue_tok = _cue_token(doc, q)
        out.append(_ClaimDraft(cue_tok, q.cue or "said", claimant, accused, q.start, q.end, noun_i=noun.i))
    return out


def _cue_token(doc, q: Quote):
    """The token of a quote's cue verb (nearest to its content), for dating the claim."""
    if not q.cue:
        return None
    best = None
    for t in doc.char_span(q.span[0], q.span[1], alignment_mode="expand") or ():
        if t.text == q.cue and (best is None or abs(t.idx - q.start) < abs(best.idx - q.start)):
            best = t
    return best


def build_claims(doc, drafts: list[_ClaimDraft], times: list[TimeRef], published: date | None,
                 doc_key: str) -> list[Claim]:
    claims = []
    for d in drafts:
        text = doc_text(doc)[d.start:d.end]
        span_doc = doc.char_span(d.start, d.end, alignment_mode="expand")
        sent = (span_doc[0].sent if span_doc is not None else None)
        cue_tok = d.cue_tok if d.cue_tok is not None else (span_doc[0] if span_doc is not None else None)
        span = ((min(sent.start_char, cue_tok.sent.start_char) if cue_tok is not None else sent.start_char),
                max(sent.end_char, d.end)) if sent is not None else (d.start, d.end)
        value, precision = (speech_date(cue_tok, times, published) if cue_tok is not None
                            else ((published.isoformat() if published else None), "unknown"))
        claims.append(Claim(
            id=_hash(doc_key, d.start, d.end, d.cue), claimant=d.claimant, accused=d.accused,
            text=text, span=span, cue=d.cue, date=value, date_precision=precision))
    return claims


def find_responses(doc, lex: Lexicon, index: SpeakerIndex, drafts: list[_ClaimDraft],
                   claims: list[Claim], times: list[TimeRef], published: date | None,
                   doc_key: str) -> list[Response]:
    """Denials and confirmations, each linked to the claim it answers in this article."""
    by_noun = {d.noun_i: c for d, c in zip(drafts, claims) if d.noun_i is not None}
    out: list[Response] = []
    for tok in doc:
        if not tok.tag_.startswith("VB"):
            continue
        lemma = tok.lemma_.lower()
        kind = ("denial" if lemma in lex.cues["denial"] else
                "confirmation" if lemma in lex.cues["confirmation"] else None)
        if lemma in ("call", "describe", "label", "brand", "term") and _calls_false(tok, lex):
            kind = "denial"
        if lemma == "insist":
            kind = "denial"
        rebuttal = None
        if lemma in ("respond", "reply", "answer", "react") and kind is None and not _answers_other(tok, lex):
            # "responded to the reports ..., asserting that ...": a rebuttal by the accused
            rebuttal = next((c for c in tok.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                             and c.tag_.startswith("VB") and _answers(c, lex)), None)
            if rebuttal is not None:
                kind = "confirmation" if rebuttal.lemma_.lower() in lex.cues["confirmation"] else "denial"
        if kind is None:
            continue
        subj = subject_of(tok)
        if subj is not None and subj.lemma_.lower() in lex.cues["claim_noun"] | {"intelligence"}:
            continue  # "reports have confirmed that ..." asserts; it answers nothing
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "oprd")]
        if not objs and tok.dep_ in ("relcl", "acl", "ccomp") and tok.head.lemma_.lower() in lex.cues["claim_noun"]:
            objs = [tok.head]  # "a charge New Delhi quickly rejected"
        if rebuttal is not None:
            objs = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                    for t in c.children if t.dep_ == "pobj"] or objs
        obj = objs[0] if objs else None
        for o in objs:  # "dismissed the panel of experts' findings": the claim noun inside the phrase
            noun = next((t for t in phrase_tokens(o) if t.lemma_.lower() in lex.cues["claim_noun"]), None)
            if noun is not None:
                obj = noun
                break
        comp = next((c for c in tok.children if c.dep_ == "ccomp"
                     or (c.dep_ == "xcomp" and c.tag_ == "VBG" and lemma == "deny")), None)
        target: Claim | None = None
        anaphoric = False
        if obj is not None and obj.lemma_.lower() in lex.cues["claim_noun"] | {"finding", "assertion"}:
            target = by_noun.get(obj.i)
            if target is None and obj.i != tok.i and _anaphoric_noun(obj, lex) and obj.i > obj.sent.start + 3:
                # "accusing it of ..., a charge New Delhi rejected": the claim the noun renames
                target = _last_claim_before(claims, obj.idx, same_sent=obj.sent)
            anaphoric = target is None
        elif rebuttal is not None:
            anaphoric = True
        elif obj is not None and kind == "denial" and lemma in ("call", "describe", "label", "brand", "term"):
            anaphoric = True  # "describing the legal challenges as baseless"
        elif obj is not None and obj.lower_ in ("which", "that", "it") and kind == "denial":
            target = _last_claim_before(claims, tok.idx, same_sent=tok.sent)
            anaphoric = target is not None
        elif comp is not None and lemma in ("deny", "confirm", "insist", "admit", "acknowledge", "dispute"):
            anaphoric = True
        else:
            continue
        responders = _actors_of(subj, index) or (None,)
        # the response's own words, without a coordinated clause ("..., and Russia has insisted")
        right = max([tok] + [t for c in tok.children if c.dep_ not in ("conj", "cc") and c.i > tok.i
                             for t in c.subtree], key=lambda t: t.i)
        text = doc_text(doc)[tok.idx: right.idx + len(right)].rstrip(" .,\"”")
        value, precision = speech_date(tok, times, published)
        for responder in responders:
            claim = target
            if claim is None and anaphoric:
                claim = link_in_article(responder, text, tok.idx, claims)
            if lemma == "insist" and claim is None:
                continue  # insisting is a response only when it answers a claim
            out.append(Response(
                id=_hash(doc_key, tok.idx, responder.name if responder else ""), claim_id=claim.id if claim else None,
                responder=responder, kind=kind, text=text, span=(tok.sent.start_char, tok.sent.end_char),
                cue=tok.text, date=value, date_precision=precision))
    return out


def _calls_false(tok, lex: Lexicon) -> bool:
    """'called the assertions "baseless"', 'rejected X as a false rumor'."""
    for t in tok.subtree:
        if t.lemma_.lower() in lex.cues["denial_adj"] and t.i > tok.i:
            return True
    return False


def _last_claim_before(claims: list[Claim], pos: int, same_sent=None) -> Claim | None:
    best = None
    for c in claims:
        if c.span[0] <= pos and (same_sent is None or same_sent.start_char <= c.span[0] < same_sent.end_char
                                 or c.span[0] <= same_sent.start_char < c.span[1]):
            best = c
    return best


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """True when two actors are the same country, code or name.

    >>> same_actor(Actor("Pyongyang", "PRK", "PRK"), Actor("North Korea", "PRK", "PRK"))
    True
    """
    if a is None or b is None:
        return False
    if a.code and b.code and a.code == b.code:
        return True
    if a.country and b.country and a.country == b.country:
        return True
    na, nb = _norm(a.name), _norm(b.name)
    return bool(na and nb) and (na == nb or f" {na} " in f" {nb} " or f" {nb} " in f" {na} ")


def _norm(name: str | None) -> str:
    if not name:
        return ""
    name = name.lower().replace(".", "")
    return re.sub(r"^the\s+", "", re.sub(r"[^\w\s]", " ", name)).strip()


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words.

    >>> round(similarity("supplying Russia with shells", "North Korea supplies shells to Russia"), 2)
    0.33
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def link_in_article(responder: Actor | None, text: str, pos: int, claims: list[Claim]) -> Claim | None:
    """The claim a response answers: the latest earlier claim accusing the
    responder, else one whose content names it or shares words, else the latest."""
    before = [c for c in claims if c.span[0] <= pos]
    for c in reversed(before):
        if any(same_actor(responder, a) for a in c.accused):
            return c
    if responder is not None:
        for c in reversed(before):
            if _norm(responder.name) and _norm(responder.name) in _norm(c.text):
                return c
    if before:
        scored = [(similarity(text, c.text), c) for c in before]
        best = max(scored, key=lambda x: x[0])
        if best[0] >= 0.2:
            return best[1]
    # "X confirmed that the Taliban had barred him ... a day after the Taliban
    # reported it": the story may give the response before the claim; take a claim
    # in the next few sentences whose claimant the response names or whose words it shares
    for c in claims:
        if pos < c.span[0] <= pos + _LOOKAHEAD_CHARS and (
                (c.claimant is not None and _norm(c.claimant.name)
                 and f" {_norm(c.claimant.name)} " in f" {_norm(text)} ")
                or similarity(text, c.text) >= 0.2):
            return c
    return before[-1] if before else None


_LOOKAHEAD_CHARS = 600


def link_responses(claims, responses, threshold: float = 0.25) -> tuple[Response, ...]:
    """Link unlinked responses to claims across articles by accused actor and content.

    A response links to the most similar claim that accuses its responder
    (content word overlap at least ``threshold``); responses that already have
    a ``claim_id`` are kept as they are.

    >>> link_responses([claim], [response])[0].claim_id == claim.id  # doctest: +SKIP
    True
    """
    claims = list(claims)
    out = []
    for r in responses:
        if r.claim_id is not None:
            out.append(r)
            continue
        best, best_s = None, threshold
        for c in claims:
            if not any(same_actor(r.responder, a) for a in c.accused):
                continue
            s = similarity(r.text, c.text)
            if s >= best_s:
                best, best_s = c, s
        out.append(replace(r, claim_id=best.id) if best is not None else r)
    return tuple(out)


def claim_status(claim: Claim, responses) -> str:
    """'unanswered', 'denied', 'confirmed' or 'disputed' (denied and confirmed).

    >>> claim_status(claim, [])  # doctest: +SKIP
    'unanswered'
    """
    kinds = {r.kind for r in responses if r.claim_id == claim.id}
    if not kinds:
        return "unanswered"
    if kinds == {"denial"}:
        return "denied"
    if kinds == {"confirmation"}:
        return "confirmed"
    return "disputed"
