"""Search over a real store and a real Whoosh index, with hand-written articles."""
from __future__ import annotations

import pytest

from archive.model import Entity
from archive.pipeline import Ingester, Prepared
from archive.store import Store, sha256_of
from helpers import make_article, quote_in
from index.feeder import IndexFeeder
from index.rebuild import rebuild
from index.search import QueryError, SearchRequest, SearchService, strip_marks, with_operator_words
from index.writer import IndexWriter

TALKS = ("Talks in Geneva ended without agreement. “We remain on divergent positions,” "
         "said Dmitry Peskov. The spokesman added that NATO must listen.")
SANCTIONS = ("Washington prepared new sanctions against Moscow. “It would be a big mistake,” "
             "Peskov warned. Officials in Brussels said the European Union agreed.")
FOOTBALL = "The football club won the cup final in extra time after a goalless draw."


def peskov() -> Entity:
    return Entity("Dmitry Peskov", "person", 1, aliases=["Peskov", "Dmitri Peskov"])


def build(data_dir):
    store = Store(data_dir)
    articles = [
        make_article("Geneva talks end", TALKS, published="2022-01-16T11:02:00+01:00", source="Agency",
                     quotes=[quote_in(TALKS, "We remain on divergent positions,", "Dmitry Peskov")],
                     entities=[peskov(), Entity("NATO", "org"), Entity("Geneva", "place")]),
        make_article("Sanctions threat", SANCTIONS, published="2022-02-03T09:00:00-05:00", source="Wire",
                     quotes=[quote_in(SANCTIONS, "It would be a big mistake,", "Dmitry Peskov", "warned")],
                     entities=[peskov(), Entity("Moscow", "place"), Entity("Washington", "place"),
                               Entity("European Union", "org")]),
        make_article("Cup final", FOOTBALL, source="Sports Desk"),
    ]
    prepared = []
    for i, article in enumerate(articles):
        data = article.body.encode()
        article.original_sha256 = sha256_of(data)
        prepared.append(Prepared(f"a{i}.txt", data, "#0", article))
    writer = IndexWriter(data_dir / "index")
    Ingester(store, IndexFeeder(store, writer)).store_batch(prepared)
    return store, SearchService(data_dir / "index", store)


@pytest.fixture
def service(data_dir):
    store, service = build(data_dir)
    yield service
    store.close()


def titles(response) -> list[str]:
    return [hit["title"] for hit in response.hits]


def test_keyword_search_finds_by_stem_and_highlights(service):
    response = service.search(SearchRequest(q="positions"))
    assert titles(response) == ["Geneva talks end"]
    assert "\ue000positions\ue001" in response.hits[0]["snippet"]
    assert "divergent" in strip_marks(response.hits[0]["snippet"])


def test_phrase_boolean_and_field_queries(service):
    assert titles(service.search(SearchRequest(q='"big mistake"'))) == ["Sanctions threat"]
    assert titles(service.search(SearchRequest(q='"mistake big"'))) == []
    assert set(titles(service.search(SearchRequest(q="geneva OR sanctions")))) == {"Geneva talks end",
                                                                                 "Sanctions threat"}
    assert titles(service.search(SearchRequest(q="peskov NOT sanctions"))) == ["Geneva talks end"]
    assert titles(service.search(SearchRequest(q="title:cup"))) == ["Cup final"]
    assert len(service.search(SearchRequest(q="speaker:peskov")).hits) == 2
    assert len(service.search(SearchRequest(q='speaker:"dmitri peskov"')).hits) == 2  # an alias
    assert titles(service.search(SearchRequest(q="source:wire"))) == ["Sanctions threat"]


