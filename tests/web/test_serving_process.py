"""`python -m archive serve` as a service manager runs it: a real process over an empty
archive (no seeds, so no model), its access log on stderr, one process per folder,
and a clean stop on SIGTERM."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import PROJECT


class Server:
    def __init__(self, data, log_path, *options: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = dict(os.environ, ARCHIVE_SEEDS=str(data.parent / "no-seeds"), PYTHONUNBUFFERED="1")
        env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "archive", "serve", "--port", str(self.port), "--data", str(data), *options],
                cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def healthz(self) -> int:
        with urllib.request.urlopen(f"{self.base}/healthz", timeout=10) as answer:
            return answer.status

    def wait_until_answering(self, limit: float = 120) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                self.healthz()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"the server did not answer:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def start(tmp_path):
    started: list[Server] = []

    def start_server(*options: str, data=None) -> Server:
        server = Server(data or tmp_path / "data", tmp_path / f"server{len(started)}.log", *options)
        started.append(server)
        return server

    yield start_server
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def test_sigterm_stops_the_server_cleanly_and_it_logs_each_request(start):
    server = start()
    server.wait_until_answering()
    assert server.healthz() == 200
    assert server.stop() == 0  # not killed by the signal: the runtime was closed
    assert "INFO web.access: GET /healthz 200 " in server.log()


def test_no_access_log_turns_the_lines_off(start):
    server = start("--no-access-log")
    server.wait_until_answering()
    assert server.stop() == 0
    assert "web.access" not in server.log()


def test_a_second_server_on_the_same_folder_refuses_and_the_first_goes_on(start, tmp_path):
    first = start()
    first.wait_until_answering()
    second = start(data=tmp_path / "data")
    assert second.process.wait(timeout=60) == 1
    assert "already serves" in second.log() and str(first.process.pid) in second.log()
    assert first.healthz() == 200
    assert first.stop() == 0
    third = start(data=tmp_path / "data")  # the folder is free once the first has stopped
    third.wait_until_answering()
    assert third.stop() == 0
