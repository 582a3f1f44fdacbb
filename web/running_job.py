"""One background job being worked on: its spooled files read lazily, a few articles
at a time, and where it stands.

Where a job stands is `files_done` (whole files) and `file_items_done` (articles, or
failures, of the next file already recorded), plus what its ZIPs had unpacked when
that file began: a job resumed after a restart reads past what it recorded, without
annotating or storing it again, and spends the same budget it spent the first time.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from archive.pipeline import IngestOptions, Prepared, iter_prepared
from archive.readers import Limits
from archive.readers.unpacking import Unpacking
from web.spool import Spool

# One unit of work holds the model this long at most: a few articles, or one long one.
UNIT_ITEMS = 8
UNIT_TEXT_CHARS = 100_000


class RunningJob:
    def __init__(self, row: dict, spool: Spool, limits: Limits):
        self.id: str = row["id"]
        self.options = IngestOptions(**json.loads(row["options"]))
        self.names = spool.names(self.id)
        self.files_done: int = row["done"]
        self.file_items_done: int = row["file_items_done"]
        self.reports_recorded: int = row["reports"]
        self._spool = spool
        self._limits = limits
        self.unpacking = Unpacking.of(limits, scratch_dir=spool.folder_of(self.id))
        self.unpacking.bytes_used = row["unpacked_bytes"]
        self.unpacking.entries_used = row["unpacked_entries"]
        self.unpacked_before_file = (self.unpacking.bytes_used, self.unpacking.entries_used)
        self._items: Iterator[Prepared] | None = None

    @property
    def finished(self) -> bool:
        return self.files_done >= len(self.names)

    @property
    def current_file(self) -> str | None:
        return None if self.finished else self.names[self.files_done]

    def next_unit(self) -> list[Prepared]:
        """The next few articles (and failures), read and normalized; empty once finished."""
        unit: list[Prepared] = []
        chars = 0
        while not self.finished and len(unit) < UNIT_ITEMS and chars < UNIT_TEXT_CHARS:
            if self._items is None:
                self.unpacking.start_file()
                self._items = iter_prepared(self.names[self.files_done], self._spool.file(self.id, self.files_done),
                                            self.options, self._limits, self.unpacking, skip=self.file_items_done)
            item = next(self._items, None)
            if item is None:
                self._items = None
                self.files_done += 1
                self.file_items_done = 0
                self.unpacked_before_file = (self.unpacking.bytes_used, self.unpacking.entries_used)
                continue
            unit.append(item)
            self.file_items_done += 1
            chars += len(item.article.body or "") if item.article is not None else 0
        return unit

    def progress(self) -> dict:
        """Where the job stands, as the jobs table records it."""
        return {
            "done": self.files_done,
            "file_items_done": self.file_items_done,
            "unpacked_bytes": self.unpacked_before_file[0],
            "unpacked_entries": self.unpacked_before_file[1],
            "current_file": self.current_file,
            "entries_done": self.unpacking.entries_done if not self.finished else None,
            "entries_total": self.unpacking.entries_total if not self.finished else None,
        }

    def close(self) -> None:
        """Let go of the file being read (and any ZIP unpacked from it)."""
        if self._items is not None:
            self._items.close()
            self._items = None