def test_minus_excludes_and_plus_requires_at_the_start_of_a_word(service):
    assert titles(service.search(SearchRequest(q="peskov -sanctions"))) == ["Geneva talks end"]
    assert titles(service.search(SearchRequest(q='peskov -"big mistake"'))) == ["Geneva talks end"]
    assert titles(service.search(SearchRequest(q="+peskov +sanctions"))) == ["Sanctions threat"]
    assert "Cup final" in titles(service.search(SearchRequest(q="-peskov")))
    assert with_operator_words("pre-election -budget") == "pre-election NOT budget"
    assert with_operator_words('"not -this" -that') == '"not -this" NOT that'


def test_facets_count_the_current_results(service):
    response = service.search(SearchRequest(q=""))
    facets = {name: {v.value: v.count for v in values} for name, values in response.facets.items()}
    assert response.total == 3
    assert facets["speaker"] == {"Dmitry Peskov": 2}
    assert facets["place"] == {"Geneva": 1, "Moscow": 1, "Washington": 1}
    assert facets["month"] == {"2022-01": 1, "2022-02": 1}
    assert facets["source"] == {"Agency": 1, "Wire": 1, "Sports Desk": 1}
    narrowed = service.search(SearchRequest(q="", filters={"place": ["Moscow"]}))
    assert titles(narrowed) == ["Sanctions threat"]
    assert {v.value for v in narrowed.facets["org"]} == {"European Union"}


def test_any_of_facets_and_months_are_counted_without_their_own_filter(service):
    def counts(response, facet):
        return {v.value: v.count for v in response.facets[facet]}

    by_source = service.search(SearchRequest(filters={"source": ["Wire"]}))
    assert titles(by_source) == ["Sanctions threat"]
    assert counts(by_source, "source") == {"Agency": 1, "Wire": 1, "Sports Desk": 1}  # what each would add
    assert counts(by_source, "place") == {"Moscow": 1, "Washington": 1}  # the results' own
    by_date = service.search(SearchRequest(date_from="2022-02", filters={"speaker": ["Dmitry Peskov"]}))
    assert titles(by_date) == ["Sanctions threat"]
    assert counts(by_date, "month") == {"2022-01": 1, "2022-02": 1}  # the range shown inside the whole span
    assert counts(by_date, "speaker") == {"Dmitry Peskov": 1}  # the date range still applies
    by_month = service.search(SearchRequest(q="peskov", filters={"month": ["2022-01"]}, date_from="2022"))
    assert counts(by_month, "month") == {"2022-01": 1}  # a month filter is kept; only the range is left out


def test_filters_exclusions_and_dates(service):
    assert titles(service.search(SearchRequest(excludes={"source": ["Wire"]}, sort="oldest"))) == \
        ["Geneva talks end", "Cup final"]
    assert titles(service.search(SearchRequest(date_from="2022-02"))) == ["Sanctions threat"]
    assert titles(service.search(SearchRequest(date_from="2022-01-16", date_to="2022-01-16"))) == \
        ["Geneva talks end"]
    with pytest.raises(QueryError):
        service.search(SearchRequest(date_from="16/01/2022"))


def test_sorting_puts_undated_last_and_pages(service):
    assert titles(service.search(SearchRequest(sort="newest"))) == ["Sanctions threat", "Geneva talks end",
                                                                   "Cup final"]
    assert titles(service.search(SearchRequest(sort="oldest"))) == ["Geneva talks end", "Sanctions threat",
                                                                   "Cup final"]
    second = service.search(SearchRequest(sort="newest", page=2, per_page=2))
    assert titles(second) == ["Cup final"] and second.pages == 2 and second.total == 3


def test_quote_search_filters_by_speaker(service):
    response = service.search(SearchRequest(q="mistake", kind="quotes"))
    assert [h["text"] for h in response.hits] == ["It would be a big mistake,"]
    assert response.hits[0]["speaker"] == "Dmitry Peskov"
    everything = service.search(SearchRequest(kind="quotes", filters={"speaker": ["Dmitry Peskov"]},
                                              sort="newest"))
    assert [h["cue"] for h in everything.hits] == ["warned", "said"]


