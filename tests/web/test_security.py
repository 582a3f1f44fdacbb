"""Escaping, headers, the secret key, error handling, and no 500 on any input."""
from __future__ import annotations

import os
import stat
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings, strategies as st

from web import create_app
from web.security import load_secret_key

PAGES = ("/", "/?q=alert", "/quotes", "/quotes?q=bold", "/articles/4", "/speakers", "/upload",
         "/speakers/img-src-x-onerror-alert-1", "/nope")


def test_every_response_carries_the_security_headers(client):
    for url in PAGES + ("/api/search", "/static/style.css", "/articles/1/original"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp or csp.startswith("default-src 'none'"), url
        assert "frame-ancestors 'none'" in csp or "sandbox" in csp, url
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, styles and event handlers."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not (names.get("src") or "").startswith("/static/"):
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on") or name == "style"]
        if (names.get("href") or "").lower().startswith("javascript:"):
            self.found.append(f"{tag} href=javascript:")


def test_pages_have_no_inline_scripts_styles_or_handlers(client):
    for url in PAGES:
        parser = InlineCode()
        parser.feed(client.get(url).get_data(as_text=True))
        assert parser.found == [], url


def test_hostile_text_is_escaped_everywhere(client):
    for url in ("/?q=tricks", "/quotes?q=bold", "/articles/4", "/speakers",
                "/speakers/img-src-x-onerror-alert-1", "/?speaker=<img src=x onerror=alert(1)>"):
        text = client.get(url).get_data(as_text=True)
        assert client.get(url).status_code == 200, url
        assert "<img src=x" not in text, url
        assert "<script>alert" not in text, url
        assert "<b>bold</b>" not in text and "<i>Evil</i>" not in text, url
    article = client.get("/articles/4").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; more" in article
    assert 'href="javascript:' not in article  # a source URL that is not http(s) is not a link


def test_snippets_escape_first_then_mark(client):
    text = client.get("/?q=script").get_data(as_text=True)
    assert "&lt;<mark>script</mark>&gt;" in text
    data = client.get("/api/search?q=script").get_json()
    assert data["hits"][0]["snippet_html"].count("<mark>script</mark>") >= 1
    assert "\ue000" not in data["hits"][0]["snippet"]


def test_an_unexpected_error_is_a_friendly_page_and_json(client, monkeypatch, caplog):
    runtime = client.application.extensions["archive"]

    def broken(request):
        raise RuntimeError("the index caught fire")

    monkeypatch.setattr(runtime.search, "search", broken)
    response = client.get("/?q=x")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Something went wrong on our side" in text and "fire" not in text
    api = client.get("/api/search?q=x")
    assert api.status_code == 500 and api.get_json()["error"].startswith("Something went wrong")
    assert "the index caught fire" in caplog.text


def test_wrong_methods_and_unknown_routes(client):
    assert client.post("/").status_code == 405
    assert client.delete("/api/articles/1").status_code == 405
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_the_secret_key_is_made_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_SECRET_KEY", raising=False)
    key = load_secret_key(tmp_path)
    path = tmp_path / "secret_key"
    assert len(key) >= 64 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_secret_key(tmp_path) == key
    monkeypatch.setenv("ARCHIVE_SECRET_KEY", "from the environment")
    assert load_secret_key(tmp_path) == "from the environment"


def test_the_app_takes_its_key_from_the_data_folder(make_runtime, monkeypatch):
    monkeypatch.delenv("ARCHIVE_SECRET_KEY", raising=False)
    runtime = make_runtime()
    app = create_app({"TESTING": True}, runtime=runtime)
    assert app.secret_key == (runtime.settings.data_dir / "secret_key").read_text().strip()


QUERY_KEYS = st.sampled_from(["q", "speaker", "-speaker", "person", "-place", "org", "source", "month",
                              "from", "to", "sort", "page", "more", "format", "per_page", "x"])
QUERY_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["(((", "\"", "a*", "*", "?", "date:2022", "speaker:", "NOT", "AND OR", "2022-13",
                     "9999999999999999999999", "-1", "json", "csv", "newest", "\x00", "[a TO]", "~", "^2"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.lists(st.tuples(QUERY_KEYS, QUERY_VALUES), max_size=5), path=st.sampled_from(
    ["/", "/quotes", "/api/search", "/api/quotes", "/search.json", "/search/export.csv", "/speakers"]))
def test_no_input_makes_a_server_error(client, args, path):
    response = client.get(path, query_string=args)
    assert response.status_code in (200, 400, 429), (path, args, response.status_code)  # 429: exports are rationed


def test_a_full_or_read_only_disk_is_said_plainly(client, monkeypatch):
    import errno
    import sqlite3

    runtime = client.application.extensions["archive"]
    for failure, status, words in (
            (OSError(errno.ENOSPC, "No space left on device"), 507, "disk is full"),
            (sqlite3.OperationalError("database or disk is full"), 507, "disk is full"),
            (OSError(errno.EROFS, "Read-only file system"), 503, "read-only"),
            (sqlite3.OperationalError("attempt to write a readonly database"), 503, "read-only")):
        def refuse(files, options, failure=failure, **waits):
            raise failure

        monkeypatch.setattr(runtime, "ingest", refuse)
        response = client.post("/api/articles", data={"files": [(__import__("io").BytesIO(b"x"), "a.txt")]})
        assert response.status_code == status and words in response.get_json()["error"], failure


def test_a_folder_that_cannot_keep_a_key_still_gets_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_SECRET_KEY", raising=False)
    missing = tmp_path / "not-a-folder"
    missing.write_text("a file where the data folder should be")
    assert len(load_secret_key(missing)) == 64
