"""One search as a page shows it: the results and the facet counts.

The facet counts come with the search (index.search.SearchService): for an any-of
facet (speaker, source) they leave out that facet's own filter, so after picking
one speaker the others are still listed with the number of results each would
add; the month histogram leaves out the date range, so the chosen range is shown
inside the whole span.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from index.search import FacetValue, SearchResponse, is_costly
from web.facets import PER_PAGE, SearchState
from web.guards import costly_search

EXPORT_LIMIT = 10_000
EXPORT_PAGE = 100
# An export stops here (and says it was cut): its pages are searches of their own,
# each within the search deadline, and a hundred of them must not hold a thread for minutes.
EXPORT_SECONDS = 20.0


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
    """Raises index.search.QueryError when the query or the dates cannot be used; a costly
    search (wildcards, ranges of words) runs within web.guards.costly_search."""
    request = state.to_request(kind, per_page=per_page)
    if not is_costly(request):
        return Results(state, kind, service.search(request))
    with costly_search():
        return Results(state, kind, service.search(request))


def all_hits(service, state: SearchState, kind: str, limit: int = EXPORT_LIMIT,
             seconds: float = EXPORT_SECONDS) -> tuple[int, list[dict]]:
    """(total, up to `limit` hits) of a search, for export; every export is a costly search,
    and it stops after `seconds` with the pages it has."""
    deadline = time.monotonic() + seconds
    state = state.for_export()
    with costly_search():
        total, pages = service.export(state.to_request(kind, per_page=EXPORT_PAGE, with_facets=False), limit,
                                      page_size=EXPORT_PAGE)
        hits: list[dict] = []
        for page in pages:
            hits.extend(page)
            if time.monotonic() > deadline:
                break
    return total, hits
