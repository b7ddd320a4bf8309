"""The link model's features and scoring (newsevents.store.linking)."""

import json

from newsevents.store.linking import (
    MODEL_PATH,
    actor_keys,
    context_window,
    load_link_model,
    pair_features,
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
    assert set(spec["weights"]) == set(pair_features(RESPONSE, CLAIM))
    assert 0.0 < spec["threshold"] < 1.0
    model = load_link_model()
    right, wrong = model.score(pair_features(RESPONSE, CLAIM)), model.score(pair_features(RESPONSE, OTHER))
    assert right >= model.threshold > wrong


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
