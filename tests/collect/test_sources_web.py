"""The Sources page and its JSON, and the changes it allows: adding, removing and fetching
by URL, with the upload token when the archive has one."""
from __future__ import annotations

import re
import time

import pytest

from archive.config import Settings
from test_collect_sources import link_item, page, rss
from web import create_app
from web.runtime import Runtime

TOKEN = "a-token-of-at-least-16-characters"


@pytest.fixture
def make_app(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_FETCH_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("ARCHIVE_FETCH_HOST_INTERVAL", "0.01")
    made = []

    def make(**settings):
        runtime = Runtime(Settings(data_dir=tmp_path / f"data{len(made)}", **settings))
        app = create_app({"TESTING": True, "SECRET_KEY": "test secret"}, runtime=runtime)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["collect"].close()
        app.extensions["archive"].close()


def wait_for_fetch(client, url: str) -> dict:
    for _ in range(600):
        fetches = [f for f in client.get("/sources.json").get_json()["fetches"] if f["url"] == url]
        if fetches and fetches[0]["status"] != "queued":
            return fetches[0]
        time.sleep(0.05)
    raise AssertionError(f"the fetch of {url} did not finish")


def test_adding_and_removing_a_feed_through_the_api(make_app, site):
    client = make_app().test_client()
    answer = client.post("/api/sources/add", json={"url": site.url + "/feed", "every": 10, "source": "Post"})
    assert answer.status_code == 200 and answer.get_json()["status"] == "following"
    [feed] = client.get("/sources.json").get_json()["feeds"]
    assert feed["url"] == site.url + "/feed" and feed["every"] == 10 and feed["source"] == "Post"
    assert client.get("/api/sources").get_json()["feeds"] == [feed]
    assert client.post("/api/sources/remove", data={"url": site.url + "/feed"}).status_code == 200
    assert client.get("/sources.json").get_json()["feeds"] == []
    assert client.post("/api/sources/remove", data={"url": site.url + "/feed"}).status_code == 404


def test_changes_need_the_upload_token_when_the_archive_has_one(make_app, site):
    client = make_app(upload_token=TOKEN).test_client()
    refused = client.post("/api/sources/add", data={"url": site.url + "/feed"})
    assert refused.status_code == 401 and "upload token" in refused.get_json()["error"]
    assert client.post("/sources/add", data={"url": site.url + "/feed"}).status_code == 401
    allowed = client.post("/api/sources/add", data={"url": site.url + "/feed"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200
    assert client.get("/sources").status_code == 200  # reading needs no token


@pytest.mark.parametrize("url, reason", [("", "Give the URL"), ("ftp://example.org/feed", "only http and https"),
                                         ("http://" + "a" * 2100, "longer than")])
def test_a_url_that_cannot_be_fetched_is_a_400_saying_why(make_app, url, reason):
    answer = make_app().test_client().post("/api/sources/add", data={"url": url})
    assert answer.status_code == 400 and reason in answer.get_json()["error"]


def test_a_bad_interval_is_a_400(make_app, site):
    answer = make_app().test_client().post("/api/sources/add", data={"url": site.url + "/f", "every": "often"})
    assert answer.status_code == 400 and "minutes" in answer.get_json()["error"]


def test_fetching_by_url_from_the_upload_form_stores_the_article(make_app, site):
    site.put("/a", page("Bridge vote"))
    client = make_app().test_client()
    form = client.get("/upload").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert 'name="url"' in form
    answer = client.post("/sources/fetch", data={"url": site.url + "/a", "csrf_token": csrf})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/sources")
    done = wait_for_fetch(client, site.url + "/a")
    assert done["status"] == "done" and done["summary"] == "1 added"
    assert "1 added" in client.get("/sources").get_data(as_text=True)
    for _ in range(600):  # the index thread makes it searchable moments later
        hits = client.get("/api/search?q=Springfield").get_json()["hits"]
        if hits:
            break
        time.sleep(0.05)
    assert [hit["title"] for hit in hits] == ["Bridge vote"]


def test_a_form_post_without_the_csrf_token_is_refused(make_app, site):
    client = make_app().test_client()
    assert client.post("/sources/add", data={"url": site.url + "/feed"}).status_code == 400


def test_the_sources_page_shows_each_feeds_health(make_app, site):
    site.put("/feed", "<rss><channel><item>", content_type="application/rss+xml")
    app = make_app()
    client = app.test_client()
    client.post("/api/sources/add", data={"url": site.url + "/feed"})
    app.extensions["collect"].watcher.poll_due()
    html = client.get("/sources").get_data(as_text=True)
    assert site.url + "/feed" in html and "failed" in html and "not well-formed XML" in html


def test_the_servers_watcher_polls_due_feeds_in_the_background(make_app, site):
    site.put("/a", page("Bridge vote"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote")]))
    app = make_app()
    assert app.extensions["collect"].start_watching()
    client = app.test_client()
    client.post("/api/sources/add", data={"url": site.url + "/feed"})
    for _ in range(600):
        [feed] = client.get("/sources.json").get_json()["feeds"]
        if feed["status"]:
            break
        time.sleep(0.05)
    assert feed["status"] == "ok" and feed["new_last_day"] == 1
    assert client.get("/sources.json").get_json()["watching"] is True


def test_fetches_waiting_are_bounded(make_app, site, monkeypatch):
    import web.collecting
    monkeypatch.setattr(web.collecting, "MAX_WAITING_FETCHES", 0)
    answer = make_app().test_client().post("/api/sources/fetch", data={"url": site.url + "/a"})
    assert answer.status_code == 503 and "Too many fetches" in answer.get_json()["error"]
