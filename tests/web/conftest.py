"""Fixtures for the web tests: a real archive (SQLite store, Whoosh index, index
thread) holding hand-written articles, and the Flask app over it."""
from __future__ import annotations


import pytest

from archive.config import Settings
from sample_archive import sample_articles, store_articles
from web import create_app
from web.runtime import Runtime




@pytest.fixture
def make_runtime(tmp_path):
    """make_runtime(articles, **settings) -> a started Runtime over a fresh archive."""
    made = []

    def make(articles=None, **settings) -> Runtime:
        folder = tmp_path / f"data{len(made)}"
        runtime = Runtime(Settings(data_dir=folder, **settings), start_threads=False)
        store_articles(runtime, sample_articles() if articles is None else articles)
        runtime.start()
        made.append(runtime)
        return runtime

    yield make
    for runtime in made:
        runtime.close()


@pytest.fixture
def make_client(make_runtime):
    """make_client(articles=None, **settings) -> a Flask test client over a fresh archive."""

    def make(articles=None, **settings):
        runtime = make_runtime(articles, **settings)
        app = create_app({"TESTING": True, "SECRET_KEY": "test secret"}, runtime=runtime)
        return app.test_client()

    return make


@pytest.fixture
def client(make_client):
    return make_client()
