"""Ctrl-C on a parallel ingest: prompt exit 130, a consistent store, and a re-run that resumes.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group (the
main process, the fork server and the workers); the test does the same with
``killpg`` on a CLI ingest started in its own session.
"""

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

VOA = Path(__file__).resolve().parents[1] / "newsevents" / "data" / "sample" / "voa_stories.jsonl"
ENV = {**os.environ, "PYTHONHASHSEED": "0", "NEWSEVENTS_INGEST_BATCH_DOCS": "8"}
# Not a timing test: a clean stop takes well under a second. The bound only
# catches a hang (a stop used to wait 24-35 s for the workers' queued tasks,
# and could wait forever), so it is generous for a loaded machine.
EXIT_BOUND_S = 15


def _cmd(db: Path) -> list[str]:
    return [sys.executable, "-m", "newsevents", "ingest", str(VOA), "--db", str(db),
            "--workers", "2", "--quiet"]


def _workers_started(root: int) -> bool:
    """True once ``root`` has a grandchild: a worker forked by the fork server (or spawned)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return any(parents.get(parent) == root for parent in parents.values())


def _as_from_a_terminal() -> None:
    """A shell starts a foreground command with SIGINT at its default. A test run started in
    the background of a non-interactive shell (``sh -c 'pytest &'``, nohup) ignores SIGINT,
    and children inherit that: the ingest would never see the Ctrl-C this test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _sigint_dispositions(pid: int) -> dict[str, str]:
    """How the ingest's processes (``pid`` and its session) treat SIGINT: ignored, caught or default."""
    out = {}
    for p in [pid, *session_processes(os.getsid(pid))]:
        try:
            with open(f"/proc/{p}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        bit = 1 << (signal.SIGINT - 1)
        ign, cgt = int(fields["SigIgn"], 16) & bit, int(fields["SigCgt"], 16) & bit
        out[f"{p} {fields['Name'].strip()}"] = "ignored" if ign else "caught" if cgt else "default"
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "killpg"),
                    reason="needs /proc and process groups (Linux) to find the workers and send Ctrl-C")
def test_ctrl_c_on_a_parallel_ingest_exits_promptly_and_a_rerun_resumes(tmp_path):
    db = tmp_path / "interrupted.duckdb"
    child = subprocess.Popen(_cmd(db), env=ENV, start_new_session=True, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_as_from_a_terminal)
    deadline = time.monotonic() + 300
    while not _workers_started(child.pid):
        assert child.poll() is None, "the ingest ended before its workers started"
        assert time.monotonic() < deadline, "no worker process appeared"
        time.sleep(0.2)
    time.sleep(2)  # workers busy, some batches written: the interrupt lands mid-run
    assert child.poll() is None, "the ingest finished before it could be interrupted"
    dispositions = _sigint_dispositions(child.pid)  # (said when the interrupt is lost)
    os.killpg(child.pid, signal.SIGINT)
    try:
        _, err = child.communicate(timeout=EXIT_BOUND_S)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail(f"ingest did not exit within {EXIT_BOUND_S} s of Ctrl-C")
    assert child.returncode == 130, f"SIGINT before the interrupt: {dispositions}; stderr: {err[-2000:]}"
    assert "run the same command again to resume" in err
    with Store(db) as store:
        assert store.check_integrity() == []
        stopped_at = store.counts()["articles"]

    resumed = subprocess.run(_cmd(db), env=ENV, capture_output=True, text=True, timeout=600,
                             check=False)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    reference = tmp_path / "reference.duckdb"
    straight = subprocess.run(_cmd(reference), env=ENV, capture_output=True, text=True,
                              timeout=600, check=False)
    assert straight.returncode == 0, straight.stderr[-2000:]
    with Store(db) as store, Store(reference) as ref:
        assert store.counts()["articles"] > stopped_at
        assert store.content_digest() == ref.content_digest()


# A Ctrl-C that lands while the main thread waits for the fork server to start
# a worker (``submit`` starts them): the worker is forked but never recorded in
# the pool. The script makes that happen at a known moment, mid-run, with big
# tasks queued, then interrupts the run as Ctrl-C would.
_STRAY_WORKER = """
import gc, os, sys, time
from multiprocessing import forkserver
from newsevents.engines import local
from newsevents.models import Article
from newsevents.settings import Settings

if __name__ == "__main__":
    text = "Iran condemned Israel on Tuesday in Geneva, state media reported. " * 150
    batches = ((k, [Article(id=f"a{k}-{i}", text=text, title=None, published=None)
                    for i in range(8)]) for k in range(40))
    run = local.code_batches(batches, Settings(worker_tasks=int(sys.argv[1])), 2)
    next(run)  # workers busy, tasks queued (each bigger than a pipe holds)
    pool = next(o for o in gc.get_objects() if isinstance(o, local.ProcessPoolExecutor))
    read_pid = forkserver.read_signed

    def interrupted(fd):
        time.sleep(0.5)  # the server has forked the worker by now
        raise KeyboardInterrupt

    forkserver.read_signed = interrupted
    try:
        pool._spawn_process()
    except KeyboardInterrupt:
        pass
    forkserver.read_signed = read_pid
    started = time.monotonic()
    try:
        run.throw(KeyboardInterrupt)
    except KeyboardInterrupt:
        print(f"stopped in {time.monotonic() - started:.1f} s", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                    reason="needs /proc (Linux) to find the processes left behind")
def test_ctrl_c_while_a_worker_starts_ends_every_process_and_exits(tmp_path):
    # Before the fix the stray worker took queued tasks while the interpreter's
    # exit waited to hand it the rest; with workers recycled after each task
    # (worker_tasks=1) it left after one, and the exit waited forever on a
    # pipe nobody read (engines/local.py, _stop).
    worker_tasks = 1
    script = tmp_path / "stray.py"
    script.write_text(_STRAY_WORKER)
    child = subprocess.Popen([sys.executable, str(script), str(worker_tasks)], env=ENV,
                             start_new_session=True, text=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        # The bound covers loading the model in the fork server on a slow
        # machine and coding one batch; a stop that waits hangs past any bound.
        out, err = child.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        left = session_processes(child.pid)
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail(f"the interrupted run did not end; processes still alive: {left}")
    assert child.returncode == 0, err[-2000:]
    assert "stopped in" in out, (out, err[-2000:])
    # The pipes reached EOF, so nothing of the run holds them; and none is left at all.
    deadline = time.monotonic() + 15
    while session_processes(child.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(child.pid) == {}
