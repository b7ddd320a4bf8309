"""Run every gold-data evaluation and compare it with the floors.

Each task lives in ``eval/<task>/score.py`` and exposes ``run() -> dict``
mapping metric names to numbers (higher is better). ``eval/baseline.json``
holds, per task, the floor each metric must reach. Lowering a floor is a
deliberate change, explained in its commit.

    python eval/evaluate.py              # all tasks, table + eval/results.json
    python eval/evaluate.py temporal     # one task
    python eval/evaluate.py --pin-gold   # re-pin the gold files' digests (a deliberate edit)

Beside its floors, each task in ``baseline.json`` pins the sha256 of every
gold file in ``eval/<task>/`` and in the scorer-less gold folders it reads
(``eval/annotated/``, ``eval/crosslinks/``; ``gold_sha256``), so a gold edit cannot pass
silently: ``tests/test_eval_gate.py`` fails until the digest is re-pinned
with ``--pin-gold`` in the same commit that explains the edit.
"""

from __future__ import annotations

import hashlib
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


GOLD_KEY = "gold_sha256"
_NOT_GOLD = {"README.md", "score.py"}
# Benchmark files a user supplies and git ignores (TempEval-3, eval/temporal/README.md):
# not ours to pin, and absent from a clone.
_USER_SUPPLIED = {"te3"}
# Gold folders without a scorer of their own, pinned under the tasks that score on them
# (key ``../<folder>/<file>``), so an edit of the annotations or the link gold is caught too.
_READS = {"events": ("annotated",), "ledger": ("annotated", "crosslinks")}


def _baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def floors() -> dict:
    """Per task, metric → floor (the pinned gold digests left out)."""
    return {task: {k: v for k, v in entry.items() if k != GOLD_KEY}
            for task, entry in _baseline().items()}


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in _NOT_GOLD
                  and p.suffix != ".py" and "__pycache__" not in p.parts
                  and not _USER_SUPPLIED & set(p.relative_to(folder).parts[:-1]))


def gold_files(task: str) -> list[Path]:
    """The data files of a task's folder (everything but code and its README), and of the
    gold folders it reads (``_READS``)."""
    return _data_files(EVAL_DIR / task) + [p for name in _READS.get(task, ())
                                           for p in _data_files(EVAL_DIR / name)]


def _key(task: str, path: Path) -> str:
    folder = EVAL_DIR / task
    if folder in path.parents:
        return path.relative_to(folder).as_posix()
    return "../" + path.relative_to(EVAL_DIR).as_posix()


def gold_digests(task: str) -> dict[str, str]:
    """sha256 of each gold file of a task, keyed by its path inside ``eval/<task>/``
    (``../<folder>/…`` for a gold folder it reads)."""
    return {_key(task, p): hashlib.sha256(p.read_bytes()).hexdigest() for p in gold_files(task)}


def check_gold(task: str) -> list[str]:
    """Gold files whose digest differs from the pinned one, or that are not pinned (or gone)."""
    pinned = _baseline().get(task, {}).get(GOLD_KEY, {})
    actual = gold_digests(task)
    problems = [f"eval/{task}/{name} changed since its digest was pinned"
                for name in sorted(pinned.keys() & actual.keys()) if pinned[name] != actual[name]]
    problems += [f"eval/{task}/{name} is not pinned" for name in sorted(actual.keys() - pinned.keys())]
    problems += [f"eval/{task}/{name} is pinned but missing"
                 for name in sorted(pinned.keys() - actual.keys())]
    return problems


def pin_gold() -> None:
    """Write every task's current gold digests into baseline.json (a deliberate change)."""
    baseline = _baseline()
    for task in tasks():
        baseline.setdefault(task, {})[GOLD_KEY] = gold_digests(task)
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")


def check(task: str, scores: dict) -> list[str]:
    """Names of metrics below their floor (empty when all pass)."""
    failures = []
    for metric, floor in floors().get(task, {}).items():
        value = scores.get(metric)
        if value is None or value < floor:
            failures.append(f"{task}.{metric} = {value} < floor {floor}")
    return failures


def main(argv: list[str]) -> int:
    if argv == ["--pin-gold"]:
        pin_gold()
        print(f"pinned the gold files of {', '.join(tasks())} in {BASELINE}")
        return 0
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        print(f"\ntasks: {', '.join(tasks())}")
        return 0
    unknown = [a for a in argv if a not in tasks()]
    if unknown:
        print(f"Error: unknown task {', '.join(unknown)}; the tasks are {', '.join(tasks())} "
              "(or --pin-gold)", file=sys.stderr)
        return 2
    selected = argv or tasks()
    results, failures = {}, []
    for task in selected:
        t0 = time.perf_counter()
        scores = run_task(task)
        scores = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}
        results[task] = scores
        failures += check(task, scores) + check_gold(task)
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
