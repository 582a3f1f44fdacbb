"""Search across languages and scripts, over a real store and a real Whoosh index rebuilt from it."""
from __future__ import annotations

import pytest

from archive.model import Entity
from archive.store import Store
from helpers import make_article, quote_in
from index.rebuild import rebuild
from index.search import SearchRequest, SearchService

KREMLIN = "Журналистам ответил Дмитрий Песков. «Обсуждать нечего», сказал Дмитрий Песков."


def stored(store: Store, article, language: str | None = None):
    article.language = language
    with store.transaction() as db:
        store.put(db, article, identity=article.title, original_name=f"{article.title}.txt")


@pytest.fixture
def service(data_dir):
    store = Store(data_dir)
    stored(store, make_article("Кремль", KREMLIN, quotes=[quote_in(KREMLIN, "Обсуждать нечего", "Дмитрий Песков")],
                               entities=[Entity("Дмитрий Песков", "person", 2)]), "ru")
    rebuild(store, data_dir / "index")
    yield SearchService(data_dir / "index", store)
    store.close()


def titles(response) -> list[str]:
    return [hit["title"] for hit in response.hits]


def test_a_name_in_another_script_is_found_by_its_latin_spelling(service):
    assert titles(service.search(SearchRequest(q="speaker:peskov"))) == ["Кремль"]
    assert titles(service.search(SearchRequest(q="speaker:Песков"))) == ["Кремль"]
    assert service.search(SearchRequest(q="speaker:peskov", kind="quotes")).total == 1


GREVE = "Les cheminots ont voté mardi une nouvelle grève nationale contre la réforme."
STREIK = "Die Bundesregierung hat die Verhandlungen mit den Gewerkschaften abgebrochen."
STRIKE = "The union said the national strikes would go on."


@pytest.fixture
def languages(data_dir):
    store = Store(data_dir)
    stored(store, make_article("Grève", GREVE, quotes=[quote_in(GREVE, "nouvelle grève nationale", None)]), "fr")
    stored(store, make_article("Streik", STREIK), "de")
    stored(store, make_article("Strike", STRIKE), "en")
    rebuild(store, data_dir / "index")
    yield SearchService(data_dir / "index", store)
    store.close()


def test_french_is_stemmed_as_french_with_accents_folded(languages):
    for query in ("grèves", "greves", "GRÈVE", "nationales", "réformes"):
        assert titles(languages.search(SearchRequest(q=query))) == ["Grève"], query
    assert languages.search(SearchRequest(q="nationales grèves", kind="quotes")).total == 1


def test_german_is_stemmed_as_german_and_compounds_are_found(languages):
    for query in ("Verhandlung", "Bundesregierungen", "bundesregierung", "Gewerkschaft"):
        assert titles(languages.search(SearchRequest(q=query))) == ["Streik"], query


def test_english_stays_stemmed_as_english(languages):
    assert titles(languages.search(SearchRequest(q="strike"))) == ["Strike"]


def test_the_language_facet_counts_and_filters(languages):
    everything = languages.search(SearchRequest())
    assert {f.value: f.count for f in everything.facets["language"]} == {"fr": 1, "de": 1, "en": 1}
    assert titles(languages.search(SearchRequest(filters={"language": ["fr", "de"]}))) in (
        ["Grève", "Streik"], ["Streik", "Grève"])
    assert titles(languages.search(SearchRequest(excludes={"language": ["fr", "de"]}))) == ["Strike"]


def test_an_index_made_before_the_language_fields_is_rebuilt_at_start(data_dir):
    from whoosh import index as whoosh_index

    from index.rebuild import recover
    from index.schema import article_schema, quote_schema

    store = Store(data_dir)
    stored(store, make_article("Grève", GREVE), "fr")
    folder = data_dir / "index"
    folder.mkdir()
    for name, schema in (("articles", article_schema()), ("quotes", quote_schema())):
        for field in ("body_fr", "body_de", "text_fr", "text_de", "language_col"):
            if field in schema:
                schema.remove(field)
        whoosh_index.create_in(str(folder), schema, indexname=name)
    try:
        recover(store, folder)
        service = SearchService(folder, store)
        assert titles(service.search(SearchRequest(q="grèves", filters={"language": ["fr"]}))) == ["Grève"]
    finally:
        store.close()
