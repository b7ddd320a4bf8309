"""The learned ledger (newsevents.quotes.learned): linear scoring, candidates, selection."""

import json
from types import SimpleNamespace

import pytest

from newsevents.quotes import extract_speech
from newsevents.quotes.learned import MODEL_PATH, LinearModel, keep_best, load_models, one_per_cue


@pytest.fixture(scope="module")
def speech():
    """extract_speech on a text with the product's actors, as the pipeline runs it."""
    from datetime import date

    from newsevents.actors import resolve_actors
    from newsevents.nlp import load_nlp
    from newsevents.settings import Settings

    nlp = load_nlp(Settings().model)
    published = date(2024, 4, 1)

    def run(text, learned=True):
        doc = nlp(text)
        return extract_speech(doc, resolve_actors(doc, published), [], published, learned=learned)
    return run


def test_linear_model_is_a_logistic_over_binary_features():
    m = LinearModel(bias=-1.0, weights={"a": 2.0, "b": -3.0}, threshold=0.5)
    assert m.prob([]) == pytest.approx(1 / (1 + 2.718281828 ** 1.0), rel=1e-6)
    assert m.prob(["a"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert m.accepts(["a"]) and not m.accepts(["a", "b"]) and not m.accepts(["unseen"])
    # saturates instead of overflowing on extreme weights
    assert LinearModel(1e6, {}).prob([]) == pytest.approx(1.0)


def test_keep_best_takes_the_most_likely_of_overlapping_candidates_in_text_order():
    c = [SimpleNamespace(start=0, end=10), SimpleNamespace(start=5, end=20),
         SimpleNamespace(start=30, end=40), SimpleNamespace(start=50, end=60)]
    kept = keep_best(c, [0.6, 0.9, 0.7, 0.2], threshold=0.5)
    assert kept == [c[1], c[2]]


def test_one_response_per_cue_word_the_most_likely_in_text_order():
    def run(scored, threshold):
        cands = [(SimpleNamespace(i=i), SimpleNamespace(claim_id=claim, name=name, p=p), "rule")
                 for (i, claim), p, name in scored]
        return [r.name for _t, r, _s in one_per_cue(cands, lambda tok, r, rule: r.p, threshold)]

    a, b, c, d = "pakistan-rejects", "china-rejects", "denies", "unsure"
    kept = run([((7, "c1"), 0.6, a), ((7, "c1"), 0.8, b), ((2, None), 0.7, c), ((12, "c1"), 0.3, d)],
               threshold=0.5)
    assert kept == [c, b]
    # one cue answering two claims stays two responses
    assert run([((7, "c1"), 0.6, a), ((7, "c2"), 0.8, b)], 0.5) == [a, b]
    # a tie keeps the first proposal; nothing under the threshold survives
    assert run([((3, None), 0.6, a), ((3, None), 0.6, b)], 0.5) == [a]
    assert run([((3, None), 0.4, a)], 0.5) == []


def test_two_responders_of_one_clause_are_one_response(speech):
    text = ("Pakistani officials accused Chinese firms of depriving ethnic Baloch of jobs. "
            "Both Pakistan and China reject the claims that their joint ventures are depriving ethnic Baloch "
            "of economic opportunities.")
    s = speech(text)
    cues = [text[r.span[0]:r.span[1]] for r in s.responses]
    assert s.responses and len({r.text for r in s.responses}) == len(s.responses), cues


def test_shipped_models_load_with_their_model_card():
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(raw["models"]) == {"claim", "response", "link", "claimant", "accused"}
    models = load_models()
    for name in ("claim", "response", "link", "claimant", "accused"):
        assert 0 < models[name].threshold < 1 and models[name].weights
    assert (MODEL_PATH.parent / "README.md").is_file()


def test_missing_weights_leave_the_rules_alone(tmp_path):
    assert load_models(str(tmp_path / "absent.json")) == {}


def test_learned_ledger_keeps_an_accusation_and_its_denial(speech):
    text = ("The United States accused North Korea of supplying artillery shells to Russia. "
            "North Korea denied the accusation on Friday.")
    got = speech(text)
    assert any("artillery shells" in c.text for c in got.claims)
    denial = [r for r in got.responses if r.kind == "denial"]
    assert denial and denial[0].claim_id == got.claims[0].id


def test_learned_ledger_is_deterministic(speech):
    text = ("Officials said the militants attacked the convoy. The group claimed responsibility "
            "for the attack, but the army denied the reports that soldiers were killed.")
    a = speech(text)
    b = speech(text)
    assert a == b


def test_rules_alone_remain_available(speech):
    text = "Pakistan accused India of sponsoring the attack, a charge New Delhi rejected."
    rules = speech(text, learned=False)
    assert rules.claims and rules.claims[0].text.startswith("sponsoring")


@pytest.fixture(scope="module")
def parts():
    """The ledger's inputs for a text: doc, lexicon, speaker index, claims, rule responses."""
    import hashlib
    from datetime import date

    from newsevents.actors import resolve_actors
    from newsevents.nlp import load_nlp
    from newsevents.quotes.claims import build_claims, find_claims, find_responses
    from newsevents.quotes.lexicon import lexicon
    from newsevents.quotes.speakers import SpeakerIndex
    from newsevents.quotes.speech import find_quotes
    from newsevents.settings import Settings

    nlp = load_nlp(Settings().model)
    published = date(2024, 4, 1)

    def run(text):
        doc = nlp(text)
        lex = lexicon(())
        index = SpeakerIndex.build(doc, lex, list(resolve_actors(doc, published)))
        quotes = find_quotes(doc, lex, index, [], published)
        key = hashlib.sha1(text.encode()).hexdigest()
        drafts = find_claims(doc, lex, index, quotes)
        claims = build_claims(doc, drafts, [], published, key)
        rule = find_responses(doc, lex, index, drafts, claims, [], published, key)
        return SimpleNamespace(doc=doc, lex=lex, index=index, quotes=quotes, claims=claims, rule=rule,
                               key=key, published=published)
    return run


def test_a_rebuttal_verb_is_proposed_for_the_model_to_decide(parts):
    from newsevents.quotes.learned import response_candidates

    p = parts("Bolton insists he resigned.")
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    assert [(tok.lower_, r.kind, src) for tok, r, src in cands] == [("insists", "denial", "rebuttal")]
    p = parts("The minister confessed that he took the money.")
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    assert [(r.kind, src) for _tok, r, src in cands] == [("confirmation", "rebuttal")]


def test_a_guilty_plea_and_a_recantation_are_proposed(parts):
    from newsevents.quotes.learned import response_candidates

    def proposed(text):
        p = parts(text)
        cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
        return {(r.kind, src) for _tok, r, src in cands}

    assert ("confirmation", "plead-guilty") in proposed("The former lawyer pleads guilty to eight felony charges.")
    assert ("denial", "recant") in proposed("The gunman recants his confession, saying police tortured him.")
    assert not any(src == "plead-guilty" for _k, src in proposed("He pleaded not guilty to the charges."))


def test_response_features_say_whether_the_responder_is_the_accused(parts):
    from newsevents.quotes.learned import response_candidates, response_features

    p = parts("The United States accused Iran of supplying drones to Russia. "
              "Iran denied supplying drones to Russia.")
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    tok, r, src = next(c for c in cands if c[1].kind == "denial")
    feats = response_features(p.doc, tok, r, p.lex, p.claims, src)
    assert "responder_accused_in_doc" in feats and "responder_claimant_in_doc" not in feats
    assert f"rule&kind={src}|denial" in feats


def test_response_features_read_the_shape_of_the_confirmed_clause(parts):
    # GUIDELINES R4: "confirms that Israel killed ..." affirms a past act; the model
    # sees the clause's tag, modal and subject
    from newsevents.quotes.learned import response_candidates, response_features

    def feats(text):
        p = parts(text)
        cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
        tok, r, src = next(c for c in cands if c[1].kind == "confirmation")
        return response_features(p.doc, tok, r, p.lex, p.claims, src)

    act = feats("Hamas confirms that Israel killed its military chief in an airstrike.")
    assert not any(f.startswith("comp_modal=") for f in act)
    assert "comp_subj=PROPN" in act and "comp_tag=VBD" in act


@pytest.mark.parametrize("text, reason", [
    ("Saudi Arabia has not confirmed the incident.", "negated"),
    ("The minister did not deny the claims.", "negated"),
    ("Four people are confirmed dead after the ferry sank.", "agentless"),
    ("Two siblings were admitted for observation.", "agentless"),
    ("China confirms that it will attend the forum in Beijing next week.", "announcement"),
    ("The EU acknowledged it will likely miss its emissions targets.", "announcement"),
    ("Israel denies entry to six Canadian lawmakers.", "proposal"),
    ("France rejects the request to withdraw its troops.", "proposal"),
])
def test_what_guidelines_r1_and_r4_exclude_is_not_proposed(parts, text, reason):
    from newsevents.quotes.learned import not_a_response, response_candidates

    p = parts(text)
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    assert not [r for _t, r, _s in cands if r.kind in ("denial", "confirmation")]
    cue = next(t for t in p.doc if t.lemma_.lower() in p.lex.cues["denial"] | p.lex.cues["confirmation"])
    kind = "denial" if cue.lemma_.lower() in p.lex.cues["denial"] else "confirmation"
    assert not_a_response(cue, kind, "cue", p.lex) == reason


@pytest.mark.parametrize("text", [
    "Baitullah Mehsud is confirmed dead by leaders of the Taliban.",   # a passive with its agent
    "Iran confirms it has executed the nuclear scientist.",            # a past act
    "Russia denied the allegations of shelling the plant.",            # a claim, not a proposal
    "He pleaded not guilty to the charges.",                           # a plea is a denial
])
def test_responses_the_guidelines_keep_are_still_proposed(parts, text):
    from newsevents.quotes.learned import response_candidates

    p = parts(text)
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    assert [r for _t, r, _s in cands if r.kind in ("denial", "confirmation")]


def test_event_words_come_from_the_events_stage_loader():
    from newsevents.events.lexicon import default_lexicon
    from newsevents.quotes.learned import event_words

    words = event_words()
    assert words["accuse"] == "ACCUSE" and words["kill"] == "ASSAULT"
    assert "said" not in words  # a speech verb is no event
    # one reading of the lexicon: every word's type is one its entries in the loader give
    lex = default_lexicon()
    for lemma, typ in words.items():
        entries = lex.verbs.get(lemma, []) + lex.nouns.get(lemma, [])
        assert typ in {e.type for e in entries}, lemma


def test_claim_features_say_how_the_content_hangs_on_its_cue(parts):
    from newsevents.quotes.claims import find_claims
    from newsevents.quotes.learned import claim_candidates, claim_features

    p = parts("Officials said on Monday that rebels had attacked a convoy near the border. "
              "The talks resumed later.")
    drafts = find_claims(p.doc, p.lex, p.index, p.quotes)
    cands = claim_candidates(p.doc, p.lex, p.index, p.quotes, drafts)
    cand = next(c for c in cands if "attacked" in p.doc.text[c.start:c.end])
    feats = claim_features(p.doc, cand, p.lex, p.quotes, drafts)
    assert "event=ASSAULT" in feats
    assert "content_pluperfect" in feats and "content_clause" in feats
    assert "cue_side=before" in feats and "sent_index=<=0" in feats and "doc_sents=<=3" in feats
    assert "sent_according_to" not in feats


def test_a_sentence_calling_something_baseless_is_proposed_outside_quotes(parts):
    from newsevents.quotes.learned import response_candidates, response_features

    p = parts("Prosecutors accused the journalist of money laundering. This is an absolutely baseless case.")
    cands = response_candidates(p.doc, p.lex, p.index, p.claims, p.rule, [], p.published, p.key, p.quotes)
    got = [(r.text, r.kind, src) for _tok, r, src in cands if src == "adj-false"]
    assert got == [("This is an absolutely baseless case", "denial", "adj-false")]
    tok, r, src = next(c for c in cands if c[2] == "adj-false")
    feats = response_features(p.doc, tok, r, p.lex, p.claims, src)
    assert "prev_claimish" in feats and "claim_gap=<100" in feats and "sent_index=<=1" in feats


def test_a_response_that_names_the_claim_links_to_the_latest_one_before_it_when_the_model_is_unsure():
    from newsevents.models import Claim, Response
    from newsevents.quotes.learned import relink

    text = ("Officials said the convoy was hit by rebels. Later the army said the rebels had fled. "
            "The rebels denied the claim. A spokesman denied that.")
    first = Claim("c1", None, (), "the convoy was hit by rebels", (0, 45), "said")
    second = Claim("c2", None, (), "the rebels had fled", (46, 86), "said")
    named = Response("r1", None, None, "denial", "denied the claim", (87, 115), "denied")
    bare = Response("r2", None, None, "denial", "denied that", (116, 139), "denied")
    unsure = LinearModel(-10.0, {}, 0.5)  # no pair reaches the threshold
    got = relink(text, [named, bare], [first, second], unsure)
    assert got[0].claim_id == "c2"  # the latest claim before "denied the claim" (R2)
    assert got[1].claim_id is None  # no reference back: left to the cross-article step
    sure = LinearModel(10.0, {"latest_before": -30.0}, 0.5)  # the model's own choice stands
    assert relink(text, [named], [first, second], sure)[0].claim_id == "c1"
