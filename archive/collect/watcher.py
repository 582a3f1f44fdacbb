"""Poll the feeds that are due, several hosts at once (politeness bounds the requests), so
a slow or failing feed never holds up the others; forever, or once.

One watcher per archive folder: `watch.lock` in the folder is held while one runs (the
server's background watcher or `python -m archive watch`), so two never poll the same
feeds at once.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import IO

from archive.collect.collector import Collector, Outcome
from archive.collect.state import now
from archive.pid_lock import LockHeld, hold_pid_lock

log = logging.getLogger(__name__)
LOCK_NAME = "watch.lock"
IDLE_SECONDS = 60.0  # the longest sleep between two looks at the schedule


class WatcherRunning(RuntimeError):
    """Another process already watches this folder's feeds."""


def hold_watch_lock(data_dir: Path) -> IO[str]:
    try:
        return hold_pid_lock(Path(data_dir) / LOCK_NAME)
    except LockHeld as held:
        raise WatcherRunning(f"another process{held.by} already watches the feeds of {data_dir}") from None


class Watcher:
    def __init__(self, collector: Collector, after_round=None):
        """`after_round()`: called after each round that stored something (index it)."""
        self.collector = collector
        self.state = collector.state
        self._after_round = after_round
        self._stopping = threading.Event()
        self._wake = threading.Event()

    def poll(self, feeds: list[dict]) -> list[Outcome]:
        if not feeds:
            return []
        workers = min(len(feeds), self.collector.settings.max_hosts)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed") as pool:
            outcomes = list(pool.map(self.collector.poll, feeds))
        if self._after_round and any(o.new for o in outcomes):
            self._after_round()
        return outcomes

    def poll_due(self) -> list[Outcome]:
        return self.poll(self.state.due_feeds())

    def poll_all(self) -> list[Outcome]:
        return self.poll(self.state.feeds())

    def run(self, on_round=None) -> None:
        """Poll due feeds until `stop()`; `on_round(outcomes)` sees each round's outcomes."""
        while not self._stopping.is_set():
            try:
                outcomes = self.poll_due()
                if on_round and outcomes:
                    on_round(outcomes)
            except Exception:  # the state file is busy or the disk full: try again later
                log.exception("polling the feeds failed; trying again in a minute")
                self._stopping.wait(IDLE_SECONDS)
                continue
            self._wake.wait(self._seconds_to_next())
            self._wake.clear()

    def wake(self) -> None:
        """Look at the schedule now (a feed was added or asked to be fetched)."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def _seconds_to_next(self) -> float:
        due: datetime | None = self.state.next_due()
        if due is None:
            return IDLE_SECONDS
        return min(IDLE_SECONDS, max(0.5, (due - now()).total_seconds()))
