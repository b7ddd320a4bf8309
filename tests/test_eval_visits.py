"""The visit-record check (eval/visits/): the matching rule, the split and the hit logic, on invented texts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VISITS = ROOT / "eval" / "visits"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"visits_{name}", VISITS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build = _load("build")
score = _load("score")


def test_name_keys_drop_titles_and_suffixes():
    assert build.name_keys("Prime Minister Robert Golob") == ["Robert Golob", "Golob"]
    assert build.name_keys("Interim President Juan Guaidó") == ["Juan Guaido", "Guaido"]
    assert build.name_keys("President Ferdinand Marcos Jr.") == ["Ferdinand Marcos", "Marcos"]
    assert build.name_keys("Pope Benedict XVI") == ["Benedict"]
    assert build.name_keys("Chairman of the Presidency Bakir Izetbegovic") == ["Bakir Izetbegovic", "Izetbegovic"]


@pytest.fixture(scope="module")
def table():
    return build.country_table()


def test_historian_country_names_resolve(table):
    lookup, _ = table
    assert build.iso3("Slovenia", lookup) == "SVN"
    assert build.iso3("China, People’s Republic of", lookup) == "CHN"
    assert build.iso3("United Kingdom (Wales)", lookup) == "GBR"
    assert build.iso3("Korea", lookup) == "KOR"
    assert build.iso3("Atlantis", lookup) is None


def test_the_rule_needs_the_person_and_the_other_country(table):
    _, aliases = table
    person = build.pattern(build.name_keys("Prime Minister Ann Example"))
    usa = build.pattern(aliases["USA"])
    slovenia = build.pattern(aliases["SVN"])
    # name (surname) + the host by name, adjective or capital
    assert build.matches("Prime Minister Example meets the U.S. President.", person, usa)
    assert build.matches("Ann Example arrives in Washington for talks.", person, usa)
    assert build.matches("Example praises American support.", person, usa)
    # the person alone, or the country alone, is no match
    assert not build.matches("Ann Example visits Canada.", person, usa)
    assert not build.matches("The United States imposes tariffs.", person, usa)
    # word boundaries and case: "Examples" and "example" are not the surname
    assert not build.matches("Examples of U.S. policy abound.", person, usa)
    assert not build.matches("An example for the United States.", person, usa)
    # the other country of a trip is the visited one
    assert build.matches("Ann Example lands in Ljubljana.", person, slovenia)
    assert build.matches("Example meets Slovenian leaders.", person, slovenia)


def test_the_split_is_fixed_by_the_record_and_has_two_halves():
    ids = [f"visit|2010-01-{d:02d}|President X|Y" for d in range(1, 29)]
    halves = [build.split_of(i) for i in ids]
    assert halves == [build.split_of(i) for i in ids]
    assert set(halves) == {"dev", "held"}


def test_reading_rows_need_a_verdict_and_a_reason_when_false(tmp_path, monkeypatch):
    path = tmp_path / "reading.tsv"
    monkeypatch.setattr(build, "READING", path)
    path.write_text("# comment\nabc\ttrue\ndef\tfalse\tnamed in passing\n", encoding="utf-8")
    assert build.read_reading() == {"abc": (True, ""), "def": (False, "named in passing")}
    path.write_text("ghi\tfalse\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        build.read_reading()
    path.write_text("ghi\tmaybe\tx\n", encoding="utf-8")
    with pytest.raises(ValueError):
        build.read_reading()


WINDOW = ["2011-01-17", "2011-01-21"]


def test_hits_direction_status_and_date():
    ev = ("CONSULT", "CHN", "USA", "2011-01-19", "unknown", False, "reported")
    assert score.hits([ev], "CHN", "USA", WINDOW) == {
        "consult_dyad": True, "consult_undirected": True, "consult_date": True,
        "consult_explicit_date": False, "any_event_dyad": True}
    # the wrong direction is an undirected hit only, unless the event is reciprocal
    backwards = ("CONSULT", "USA", "CHN", "2011-01-19", "day", False, "reported")
    h = score.hits([backwards], "CHN", "USA", WINDOW)
    assert h["consult_undirected"] and not h["consult_dyad"] and not h["consult_date"]
    assert score.hits([backwards[:5] + (True, "reported")], "CHN", "USA", WINDOW)["consult_explicit_date"]
    # negated and hypothetical events do not count; planned ones do
    assert not any(score.hits([ev[:6] + ("negated",)], "CHN", "USA", WINDOW).values())
    assert score.hits([ev[:6] + ("planned",)], "CHN", "USA", WINDOW)["consult_dyad"]
    # a date outside the window, or only a month, misses the date metric
    late = ("CONSULT", "CHN", "USA", "2011-01-25", "day", False, "reported")
    month = ("CONSULT", "CHN", "USA", "2011-01", "month", False, "reported")
    for e in (late, month):
        h = score.hits([e], "CHN", "USA", WINDOW)
        assert h["consult_dyad"] and not h["consult_date"]
    # another type between the two countries is an any-event hit only
    h = score.hits([("ACCUSE", "USA", "CHN", "2011-01-19", "unknown", False, "reported")], "CHN", "USA", WINDOW)
    assert h["any_event_dyad"] and not h["consult_undirected"]
    # a third country is no hit
    assert not any(score.hits([("CONSULT", "CHN", "RUS", None, "unknown", False, "reported")],
                              "CHN", "USA", WINDOW).values())


def test_the_gold_rows_are_read_split_and_free_of_training_texts():
    rows = [json.loads(line) for line in (VISITS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["reports_meeting"] in (True, False) for r in rows)
    assert all(r["reason"] for r in rows if r["reports_meeting"] is False)
    assert {r["split"] for r in rows} == {"dev", "held"}
    assert all(r["split"] == build.split_of(r["record_id"]) for r in rows)
    assert all(r["window"][0] <= r["date"] <= r["window"][1] for r in rows)
    banned = build.excluded_texts()
    assert not any(r["text"] in banned for r in rows)
