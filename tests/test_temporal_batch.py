"""`newsevents dates --jsonl` and temporal.batch: one result per input line, in order."""

import json

import pytest

from newsevents.cli import main
from newsevents.temporal.batch import resolve_jsonl

pytestmark = pytest.mark.slow

LINES = [
    json.dumps({"text": "Drones struck the port last night, officials said Fri.",
                "published": "2024-05-03"}),
    json.dumps({"text": "The treaty was signed on December 20.", "published": "2024-05-02"}),
    json.dumps({"text": "Nothing dated here.", "published": "2024-05-02"}),
]


def test_resolve_jsonl_keeps_order_and_values():
    out = list(resolve_jsonl(LINES))
    assert [[d["value"] for d in o["dates"]] for o in out] == [
        ["2024-05-02", "2024-05-03"], ["2023-12-20"], []]


def test_bad_lines_give_an_error_object_in_place():
    lines = [LINES[0], "{not json", json.dumps({"text": "on May 2"}),
             json.dumps({"text": "on May 2", "published": "May 2nd"}), json.dumps([1]), LINES[1]]
    out = list(resolve_jsonl(lines))
    assert len(out) == 6
    assert [o.get("line") for o in out] == [None, 2, 3, 4, 5, None]
    assert "line 2: not JSON" in out[1]["error"]
    assert '"published" is missing' in out[2]["error"]
    assert "is not a date" in out[3]["error"]
    assert out[5]["dates"][0]["value"] == "2023-12-20"


def test_cli_dates_jsonl_from_file_and_stdin(runner, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    from_file = runner.invoke(main, ["dates", "--jsonl", str(path)])
    assert from_file.exit_code == 0, from_file.output
    rows = [json.loads(line) for line in from_file.output.splitlines()]
    assert len(rows) == 3 and rows[1]["dates"][0]["text"] == "December 20"
    from_stdin = runner.invoke(main, ["dates", "--jsonl", "-"], input="\n".join(LINES))
    assert from_stdin.exit_code == 0 and from_stdin.output == from_file.output


def test_cli_dates_jsonl_bad_line_exits_1_after_printing_every_line(runner):
    result = runner.invoke(main, ["dates", "--jsonl", "-"], input=LINES[0] + "\noops\n" + LINES[1])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in r) for r in rows] == [False, True, False]
    assert "Error: 1 line(s) could not be read (line 2)" in result.stderr


def test_cli_dates_jsonl_usage(runner, tmp_path):
    assert runner.invoke(main, ["dates", "x", "--jsonl", "-"]).exit_code == 2
    missing = runner.invoke(main, ["dates", "--jsonl", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1 and "Error: cannot read" in missing.stderr
