"""Fault test: kill -9 an ingest at random points, reopen, check, resume, compare.

A child process ingests a synthetic corpus batch by batch (the same
known-article skip and ``write_batch`` transaction as ``pipeline.ingest``,
without the NLP stages so a run takes seconds). It is killed with SIGKILL
after a random delay, 20 times; after every kill the store must reopen with
no orphans and whole batches only. Whenever a chain of runs completes, its
store must equal a store written by one uninterrupted run.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from newsevents.store import Store
from newsevents.store.synthetic import ingest_synthetic

N_ARTICLES, BATCH, SEED = 160, 8, 5
KILLS = 20
CHILD = ("import sys; from newsevents.store.synthetic import ingest_synthetic as i; "
         f"i(sys.argv[1], {N_ARTICLES}, {BATCH}, {SEED})")


def _check(path) -> int:
    with Store(path) as s:
        problems = s.check_integrity()
        counts = s.counts()
        total = s.con.execute("SELECT coalesce(sum(mentions), 0) FROM events").fetchone()[0]
    assert problems == [], problems
    assert total == counts["event_mentions"]
    assert counts["articles"] % BATCH == 0 or counts["articles"] == N_ARTICLES
    return counts["articles"]


@pytest.mark.slow
def test_kill_at_random_points_then_resume_gives_the_same_store(tmp_path):
    reference = tmp_path / "reference.duckdb"
    ingest_synthetic(str(reference), N_ARTICLES, BATCH, SEED)
    with Store(reference) as s:
        expected = s.content_digest()
        assert s.counts()["articles"] == N_ARTICLES

    rng = random.Random(int(os.environ.get("NEWSEVENTS_FAULT_SEED", "9")))
    kills, chains, ok = 0, 0, 0
    path = tmp_path / "chain0.duckdb"
    t_end = time.monotonic() + 300
    while kills < KILLS and time.monotonic() < t_end:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)])
        time.sleep(rng.uniform(0.2, 1.8))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            kills += 1
            _check(path)
            ok += 1
        else:
            assert child.returncode == 0
        with Store(path) as s:
            done = s.counts()["articles"] == N_ARTICLES
        if done:  # this chain of interrupted runs finished: compare with the reference
            ingest_synthetic(str(path), N_ARTICLES, BATCH, SEED)  # a resume is a no-op
            with Store(path) as s:
                assert s.content_digest() == expected
            chains += 1
            path = tmp_path / f"chain{chains}.duckdb"
    # finish the last chain too
    ingest_synthetic(str(path), N_ARTICLES, BATCH, SEED)
    with Store(path) as s:
        assert s.content_digest() == expected
    print(f"fault test: {ok}/{kills} kills left a consistent store; "
          f"{chains + 1} chains resumed to the reference content")
    assert kills >= KILLS and ok == kills
