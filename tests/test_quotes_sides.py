"""The learned claimant and accused (newsevents.quotes.sides): candidates, features, choice."""

from datetime import date

import pytest

from newsevents.models import Actor
from newsevents.quotes.learned import LinearModel, load_models
from newsevents.quotes.sides import assign_sides, choose_sides, side_candidates


@pytest.fixture(scope="module")
def drafts_of():
    """The claim candidates of a text with the product's actors, and what side_candidates needs."""
    from newsevents.actors import resolve_actors
    from newsevents.nlp import load_nlp
    from newsevents.quotes.claims import find_claims
    from newsevents.quotes.learned import claim_candidates
    from newsevents.quotes.lexicon import lexicon
    from newsevents.quotes.speakers import SpeakerIndex
    from newsevents.quotes.speech import find_quotes
    from newsevents.settings import Settings

    nlp = load_nlp(Settings().model)
    lex = lexicon(())

    def run(text):
        doc = nlp(text)
        index = SpeakerIndex.build(doc, lex, resolve_actors(doc, date(2024, 4, 1)))
        quotes = find_quotes(doc, lex, index, [], None)
        drafts = find_claims(doc, lex, index, quotes)
        return doc, claim_candidates(doc, lex, index, quotes, drafts), index, quotes, lex
    return run


def _by_name(cands):
    return {a.name: f for a, f in cands}


def test_candidates_carry_the_relation_to_the_cue(drafts_of):
    doc, cands, index, quotes, lex = drafts_of("Iran accused Israel of attacking its embassy in Damascus.")
    d = next(c for c in cands if c.rule.startswith("accusation"))
    feats = _by_name(side_candidates(doc, d, index, quotes, lex))
    assert "rel=nsubj" in feats["Iran"] and "cue_side=before" in feats["Iran"]
    assert "rel=dobj" in feats["Israel"] and "cue_side=after" in feats["Israel"]
    assert "src=rule_claimant" in feats["Iran"] and "src=rule_accused" in feats["Israel"]


def test_according_to_and_a_possessor_are_candidates(drafts_of):
    doc, cands, index, quotes, lex = drafts_of(
        "According to the United Nations, Russian forces shelled the hospital.")
    d = next(c for c in cands if "shelled" in doc.text[c.start:c.end])
    feats = _by_name(side_candidates(doc, d, index, quotes, lex))
    un = next(f for name, f in feats.items() if "United Nations" in name)
    assert "struct=according_to" in un
    doc, cands, index, quotes, lex = drafts_of("The opposition's accusation that Imran Khan rigged the vote grew.")
    d = next(c for c in cands if c.cue_tok is not None and c.cue_tok.lower_ == "accusation")
    structs = [f for _a, f in side_candidates(doc, d, index, quotes, lex) if "struct=poss" in f]
    assert structs, "the possessor of a claim noun is a claimant candidate"


def test_choose_sides_takes_the_likeliest_claimant_and_leaves_it_out_of_the_accused():
    a, b, c = Actor("A", None), Actor("B", None), Actor("C", None)
    cands = [(a, ["x"]), (b, ["y"]), (c, ["z"])]
    claimant = LinearModel(0.0, {"x": 1.0, "y": 2.0, "z": -5.0}, 0.5)
    accused = LinearModel(0.0, {"x": 1.0, "y": 1.0, "z": -1.0}, 0.5)
    assert choose_sides(cands, claimant, accused) == (b, (a,))
    # below the threshold: no claimant rather than a poor one
    assert choose_sides(cands, LinearModel(-10.0, {}, 0.5), accused)[0] is None
    # the rules' claimant, when they found one, is kept (the model fills the gaps)
    ruled = [(a, ["x"]), (b, ["y"]), (c, ["z", "src=rule_claimant"])]
    assert choose_sides(ruled, claimant, accused)[0] is c


def test_without_side_models_the_rules_sides_stay(drafts_of):
    doc, cands, index, quotes, lex = drafts_of("Iran accused Israel of attacking its embassy.")
    assert assign_sides(doc, cands, index, quotes, lex, {}) is cands


def test_shipped_side_models_name_the_accuser_and_the_accused(drafts_of):
    models = load_models()
    assert {"claimant", "accused"} <= set(models)
    doc, cands, index, quotes, lex = drafts_of("Ukraine accused Russia of shelling a hospital in Kharkiv.")
    d = next(c for c in cands if c.rule.startswith("accusation"))
    (got,) = assign_sides(doc, [d], index, quotes, lex, models)
    assert got.claimant is not None and "Ukraine" in got.claimant.name
    assert any("Russia" in a.name for a in got.accused)
    assert not any("Ukraine" in a.name for a in got.accused)
