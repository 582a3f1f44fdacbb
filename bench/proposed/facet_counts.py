"""Facet counts that never leave numpy until the few values a page shows.

index/facets.py already counts with one vectorised pass per segment, but then
turns every value with a non-zero count into a Python Counter entry, and
SearchService sorts all of them to keep ten: at 100k articles that is tens of
thousands of dict updates and a sort with a Python key per facet, per search.
Here each segment's values get a global number once per set of segments (cached
by segment ids), counts are one bincount per segment summed into one array, and
the top values are picked with argpartition and ordered by (-count, value) using
a precomputed alphabetical rank of every value. For a small matching set the
entries of its documents are gathered directly instead of masking every entry.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from index.facets import FacetCounter


@dataclass
class Vocabulary:
    """All values of one facet over a set of segments."""

    values: list[str]
    rank: np.ndarray  # alphabetical position of each value (code point order, as Python sorts)
    segment_ids: list[np.ndarray]  # per segment: segment value number -> global value number


class TopFacetCounter(FacetCounter):
    def __init__(self):
        super().__init__()
        self._vocabularies: dict[tuple, Vocabulary] = {}
        self._vocabulary_lock = threading.Lock()
        self._offsets: dict[tuple, np.ndarray] = {}

    def vocabulary(self, index_name: str, readers: list, facet: str) -> Vocabulary:
        key = (index_name, facet, tuple(r.segment().segment_id() for r in readers))
        cached = self._vocabularies.get(key)
        if cached is None:
            with self._vocabulary_lock:
                cached = self._vocabularies.get(key)
                if cached is None:
                    cached = self._build_vocabulary(index_name, readers, facet)
                    self._vocabularies[key] = cached
        return cached

    def _build_vocabulary(self, index_name: str, readers: list, facet: str) -> Vocabulary:
        numbers: dict[str, int] = {}
        per_segment = []
        for reader in readers:
            seg = self.segment_facet(index_name, reader, facet)
            per_segment.append(np.array([numbers.setdefault(v, len(numbers)) for v in seg.values], dtype=np.int64))
        values = list(numbers)
        order = sorted(range(len(values)), key=values.__getitem__)
        rank = np.empty(len(values), dtype=np.int64)
        rank[order] = np.arange(len(values))
        return Vocabulary(values, rank, per_segment)

    def entry_offsets(self, index_name: str, reader, facet: str) -> np.ndarray:
        """Where each document's entries start in the segment's entry arrays (they are in document order)."""
        key = (index_name, reader.segment().segment_id(), facet)
        cached = self._offsets.get(key)
        if cached is None:
            seg = self.segment_facet(index_name, reader, facet)
            cached = np.searchsorted(seg.entry_doc, np.arange(reader.doc_count_all() + 1)).astype(np.int64)
            self._offsets[key] = cached
        return cached

    def top(self, index_name: str, searcher, docnums: np.ndarray, facets: tuple[str, ...],
            limits: dict[str, int | None]) -> dict[str, list[tuple[str, int]]]:
        """Per facet: (value, count) by count then value, at most limits[facet] (None: all, by value)."""
        leaves = searcher.reader().leaf_readers()
        readers = [reader for reader, _ in leaves]
        local_docs = []
        for reader, offset in leaves:
            lo, hi = np.searchsorted(docnums, [offset, offset + reader.doc_count_all()])
            local_docs.append(docnums[lo:hi] - offset)
        result = {}
        for facet in facets:
            vocabulary = self.vocabulary(index_name, readers, facet)
            counts = np.zeros(len(vocabulary.values), dtype=np.int64)
            for reader, local, global_ids in zip(readers, local_docs, vocabulary.segment_ids):
                seg = self.segment_facet(index_name, reader, facet)
                if len(seg.entry_doc) and len(local):
                    values = self._entry_values(index_name, reader, facet, seg, local)
                    counts += np.bincount(global_ids[values], minlength=len(counts))
            result[facet] = _top_values(counts, vocabulary, limits.get(facet))
        return result

    def _entry_values(self, index_name: str, reader, facet: str, seg, local: np.ndarray) -> np.ndarray:
        """The value numbers of the entries of these documents: gathered document by document
        when they are few, picked by a mask over all entries when they are many."""
        if len(local) * 8 > seg.doc_count:
            mask = np.zeros(seg.doc_count, dtype=bool)
            mask[local] = True
            return seg.entry_value[mask[seg.entry_doc]]
        offsets = self.entry_offsets(index_name, reader, facet)
        starts, lengths = offsets[local], offsets[local + 1] - offsets[local]
        total = int(lengths.sum())
        if not total:
            return seg.entry_value[:0]
        # Entry positions of every chosen document, without a Python loop: each run
        # starts[i] .. starts[i] + lengths[i] laid end to end.
        run_starts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return seg.entry_value[run_starts + np.arange(total)]


def _top_values(counts: np.ndarray, vocabulary: Vocabulary, limit: int | None) -> list[tuple[str, int]]:
    present = np.flatnonzero(counts)
    if limit is None:  # every value, alphabetically (the month histogram)
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
