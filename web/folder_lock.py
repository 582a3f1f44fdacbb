"""One serving process per archive folder.

A second `serve` on the same folder would run a second index writer and a second
upload-job thread over the same queue: the second would take the first's running job
for one a crash interrupted. `serve` therefore holds an exclusive lock on
`serve.lock` in the folder while it runs; the operating system lets go of it when the
process ends, however it ends. A CLI `ingest` takes no such lock: it may run beside a
server (they share the index writer through the index's own lock).
"""
from __future__ import annotations

from pathlib import Path
from typing import IO

from archive.pid_lock import LockHeld, hold_pid_lock

LOCK_NAME = "serve.lock"


class FolderServed(RuntimeError):
    """Another process serves this archive folder."""


def hold_serving_lock(data_dir: Path) -> IO[str] | None:
    """The open, locked file (keep it open while serving), or None for a folder this
    process cannot write, which is served read-only and may be read by several."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return hold_pid_lock(data_dir / LOCK_NAME)
    except LockHeld as held:
        raise FolderServed(f"another server{held.by} already serves {data_dir}; one process serves a "
                           f"folder (use --threads for more clients at once)") from None
    except OSError:
        return None
