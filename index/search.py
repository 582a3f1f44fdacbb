"""Search: query parsing, filters, facets, sorting, paging and highlighted snippets.

The web pages and the JSON API both call `SearchService.search(request)`; it
answers from the Whoosh indexes (scores, facet counts from columns) and fetches
only the displayed hits' text from the store.
"""
from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path

import numpy as np
from whoosh import highlight, query as wq, sorting
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser, QueryParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.query.qcore import _NullQuery

from archive.store import Store
from index.documents import parse_quote_id
from index.facets import FacetCounter
from index.schema import ARTICLE_FACETS, QUOTE_FACETS, TYPED_FIELDS
from index.writer import open_or_create

MAX_QUERY_CHARS = 500
MAX_TERM_EXPANSIONS = 512
MAX_PAGE = 500
SORTS = ("relevance", "newest", "oldest")
# Within one facet several chosen values mean "any of them" for these, "all of them" otherwise.
ANY_OF_FACETS = ("speaker", "source", "month")
MATCH_START, MATCH_END = "\ue000", "\ue001"  # marks around matched words in snippets


class QueryError(ValueError):
    """The query cannot be run as written; the message is for the user."""


@dataclass
class SearchRequest:
    q: str = ""
    kind: str = "articles"  # or "quotes"
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet -> chosen values
    excludes: dict[str, list[str]] = field(default_factory=dict)  # facet -> excluded values
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facet_limit: int = 10
    facet_limits: dict[str, int] = field(default_factory=dict)  # "more…" for one facet
    with_facets: bool = True


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class SearchResponse:
    total: int
    hits: list[dict]
    facets: dict[str, list[FacetValue]]
    page: int
    per_page: int
    message: str | None = None  # e.g. the query could not be parsed and was searched literally
    searched: str | None = None  # the query actually run, when it differs from what was typed

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "message": self.message,
            "searched": self.searched,
            "hits": self.hits,
            "facets": {name: [{"value": v.value, "count": v.count} for v in values]
                       for name, values in self.facets.items()},
        }


# Dates -------------------------------------------------------------------

