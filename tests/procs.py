"""Process helpers shared by the tests that kill or interrupt an ingest (Linux /proc)."""

from __future__ import annotations

import os


def session_processes(sid: int) -> dict[int, str]:
    """Live processes of session ``sid``: {pid: state letter}; zombies are not alive."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                out[int(entry)] = fields[0]
    return out
