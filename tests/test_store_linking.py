"""The link model's features and scoring (newsevents.store.linking)."""

import json

from newsevents.store.linking import (
    MODEL_PATH,
    actor_keys,
    content_match,
    context_window,
    load_link_model,
    pair_features,
    rival_features,
)

RESPONSE = {"text": "denied supplying artillery shells to Russia", "kind": "denial",
            "context": "Pyongyang denied supplying artillery shells to Russia on Monday.",
            "responder": actor_keys(["Pyongyang"], ["PRK"], ["PRK"])}
CLAIM = {"text": "North Korea supplied artillery shells to Russia", "cue": "accused",
         "context": "The United States accused North Korea of supplying artillery shells to Russia.",
         "claimant": actor_keys(["United States"], ["USA"], ["USA"]),
         "accused": actor_keys(["North Korea"], ["PRK"], ["PRK"])}
OTHER = {"text": "Chile exported copper to China", "cue": "said",
         "context": "Officials in Santiago said Chile exported copper to China.",
         "claimant": actor_keys(["Santiago"]), "accused": actor_keys(["Chile"], ["CHL"], ["CHL"])}


def test_features_are_bounded_and_say_whether_the_responder_is_accused():
    f = pair_features(RESPONSE, CLAIM)
    assert all(0.0 <= v <= 1.0 for v in f.values())
    assert f["responder_accused"] == 1.0 and f["responder_claimant"] == 0.0
    g = pair_features(RESPONSE, OTHER)
    assert g["responder_accused"] == 0.0 and g["text_jaccard"] == 0.0


def test_the_shipped_model_knows_every_feature_and_prefers_the_answered_claim():
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["model"]
    right, wrong = rival_features([pair_features(RESPONSE, CLAIM), pair_features(RESPONSE, OTHER)],
                                  [(1,), (2,)])
    assert set(spec["weights"]) == set(right)
    assert 0.0 < spec["threshold"] < 1.0
    model = load_link_model()
    assert model.score(right) >= model.threshold > model.score(wrong)


def test_context_window_stops_at_sentence_ends():
    text = "First sentence here. Iran denied the report on Monday. Last one."
    start = text.index("denied")
    assert context_window(text, start, start + 6) == "Iran denied the report on Monday."


def test_actor_keys_ignore_role_words():
    assert actor_keys(["the foreign ministry spokesperson"]) == frozenset()
    assert "code:IRN" in actor_keys(["Iran"], ["IRN"])


def test_an_uncoded_responder_named_near_the_claim_is_seen_by_name():
    # the claim's accused was not extracted, but its sentence names the responder
    claim = {"text": "supplied shells to Russia", "cue": "accused",
             "context": "Washington said Pyongyang supplied shells to Russia.",
             "claimant": actor_keys(["Washington"]), "accused": frozenset()}
    response = {"text": "denied the report", "kind": "denial", "context": "Pyongyang denied the report.",
                "responder": actor_keys(["Pyongyang"])}
    assert pair_features(response, claim)["responder_named_in_claim"] == 1.0
    assert pair_features(dict(response, responder=actor_keys(["Santiago"])), claim)["responder_named_in_claim"] == 0.0


# Two accusations of the same story against the same responder (the commonest wrong
# link: the response answers one, the other shares its actors and some words).
SHELLS = dict(CLAIM, context="The United States accused North Korea on Monday of supplying artillery "
              "shells to Russia.")
MISSILES = {"text": "North Korea sold missiles to Russia", "cue": "accused",
            "context": "Ukraine accused North Korea of selling missiles to Russia.",
            "claimant": actor_keys(["Ukraine"], ["UKR"], ["UKR"]),
            "accused": actor_keys(["North Korea"], ["PRK"], ["PRK"])}


def test_the_claim_the_response_fits_best_has_the_content_margin_over_its_rival():
    shells, missiles = rival_features([pair_features(RESPONSE, SHELLS), pair_features(RESPONSE, MISSILES)],
                                      [(1,), (2,)])
    assert shells["content_margin"] > 0.5 > missiles["content_margin"]
    assert all(0.0 <= f["content_margin"] <= 1.0 for f in (shells, missiles))
    # alone, a claim is weighed against nothing: its margin is its own content match
    alone, = rival_features([pair_features(RESPONSE, MISSILES)], [(2,)])
    assert alone["content_margin"] > missiles["content_margin"]


def test_only_claims_made_before_the_response_are_rivals():
    # the shells claim reported after the response (None) does not lower the missiles'
    # margin: what comes later cannot be what the response answers
    shells, missiles = rival_features([pair_features(RESPONSE, SHELLS), pair_features(RESPONSE, MISSILES)],
                                      [None, (2,)])
    alone, = rival_features([pair_features(RESPONSE, MISSILES)], [(2,)])
    assert missiles["content_margin"] == alone["content_margin"]
    # but the later claim is still weighed against the earlier ones
    assert shells["content_margin"] > 0.5


def test_the_store_weighs_unscored_rivals_by_the_same_content_match():
    # an ingest weighs a new claim against an old response's older claims through
    # content_match: it must be the match rival_features computes from the features
    for claim in (SHELLS, MISSILES, OTHER):
        f = pair_features(RESPONSE, claim)
        one, = rival_features([f], [(1,)], others=[content_match(RESPONSE, SHELLS)])
        two = rival_features([f, pair_features(RESPONSE, SHELLS)], [(1,), (0,)])[0]
        assert one["content_margin"] == two["content_margin"]
