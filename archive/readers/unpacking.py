"""What unpacking the ZIPs of one upload may still spend, and how far it has got.

One `Unpacking` is shared by every file of an upload (or background job) and by a ZIP
and the ZIPs inside it, so a ZIP of ZIPs cannot multiply the limits by nesting them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Unpacking:
    max_bytes: int  # decompressed bytes, every level of every ZIP of the upload
    max_entries: int  # ZIP entries, likewise
    scratch_dir: Path | None = None  # where ZIPs inside ZIPs are unpacked (None: the system's temp folder)
    bytes_used: int = 0
    entries_used: int = 0
    exhausted: str | None = None  # why nothing more is unpacked, once a limit is reached
    # Progress inside the current file: entries of the ZIPs opened so far, and read so far.
    entries_total: int = 0
    entries_done: int = 0

    @classmethod
    def of(cls, limits, scratch_dir: str | os.PathLike | None = None, max_bytes: int | None = None) -> "Unpacking":
        return cls(max_bytes=limits.max_zip_total_bytes if max_bytes is None else max_bytes,
                   max_entries=limits.max_upload_entries,
                   scratch_dir=Path(scratch_dir) if scratch_dir is not None else None)

    @property
    def bytes_left(self) -> int:
        return self.max_bytes - self.bytes_used

    def start_file(self) -> None:
        self.entries_total = self.entries_done = 0
