"""The TempEval-3 scorer (eval/temporal/te3.py): reading .tml, normalising values, the gate."""

import importlib.util
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


te3 = _load("eval_temporal_te3", EVAL / "temporal" / "te3.py")
evaluate = _load("eval_evaluate_for_te3", EVAL / "evaluate.py")

# A made-up document in TimeML form (not from the benchmark).
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>made_up</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-03" temporalFunction="false" functionInDocument="CREATION_TIME">May 3, 2024</TIMEX3></DCT>
<TEXT>
Ferries &amp; buses <EVENT eid="e1" class="OCCURRENCE">stopped</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-05-02">Thursday</TIMEX3>
for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>, and <TIMEX3 tid="t3" type="TIME" value="2024-05-02TNI">last night</TIMEX3>
<TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3> they run.
</TEXT>
</TimeML>
"""


@pytest.mark.parametrize("value,type_,expected", [
    ("2024-05-02", "DATE", ("2024-05-02", "")),
    ("2024-05-02TNI", "TIME", ("2024-05-02", "")),
    ("2024-05-02T14:30", "TIME", ("2024-05-02", "")),
    ("2024-W18-WE", "DATE", ("2024-W18", "")),
    ("199", "DATE", ("199", "")),
    ("PRESENT_REF", "DATE", (None, "present_ref")),
    ("P2D", "DURATION", (None, "duration")),
    ("2024-Q1", "DATE", (None, "quarter/half/season")),
    ("2024-SU", "DATE", (None, "quarter/half/season")),
    ("XXXX-05", "DATE", (None, "underspecified")),
    ("20", "DATE", (None, "century")),
])
def test_values_are_normalised_to_the_contract_formats_or_excluded(value, type_, expected):
    assert te3.normalise(value, type_) == expected


def test_read_tml_gives_plain_text_offsets_and_the_dct(tmp_path):
    path = tmp_path / "made_up.tml"
    path.write_text(TML, encoding="utf-8")
    doc = te3.read_tml(path)
    assert str(doc.published) == "2024-05-03"
    assert "Ferries & buses stopped Thursday" in doc.text and "<" not in doc.text
    assert [(doc.text[t.start:t.end], t.norm) for t in doc.timexes] == [
        ("Thursday", "2024-05-02"), ("two days", None), ("last night", "2024-05-02"), ("now", None)]


@pytest.mark.slow
def test_score_split_on_a_made_up_document(tmp_path):
    path = tmp_path / "made_up.tml"
    path.write_text(TML, encoding="utf-8")
    s = te3.score_split([te3.read_tml(path)])
    assert s["n_gold_in_scope"] == 2 and s["n_gold_all"] == 4
    assert s["recall"] == 1.0 and s["value_accuracy"] == 1.0 and s["precision"] == 1.0
    assert s["value_f1_all"] == pytest.approx(2 * 0.5 / 1.5)  # recall over all four is 0.5
    # The TIMEX3 view finds all four with their TimeML types and values.
    assert s["n_system_timex"] == 4
    assert s["timex_recall"] == s["timex_precision"] == s["timex_strict_f1"] == 1.0
    assert s["timex_value_accuracy"] == s["timex_type_accuracy"] == s["timex_value_f1"] == 1.0


@pytest.mark.parametrize("gold,ours,same", [
    ("2000-W7", "2000-W07", True), ("1989-10-27T24", "1989-10-27T24:00", True),
    ("P2D", "P2D", True), ("P2D", "P2W", False), ("2000-W17", "2000-W07", False),
])
def test_same_value_ignores_only_how_a_value_is_written(gold, ours, same):
    assert te3.same_value(gold, ours) is same


@pytest.mark.slow
def test_te3_scores_reach_floors():
    if te3.data_dir() is None:
        pytest.skip(reason="TempEval-3 files absent: where to put them, eval/temporal/README.md")
    failures = evaluate.check("temporal_te3", te3.run())
    assert not failures, "; ".join(failures)
