"""The URL is the state: request arguments <-> a SearchRequest, and the links that
change one thing about the current search (add or remove a facet value, exclude
one, narrow the dates, sort, turn the page, show more of a facet).

    ?q=peskov&speaker=Dmitry+Peskov&-place=Moscow&from=2022-01&to=2022-02&sort=newest&page=2&more=person

plus, for the JSON answers, `per_page` and `next` (a cursor, index/cursors.py: the page after
the hit it names; `page` is for the HTML pager, `next` for walking everything).

Unknown arguments and unknown facet names are ignored; odd values (a page that
is not a number, a sort that does not exist) fall back to the default rather
than fail. Dates are checked by the search service, which says what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from index.cursors import MAX_CURSOR_CHARS
from index.search import MAX_PAGE, SORTS, FacetValue, SearchRequest

# Facets a user can pick values of, in the order the sidebar shows them.
FACETS = ("speaker", "person", "org", "place", "source", "language")
FILTERABLE = FACETS + ("month",)
FACET_LABELS = {
    "speaker": "Speaker",
    "person": "Person",
    "org": "Organization",
    "place": "Place",
    "source": "Source",
    "month": "Month",
    "language": "Language",
}
FACET_SIZE = 10
MORE_SIZE = 100
MAX_VALUES_PER_FACET = 20
MAX_VALUE_CHARS = 200
PER_PAGE = 20
MAX_PER_PAGE = 100


@dataclass
class SearchState:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    excludes: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    sort: str = ""  # "" is the default: relevance with a query, newest without
    page: int = 1
    more: tuple[str, ...] = ()
    per_page: int = 0  # 0: the page's own size
    cursor: str = ""  # `next`: the page after the hit this cursor names, instead of `page`

    # Reading -------------------------------------------------------------

    @classmethod
    def from_args(cls, args) -> "SearchState":
        """From a werkzeug MultiDict (request.args)."""
        filters: dict[str, list[str]] = {}
        excludes: dict[str, list[str]] = {}
        for name in FILTERABLE:
            chosen = _values(args.getlist(name))
            if chosen:
                filters[name] = chosen
            left_out = [v for v in _values(args.getlist(f"-{name}")) if v not in chosen]
            if left_out:
                excludes[name] = left_out
        sort = args.get("sort", "")
        return cls(
            q=args.get("q", "").strip(),
            filters=filters,
            excludes=excludes,
            date_from=args.get("from", "").strip()[:MAX_VALUE_CHARS],
            date_to=args.get("to", "").strip()[:MAX_VALUE_CHARS],
            sort=sort if sort in SORTS else "",
            page=page_number(args.get("page")),
            more=tuple(name for name in dict.fromkeys(args.getlist("more")) if name in FACETS),
            per_page=per_page_number(args.get("per_page")),
            cursor=args.get("next", "").strip()[:MAX_CURSOR_CHARS + 1],
        )

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")

    def to_request(self, kind: str, per_page: int = PER_PAGE, with_facets: bool = True) -> SearchRequest:
        """`per_page` is the page's own size; a `per_page` in the URL wins."""
        # One more than is shown tells whether a facet has more values ("more…").
        limits = {name: self.facet_size(name) + 1 for name in FACETS}
        return SearchRequest(
            q=self.q, kind=kind,
            filters={k: list(v) for k, v in self.filters.items()},
            excludes={k: list(v) for k, v in self.excludes.items()},
            date_from=self.date_from or None, date_to=self.date_to or None,
            sort=self.effective_sort, page=self.page, per_page=self.per_page or per_page,
            facet_limit=FACET_SIZE + 1, facet_limits=limits, with_facets=with_facets,
            after=self.cursor or None)

    def facet_size(self, name: str) -> int:
        """How many values of a facet are shown: more after "more…"."""
        return MORE_SIZE if name in self.more else FACET_SIZE

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.filters or self.excludes or self.date_from or self.date_to)

    # Writing -------------------------------------------------------------

    def params(self) -> list[tuple[str, str]]:
        """The query-string pairs for this state, in a stable order."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for name in FILTERABLE:
            pairs += [(name, v) for v in self.filters.get(name, [])]
            pairs += [(f"-{name}", v) for v in self.excludes.get(name, [])]
        if self.date_from:
            pairs.append(("from", self.date_from))
        if self.date_to:
            pairs.append(("to", self.date_to))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        pairs += [("more", name) for name in self.more]
        if self.per_page:
            pairs.append(("per_page", str(self.per_page)))
        if self.cursor:
            pairs.append(("next", self.cursor))
        return pairs

    def query_string(self) -> str:
        pairs = self.params()
        return "?" + urlencode(pairs) if pairs else ""

    def href(self, path: str) -> str:
        return path + self.query_string()

    # Changes (each returns a new state; anything that changes the results goes back to page 1,
    # and drops the cursor)

    def adding(self, facet: str, value: str) -> "SearchState":
        filters = _copy(self.filters)
        excludes = _copy(self.excludes)
        if value not in filters.setdefault(facet, []):
            filters[facet].append(value)
        _discard(excludes, facet, value)
        return replace(self, filters=filters, excludes=excludes, page=1, cursor="")

    def excluding(self, facet: str, value: str) -> "SearchState":
        filters = _copy(self.filters)
        excludes = _copy(self.excludes)
        _discard(filters, facet, value)
        if value not in excludes.setdefault(facet, []):
            excludes[facet].append(value)
        return replace(self, filters=filters, excludes=excludes, page=1, cursor="")

    def removing(self, facet: str, value: str) -> "SearchState":
        filters = _copy(self.filters)
        excludes = _copy(self.excludes)
        _discard(filters, facet, value)
        _discard(excludes, facet, value)
        return replace(self, filters=filters, excludes=excludes, page=1, cursor="")

    def with_dates(self, date_from: str, date_to: str) -> "SearchState":
        return replace(self, date_from=date_from, date_to=date_to, page=1, cursor="")

    def with_sort(self, sort: str) -> "SearchState":
        return replace(self, sort=sort, page=1, cursor="")

    def with_page(self, page: int) -> "SearchState":
        return replace(self, page=max(1, min(page, MAX_PAGE)), cursor="")

    def with_cursor(self, cursor: str) -> "SearchState":
        return replace(self, page=1, cursor=cursor)

    def with_more(self, facet: str, shown: bool) -> "SearchState":
        more = tuple(n for n in self.more if n != facet) + ((facet,) if shown else ())
        return replace(self, more=more)

    def without_facets(self) -> "SearchState":
        return replace(self, filters={}, excludes={}, date_from="", date_to="", page=1, cursor="")

    def for_export(self) -> "SearchState":
        """The whole result set: an export starts at the first hit (or at its own `next`)."""
        return replace(self, page=1, more=(), per_page=0, cursor="")


def _values(raw: list[str]) -> list[str]:
    cleaned = [v.strip()[:MAX_VALUE_CHARS] for v in raw]
    return list(dict.fromkeys(v for v in cleaned if v))[:MAX_VALUES_PER_FACET]


def page_number(raw: str | None) -> int:
    try:
        page = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, min(page, MAX_PAGE))


def per_page_number(raw: str | None) -> int:
    """1 to MAX_PER_PAGE; 0 (the page's own size) for anything else."""
    try:
        return max(1, min(int(str(raw).strip()), MAX_PER_PAGE))
    except (TypeError, ValueError):
        return 0


def _copy(values: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: list(v) for k, v in values.items()}


def _discard(values: dict[str, list[str]], facet: str, value: str) -> None:
    if value in values.get(facet, []):
        values[facet].remove(value)
        if not values[facet]:
            del values[facet]


# What the sidebar shows --------------------------------------------------------

@dataclass
class FacetEntry:
    value: str
    count: int
    selected: bool
    toggle_url: str  # adds the value, or removes it when selected
    exclude_url: str


@dataclass
class FacetBox:
    name: str
    label: str
    entries: list[FacetEntry]
    more_url: str | None = None
    fewer_url: str | None = None


@dataclass
class Chip:
    label: str
    remove_url: str
    excluded: bool = False


def facet_boxes(state: SearchState, counts: dict[str, list[FacetValue]], path: str,
                order: tuple[str, ...] = FACETS) -> list[FacetBox]:
    boxes = []
    for name in order:
        values = counts.get(name, [])
        size = state.facet_size(name)
        shown = values[:size]
        chosen = state.filters.get(name, [])
        entries = [FacetEntry(
            v.value, v.count, v.value in chosen,
            (state.removing(name, v.value) if v.value in chosen else state.adding(name, v.value)).href(path),
            state.excluding(name, v.value).href(path)) for v in shown]
        box = FacetBox(name, FACET_LABELS[name], entries)
        if len(values) > size and name not in state.more:
            box.more_url = state.with_more(name, True).href(path)
        elif name in state.more and len(values) > FACET_SIZE:
            box.fewer_url = state.with_more(name, False).href(path)
        boxes.append(box)
    return boxes


def chips(state: SearchState, path: str) -> list[Chip]:
    """The choices in force, each removable."""
    result = []
    for name in FILTERABLE:
        label = FACET_LABELS[name]
        result += [Chip(f"{label}: {v}", state.removing(name, v).href(path))
                   for v in state.filters.get(name, [])]
        result += [Chip(f"not {label}: {v}", state.removing(name, v).href(path), excluded=True)
                   for v in state.excludes.get(name, [])]
    if state.date_from or state.date_to:
        result.append(Chip(date_range_label(state.date_from, state.date_to),
                           state.with_dates("", "").href(path)))
    return result


def date_range_label(date_from: str, date_to: str) -> str:
    if date_from and date_to:
        return f"Dates: {date_from}" if date_from == date_to else f"Dates: {date_from} to {date_to}"
    return f"Dates: from {date_from}" if date_from else f"Dates: until {date_to}"