def test_unreadable_parts_of_a_query_are_dropped_with_a_message(service):
    response = service.search(SearchRequest(q="mistake date:2022-13-45"))
    assert titles(response) == ["Sanctions threat"]
    assert "could not be read" in response.message
    nothing = service.search(SearchRequest(q="((("))
    assert nothing.total == 0 and "Nothing searchable" in nothing.message


def test_broad_wildcards_and_long_queries_are_refused(service):
    with pytest.raises(QueryError, match="too broad"):
        service.search(SearchRequest(q="a*"))
    with pytest.raises(QueryError, match="too long"):
        service.search(SearchRequest(q="word " * 200))
    assert titles(service.search(SearchRequest(q="mist*"))) == ["Sanctions threat"]


def test_reindex_gives_the_same_results(data_dir):
    store, service = build(data_dir)
    queries = [SearchRequest(q=q, sort=s) for q in ("", "peskov", '"big mistake"', "speaker:peskov")
               for s in ("relevance", "newest")]
    before = [service.search(r).to_dict() for r in queries]
    assert rebuild(store, data_dir / "index") == 3
    after_service = SearchService(data_dir / "index", store)
    assert [after_service.search(r).to_dict() for r in queries] == before
    store.close()


def test_quotes_of_one_article_sort_in_text_order(data_dir):
    store = Store(data_dir)
    body = "“First words,” she said. “Second words,” she added. “Third words,” she said."
    article = make_article("Three quotes", body, published="2022-01-16T11:02:00+01:00",
                           quotes=[quote_in(body, t, "Ann Lee") for t in ("First words,", "Second words,",
                                                                          "Third words,")])
    article.original_sha256 = sha256_of(body.encode())
    feeder = IndexFeeder(store, IndexWriter(data_dir / "index"))
    Ingester(store, feeder).store_batch([Prepared("q.txt", body.encode(), "#0", article)])
    service = SearchService(data_dir / "index", store)
    for sort in ("newest", "oldest"):
        hits = service.search(SearchRequest(kind="quotes", sort=sort)).hits
        assert [h["text"] for h in hits] == ["First words,", "Second words,", "Third words,"]
    store.close()


def test_entities_in_a_quote_are_whole_words_and_short_names_match_case():
    from index.documents import names_in_text
    assert names_in_text("We talked to the US envoy", ["United States", "US"])
    assert not names_in_text("discuss our disagreements with us", ["United States", "US"])
    assert names_in_text("the united states said", ["United States"])
    assert not names_in_text("Natoli spoke", ["NATO"])


@pytest.mark.parametrize("kind,sort", [("articles", "relevance"), ("articles", "newest"), ("quotes", "oldest")])
def test_an_export_has_the_hits_paging_would_give_in_the_same_order(service, kind, sort):
    paged = [hit for page in (1, 2, 3)
             for hit in service.search(SearchRequest(q="", kind=kind, sort=sort, page=page, per_page=1)).hits]
    export = service.export(SearchRequest(q="", kind=kind, sort=sort, with_facets=False), limit=10, page_size=1)
    total, exported = export.total, [hit for page in export.pages for hit in page]

    def key(hit):
        return (hit.get("id"), hit.get("article_id"), hit.get("seq"))

    assert total == len(exported) == len({key(h) for h in paged})
    assert [key(h) for h in exported] == [key(h) for h in paged]
    export = service.export(SearchRequest(q="positions OR mistake", kind=kind, with_facets=False), limit=1)
    assert export.total == 2 and len([h for page in export.pages for h in page]) == 1


def test_a_search_that_found_the_index_gone_for_a_moment_recovers_when_it_is_back(data_dir):
    import shutil

    store, service = build(data_dir)
    try:
        assert service.search(SearchRequest(q="positions")).total == 1
        shutil.move(data_dir / "index", data_dir / "elsewhere")
        with pytest.raises(Exception):
            service.search(SearchRequest(q="positions"))
        shutil.move(data_dir / "elsewhere", data_dir / "index")
        assert service.search(SearchRequest(q="positions")).total == 1
    finally:
        store.close()
