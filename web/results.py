"""One search as a page shows it: the results, and facet counts that let a user
widen as well as narrow.

Counts for an any-of facet (speaker, source) are taken without that facet's own
filter, so after picking one speaker the others are still listed with the
number of results each would add. The month histogram likewise counts without
the date range, so the chosen range is shown inside the whole span.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from index.search import FacetValue, SearchResponse
from web.facets import ANY_OF, PER_PAGE, SearchState

EXPORT_LIMIT = 10_000
EXPORT_PAGE = 100


@dataclass
class Results:
    state: SearchState
    kind: str
    response: SearchResponse
    facets: dict[str, list[FacetValue]]

    @property
    def months(self) -> list[FacetValue]:
        return self.facets.get("month", [])


def run_search(service, state: SearchState, kind: str, per_page: int = PER_PAGE) -> Results:
    """Raises index.search.QueryError when the query or the dates cannot be used."""
    response = service.search(state.to_request(kind, per_page=per_page))
    facets = dict(response.facets)
    for name in ANY_OF:
        if state.filters.get(name):
            widened = replace(state, filters={k: v for k, v in state.filters.items() if k != name}, page=1)
            facets[name] = _facet_only(service, widened, kind, name)
    if state.date_from or state.date_to:
        facets["month"] = _facet_only(service, replace(state, date_from="", date_to="", page=1), kind, "month")
    return Results(state, kind, response, facets)


def _facet_only(service, state: SearchState, kind: str, name: str) -> list[FacetValue]:
    return service.search(state.to_request(kind, per_page=1)).facets.get(name, [])


def all_hits(service, state: SearchState, kind: str, limit: int = EXPORT_LIMIT) -> tuple[int, list[dict]]:
    """(total, up to `limit` hits) of a search, page by page, for export."""
    state = state.for_export()
    hits: list[dict] = []
    total = 0
    page = 1
    while len(hits) < limit:
        response = service.search(replace(state, page=page).to_request(kind, per_page=EXPORT_PAGE,
                                                                        with_facets=False))
        total = response.total
        if not response.hits or response.page != page:
            break
        hits.extend(response.hits)
        if page >= response.pages:
            break
        page += 1
    return total, hits[:limit]
