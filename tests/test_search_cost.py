"""Every search has a bounded cost: a bare `*` is the browse of every document; patterns
(wildcards, prefixes, ranges of words) have budgets of words looked through, words
expanded and postings read; every search has a deadline; and `is_costly` sorts the
kinds of search that can cost much from those that cannot, without running them.
Real store, real Whoosh index, hand-written articles."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from archive.model import Entity
from archive.pipeline import Ingester, Prepared
from archive.store import Store, sha256_of
from helpers import make_article, quote_in
from index.budget import Limits, SearchTooCostly
from index.feeder import IndexFeeder
from index.search import QueryError, SearchRequest, SearchService, is_costly
from index.writer import IndexWriter

HARBOUR = ("The harbour authority approved the new bridge on Monday. “Construction starts in spring,” "
           "said Mayor Ann Lee. Residents welcomed the decision at a crowded meeting.")
FERRY = ("Ferry services were suspended after the storm damaged the pier. “Nobody was hurt,” "
         "the operator said in a statement.")
MARKET = "Stallholders at the covered market reported record sales before the holiday weekend."
UNTITLED_BODY = ""  # an article with a title and no body at all


def build(data_dir):
    store = Store(data_dir)
    articles = [
        make_article("Harbour bridge approved", HARBOUR, published="2023-03-06T10:00:00+00:00", source="Gazette",
                     quotes=[quote_in(HARBOUR, "Construction starts in spring,", "Ann Lee")],
                     entities=[Entity("Ann Lee", "person", 1)]),
        make_article("Storm halts ferries", FERRY, published="2023-11-20T08:30:00+00:00", source="Courier"),
        make_article("Market sales", MARKET, source="Gazette"),
        make_article("Notice", UNTITLED_BODY, published="2023-12-01T12:00:00+00:00", source="Courier"),
    ]
    prepared = []
    for i, article in enumerate(articles):
        data = (article.title + article.body).encode()
        article.original_sha256 = sha256_of(data)
        prepared.append(Prepared(f"a{i}.txt", data, "#0", article))
    Ingester(store, IndexFeeder(store, IndexWriter(data_dir / "index"))).store_batch(prepared)
    return store


@pytest.fixture
def store(data_dir):
    store = build(data_dir)
    yield store
    store.close()


def service(store: Store, **limits) -> SearchService:
    return SearchService(store.data_dir / "index", store, limits=Limits(**limits))


def answer(search: SearchService, q: str, **request) -> tuple[int, set]:
    response = search.search(SearchRequest(q=q, per_page=100, **request))
    return response.total, {hit.get("id", (hit.get("article_id"), hit.get("seq"))) for hit in response.hits}


# A bare `*` ------------------------------------------------------------------------

STARS = ["*", "title:*", "body:*", "speaker:*", "(*)", "title:(*)", "* OR ferry", "ferry OR *", "*^2"]


@pytest.mark.parametrize("q", STARS)
def test_a_bare_star_on_any_field_is_every_document_as_the_empty_query(store, q):
    search = service(store)
    assert answer(search, q) == answer(search, "")
    assert answer(search, q)[0] == 4  # with the one that has no body and the ones without a speaker


@pytest.mark.parametrize("q", STARS + ["NOT *", "NOT title:*"])
def test_a_bare_star_reads_no_postings_at_all(store, q):
    search = service(store, postings_read=0)  # any posting read would be over budget
    search.search(SearchRequest(q=q))
    search.search(SearchRequest(q=q, kind="quotes"))


def test_a_star_beside_words_keeps_their_meaning(store):
    search = service(store)
    assert answer(search, "ferry *") == answer(search, "ferry")
    assert answer(search, "ferry title:*") == answer(search, "ferry")
    assert answer(search, "NOT *") == (0, set())
    assert answer(search, "speaker:*", kind="quotes") == answer(search, "", kind="quotes")


# Budgets ---------------------------------------------------------------------------

def test_a_leading_wildcard_over_a_lexicon_bigger_than_the_budget_is_refused_with_advice(store):
    search = service(store, terms_scanned=10)
    with pytest.raises(SearchTooCostly, match=r"'\*ion' would have to look through more than 10 words; "
                                              r"give it a beginning, e.g. 'ion\*'") as refused:
        search.search(SearchRequest(q="*ion"))
    assert refused.value.reason == "scan"
    assert isinstance(refused.value, QueryError)  # the web layer answers 400 with the message


def test_a_leading_wildcard_within_the_budget_finds_what_it_stands_for(store):
    search = service(store)
    response = search.search(SearchRequest(q="*struct"))  # "Construction", stemmed
    assert [hit["title"] for hit in response.hits] == ["Harbour bridge approved"]
    assert "\ue000Construction\ue001" in response.hits[0]["snippet"]


def test_a_prefix_that_stands_for_more_words_than_the_budget_is_refused(store):
    search = service(store, term_expansions=2)
    with pytest.raises(SearchTooCostly, match=r"'st\*' matches more than 2 different words"):
        search.search(SearchRequest(q="st*"))  # starts, storm, statement, stallholders...
    assert answer(search, "ferr*")[0] == 1  # ferry, ferries: within the budget


def test_a_pattern_on_a_facet_is_named_as_typed(store):
    search = service(store, terms_scanned=2)
    with pytest.raises(SearchTooCostly, match=r"'speaker:\*ee' would have to look through more than 2 words"):
        search.search(SearchRequest(q="speaker:*ee"))


def test_the_patterns_of_one_search_share_one_budget_of_words(store):
    search = service(store, term_expansions=100, expanded_terms=4)
    with pytest.raises(SearchTooCostly, match="match more than 4 different words together"):
        search.search(SearchRequest(q="st* OR re* OR ma*"))


def test_a_range_of_words_is_bounded_like_a_pattern(store):
    search = service(store, term_expansions=3)
    with pytest.raises(SearchTooCostly, match=r"'body:\[a TO z\]' matches more than 3 different words"):
        search.search(SearchRequest(q="body:[a TO z]"))
    assert answer(search, "body:[pie TO pif]") == answer(search, "pier")


def test_a_search_that_reads_more_postings_than_the_budget_is_refused(store):
    search = service(store, postings_read=3)
    with pytest.raises(SearchTooCostly, match="would read more than 3 postings") as refused:
        search.search(SearchRequest(q="the OR said"))
    assert refused.value.reason == "postings"
    assert answer(search, "ferry")[0] == 1


@pytest.mark.parametrize("q", ["", "ferry", "*", "st*", '"the pier"', '"the pier"~3', "body:[a TO c]",
                               "ferry^2", "published:2023"])
def test_every_search_has_a_deadline(store, q):
    search = service(store, deadline_seconds=-1)  # already passed when the search starts
    with pytest.raises(SearchTooCostly, match="took too long.*make it more specific") as refused:
        search.search(SearchRequest(q=q))
    assert refused.value.reason == "deadline"


def test_the_default_limits_let_ordinary_searches_through(store):
    search = SearchService(store.data_dir / "index", store)
    for q in ["ferry", '"the pier"', "st*", "*struct", "body:[pie TO pif]", '"storm pier"~4', "harbour NOT ferry"]:
        assert search.search(SearchRequest(q=q)).total >= 1, q


# Telling the costly kinds apart ------------------------------------------------------

CHEAP = ["", "ferry", "harbour bridge", '"the pier"', "storm NOT ferry", "storm OR ferry", "speaker:lee",
         'speaker:"ann lee"', "title:market", "*", "title:*", "NOT *", "ferry^2", '"the pier"^2',
         "published:[2023 TO 2024]", "published:2023-03", "ferry ANDMAYBE storm", "ferry REQUIRE storm",
         "(a OR (b AND (c OR d)))", "x" * 400]
COSTLY = ["*ab", "ab*", "?ab*", "a?c", "title:ab*", "speaker:le*", "body:[a TO zz]", "title:[a TO]",
          '"storm pier"~4', "ferry OR *ion", "NOT ab*"]


@pytest.mark.parametrize("q", CHEAP)
def test_words_phrases_and_stars_are_not_costly(q):
    assert not is_costly(SearchRequest(q=q))
    if "title:" not in q:  # quotes have no title
        assert not is_costly(SearchRequest(q=q, kind="quotes"))


def test_filters_and_dates_are_not_costly():
    assert not is_costly(SearchRequest(q="ferry", filters={"speaker": ["Ann Lee"]}, excludes={"source": ["x"]},
                                       date_from="2023", date_to="2023-06", sort="newest"))


@pytest.mark.parametrize("q", COSTLY)
def test_patterns_ranges_and_slop_phrases_are_costly(q):
    assert is_costly(SearchRequest(q=q))


def test_a_long_list_of_words_is_costly_a_long_repeated_one_is_not():
    words = "the of and to in is that for on with as by at from it be was are this have said".split()
    assert is_costly(SearchRequest(q=" OR ".join(words)))
    assert not is_costly(SearchRequest(q=" OR ".join(["the", "of"] * 40)))


def test_a_query_that_cannot_run_is_not_costly():
    assert not is_costly(SearchRequest(q="word " * 200))  # too long: refused before any work


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(max_size=120), st.sampled_from(["articles", "quotes"]))
def test_is_costly_answers_any_text(text, kind):
    assert is_costly(SearchRequest(q=text, kind=kind)) in (True, False)


# Boosts, REQUIRE, partial dates: cheap, and ranked as Whoosh ranks them -------------

BOOSTED = ["ferry^2 OR harbour", '"the pier"^3 OR bridge', "(storm OR ferry)^2 OR the", "the^0.5 said",
           "harbour REQUIRE bridge", "the REQUIRE ferry", "said^2 ANDMAYBE mayor", "the st*^2",
           "published:2023-11", "the published:2023-03", "date:2023 OR market", "notice published:2023-12-01"]


@pytest.mark.parametrize("q", BOOSTED)
def test_boosts_require_and_partial_dates_rank_as_whoosh_does_without_being_costly(store, q):
    search = service(store)
    searcher = search.searcher("articles")
    parts, _, _ = search.parse(SearchRequest(q=q), "articles", searcher)
    whoosh_ids = [int(searcher.stored_fields(hit.docnum)["id"]) for hit in searcher.search(parts.user, limit=None)]
    response = search.search(SearchRequest(q=q, per_page=100))
    assert whoosh_ids and [hit["id"] for hit in response.hits] == whoosh_ids
    assert "st*" in q or not is_costly(SearchRequest(q=q))
