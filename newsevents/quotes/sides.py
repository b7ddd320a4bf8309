"""Learned claimant and accused: which actor of a claim's neighbourhood made it, which are accused.

Every actor named near a claim is a candidate (``side_candidates``): the
mentions of the cue's sentence and the one before, the rules' claimant and
accused, the speaker of a quote holding the content, the cue's subject. Each
gets binary features (its dependency relation to the cue, "according to X",
a possessor "X's accusation", the by-agent of a passive, an apposition, its
side of the cue and of the content, distance, actor kind and sector, whether
the rules or the quote chose it) and two linear models (``claimant``,
``accused`` in ``ledger.json``) score it. The claimant is the rules' when
they name one, else the likeliest candidate at or above its threshold (else
none); the accused are the others at or above theirs. Without the models the rules' sides stay (``assign_sides``).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..models import Actor
from .learned import LinearModel, _bucket, _classes, _sent_starts
from .lexicon import Lexicon

MAX_ACCUSED = 3


def _span_tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _relation(tok, cue) -> list[str]:
    """How a mention's head token hangs on the cue (or on its content)."""
    f = []
    head = tok.head
    if cue is None:
        return f
    if head.i == cue.i and tok.i != cue.i:
        f.append(f"rel={tok.dep_}")
    elif head.head.i == cue.i and head.dep_ in ("prep", "agent") and tok.dep_ == "pobj":
        f.append(f"rel={'agent' if head.dep_ == 'agent' else 'prep-' + head.lower_}")
    elif head.dep_ == "appos" or tok.dep_ == "appos":
        f.append("rel=appos")
    if tok.dep_ == "poss" and head.i == cue.i:
        f.append("possessor")  # "Iran's accusation"
    if head.lower_ == "to" and head.head.lower_ == "according":
        f.append("according_to")
    if tok.dep_ in ("nsubj", "nsubjpass") and head.i != cue.i:
        f.append(f"subj_of_other={'content' if head.head.i == cue.i else 'far'}")
    return f


