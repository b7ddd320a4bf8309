"""The learned coder's model, decoding and training steps (issue #16), without spaCy."""

import json
from dataclasses import dataclass
from datetime import date

import pytest

from newsevents.errors import DataFileError
from newsevents.events import model as M
from newsevents.events.decode import decode, settle
from newsevents.models import Actor, Event, Mention


def _event(typ="AGREE", status="reported", value="2050", precision="year", src="USA", tgt="CHN"):
    side = lambda c: None if c is None else Mention(c, 0, 3, Actor(c, c, c))  # noqa: E731
    return Event(id="e", type=typ, mode=None, cameo=None, source=side(src), target=side(tgt),
                 date=value, date_precision=precision, date_text="by 2050", location=None,
                 status=status, attributed_to=None, trigger="agreed", trigger_span=(0, 6),
                 sentence="s", span=(0, 10), confidence=0.5, article_id="a", rules=())


def test_binary_is_the_logistic_of_the_weight_sum():
    w = {"bias": -1.0, "w": {"a": 2.0, "b": 0.5}}
    assert M.binary(w, ["a", "b", "unseen"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.5))
    assert M.binary(w, []) < 0.5


def test_scorer_over_feature_parts_equals_binary_over_the_joined_list():
    # the events stage scores candidates by parts (a reading's trigger features, each
    # side, the pair), weighing a shared part once; the probability must not change
    w = {"bias": -0.3, "w": {"t=AGREE": 0.7, "r=x": 0.1, "s=base": -1.25, "g=base": 0.4, "g.path=a|b": 2.0,
                             "same=True": 0.3, "zero": 0.0}}
    trig = ["bias", "t=AGREE", "r=x", "r=x", "unseen"]
    # (no name in two parts: features.feature_groups prefixes them s. / g.)
    sources = [["s=base", "s.kind=state", "zero"], ["s=none"], []]
    targets = [["g=base", "g.path=a|b", "g.path=a|b"], ["g=none"], []]
    pairs = [["same=True"], ["noactors"], []]
    scorer = M.Scorer(w)
    for src in sources:
        for tgt in targets:
            for pair in pairs:
                assert scorer.prob((trig, src, tgt, pair)) == M.binary(w, trig + src + tgt + pair)
    assert M.Scorer(w).prob(([], [], [], [])) == M.binary(w, [])


def test_multiclass_picks_the_highest_score():
    w = {"classes": ["reported", "claimed"], "bias": [0.5, 0.0], "w": {"alleged": [0.0, 2.0]}}
    assert M.multiclass(w, ["x"]) == "reported"
    assert M.multiclass(w, ["alleged"]) == "claimed"


def test_a_model_file_of_another_format_is_a_clear_error(tmp_path):
    p = tmp_path / "m.json"
    p.write_text(json.dumps({"format": 99}))
    with pytest.raises(DataFileError, match="make train"):
        M.load_model(str(p))
    p.write_text("{not json")
    M.load_model.cache_clear()
    with pytest.raises(DataFileError, match="cannot read"):
        M.load_model(str(p))


def test_issue16_a_reported_event_never_takes_a_date_after_publication():
    # "phased out ... by 2050": reported, so the target year is not its date
    e = settle(_event(status="reported"), "reported", date(2024, 5, 1))
    assert (e.date, e.date_precision, e.date_text) == ("2024-05-01", "unknown", None)
    assert "date:not-after-publication" in e.rules
    # planned: the future date is the event's own
    p = settle(_event(status="reported"), "planned", date(2024, 5, 1))
    assert (p.date, p.status) == ("2050", "planned")
    # a past date stays
    old = settle(_event(value="2024-04-13", precision="day"), "reported", date(2024, 5, 1))
    assert old.date == "2024-04-13"


@dataclass
class _C:
    event: Event
    sent: int
    origin: str = "pair"

    @property
    def type(self) -> str:  # (``Candidate.type``: decode reads it without building the event)
        return self.event.type


def test_decode_keeps_accepted_tuples_else_the_best_one_per_sentence_and_type():
    a = _event(src="USA", tgt="CHN")
    b = _event(src="CHN", tgt="USA")
    c = _event(typ="ASSAULT", src="RUS", tgt="UKR")
    cands = [_C(a, 0), _C(b, 0), _C(c, 1)]
    th = {"type": 0.5, "tuple": 0.6, "rule_type": 0.9}
    # AGREE: the type holds, no tuple passes → the best one; ASSAULT: type rejected
    out = decode(cands, [0.4, 0.55, 0.9], [0.7, 0.7, 0.2], ["reported"] * 3, th, date(2024, 5, 1))
    assert [(e.type, e.source.actor.country) for e in out] == [("AGREE", "CHN")]
    assert out[0].confidence == 0.55
    # both tuples pass: both kept, once each
    out = decode(cands + [_C(a, 0)], [0.7, 0.8, 0.9, 0.7], [0.7, 0.7, 0.7, 0.7], ["reported"] * 4, th, None)
    assert sorted((e.type, e.source.actor.country) for e in out) == [
        ("AGREE", "CHN"), ("AGREE", "USA"), ("ASSAULT", "RUS")]
    # the rule coder's own readings have their own type threshold
    ruled = [_C(a, 0, "rule")]
    assert decode(ruled, [0.9], [0.7], ["reported"], th, None) == []


