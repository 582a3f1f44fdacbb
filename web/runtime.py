"""What one serving process owns: the store, the one index writer (driven by its
own thread), the search service, and the background upload jobs.

Uploads are stored first (durable, and queued for the index in the same
transaction); the index thread then writes whatever is queued, commits, and
wakes anyone waiting to know their articles are searchable. Articles stored by
another process (a CLI ingest while the server runs) are picked up the same way.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from archive.config import Settings
from archive.model import Article
from archive.pipeline import FileReport, IngestOptions, Ingester, annotate_prepared, iter_prepared, mark_duplicates
from archive.readers.unpacking import Unpacking
from archive.store import Store
from index.rebuild import articles_to_index, next_batch, recover
from index.search import SearchService
from index.writer import IndexBusy, IndexWriter
from web.extraction import ModelTurns

log = logging.getLogger(__name__)

INDEX_POLL_SECONDS = 2.0
SEARCHABLE_WAIT_SECONDS = 10.0
# Request threads that may wait for the index at once; others answer "not searchable yet"
# at once, so a slow index round never holds every waitress thread.
INDEX_WAITERS = 2


class IndexWorker(threading.Thread):
    """The only thread that writes the index."""

    def __init__(self, store: Store, writer: IndexWriter, poll_seconds: float = INDEX_POLL_SECONDS):
        super().__init__(name="index-writer", daemon=True)
        self.store = store
        self.writer = writer
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._wake.set()  # the first round starts at once: a restart may have left a queue
        self._stopping = threading.Event()
        self._committed = threading.Condition()
        self.commits = 0
        self.last_error: str | None = None
        self.unindexable: set[int] = set()

    def notify(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            try:
                self.index_queued()
                self.last_error = None
            except IndexBusy as exc:  # another process's load; the queue waits for it
                if self.last_error != str(exc):
                    log.warning("%s: queued articles are indexed once it is done", exc)
                self.last_error = str(exc)
            except Exception as exc:  # keep serving; the queue keeps the work for the next round
                self.last_error = str(exc)
                log.exception("indexing failed; will retry")
                self._stopping.wait(self.poll_seconds)

    def index_queued(self) -> int:
        done = 0
        while True:
            stamps = next_batch(self.store, excluding=self.unindexable)
            if not stamps:
                break
            started = time.monotonic()
            written = self._write(articles_to_index(self.store, list(stamps)))
            self.store.dequeue_unchanged({i: stamps[i] for i in written})
            done += len(written)
            log.info("indexed %d articles in %.1f s", len(written), time.monotonic() - started)
            with self._committed:
                self.commits += 1
                self._committed.notify_all()
        return done

    def _write(self, articles: list[Article]) -> list[int]:
        """Write these articles; the ids written. An article the index refuses for what it
        holds (not for a busy or full disk) must not hold up the rest of the queue: it is
        set aside, still queued, and tried again when the server next starts."""
        try:
            self.writer.write(articles)
            return [article.id for article in articles]
        except (IndexBusy, OSError):
            raise
        except Exception:
            if len(articles) == 1:
                log.exception("article %d cannot be indexed; it stays queued and is retried at the "
                              "next start (or by `python -m archive reindex`)", articles[0].id)
                self.unindexable.add(articles[0].id)
                return []
        return [i for article in articles for i in self._write([article])]

    def wait_until_indexed(self, article_ids: Iterable[int], timeout: float) -> bool:
        """True once none of these articles waits in the index queue."""
        wanted = set(article_ids)
        deadline = time.monotonic() + timeout
        self.notify()
        with self._committed:
            while wanted & set(self.store.queued_ids()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._committed.wait(min(remaining, 0.5))
        return True


class Runtime:
    def __init__(self, settings: Settings, start_threads: bool = True):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(settings.data_dir)
        # A read-only archive is searched as it is: no recovery, no writer, no jobs. The queue
        # is left to the index thread, so the server listens at once.
        self.writer = None if self.store.read_only else recover(self.store, settings.index_dir, index_queue=False)
        self.search = SearchService(settings.index_dir, self.store)
        self.indexer = IndexWorker(self.store, self.writer)
        self.turns = ModelTurns()  # one batch through the model at a time; requests first
        self.index_waiters = threading.BoundedSemaphore(INDEX_WAITERS)
        from web.jobs import JobRunner
        self.jobs = JobRunner(self)
        if start_threads:
            self.start()

    def start(self) -> None:
        if self.store.read_only:
            return
        self.indexer.start()
        self.jobs.start()

    def ingest(self, files: list[tuple[str, bytes]], options: IngestOptions,
               wait_seconds: float = SEARCHABLE_WAIT_SECONDS, turn_wait: float | None = None,
               unpacked_bytes: int | None = None) -> list[FileReport]:
        """Store these files now (the caller's thread), then wait briefly for the index.
        Raises ModelBusy, having stored nothing, when the model is not free for this
        request within `turn_wait` seconds (None: wait for it). `unpacked_bytes` bounds
        what their ZIPs may unpack (default: the limit of a whole upload)."""
        self.store.ensure_writable()  # before any time is spent reading the files
        unpacking = Unpacking.of(self.settings.limits, max_bytes=unpacked_bytes)
        with self.turns.request(turn_wait) as turn:
            prepared = [p for name, data in files
                        for p in iter_prepared(name, data, options, self.settings.limits, unpacking)]
            mark_duplicates(prepared, self.store.path)
            with turn.model():
                annotate_prepared(prepared)
        result = Ingester(self.store, writer=None).store_batch(prepared)
        stored = [r.article_id for r in result.reports if r.status in ("added", "updated")]
        searchable = self.wait_until_searchable(stored, wait_seconds)
        for report in result.reports:
            report.searchable = report.status != "failed" and (searchable or report.status == "duplicate")
        return result.reports

    def wait_until_searchable(self, article_ids: list[int], seconds: float) -> bool:
        """Whether these articles are indexed within `seconds`; without waiting when
        INDEX_WAITERS other requests already are."""
        if not article_ids:
            return True
        if not self.index_waiters.acquire(blocking=False):
            return False
        try:
            return self.indexer.wait_until_indexed(article_ids, seconds)
        finally:
            self.index_waiters.release()

    def close(self) -> None:
        self.jobs.stop()
        self.indexer.stop()
        for thread in (self.jobs, self.indexer):
            if thread.ident is not None:
                thread.join(timeout=30)
        self.store.close()


def seed_if_empty(runtime: Runtime, seeds_dir: Path) -> list[FileReport]:
    """A new archive starts with the user's seed articles, so the first page has content.
    Call before `runtime.start()`: it indexes on this thread."""
    if runtime.store.count() or not seeds_dir.is_dir():
        return []
    files = [(f"seeds/{p.name}", p.read_bytes()) for p in sorted(seeds_dir.iterdir())
             if p.is_file() and not p.name.startswith(".")]
    reports = runtime.ingest(files, IngestOptions(), wait_seconds=0)
    runtime.indexer.index_queued()
    return reports
