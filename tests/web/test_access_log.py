"""One access-log line per request (logger web.access), over the real app."""
from __future__ import annotations

import logging

import pytest

TOKEN = "a-token-of-twenty-chars"


@pytest.fixture
def access_lines(caplog):
    caplog.set_level(logging.INFO, logger="web.access")

    def lines():
        return [r for r in caplog.records if r.name == "web.access"]

    return lines


def fetched(client, path, **kwargs):
    answer = client.get(path, **kwargs)
    answer.close()  # as the server does once the last byte is sent: the line is written then
    return answer


def test_each_request_logs_method_path_status_duration_client_and_bytes(client, access_lines):
    answer = fetched(client, "/healthz")
    [line] = access_lines()
    assert (line.method, line.path, line.status, line.client) == ("GET", "/healthz", 200, "127.0.0.1")
    assert line.bytes == len(answer.data) > 0
    assert line.duration_ms >= 0
    assert line.getMessage() == (f"GET /healthz 200 {line.duration_ms:.1f}ms 127.0.0.1 {line.bytes}B")


def test_refusals_and_missing_pages_are_logged_too(client, access_lines):
    fetched(client, "/no-such-page")
    fetched(client, "/healthz", headers={"Host": "evil.example"})
    assert [(line.path, line.status) for line in access_lines()] == [("/no-such-page", 404), ("/healthz", 400)]


def test_no_query_string_token_or_cookie_is_logged(make_client, access_lines):
    client = make_client(upload_token=TOKEN)
    fetched(client, "/api/search?q=confidential+source", headers={
        "Authorization": f"Bearer {TOKEN}", "Cookie": "archive_session=session-secret"})
    [line] = access_lines()
    assert line.path == "/api/search"
    message = line.getMessage()
    for secret in ("confidential", TOKEN, "session-secret", "Bearer"):
        assert secret not in message


def test_a_path_cannot_forge_a_second_line(client, access_lines):
    fetched(client, "/a%0A127.0.0.1%20GET%20/admin%20200")
    [line] = access_lines()
    assert "\n" not in line.getMessage()
    assert line.path == "/a%0A127.0.0.1%20GET%20/admin%20200"


def test_behind_a_proxy_the_client_is_the_forwarded_address(make_client, access_lines):
    client = make_client(proxies=1)
    fetched(client, "/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
    [line] = access_lines()
    assert line.client == "203.0.113.7"


def test_without_info_logging_nothing_is_written(client, caplog):
    caplog.set_level(logging.WARNING, logger="web.access")
    fetched(client, "/healthz")
    assert not [r for r in caplog.records if r.name == "web.access"]
