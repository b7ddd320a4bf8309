"""Learned ledger decisions: which candidate clauses are claims, which cue verbs are responses.

The rule recognisers of ``claims.py`` and the quotes of ``speech.py`` propose
candidates; each gets a list of binary feature names (``claim_features``,
``response_features``) and a linear model scores it (``LinearModel``: a bias
plus one weight per feature, then a logistic). The weights are data
(``newsevents/data/models/ledger/ledger.json``, written by
``scripts/train_ledger.py`` with scikit-learn at training time only); scoring
is plain arithmetic, deterministic, with no dependency beyond the standard
library. When the weights file is absent the rules decide alone.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..models import Actor, Claim, Quote, Response
from ..nlp import doc_text
from .lexicon import Lexicon

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "ledger" / "ledger.json"

_NEG = frozenset(["not", "n't", "never", "no"])
_CRIME = frozenset(["kill", "attack", "murder", "fraud", "corruption", "violate", "violation", "abuse",
                    "torture", "bomb", "strike", "shell", "interfere", "meddle", "support", "fund",
                    "arm", "supply", "spy", "hack", "responsibility", "responsible", "crime", "rape",
                    "massacre", "genocide", "launder", "bribe", "shoot", "target", "plot", "terrorism"])


# verbs that answer a claim as often as not ("insists he resigned"); proposed, the model decides
_REBUTTAL = frozenset(["insist", "maintain", "counter", "characterize", "characterise", "assert", "contend",
                       "disagree", "protest", "defend", "denounce", "concede", "confess"])


_CALL = frozenset(["call", "describe", "label", "brand", "term", "dismiss", "characterize", "characterise"])


@dataclass(frozen=True)
class LinearModel:
    """A logistic model over binary features: ``p = σ(bias + Σ weights[f])``."""

    bias: float
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5

    def prob(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, feats: list[str]) -> bool:
        return self.prob(feats) >= self.threshold


@lru_cache(maxsize=8)  # (the shipped file, and the five out-of-fold ones while training events)
def load_models(path: str | None = None) -> dict[str, LinearModel]:
    """The shipped ledger models by name ('claim', 'response'); {} when none is shipped."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return {}
    raw = json.loads(p.read_text(encoding="utf-8"))
    return {name: LinearModel(float(m["bias"]), {k: float(v) for k, v in m["weights"].items()},
                              float(m["threshold"]))
            for name, m in raw["models"].items()}


@lru_cache(maxsize=1)
def event_words() -> dict[str, str]:
    """Lemma → PLOVER event type of the events stage's verbs and nouns (its overlay first).

    The events stage runs after this one (it reads the ledger to set each
    event's status), so its coder cannot be asked; its lexicon, loaded by its
    own loader (``events.lexicon.default_lexicon``, cached, a data module that
    imports nothing of the events stage's coding), says what kind of event a
    claim's content asserts (ASSAULT, ACCUSE, ...).
    """
    # imported here: quotes/ precedes events/ in the pipeline, and importing the events
    # package at module level would run its __init__ (which imports quotes.lexicon) mid-import
    from ..events.lexicon import default_lexicon

    lex = default_lexicon()
    out: dict[str, str] = {}
    for source in ("overlay", "petrarch"):
        for table in (lex.verbs, lex.nouns):
            for lemma, entries in table.items():
                typ = next((e.type for e in entries if e.source == source and e.type and e.type != "-"), None)
                if typ:
                    out.setdefault(lemma.lower(), typ)
    return out


def _bucket(n: int, edges=(1, 3, 8, 20, 40)) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _classes(lemma: str, lex: Lexicon) -> list[str]:
    return [c for c, words in lex.cues.items() if lemma in words]


