"""Relevance top-k: Whoosh's BM25F scores of every matching document, computed in numpy.

Whoosh's collector scores one document per chain of Python calls and, with its
block-quality shortcut, can miss higher-scoring documents of a limit-20 search.
Here the same formula with the same inputs (posting weights, the byte-coded field
lengths, the searcher's idf and average lengths) scores the whole matching set
and the top k are picked from all of it: the order is Whoosh's own ranking of
every match (`searcher.search(q, limit=None)`), ties to the lower document number.
Scores combine as Whoosh's matchers combine them: a sum over the parts that match.
A pattern (wildcard, prefix, fuzzy word, range of words) scores as the sum of the
words it expands to, as Whoosh's Or of those words does; a boost multiplies the
node's score, as Whoosh's wrapping matcher does. Nodes this module does not know
(phrases with slop) are scored by Whoosh's matcher for that node alone, looking at
the search's deadline as it goes.
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq

from index.budget import CLOCK_EVERY
from index.columns import field_lengths, sort_column
from index.docsets import NULL_QUERY, SegmentDocsets, is_published_range, published_range
from index.postings import phrase_supported
from index.segment_cache import SegmentCache
from index.whoosh_internals import bm25_b

Scored = tuple[np.ndarray, np.ndarray]  # (score of each document, whether it matches)


def top_by_score(scores: np.ndarray, docnums: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the `limit` best: highest score first, then lowest document number."""
    if len(scores) > limit:
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((docnums[candidates], -scores[candidates]))
    return candidates[order[:limit]]