def parse_day_bound(text: str | None, end: bool) -> datetime | None:
    """"2022", "2022-01" or "2022-01-16" as the first (or, for `end`, last) instant it covers."""
    if not text:
        return None
    text = text.strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        raise QueryError(f"dates are written YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            start = datetime(year, int(month), int(day))
            stop = start + timedelta(days=1)
        elif month:
            start = datetime(year, int(month), 1)
            stop = datetime(year + (start.month == 12), start.month % 12 + 1, 1)
        else:
            start, stop = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    except (ValueError, OverflowError):
        raise QueryError(f"{text!r} is not a date") from None
    return stop - timedelta(microseconds=1) if end else start


# Query parsing -------------------------------------------------------------

def make_parser(kind: str, schema):
    if kind == "quotes":
        parser = QueryParser("text", schema, group=AndGroup)
    else:
        parser = MultifieldParser(["title", "body"], schema, group=AndGroup)
    aliases = {f"{name}_names": [name] for name in TYPED_FIELDS}
    aliases["published"] = ["date"]
    if kind == "quotes":
        aliases["text"] = ["quote", "body"]
    parser.add_plugin(FieldAliasPlugin(aliases))
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def literal_query(text: str, kind: str, schema) -> tuple[wq.Query, str]:
    """The closest plain search: every word, no syntax."""
    words = re.findall(r"\w+", text)
    fields = ["text"] if kind == "quotes" else ["title", "body"]
    if not words:
        return wq.NullQuery, ""
    plain = " ".join(words)
    return wq.And([wq.Or([wq.Term(f, term) for f in fields for term in _analyzed(schema, f, w)])
                   for w in words]), plain


def _analyzed(schema, fieldname: str, word: str) -> list[str]:
    return [t.text for t in schema[fieldname].analyzer(word)] or [word.lower()]


def parse_query(text: str, kind: str, schema) -> tuple[wq.Query, str | None, str | None]:
    """(query, message for the user, the query as run when not as typed).

    Whoosh reads most malformed input somehow; parts it cannot read become null
    queries. Those parts are dropped and the user told; when nothing readable is
    left, the words of the query are searched literally.
    """
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    if not text:
        return wq.Every(), None, None
    try:
        parsed = make_parser(kind, schema).parse(text)
    except Exception as exc:  # whoosh raises many kinds on malformed input
        parsed, problem = wq.NullQuery, str(exc) or type(exc).__name__
    else:
        problem = "part of it could not be read" if _has_null(parsed) else None
    if problem is None:
        return parsed, None, None
    readable = _drop_nulls(parsed)
    if not isinstance(readable, _NullQuery):
        return readable, "Part of the query could not be read (a date, a range or a bracket?); " \
                         "the rest was searched.", None
    literal, plain = literal_query(text, kind, schema)
    if not plain:
        return wq.NullQuery, "Nothing searchable in the query: give some words.", None
    return literal, f"Could not read the query as written ({problem}); searched for the words instead.", plain


def _has_null(q: wq.Query) -> bool:
    return any(isinstance(node, _NullQuery) for node in _all_nodes(q))


def _drop_nulls(q: wq.Query) -> wq.Query:
    if isinstance(q, _NullQuery):
        return wq.NullQuery
    if isinstance(q, wq.CompoundQuery):
        subs = [s for s in map(_drop_nulls, q.subqueries) if not isinstance(s, _NullQuery)]
        if not subs:
            return wq.NullQuery
        return subs[0] if len(subs) == 1 else q.__class__(subs, boost=q.boost)
    if any(isinstance(_drop_nulls(child), _NullQuery) for child in q.children()):
        return wq.NullQuery
    return q


def _all_nodes(q: wq.Query):
    yield q
    for child in q.children():
        yield from _all_nodes(child)


def check_expansions(q: wq.Query, reader) -> None:
    """Wildcards, prefixes and fuzzy terms may expand to at most MAX_TERM_EXPANSIONS words."""
    for node in _all_nodes(q):
        if isinstance(node, wq.MultiTerm):
            text = getattr(node, "text", "") or ""
            if isinstance(node, (wq.Prefix, wq.Wildcard)) and len(text.replace("*", "").replace("?", "")) < 2:
                raise QueryError(f"'{text}' is too broad: give at least two letters besides * and ?")
            count = sum(1 for _ in islice(node._btexts(reader), MAX_TERM_EXPANSIONS + 1))
            if count > MAX_TERM_EXPANSIONS:
                raise QueryError(f"'{text}' matches more than {MAX_TERM_EXPANSIONS} different words; "
                                 f"make it more specific")


def filter_query(request: SearchRequest) -> list[wq.Query]:
    clauses = []
    for facet, values in request.filters.items():
        values = [v for v in values if v]
        if not values:
            continue
        terms = [wq.Term(facet, v) for v in values]
        clauses.append(wq.Or(terms) if facet in ANY_OF_FACETS else wq.And(terms))
    start = parse_day_bound(request.date_from, end=False)
    stop = parse_day_bound(request.date_to, end=True)
    if start or stop:
        clauses.append(wq.DateRange("published", start, stop))
    return clauses


def exclusion_query(request: SearchRequest) -> wq.Query | None:
    terms = [wq.Term(facet, v) for facet, values in request.excludes.items() for v in values if v]
    return wq.Or(terms) if terms else None


# Snippets -------------------------------------------------------------------

class MarkFormatter(highlight.Formatter):
    """Plain text with private-use marks around matches; the caller escapes and styles."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MATCH_START + highlight.get_text(text, token, replace) + MATCH_END


def strip_marks(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


# The service -----------------------------------------------------------------

class SearchService:
    def __init__(self, index_path: str | Path, store: Store):
        self.index_path = Path(index_path)
        self.store = store
        self.indexes = {name: open_or_create(self.index_path, name) for name in ("articles", "quotes")}
        self.facets = FacetCounter()
        self._local = threading.local()
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=220, surround=60, charlimit=200_000),
            formatter=MarkFormatter())

    def reopen(self) -> None:
        """After the index folder was replaced (rebuild), drop every cached searcher."""
        self.indexes = {name: open_or_create(self.index_path, name) for name in ("articles", "quotes")}
        self._local = threading.local()
        self.facets = FacetCounter()

    def searcher(self, kind: str):
        """This thread's searcher, refreshed when a writer has committed since."""
        searchers = self._local.__dict__.setdefault("searchers", {})
        current = searchers.get(kind)
        if current is None or not current.up_to_date():
            # A new searcher, not current.refresh(): refresh reuses segment readers whose
            # deletions have since changed, and would count replaced documents twice.
            if current is not None:
                current.close()
            current = self.indexes[kind].searcher()
        searchers[kind] = current
        return current

    def search(self, request: SearchRequest) -> SearchResponse:
        kind = "quotes" if request.kind == "quotes" else "articles"
        searcher = self.searcher(kind)
        schema = searcher.schema
        user_query, message, searched = parse_query(request.q, kind, schema)
        check_expansions(user_query, searcher.reader())
        clauses = [user_query, *filter_query(request)]
        combined: wq.Query = wq.And(clauses) if len(clauses) > 1 else user_query
        excluded = exclusion_query(request)
        if excluded is not None:
            combined = wq.AndNot(combined, excluded)

        page = min(max(1, request.page), MAX_PAGE)
        per_page = min(max(1, request.per_page), 100)
        top = self._top_docnums(searcher, combined, request.sort, page * per_page)
        page_docnums = top[(page - 1) * per_page:]
        docnums = self._matching_docnums(searcher, combined)
        facets = self._facets(kind, searcher, docnums, request) if request.with_facets else {}
        hits = self._hits(kind, searcher, page_docnums, combined)
        return SearchResponse(total=len(docnums), hits=hits, facets=facets, page=page,
                              per_page=per_page, message=message, searched=searched)

    # Steps ----------------------------------------------------------------

    @staticmethod
    def _top_docnums(searcher, q: wq.Query, sort: str, limit: int) -> list[int]:
        # Quotes of one article share its date: they follow in the order of the text.
        in_text_order = [sorting.FieldFacet("seq")] if "seq" in searcher.schema else []
        if sort == "newest":
            facet = sorting.MultiFacet([sorting.FieldFacet("date_newest", reverse=True), *in_text_order])
            results = searcher.search(q, limit=limit, sortedby=facet)
        elif sort == "oldest":
            facet = sorting.MultiFacet([sorting.FieldFacet("date_oldest"), *in_text_order])
            results = searcher.search(q, limit=limit, sortedby=facet)
        else:
            results = searcher.search(q, limit=limit)
        return [hit.docnum for hit in results]

    @staticmethod
    def _matching_docnums(searcher, q: wq.Query) -> np.ndarray:
        docs = np.fromiter(q.docs(searcher), dtype=np.int64)
        docs.sort()
        return docs

    def _facets(self, kind: str, searcher, docnums: np.ndarray, request: SearchRequest) -> dict:
        names = QUOTE_FACETS if kind == "quotes" else ARTICLE_FACETS
        counted = self.facets.count(kind, searcher, docnums, names)
        result = {}
        for name in names:
            counter = counted[name]
            if name == "month":
                result[name] = [FacetValue(v, c) for v, c in sorted(counter.items())]
                continue
            limit = request.facet_limits.get(name, request.facet_limit)
            top = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
            result[name] = [FacetValue(v, c) for v, c in top]
        return result

    def _hits(self, kind: str, searcher, docnums: list[int], q: wq.Query) -> list[dict]:
        stored_ids = [searcher.stored_fields(d)["id"] for d in docnums]
        terms = self._query_words(q, "text" if kind == "quotes" else "body", searcher)
        if kind == "quotes":
            return self._quote_hits(stored_ids, terms, searcher)
        return self._article_hits([int(i) for i in stored_ids], terms, searcher)

    def _query_words(self, q: wq.Query, fieldname: str, searcher) -> frozenset[str]:
        words = set()
        for fname, text in q.iter_all_terms(phrases=True):
            if fname == fieldname or (fname == "title" and fieldname == "body"):
                words.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        for node in _all_nodes(q):
            if isinstance(node, wq.MultiTerm) and getattr(node, "fieldname", None) in (fieldname, "title"):
                for expanded in islice(node._btexts(searcher.reader()), MAX_TERM_EXPANSIONS):
                    words.add(expanded.decode("utf-8"))
        return frozenset(words)

    def snippet(self, text: str, words: frozenset[str], fieldname: str, schema, top: int = 2) -> str:
        """Fragments of `text` around the query's words, marked; the lead when nothing matches."""
        text = strip_marks(text)
        if words:
            analyzer = schema[fieldname].analyzer
            tokens = analyzer(text, positions=True, chars=True, mode="query", removestops=False)
            tokens = highlight.set_matched_filter(tokens, words)
            fragments = self._highlighter.fragmenter.fragment_tokens(text, tokens)
            fragments = highlight.top_fragments(fragments, top, highlight.BasicFragmentScorer(),
                                                highlight.FIRST)
            if fragments:
                return self._highlighter.formatter(text, fragments)
        lead = text[:240]
        return lead if len(text) <= 240 else lead.rsplit(" ", 1)[0] + " …"

    def _article_hits(self, ids: list[int], words: frozenset[str], searcher) -> list[dict]:
        schema = searcher.schema
        hits = []
        for row in self.store.article_summaries(ids):
            hit = dict(row)
            hit["snippet"] = self.snippet(row["body"], words, "body", schema)
            del hit["body"]
            hits.append(hit)
        return hits

    def _quote_hits(self, quote_ids: list[str], words: frozenset[str], searcher) -> list[dict]:
        keys = [parse_quote_id(i) for i in quote_ids]
        rows = self.store.quote_rows(keys)
        hits = []
        for row in rows:
            hit = dict(row)
            hit["snippet"] = self.snippet(row["text"], words, "text", searcher.schema, top=3) \
                if words else row["text"]
            hits.append(hit)
        return hits