def claim_features(doc, cand, lex: Lexicon, quotes: list[Quote], drafts: list) -> list[str]:
    """Binary features of a claim candidate (a ``claims._ClaimDraft`` with its ``rule``)."""
    cue = (cand.cue or "").lower()
    cue_lemma = cand.cue_tok.lemma_.lower() if cand.cue_tok is not None else cue
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    f = [f"rule={cand.rule}", f"cue={cue_lemma}", f"claimant={cand.claimant is not None}",
         f"accused={min(len(cand.accused), 2)}", f"len={_bucket(len(toks))}"]
    f += [f"cuecls={c}" for c in _classes(cue_lemma, lex)]
    f += [f"rule&cue={cand.rule}|{cue_lemma}"]
    if cand.claimant is not None:
        f.append(f"claimant_kind={cand.claimant.kind}")
        f.append(f"claimant_sector={cand.claimant.sector}")
        if cand.accused and any(a.name == cand.claimant.name for a in cand.accused):
            f.append("self_accused")
    lemmas = {t.lemma_.lower() for t in toks}
    if lemmas & _CRIME:
        f.append("content_crime")
    if lemmas & _NEG:
        f.append("content_neg")
    if any(t.lemma_.lower() in lex.cues["hedge"] for t in toks):
        f.append("content_hedge")
    if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in toks):
        f.append("content_entity")
    f += [f"w={t.lemma_.lower()}" for t in toks if t.is_alpha and not t.is_stop][:40]
    if toks:
        sent = toks[0].sent
        sent_lemmas = {t.lemma_.lower() for t in sent}
        if sent_lemmas & lex.cues["denial"]:
            f.append("sent_denial")
        if sent_lemmas & lex.cues["confirmation"]:
            f.append("sent_confirm")
        if sent_lemmas & (lex.cues["accuse"] | lex.cues["allege"]):
            f.append("sent_accuse")
        if sent.start == 0:
            f.append("first_sent")

        if _last_denial(doc, lex) >= sent.end:
            f.append("later_denial")
    f += _claim_context(doc, cand, span, toks, lex)
    q = next((q for q in quotes if q.start <= cand.start < q.end or cand.start <= q.start < cand.end), None)
    if q is not None:
        f.append(f"in_quote_direct={q.direct}")
    if not cand.rule.startswith(("accusation", "allegation", "claim-noun", "hedge", "unnamed", "promoted")) and any(
            d.start < cand.end and cand.start < d.end for d in drafts):
        f.append("overlaps_rule")
    return f


def _last_denial(doc, lex: Lexicon) -> int:
    """The index of the doc's last denial verb (-1 if none), once per doc and lexicon:
    a candidate asks whether one follows its sentence (a scan per candidate was quadratic)."""
    cache = doc.user_data.setdefault("newsevents.ledger.last_denial", {})
    key = id(lex.cues["denial"])
    if key not in cache:
        cache[key] = max((t.i for t in doc if t.lemma_.lower() in lex.cues["denial"] and t.tag_.startswith("VB")),
                         default=-1)
    return cache[key]


def _sent_starts(doc) -> list[int]:
    """The token index of each sentence's start, computed once per doc (candidates ask often)."""
    starts = doc.user_data.get("newsevents.ledger.sent_starts")
    if starts is None:
        starts = doc.user_data["newsevents.ledger.sent_starts"] = [s.start for s in doc.sents]
    return starts


