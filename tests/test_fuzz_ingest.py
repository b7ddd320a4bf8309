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
