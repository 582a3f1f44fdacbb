"""Background jobs' files on disk: `spool/<job id>/000000`, `000001`, … and `names.json`.

A job's files are written and synced before the job is acknowledged, streamed from the
request (never read into memory as a whole); a ZIP inside one of them is unpacked into
the same folder while the job runs. The folder goes when the job is finished or failed,
and at start for every job that no longer needs it.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

COPY_CHUNK = 1024 * 1024
NAMES = "names.json"


class Spool:
    def __init__(self, folder: Path):
        self.folder = folder

    def folder_of(self, job_id: str) -> Path:
        return self.folder / job_id

    def file(self, job_id: str, seq: int) -> Path:
        return self.folder_of(job_id) / f"{seq:06d}"

    def write(self, job_id: str, files: Iterable[tuple[str, bytes | BinaryIO]]) -> int:
        """Write each (name, bytes or readable binary stream) and the names; the count."""
        folder = self.folder_of(job_id)
        folder.mkdir(parents=True)
        names = []
        for seq, (name, content) in enumerate(files):
            _write_synced(self.file(job_id, seq), content)
            names.append(name)
        _write_synced(folder / NAMES, json.dumps(names, ensure_ascii=False).encode("utf-8"))
        return len(names)

    def names(self, job_id: str) -> list[str]:
        return json.loads((self.folder_of(job_id) / NAMES).read_text(encoding="utf-8"))

    def remove(self, job_id: str) -> None:
        shutil.rmtree(self.folder_of(job_id), ignore_errors=True)

    def remove_all_but(self, job_ids: set[str]) -> list[str]:
        """Remove the folders of every job not named (finished, failed, or never recorded:
        the server stopped while receiving it); the ids removed."""
        if not self.folder.is_dir():
            return []
        stale = [entry.name for entry in self.folder.iterdir() if entry.name not in job_ids]
        for name in stale:
            path = self.folder / name
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        return stale


def _write_synced(path: Path, content: bytes | BinaryIO) -> None:
    with open(path, "wb") as out:
        if isinstance(content, bytes):
            out.write(content)
        else:
            content.seek(0)
            shutil.copyfileobj(content, out, COPY_CHUNK)
        out.flush()
        os.fsync(out.fileno())
