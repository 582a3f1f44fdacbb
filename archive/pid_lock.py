"""A lock file held by one process: the serving lock, the feed watcher's, reannotate's.

The file is locked with flock and holds the holder's pid, for the message a second process
gives; the operating system lets go of the lock when the process ends, however it ends.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class LockHeld(RuntimeError):
    """Another process holds the lock; `by` is " (pid N)" when it wrote its pid, else ""."""

    def __init__(self, holder: str):
        super().__init__(f"held by another process{f' (pid {holder})' if holder else ''}")
        self.by = f" (pid {holder})" if holder else ""


def hold_pid_lock(path: Path | str) -> IO[str]:
    """The open, locked file at `path` with this process's pid in it (keep it open while the
    work runs), or LockHeld at once. OSError when the file cannot be opened."""
    handle = open(path, "a+", encoding="ascii")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise LockHeld(holder) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
