"""Search: query parsing, filters, facets, sorting, paging and highlighted snippets.

The web pages and the JSON API both call `SearchService.search(request)`; it
answers from the Whoosh indexes and fetches only the displayed hits' text from
the store. The matching set is computed once per search, as numpy arrays
(index/docsets.py), and everything else is taken from it: the total, the facet
counts (index/facets.py), the top documents by date (cached sort columns) or by
BM25F score (index/ranking.py); snippets come from index/snippets.py.

Results are ordered by that key, then by identity (the article id; a quote's article
id and seq), never by document number, which commits and merges change. So a page can
be asked for by number (`page`, up to MAX_PAGE) or as the page after a cursor (`after`,
index/cursors.py) that names a hit by key and identity: any page of a walk costs what
the first does, and the walk holds still while the index grows (see Walk).

Every search has a bounded cost (index/budget.py): a deadline, and budgets for the
lexicon words its patterns look through, the words they expand to and the postings
it decodes; past any of them it stops with SearchTooCostly, a QueryError whose
message says what to change. A bare `*`, on a field or not, is every document and
runs as the empty query does. `is_costly` tells, without running a search, whether
it is of a kind that can cost much (for a server to run such searches apart).
"""
from __future__ import annotations

import hashlib
import math
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
from whoosh import highlight, query as wq
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin

from archive.store import Store
from index.budget import (MAX_TERM_EXPANSIONS, SEARCH_DEADLINE_SECONDS, Limits, QueryError,  # noqa: F401
                          SearchBudget, SearchTooCostly)
from index.columns import identities, sort_column
from index.cursors import Cursor, decode as decode_cursor, encode as encode_cursor, search_fingerprint
from index.docnums import EMPTY, difference, intersect
from index.docsets import SegmentDocsets, is_published_range
from index.documents import parse_quote_id
from index.facets import FacetCounter
from index.postings import FrequentTerms, SearchPostings, phrase_supported
from index.ranking import score_all
from index.schema import (ARTICLE_FACETS, ARTICLE_TEXT_FIELDS, QUOTE_FACETS, QUOTE_TEXT_FIELDS, TYPED_FIELDS,
                          article_schema, quote_schema)
from index.segment_cache import SegmentCache, live_segments, segment_id
from index.snippets import MATCH_END, MATCH_START, MarkFormatter, SnippetMaker, strip_marks  # noqa: F401
from index.whoosh_internals import is_null_query
from index.writer import open_or_create

MAX_QUERY_CHARS = 500
MAX_PAGE = 500
SORTS = ("relevance", "newest", "oldest")
# Within one facet several chosen values mean "any of them" for these, "all of them" otherwise.
ANY_OF_FACETS = ("speaker", "source", "month", "language")
# Facets counted without their own filter, so that the values a user could add are listed
# with the results each would add. The month histogram is counted without the date range.
WIDENED_FACETS = ("speaker", "source", "language")
SORT_COLUMNS = {"newest": "date_newest", "oldest": "date_oldest"}


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
    after: str | None = None  # a cursor (index/cursors.py): the page after the hit it names, instead of `page`

    def fingerprint(self) -> str:
        return search_fingerprint(_kind(self.kind), self.sort, self.q, self.filters, self.excludes,
                                  self.date_from, self.date_to)


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
    next_cursor: str | None = None  # the page after this one, when there are more hits
    offset: int = 0  # hits before this page

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
            "next": self.next_cursor,
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
        parser = MultifieldParser(list(QUOTE_TEXT_FIELDS), schema, group=AndGroup)
    else:
        parser = MultifieldParser(list(ARTICLE_TEXT_FIELDS), schema, group=AndGroup)
    aliases = {f"{name}_names": [name] for name in TYPED_FIELDS}
    aliases["published"] = ["date"]
    if kind == "quotes":
        aliases["text"] = ["quote", "body"]
    parser.add_plugin(FieldAliasPlugin(aliases))
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


# "-word" / "+word" as most search boxes read them, at the start of a word only
# ("pre-election" stays one word); Whoosh's own syntax has only NOT and AND.
# Quoted phrases match first, so signs inside them stay as typed.
_SIGN_OR_PHRASE = re.compile(r'"[^"]*"|(?<![^\s(])[-+](?=[\w"(])')


