"""eval/ledger/link_read.py: link precision by reading, per half of the crosslinks clusters (issue 20)."""

import sys
from pathlib import Path

LEDGER = Path(__file__).resolve().parents[1] / "eval" / "ledger"
sys.path.insert(0, str(LEDGER))
import crosslinks  # noqa: E402
import link_read  # noqa: E402


def _clusters():
    """One tuning and one held cluster name, found by the split's own rule."""
    names = [f"c{i}" for i in range(40)]
    tune = next(n for n in names if crosslinks.is_tuning_cluster(n))
    held = next(n for n in names if not crosslinks.is_tuning_cluster(n))
    return tune, held


def test_precision_per_half_counts_right_and_wrong_and_leaves_unsure_out():
    tune, held = _clusters()
    cluster_of = {"a": tune, "b": tune, "c": tune, "d": held, "e": held}
    verdicts = {"a": "right", "b": "wrong", "c": "unsure", "d": "right", "e": "right"}
    s = link_read.score(verdicts, cluster_of)
    assert s["tune_precision"] == 0.5 and s["tune_links"] == 3 and s["tune_unsure"] == 1
    assert s["held_precision"] == 1.0 and s["held_links"] == 2
    assert s["all_precision"] == 0.75


def test_a_half_without_verdicts_scores_zero_not_an_error():
    tune, _held = _clusters()
    s = link_read.score({"a": "wrong"}, {"a": tune})
    assert s["held_links"] == 0 and s["held_precision"] == 0.0 and s["tune_precision"] == 0.0


def test_the_context_is_the_sentence_around_the_span():
    text = "First one. Iran denied the claim on Monday. Third one."
    at = text.index("denied")
    assert link_read._sentence(text, (at, at + 6)) == "Iran denied the claim on Monday."
    assert link_read._sentence(text, None) == ""


def test_a_link_id_is_stable_and_tells_links_apart():
    a = {"response_doc": "x", "response_span": (1, 5), "claim_doc": "y", "claim_span": (2, 9)}
    b = dict(a, claim_span=(3, 9))
    assert link_read.link_id(a) == link_read.link_id(dict(a)) != link_read.link_id(b)


def test_every_link_of_each_reading_has_a_verdict():
    import json

    for name in ("link_read", "link_read12"):
        ids = [json.loads(line)["id"] for line in (LEDGER / f"{name}.packets.jsonl").open(encoding="utf-8")]
        verdicts = link_read._verdicts(LEDGER / f"{name}.tsv")
        assert set(verdicts) == set(ids) and set(verdicts.values()) <= {"right", "wrong", "unsure"}


def test_score_can_be_limited_to_the_links_a_later_run_makes(tmp_path, capsys):
    import json

    tune, held = _clusters()
    (tmp_path / "r.packets.jsonl").write_text("".join(
        json.dumps({"id": i, "cluster": c}) + "\n" for i, c in (("a", tune), ("b", tune), ("d", held))))
    (tmp_path / "r.tsv").write_text("# reader: T\na\tright\tx\nb\twrong\ty\nd\tright\tz\n")
    (tmp_path / "now.jsonl").write_text(json.dumps({"id": "a"}) + "\n" + json.dumps({"id": "n"}) + "\n")
    assert link_read.main(["score", str(tmp_path / "r.tsv"), "--packets", str(tmp_path / "now.jsonl")]) == 0
    out = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert out["unjudged"] == "1" and out["tune_links"] == "1" and out["tune_precision"] == "1.000"
    assert out["held_links"] == "0"
