"""The documents a query matches in one segment, as a sorted numpy array.

Terms come from their decoded posting blocks, patterns (wildcards, prefixes, fuzzy
words, ranges of words) from the postings of the words they expand to, date ranges
on `published` from the cached `date_newest` column (instead of dozens of trie
terms), exact phrases from word positions, and And / Or / Not from set operations.
Any other node (phrases with slop, other numeric ranges) is left to Whoosh's own matcher
for that node only, looking at the search's deadline as it goes. Deleted documents
are not removed here: the search removes them once from the whole matching set.
"""
from __future__ import annotations

from datetime import timezone

import numpy as np
from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from index.budget import CLOCK_EVERY, SearchBudget
from index.columns import sort_column
from index.documents import UNDATED_NEWEST
from index.docnums import EMPTY, difference, intersect, union
from index.postings import SearchPostings, phrase_supported
from index.segment_cache import SegmentCache

NULL_QUERY = type(wq.NullQuery)


def is_published_range(q: wq.Query) -> bool:
    """A range on `published`: a DateRange, or the NumericRange of Whoosh's date parser
    for a partial date (`published:2021-03`), bounds in microseconds either way."""
    return type(q) in (wq.DateRange, wq.NumericRange) and q.fieldname == "published" and q.constantscore


def _seconds(microseconds: int) -> float:
    return long_to_datetime(microseconds).replace(tzinfo=timezone.utc).timestamp()


def published_range(q: wq.NumericRange, seconds: np.ndarray) -> np.ndarray:
    """Documents of a date range on `published`, from the date_newest column. The column
    holds the same instant in whole seconds (UNDATED_NEWEST when undated); the request's
    bounds are whole days and Whoosh's in microseconds compare the same way."""
    keep = seconds != UNDATED_NEWEST
    if q.start is not None:
        start = _seconds(q.start)
        keep &= (seconds > start) if q.startexcl else (seconds >= start)
    if q.end is not None:
        end = _seconds(q.end)
        keep &= (seconds < end) if q.endexcl else (seconds <= end)
    return np.flatnonzero(keep).astype(np.int64)


def whoosh_docs(q: wq.Query, segment_searcher, budget: SearchBudget) -> np.ndarray:
    """The node's documents from Whoosh's matcher, one Python step per document."""
    docs = []
    for count, docnum in enumerate(q.docs(segment_searcher), 1):
        docs.append(docnum)
        if count % CLOCK_EVERY == 0:
            budget.check_time()
    return np.array(docs, dtype=np.int64)


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
        if kind is wq.Every:
            # `field:*` too: Whoosh would walk every posting of the field to list the
            # documents holding any word of it, which is nearly all of them.
            return self.all_docs()
        if kind is NULL_QUERY:
            return EMPTY
        if kind is wq.AndNot:
            return difference(self.docs(q.a), self.docs(q.b))
        if kind is wq.AndMaybe:
            return self.docs(q.a)
        if kind is wq.Require:
            return intersect([self.docs(q.a), self.docs(q.b)])
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
        if isinstance(q, wq.MultiTerm):
            return union([self.postings.docs(self.reader, q.fieldname, word)
                          for word in self.postings.expansion(self.reader, q)])
        if is_published_range(q):
            return published_range(q, sort_column(self.columns, self.reader, "date_newest"))
        if kind is wq.Phrase and phrase_supported(q):
            return self.postings.phrase(self.reader, q).docs
        return whoosh_docs(q, self.searcher, self.postings.budget)

    def deleted(self) -> np.ndarray:
        if not self.reader.has_deletions():
            return EMPTY
        return np.array(sorted(self.reader.deleted_docs_set), dtype=np.int64)