def test_training_is_deterministic_on_a_tiny_sample():
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_events as T

    def cand(f, y, st):
        return {"f": f, "sf": ["bias", *f], "sent": 0, "tup": ("AGREE", "USA", "CHN"), "rule_status": "reported",
                "origin": "rule", "y_tuple": y, "y_type": y, "status": st}
    rows = [{"doc_id": str(i), "gold": {0: {("AGREE", "USA", "CHN"): "reported"}},
             "cands": [cand(["bias", "good"], True, "reported" if i % 2 else "planned"),
                       cand(["bias", "bad"], False, None)]} for i in range(8)]
    m1, m2 = T.train(rows), T.train(rows)
    assert json.dumps(m1, sort_keys=True) == json.dumps(m2, sort_keys=True)
    assert m1["tuple"]["w"]["good"] > 0 > m1["tuple"]["w"]["bad"]
    th, scores = T.tune(m1, rows)
    assert set(th) == {"rule_type", "type", "tuple"}
    assert scores["tuple_f1"] == 1.0


def test_issue16_tied_best_tuples_are_all_kept():
    # "concerned about cooperation between Tehran and Pyongyang": one reading, two targets,
    # the same probability: neither passes the tuple threshold, both are kept
    a = _event(typ="ACCUSE", src="USA", tgt="IRN")
    b = _event(typ="ACCUSE", src="USA", tgt="PRK")
    c = _event(typ="ACCUSE", src="USA", tgt=None)
    th = {"type": 0.5, "tuple": 0.6, "rule_type": 0.5}
    out = decode([_C(a, 0), _C(b, 0), _C(c, 0)], [0.3, 0.3, 0.1], [0.9, 0.9, 0.9], ["reported"] * 3, th, None)
    assert sorted(e.target.actor.country for e in out) == ["IRN", "PRK"]


def test_issue16_a_neutral_report_keeps_the_rules_reported_status():
    from newsevents.events.decode import status_of
    model = {"status": {"classes": ["hypothetical", "reported"], "bias": [1.0, 0.0], "w": {}}}
    assert status_of(model, "reported", ["bias"]) == "hypothetical"
    assert status_of(model, "reported", ["bias", "r=speech:report"]) == "reported"
    assert status_of(model, "denied", ["bias"]) == "denied"


def _train_events():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_events as T
    return T


def test_issue16_plover_gold_sentences_become_training_records(tmp_path):
    T = _train_events()
    rec = {"id": "X-1", "text": "Seoul and Tokyo agreed on Monday to hold talks.", "date": "2001-02-03",
           "expected": [{"source": [{"country": "KOR"}, {"country": "JPN"}], "target": [], "plover_current": "AGREE",
                         "event_text": "agreed hold", "reciprocal": True}]}
    one = {"id": "X-2", "text": "Police fired on protesters in Lagos.", "date": "2001-02-03",
           "expected": [{"source": [{"country": "NGA"}], "target": [{"country": "NGA"}],
                         "plover_current": "ASSAULT", "event_text": "fired", "reciprocal": False}]}
    path = tmp_path / "gsr.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (rec, one)) + "\n", encoding="utf-8")
    recs = T.load_gsr(path)
    assert [r["doc_id"] for r in recs] == ["gsr:X-1", "gsr:X-2"]
    assert recs[0]["published"] == "2001-02-03" and recs[0]["split"] == "gsr"
    # a reciprocal agreement between two sources is coded both ways, as eval/events/score.py reads it
    tuples = {(e["type"], e["source"]["country"], e["target"]["country"]) for e in recs[0]["events"]}
    assert tuples == {("AGREE", "KOR", "JPN"), ("AGREE", "JPN", "KOR")}
    # placed at the first event word, so that the right sentence is labelled
    assert {e["start"] for e in recs[0]["events"]} == {rec["text"].index("agreed")}
    assert {e["status"] for r in recs for e in r["events"]} == {"reported"}
    assert recs[1]["events"][0]["start"] == one["text"].index("fired")


