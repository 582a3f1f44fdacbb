"""The Sources page in headless Chromium over a real server (`python -m archive serve
--no-watch`): follow a feed with the form, fetch it now, see its health; no console errors
(the Content-Security-Policy allows no inline code). Chromium comes from Debian; without it
this is skipped, unless ARCHIVE_REQUIRE_BROWSER=1 makes that a failure."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from test_collect_sources import link_item, page, rss

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ARCHIVE_CHROMIUM", "/usr/bin/chromium"))
WAIT_MS = 60_000


def unavailable(reason: str):
    if os.environ.get("ARCHIVE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ARCHIVE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def server(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("ARCHIVE_UPLOAD_TOKEN", "ARCHIVE_DATA")}
    env.update(ARCHIVE_FETCH_ALLOW_PRIVATE="1", ARCHIVE_FETCH_HOST_INTERVAL="0.01",
               ARCHIVE_SEEDS=str(tmp_path / "no seeds"))
    log = open(tmp_path / "server.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--no-watch", "--port", str(port),
                                "--data", str(tmp_path / "data")], cwd=PROJECT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail((tmp_path / "server.log").read_text(errors="replace"))
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=60)
    log.close()


def in_chromium(base: str, scenario) -> None:
    """Run `scenario(tab)` in a fresh headless Chromium tab on its own thread: the browser
    tests' session (tests/browser) may hold Playwright's sync API on this one already."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                     args=["--no-sandbox", "--disable-gpu"])
                try:
                    tab = browser.new_context(base_url=base).new_page()
                    tab.set_default_timeout(WAIT_MS)
                    tab.problems = []
                    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
                    scenario(tab)
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_follow_a_feed_fetch_it_now_and_see_its_health(server, site):
    site.put("/a", page("Bridge vote"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote")]))
    in_chromium(server, lambda tab: follow_fetch_and_check(tab, site))


def follow_fetch_and_check(tab, site) -> None:
    from playwright.sync_api import expect

    tab.goto("/sources")
    expect(tab.locator("h1")).to_have_text("Sources")
    tab.fill("input[name=url][type=url]", site.url + "/feed")
    tab.fill("input[name=every]", "15")
    tab.click("button:text('Follow')")
    row = tab.locator("table.sources tbody tr")
    expect(row).to_contain_text(site.url + "/feed")
    expect(row).to_contain_text("not yet polled")
    tab.click("button:text('Fetch now')")
    for _ in range(600):  # the fetch runs on the server's fetch thread
        tab.goto("/sources")
        if "not yet polled" not in row.inner_text():
            break
        time.sleep(0.1)
    expect(row).to_contain_text("ok")
    expect(tab.locator("table.sources tbody tr td").nth(4)).to_have_text("1")  # new in a day
    assert tab.problems == []
