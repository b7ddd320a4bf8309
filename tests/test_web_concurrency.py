"""The server reads while an ingest in another process writes (docs/web.md, docs/store.md)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from newsevents.settings import Settings
from newsevents.store import Store, writer_waiting
from newsevents.store.locking import marker_path
from newsevents.store.synthetic import ingest_synthetic
from newsevents.web import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """(app, port, path): a read-only server over a small file store."""
    import uvicorn

    path = tmp_path / "s.duckdb"
    ingest_synthetic(str(path), 20, 10)
    app = create_app(path, Settings())
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield app, port, path
    srv.should_exit = True
    t.join(10)


def _get(conn, url):
    conn.request("GET", url)
    resp = conn.getresponse()
    return resp.status, resp.read()


@pytest.mark.slow
def test_an_ingest_finishes_while_the_server_is_under_constant_load(served):
    app, port, path = served
    stop = threading.Event()
    statuses: list[int] = []
    seen: list[int] = []

    def hammer(urls):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while not stop.is_set():
            for url in urls:
                status, body = _get(conn, url)
                statuses.append(status)
                if url == "/api/overview" and status == 200:
                    seen.append(json.loads(body)["counts"]["articles"])
        conn.close()

    # Three clients with no pause between requests: the file is never idle for
    # the 0.1 s after which it would be let go on its own.
    clients = [threading.Thread(target=hammer, args=(u,)) for u in (
        ["/api/overview", "/api/events?limit=20"], ["/api/events?text=talks&limit=5"],
        ["/api/dyads/USA/IRN", "/"])]
    for c in clients:
        c.start()
    time.sleep(0.5)
    t0 = time.monotonic()
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from newsevents.store.synthetic import ingest_synthetic as i; "
         "i(sys.argv[1], 80, 10)", str(path)])
    try:
        rc = writer.wait(timeout=90)
        took = time.monotonic() - t0
        time.sleep(0.5)  # requests after the ingest see its last batch
    finally:
        stop.set()
        for c in clients:
            c.join(60)
        if writer.poll() is None:
            writer.kill()
    assert rc == 0
    # The writer's own lock timeout is 120 s; it got in between requests instead.
    assert took < 60, took
    assert app.state.readers.yields >= 1
    assert statuses and set(statuses) == {200}, set(statuses)
    with Store(path, read_only=True) as s:
        assert s.check_integrity() == []
        final = s.counts()["articles"]
    assert final > 20
    # the server saw the store before and after the ingest, and whole batches only (this
    # writer has no parse time between batches, so readers may see none in between)
    assert seen[0] == 20 and seen[-1] == final and len(set(seen)) >= 2, sorted(set(seen))
    assert all(n % 10 == 0 for n in seen)


def test_the_file_is_let_go_shortly_after_the_last_request(served):
    app, port, path = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    assert _get(conn, "/api/overview")[0] == 200
    readers = app.state.readers
    deadline = time.monotonic() + 5
    while readers.store._con is not None:
        assert time.monotonic() < deadline, "file still held 5 s after the last request"
        time.sleep(0.02)
    # ... so a writer opens it at once
    t0 = time.monotonic()
    with Store(path, lock_timeout_s=5) as s:
        s.counts()
    assert time.monotonic() - t0 < 2
    assert _get(conn, "/api/overview")[0] == 200
    conn.close()


def test_a_dead_writers_marker_is_ignored(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    marker_path(path).write_text(str(dead.pid))
    assert not writer_waiting(path)
    marker_path(path).write_text(str(os.getpid()))
    assert writer_waiting(path)
