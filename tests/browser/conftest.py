"""End-to-end fixtures: the real server (`python -m archive serve`, seeded from the
project's seeds/) on a free port, and headless Chromium driven by Playwright.

Chromium comes from Debian (/usr/bin/chromium), never from `playwright install`.
Without it these tests are skipped and say so, unless ARCHIVE_REQUIRE_BROWSER=1
(as in CI), which makes a missing browser a failure.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ARCHIVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SERVER_START_SECONDS = 120
# Generous: a busy CI machine runs the model and the index thread at its own pace.
WAIT_MS = 30_000

# Where the session's server writes its log, shown under a failed browser test.
SERVER_LOGS: list[Path] = []
SERVER_LOG_TAIL_CHARS = 6000


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and SERVER_LOGS and SERVER_LOGS[-1].exists():
        text = SERVER_LOGS[-1].read_text(errors="replace")
        report.sections.append(("server log (last lines)", text[-SERVER_LOG_TAIL_CHARS:]))


def _unavailable(reason: str):
    if os.environ.get("ARCHIVE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ARCHIVE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped (install the Debian packages chromium and "
                f"chromium-driver to run them)")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 - a browser that will not start is the same as none
        playwright.stop()
        _unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
    yield launched
    launched.close()
    playwright.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a real server over a new archive holding the seed article."""
    data = tmp_path_factory.mktemp("browser-archive")
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("ARCHIVE_UPLOAD_TOKEN", "ARCHIVE_DATA", "ARCHIVE_HOST", "ARCHIVE_PORT")}
    env["ARCHIVE_SEEDS"] = str(PROJECT / "seeds")
    log_path = data.parent / f"{data.name}-server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "archive", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--data", str(data)], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    SERVER_LOGS.append(log_path)
    try:
        _wait_until_serving(process, base, log_path)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process, base: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/api/search", timeout=5) as answer:
                if json.load(answer)["total"] >= 1:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer in time:\n{log_path.read_text(errors='replace')}")


@pytest.fixture
def page(browser, server):
    """A fresh browser tab; `page.problems` collects console errors (CSP violations among them)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    tab.problems = []
    tab.on("console", lambda message: tab.problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.problems.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name): a full-page PNG under tests/browser/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(tab, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take
