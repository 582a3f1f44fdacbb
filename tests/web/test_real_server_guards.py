"""The limits as a real `python -m archive serve` applies them: waitress in front of the app,
client addresses from the socket or, behind a proxy, from X-Forwarded-For."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from helpers import PROJECT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def serve(tmp_path):
    """serve(**env) -> base URL of a real server over an empty archive (no seeds, so no model)."""
    started = []

    def start(**extra) -> str:
        port = free_port()
        env = dict(os.environ, ARCHIVE_SEEDS=str(tmp_path / "none"), ARCHIVE_COSTLY_SEARCH_RATE="60", **extra)
        env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port),
                                    "--data", str(tmp_path / f"data{len(started)}")], cwd=PROJECT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if get(f"{base}/api/search")[0] == 200:
                    return base
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=60)


def costly_answers(base: str, address: str, count: int) -> list[int]:
    return [get(f"{base}/api/search?q=harb*", {"X-Forwarded-For": address})[0] for _ in range(count)]


def test_behind_a_proxy_each_forwarded_address_has_its_own_limit(serve):
    base = serve(ARCHIVE_PROXIES="1")
    assert costly_answers(base, "192.0.2.1", 11) == [200] * 10 + [429]
    assert costly_answers(base, "192.0.2.2", 1) == [200]


def test_without_a_proxy_a_forged_forwarded_address_changes_nothing(serve):
    base = serve()
    assert costly_answers(base, "192.0.2.1", 10) == [200] * 10
    assert costly_answers(base, "192.0.2.2", 1) == [429]  # the same socket address: the same client


def test_another_host_name_is_refused_by_the_real_server(serve):
    base = serve()
    status, answer = get(f"{base}/api/search", {"Host": "evil.example"})
    assert status == 400 and "evil.example" in answer["error"]
