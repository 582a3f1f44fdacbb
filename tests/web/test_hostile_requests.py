"""Requests an attacker or a clumsy client sends: a redirect elsewhere after login, another
Host, guessed tokens, a copied cookie after logout, malformed headers, too many requests."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from archive.config import RateLimits, Settings, SettingsError
from sample_archive import csrf_of
from helpers import PROJECT
from web.ratelimit import TokenBuckets, client_key

TOKEN = "a token of twenty-four c"
STORY = "Storm in Oslo\n\n“The harbour is closed until Friday,” said Kari Nordmann, the harbour master."


def upload_files():
    return {"files": [(io.BytesIO(STORY.encode()), "oslo.txt")]}


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


# After login: only a path on this site --------------------------------------------

HOSTILE_NEXT = ("https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example",
                "/\n/evil.example", "/\r\n/x", " //evil.example", "/ /evil.example", "/\x00/x",
                "/\u2028/evil.example", "///evil.example", "http:/evil.example", "javascript:alert(1)")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_sends_the_browser_to_another_site(make_client, target):
    client = make_client(upload_token=TOKEN)
    token = csrf_of(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "token": TOKEN, "next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/upload"


def test_a_percent_encoded_tab_or_line_break_in_next_is_refused_too(make_client):
    open_archive = make_client()  # no token: /login sends the browser on at once
    for raw in ("/%09/evil.example", "/%0D%0A/x", "/%0A/evil.example", "/%5C/evil.example"):
        response = open_archive.get(f"/login?next={raw}")
        assert response.status_code == 302 and response.headers["Location"] == "/upload", raw


def test_a_path_on_this_site_is_kept(make_client):
    client = make_client(upload_token=TOKEN)
    token = csrf_of(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "token": TOKEN, "next": "/quotes?q=harbour%20master"})
    assert response.headers["Location"] == "/quotes?q=harbour%20master"


# Host names ---------------------------------------------------------------------------

def test_another_host_name_is_refused_even_with_a_matching_origin(make_client):
    client = make_client()
    rebinding = {"Host": "evil.example:5101", "Origin": "http://evil.example:5101"}
    response = client.post("/api/articles", data=upload_files(), headers=rebinding)
    assert response.status_code == 400 and "ARCHIVE_ALLOWED_HOSTS" in response.get_json()["error"]
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    runtime = client.application.extensions["archive"]
    assert runtime.store.count() == 4  # the sample articles only


@pytest.mark.parametrize("host", [".", "..", ":", "a..b"])
def test_a_host_no_url_can_be_built_for_gets_a_plain_refusal(make_client, host):
    answer = make_client().get("/", headers={"Host": host})
    assert answer.status_code == 400
    assert "does not answer for the host name" in answer.get_data(as_text=True)


@pytest.mark.parametrize("host", ["localhost", "localhost:5000", "127.0.0.1:8080", "[::1]:5000", "LOCALHOST."])
def test_loopback_names_are_answered(make_client, host):
    assert make_client().get("/api/search?q=peskov", headers={"Host": host}).status_code == 200


def test_allowed_hosts_and_the_base_url_add_names(make_client):
    client = make_client(allowed_hosts=("localhost", "archive.internal"), base_url="https://news.example.org")
    for host in ("archive.internal:5000", "news.example.org"):
        assert client.get("/api/search", headers={"Host": host}).status_code == 200, host
    assert client.get("/api/search", headers={"Host": "other.example.org"}).status_code == 400


def test_a_star_answers_any_host(make_client):
    client = make_client(allowed_hosts=("*",))
    assert client.get("/api/search", headers={"Host": "anything.example"}).status_code == 200


# Tokens and sessions --------------------------------------------------------------------

def test_a_short_token_is_refused_at_start(tmp_path):
    with pytest.raises(SettingsError, match="at least 16"):
        Settings(data_dir=tmp_path, upload_token="short")
    env = {"ARCHIVE_UPLOAD_TOKEN": "123456", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "archive", "serve", "--data", str(tmp_path / "d"), "--port", "0"],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "ARCHIVE_UPLOAD_TOKEN is 6 characters long; use at least 16" in done.stderr
    assert "Traceback" not in done.stderr


def test_wrong_tokens_are_limited_per_client(make_client):
    client = make_client(upload_token=TOKEN)
    burst = RateLimits().token_failures_burst
    for _ in range(int(burst)):
        wrong = client.post("/api/articles", data=upload_files(), headers={"Authorization": "Bearer guess"},
                            **from_address("203.0.113.5"))
        assert wrong.status_code == 401
    refused = client.post("/api/articles", data=upload_files(), headers={"Authorization": f"Bearer {TOKEN}"},
                          **from_address("203.0.113.5"))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "wrong upload tokens" in refused.get_json()["error"]
    # The login form counts against the same address.
    token = csrf_of(client, "/login")
    form = client.post("/login", data={"csrf_token": token, "token": TOKEN}, **from_address("203.0.113.5"))
    assert form.status_code == 429
    # Another address is not held back.
    other = client.post("/api/articles", data=upload_files(), headers={"Authorization": f"Bearer {TOKEN}"},
                        **from_address("198.51.100.7"))
    assert other.status_code == 200


def test_logging_out_ends_the_session_on_the_server(make_client):
    client = make_client(upload_token=TOKEN)
    token = csrf_of(client, "/login")
    assert client.post("/login", data={"csrf_token": token, "token": TOKEN}).status_code == 303
    copied = client.get_cookie("archive_session").value
    assert client.get("/upload").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert client.get("/upload").status_code == 302
    thief = client.application.test_client()
    thief.set_cookie("archive_session", copied)
    assert thief.get("/upload").status_code == 302  # the copy was logged out with it
    upload = thief.post("/upload", data={"csrf_token": token, **upload_files()},
                        headers={"Accept": "application/json"})
    assert upload.status_code == 401


def test_a_new_token_ends_every_session(make_client, tmp_path):
    client = make_client(upload_token=TOKEN)
    token = csrf_of(client, "/login")
    client.post("/login", data={"csrf_token": token, "token": TOKEN})
    assert client.get("/upload").status_code == 200
    client.application.extensions["archive"].settings.upload_token = "another token, just as long"
    assert client.get("/upload").status_code == 302


def test_the_cookie_is_secure_behind_an_https_base_url(make_client):
    client = make_client(upload_token=TOKEN, base_url="https://news.example.org")
    token = csrf_of(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "token": TOKEN})
    assert "Secure" in response.headers["Set-Cookie"]
    plain = make_client(upload_token=TOKEN)
    token = csrf_of(plain, "/login")
    assert "Secure" not in plain.post("/login", data={"csrf_token": token, "token": TOKEN}).headers["Set-Cookie"]


# Malformed requests ----------------------------------------------------------------------

def test_an_unreadable_origin_is_another_site_not_an_error(client):
    for origin in ("http://[", "http://[::1", "http://a:b:c", "\x7f", "http://%"):
        response = client.post("/api/articles", data=upload_files(), headers={"Origin": origin})
        assert response.status_code == 403, origin


HEADER_NAMES = st.sampled_from(["Origin", "Referer", "Sec-Fetch-Site", "Authorization", "Accept", "Cookie",
                                "Content-Type", "Accept-Language", "If-None-Match", "Range", "X-CSRF-Token",
                                "Host", "X-Forwarded-For", "Content-Length"])
HEADER_VALUES = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
    st.sampled_from(["http://[", "Bearer ", "Bearer \u00e9", "null", "cross-site", "bytes=9-1",
                     "multipart/form-data; boundary=", "*/*;q=x", "archive_session=.....", "[::1]",
                     "localhost:99999", "localhost:x", "-1", "1e9"]),
)


_clients: dict = {}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=4),
       method=st.sampled_from(["GET", "POST"]),
       path=st.sampled_from(["/", "/login?next=/", "/upload", "/api/search?q=x", "/api/articles",
                             "/articles/1", "/articles/1/original", "/logout"]))
def test_no_header_makes_a_server_error(make_client, headers, method, path):
    # One archive for all examples (make_client is the same fixture object for each).
    client = _clients.get(id(make_client)) or _clients.setdefault(
        id(make_client), make_client(upload_token=TOKEN, rate_limits=RateLimits(requests_per_minute=0)))
    response = client.open(path, method=method, headers=headers)
    assert response.status_code < 500, (method, path, headers, response.status_code)


# Rates ------------------------------------------------------------------------------------

def test_a_client_asking_too_fast_is_told_when_to_come_back(make_client):
    client = make_client(rate_limits=RateLimits(requests_per_minute=60, requests_burst=5))
    answers = [client.get("/api/search?q=peskov", **from_address("192.0.2.1")) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert answers[-1].headers["Retry-After"] == "1"
    assert "Too many requests" in answers[-1].get_json()["error"]
    assert client.get("/static/style.css", **from_address("192.0.2.1")).status_code == 200
    assert client.get("/api/search", **from_address("192.0.2.2")).status_code == 200
    page = client.get("/", **from_address("192.0.2.1"))
    assert page.status_code == 429 and "Too many requests" in page.get_data(as_text=True)


def test_an_ipv6_client_is_its_64():
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert client_key("192.0.2.1") == "192.0.2.1"


def test_a_bucket_refills_at_its_rate():
    now = [0.0]
    bucket = TokenBuckets(per_minute=60, burst=2, clock=lambda: now[0])
    assert bucket.take("a") == 0 and bucket.take("a") == 0
    assert bucket.take("a") == pytest.approx(1.0)
    now[0] += 0.5
    assert bucket.take("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert bucket.take("a") == 0
    assert bucket.take("b") == 0  # each client its own bucket


def test_the_table_of_clients_stays_bounded():
    now = [0.0]
    bucket = TokenBuckets(per_minute=60, burst=2, clock=lambda: now[0], max_clients=100)
    for number in range(1000):
        bucket.take(f"client-{number}")
        now[0] += 0.001
    assert len(bucket._buckets) <= 100


def test_behind_a_proxy_the_forwarded_address_is_the_client(make_client):
    client = make_client(proxies=1, rate_limits=RateLimits(requests_per_minute=60, requests_burst=1))
    first = client.get("/api/search", headers={"X-Forwarded-For": "192.0.2.10"})
    second = client.get("/api/search", headers={"X-Forwarded-For": "192.0.2.11"})
    again = client.get("/api/search", headers={"X-Forwarded-For": "192.0.2.10"})
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_ALLOWED_HOSTS", "News.Example.org, archive.lan")
    monkeypatch.setenv("ARCHIVE_RATE_LIMIT", "0")
    monkeypatch.setenv("ARCHIVE_PROXIES", "1")
    chosen = Settings.from_env(tmp_path)
    assert {"localhost", "127.0.0.1", "news.example.org", "archive.lan"} <= set(chosen.allowed_hosts)
    assert chosen.rate_limits.requests_per_minute == 0 and chosen.proxies == 1
    monkeypatch.setenv("ARCHIVE_UPLOAD_TOKEN", "tiny")
    with pytest.raises(SystemExit, match="at least 16"):
        Settings.from_env(tmp_path)


# Costly searches ------------------------------------------------------------------------------

def test_costly_searches_have_their_own_slots_and_plain_ones_never_wait_for_them(make_client):
    client = make_client()
    slots = client.application.extensions["guards"].costly_slots
    held = [slots.acquire(blocking=False) for _ in range(2)]  # two costly searches running
    try:
        assert held == [True, True]
        busy = client.get("/api/search?q=pesk*")
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
        assert "whole words" in busy.get_json()["error"]
        assert client.get("/search/export.csv?q=peskov").status_code == 503
        plain = client.get("/api/search?q=peskov")
        assert plain.status_code == 200 and plain.get_json()["total"] == 2
        assert client.get("/?q=*").status_code == 200  # everything: a browse, not a costly search
    finally:
        for _ in held:
            slots.release()
    assert client.get("/api/search?q=pesk*").get_json()["total"] == 2


def test_a_client_sending_many_costly_searches_is_slowed_alone(make_client):
    client = make_client(rate_limits=RateLimits(costly_searches_per_minute=60, costly_searches_burst=2))
    answers = [client.get("/api/quotes?q=mista*", **from_address("192.0.2.50")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert client.get("/api/quotes?q=mistake", **from_address("192.0.2.50")).status_code == 200
    assert client.get("/api/quotes?q=mista*", **from_address("192.0.2.51")).status_code == 200


# File names ---------------------------------------------------------------------------------

def test_a_right_to_left_override_never_reaches_the_page_or_the_download(make_runtime):
    from sample_archive import article, store_articles
    from web import create_app

    runtime = make_runtime([])
    named = article("Oslo harbour", "The harbour in Oslo is closed until Friday, the harbour master said.")
    store_articles(runtime, [named])
    stored = runtime.store.get(runtime.store.all_ids()[0])
    runtime.store.db.execute("UPDATE articles SET file = ? WHERE id = ?", ("folder/report\u202etxt.exe", stored.id))
    client = create_app({"TESTING": True, "SECRET_KEY": "k"}, runtime=runtime).test_client()
    page = client.get(f"/articles/{stored.id}").get_data(as_text=True)
    assert "\u202e" not in page and "reporttxt.exe" in page
    download = client.get(f"/articles/{stored.id}/original")
    assert "\u202e" not in download.headers["Content-Disposition"]
    assert "reporttxt.exe" in download.headers["Content-Disposition"]


# Threads -----------------------------------------------------------------------------------------

def test_requests_waiting_for_the_index_are_bounded_too(make_runtime):
    """Two uploads already waiting for the index: a third is answered at once, stored, and
    says it is not searchable yet (the index thread still indexes it moments later)."""
    from archive.pipeline import IngestOptions
    from web.runtime import INDEX_WAITERS

    runtime = make_runtime([])
    held = [runtime.index_waiters.acquire(blocking=False) for _ in range(INDEX_WAITERS)]
    try:
        assert all(held)
        story = "Ferry strike\n\n“The ferries stop at noon,” said Ole Berg, the union's spokesman."
        reports = runtime.ingest([("ferry.txt", story.encode())], IngestOptions())
        assert reports[0].status == "added" and reports[0].searchable is False
    finally:
        for _ in held:
            runtime.index_waiters.release()
    assert runtime.indexer.wait_until_indexed([reports[0].article_id], 60)


def test_a_request_without_any_host_header_is_answered(make_client):
    client = make_client()
    response = client.get("/api/search?q=peskov", environ_overrides={"HTTP_HOST": ""})
    assert response.status_code == 200
