"""eval/events/precision_sample.py: the precision read's draw leaves every test story out."""

import json
import sys
from pathlib import Path

import duckdb
import pytest

EVENTS = Path(__file__).resolve().parents[1] / "eval" / "events"
sys.path.insert(0, str(EVENTS))
import precision_sample  # noqa: E402

HELD_OUT = json.loads((EVENTS / "voa_gold.jsonl").read_text(encoding="utf-8")
                      .splitlines()[precision_sample.DEV_RECORDS])["id"]
DEV = json.loads((EVENTS / "voa_gold.jsonl").read_text(encoding="utf-8").splitlines()[0])["id"]


def _store(path: Path, stories: dict[str, int]) -> str:
    """A store with only the columns the draw reads: ``stories`` maps a story id to its events."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id VARCHAR, url VARCHAR)")
    con.execute("CREATE TABLE event_mentions (id VARCHAR, article_id VARCHAR, type VARCHAR, "
                "source_country VARCHAR, source_code VARCHAR, target_country VARCHAR, "
                "target_code VARCHAR, status VARCHAR, trigger VARCHAR, sentence VARCHAR)")
    for sid, n in stories.items():
        con.execute("INSERT INTO articles VALUES (?, ?)", [f"a{sid}", f"https://x.test/a/t/{sid}.html"])
        for i in range(n):
            con.execute("INSERT INTO event_mentions VALUES (?, ?, 'ASSAULT', 'RUS', NULL, NULL, "
                        "'UKR', 'reported', 'attack', 'Russia attacked Ukraine.')",
                        [f"{sid}-{i}", f"a{sid}"])
    con.close()
    return str(path)


def test_held_out_and_test_split_stories_are_excluded():
    ids = precision_sample.excluded_story_ids()
    assert HELD_OUT in ids
    assert DEV not in ids  # the ten VOA dev stories may be read


def test_story_id_is_read_off_the_url():
    assert precision_sample.story_id("https://www.voanews.com/a/x-y/8011115.html") == "8011115"
    assert precision_sample.story_id("file.txt") is None


def test_the_draw_never_takes_an_excluded_story_and_repeats_with_its_seed(tmp_path):
    db = _store(tmp_path / "s.duckdb", {HELD_OUT: 20, DEV: 5, "999000111": 5})
    sample, stories, pool = precision_sample.draw(db, 6, seed=7)
    assert (stories, pool) == (2, 10)
    assert {e["story"] for e in sample} <= {DEV, "999000111"}
    assert sample == precision_sample.draw(db, 6, seed=7)[0]
    assert sample[0]["target"] == "UKR"  # the code stands in where no country is set


def test_too_small_a_store_is_a_clear_error(tmp_path):
    db = _store(tmp_path / "s.duckdb", {DEV: 2})
    with pytest.raises(SystemExit, match="only 2 events"):
        precision_sample.draw(db, 50, seed=1)


def test_a_missing_store_exits_1_with_what_to_do(tmp_path, capsys):
    assert precision_sample.main(["--db", str(tmp_path / "none.duckdb")]) == 1
    assert "newsevents demo --db" in capsys.readouterr().err
