"""The index queue: what was stored gets indexed, a newer version queued meanwhile is not
lost, and one article the index refuses does not hold up the others."""
from __future__ import annotations

import index.writer
from archive.config import Settings
from archive.store import Store
from helpers import make_article
from index.search import SearchRequest, SearchService
from index.writer import IndexWriter
from index.feeder import IndexFeeder
from web.runtime import Runtime


def put(store: Store, title: str, body: str, identity: str) -> int:
    with store.transaction() as db:
        return store.put(db, make_article(title, body), identity=identity, original_name=f"{title}.txt").article_id


def found(store: Store, index_dir, words: str) -> int:
    return SearchService(index_dir, store).search(SearchRequest(q=words)).total


class UpdatedWhileWriting(IndexWriter):
    """A real writer; while it writes, an update of one article is stored (as an upload
    handled by another thread would)."""

    def __init__(self, path, store: Store):
        super().__init__(path)
        self.store = store
        self.updated = False

    def write(self, articles, merge=True, fresh=False):
        super().write(articles, merge, fresh)
        if not self.updated:
            self.updated = True
            put(self.store, "Harbour", "The harbour reopened on Tuesday evening.", identity="harbour")


def test_a_version_stored_while_the_old_one_is_written_stays_queued_and_is_indexed_next(data_dir):
    store = Store(data_dir)
    put(store, "Harbour", "The harbour closed on Monday morning.", identity="harbour")
    feeder = IndexFeeder(store, UpdatedWhileWriting(data_dir / "index", store))
    assert feeder.index_queued() == 2  # the old version, then the new one on the next round
    assert store.queued() == {}
    assert found(store, data_dir / "index", "reopened") == 1
    assert found(store, data_dir / "index", "closed") == 0


class RefusesOne(IndexWriter):
    """A real writer that refuses any batch holding one given article."""

    def __init__(self, path, refused: int):
        super().__init__(path)
        self.refused = refused

    def write(self, articles, merge=True, fresh=False):
        if any(article.id == self.refused for article in articles):
            raise ValueError("refused")
        super().write(articles, merge, fresh)


def test_an_article_the_index_refuses_is_set_aside_and_the_rest_are_indexed(data_dir):
    store = Store(data_dir)
    ids = [put(store, f"Town {name}", f"Floods reached {name} overnight.", identity=name)
           for name in ("Leeds", "York", "Hull")]
    feeder = IndexFeeder(store, RefusesOne(data_dir / "index", refused=ids[1]))
    assert feeder.index_queued() == 2
    assert feeder.unindexable == {ids[1]}
    assert list(store.queued()) == [ids[1]]  # still queued: retried at the next start
    assert found(store, data_dir / "index", "Leeds OR York OR Hull") == 2
    assert feeder.index_queued() == 0  # set aside, not retried in a loop


def test_a_server_starting_while_another_process_loads_the_index_serves_and_catches_up_later(
        data_dir, monkeypatch):
    monkeypatch.setattr(index.writer, "LOCK_TIMEOUT_SECONDS", 0.2)
    settings = Settings(data_dir=data_dir)
    store = Store(data_dir)
    put(store, "Ferry", "The ferry sailed at dawn.", identity="ferry")
    cli_load = IndexWriter(settings.index_dir).bulk_load()  # as `archive ingest` holds it
    runtime = Runtime(settings, start_threads=False)
    try:
        assert runtime.search.search(SearchRequest(q="ferry")).total == 0  # serving, not yet indexed
        cli_load.cancel()
        assert runtime.indexer.index_queued() == 1
        assert runtime.search.search(SearchRequest(q="ferry")).total == 1
    finally:
        runtime.close()
