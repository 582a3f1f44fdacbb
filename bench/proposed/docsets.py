"""The documents a query matches, as a sorted numpy array, read block by block.

SearchService takes the matching set from `q.docs(searcher)`, which walks a
matcher tree one posting at a time in Python (every call to id() and next()
goes through several layers) and runs the whole query a second time after the
top-k search. Here the common node types are evaluated with set operations on
arrays: a term's postings are decoded a block (up to 128 ids) at a time, date
ranges are a comparison on the cached `date_newest` column, phrases are the
intersection of their words' documents checked position by position, And / Or /
Not are intersect / union / difference. Other nodes (fuzzy terms, phrases with
slop) fall back to Whoosh for that node only.
"""
from __future__ import annotations

import threading
from array import array
from datetime import datetime, timezone

import numpy as np
from whoosh import query as wq
from whoosh import matching
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from index.documents import UNDATED_NEWEST

EMPTY = np.zeros(0, dtype=np.int64)


def _seconds(value: datetime) -> float:
    return value.replace(tzinfo=timezone.utc).timestamp()


class ColumnCache:
    """Per-segment numpy copies of numeric sort columns; segments never change."""

    def __init__(self):
        self._arrays: dict[tuple[str, str], np.ndarray] = {}
        self._lock = threading.Lock()

    def array(self, reader, column: str) -> np.ndarray:
        key = (reader.segment().segment_id(), column)
        cached = self._arrays.get(key)
        if cached is None:
            with self._lock:
                cached = self._arrays.get(key)
                if cached is None:
                    cached = np.fromiter(reader.column_reader(column), dtype=np.int64,
                                         count=reader.doc_count_all())
                    self._arrays[key] = cached
        return cached


def term_postings(reader, fieldname: str, text) -> np.ndarray:
    """Segment-local document numbers of one term (deleted documents included)."""
    return term_postings_and_weights(reader, fieldname, text, weights=False)[0]


