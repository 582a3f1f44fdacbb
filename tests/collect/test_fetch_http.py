"""The HTTP client against a real server on 127.0.0.1: conditional GET, robots.txt,
retries, timeouts, redirects, size limits and compression bombs, the SSRF guard."""
from __future__ import annotations

import gzip

import pytest

from archive.collect.client import Fetcher, FetchFailed
from archive.collect.guard import FetchRefused, check_address, check_url
from archive.collect.settings import FetchSettings
from local_site import Answer


def test_an_unchanged_page_costs_a_304_with_its_etag(site, fetcher):
    site.put("/a", "<p>hello</p>", ETag='"v1"')
    first = fetcher.get(site.url + "/a")
    second = fetcher.get(site.url + "/a", etag=first.etag)
    assert first.status == 200 and first.body == b"<p>hello</p>"
    assert second.not_modified and second.body == b""
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'


def test_requests_name_the_archive_and_its_contact(site, fetch_settings):
    fetch_settings.contact = "mailto:desk@example.org"
    with_contact = Fetcher(fetch_settings)
    site.put("/a", "<p>hello</p>")
    with_contact.get(site.url + "/a")
    agent = site.requests[-1][1]["User-Agent"]
    assert agent.startswith("news-archive/") and "mailto:desk@example.org" in agent
    with_contact.close()


def test_robots_txt_is_obeyed_with_the_longest_rule_winning(site, fetcher):
    site.put("/robots.txt", "User-agent: *\nDisallow: /\nAllow: /news/\n", content_type="text/plain")
    site.put("/news/a", "<p>allowed</p>")
    site.put("/private", "<p>secret</p>")
    assert fetcher.get(site.url + "/news/a").body == b"<p>allowed</p>"
    with pytest.raises(FetchRefused, match="robots.txt"):
        fetcher.get(site.url + "/private")
    assert "/private" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # kept, not asked again


def test_a_crawl_delay_sets_the_hosts_interval(site, fetcher):
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", content_type="text/plain")
    site.put("/a", "<p>a</p>")
    fetcher.get(site.url + "/a")
    assert fetcher.politeness.interval_for("127.0.0.1") == 7


def test_robots_txt_that_cannot_be_read_forbids_for_now(site, fetcher):
    site.put("/robots.txt", "oops", status=503, content_type="text/plain")
    site.put("/a", "<p>a</p>")
    with pytest.raises(FetchRefused, match="robots.txt"):
        fetcher.get(site.url + "/a")


def test_a_500_is_retried_and_then_succeeds(site, fetcher):
    answers = [Answer(b"down", 500), Answer(b"<p>up</p>", 200, {"Content-Type": "text/html"})]
    site.routes["/flaky"] = lambda handler: answers.pop(0)
    assert fetcher.get(site.url + "/flaky").body == b"<p>up</p>"
    assert site.paths().count("/flaky") == 2


def test_a_500_that_persists_fails_after_the_retries(site, fetcher):
    site.put("/down", "down", status=500)
    with pytest.raises(FetchFailed, match="500") as failure:
        fetcher.get(site.url + "/down")
    assert failure.value.transient
    assert site.paths().count("/down") == 1 + fetcher.settings.retries


def test_429_is_retried_after_its_retry_after(site, fetcher):
    answers = [Answer(b"slow down", 429, {"Retry-After": "0"}), Answer(b"<p>ok</p>", 200)]
    site.routes["/busy"] = lambda handler: answers.pop(0)
    assert fetcher.get(site.url + "/busy").body == b"<p>ok</p>"


def test_a_retry_after_too_long_to_wait_fails_the_fetch_saying_so(site, fetcher):
    site.put("/busy", "slow down", status=429, **{"Retry-After": "3600"})
    with pytest.raises(FetchFailed, match="asks to wait 3600 s"):
        fetcher.get(site.url + "/busy")
    assert site.paths().count("/busy") == 1


def test_a_slow_response_hits_the_timeout(site, fetch_settings):
    fetch_settings.read_timeout, fetch_settings.retries = 0.3, 0
    impatient = Fetcher(fetch_settings)
    site.routes["/slow"] = Answer(b"<p>late</p>", 200, {"Content-Type": "text/html"}, delay=2)
    with pytest.raises(FetchFailed, match="did not answer in time"):
        impatient.get(site.url + "/slow")
    impatient.close()


