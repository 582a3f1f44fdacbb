"""The documents a query matches in one segment, as a sorted numpy array.

Terms come from their decoded posting blocks, date ranges on `published` from the
cached `date_newest` column (instead of dozens of trie terms), exact phrases from
word positions, and And / Or / Not from set operations. Any other node (fuzzy
terms, ranges over words, phrases with slop, `field:*`) is left to Whoosh's own
matcher for that node only. Deleted documents are not removed here: the search
removes them once from the whole matching set.
"""
from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
from whoosh import query as wq

from index.columns import sort_column
from index.documents import UNDATED_NEWEST
from index.docnums import EMPTY, difference, intersect, union
from index.postings import SearchPostings, phrase_supported
from index.segment_cache import SegmentCache

NULL_QUERY = type(wq.NullQuery)


def is_published_range(q: wq.Query) -> bool:
    return type(q) is wq.DateRange and q.fieldname == "published" and q.constantscore


def _seconds(value: datetime) -> float:
    return value.replace(tzinfo=timezone.utc).timestamp()


def published_range(q: wq.DateRange, seconds: np.ndarray) -> np.ndarray:
    """Documents of a date range on `published`, from the date_newest column. The column
    holds the same instant in whole seconds (UNDATED_NEWEST when undated); the request's
    bounds are whole days and Whoosh's in microseconds compare the same way."""
    keep = seconds != UNDATED_NEWEST
    if q.startdate is not None:
        start = _seconds(q.startdate)
        keep &= (seconds > start) if q.startexcl else (seconds >= start)
    if q.enddate is not None:
        end = _seconds(q.enddate)
        keep &= (seconds < end) if q.endexcl else (seconds <= end)
    return np.flatnonzero(keep).astype(np.int64)


def whoosh_docs(q: wq.Query, segment_searcher) -> np.ndarray:
    return np.fromiter(q.docs(segment_searcher), dtype=np.int64)


class SegmentDocsets:
    """Evaluates queries against one segment within one search."""

    def __init__(self, segment_searcher, postings: SearchPostings, columns: SegmentCache):
        self.searcher = segment_searcher
        self.reader = segment_searcher.reader()
        self.postings = postings
        self.columns = columns

    def all_docs(self) -> np.ndarray:
        return np.arange(self.reader.doc_count_all(), dtype=np.int64)

    def docs(self, q: wq.Query) -> np.ndarray:
        kind = type(q)  # exact types: subclasses (Ordered is an And) match differently
        if kind is wq.Term:
            return self.postings.docs(self.reader, q.fieldname, q.text)
        if kind is wq.Every and not q.fieldname:
            return self.all_docs()
        if kind is NULL_QUERY:
            return EMPTY
        if kind is wq.AndNot:
            return difference(self.docs(q.a), self.docs(q.b))
        if kind is wq.AndMaybe:
            return self.docs(q.a)
        if kind is wq.And:
            positive = [s for s in q.subqueries if type(s) is not wq.Not]
            result = intersect([self.docs(s) for s in positive]) if positive else self.all_docs()
            for negated in (s.query for s in q.subqueries if type(s) is wq.Not):
                result = difference(result, self.docs(negated))
            return result
        if kind is wq.Or and not q.minmatch:
            return union([self.docs(s) for s in q.subqueries])
        if kind is wq.Not:
            return difference(self.all_docs(), self.docs(q.query))
        if kind in (wq.Prefix, wq.Wildcard):
            return union([self.postings.docs(self.reader, q.fieldname, t) for t in q._btexts(self.reader)])
        if is_published_range(q):
            return published_range(q, sort_column(self.columns, self.reader, "date_newest"))
        if kind is wq.Phrase and phrase_supported(q):
            return self.postings.phrase(self.reader, q).docs
        return whoosh_docs(q, self.searcher)

    def deleted(self) -> np.ndarray:
        if not self.reader.has_deletions():
            return EMPTY
        return np.array(sorted(self.reader.deleted_docs_set), dtype=np.int64)
