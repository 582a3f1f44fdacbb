"""One search as a page shows it: the results and the facet counts.

The facet counts come with the search (index.search.SearchService): for an any-of
facet (speaker, source) they leave out that facet's own filter, so after picking
one speaker the others are still listed with the number of results each would
add; the month histogram leaves out the date range, so the chosen range is shown
inside the whole span.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from index.search import FacetValue, SearchResponse
from web.facets import PER_PAGE, SearchState

EXPORT_LIMIT = 10_000
EXPORT_PAGE = 100


@dataclass
class Results:
    state: SearchState
    kind: str
    response: SearchResponse

    @property
    def facets(self) -> dict[str, list[FacetValue]]:
        return self.response.facets

    @property
    def months(self) -> list[FacetValue]:
        return self.facets.get("month", [])


def run_search(service, state: SearchState, kind: str, per_page: int = PER_PAGE) -> Results:
    """Raises index.search.QueryError when the query or the dates cannot be used."""
    return Results(state, kind, service.search(state.to_request(kind, per_page=per_page)))


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