def test_a_redirect_loop_is_cut(site, fetcher):
    site.put("/one", "", status=302, Location="/two")
    site.put("/two", "", status=302, Location="/one")
    with pytest.raises(FetchFailed, match="redirect loop"):
        fetcher.get(site.url + "/one")


def test_too_many_redirects_are_cut(site, fetcher):
    for n in range(10):
        site.put(f"/r{n}", "", status=301, Location=f"/r{n + 1}")
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        fetcher.get(site.url + "/r0")


def test_every_redirect_hop_goes_through_the_guard(site, fetcher):
    site.put("/away", "", status=302, Location="file:///etc/passwd")
    with pytest.raises(FetchRefused, match="only http and https"):
        fetcher.get(site.url + "/away")


def test_a_body_over_the_limit_is_refused(site, fetch_settings):
    fetch_settings.max_bytes = 1000
    small = Fetcher(fetch_settings)
    site.put("/big", b"x" * 5000)
    with pytest.raises(FetchFailed, match="too large"):
        small.get(site.url + "/big")
    small.close()


def test_a_gzip_bomb_stops_at_the_limit(site, fetch_settings):
    fetch_settings.max_bytes = 1_000_000
    small = Fetcher(fetch_settings)
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    site.put("/bomb", bomb, **{"Content-Encoding": "gzip"})
    with pytest.raises(FetchFailed, match="larger than the limit"):
        small.get(site.url + "/bomb")
    small.close()


def test_a_compressed_page_is_read(site, fetcher):
    site.put("/z", gzip.compress(b"<p>squeezed</p>"), **{"Content-Encoding": "gzip"})
    assert fetcher.get(site.url + "/z").body == b"<p>squeezed</p>"
    assert "gzip" in site.requests[-1][1]["Accept-Encoding"]


def test_loopback_is_refused_without_the_setting(site, monkeypatch):
    monkeypatch.delenv("ARCHIVE_FETCH_ALLOW_PRIVATE", raising=False)
    guarded = Fetcher(FetchSettings.from_env())
    site.put("/a", "<p>a</p>")
    with pytest.raises(FetchRefused, match="ARCHIVE_FETCH_ALLOW_PRIVATE=1"):
        guarded.get(site.url + "/a")
    assert site.requests == []
    guarded.close()


def test_a_redirect_to_loopback_is_refused_at_that_hop(site):
    # Only the name "localhost" may reach this machine: the redirect to 127.0.0.1 may not.
    guarded = Fetcher(FetchSettings(private_hosts=("localhost",), host_interval=0.01))
    site.put("/hop", "", status=302, Location=f"{site.url}/secret")
    site.put("/secret", "<p>internal</p>")
    with pytest.raises(FetchRefused, match="127.0.0.1"):
        guarded.get(f"http://localhost:{site.port}/hop")
    assert "/hop" in site.paths() and "/secret" not in site.paths()
    guarded.close()


def test_private_addresses_can_be_allowed_by_host_name(monkeypatch):
    monkeypatch.setenv("ARCHIVE_FETCH_ALLOW_PRIVATE", "Intranet.example, localhost")
    settings = FetchSettings.from_env()
    assert settings.allows_private("intranet.example") and settings.allows_private("localhost")
    assert not settings.allows_private("127.0.0.1") and not settings.allow_private


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.0.1", "169.254.169.254",
                                     "224.0.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1",
                                     "240.0.0.1", "100.64.0.1"])
def test_the_guard_refuses_addresses_of_local_networks(address):
    with pytest.raises(FetchRefused):
        check_address(address, "example")


def test_the_guard_lets_public_addresses_through():
    check_address("93.184.216.34", "example.org")
    check_address("2606:2800:220:1:248:1893:25c8:1946", "example.org")


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "javascript:alert(1)",
                                 "http://user:pw@example.org/", "http:///nohost"])
def test_the_guard_refuses_other_schemes_and_odd_urls(url):
    with pytest.raises(FetchRefused):
        check_url(url, allow_private=True)
