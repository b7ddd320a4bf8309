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
