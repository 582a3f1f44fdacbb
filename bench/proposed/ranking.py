"""Relevance top-k in numpy: Whoosh's BM25F scores for the matching set, computed from
posting blocks and cached field lengths instead of one matcher step per document.

SearchService ranks with searcher.search(q, limit): for a word in half of 100k
articles that scores tens of thousands of documents one Python call chain each.
The scores here are the same formula with the same inputs (posting weights,
Whoosh's byte-coded field lengths, the searcher's idf and average lengths), summed
over the query's terms as Whoosh's union and intersection matchers sum them;
ties go to the lower document number, as in Whoosh's collector. Query shapes it
does not know (prefixes, boosts, phrases with slop) are left to Whoosh.
"""
from __future__ import annotations

import threading

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from bench.proposed.docsets import ColumnDateRange, SearchMemo, phrase_supported

LENGTH_OF_BYTE = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)


class Bm25Ranker:
    def __init__(self, memo: SearchMemo):
        self.memo = memo
        self._lengths: dict[tuple[str, str], np.ndarray] = {}
        self._lock = threading.Lock()

    def supported(self, q: wq.Query, searcher) -> bool:
        if not isinstance(searcher.weighting, BM25F) or getattr(q, "boost", 1.0) != 1.0:
            return False
        if isinstance(q, wq.Term):
            return True
        if isinstance(q, ColumnDateRange):
            return True
        if isinstance(q, wq.Phrase):
            return phrase_supported(q)
        if isinstance(q, wq.Or):
            return not q.minmatch and not q.scale and all(self.supported(s, searcher) for s in q.subqueries)
        if isinstance(q, wq.And):
            return all(self.supported(s.query if isinstance(s, wq.Not) else s, searcher) for s in q.subqueries)
        if isinstance(q, wq.AndNot):
            return self.supported(q.a, searcher)
        return False

    def top(self, searcher, q: wq.Query, docnums: np.ndarray, limit: int) -> list[int]:
        scores = np.zeros(len(docnums), dtype=np.float64)
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            lo, hi = np.searchsorted(docnums, [offset, offset + reader.doc_count_all()])
            if lo < hi:
                scores[lo:hi] = self._score(q, searcher, reader, docnums[lo:hi] - offset)
        order = np.lexsort((docnums, -scores))[:limit]
        return [int(d) for d in docnums[order]]

    def _score(self, q: wq.Query, searcher, reader, local: np.ndarray) -> np.ndarray:
        """Whoosh's score of `q` for each of these segment-local documents (0 where it does not match)."""
        if isinstance(q, wq.Term):
            return self._term(q, searcher, reader, local)
        if isinstance(q, ColumnDateRange):  # constant score, like Whoosh's DateRange
            return np.full(len(local), float(q.boost))
        if isinstance(q, wq.Phrase):
            # Whoosh scores a phrase as the intersection of its words: the sum of their scores,
            # where the phrase itself occurs.
            inside = np.isin(local, self.memo.docs(reader, q), assume_unique=True)
            total = np.zeros(len(local), dtype=np.float64)
            for word in q.words:
                total += self._term(wq.Term(q.fieldname, word), searcher, reader, local)
            return np.where(inside, total, 0.0)
        if isinstance(q, wq.AndNot):
            return self._score(q.a, searcher, reader, local)
        positive = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        total = np.zeros(len(local), dtype=np.float64)
        for sub in positive:
            total += self._score(sub, searcher, reader, local)
        return total

    def _term(self, q: wq.Term, searcher, reader, local: np.ndarray) -> np.ndarray:
        field = searcher.schema[q.fieldname]
        text = field.to_bytes(q.text)
        ids, weights = self.memo.postings(reader, q.fieldname, text)
        result = np.zeros(len(local), dtype=np.float64)
        if not len(ids):
            return result
        where = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
        present = ids[where] == local
        tf = weights[where[present]]
        if not field.scorable:
            result[present] = tf
            return result
        weighting = searcher.weighting
        b = weighting._field_B.get(q.fieldname, weighting.B)
        k1 = weighting.K1
        idf = searcher.idf(q.fieldname, text)
        avgfl = searcher.avg_field_length(q.fieldname) or 1
        fl = self._field_lengths(reader, q.fieldname)[local[present]]
        result[present] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        return result

    def _field_lengths(self, reader, fieldname: str) -> np.ndarray:
        key = (reader.segment().segment_id(), fieldname)
        cached = self._lengths.get(key)
        if cached is None:
            with self._lock:
                cached = self._lengths.get(key)
                if cached is None:
                    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
                    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                    codes = np.fromiter(column, dtype=np.int64, count=reader.doc_count_all()) if column is not None \
                        else np.zeros(reader.doc_count_all(), dtype=np.int64)
                    cached = LENGTH_OF_BYTE[codes]
                    self._lengths[key] = cached
        return cached
