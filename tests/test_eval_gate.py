"""Gold-data gates: every task in eval/ must reach its floors in eval/baseline.json."""

import importlib.util
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"
_spec = importlib.util.spec_from_file_location("evaluate", EVAL / "evaluate.py")
evaluate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate)

FLOORS = json.loads((EVAL / "baseline.json").read_text())


def test_every_task_with_a_scorer_has_floors():
    for task in evaluate.tasks():
        assert FLOORS.get(task), f"eval/{task}/score.py exists but baseline.json sets no floors"


@pytest.mark.slow
@pytest.mark.parametrize("task", evaluate.tasks())
def test_gold_scores_reach_floors(task):
    scores = evaluate.run_task(task)
    failures = evaluate.check(task, scores)
    assert not failures, "; ".join(failures)


# --- issue 18: the gold files are pinned by digest beside their floors ---------------------

@pytest.mark.parametrize("task", evaluate.tasks())
def test_gold_files_match_their_pinned_digests(task):
    assert evaluate.check_gold(task) == [], \
        "a gold file changed: re-pin with `python eval/evaluate.py --pin-gold` and say why"


def test_tasks_with_gold_files_pin_them():
    pinned = {t: FLOORS[t].get(evaluate.GOLD_KEY, {}) for t in evaluate.tasks()}
    assert sum(len(v) for v in pinned.values()) >= 10
    assert pinned["events"] and pinned["quotes"] and pinned["temporal"]


def test_a_silent_gold_edit_is_caught(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(EVAL / "temporal", tmp_path / "temporal")
    shutil.copy(EVAL / "baseline.json", tmp_path / "baseline.json")
    monkeypatch.setattr(evaluate, "EVAL_DIR", tmp_path)
    monkeypatch.setattr(evaluate, "BASELINE", tmp_path / "baseline.json")
    assert evaluate.check_gold("temporal") == []
    gold = tmp_path / "temporal" / "gold.jsonl"
    gold.write_bytes(gold.read_bytes().replace(b"2024", b"2025", 1))
    (tmp_path / "temporal" / "extra.jsonl").write_text("{}\n")
    problems = evaluate.check_gold("temporal")
    assert any("gold.jsonl changed" in p for p in problems)
    assert any("extra.jsonl is not pinned" in p for p in problems)
    # metric floors are read without the digests
    assert evaluate.GOLD_KEY not in evaluate.floors()["temporal"]


def test_an_edit_of_the_annotations_is_caught_under_the_tasks_that_read_them(tmp_path, monkeypatch):
    import shutil

    for name in ("ledger", "annotated", "crosslinks"):
        shutil.copytree(EVAL / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(EVAL / "baseline.json", tmp_path / "baseline.json")
    monkeypatch.setattr(evaluate, "EVAL_DIR", tmp_path)
    monkeypatch.setattr(evaluate, "BASELINE", tmp_path / "baseline.json")
    assert evaluate.check_gold("ledger") == []
    pairs = tmp_path / "crosslinks" / "pairs.jsonl"
    pairs.write_text(pairs.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    problems = evaluate.check_gold("ledger")
    assert problems == ["eval/ledger/../crosslinks/pairs.jsonl changed since its digest was pinned"]


# --- issue 20: the crosslinks set's held clusters ---------------------------------------

def test_crosslink_extensions_annotated_after_the_freeze_are_held_only():
    spec = importlib.util.spec_from_file_location("crosslinks", EVAL / "ledger" / "crosslinks.py")
    crosslinks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(crosslinks)
    names = [json.loads(line)["cluster"] for line in (EVAL / "crosslinks" / "clusters.jsonl").open()
             if line.strip()]
    older = [n for n in names if not n.startswith(crosslinks.HELD_ONLY_PREFIXES)]
    tuning = [n for n in older if crosslinks.is_tuning_cluster(n)]
    # the older clusters still split by their fixed hash, into two real halves
    assert 0.3 < len(tuning) / len(older) < 0.7
    assert not crosslinks.is_tuning_cluster("wce8a-some-story-2009")
    assert not crosslinks.is_tuning_cluster("wce8b-another-story-2019")


def test_ledger_side_accuracies_are_compared_over_the_claims_both_runs_matched():
    spec = importlib.util.spec_from_file_location("ledger_score", EVAL / "ledger" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    learned = {("d1", 0): {"claimant": True, "accused": False}, ("d1", 1): {"claimant": False},
               ("d2", 0): {"claimant": True}}
    rules = {("d1", 0): {"claimant": False, "accused": True}, ("d3", 0): {"claimant": True}}
    common = score.common_sides(learned, rules)
    assert common["common_claimant_n"] == 1 and common["common_accused_n"] == 1
    assert common["common_claimant_a"] == 1.0 and common["common_claimant_b"] == 0.0
    assert common["common_accused_a"] == 0.0 and common["common_accused_b"] == 1.0
    assert score.common_sides({}, rules)["common_claimant_a"] == 0.0


def test_evaluate_says_what_it_takes_and_refuses_an_unknown_task(capsys):
    assert evaluate.main(["--help"]) == 0
    assert "ledger" in capsys.readouterr().out
    assert evaluate.main(["no-such-task"]) == 2
    assert "Error: unknown task no-such-task" in capsys.readouterr().err
