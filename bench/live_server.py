"""A real `python -m archive serve` for benchmarks: started on a free loopback port over a
data folder, watched with psutil (memory, CPU), stopped with SIGINT or killed."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 300) -> tuple[int, dict | None, dict]:
    """(status, JSON answer or None, headers) of one request; never raises for an HTTP status."""
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET",
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw, status, answer_headers = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        raw, status, answer_headers = error.read(), error.code, dict(error.headers)
    try:
        return status, json.loads(raw or b"null"), answer_headers
    except ValueError:
        return status, None, answer_headers


class LiveServer:
    def __init__(self, data: Path, log_path: Path, env: dict | None = None, seeds: bool = True):
        self.data = data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = dict(os.environ, PYTHONPATH=str(PROJECT), PYTHONUNBUFFERED="1", **(env or {}))
        self.env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        self.env["ARCHIVE_SEEDS"] = str(PROJECT / "seeds") if seeds else str(data / "no-seeds")
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> "LiveServer":
        self.started_at = time.monotonic()
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "archive", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data", str(self.data)], cwd=PROJECT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.watch = psutil.Process(self.process.pid)
        return self

    def wait_until_answering(self, limit: float = 600) -> float:
        """Seconds from start until a search answers 200."""
        deadline = self.started_at + limit
        while time.monotonic() < deadline:
            try:
                if call(f"{self.base}/api/search?q=&per_page=1", timeout=5)[0] == 200:
                    return time.monotonic() - self.started_at
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit(f"the server did not answer: {self.log_path.read_text(errors='replace')[-3000:]}")

    def rss(self) -> int:
        return self.watch.memory_info().rss

    def cpu_seconds(self) -> float:
        times = self.watch.cpu_times()
        return times.user + times.system

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