def _claim_context(doc, cand, span, toks, lex: Lexicon) -> list[str]:
    """The claim candidate's syntax and place: how its content hangs on the cue,
    the tense of what it reports, attribution, the events it asserts, where it sits."""
    f = []
    cue = cand.cue_tok
    if cue is not None:
        f += [f"cue_tag={cue.tag_}", f"cue_dep={cue.dep_}"]
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
            f.append("cue_passive")
        if toks:
            f.append("cue_side=" + ("in" if toks[0].i <= cue.i <= toks[-1].i else
                                    "before" if cue.i < toks[0].i else "after"))
    if not toks:
        return f
    root = span.root
    f += [f"root_pos={root.pos_}", f"root_dep={root.dep_}"]
    if cue is not None and root.head.i == cue.i and root.i != cue.i:
        f.append(f"rel={root.dep_}")
    tags = {t.tag_ for t in toks}
    lower = {t.lower_ for t in toks}
    if "MD" in tags:
        f.append("content_modal")
    if "had" in lower and "VBN" in tags:
        f.append("content_pluperfect")  # "X said Y had ...": reported speech
    if tags & {"VBD", "VBZ", "VBP", "VBN", "VBG"}:
        f.append("content_clause")
    if tags & {"VBZ", "VBP"}:
        f.append("content_present")
    types = sorted({event_words().get(t.lemma_.lower()) for t in toks} - {None})
    f += [f"event={t}" for t in types[:4]]
    if not types:
        f.append("event=none")
    sent = toks[0].sent
    slow = [t.lower_ for t in sent]
    if any(a == "according" and b == "to" for a, b in zip(slow, slow[1:])):
        f.append("sent_according_to")
    if any(t.is_quote for t in sent):
        f.append("sent_quote_mark")
    cover = len(toks) / max(1, len(sent))
    f.append("cover=" + ("<.25" if cover < 0.25 else "<.5" if cover < 0.5 else "<.9" if cover < 0.9 else "all"))
    starts = _sent_starts(doc)
    f.append(f"doc_sents={_bucket(len(starts), (1, 3, 10, 30))}")
    f.append(f"sent_index={_bucket(bisect.bisect_left(starts, sent.start), (0, 1, 3, 8))}")
    if cand.claimant is not None:
        f.append(f"claimant_country={cand.claimant.country is not None}")
        if cand.claimant.role:
            f.append("claimant_role")
    for a in cand.accused[:2]:
        f.append(f"accused_kind={a.kind}")
        if a.sector:
            f.append(f"accused_sector={a.sector}")
    if cand.claimant is not None and cand.accused and cand.accused[0].country and (
            cand.accused[0].country == cand.claimant.country):
        f.append("same_country")
    if cand.claimant is None and not cand.accused:
        f.append("nobody")
    return f


def response_features(doc, tok, cand: Response, lex: Lexicon, claims: list[Claim], rule: str) -> list[str]:
    """Binary features of a response candidate at cue token ``tok`` (``rule``: its source)."""
    from .claims import same_actor

    lemma = tok.lemma_.lower()
    f = [f"rule={rule}", f"cue={lemma}", f"kind={cand.kind}", f"linked={cand.claim_id is not None}",
         f"responder={cand.responder is not None}", f"rule&cue={rule}|{lemma}"]
    if cand.responder is not None:
        f.append(f"responder_kind={cand.responder.kind}")
    deps = {c.dep_ for c in tok.children}
    f += [f"dep={d}" for d in sorted(deps & {"dobj", "ccomp", "xcomp", "nsubjpass", "prep", "neg", "aux"})]
    f.append(f"tokdep={tok.dep_}")
    f.append(f"tag={tok.tag_}")
    if any(c.dep_ == "neg" for c in tok.children):
        f.append("negated")
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and tok.dep_ == "relcl":
        obj = tok.head  # "a charge Freedonia rejected": the noun the clause modifies is its object
    if obj is not None:
        f.append(f"obj={obj.lemma_.lower()}")
        if obj.lemma_.lower() in lex.cues["claim_noun"]:
            f.append("obj_claim_noun")
    if tok.head is not tok:
        f.append(f"head={tok.head.lemma_.lower()}")
    f.append(f"rule&kind={rule}|{cand.kind}")
    if cand.responder is not None:
        # the accused answer, the accusers do not: the responder's side in the article's claims
        if any(same_actor(cand.responder, a) for c in claims for a in c.accused):
            f.append("responder_accused_in_doc")
        if any(same_actor(cand.responder, c.claimant) for c in claims):
            f.append("responder_claimant_in_doc")
    if cand.claim_id is not None:
        linked = next((c for c in claims if c.id == cand.claim_id), None)
        if linked is not None and any(same_actor(cand.responder, a) for a in linked.accused):
            f.append("linked_accuses_responder")
    if any(t.lemma_.lower() in lex.cues["denial_adj"] for t in tok.sent):
        f.append("sent_false_word")
    if tok.sent.start == 0:
        f.append("first_sent")
    before = [c for c in claims if c.span[0] <= tok.idx]
    f.append(f"claims_before={min(len(before), 2)}")
    if any(c.span[0] <= tok.idx < c.span[1] for c in claims):
        f.append("in_claim_sentence")
    claimish = lex.cues["accuse"] | lex.cues["allege"] | lex.cues["claim_noun"]
    sent_lemmas = {t.lemma_.lower() for t in tok.sent}
    if sent_lemmas & claimish:
        f.append("sent_claimish")
    return f + _response_context(doc, tok, cand, claims, claimish)


