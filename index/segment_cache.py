"""Arrays derived from one index segment (sort columns, field lengths, facet entries),
built on first use and kept while the segment is live.

A segment's files never change once written: deletions are recorded apart, and a
merge writes a new segment with a new id. So an entry keyed by segment id stays
right for the segment's whole life and needs no invalidation; entries of segments
that commits have merged away are dropped when a searcher over the newer
generation is opened (`keep_only`). Only per-segment data lives here, never the
results of a search.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any


def segment_id(reader) -> str:
    return reader.segment().segment_id()


def live_segments(searcher) -> list[tuple[Any, int]]:
    """(segment reader, first global document number) of each segment holding documents.
    An empty index has a reader without segments; it holds nothing to search."""
    return [(reader, offset) for reader, offset in searcher.reader().leaf_readers()
            if reader.doc_count_all()]


class SegmentCache:
    """One per index; shared by the request threads. Builders must be pure functions of
    the segment's files."""

    def __init__(self):
        self._entries: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, reader, name: str, build: Callable[[], Any]) -> Any:
        entries = self._entries.get(segment_id(reader))
        if entries is not None and name in entries:
            return entries[name]
        value = build()  # outside the lock: other segments' lookups need not wait
        with self._lock:
            return self._entries.setdefault(segment_id(reader), {}).setdefault(name, value)

    def keep_only(self, live_ids: Iterable[str]) -> None:
        live = set(live_ids)
        with self._lock:
            for gone in [key for key in self._entries if key not in live]:
                del self._entries[gone]

    def segment_ids(self) -> set[str]:
        return set(self._entries)
