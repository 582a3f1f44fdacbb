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
