"""SearchService with the proposed changes, for measuring them before index/ adopts them.

Only the steps change; the flow is SearchService.search's: parse, filters,
exclusions, then the matching set computed once (bench/proposed/docsets.py; for
relevance queries with phrases, recorded during Whoosh's own top-k pass), facets
from it, the top documents (date sorts from a cached column over the matching
set; Whoosh's scorer for relevance), and the hits with snippets.
"""
from __future__ import annotations

import numpy as np
from whoosh import collectors, query as wq

from bench.proposed.docsets import ColumnCache, DocsetEvaluator, SearchMemo, with_column_dates
from bench.proposed.facet_counts import TopFacetCounter
from bench.proposed.ranking import Bm25Ranker
from bench.proposed.snippets import SnippetMaker
from index.search import (
    ARTICLE_FACETS, MAX_PAGE, QUOTE_FACETS, FacetValue, SearchRequest, SearchResponse, SearchService,
    check_expansions, exclusion_query, filter_query, parse_query,
)

SORT_COLUMNS = {"newest": "date_newest", "oldest": "date_oldest"}


class RecordingTopCollector(collectors.TopCollector):
    """Whoosh's top-k collector that also keeps every matching document number. Block-quality
    skipping is off so that every match is seen; the top documents are the same."""

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.recorded: list[int] = []

    def collect(self, sub_docnum):
        self.recorded.append(self.offset + sub_docnum)
        return super().collect(sub_docnum)


class ProposedSearchService(SearchService):
    def __init__(self, index_path, store):
        super().__init__(index_path, store)
        self.facets = TopFacetCounter()
        self.columns = ColumnCache()
        self.memo = SearchMemo()
        self.docsets = DocsetEvaluator(self.columns, self.memo)
        self.ranker = Bm25Ranker(self.memo)
        self._snippet_makers: dict[str, SnippetMaker] = {}

    def search(self, request: SearchRequest) -> SearchResponse:
        kind = "quotes" if request.kind == "quotes" else "articles"
        searcher = self.searcher(kind)
        self.memo.reset()
        user_query, message, searched = parse_query(request.q, kind, searcher.schema)
        check_expansions(user_query, searcher.reader())
        clauses = [user_query, *filter_query(request)]
        combined = wq.And(clauses) if len(clauses) > 1 else user_query
        excluded = exclusion_query(request)
        if excluded is not None:
            combined = wq.AndNot(combined, excluded)
        combined = with_column_dates(combined, self.columns)

        page = min(max(1, request.page), MAX_PAGE)
        per_page = min(max(1, request.per_page), 100)
        limit = page * per_page
        if request.sort not in SORT_COLUMNS and not isinstance(user_query, wq.Every) \
                and not self.docsets.native(combined):
            # Phrases and the like: one Whoosh pass gives both the top documents and the matching set.
            top, docnums = self._top_and_matching(searcher, combined, limit)
        else:
            docnums = self.docsets.docs(searcher, combined)
            top = self._top(searcher, combined, docnums, request.sort, limit,
                            every=isinstance(user_query, wq.Every))
        facets = self._top_facets(kind, searcher, docnums, request) if request.with_facets else {}
        hits = self._hits(kind, searcher, top[(page - 1) * per_page:], combined)
        return SearchResponse(total=len(docnums), hits=hits, facets=facets, page=page,
                              per_page=per_page, message=message, searched=searched)

    def _top(self, searcher, q: wq.Query, docnums: np.ndarray, sort: str, limit: int, every: bool) -> list[int]:
        column = SORT_COLUMNS.get(sort)
        if column is None:
            if every:  # nothing typed: every score is the same and Whoosh keeps document order
                return [int(d) for d in docnums[:limit]]
            normalized = q.normalize()
            if self.ranker.supported(normalized, searcher):
                return self.ranker.top(searcher, normalized, docnums, limit)
            return self._top_docnums(searcher, q, sort, limit)
        keys = self._sort_keys(searcher, column)[docnums]
        if sort == "newest":
            keys = -keys
        # Ties (quotes of one article share its date) follow the text order, then the document order.
        seq = self._sort_keys(searcher, "seq")[docnums] if "seq" in searcher.schema else np.zeros_like(keys)
        if len(keys) > limit:
            threshold = np.partition(keys, limit - 1)[limit - 1]
            candidates = np.flatnonzero(keys <= threshold)
            order = candidates[np.lexsort((docnums[candidates], seq[candidates], keys[candidates]))][:limit]
        else:
            order = np.lexsort((docnums, seq, keys))
        return [int(d) for d in docnums[order]]

    @staticmethod
    def _top_and_matching(searcher, q: wq.Query, limit: int) -> tuple[list[int], np.ndarray]:
        collector = RecordingTopCollector(limit=limit, usequality=False)
        searcher.search_with_collector(q, collector)
        return [hit.docnum for hit in collector.results()], np.array(collector.recorded, dtype=np.int64)

    def _sort_keys(self, searcher, column: str) -> np.ndarray:
        leaves = searcher.reader().leaf_readers()
        if len(leaves) == 1:
            return self.columns.array(leaves[0][0], column)
        return np.concatenate([self.columns.array(reader, column) for reader, _ in leaves])

    def _top_facets(self, kind: str, searcher, docnums: np.ndarray, request: SearchRequest) -> dict:
        names = QUOTE_FACETS if kind == "quotes" else ARTICLE_FACETS
        limits = {name: None if name == "month" else request.facet_limits.get(name, request.facet_limit)
                  for name in names}
        counted = self.facets.top(kind, searcher, docnums, names, limits)
        return {name: [FacetValue(v, c) for v, c in counted[name]] for name in names}

    def snippet(self, text, words, fieldname, schema, top=2):
        maker = self._snippet_makers.get(fieldname)
        if maker is None:
            maker = self._snippet_makers[fieldname] = SnippetMaker(schema[fieldname].analyzer, self._highlighter)
        return maker.snippet(text, words, top)
