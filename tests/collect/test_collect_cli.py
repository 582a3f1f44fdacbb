"""The collecting commands, run in this process as the command line runs them:
fetch, feeds add/list/remove, watch --once, stats; the watcher's schedule and backoff."""
from __future__ import annotations

import json

import pytest

from archive.__main__ import main
from archive.collect.state import CollectState
from archive.collect.watcher import Watcher, WatcherRunning, hold_watch_lock
from archive.store import Store
from index.search import SearchRequest, SearchService
from test_collect_sources import link_item, page, rss


@pytest.fixture(autouse=True)
def small_delays(monkeypatch):
    monkeypatch.setenv("ARCHIVE_FETCH_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("ARCHIVE_FETCH_HOST_INTERVAL", "0.01")
    monkeypatch.setenv("ARCHIVE_FETCH_RETRY_SECONDS", "0.01")


def feeds_listed(data_dir, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["--data", str(data_dir), "feeds", "list"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_fetch_stores_a_page_and_search_finds_it(site, data_dir, capsys):
    site.put("/a", page("Bridge vote"))
    assert main(["--data", str(data_dir), "fetch", site.url + "/a"]) == 0
    out = capsys.readouterr().out
    assert "added" in out and "page, 1 added" in out
    store = Store(data_dir)
    hits = SearchService(data_dir / "index", store).search(SearchRequest(q="Springfield")).hits
    assert [hit["title"] for hit in hits] == ["Bridge vote"]
    store.close()


def test_fetch_refuses_this_machines_addresses_without_the_setting(site, data_dir, capsys, monkeypatch):
    monkeypatch.delenv("ARCHIVE_FETCH_ALLOW_PRIVATE")
    site.put("/a", page("Bridge vote"))
    assert main(["--data", str(data_dir), "fetch", site.url + "/a"]) == 1
    assert "ARCHIVE_FETCH_ALLOW_PRIVATE=1" in capsys.readouterr().err
    assert site.requests == []


def test_feeds_add_list_remove_and_stats_counts_them(site, data_dir, capsys):
    assert main(["--data", str(data_dir), "feeds", "add", site.url + "/feed", "--every", "15",
                 "--source", "Springfield News"]) == 0
    [feed] = feeds_listed(data_dir, capsys)
    assert feed["url"] == site.url + "/feed" and feed["every"] == 15 and feed["source"] == "Springfield News"
    assert {"last_fetch", "status", "next_due", "error"} <= set(feed)
    assert main(["--data", str(data_dir), "stats"]) == 0
    assert json.loads(capsys.readouterr().out)["feeds"] == 1
    assert main(["--data", str(data_dir), "feeds", "remove", site.url + "/feed"]) == 0
    assert feeds_listed(data_dir, capsys) == []
    assert main(["--data", str(data_dir), "feeds", "remove", site.url + "/feed"]) == 1


def test_watch_once_polls_every_feed_and_records_its_health(site, data_dir, capsys):
    site.put("/a", page("Bridge vote"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote")]), ETag='"f1"')
    site.put("/broken", "<rss><channel><item>", content_type="application/rss+xml")
    for path in ("/feed", "/broken"):
        main(["--data", str(data_dir), "feeds", "add", site.url + path])
    assert main(["--data", str(data_dir), "watch", "--once"]) == 0
    broken, good = feeds_listed(data_dir, capsys)
    assert good["status"] == "ok" and good["new_last_day"] == 1 and good["error"] is None
    assert broken["status"] == "failed" and "not well-formed" in broken["error"] and broken["failures"] == 1
    # The failing feed backs off: due later than its interval after the fetch.
    assert broken["next_due"] > good["next_due"]
    main(["--data", str(data_dir), "watch", "--once"])
    broken, good = feeds_listed(data_dir, capsys)
    assert good["status"] == "not modified" and broken["failures"] == 2


def test_a_failing_feed_backs_off_further_each_time_up_to_a_bound(data_dir):
    state = CollectState(data_dir)
    state.add_feed("http://example.org/feed", 30, None)
    gaps = []
    for _ in range(8):
        state.record_poll("http://example.org/feed", "failed", 0, None, max_backoff_minutes=240, error="down")
        feed = state.feed("http://example.org/feed")
        gaps.append(feed["next_due"] > feed["last_fetch"])
    from datetime import datetime
    feed = state.feed("http://example.org/feed")
    gap = datetime.fromisoformat(feed["next_due"]) - datetime.fromisoformat(feed["last_fetch"])
    assert all(gaps) and gap.total_seconds() == 240 * 60 and feed["failures"] == 8
    state.record_poll("http://example.org/feed", "ok", 3, "feed", max_backoff_minutes=240)
    feed = state.feed("http://example.org/feed")
    gap = datetime.fromisoformat(feed["next_due"]) - datetime.fromisoformat(feed["last_fetch"])
    assert feed["failures"] == 0 and feed["last_error"] is None and gap.total_seconds() == 30 * 60
    state.close()


def test_only_due_feeds_are_polled(site, collector):
    site.put("/feed", rss(site, []))
    collector.state.add_feed(site.url + "/feed", 30, None)
    watcher = Watcher(collector)
    assert [o.url for o in watcher.poll_due()] == [site.url + "/feed"]
    assert watcher.poll_due() == []  # due again in 30 minutes


def test_one_watcher_per_archive_folder(data_dir, capsys):
    held = hold_watch_lock(data_dir)
    with pytest.raises(WatcherRunning):
        hold_watch_lock(data_dir)
    assert main(["--data", str(data_dir), "watch", "--once"]) == 1
    assert "already watches" in capsys.readouterr().err
    held.close()
