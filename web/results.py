"""One search as a page shows it: the results and the facet counts.

The facet counts come with the search (index.search.SearchService): for an any-of
facet (speaker, source) they leave out that facet's own filter, so after picking
one speaker the others are still listed with the number of results each would
add; the month histogram leaves out the date range, so the chosen range is shown
inside the whole span.
"""
from __future__ import annotations

from dataclasses import dataclass

from index.search import FacetValue, SearchResponse, is_costly
from web.facets import PER_PAGE, SearchState
from web.guards import costly_search


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
    """`per_page` is the page's own size (a `per_page` in the URL wins). Raises
    index.search.QueryError when the query, the dates or the cursor cannot be used; a costly
    search (wildcards, ranges of words) runs within web.guards.costly_search."""
    request = state.to_request(kind, per_page=per_page)
    if not is_costly(request):
        return Results(state, kind, service.search(request))
    with costly_search():
        return Results(state, kind, service.search(request))
