"""Facet counts from column fields, without loading a single stored document.

A facet column holds each document's values joined by a separator. The first
time a segment's column is needed it is turned into two flat arrays (the
document of each value entry, and the value's number) and cached under the
segment's id: segments never change, so the cache needs no invalidation beyond
forgetting segments that were merged away. Counting the values of the
documents a query matches is then one vectorised pass over those arrays.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index.schema import VALUE_SEPARATOR


@dataclass
class SegmentFacet:
    entry_doc: np.ndarray  # int32: segment-local document number of each value entry
    entry_value: np.ndarray  # int32: index into `values`
    values: list[str]
    doc_count: int


def build_segment_facet(reader, column_field: str) -> SegmentFacet:
    column = reader.column_reader(column_field)
    values: dict[str, int] = {}
    docs, ids = [], []
    for docnum, raw in enumerate(column):
        if not raw:
            continue
        for value in raw.decode("utf-8").split(VALUE_SEPARATOR):
            if value:
                docs.append(docnum)
                ids.append(values.setdefault(value, len(values)))
    return SegmentFacet(np.array(docs, dtype=np.int32), np.array(ids, dtype=np.int32),
                        list(values), reader.doc_count_all())


class FacetCounter:
    """Shared by all request threads; segment arrays are immutable once built."""

    def __init__(self):
        self._cache: dict[tuple[str, str, str], SegmentFacet] = {}
        self._lock = threading.Lock()

    def segment_facet(self, index_name: str, reader, facet: str) -> SegmentFacet:
        key = (index_name, reader.segment().segment_id(), facet)
        cached = self._cache.get(key)
        if cached is None:
            with self._lock:
                cached = self._cache.get(key)
                if cached is None:
                    cached = build_segment_facet(reader, f"{facet}_col")
                    self._cache[key] = cached
        return cached

    def count(self, index_name: str, searcher, docnums: np.ndarray, facets: tuple[str, ...]) -> dict[str, Counter]:
        """Value counts per facet over the (sorted, global) document numbers."""
        totals = {facet: Counter() for facet in facets}
        for reader, offset in searcher.reader().leaf_readers():
            size = reader.doc_count_all()
            lo, hi = np.searchsorted(docnums, [offset, offset + size])
            if lo == hi:
                continue
            mask = np.zeros(size, dtype=bool)
            mask[docnums[lo:hi] - offset] = True
            for facet in facets:
                seg = self.segment_facet(index_name, reader, facet)
                if not len(seg.entry_doc):
                    continue
                hits = seg.entry_value[mask[seg.entry_doc]]
                counts = np.bincount(hits, minlength=len(seg.values))
                for value_id in np.flatnonzero(counts):
                    totals[facet][seg.values[value_id]] += int(counts[value_id])
        return totals

    def forget_except(self, live_segment_ids: set[str]) -> None:
        """Drop arrays of segments that merges have removed."""
        with self._lock:
            for key in [k for k in self._cache if k[1] not in live_segment_ids]:
                del self._cache[key]