def _structural_heads(doc, cue, span, anchor) -> list[tuple[object, str]]:
    """Noun phrases that stand in a claimant's or an accused's place around the cue:
    its subject, by-agent, possessor ("Iran's accusation"), object, "of/against/for"
    object, the content's subject, "according to X"."""
    out = []
    if cue is not None:
        for c in cue.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "dative"):
                out.append((c, c.dep_))
            elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "of", "against", "for", "from"):
                out += [(g, f"prep-{c.lower_}") for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "appos":
                out.append((c, "appos"))
        if cue.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and cue.head.pos_ in ("VERB", "AUX"):
            # "the accusation was rejected by X", "X denied the allegation": who answers it
            subj = next((c for c in cue.head.children if c.dep_ == "nsubj" and c.i != cue.i), None)
            if subj is not None:
                out.append((subj, "answerer"))
    if span is not None:
        root = span.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            out.append((subj, "content_subject"))
    sent = anchor.sent
    for t in sent:
        if t.lower_ == "according":
            for to in t.children:
                out += [(g, "according_to") for g in to.children if g.dep_ == "pobj"]
    return [(h, label) for h, label in out if h.pos_ != "PRON" or h.lower_ in ("he", "she", "they")]


def side_candidates(doc, draft, index, quotes, lex: Lexicon) -> list[tuple[Actor, list[str]]]:
    """(actor, features) for each distinct actor near a claim draft, in text order of first mention."""
    from .claims import _actors_of, _speaker_actor, same_actor
    from .speakers import subject_of

    cue = draft.cue_tok
    span = _span_tokens(doc, draft.start, draft.end)
    anchor = cue if cue is not None else (span[0] if span is not None else None)
    if anchor is None:
        return []
    starts = _sent_starts(doc)
    k = bisect.bisect_right(starts, anchor.sent.start) - 1
    lo = doc[starts[k - 1]].idx if k > 0 else anchor.sent.start_char
    hi = max(anchor.sent.end_char, draft.end)
    cue_cls = _classes(cue.lemma_.lower(), lex) if cue is not None else []
    cls = cue_cls[0] if cue_cls else "none"
    cands: list[tuple[Actor, list[str], int]] = []

    def add(actor: Actor | None, feats: list[str], at: int) -> None:
        if actor is None:
            return
        for n, (a, f, first) in enumerate(cands):
            if same_actor(a, actor) or a.name == actor.name:
                # the rules' actor (with a role, an organisation) is kept over a bare mention's
                keep = a if a.role or a.org or not (actor.role or actor.org) else actor
                cands[n] = (keep, f + [x for x in feats if x not in f], min(first, at))
                return
        cands.append((actor, list(feats), at))

    add(draft.claimant, ["src=rule_claimant"], draft.start)
    for a in draft.accused:
        add(a, ["src=rule_accused"], draft.start)
    for head, label in _structural_heads(doc, cue, span, anchor):
        for a in _actors_of(head, index):
            add(a, ["src=struct", f"struct={label}", f"cls&struct={cls}|{label}"], head.idx)
    if cue is not None and cue.pos_ in ("VERB", "AUX"):
        for a in _actors_of(subject_of(cue), index):
            add(a, ["src=cue_subject"], cue.idx)
    for q in quotes:
        if q.start < draft.end and draft.start < q.end:
            add(_speaker_actor(q.speaker), ["src=quote_speaker"], q.start)
            break
    # each actor's mention nearest the cue (the first, without a cue) says where it stands
    nearest: dict[str, tuple[int, object, object]] = {}
    ms = index._mention_starts
    for m in index.mentions[bisect.bisect_left(ms, lo):bisect.bisect_left(ms, hi)]:
        toks = _span_tokens(doc, m.start, m.end)
        if toks is None:
            continue
        d = abs(toks.root.i - anchor.i) if cue is not None else m.start
        key = m.actor.name
        if key not in nearest or d < nearest[key][0]:
            nearest[key] = (d, m, toks.root)
    count: dict[str, int] = {}
    for m in index.mentions[bisect.bisect_left(ms, lo):bisect.bisect_left(ms, hi)]:
        count[m.actor.name] = count.get(m.actor.name, 0) + 1
    first = min((v[1].start for v in nearest.values()), default=-1)
    for name, (_d, m, tok) in sorted(nearest.items(), key=lambda kv: kv[1][1].start):
        f = ["src=mention", f"mrule={(m.rule or 'none').split(':')[-1]}", f"dep={tok.dep_}"]
        f.append("where=" + ("in" if draft.start <= m.start < draft.end else
                             "before" if m.start < draft.start else "after"))
        f.append("sent=" + ("same" if m.start >= anchor.sent.start_char else "prev"))
        if m.start == first:
            f.append("first_mention")
        if count[name] > 1:
            f.append("mentions>1")
        if cue is not None:
            side = "before" if tok.i < cue.i else "after"
            f += [f"cue_side={side}", f"dist={_bucket(abs(tok.i - cue.i), (1, 3, 6, 12, 25))}"]
            rel = _relation(tok, cue)
            f += rel + [f"cls&{cls}|{r}" for r in rel + [f"side={side}"]]
        add(m.actor, f, m.start)
    out = []
    for a, f, _first in sorted(cands, key=lambda c: c[2]):
        f = f + [f"kind={a.kind}", f"sector={a.sector or 'none'}", f"country={a.country is not None}",
                 f"cuecls={cls}"]
        if a.role:
            f.append("has_role")
        if "src=mention" not in f:
            f.append("no_mention")
        out.append((a, f))
    return out


def choose_sides(cands: list[tuple[Actor, list[str]]], claimant_model: LinearModel,
                 accused_model: LinearModel) -> tuple[Actor | None, tuple[Actor, ...]]:
    """The claimant and the accused of one claim.

    The claimant is the rules' when they found one (a structural reading: subject,
    agent, possessor, the quote's speaker); cross-validated, the model ranking all
    candidates chose worse there (0.645 vs 0.669 over train claims with a named
    claimant) but well where the rules found none. So otherwise it is the model's
    likeliest candidate at or above its threshold, or none. The accused are the
    candidates at or above the accused model's threshold, the claimant left out.
    """
    from .claims import same_actor

    best = next((a for a, f in cands if "src=rule_claimant" in f), None)
    if best is None:
        best_p = claimant_model.threshold
        for a, f in cands:
            p = claimant_model.prob(f)
            if p >= best_p:
                best, best_p = a, p
    accused = tuple(a for a, f in cands if accused_model.accepts(f)
                    and not (best is not None and same_actor(a, best)))
    return best, accused[:MAX_ACCUSED]


def assign_sides(doc, drafts: list, index, quotes, lex: Lexicon, models: dict[str, LinearModel]) -> list:
    """The drafts with their claimant and accused chosen by the learned models (when shipped)."""
    if "claimant" not in models or "accused" not in models:
        return drafts
    out = []
    for d in drafts:
        claimant, accused = choose_sides(side_candidates(doc, d, index, quotes, lex),
                                         models["claimant"], models["accused"])
        out.append(replace(d, claimant=claimant, accused=accused))
    return out