class SegmentScorer:
    def __init__(self, searcher, docsets: SegmentDocsets, cache: SegmentCache):
        self.searcher = searcher  # the top searcher: idf and average lengths are index-wide
        self.docsets = docsets
        self.reader = docsets.reader
        self.cache = cache

    def score(self, q: wq.Query, local: np.ndarray) -> Scored:
        self.docsets.postings.budget.check_time()
        kind = type(q)
        boost_is_one = getattr(q, "boost", 1.0) == 1.0
        if not boost_is_one and self._boost_multiplies(q):
            scores, matched = self.score(q.with_boost(1.0), local)
            return scores * q.boost, matched
        if kind is wq.Term and boost_is_one:
            return self._term(q.fieldname, q.text, local)
        if kind is wq.Every:  # every document, as in SegmentDocsets; Whoosh scores it as its boost
            return np.full(len(local), float(q.boost)), np.ones(len(local), dtype=bool)
        if kind is NULL_QUERY:
            return np.zeros(len(local)), np.zeros(len(local), dtype=bool)
        if is_published_range(q):  # Whoosh scores a date range as a constant, its boost
            matched = self._member(local, published_range(q, sort_column(self.cache, self.reader, "date_newest")))
            return np.where(matched, float(q.boost), 0.0), matched
        if kind is wq.Phrase and phrase_supported(q):
            # Whoosh scores a phrase as the sum of its words' scores, where the phrase occurs.
            phrase = self.docsets.postings.phrase(self.reader, q)
            where = np.minimum(np.searchsorted(phrase.docs, local), max(len(phrase.docs) - 1, 0))
            matched = phrase.docs[where] == local if len(phrase.docs) else np.zeros(len(local), dtype=bool)
            scores = np.zeros(len(local))
            for word, weights in zip(q.words, phrase.weights):
                scores[matched] += self._bm25(q.fieldname, word, weights[where[matched]], local[matched])
            return scores, matched
        if isinstance(q, wq.MultiTerm):
            words = self.docsets.postings.expansion(self.reader, q)
            scores, matched = self._sum([self._term(q.fieldname, word, local) for word in words], local,
                                        all_needed=False)
            # Whoosh matches a pattern of several words as their Or, with the pattern's
            # boost; a pattern of one word as that word, without it.
            return (scores * q.boost if len(words) > 1 else scores), matched
        if kind is wq.Or and boost_is_one and not q.minmatch and not q.scale:
            return self._sum([self.score(s, local) for s in q.subqueries], local, all_needed=False)
        if kind is wq.And and boost_is_one:
            positive = [s for s in q.subqueries if type(s) is not wq.Not]
            scores, matched = self._sum([self.score(s, local) for s in positive], local, all_needed=True)
            for negated in (s.query for s in q.subqueries if type(s) is wq.Not):
                matched &= ~self._member(local, self.docsets.docs(negated))
            return np.where(matched, scores, 0.0), matched
        if kind is wq.AndNot and boost_is_one:
            scores, matched = self.score(q.a, local)
            matched = matched & ~self._member(local, self.docsets.docs(q.b))
            return np.where(matched, scores, 0.0), matched
        if kind is wq.Require and boost_is_one:  # Whoosh scores it by its first part alone
            scores, matched = self.score(q.a, local)
            matched = matched & self._member(local, self.docsets.docs(q.b))
            return np.where(matched, scores, 0.0), matched
        if kind is wq.AndMaybe and boost_is_one:
            scores, matched = self.score(q.a, local)
            extra, _ = self.score(q.b, local)
            return np.where(matched, scores + extra, 0.0), matched
        return self._whoosh(q, local)

    @staticmethod
    def _boost_multiplies(q: wq.Query) -> bool:
        """Whoosh wraps these nodes' matchers in one that multiplies their scores by the boost."""
        kind = type(q)
        return kind in (wq.Term, wq.And, wq.Phrase) or (kind is wq.Or and not q.minmatch and not q.scale)

    @staticmethod
    def _member(local: np.ndarray, docs: np.ndarray) -> np.ndarray:
        return np.isin(local, docs, assume_unique=True)

    @staticmethod
    def _sum(parts: list[Scored], local: np.ndarray, all_needed: bool) -> Scored:
        scores = np.zeros(len(local))
        matched = np.full(len(local), all_needed)
        for part_scores, part_matched in parts:
            scores += part_scores
            matched = (matched & part_matched) if all_needed else (matched | part_matched)
        return scores, matched

    def _term(self, fieldname: str, text, local: np.ndarray) -> Scored:
        scores = np.zeros(len(local))
        ids, weights = self.docsets.postings.term(self.reader, fieldname, text)
        if not len(ids):
            return scores, np.zeros(len(local), dtype=bool)
        where = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
        matched = ids[where] == local
        scores[matched] = self._bm25(fieldname, text, weights[where[matched]], local[matched])
        return scores, matched

    def _bm25(self, fieldname: str, text, tf: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """Whoosh's BM25F score of one term in these documents, from its posting weights there."""
        field = self.searcher.schema[fieldname]
        if not field.scorable:  # Whoosh scores an unscorable field by the posting weight
            return tf
        weighting = self.searcher.weighting
        b = bm25_b(weighting, fieldname)
        k1 = weighting.K1
        idf = self.searcher.idf(fieldname, text if isinstance(text, bytes) else field.to_bytes(text))
        average = self.searcher.avg_field_length(fieldname) or 1
        lengths = field_lengths(self.cache, self.reader, fieldname)[docs]
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths / average)))

    def _whoosh(self, q: wq.Query, local: np.ndarray) -> Scored:
        """Whoosh's own scores for this node, one matcher step per document."""
        ids, values = [], []
        matcher = q.matcher(self.docsets.searcher, self.searcher.context())
        budget = self.docsets.postings.budget
        while matcher.is_active():
            ids.append(matcher.id())
            values.append(matcher.score())
            matcher.next()
            if len(ids) % CLOCK_EVERY == 0:
                budget.check_time()
        ids, values = np.array(ids, dtype=np.int64), np.array(values, dtype=np.float64)
        scores = np.zeros(len(local))
        if not len(ids):
            return scores, np.zeros(len(local), dtype=bool)
        where = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
        matched = ids[where] == local
        scores[matched] = values[where[matched]]
        return scores, matched


def score_all(searcher, q: wq.Query, segments: list[tuple[SegmentDocsets, int]], docnums: np.ndarray,
              cache: SegmentCache) -> np.ndarray:
    """Whoosh's BM25F score of each of the (sorted, global) matching documents."""
    scores = np.zeros(len(docnums))
    for docsets, offset in segments:
        lo, hi = np.searchsorted(docnums, [offset, offset + docsets.reader.doc_count_all()])
        if lo < hi:
            scores[lo:hi] = SegmentScorer(searcher, docsets, cache).score(q, docnums[lo:hi] - offset)[0]
    return scores


def rank(searcher, q: wq.Query, segments: list[tuple[SegmentDocsets, int]], docnums: np.ndarray,
         cache: SegmentCache, limit: int) -> list[int]:
    """The `limit` best of the (sorted, global) matching documents by Whoosh's BM25F score."""
    scores = score_all(searcher, q, segments, docnums, cache)
    return [int(d) for d in docnums[top_by_score(scores, docnums, limit)]]