def with_operator_words(text: str) -> str:
    """`tax -labour +budget` as `tax NOT labour budget`."""
    def replace(match: re.Match) -> str:
        found = match.group()
        return {"-": "NOT ", "+": ""}.get(found, found)
    return _SIGN_OR_PHRASE.sub(replace, text)


def literal_query(text: str, kind: str, schema) -> tuple[wq.Query, str]:
    """The closest plain search: every word, no syntax."""
    words = re.findall(r"\w+", text)
    fields = QUOTE_TEXT_FIELDS if kind == "quotes" else ARTICLE_TEXT_FIELDS
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
        parsed = every_document_for_stars(make_parser(kind, schema).parse(with_operator_words(text)))
    except Exception as exc:  # whoosh raises many kinds on malformed input
        parsed, problem = wq.NullQuery, str(exc) or type(exc).__name__
    else:
        problem = "part of it could not be read" if _has_null(parsed) else None
    if problem is None:
        return parsed, None, None
    readable = _drop_nulls(parsed)
    if not is_null_query(readable):
        return readable, "Part of the query could not be read (a date, a range or a bracket?); " \
                         "the rest was searched.", None
    literal, plain = literal_query(text, kind, schema)
    if not plain:
        return wq.NullQuery, "Nothing searchable in the query: give some words.", None
    return literal, f"Could not read the query as written ({problem}); searched for the words instead.", plain


def every_document_for_stars(q: wq.Query) -> wq.Query:
    """`*`, `title:*`, `speaker:*` as Every() without a field: every document, the
    browse the empty query is. On a field Whoosh would list the documents holding any
    word of it by walking every posting of the field: nearly all documents, at the
    cost of reading the whole index. An Or of nothing but such nodes is one Every()."""
    if not any(type(node) is wq.Every and node.fieldname for node in _all_nodes(q)):
        return q

    def unfielded(node: wq.Query) -> wq.Query:
        if type(node) is wq.Every:
            return wq.Every(boost=node.boost)
        node = node.apply(unfielded)
        if type(node) is wq.Or and node.subqueries and all(type(s) is wq.Every for s in node.subqueries):
            return wq.Every(boost=node.boost)
        return node

    return unfielded(q)


def _has_null(q: wq.Query) -> bool:
    return any(is_null_query(node) for node in _all_nodes(q))


def _drop_nulls(q: wq.Query) -> wq.Query:
    if is_null_query(q):
        return wq.NullQuery
    if isinstance(q, wq.CompoundQuery):
        subs = [s for s in map(_drop_nulls, q.subqueries) if not is_null_query(s)]
        if not subs:
            return wq.NullQuery
        return subs[0] if len(subs) == 1 else q.__class__(subs, boost=q.boost)
    if any(is_null_query(_drop_nulls(child)) for child in q.children()):
        return wq.NullQuery
    return q


def _all_nodes(q: wq.Query):
    yield q
    for child in q.children():
        yield from _all_nodes(child)


def check_patterns(q: wq.Query) -> None:
    """Wildcards and prefixes need two letters besides * and ?. How many words a pattern
    stands for, and how many it looks through to find them, the search's budget counts
    as the words are read (SearchPostings.expansion)."""
    for node in _all_nodes(q):
        if isinstance(node, (wq.Prefix, wq.Wildcard)):
            text = getattr(node, "text", "") or ""
            if len(text.replace("*", "").replace("?", "")) < 2:
                raise QueryError(f"'{text}' is too broad: give at least two letters besides * and ?")


# What a search costs, told from its query ------------------------------------------

# Nodes that cost in proportion to the query (a few posting lists each, in numpy). Any
# other costs in proportion to the index: a pattern (Prefix, Wildcard, Regex, FuzzyTerm,
# Variations, TermRange: all MultiTerm) looks through the lexicon and reads the postings of
# every word it stands for; the rest are matched by Whoosh one document at a time.
CHEAP_NODES = (wq.Term, wq.Every, wq.And, wq.Or, wq.Not, wq.AndNot, wq.AndMaybe, wq.Require,
               type(wq.NullQuery))
