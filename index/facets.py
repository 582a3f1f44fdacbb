"""Facet counts from column fields, without loading a single stored document.

A facet column holds each document's values joined by a separator. The first time
a segment's column is needed it becomes two flat arrays (the document of each
value entry, and the value's number), kept in the index's SegmentCache. Each
segment's value numbers are mapped to numbers over all live segments (a
vocabulary, rebuilt when the set of segments changes); counting is one bincount
per segment summed into one array, and the top values are picked in numpy, ordered
by (-count, value) with a precomputed alphabetical rank of every value. Python
sees only the few values a page shows.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from index.schema import VALUE_SEPARATOR
from index.segment_cache import SegmentCache, segment_id


@dataclass
class SegmentFacet:
    entry_doc: np.ndarray  # int32: segment-local document number of each value entry, ascending
    entry_value: np.ndarray  # int32: index into `values`
    entry_start: np.ndarray  # int64: where each document's entries start (one more than documents)
    values: list[str]


@dataclass
class Vocabulary:
    """All values of one facet over a set of segments."""

    segment_ids: tuple[str, ...]
    values: list[str]
    rank: np.ndarray  # alphabetical position of each value (code point order, as Python sorts)
    entry_numbers: list[np.ndarray]  # per segment: the vocabulary number of each value entry


def build_segment_facet(reader, column_field: str) -> SegmentFacet:
    numbers: dict[str, int] = {}
    docs, ids = [], []
    for docnum, raw in enumerate(reader.column_reader(column_field)):
        if raw:
            for value in raw.decode("utf-8").split(VALUE_SEPARATOR):
                if value:
                    docs.append(docnum)
                    ids.append(numbers.setdefault(value, len(numbers)))
    entry_doc = np.array(docs, dtype=np.int32)
    starts = np.searchsorted(entry_doc, np.arange(reader.doc_count_all() + 1)).astype(np.int64)
    return SegmentFacet(entry_doc, np.array(ids, dtype=np.int32), starts, list(numbers))


def build_vocabulary(segment_facets: list[SegmentFacet], ids: tuple[str, ...]) -> Vocabulary:
    numbers: dict[str, int] = {}
    entry_numbers = []
    for seg in segment_facets:
        own = np.array([numbers.setdefault(v, len(numbers)) for v in seg.values], dtype=np.int32)
        entry_numbers.append(own[seg.entry_value] if len(own) else seg.entry_value)
    values = list(numbers)
    rank = np.empty(len(values), dtype=np.int64)
    rank[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
    return Vocabulary(ids, values, rank, entry_numbers)


def chosen_entries(seg: SegmentFacet, local: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """Which of the segment's value entries belong to these documents: by the documents'
    mask over all entries when they are many, gathered document by document when few."""
    if mask is not None:
        return mask[seg.entry_doc]
    starts = seg.entry_start[local]
    lengths = seg.entry_start[local + 1] - starts
    # Each document's run starts[i] .. starts[i] + lengths[i], laid end to end.
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))


def top_values(counts: np.ndarray, vocabulary: Vocabulary, limit: int | None) -> list[tuple[str, int]]:
    """(value, count) by count then value, at most `limit`; every value alphabetically for None."""
    present = np.flatnonzero(counts)
    if limit is None:
        chosen = present[np.argsort(vocabulary.rank[present])]
    else:
        if limit <= 0 or not len(present):
            return []
        if len(present) > limit:
            # Everything above the limit-th largest count is in; ties with it are decided by value.
            threshold = np.partition(counts[present], len(present) - limit)[len(present) - limit]
            present = present[counts[present] >= threshold]
        chosen = present[np.lexsort((vocabulary.rank[present], -counts[present]))][:limit]
    return [(vocabulary.values[i], int(counts[i])) for i in chosen]


class FacetCounter:
    """One per index, shared by the request threads."""

    def __init__(self, cache: SegmentCache):
        self.cache = cache
        self._vocabularies: dict[str, Vocabulary] = {}  # facet -> the latest set of segments' vocabulary
        self._lock = threading.Lock()

    def segment_facet(self, reader, facet: str) -> SegmentFacet:
        return self.cache.get(reader, f"facet:{facet}", lambda: build_segment_facet(reader, f"{facet}_col"))

    def vocabulary(self, readers: list, facet: str) -> Vocabulary:
        ids = tuple(segment_id(r) for r in readers)
        cached = self._vocabularies.get(facet)
        if cached is not None and cached.segment_ids == ids:
            return cached
        built = build_vocabulary([self.segment_facet(r, facet) for r in readers], ids)
        with self._lock:
            self._vocabularies[facet] = built
        return built

    def top(self, segments: list[tuple], docnums: np.ndarray, facets: dict[str, int | None]
            ) -> dict[str, list[tuple[str, int]]]:
        """Per facet: its top values among these (sorted, global) documents, at most
        facets[name] of them (None: every value, alphabetically)."""
        readers = [reader for reader, _ in segments]
        local_docs, masks = [], []
        for reader, offset in segments:
            lo, hi = np.searchsorted(docnums, [offset, offset + reader.doc_count_all()])
            local = docnums[lo:hi] - offset
            mask = None
            if len(local) * 8 > reader.doc_count_all():
                mask = np.zeros(reader.doc_count_all(), dtype=bool)
                mask[local] = True
            local_docs.append(local)
            masks.append(mask)
        result = {}
        for facet, limit in facets.items():
            vocabulary = self.vocabulary(readers, facet)
            counts = np.zeros(len(vocabulary.values), dtype=np.int64)
            for reader, local, mask, numbers in zip(readers, local_docs, masks, vocabulary.entry_numbers):
                seg = self.segment_facet(reader, facet)
                if len(seg.entry_doc) and len(local):
                    counts += np.bincount(numbers[chosen_entries(seg, local, mask)], minlength=len(counts))
            result[facet] = top_values(counts, vocabulary, limit)
        return result
