"""A prototype of the index/ changes proposed in the benchmark report, kept in bench/
because index/ belongs to the lead: `ProposedSearchService` is SearchService with
the matching set, facet counts, date sorts and snippets computed the fast way.
`python -m bench.compare_proposed` checks it gives the same answers and times it."""
