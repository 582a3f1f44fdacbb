"""The server's collector: the background watcher (one per archive folder, see
archive.collect.watcher) and the fetches asked for on the web, one at a time on their own
thread. Collected articles are stored like uploads: the model taken for each batch as a
background job takes it (uploads answered in the request come first), the index thread
told of them (the one ingest path, index.feeder)."""
from __future__ import annotations

import logging
import queue
import threading

from archive.collect.client import Fetcher
from archive.collect.collector import Collector
from archive.collect.settings import FetchSettings
from archive.collect.sink import Sink
from archive.collect.state import CollectState
from archive.collect.watcher import Watcher, WatcherRunning, hold_watch_lock
from archive.pipeline import IngestOptions, Ingester

log = logging.getLogger(__name__)
MAX_WAITING_FETCHES = 20  # asked for on the web and not yet started; more are refused (503)


class TooManyFetches(Exception):
    """The fetch thread has enough waiting; the caller should try again later."""


class Collecting:
    def __init__(self, runtime, settings: FetchSettings | None = None):
        self.runtime = runtime
        self.settings = settings or FetchSettings.from_env()
        self.read_only = runtime.store.read_only
        self.watching = False
        self._lock_file = None
        self._threads: list[threading.Thread] = []
        self._asked: queue.Queue = queue.Queue()
        self._starting = threading.Lock()
        if self.read_only:
            self.state = None
            return
        self.state = CollectState(runtime.settings.data_dir)
        self.state.interrupted_fetches()
        self.fetcher = Fetcher(self.settings)
        # Stored like uploads: the server's index thread hears of each batch.
        sink = Sink(Ingester(runtime.store, runtime.indexer), model_turn=runtime.turns.job_unit)
        self.collector = Collector(self.fetcher, self.state, sink, self.settings, runtime.settings.limits)
        self.watcher = Watcher(self.collector)
        self._fetching = False

    def start_watching(self) -> bool:
        """Poll due feeds in the background; False when another process watches this folder."""
        if self.read_only or self.watching:
            return self.watching
        try:
            self._lock_file = hold_watch_lock(self.runtime.settings.data_dir)
        except WatcherRunning as exc:
            log.warning("not polling feeds: %s", exc)
            return False
        self.watching = True
        self._start("feed-watcher", self.watcher.run)
        return True

    def ask_fetch(self, url: str, source: str | None = None) -> int:
        """Fetch `url` (a page, feed or sitemap) soon, on the fetch thread (started on first
        use); the fetch's id. A followed feed is polled, so its health is brought up to date."""
        if self._asked.qsize() >= MAX_WAITING_FETCHES:
            raise TooManyFetches(f"{MAX_WAITING_FETCHES} fetches are waiting already")
        fetch_id = self.state.queue_fetch(url)
        self._asked.put((fetch_id, url, source))
        with self._starting:
            if not self._fetching:
                self._fetching = True
                self._start("web-fetches", self._fetch_asked)
        return fetch_id

    def wake(self) -> None:
        if self.watching:
            self.watcher.wake()

    def close(self) -> None:
        self._asked.put(None)
        if not self.read_only:
            self.watcher.stop()
        for thread in self._threads:
            thread.join(timeout=30)
        if not self.read_only:
            self.fetcher.close()
            self.state.close()
        if self._lock_file is not None:
            self._lock_file.close()

    def _start(self, name: str, target) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _fetch_asked(self) -> None:
        while True:
            asked = self._asked.get()
            if asked is None:
                return
            fetch_id, url, source = asked
            try:
                feed = self.state.feed(url)
                if feed is not None:
                    outcome = self.collector.poll(feed)
                else:
                    outcome = self.collector.fetch(url, IngestOptions(source=source))
                self.state.finish_fetch(fetch_id, "failed" if outcome.error else "done", outcome.summary(),
                                        outcome.error)
            except Exception as exc:  # a bug or a full disk: this fetch fails, the thread goes on
                log.exception("fetching %s failed", url)
                self.state.finish_fetch(fetch_id, "failed", None, f"{type(exc).__name__}: {exc}")