def _response_context(doc, tok, cand: Response, claims: list[Claim], claimish) -> list[str]:
    """Where a response candidate sits: voice, the sentence before, the nearest claim, the responder."""
    f = []
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        f.append("passive")  # "the charge was denied by ..."
    starts = _sent_starts(doc)
    k = bisect.bisect_left(starts, tok.sent.start)
    f.append(f"sent_index={_bucket(k, (0, 1, 3, 8))}")
    f.append(f"doc_sents={_bucket(len(starts), (1, 3, 10, 30))}")
    if k > 0:
        prev = doc[starts[k - 1]:tok.sent.start]
        if any(t.lemma_.lower() in claimish for t in prev):
            f.append("prev_claimish")
    before = [c for c in claims if c.span[0] <= tok.idx]
    if before:
        gap = tok.idx - before[-1].span[1]
        ctx = "claim_gap=" + ("in" if gap < 0 else "<100" if gap < 100 else "<500" if gap < 500 else "far")
    elif claims:
        ctx = "claims_after_only"
    else:
        ctx = "no_claims"
    f.append(ctx)
    # "X confirms that the elections will be held": a confirmation with no claim before it and
    # nothing claim-like around is an announcement (the commonest false response on train)
    prev_claimish = "prev_claimish" in f
    f.append(f"kind&ctx={cand.kind}|{ctx}|{prev_claimish}")
    obj_noun = any(t.lemma_.lower() in claimish for c in tok.children for t in c.subtree) or (
        tok.dep_ == "relcl" and tok.head.lemma_.lower() in claimish)
    f.append(f"kind&obj_claimish={cand.kind}|{obj_noun}")
    if cand.responder is not None:
        if cand.responder.sector:
            f.append(f"responder_sector={cand.responder.sector}")
        f.append(f"responder_country={cand.responder.country is not None}")
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "advcl"):
            f.append(f"comp={c.dep_}|{c.lemma_.lower()}")
            f += _complement_shape(c)
    n = len(cand.text.split())
    f.append(f"rlen={_bucket(n, (2, 5, 10, 20))}")
    # what the response is about: its clause's content words (the claims model reads them too)
    f += [f"w={t.lemma_.lower()}" for t in tok.subtree if t.is_alpha and not t.is_stop and t.i != tok.i][:30]
    return f


