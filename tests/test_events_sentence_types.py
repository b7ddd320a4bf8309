"""The sentence-type signal (issue #16): P(type | sentence) and the features candidates read."""

import json
import sys
from pathlib import Path

import pytest

from newsevents.errors import DataFileError
from newsevents.events import sentence_types as S

ROOT = Path(__file__).resolve().parents[1]


def test_type_features_bucket_the_probability_alone_and_with_the_type():
    probs = {"AGREE": 0.72, "CONSULT": 0.9, "ASSAULT": 0.01}
    assert S.type_features(probs, "AGREE") == ["sty=0.8", "sty=0.8|t=AGREE"]
    assert S.type_features(probs, "ASSAULT")[0] == "sty=0.05"
    assert S.type_features(probs, "REJECT") == [] and S.type_features(None, "AGREE") == []


def test_probabilities_are_the_logistic_of_the_normalised_tfidf_sum():
    m = {"types": ["AGREE", "ASSAULT"], "bias": [-1.0, 0.5],
         "w": {"w=sign": [2.0, 3.0, -1.0], "w=deal": [1.0, 1.0, 0.0]}}
    p = S.type_probs(m, ["w=sign", "w=deal", "w=sign", "w=unseen"])
    norm = (2.0 ** 2 + 1.0 ** 2) ** 0.5
    assert p["AGREE"] == pytest.approx(1 / (1 + 2.718281828459045 ** -(-1.0 + 4.0 / norm)))
    assert p["ASSAULT"] == pytest.approx(1 / (1 + 2.718281828459045 ** -(0.5 - 1.0 / norm)))
    assert S.type_probs(m, []) == {"AGREE": pytest.approx(1 / (1 + 2.718281828459045)),
                                   "ASSAULT": pytest.approx(1 / (1 + 2.718281828459045 ** -0.5))}


def test_the_exported_model_scores_as_scikit_learn_does():
    # the run-time scorer over the exported weights must give the training pipeline's numbers
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_sentence_types as T
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    sents = [(["w=attack", "w=troop"], ["ASSAULT"]), (["w=sign", "w=deal"], ["AGREE"]),
             (["w=attack", "w=city"], ["ASSAULT"]), (["w=deal", "w=talk"], ["AGREE", "CONSULT"]),
             (["w=talk", "w=meet"], ["CONSULT"]), (["w=rain", "w=city"], []),
             (["w=meet", "w=sign"], ["CONSULT"]), (["w=troop", "w=city"], ["ASSAULT"])] * 2
    data = {"d": {"feats": [f for f, _ in sents], "labels": [sorted(y) for _, y in sents]}}
    model = T.fit(data, ["d"], C=2.0, min_df=1, context=())
    assert model["types"] == ["AGREE", "CONSULT", "ASSAULT"]
    vec, tfidf = DictVectorizer(), TfidfTransformer()
    X = tfidf.fit_transform(vec.fit_transform([dict.fromkeys(f, 1) for f, _ in sents]))
    for j, t in enumerate(model["types"]):
        lr = LogisticRegression(C=2.0, solver="liblinear").fit(X, [int(t in y) for _, y in sents])
        want = lr.predict_proba(X)[:, 1]
        got = [S.type_probs(model, f)[t] for f, _ in sents]
        assert got == pytest.approx(list(want), abs=1e-4)
        assert all(0.0 <= g <= 1.0 for g in got)


def test_a_missing_file_means_no_model(tmp_path):
    assert S.load_sentence_model(str(tmp_path / "none.json")) is None


@pytest.mark.parametrize("text", ["{not json", json.dumps({"format": 9, "w": {}}),
                                  json.dumps({"format": 1, "types": ["AGREE"], "bias": [0.0], "w": {"w=x": [1.0]}})])
def test_a_malformed_model_is_a_clear_error(tmp_path, text):
    p = tmp_path / "m.json"
    p.write_text(text)
    with pytest.raises(DataFileError, match="make train"):
        S.load_sentence_model(str(p))


def test_the_shipped_model_loads_and_knows_every_type():
    from newsevents.models import PLOVER_TYPES

    m = S.load_sentence_model()
    assert m is not None, "the shipped sentence-type model is missing: run `make train`"
    assert set(m["types"]) <= set(PLOVER_TYPES) and len(m["types"]) >= 12
    assert len(m["w"]) > 1000


@pytest.mark.slow
def test_sentence_features_read_words_bigrams_the_root_and_the_sentence_before():
    from newsevents.nlp import parse_one

    doc = parse_one("Talks resumed in Geneva. Russian troops attacked the city on Monday.")
    f = S.sentence_features(doc, 1, ())
    assert {"w=troop", "w=attack", "b=troop_attack", "root=attack"} <= set(f)
    assert not any(x.startswith("p=") for x in f) and f == sorted(set(f))
    assert "p=talk" in S.sentence_features(doc, 1, ("prev",))
    assert S.sentence_features(doc, 5, ()) == []
    probs = S.sentence_probs(S.load_sentence_model(), doc)
    assert len(probs) == 2 and all(0.0 <= p <= 1.0 for ps in probs for p in ps.values())
    assert probs[1]["ASSAULT"] > probs[1]["AGREE"]


@pytest.mark.slow
def test_training_and_run_time_give_candidates_the_same_features(worked_example_stages):
    # the training script adds the sentence-type features to a candidate's cached features
    # (train_sentence_types.attach); the events stage adds them inside features.py
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_sentence_types as T

    from newsevents.events.candidates import propose
    from newsevents.events.features import features

    doc = worked_example_stages[0]
    cands = propose(*worked_example_stages)
    probs = S.sentence_probs(S.load_sentence_model(), doc)
    row = {"doc_id": "x", "cands": [{"f": features(c, doc, 2, {}), "sent": c.sent, "tup": (c.type,)}
                                    for c in cands]}
    T.attach([row], {"x": probs})
    run = [features(c, doc, 2, {"sentence_types": probs}) for c in cands]
    assert any(x.startswith("sty=") for f in run for x in f)
    assert [sorted(r["f"]) for r in row["cands"]] == [sorted(f) for f in run]


@pytest.mark.slow
def test_without_the_file_the_events_stage_still_runs(worked_example_stages, monkeypatch, tmp_path):
    from newsevents.events import extract as E
    from newsevents.events import extract_events

    monkeypatch.setattr(E, "load_sentence_model", lambda: S.load_sentence_model(str(tmp_path / "none.json")))
    assert extract_events(*worked_example_stages)
