"""One writer, many readers: what queries do while an ingest writes (docs/store.md)."""

import subprocess
import sys
import time

import pytest

from newsevents.errors import StoreError
from newsevents.store import Store

HOLD = """
import sys, time
from newsevents.store import Store
s = Store(sys.argv[1], hold=True)
s.counts()            # opens the file and keeps it
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
s.close()
"""


def _hold(path, seconds):
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "holding"
    return p


def test_reader_gets_a_clear_error_when_a_writer_keeps_the_file(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    p = _hold(path, 5)
    try:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match=r"is being written by process \d+"):
            Store(path, read_only=True, lock_timeout_s=0.5)
        assert time.monotonic() - t0 < 3
    finally:
        p.kill()
        p.wait()


def test_reader_waits_for_a_batch_to_commit_then_reads(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    p = _hold(path, 1.0)
    try:
        with Store(path, read_only=True, lock_timeout_s=10) as s:
            assert s.counts()["articles"] == 0
    finally:
        p.wait()


@pytest.mark.slow
def test_queries_run_between_the_batches_of_a_running_ingest(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from newsevents.store.synthetic import ingest_synthetic as i; "
         "i(sys.argv[1], 120, 10)", str(path)])
    reads, seen = 0, []
    try:
        while writer.poll() is None:
            with Store(path, read_only=True, lock_timeout_s=20) as s:
                n = s.counts()["articles"]
                # a reader sees whole batches only: never a half-written one
                assert n % 10 == 0
                assert s.check_integrity() == []
            seen.append(n)
            reads += 1
            time.sleep(0.05)
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert reads >= 3 and len(set(seen)) >= 2, (reads, seen)
    with Store(path, read_only=True) as s:
        assert s.counts()["articles"] == 120


def test_writer_waits_for_readers_to_let_go(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from newsevents.store import Store; "
         "s = Store(sys.argv[1], read_only=True); print('holding', flush=True); "
         "time.sleep(1.0); s.close()", str(path)], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "holding"
    try:
        from newsevents.store.synthetic import synthetic_corpus
        with Store(path, lock_timeout_s=20) as s:
            assert s.write_batch(synthetic_corpus(4)) == 4
    finally:
        reader.wait()