def _complement_shape(head) -> list[str]:
    """Whether the clause a cue takes reports a fact or announces a plan (GUIDELINES R4).

    "confirms that it will attend the forum" (a modal: the responder's own
    plan, an announcement) against "confirms that Israel killed ..." (a
    past act: a confirmation); the clause's subject a pronoun ("it", "he":
    usually the responder itself) or a name.
    """
    f = [f"comp_tag={head.tag_}"]
    modal = next((a.lemma_.lower() for a in head.children if a.tag_ == "MD"), None)
    if modal is not None:
        f.append(f"comp_modal={modal}")
    elif head.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children):
        f.append("comp_modal=to")
    subj = next((a for a in head.children if a.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        f.append(f"comp_subj={subj.pos_}")
    return f


def response_token(doc, r: Response):
    """The cue token of a response (the token at its text's start)."""
    at = doc_text_find(doc, r)
    span = doc.char_span(at, at + max(1, len(r.cue)), alignment_mode="expand") if at >= 0 else None
    return span[0] if span is not None and len(span) else None


def doc_text_find(doc, r: Response) -> int:
    return doc_text(doc).find(r.text, r.span[0]) if r.text else -1


def claimant_kind(actor: Actor | None) -> str:
    return actor.kind if actor is not None else "none"


def quote_candidates(doc, quotes: list[Quote], index) -> list:
    """Every quote as a claim candidate: the speech-cue proposals the rules do not make."""
    from .claims import _actors_in_span, _ClaimDraft, _cue_token, _speaker_actor, same_actor

    out = []
    for q in quotes:
        if q.end <= q.start:
            continue
        claimant = _speaker_actor(q.speaker)
        accused = tuple(a for a in _actors_in_span(q.start, q.end, index) if not same_actor(a, claimant))
        out.append(_ClaimDraft(_cue_token(doc, q), q.cue or "said", claimant, accused, q.start, q.end,
                               rule="quote-direct" if q.direct else "quote-indirect"))
    return out


_CUE_CLASSES = ("accuse", "allege", "report_verb", "speech", "claim_noun", "hedge")


def cue_candidates(doc, lex: Lexicon, index, taken: list) -> list:
    """Clauses and phrases governed by a cue word (any speech, accusation,
    allegation, report or claim-noun cue of the lexicon) that no rule or quote
    proposed: its clausal complement, object, 'of/for' object, or for a claim
    noun the noun phrase itself ("spying allegations")."""
    from .claims import _actors_in_span, _actors_of, _ClaimDraft, same_actor
    from .speakers import subject_of

    seen = {(d.start, d.end) for d in taken}
    cue_words = frozenset().union(*(lex.cues[c] for c in _CUE_CLASSES))
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in cue_words and tok.lower_ not in cue_words:
            continue
        heads = []
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp", "dobj"):
                heads.append((c.dep_, c))
            elif c.dep_ == "prep" and c.lower_ in ("of", "for"):
                heads += [(f"prep-{c.lower_}", g) for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if tok.pos_ == "NOUN":
            heads.append(("noun-phrase", tok))
        claimant = (_actors_of(subject_of(tok), index) or (None,))[0] if tok.pos_ in ("VERB", "AUX") else None
        for dep, h in heads:
            if dep == "dobj" and (h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or h.pos_ == "PRON"):
                continue  # "accused North Korea of ...": the object is the accused, not the content
            toks = [t for t in h.subtree if not (t.i < h.i and t.dep_ in ("det", "poss", "mark"))]
            toks = [t for t in toks if not t.is_punct] or toks
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
            if end <= start or (start, end) in seen or any(
                    d.cue_tok is not None and d.cue_tok.i == tok.i and d.start < end and start < d.end
                    for d in taken):
                continue  # the rule recogniser of this cue already read its structure
            seen.add((start, end))
            accused = tuple(a for a in _actors_in_span(start, end, index) if not same_actor(a, claimant))
            out.append(_ClaimDraft(tok, tok.text, claimant, accused, start, end, rule=f"cue-{dep}"))
    return out


def claim_candidates(doc, lex: Lexicon, index, quotes: list[Quote], drafts: list) -> list:
    """Every claim candidate: the rules' drafts, the quotes, the cue words' clauses."""
    cands = list(drafts) + quote_candidates(doc, quotes, index)
    return cands + cue_candidates(doc, lex, index, cands)


def select_claims(doc, lex: Lexicon, index, quotes: list[Quote], drafts: list, model: LinearModel) -> list:
    """The candidates the model accepts, best first, none overlapping another; in text order."""
    cands = claim_candidates(doc, lex, index, quotes, drafts)
    probs = [model.prob(claim_features(doc, c, lex, quotes, drafts)) for c in cands]
    # a cue word from the user's own cue files was never seen in training (no ``cue=`` weight),
    # so the model cannot judge it; the rules' reading of it stands, as a bundled row's would
    added = _user_cues(lex)
    if added:
        for k, c in enumerate(cands[:len(drafts)]):
            lemma = c.cue_tok.lemma_.lower() if c.cue_tok is not None else (c.cue or "").lower()
            if lemma in added and f"cue={lemma}" not in model.weights:
                probs[k] = max(probs[k], model.threshold)
    return keep_best(cands, probs, model.threshold)


def _user_cues(lex: Lexicon) -> frozenset[str]:
    """The cue lemmas ``lex`` has beyond the bundled lexicon (the user's cue files)."""
    from .lexicon import lexicon

    bundled = lexicon()
    if lex is bundled:
        return frozenset()
    return frozenset().union(*lex.cues.values()) - frozenset().union(*bundled.cues.values())


def keep_best(cands: list, probs: list[float], threshold: float) -> list:
    """Candidates at or above ``threshold``, best first, dropping any that overlaps one kept; in text order."""
    scored = sorted(((p, k, c) for k, (p, c) in enumerate(zip(probs, cands))), key=lambda x: (-x[0], x[1]))
    kept: list = []
    for p, _k, c in scored:
        if p < threshold:
            break
        if any(c.start < o.end and o.start < c.end for o in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda d: d.start)


def not_a_response(tok, kind: str, source: str, lex: Lexicon) -> str | None:
    """Why the cue at ``tok`` is no denial or confirmation of a claim, or None.

    The cases GUIDELINES R1 and R4 exclude, read from the parse (each one a
    family of out-of-fold false responses on the train split, session 13):

    - ``negated``: "did not deny the claims", "cannot confirm the report"
      say neither (a plea of not guilty, ``plead``, is a denial);
    - ``agentless``: a confirmation in the passive with no agent ("20 people
      are confirmed dead", "admitted to hospital"): no responder (R4);
    - ``announcement``: a confirmation whose clause has a modal ("confirms that
      it will attend", "acknowledged it will likely miss its targets"): a plan
      or an assessment, not an affirmed act (R4);
    - ``proposal``: refusing something asked or offered ("rejects the request",
      "denies entry", "dismissed the lawsuit"): a REJECT act, not an answer to a
      claim (GUIDELINES T10; the nouns are the ``proposal_noun`` cues).
    """
    children = list(tok.children)
    if source != "plead" and any(c.dep_ == "neg" for c in children):
        return "negated"
    if kind == "confirmation":
        deps = {c.dep_ for c in children}
        if deps & {"auxpass", "nsubjpass"} and "agent" not in deps:
            return "agentless"
        if any(c.dep_ in ("ccomp", "xcomp") and any(a.tag_ == "MD" for a in c.children) for c in children):
            return "announcement"
    elif kind == "denial" and any(c.dep_ in ("dobj", "dative", "nsubjpass")
                                  and c.lemma_.lower() in lex.cues["proposal_noun"] for c in children):
        return "proposal"
    return None


def response_candidates(doc, lex: Lexicon, index, claims: list[Claim], rule_responses: list[Response],
                        times, published, doc_key: str, quotes: list[Quote] = ()) -> list[tuple[object, Response, str]]:
    """(cue token, response, source) for the rule responses (source ``rule``) and
    the proposals the rules do not make: every other denial or confirmation verb
    (``cue``), a speech verb whose clause is negated ("said it had found no
    trace", ``neg-speech``), "pleaded not guilty" (``plead``), and a quote that
    calls something false ("This is completely false", ``quote-false``). Each
    is linked to a claim by the article's discourse."""
    from .claims import _actors_of, _calls_false, _cue_token, _hash, _speaker_actor, link_in_article
    from .speakers import subject_of
    from .timing import speech_date

    out = []
    seen = set()
    for r in rule_responses:
        tok = response_token(doc, r)
        if tok is not None:
            seen.add(tok.i)
            if not_a_response(tok, r.kind, "rule", lex) is None:
                out.append((tok, r, "rule"))

    def add(tok, kind, start, end, source, responder=None):
        responder = responder or (_actors_of(subject_of(tok), index) or (None,))[0]
        text = doc_text(doc)[start:end].rstrip(" .,\"”")
        if not text:
            return
        seen.add(tok.i)
        if not_a_response(tok, kind, source, lex) is not None:
            return
        claim = link_in_article(responder, text, tok.idx, claims)
        value, precision = speech_date(tok, times, published)
        out.append((tok, Response(
            id=_hash(doc_key, tok.idx, responder.name if responder else ""),
            claim_id=claim.id if claim else None, responder=responder, kind=kind, text=text,
            span=(tok.sent.start_char, tok.sent.end_char), cue=tok.text, date=value,
            date_precision=precision), source))

    for tok in doc:
        if tok.i in seen or not tok.tag_.startswith("VB"):
            continue
        lemma = tok.lemma_.lower()
        kind = ("denial" if lemma in lex.cues["denial"] else
                "confirmation" if lemma in lex.cues["confirmation"] else None)
        right = max([tok] + [t for c in tok.children if c.dep_ not in ("conj", "cc") and c.i > tok.i
                             for t in c.subtree], key=lambda t: t.i)
        if kind is not None:
            add(tok, kind, tok.idx, right.idx + len(right), "cue")
        elif lemma in _REBUTTAL and any(c.dep_ in ("ccomp", "dobj", "oprd") for c in tok.children):
            # "Bolton insists he resigned", "characterized the call as perfectly fine"
            add(tok, "confirmation" if lemma in ("concede", "confess") else "denial",
                tok.idx, right.idx + len(right), "rebuttal")
        elif lemma in _CALL and _calls_false(tok, lex):
            # "called the report baseless", "described the story as a hoax"
            add(tok, "denial", tok.idx, right.idx + len(right), "called-false")
        elif lemma in ("respond", "reply", "react", "retort", "hit") and any(
                c.dep_ in ("ccomp", "advcl", "xcomp", "prep") for c in tok.children):
            add(tok, "denial", tok.idx, right.idx + len(right), "respond")
        elif lemma == "be" and any(c.dep_ in ("acomp", "attr") and any(
                t.lemma_.lower() in lex.cues["denial_adj"] for t in c.subtree) for c in tok.children):
            # "This is an absolutely baseless case" outside quotes
            left = min([tok] + [t for c in tok.children if c.dep_ in ("nsubj", "expl") for t in c.subtree],
                       key=lambda t: t.i)
            add(tok, "denial", left.idx, right.idx + len(right), "adj-false")
        elif lemma == "plead" and any(c.lower_ == "not" for c in tok.subtree):
            add(tok, "denial", tok.idx, right.idx + len(right), "plead")
        elif lemma == "plead" and any(c.lower_ == "guilty" for c in tok.children):
            # a guilty plea admits the charge (coded as a confirmation on train)
            add(tok, "confirmation", tok.idx, right.idx + len(right), "plead-guilty")
        elif lemma == "recant":
            # "recants his confession": withdraws what was said before
            add(tok, "denial", tok.idx, right.idx + len(right), "recant")
        elif lemma in lex.cues["speech"] or lemma in lex.cues["report_verb"]:
            # "said it had found no trace", "reported no traces of poison were found"
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is not None and any(t.dep_ == "neg" or t.lower_ in ("no", "never") for t in comp.subtree):
                toks = [t for t in comp.subtree if t.dep_ != "mark"]
                add(tok, "denial", toks[0].idx, toks[-1].idx + len(toks[-1]), "neg-speech")
    for q in quotes:
        qdoc = doc.char_span(q.start, q.end, alignment_mode="expand")
        if qdoc is None or not any(t.lemma_.lower() in lex.cues["denial_adj"] for t in qdoc):
            continue
        tok = _cue_token(doc, q) or qdoc[0]
        if tok.i not in seen:
            add(tok, "denial", q.start, q.end, "quote-false", responder=_speaker_actor(q.speaker))
    return out


def select_responses(doc, lex: Lexicon, claims: list[Claim], cands, model: LinearModel) -> list[Response]:
    """The response candidates the model accepts, one per cue word and answered claim, in text order."""
    return [r for _tok, r, _rule in one_per_cue(
        cands, lambda tok, r, rule: model.prob(response_features(doc, tok, r, lex, claims, rule)), model.threshold)]


def one_per_cue(cands: list[tuple], prob, threshold: float) -> list[tuple]:
    """Of the ``(cue token, response, rule)`` candidates, those whose ``prob(tok, r, rule)``
    is at or above ``threshold``, the most probable one per cue word and answered claim
    (the first on a tie), in text order.

    Two proposals of one cue answering one claim ("Both Pakistan and China reject the
    claims", read once per responder, or by two proposal rules) are one response
    (GUIDELINES R2), not a response and a duplicate; one cue answering two claims
    ("Pyongyang and Tehran denied the claims", each its own) stays two."""
    best: dict[tuple, tuple[float, tuple]] = {}
    for cand in cands:
        p = prob(*cand)
        key = (cand[0].i, cand[1].claim_id)
        if p >= threshold and (key not in best or p > best[key][0]):
            best[key] = (p, cand)
    return [c for _k, (_p, c) in sorted(best.items(), key=lambda x: (x[0][0], str(x[0][1])))]


def _position(text: str, r: Response) -> int:
    at = text.find(r.text, max(0, r.span[0] - 1)) if r.text else -1
    return at if at >= 0 else r.span[0]


# "rejected the claim", "denies these allegations", "Rebutting the charge": a response that
# points back at a claim already made (answered by the latest claim before it, R2)
_ANAPHOR = re.compile(r"\b(?:the|these|those|such|this|that|its|their|his|her)\s+(?:\w+\s+)?"
                      r"(?:claims?|allegations?|accusations?|charges?|reports?|assertions?|suggestions?|"
                      r"rumou?rs?)\b", re.I)


def link_features(text: str, r: Response, c: Claim, latest_before: bool) -> list[str]:
    """Binary features of 'response ``r`` answers claim ``c``' within one article."""
    from .claims import _norm, same_actor, similarity

    pos = _position(text, r)
    f = [f"rule_link={r.claim_id == c.id}", f"kind={r.kind}"]
    if any(same_actor(r.responder, a) for a in c.accused):
        f.append("responder_accused")
    if same_actor(r.responder, c.claimant):
        f.append("responder_is_claimant")
    if r.responder is not None and _norm(r.responder.name) and _norm(r.responder.name) in _norm(c.text):
        f.append("responder_in_claim")
    s = similarity(r.text, c.text)
    f.append("sim=" + ("0" if s == 0 else "<.1" if s < 0.1 else "<.2" if s < 0.2 else "<.4" if s < 0.4 else ">=.4"))
    d = pos - c.span[0]
    f.append("before" if d >= 0 else "after")
    f.append(f"dist={_bucket(abs(d) // 100, (0, 1, 3, 10))}")
    if c.span[0] <= pos < c.span[1]:
        f.append("same_sentence")
    if latest_before:
        f.append("latest_before")
    return f


def link_pairs(text: str, r: Response, claims: list[Claim]) -> list[tuple[Claim, list[str]]]:
    """Each claim of the article with the features of 'r answers it'."""
    pos = _position(text, r)
    before = [c for c in claims if c.span[0] <= pos]
    latest = before[-1].id if before else None
    return [(c, link_features(text, r, c, c.id == latest)) for c in claims]


def relink(text: str, responses: list[Response], claims: list[Claim], model: LinearModel) -> list[Response]:
    """Each response linked to the claim the model finds likeliest, or to none
    (then the store's cross-article step may link it) when no claim reaches the threshold
    — unless the response names what it answers ("rejected the claim", "these
    allegations"): then the latest claim before it (R2)."""
    from dataclasses import replace

    out = []
    for r in responses:
        best, best_p = None, model.threshold
        pairs = link_pairs(text, r, claims)
        for c, feats in pairs:
            p = model.prob(feats)
            if p >= best_p:
                best, best_p = c, p
        if best is None and _ANAPHOR.search(r.text):
            # "Rebutting the claim": a response that points back at a claim answers the
            # latest one before it (GUIDELINES R2), whatever the pair features say
            best = next((c for c, feats in pairs if "latest_before" in feats), None)
        out.append(replace(r, claim_id=best.id if best is not None else None))
    return out
