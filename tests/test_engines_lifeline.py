"""Workers die with their parent, and a run killed hard is marked (issue 19)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from procs import session_processes

from newsevents.store import Store
from newsevents.store.locking import process_alive, process_identity

LINUX = Path("/proc/self/stat").exists()
VOA = Path(__file__).resolve().parents[1] / "newsevents" / "data" / "sample" / "voa_stories.jsonl"


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie no one reaped yet
    except OSError:
        return True


@pytest.mark.skipif(not LINUX, reason="needs /proc (Linux) to watch the processes")
def test_a_child_that_asked_dies_when_its_parent_is_killed():
    code = ("import os, sys, time\n"
            "from newsevents.engines.lifeline import die_with_parent\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    die_with_parent(); print(os.getpid(), flush=True); time.sleep(120); os._exit(0)\n"
            "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    grandchild = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while not _gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(grandchild)


def test_die_with_parent_exits_when_the_expected_parent_is_gone_already():
    code = ("from newsevents.engines.lifeline import die_with_parent\n"
            "die_with_parent(expected_parent=1)\nprint('still here')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "still here" not in out.stdout


def test_issue19_a_run_whose_process_is_gone_is_marked_killed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        gone = store.start_run("0", None, {"process": process_identity(dead.pid)}, [])
        live = store.start_run("0", None, {"process": process_identity()}, [])
        other = store.start_run("0", None, {"process": {"pid": 1, "host": "elsewhere"}}, [])
    assert process_alive(process_identity()) is True
    with Store(db) as store:
        status = dict(store.con.execute("SELECT run_id, status FROM runs").fetchall())
    assert status == {gone: "killed", live: "running", other: "running"}


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="needs /proc (Linux) to find the workers")
def test_issue19_sigkill_of_ingest_leaves_no_process_behind(tmp_path):
    db = tmp_path / "k.duckdb"
    env = {**os.environ, "PYTHONHASHSEED": "0", "NEWSEVENTS_INGEST_BATCH_DOCS": "8"}
    child = subprocess.Popen([sys.executable, "-m", "newsevents", "ingest", str(VOA), "--db",
                              str(db), "--workers", "2", "--quiet"], env=env,
                             start_new_session=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while len(session_processes(child.pid)) < 3:  # the ingest, its fork server and a worker
        assert child.poll() is None, "the ingest ended before its workers started"
        assert time.monotonic() < deadline, "no worker process appeared"
        time.sleep(0.2)
    os.kill(child.pid, signal.SIGKILL)  # the ingest alone, as a supervisor or the OOM killer would
    try:
        child.communicate(timeout=30)  # the pipes reach EOF: nothing is left holding them
    except subprocess.TimeoutExpired:
        for pid in session_processes(child.pid):
            os.kill(pid, signal.SIGKILL)
        pytest.fail("processes of the killed ingest still hold its pipes")
    deadline = time.monotonic() + 15
    while session_processes(child.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(child.pid) == {}
    with Store(db) as store:
        statuses = [s for (s,) in store.con.execute("SELECT status FROM runs").fetchall()]
    assert statuses == ["killed"]