def term_postings_and_weights(reader, fieldname: str, text, weights: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and posting weights of one term, decoded a block (up to 128 postings) at a time."""
    if (fieldname, text) not in reader:
        return EMPTY, EMPTY.astype(np.float64)
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        pairs = list(matcher.items_as("weight")) if weights else [(i, 1.0) for i in matcher.all_ids()]
        return (np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.float64))
    id_blocks, weight_blocks = [], []
    while matcher.is_active():
        matcher._read_ids()
        id_blocks.append(np.asarray(matcher._ids, dtype=np.int64))
        if weights:
            matcher._read_weights()
            weight_blocks.append(np.asarray(matcher._weights, dtype=np.float64))
        matcher._next_block()
    if not id_blocks:
        return EMPTY, EMPTY.astype(np.float64)
    return np.concatenate(id_blocks), (np.concatenate(weight_blocks) if weights else EMPTY.astype(np.float64))


class SearchMemo:
    """What one search decodes more than once (a term's postings serve the matching set and
    the ranking; a phrase's documents likewise), per thread, emptied at the start of every
    search, so that repeating a query costs what it cost the first time."""

    def __init__(self):
        self._local = threading.local()

    def reset(self) -> None:
        self._local.postings = {}
        self._local.phrases = {}

    def _table(self, name: str) -> dict:
        return self._local.__dict__.setdefault(name, {})

    def postings(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(text, str):
            text = reader.schema[fieldname].to_bytes(text)
        table = self._table("postings")
        key = (reader.segment().segment_id(), fieldname, text)
        if key not in table:
            table[key] = term_postings_and_weights(reader, fieldname, text)
        return table[key]

    def docs(self, reader, q: wq.Phrase) -> np.ndarray:
        table = self._table("phrases")
        key = (reader.segment().segment_id(), q.fieldname, tuple(q.words))
        if key not in table:
            table[key] = phrase_postings(reader, q, self)
        return table[key]


def phrase_supported(q: wq.Phrase) -> bool:
    return q.slop == 1 and q.boost == 1.0


def phrase_postings(reader, q: wq.Phrase, memo: SearchMemo) -> np.ndarray:
    """Segment-local documents holding the phrase's words one after the other. Candidates
    are the rarest word's documents; the other words are read only in the posting blocks
    that can hold a candidate (commoner words are skipped over block by block, as Whoosh's
    intersection does), and their positions compared as sets."""
    field = reader.schema[q.fieldname]
    words = [field.to_bytes(w) for w in q.words]
    if not words or any((q.fieldname, w) not in reader for w in words):
        return EMPTY
    by_rarity = sorted(range(len(words)), key=lambda i: reader.doc_frequency(q.fieldname, words[i]))
    candidates = memo.postings(reader, q.fieldname, words[by_rarity[0]])[0]
    if len(words) == 1:
        return candidates
    positions: dict[int, dict[int, list[int]]] = {}
    for i in by_rarity:
        positions[i] = _positions(reader, q.fieldname, words[i], candidates, field.format)
        candidates = np.fromiter(positions[i], dtype=np.int64) if len(positions[i]) < len(candidates) \
            else candidates
        if not len(candidates):
            return EMPTY
    keep = []
    for doc in candidates.tolist():
        starts = set(positions[0][doc])
        for offset in range(1, len(words)):
            starts &= {p - offset for p in positions[offset][doc]}
            if not starts:
                break
        if starts:
            keep.append(doc)
    return np.array(keep, dtype=np.int64)


def _positions(reader, fieldname: str, word: bytes, candidates: np.ndarray, fmt) -> dict[int, list[int]]:
    """{candidate: the word's positions} for the candidates that hold the word, in document order."""
    matcher = reader.postings(fieldname, word)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    found: dict[int, list[int]] = {}
    if not isinstance(matcher, W3LeafMatcher):
        wanted = set(candidates.tolist())
        for doc in matcher.all_ids():
            if doc in wanted:
                found[doc] = list(matcher.value_as("positions"))
        return found
    wanted = candidates.tolist()
    i = 0
    while i < len(wanted) and matcher.is_active():
        target = wanted[i]
        if matcher.block_max_id() < target:
            matcher._skip_to_block(lambda: matcher.block_max_id() < target)
            if not matcher.is_active():
                break
        matcher._read_ids()
        ids = np.asarray(matcher._ids, dtype=np.int64)
        stop = int(np.searchsorted(candidates, ids[-1], side="right"))
        inside = candidates[i:stop]
        where = np.searchsorted(ids, inside)
        present = ids[np.minimum(where, len(ids) - 1)] == inside
        if present.any():
            matcher._read_values()
            values = matcher._values
            for doc, j in zip(inside[present].tolist(), where[present].tolist()):
                found[doc] = fmt.decode_positions(values[j])
        i = stop
        matcher._next_block()
    return found


def published_range(q: wq.DateRange, reader, columns: ColumnCache) -> np.ndarray:
    """Segment-local documents of a date range on `published`, from the date_newest column.
    The column holds the same instant in whole seconds (UNDATED_NEWEST when undated); the
    bounds are whole days, so seconds decide exactly as Whoosh's microseconds would."""
    seconds = columns.array(reader, "date_newest")
    keep = seconds != UNDATED_NEWEST
    if q.startdate is not None:
        keep &= seconds > _seconds(q.startdate) if q.startexcl else seconds >= _seconds(q.startdate)
    if q.enddate is not None:
        keep &= seconds < _seconds(q.enddate) if q.endexcl else seconds <= _seconds(q.enddate)
    return np.flatnonzero(keep).astype(np.int64)


class ColumnDateRange(wq.DateRange):
    """A date range on `published` that Whoosh scores as it scores DateRange (a constant,
    the boost) but matches from the cached column instead of expanding the range into
    dozens of trie terms and walking their postings."""

    def __init__(self, original: wq.DateRange, columns: ColumnCache):
        super().__init__(original.fieldname, original.startdate, original.enddate, original.startexcl,
                         original.endexcl, boost=original.boost, constantscore=original.constantscore)
        self.columns = columns

    def matcher(self, searcher, context=None):
        ids = published_range(self, searcher.reader(), self.columns)
        if not len(ids):
            return matching.NullMatcher()
        return matching.ListMatcher(array("I", ids.tolist()), all_weights=self.boost)

    def docs(self, searcher):
        return iter(published_range(self, searcher.reader(), self.columns).tolist())


def with_column_dates(q: wq.Query, columns: ColumnCache) -> wq.Query:
    def swap(node):
        if type(node) is wq.DateRange and node.fieldname == "published" and node.constantscore:
            return ColumnDateRange(node, columns)
        return node
    return q.accept(swap)


class DocsetEvaluator:
    def __init__(self, columns: ColumnCache, memo: SearchMemo):
        self.columns = columns
        self.memo = memo

    def docs(self, searcher, q: wq.Query) -> np.ndarray:
        """Sorted global document numbers of the live documents `q` matches."""
        parts = []
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            local = self._node(q, sub, reader)
            if reader.has_deletions() and len(local):
                deleted = np.fromiter(reader.deleted_docs(), dtype=np.int64)
                local = np.setdiff1d(local, deleted, assume_unique=True)
            parts.append(local + offset)
        return np.concatenate(parts) if parts else EMPTY

    def _node(self, q: wq.Query, searcher, reader) -> np.ndarray:
        if isinstance(q, wq.Term):
            return self.memo.postings(reader, q.fieldname, q.text)[0]
        if isinstance(q, wq.Every) and not q.fieldname:
            return np.arange(reader.doc_count_all(), dtype=np.int64)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return EMPTY
        if isinstance(q, wq.AndNot):
            return np.setdiff1d(self._node(q.a, searcher, reader), self._node(q.b, searcher, reader),
                                assume_unique=True)
        if isinstance(q, wq.AndMaybe):
            return self._node(q.a, searcher, reader)
        if isinstance(q, wq.And):
            return self._conjunction(q.subqueries, searcher, reader)
        if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0):
            return self._union([self._node(s, searcher, reader) for s in q.subqueries])
        if isinstance(q, wq.Not):
            everything = np.arange(reader.doc_count_all(), dtype=np.int64)
            return np.setdiff1d(everything, self._node(q.query, searcher, reader), assume_unique=True)
        if isinstance(q, (wq.Prefix, wq.Wildcard)):
            return self._union([self.memo.postings(reader, q.fieldname, t)[0] for t in q._btexts(reader)])
        if isinstance(q, wq.DateRange) and q.fieldname == "published":
            return published_range(q, reader, self.columns)
        if isinstance(q, wq.Phrase) and phrase_supported(q):
            return self.memo.docs(reader, q)
        return np.fromiter(q.docs(searcher), dtype=np.int64)  # phrases and the rest: Whoosh's own way

    def native(self, q: wq.Query) -> bool:
        """True when no node of `q` needs Whoosh's own matcher (phrases and the like do)."""
        if isinstance(q, (wq.Term, wq.Every, wq.Prefix, wq.Wildcard, wq.DateRange, type(wq.NullQuery))):
            return not isinstance(q, wq.Every) or not q.fieldname
        if isinstance(q, wq.Phrase):
            return phrase_supported(q)
        if isinstance(q, (wq.And, wq.AndNot, wq.AndMaybe, wq.Not)) or \
                (isinstance(q, wq.Or) and not getattr(q, "minmatch", 0)):
            return all(self.native(child) for child in q.children())
        return False

    def _conjunction(self, subqueries, searcher, reader) -> np.ndarray:
        positive = [s for s in subqueries if not isinstance(s, wq.Not)]
        negative = [s.query for s in subqueries if isinstance(s, wq.Not)]
        arrays = sorted((self._node(s, searcher, reader) for s in positive), key=len)
        if not arrays:
            result = np.arange(reader.doc_count_all(), dtype=np.int64)
        else:
            result = arrays[0]
            for other in arrays[1:]:
                if not len(result):
                    break
                result = np.intersect1d(result, other, assume_unique=True)
        for s in negative:
            if len(result):
                result = np.setdiff1d(result, self._node(s, searcher, reader), assume_unique=True)
        return result

    @staticmethod
    def _union(arrays: list[np.ndarray]) -> np.ndarray:
        arrays = [a for a in arrays if len(a)]
        if not arrays:
            return EMPTY
        if len(arrays) == 1:
            return arrays[0]
        return np.unique(np.concatenate(arrays))
