"""quotes stage: who said what, who claimed what, who denied it.

``extract_speech(doc, mentions, times, published)`` returns a ``Speech`` with
direct and indirect quotes, claims (accusations, allegations, reports) and the
responses (denials, confirmations) linked to the claims they answer.
``link_responses`` re-links responses across articles; ``claim_status`` gives a
claim's place in the ledger.
"""

from __future__ import annotations

import hashlib
from datetime import date

from ..models import Mention, Speech, TimeRef
from ..nlp import doc_text
from .claims import (
    build_claims,
    claim_status,
    find_claims,
    find_responses,
    link_responses,
    same_actor,
)
from .learned import load_models, relink, response_candidates, select_claims, select_responses
from .lexicon import lexicon, load_lexicon
from .sides import assign_sides
from .speakers import SpeakerIndex
from .speech import find_quotes

__all__ = ["claim_status", "extract_speech", "link_responses", "load_lexicon", "same_actor"]


def extract_speech(doc, mentions: list[Mention] | None, times: list[TimeRef] | None,
                   published: date | None, settings=None, learned: bool = True,
                   ledger: str | None = None) -> Speech:
    """Quotes, claims and responses in a parsed article.

    ``doc`` is the spaCy Doc of ``Article.text``; ``mentions`` come from
    ``actors.resolve_actors`` and ``times`` from ``temporal.resolve_dates``
    (either may be empty: speakers then carry names without actor codes, and
    dates fall back to ``published`` with precision ``unknown``). Cue words
    come from the bundled ``cues.tsv`` plus ``settings.cue_files``. With
    ``learned`` (the default) the shipped ledger models choose the claims and
    responses among the rules' proposals and the quotes; ``learned=False`` gives
    the rules alone (for measuring the difference). ``ledger`` is the path of
    another ledger model file (training only: the event coder's training reads
    each document through a ledger that never saw it, ``train_ledger.py
    --fold-models``).

    >>> speech = extract_speech(nlp('Iran denied the claims, KCNA said.'), [], [], None)  # doctest: +SKIP
    >>> speech.quotes[0].speaker.name  # doctest: +SKIP
    'KCNA'
    """
    lex = lexicon(tuple(getattr(settings, "cue_files", ()) or ()))
    times = sorted(times or [], key=lambda t: t.start)
    index = SpeakerIndex.build(doc, lex, list(mentions or []))
    quotes = find_quotes(doc, lex, index, times, published)
    key = hashlib.sha1(doc_text(doc).encode("utf-8")).hexdigest()
    drafts = find_claims(doc, lex, index, quotes)
    # the learned ledger (when its weights are shipped) keeps the claims and
    # responses it believes among the rules' proposals and the quotes
    models = load_models(ledger) if learned else {}
    if "claim" in models:
        drafts = select_claims(doc, lex, index, quotes, drafts, models["claim"])
    # and their claimant and accused among the actors named around each claim
    drafts = assign_sides(doc, drafts, index, quotes, lex, models)
    claims = build_claims(doc, drafts, times, published, key)
    responses = find_responses(doc, lex, index, drafts, claims, times, published, key)
    if "response" in models:
        cands = response_candidates(doc, lex, index, claims, responses, times, published, key, quotes)
        responses = select_responses(doc, lex, claims, cands, models["response"])
    if "link" in models:
        responses = relink(doc_text(doc), list(responses), claims, models["link"])
    return Speech(quotes=tuple(quotes), claims=tuple(claims), responses=tuple(responses))