# Past this many distinct terms (a word typed without a field is two: title and body) even
# plain words cost in proportion to the index: a long OR list of common words unions and
# scores that many posting lists of nearly every document.
MAX_CHEAP_TERMS = 32


def costly_node(node: wq.Query) -> bool:
    if type(node) is wq.Phrase:
        return not phrase_supported(node)  # with slop: Whoosh's span matcher
    if isinstance(node, wq.NumericRange):
        return not is_published_range(node)
    return type(node) not in CHEAP_NODES


@lru_cache(maxsize=2)
def _schema(kind: str):
    return quote_schema() if kind == "quotes" else article_schema()


def is_costly(request: SearchRequest, schema=None) -> bool:
    """Whether this search is of a kind that can cost much, told from its parsed query
    without running it: a server runs such searches under a concurrency limit of their
    own, so that cheap ones always find a thread.

    True for a query with a wildcard or prefix (`*ab`, `ab*`, `a?c`), a fuzzy word or
    regular expression, a range of words (`body:[a TO c]`), a phrase with slop
    (`"a b"~5`), a numeric range other than a date range on `published`, any other
    node the search leaves to Whoosh's own matcher, or more than MAX_CHEAP_TERMS
    distinct terms. False for a few words, exact phrases, AND / OR / NOT / ANDMAYBE /
    REQUIRE of them, boosts, `*` (every document), date ranges, facet filters and
    dates, and for a query that cannot be parsed as written (it is searched as plain
    words, or refused before any work). The costly ones still run within the same
    deadline and budgets (index/budget.py); this only sorts them apart. `schema`
    defaults to the index schema of the request's kind. Costs one parse of the query:
    about a millisecond for a few words, some 15 ms for MAX_QUERY_CHARS of OR list."""
    kind = "quotes" if request.kind == "quotes" else "articles"
    try:
        user_query, _, _ = parse_query(request.q, kind, schema or _schema(kind))
    except QueryError:
        return False
    nodes = list(_all_nodes(user_query))
    terms = {(node.fieldname, node.text) for node in nodes if type(node) is wq.Term}
    return len(terms) > MAX_CHEAP_TERMS or any(costly_node(node) for node in nodes)


def filter_clauses(request: SearchRequest) -> dict[str, wq.Query]:
    """facet -> the query its chosen values make."""
    clauses = {}
    for facet, values in request.filters.items():
        terms = [wq.Term(facet, v) for v in values if v]
        if terms:
            clauses[facet] = wq.Or(terms) if facet in ANY_OF_FACETS else wq.And(terms)
    return clauses


def date_clause(request: SearchRequest) -> wq.Query | None:
    start = parse_day_bound(request.date_from, end=False)
    stop = parse_day_bound(request.date_to, end=True)
    return wq.DateRange("published", start, stop) if start or stop else None


def exclusion_query(request: SearchRequest) -> wq.Query | None:
    terms = [wq.Term(facet, v) for facet, values in request.excludes.items() for v in values if v]
    return wq.Or(terms) if terms else None


# The service -----------------------------------------------------------------

@dataclass
class QueryParts:
    """A request as queries: what the user typed, each facet's filter, the date range and
    the exclusions. The matching set is all of them; a widened set leaves one out."""

    user: wq.Query
    filters: dict[str, wq.Query]
    dates: wq.Query | None
    excluded: wq.Query | None

    def combined(self) -> wq.Query:
        """The whole request as one query: what relevance scores and snippets are made from."""
        clauses = [self.user, *self.filters.values(), *([self.dates] if self.dates is not None else [])]
        combined = wq.And(clauses) if len(clauses) > 1 else self.user
        return wq.AndNot(combined, self.excluded) if self.excluded is not None else combined

    def widened(self) -> list[str]:
        """The facets counted over a set of their own (see WIDENED_FACETS)."""
        names = [name for name in WIDENED_FACETS if name in self.filters]
        return names + (["month"] if self.dates is not None else [])


@dataclass
class MatchingSets:
    """Sorted global document numbers: the matches, and each widened facet's set."""

    matching: np.ndarray
    widened: dict[str, np.ndarray]
    segments: list[tuple[SegmentDocsets, int]]  # for ranking, with each segment's first document number
    postings: SearchPostings  # what the search has read and expanded, with its budget


