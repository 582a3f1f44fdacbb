"""A real HTTP server on 127.0.0.1 (local_site.Site), and a collector wired to a temporary
archive with tiny politeness delays."""
from __future__ import annotations

import pytest

from archive.collect.client import Fetcher
from archive.collect.collector import Collector
from archive.collect.settings import FetchSettings
from archive.collect.sink import Sink
from archive.collect.state import CollectState
from archive.pipeline import Ingester
from archive.store import Store
from local_site import Site


@pytest.fixture
def site():
    running = Site()
    yield running
    running.close()


@pytest.fixture
def fetch_settings(monkeypatch) -> FetchSettings:
    monkeypatch.setenv("ARCHIVE_FETCH_ALLOW_PRIVATE", "1")
    return FetchSettings(allow_private=True, host_interval=0.01, retry_base=0.01, connect_timeout=2,
                         read_timeout=2, robots_ttl=3600)


@pytest.fixture
def fetcher(fetch_settings):
    client = Fetcher(fetch_settings)
    yield client
    client.close()


@pytest.fixture
def archive_store(data_dir):
    store = Store(data_dir)
    yield store
    store.close()


@pytest.fixture
def collector(fetcher, fetch_settings, archive_store, data_dir):
    state = CollectState(data_dir)
    yield Collector(fetcher, state, Sink(Ingester(archive_store)), fetch_settings)
    state.close()
