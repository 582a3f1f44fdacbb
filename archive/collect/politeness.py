"""One request at a time to a host, at least an interval apart (longer when its robots.txt
asks for a Crawl-delay, or a Retry-After says so), and at most `max_hosts` requests at once.

Waiting for a host's turn holds no slot of the global bound, so a slow or backed-off host
never keeps the others waiting.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

MAX_CRAWL_DELAY = 120.0  # a robots.txt asking for more is read as this


class Politeness:
    def __init__(self, interval: float, max_hosts: int):
        self.interval = interval
        self._slots = threading.BoundedSemaphore(max_hosts)
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}  # monotonic time of a host's next allowed request
        self._delays: dict[str, float] = {}  # Crawl-delay per host
        self.waited = 0.0  # seconds spent waiting for hosts' turns, in all threads (for benchmarks)

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        with self._lock:
            if seconds:
                self._delays[host] = min(float(seconds), MAX_CRAWL_DELAY)
            else:
                self._delays.pop(host, None)

    def interval_for(self, host: str) -> float:
        return max(self.interval, self._delays.get(host, 0.0))

    def defer(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` from now (a Retry-After, a backoff)."""
        with self._lock:
            self._next_at[host] = max(self._next_at.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def turn(self, host: str):
        """Hold `host`'s turn (and one of the global slots) for one request."""
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            wait = self._next_at.get(host, 0.0) - time.monotonic()
            if wait > 0:
                self.waited += wait
                time.sleep(wait)
            with self._slots:
                try:
                    yield
                finally:
                    self.defer(host, self.interval_for(host))