CHANGED_INDEX_MESSAGE = ("The archive has changed since this walk began: in relevance order a result near "
                         "this page may be repeated or missed. Sort by date for an exact walk.")


@dataclass
class Ranked:
    """Matches in the order of a sort: global document numbers with each one's sort key and
    identity, and how many matches follow the cursor (all of them, without one)."""

    docnums: list[int]
    keys: np.ndarray
    identities: np.ndarray
    following: int


@dataclass
class Walk:
    """Makes the cursors of a ranked list: the one after its n-th hit continues the walk."""

    request: SearchRequest
    ranked: Ranked
    index_state: str | None  # relevance order: the index the walk's first page was scored on
    offset: int  # hits of the walk before the ranked list's first

    def cursor_after(self, count: int) -> str | None:
        """The cursor after the first `count` hits of the list; None when nothing follows."""
        if count <= 0 or count >= self.ranked.following:
            return None
        key = self.ranked.keys[count - 1]
        key = int(key) if self.request.sort in SORT_COLUMNS else float(key)
        return encode_cursor(Cursor(self.request.sort, key, int(self.ranked.identities[count - 1]),
                                    self.offset + count, self.request.fingerprint(), self.index_state))


@dataclass
class Export:
    """A search's hits for a download, made a page at a time as they are read."""

    total: int  # every match of the search
    following: int  # the matches after the cursor (all of them, without one)
    pages: Iterator[list[dict]]  # the hits, up to the export's limit, a page at a time
    cursor_after: Callable[[int], str | None]  # the cursor after the first n hits given (Walk.cursor_after)


