"""Opening a store file under DuckDB's one-writer rule, and the writer's signal.

DuckDB locks the file: one process may hold it for writing, which excludes
every reader, or any number may hold it read-only. Both sides here retry
with a backoff until a deadline. A writer that finds the file held also
leaves a marker file (``<store>.writer-waiting``, holding its pid) until it
gets in, so long-lived readers — the HTTP server — can see that someone is
waiting and let go at once instead of keeping the writer out while their
requests keep coming (:func:`writer_waiting`).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from ..errors import StoreError

__all__ = ["connect", "interrupted", "marker_path", "process_alive", "process_identity",
           "writer_waiting"]

# How often a waiting writer retries: short, because readers that see its
# marker let go within a request's time and the next reader may come soon.
_WRITER_MAX_DELAY_S = 0.05
_READER_MAX_DELAY_S = 0.5


def marker_path(path: str | Path) -> Path:
    """Where a waiting writer leaves its pid.

    >>> marker_path("news.duckdb").name
    'news.duckdb.writer-waiting'
    """
    return Path(f"{path}.writer-waiting")


def writer_waiting(path: str | Path) -> bool:
    """Whether a live process is waiting to open ``path`` for writing.

    A marker left by a writer that died (``kill -9``) is ignored.

    >>> writer_waiting("/nonexistent/news.duckdb")
    False
    """
    try:
        pid = int(marker_path(path).read_text().strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _set_marker(path: str) -> Path | None:
    m = marker_path(path)
    try:
        m.write_text(str(os.getpid()))
        return m
    except OSError:  # a read-only folder: readers will just not see the signal
        return None


def _clear_marker(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        if marker.read_text().strip() == str(os.getpid()):
            marker.unlink()
    except OSError:
        pass


def connect(path: str, read_only: bool, timeout_s: float) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting up to ``timeout_s`` for another process's lock.

    Raises :class:`StoreError` naming the process that holds the file when
    the wait runs out.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.01
    marker = None
    cap = _READER_MAX_DELAY_S if read_only else _WRITER_MAX_DELAY_S
    try:
        while True:
            try:
                con = duckdb.connect(path, read_only=read_only)
                # DuckDB draws its own progress bar on a terminal for queries over
                # 2 s and leaves that line open, so the CLI's next line ("Wrote N
                # events ...") was glued to it; our commands report progress themselves.
                # Cursors (con.cursor()) inherit the setting.
                con.execute("SET enable_progress_bar = false")
                return con
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" not in msg.lower():
                    raise StoreError(f"cannot open store {path}: {msg}") from None
                if time.monotonic() >= deadline:
                    pid = re.search(r"PID (\d+)", msg)
                    who = f"process {pid[1]}" if pid else "another process"
                    doing = "is being written by" if read_only else "is open in"
                    raise StoreError(
                        f"the store {path} {doing} {who} and stayed locked for "
                        f"{timeout_s:.0f} s; wait for that ingest or server to finish "
                        "and retry, or use another --db file") from None
                if not read_only and marker is None:
                    marker = _set_marker(path)
                time.sleep(delay)
                delay = min(delay * 2, cap)
            except duckdb.Error as exc:
                raise StoreError(
                    f"cannot open store {path}: {exc}; is it a DuckDB file?") from None
    finally:
        _clear_marker(marker)


@contextlib.contextmanager
def transaction(con, what: str | None = None, path: str = "") -> Iterator[None]:
    """One DuckDB transaction: commit on success, roll back on any exception.

    With ``what`` (e.g. ``"writing a batch"``), a DuckDB error is re-raised as a
    :class:`StoreError` that says the work was rolled back.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error, RuntimeError):
            con.execute("ROLLBACK")
        if not isinstance(exc, KeyboardInterrupt) and interrupted(exc):
            raise KeyboardInterrupt from exc
        if what and isinstance(exc, duckdb.Error):
            raise StoreError(f"{what} on {path} failed and was rolled back: {exc}") from exc
        raise


def interrupted(exc: BaseException | None) -> bool:
    """Whether ``exc`` is, or was caused by, a Ctrl-C that reached DuckDB.

    A SIGINT that arrives while DuckDB runs a query is consumed by DuckDB: the
    query stops with ``RuntimeError("Query interrupted")`` (DuckDB 1.x–2.x) or
    ``duckdb.InterruptException``, and Python's KeyboardInterrupt is never
    raised. The next statement in the same transaction then fails with
    "transaction is aborted", so the chain is followed too. Callers turn this
    back into the user's interrupt instead of reporting a store failure.
    """
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
            return True
        if type(exc) is RuntimeError and str(exc).strip().lower() == "query interrupted":
            return True
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        seen += 1
    return False


def process_identity(pid: int | None = None) -> dict:
    """This process (or ``pid``) as ``{"pid", "host", "start"}``; ``start`` tells a reused pid apart.

    >>> sorted(process_identity())
    ['host', 'pid', 'start']
    """
    pid = pid or os.getpid()
    return {"pid": pid, "host": socket.gethostname(), "start": _start_ticks(pid)}


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (Linux), else None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return int(fields[19]) if len(fields) > 19 and fields[19].isdigit() else None


def process_alive(identity: dict) -> bool | None:
    """Whether the process a run recorded is still running; None when it cannot be told (another host)."""
    if not isinstance(identity, dict) or identity.get("host") != socket.gethostname():
        return None
    pid = identity.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, another user's
    start = identity.get("start")
    return start is None or _start_ticks(pid) in (None, start)
