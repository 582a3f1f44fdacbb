"""The one index feeder: storing leaves articles queued, the feeder takes them into the index,
a busy writer is given up on once rather than waited for at every batch, and opening an
index (not importing the search module) makes segments read in place."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import index.writer
from archive.pipeline import Ingester, Prepared
from archive.store import Store, sha256_of
from helpers import make_article
from index.feeder import IndexFeeder
from index.search import SearchRequest, SearchService
from index.writer import IndexBusy, IndexWriter

PROJECT = Path(__file__).resolve().parent.parent


def prepared(*titles: str) -> list[Prepared]:
    batch = []
    for title in titles:
        article = make_article(title, f"The {title.lower()} was reported on Monday.")
        data = article.body.encode()
        article.original_sha256 = sha256_of(data)
        batch.append(Prepared(f"{title}.txt", data, "#0", article))
    return batch


def found(store: Store, index_dir: Path, words: str) -> int:
    return SearchService(index_dir, store).search(SearchRequest(q=words)).total


def test_storing_without_a_feeder_leaves_the_articles_queued_until_a_feeder_indexes_them(data_dir):
    store = Store(data_dir)
    reports = Ingester(store).store_batch(prepared("Flood", "Drought")).reports
    assert [(r.status, r.searchable) for r in reports] == [("added", False), ("added", False)]
    assert sorted(store.queued()) == sorted(r.article_id for r in reports)
    assert IndexFeeder(store, IndexWriter(data_dir / "index")).index_queued() == 2
    assert store.queued() == {}
    assert found(store, data_dir / "index", "flood OR drought") == 2
    store.close()


def test_a_feeder_indexes_every_few_articles_and_the_rest_when_flushed(data_dir):
    store = Store(data_dir)
    feeder = IndexFeeder(store, IndexWriter(data_dir / "index"), every=3)
    ingester = Ingester(store, feeder)
    first = ingester.store_batch(prepared("Flood", "Drought")).reports
    assert not any(r.searchable for r in first) and len(store.queued()) == 2  # waiting for a third
    second = ingester.store_batch(prepared("Storm")).reports
    assert all(r.searchable for r in second) and store.queued() == {}
    ingester.store_batch(prepared("Heatwave"))
    assert len(store.queued()) == 1
    feeder.flush()
    assert store.queued() == {} and found(store, data_dir / "index", "heatwave") == 1
    store.close()


class CountingWriter(IndexWriter):
    """A real writer that counts the writes asked of it."""

    def __init__(self, path):
        super().__init__(path)
        self.attempts = 0

    def write(self, articles, merge=True, fresh=False):
        self.attempts += 1
        super().write(articles, merge, fresh)


def test_a_feeder_whose_writer_another_holds_stops_trying_and_the_queue_keeps_the_articles(data_dir, monkeypatch):
    monkeypatch.setattr(index.writer, "LOCK_TIMEOUT_SECONDS", 0.2)
    store = Store(data_dir)
    writer = CountingWriter(data_dir / "index")
    held = IndexWriter(data_dir / "index").bulk_load()  # as another process's ingest holds it
    feeder = IndexFeeder(store, writer)
    ingester = Ingester(store, feeder)
    for title in ("Flood", "Drought", "Storm"):
        assert not ingester.store_batch(prepared(title)).reports[0].searchable
    assert feeder.busy and writer.attempts == 1
    assert len(store.queued()) == 3
    held.cancel()
    assert IndexFeeder(store, writer).index_queued() == 3
    assert found(store, data_dir / "index", "flood OR drought OR storm") == 3
    store.close()


def test_a_busy_writer_raises_to_whoever_indexes_the_queue(data_dir, monkeypatch):
    monkeypatch.setattr(index.writer, "LOCK_TIMEOUT_SECONDS", 0.2)
    store = Store(data_dir)
    Ingester(store).store_batch(prepared("Flood"))
    held = IndexWriter(data_dir / "index").bulk_load()
    try:
        with pytest.raises(IndexBusy):
            IndexFeeder(store, IndexWriter(data_dir / "index")).index_queued()
    finally:
        held.cancel()
    assert len(store.queued()) == 1
    store.close()


def test_importing_the_search_module_patches_nothing_until_an_index_is_opened(tmp_path):
    script = (
        "import sys\n"
        "import index.search\n"
        "from index import whoosh_internals\n"
        "from index.writer import open_or_create\n"
        "assert not whoosh_internals.reads_segments_in_place(), 'patched at import'\n"
        "open_or_create(__import__('pathlib').Path(sys.argv[1]), 'articles')\n"
        "assert whoosh_internals.reads_segments_in_place(), 'not patched when opened'\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "index")], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