def test_issue16_plover_folds_are_a_fixed_partition():
    T = _train_events()
    ids = [f"gsr:PLOVER-{i}" for i in range(200)]
    folds = [T.gsr_fold(i) for i in ids]
    assert folds == [T.gsr_fold(i) for i in ids]
    assert set(folds) == set(range(T.GSR_FOLDS))


def test_issue16_plover_rows_are_weighted_and_stay_out_of_the_status_model():
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    T = _train_events()

    def cand(f, y, st):
        return {"f": f, "sf": ["bias", *f], "sent": 0, "tup": ("AGREE", "USA", "CHN"), "rule_status": "reported",
                "origin": "rule", "y_tuple": y, "y_type": y, "status": st}
    # the same feature labelled both ways: the weighted rows decide its sign
    base = [{"doc_id": str(i), "cands": [cand(["bias", "x"], False, None), cand(["bias", "s"], True, "planned" if i % 2 else "denied")]}
            for i in range(6)]
    extra = [{"doc_id": f"gsr:{i}", "cands": [cand(["bias", "x"], True, "reported")]} for i in range(4)]
    light = T.train(base + [{**r, "weight": 1.0, "no_status": True} for r in extra])
    heavy = T.train(base + [{**r, "weight": 5.0, "no_status": True} for r in extra])
    assert light["tuple"]["w"]["x"] < 0 < heavy["tuple"]["w"]["x"]
    # their "reported" labels never reach the status model: it knows only the documents' statuses
    assert heavy["status"]["classes"] == ["denied", "planned"]


def test_issue16_plover_kfold_decodes_each_sentence_with_a_model_that_never_saw_it(monkeypatch):
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    T = _train_events()

    def cand(f, y, st):
        return {"f": f, "sf": ["bias", *f], "sent": 0, "tup": ("AGREE", "USA", "CHN"), "rule_status": "reported",
                "origin": "rule", "y_tuple": y, "y_type": y, "status": st}
    gold = {0: {("AGREE", "USA", "CHN"): "reported"}}
    trn = [{"doc_id": str(i), "gold": gold, "cands": [cand(["bias", "good"], True, "planned" if i % 2 else "reported")]}
           for i in range(6)] + [{"doc_id": f"n{i}", "gold": {}, "cands": [cand(["bias", "bad"], False, None)]}
                                 for i in range(6)]
    gsr = [{"doc_id": f"gsr:{i}", "gold": gold, "cands": [cand(["bias", "good"], True, "reported")],
            "weight": 5.0, "no_status": True} for i in range(20)]
    seen = []
    real_train = T.train

    def spy(rows, C=0.3):
        seen.append({r["doc_id"] for r in rows})
        return real_train(rows, C)
    monkeypatch.setattr(T, "train", spy)
    s = T.kfold_gsr(trn, gsr, 0.3, {"rule_type": 0.5, "type": 0.5, "tuple": 0.5})
    assert len(seen) == T.GSR_FOLDS
    for k, ids in enumerate(seen):
        held = {r["doc_id"] for r in gsr if T.gsr_fold(r["doc_id"]) == k}
        assert not held & ids and {r["doc_id"] for r in trn} <= ids
    assert s["tuple_f1"] == 1.0


def test_issue16_an_ablation_drops_the_features_of_the_given_prefixes():
    # `train_events.py --drop tc,sc` measures the model without the cluster features
    T = _train_events()
    rows = [{"cands": [{"f": ["bias", "tc64=3", "tc64=3|t=AGREE", "t=AGREE", "sc256=9|t=AGREE", "s.gc256=1"]}]}]
    T.drop_features(rows, ("tc", "sc"))
    assert rows[0]["cands"][0]["f"] == ["bias", "t=AGREE", "s.gc256=1"]


def test_cross_fitting_reads_each_train_document_through_the_ledger_of_its_fold(monkeypatch, tmp_path):
    T = _train_events()
    import train_ledger as L

    monkeypatch.setattr(T, "LEDGER_FOLDS", None)
    assert T.ledger_for({"doc_id": "wn:1", "split": "train"}) is None  # the shipped ledger
    monkeypatch.setattr(T, "LEDGER_FOLDS", tmp_path)
    ids = [f"wn:{i}" for i in range(40)]
    got = [T.ledger_for({"doc_id": i, "split": "train"}) for i in ids]
    assert got == [str(tmp_path / f"fold{L.fold_of(i)}.json") for i in ids]
    assert len(set(got)) == L.FOLDS
    # the PLOVER sentences were never in the ledger's training: the shipped one
    assert T.ledger_for({"doc_id": "gsr:1", "split": "gsr"}) is None
