"""Run every gold-data evaluation and compare it with the floors.

Each task lives in ``eval/<task>/score.py`` and exposes ``run() -> dict``
mapping metric names to numbers (higher is better). ``eval/baseline.json``
holds, per task, the floor each metric must reach. Lowering a floor is a
deliberate change, explained in its commit.

    python eval/evaluate.py              # all tasks, table + eval/results.json
    python eval/evaluate.py temporal     # one task
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
BASELINE = EVAL_DIR / "baseline.json"


def tasks() -> list[str]:
    return sorted(p.parent.name for p in EVAL_DIR.glob("*/score.py"))


def run_task(task: str) -> dict:
    path = EVAL_DIR / task / "score.py"
    spec = importlib.util.spec_from_file_location(f"eval_{task}", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.run()


def floors() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def check(task: str, scores: dict) -> list[str]:
    """Names of metrics below their floor (empty when all pass)."""
    failures = []
    for metric, floor in floors().get(task, {}).items():
        value = scores.get(metric)
        if value is None or value < floor:
            failures.append(f"{task}.{metric} = {value} < floor {floor}")
    return failures


def main(argv: list[str]) -> int:
    selected = argv or tasks()
    results, failures = {}, []
    for task in selected:
        t0 = time.perf_counter()
        scores = run_task(task)
        scores = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}
        results[task] = scores
        failures += check(task, scores)
        print(f"== {task} ({time.perf_counter() - t0:.1f} s)")
        for metric, value in scores.items():
            floor = floors().get(task, {}).get(metric)
            mark = "" if floor is None else f"   (floor {floor})"
            print(f"  {metric:40s} {value}{mark}")
    out = EVAL_DIR / "results.json"
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous.update(results)
    out.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
    for f in failures:
        print("BELOW FLOOR:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
