"""One serving process per archive folder.

A second `serve` on the same folder would run a second index writer and a second
upload-job thread over the same queue: the second would take the first's running job
for one a crash interrupted. `serve` therefore holds an exclusive lock on
`serve.lock` in the folder while it runs; the operating system lets go of it when the
process ends, however it ends. A CLI `ingest` takes no such lock: it may run beside a
server (they share the index writer through the index's own lock).
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

LOCK_NAME = "serve.lock"


class FolderServed(RuntimeError):
    """Another process serves this archive folder."""


def hold_serving_lock(data_dir: Path) -> IO[str] | None:
    """The open, locked file (keep it open while serving), or None for a folder this
    process cannot write, which is served read-only and may be read by several."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handle = open(data_dir / LOCK_NAME, "a+", encoding="ascii")
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise FolderServed(f"another server{f' (pid {holder})' if holder else ''} already serves "
                           f"{data_dir}; one process serves a folder (use --threads for more "
                           f"clients at once)") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
