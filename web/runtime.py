"""What one serving process owns: the store, the one index writer (driven by its
own thread, index.feeder.IndexThread), the search service, and the background
upload jobs.

Uploads are stored first (durable, and queued for the index in the same
transaction); the index thread then writes whatever is queued, commits, and
wakes anyone waiting to know their articles are searchable. Articles stored by
another process (a CLI ingest while the server runs) are picked up the same way.
"""
from __future__ import annotations

import threading
from pathlib import Path

from archive.config import Settings
from archive.pipeline import FileReport, IngestOptions, Ingester, annotate_prepared, iter_prepared, mark_duplicates
from archive.readers.unpacking import Unpacking
from archive.store import Store
from index.feeder import IndexFeeder, IndexThread
from index.rebuild import recover
from index.search import SearchService
from web.extraction import ModelTurns


SEARCHABLE_WAIT_SECONDS = 10.0
# Request threads that may wait for the index at once; others answer "not searchable yet"
# at once, so a slow index round never holds every waitress thread.
INDEX_WAITERS = 2


class Runtime:
    def __init__(self, settings: Settings, start_threads: bool = True):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(settings.data_dir)
        # A read-only archive is searched as it is: no recovery, no writer, no jobs. The queue
        # is left to the index thread, so the server listens at once.
        self.writer = None if self.store.read_only else recover(self.store, settings.index_dir, index_queue=False)
        self.search = SearchService(settings.index_dir, self.store)
        self.indexer = IndexThread(IndexFeeder(self.store, self.writer))
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
        result = Ingester(self.store, self.indexer).store_batch(prepared)
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
