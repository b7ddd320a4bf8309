"""Worker processes die with the process that started them.

A fork server and its workers outlive an ``ingest`` killed with SIGKILL (no
Python code runs to end them): 3-4 processes and about 1 GB stay behind,
holding the parent's pipes, so a supervisor waiting for EOF waits forever.
On Linux the kernel can send a signal to a process when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); the fork server asks for it against the
ingest process, and each worker against the fork server. Elsewhere a
thread polls the parent's pid.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PARENT_ENV = "NEWSEVENTS_PARENT_PID"
_PR_SET_PDEATHSIG = 1


def die_with_parent(expected_parent: int | None = None) -> bool:
    """End this process (SIGKILL) when its parent process ends; True when the kernel does it.

    ``expected_parent`` is the pid the parent should have: if it is gone
    already (the parent died before this call), the process exits now.

    >>> die_with_parent()  # doctest: +SKIP
    True
    """
    parent = os.getppid()
    kernel = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            kernel = libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            kernel = False
    if not kernel:
        threading.Thread(target=_watch, args=(parent,), name="newsevents-lifeline",
                         daemon=True).start()
    # The parent may have died between fork and the call above: then nobody signals.
    if (expected_parent and parent != expected_parent) or os.getppid() != parent:
        os._exit(1)
    return kernel


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def from_environment() -> None:
    """In a process started with ``NEWSEVENTS_PARENT_PID`` set (the fork server), tie it to that parent."""
    raw = os.environ.get(PARENT_ENV, "")
    if raw.isdigit() and int(raw) != os.getpid():
        die_with_parent(int(raw))