class SearchService:
    """`limits` bound every search: its deadline (SEARCH_DEADLINE_SECONDS by default) and
    its budgets (index/budget.py); past them a search raises SearchTooCostly."""

    def __init__(self, index_path: str | Path, store: Store, limits: Limits = Limits()):
        self.index_path = Path(index_path)
        self.store = store
        self.limits = limits
        self.reopen()
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=220, surround=60, charlimit=200_000),
            formatter=MarkFormatter())
        self._snippets: dict[str, SnippetMaker] = {}

    def reopen(self) -> None:
        """(Re)open the indexes with empty caches: after the index folder was replaced (rebuild)."""
        self.indexes = {name: open_or_create(self.index_path, name) for name in ("articles", "quotes")}
        self.caches = {name: SegmentCache() for name in self.indexes}
        self.frequent_terms = {name: FrequentTerms() for name in self.indexes}
        self.facets = {name: FacetCounter(self.caches[name]) for name in self.indexes}
        self._local = threading.local()

    def searcher(self, kind: str):
        """This thread's searcher, refreshed when a writer has committed since."""
        searchers = self._local.__dict__.setdefault("searchers", {})
        # Taken out while it is checked: a searcher that fails to check or to reopen (its
        # files gone for a moment) must not stay cached, closed, for this thread's next search.
        current = searchers.pop(kind, None)
        if current is None or not _still_current(current):
            # A new searcher, not current.refresh(): refresh reuses segment readers whose
            # deletions have since changed, and would count replaced documents twice.
            if current is not None:
                current.close()
            current = self.indexes[kind].searcher()
            live = [segment_id(reader) for reader, _ in live_segments(current)]
            self.caches[kind].keep_only(live)
            self.frequent_terms[kind].keep_only(live)
        searchers[kind] = current
        return current

    def search(self, request: SearchRequest) -> SearchResponse:
        """One page of results with the facet counts a page shows: each facet over the
        matching set, except the WIDENED_FACETS and the month histogram (see QueryParts).
        The page is `request.page` (at most MAX_PAGE), or with `request.after` the hits
        after that cursor, found at the cost of a first page whatever the position."""
        budget = SearchBudget(self.limits)
        kind = _kind(request.kind)
        searcher = self.searcher(kind)
        parts, message, searched = self.parse(request, kind, searcher)
        cursor = self.cursor_of(request)
        per_page = min(max(1, request.per_page), 100)
        skip = 0 if cursor else (min(max(1, request.page), MAX_PAGE) - 1) * per_page
        offset = cursor.offset if cursor else skip
        sets = self.matching_sets(kind, searcher, parts, widen=request.with_facets, budget=budget)
        ranked = self.ranked(kind, searcher, parts, sets, request.sort, skip + per_page, after=cursor)
        budget.check_time()
        facets = self.facet_counts(kind, searcher, sets, request) if request.with_facets else {}
        budget.check_time()
        hits = self.hits(kind, searcher, ranked.docnums[skip:], parts.combined(), sets.postings)
        state = walk_state(request, cursor, searcher)
        if cursor and cursor.index_state and cursor.index_state != index_state(searcher):
            message = message or CHANGED_INDEX_MESSAGE
        walk = Walk(request, ranked, state, offset - skip)
        return SearchResponse(total=len(sets.matching), hits=hits, facets=facets, page=offset // per_page + 1,
                              per_page=per_page, message=message, searched=searched,
                              next_cursor=walk.cursor_after(skip + len(hits)), offset=offset)

    def export(self, request: SearchRequest, limit: int, page_size: int = 100) -> Export:
        """Up to `limit` hits of a search (those after `request.after`, with a cursor), for a
        download, in pages made as they are read: the matching set and the order are found
        once, within one search's budget, and each page of hits (snippets included) within a
        budget of its own. Paging through `search` instead costs a whole search per page."""
        kind = _kind(request.kind)
        searcher = self.searcher(kind)
        parts, _, _ = self.parse(request, kind, searcher)
        cursor = self.cursor_of(request)
        sets = self.matching_sets(kind, searcher, parts, widen=False, budget=SearchBudget(self.limits))
        ranked = self.ranked(kind, searcher, parts, sets, request.sort, limit, after=cursor)
        query = parts.combined()

        def pages() -> Iterator[list[dict]]:
            for start in range(0, len(ranked.docnums), page_size):
                sets.postings.budget = SearchBudget(self.limits)
                yield self.hits(kind, searcher, ranked.docnums[start:start + page_size], query, sets.postings)

        walk = Walk(request, ranked, walk_state(request, cursor, searcher), cursor.offset if cursor else 0)
        return Export(total=len(sets.matching), following=ranked.following, pages=pages(),
                      cursor_after=walk.cursor_after)

    @staticmethod
    def cursor_of(request: SearchRequest) -> Cursor | None:
        """The request's cursor, checked to belong to this search (QueryError if not)."""
        if not request.after:
            return None
        cursor = decode_cursor(request.after)
        if cursor.sort != request.sort or cursor.search != request.fingerprint():
            raise QueryError("This 'next' cursor belongs to another search (a different query, filter or "
                             "sort): follow the next_url of the answer it came from, or start again without it.")
        return cursor

    def index_state(self, kind: str) -> str:
        """Changes whenever a commit (or a rebuild) changes what this index holds."""
        return index_state(self.searcher(_kind(kind)))

    # Steps (bench/profile_query.py times them one by one) ---------------------

    @staticmethod
    def parse(request: SearchRequest, kind: str, searcher) -> tuple[QueryParts, str | None, str | None]:
        user_query, message, searched = parse_query(request.q, kind, searcher.schema)
        check_patterns(user_query)
        parts = QueryParts(user_query, filter_clauses(request), date_clause(request), exclusion_query(request))
        return parts, message, searched

    def matching_sets(self, kind: str, searcher, parts: QueryParts, widen: bool = True,
                      budget: SearchBudget | None = None) -> MatchingSets:
        postings = SearchPostings(self.frequent_terms[kind], budget or SearchBudget(self.limits))
        widened = parts.widened() if widen else []
        matching, per_facet, segments = [], {name: [] for name in widened}, []
        for segment_searcher, offset in searcher.leaf_searchers():
            if not segment_searcher.reader().doc_count_all():
                continue
            postings.budget.check_time()
            docsets = SegmentDocsets(segment_searcher, postings, self.caches[kind])
            segments.append((docsets, offset))
            user = difference(docsets.docs(parts.user), docsets.deleted())
            filters = {name: docsets.docs(q) for name, q in parts.filters.items()}
            dates = docsets.docs(parts.dates) if parts.dates is not None else None
            excluded = docsets.docs(parts.excluded) if parts.excluded is not None else EMPTY

            def matches(leaving_out: str | None = None) -> np.ndarray:
                # The month histogram leaves out the date range, not a month filter.
                sets = [user, *(docs for name, docs in filters.items() if name != leaving_out or name == "month")]
                if dates is not None and leaving_out != "month":
                    sets.append(dates)
                return difference(intersect(sets), excluded) + offset

            matching.append(matches())
            for name in widened:
                per_facet[name].append(matches(leaving_out=name))
        return MatchingSets(_joined(matching), {name: _joined(p) for name, p in per_facet.items()}, segments,
                            postings)

    def top(self, kind: str, searcher, parts: QueryParts, sets: MatchingSets, sort: str, limit: int) -> list[int]:
        return self.ranked(kind, searcher, parts, sets, sort, limit).docnums

    def ranked(self, kind: str, searcher, parts: QueryParts, sets: MatchingSets, sort: str, limit: int,
               after: Cursor | None = None) -> Ranked:
        """The first `limit` matches (after the cursor) in the order of the sort: by key (the
        date, newest or oldest first, undated last; or the BM25F score, highest first), then
        by identity (article id; a quote's article id and seq), which is stable across commits
        and merges, unlike document numbers."""
        column = SORT_COLUMNS.get(sort)
        if column is not None:
            keys = self._date_keys(kind, sets, column)
            keys = -keys if sort == "newest" else keys
        else:
            combined = parts.combined()
            if type(combined) is wq.Every and not combined.fieldname:
                keys = np.zeros(len(sets.matching))  # every score the same: in identity order
            else:
                keys = -score_all(searcher, combined, sets.segments, sets.matching, self.caches[kind])
        return self._in_order(kind, sets, keys, limit, after)

    def _date_keys(self, kind: str, sets: MatchingSets, column: str) -> np.ndarray:
        docnums = sets.matching
        keys = np.zeros(len(docnums), dtype=np.int64)
        for docsets, offset in sets.segments:
            reader = docsets.reader
            lo, hi = np.searchsorted(docnums, [offset, offset + reader.doc_count_all()])
            keys[lo:hi] = sort_column(self.caches[kind], reader, column)[docnums[lo:hi] - offset]
        return keys

    def _identities(self, kind: str, sets: MatchingSets, positions: np.ndarray) -> np.ndarray:
        """The identities of the matches at these positions of the matching set."""
        docnums = sets.matching[positions]
        found = np.zeros(len(docnums), dtype=np.int64)
        for docsets, offset in sets.segments:
            reader = docsets.reader
            inside = (docnums >= offset) & (docnums < offset + reader.doc_count_all())
            if inside.any():
                found[inside] = identities(self.caches[kind], reader, kind)[docnums[inside] - offset]
        return found

    def _in_order(self, kind: str, sets: MatchingSets, keys: np.ndarray, limit: int,
                  after: Cursor | None) -> Ranked:
        """Smallest key first, then smallest identity; with a cursor, only what follows it.
        Identities are looked up for the candidates and for the ties at the cursor, not for
        the whole matching set (unless every key is the same)."""
        positions = np.arange(len(keys))
        if after is not None:
            later = keys > after.key
            tied = np.flatnonzero(keys == after.key)
            if len(tied):
                later[tied[self._identities(kind, sets, tied) > after.identity]] = True
            positions = np.flatnonzero(later)
        following = len(positions)
        if following > limit > 0:
            candidates = keys[positions]
            threshold = np.partition(candidates, limit - 1)[limit - 1]
            positions = positions[candidates <= threshold]
        ids = self._identities(kind, sets, positions)
        order = np.lexsort((ids, keys[positions]))[:max(limit, 0)]
        positions = positions[order]
        return Ranked([int(d) for d in sets.matching[positions]], keys[positions], ids[order], following)

    def facet_counts(self, kind: str, searcher, sets: MatchingSets, request: SearchRequest) -> dict:
        names = QUOTE_FACETS if kind == "quotes" else ARTICLE_FACETS
        limits = {name: None if name == "month" else request.facet_limits.get(name, request.facet_limit)
                  for name in names}
        segments = live_segments(searcher)
        counter = self.facets[kind]
        counted = counter.top(segments, sets.matching, {n: limits[n] for n in names if n not in sets.widened})
        for name, docnums in sets.widened.items():
            counted.update(counter.top(segments, docnums, {name: limits[name]}))
        return {name: [FacetValue(v, c) for v, c in counted[name]] for name in names}

    def hits(self, kind: str, searcher, docnums: list[int], q: wq.Query,
             postings: SearchPostings | None = None) -> list[dict]:
        postings = postings or SearchPostings(budget=SearchBudget(self.limits))
        stored_ids = [searcher.stored_fields(d)["id"] for d in docnums]
        words = self.query_words(q, "text" if kind == "quotes" else "body", searcher, postings)
        snippets = self.snippet_maker(kind, searcher)
        if kind == "quotes":
            return self._quote_hits(stored_ids, words, snippets, postings.budget)
        return self._article_hits([int(i) for i in stored_ids], words, snippets, postings.budget)

    @staticmethod
    def query_words(q: wq.Query, fieldname: str, searcher, postings: SearchPostings | None = None
                    ) -> frozenset[str]:
        """The words to mark in snippets of this field: the query's own, and those its
        patterns stand for (as the search expanded them, when its postings are given)."""
        postings = postings or SearchPostings()
        words = set()
        for fname, text in q.iter_all_terms(phrases=True):
            if fname == fieldname or (fname == "title" and fieldname == "body"):
                words.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        for node in _all_nodes(q):
            if isinstance(node, wq.MultiTerm) and getattr(node, "fieldname", None) in (fieldname, "title"):
                for reader, _ in live_segments(searcher):
                    postings.expansion(reader, node)
                words.update(word.decode("utf-8") for word in postings.pattern_words(node))
        return frozenset(words)

    def snippet_maker(self, kind: str, searcher) -> SnippetMaker:
        """Snippets of the text field, made with the index's own analyzer."""
        maker = self._snippets.get(kind)
        if maker is None:
            field = searcher.schema["text" if kind == "quotes" else "body"]
            maker = self._snippets[kind] = SnippetMaker(field.analyzer, self._highlighter)
        return maker

    def _article_hits(self, ids: list[int], words: frozenset[str], snippets: SnippetMaker,
                      budget: SearchBudget) -> list[dict]:
        hits = []
        for row in self.store.article_summaries(ids):
            budget.check_time()
            hit = dict(row)
            hit["snippet"] = snippets.snippet(hit.pop("body"), words)
            hits.append(hit)
        return hits

    def _quote_hits(self, quote_ids: list[str], words: frozenset[str], snippets: SnippetMaker,
                    budget: SearchBudget) -> list[dict]:
        rows = self.store.quote_rows([parse_quote_id(i) for i in quote_ids])
        hits = []
        for row in rows:
            budget.check_time()
            hit = dict(row)
            hit["snippet"] = snippets.snippet(row["text"], words, top=3) if words else row["text"]
            hits.append(hit)
        return hits


def _still_current(searcher) -> bool:
    """Whether no writer has committed since this searcher opened; False when that cannot
    be told (the index folder could not be read)."""
    try:
        return searcher.up_to_date()
    except Exception:  # whoosh raises several kinds for missing or damaged files
        return False


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else EMPTY


def _kind(kind: str) -> str:
    return "quotes" if kind == "quotes" else "articles"


def walk_state(request: SearchRequest, cursor: Cursor | None, searcher) -> str | None:
    """What a relevance walk's cursors carry: the index its first page was scored on."""
    if request.sort in SORT_COLUMNS:
        return None
    return cursor.index_state if cursor and cursor.index_state else index_state(searcher)


def index_state(searcher) -> str:
    """A short fingerprint of what a searcher sees: its segments (ids are random, so a
    rebuilt index never repeats one) and their live document counts."""
    described = ",".join(f"{segment_id(reader)}:{reader.doc_count()}" for reader, _ in live_segments(searcher))
    return hashlib.sha256(described.encode("ascii")).hexdigest()[:16]
