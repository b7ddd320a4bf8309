"""A small fuzz campaign (issue 19): hostile inputs of every class through ``ingest`` in one
process — no traceback, bounded time, good neighbours stored, books balanced.

The generator and the long campaign (``make fuzz``, 10,000+ inputs) are in
benchmarks/fuzz_ingest.py.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from newsevents.pipeline import ingest
from newsevents.store import Store

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fuzz_ingest", ROOT / "benchmarks" / "fuzz_ingest.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_ingest"] = fuzz
_spec.loader.exec_module(fuzz)


@pytest.mark.slow
@pytest.mark.timeout(600)  # a hang fails the test instead of stopping the suite
def test_issue19_hostile_inputs_of_every_class_end_as_records(tmp_path):
    cases = fuzz.generate(tmp_path / "in", 2 * len(fuzz.CLASSES), seed=19)
    kinds = {c.kind for c in cases}
    assert len(kinds) >= len(fuzz.CLASSES)  # every class is in the campaign
    with Store(tmp_path / "f.duckdb") as store:
        report = ingest([str(tmp_path / "in")], store, fuzz.settings_for_fuzz())
        assert fuzz.check_books(store, report) == []
        assert fuzz.missing_neighbours(store, cases) == []
        reasons = set(report.reasons)
        n_markers = sum(len(c.markers) for c in cases)
    # The hostile classes were recognised as such, not just survived.
    assert {"bad_row", "bad_archive", "too_large", "empty"} <= reasons
    assert report.articles >= n_markers
    # Every file is accounted for: at least one record (document or rejection) each.
    assert report.documents >= len(cases)


@pytest.mark.slow
@pytest.mark.timeout(600)  # a hang fails the test instead of stopping the suite
def test_issue19_full_size_reproducers_with_default_limits(tmp_path):
    # The campaign's limits are small (100 kB per document); these are the
    # issue's own sizes through ingest with the packaged defaults.
    from newsevents.settings import Settings

    folder = tmp_path / "in"
    folder.mkdir()
    sentence = "Iran condemned Israel on Tuesday in Geneva, state media reported. "
    (folder / "amp.html").write_text("<html><body><p>" + "&amp;" * 100_000 + "</p></body></html>")
    run_on = "and the minister said that the talks would go on " * 17_500  # ~850 KB, no sentence end
    (folder / "runon.txt").write_text("The " + run_on)
    (folder / "long.txt").write_text(sentence * 18_000)  # 1,188,000 characters
    (folder / "good.txt").write_text("The zqgoodneighbour talks: " + sentence)
    with Store(tmp_path / "r.duckdb") as store:
        report = ingest([str(folder)], store, Settings(workers=1))
        assert fuzz.check_books(store, report) == []
        assert report.documents == 4
        stored = [t for (t,) in store.con.execute("SELECT text FROM articles").fetchall()]
    assert any("zqgoodneighbour" in t for t in stored)
    assert report.reasons.get("too_long", 0) == 2  # the run-on page and the long text
