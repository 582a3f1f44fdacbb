"""The one index feeder: what the store has queued goes into the Whoosh index.

Storing knows nothing of the index: `Store.put` queues every article it stores in the
store's `index_queue`, in the transaction that stores it, and `archive.pipeline.Ingester`
tells whoever indexes that a batch was stored (its `indexing`). `IndexFeeder` is the only
code that takes articles off that queue into the index, whoever stored them:

- a command (`ingest`; the same for fetching feeds or re-annotating): passed to the
  Ingester, it indexes each stored batch in the calling thread, every `every` articles
  or through one bulk load (`bulk=True`, see IndexWriter.bulk_load); `finish()` then
  indexes whatever the store still queues and merges small segments;
- the server: `IndexThread` runs `index_queued()` in a thread of its own whenever an
  upload, a job or another process has queued articles;
- start-up (`index.rebuild.recover`): `index_queued()` catches up what a crash or a busy
  writer left queued.

Use:

    feeder = IndexFeeder(store, writer, every=1000)
    reports = Ingester(store, feeder).ingest(files)
    feeder.finish()

A batch is indexed from the articles the Ingester stored (in memory, at once); the queue
is read back from the store (`index_queued`) for everything else. An article is taken
off the queue only if it was not queued again meanwhile (a later article renamed its
speaker): that one stays queued and is indexed again.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from archive.model import Article
from archive.normalize import ANNOTATED_CHARS
from archive.store import ANNOTATED_PREFIX_CHARS, Store
from index.writer import BulkLoad, IndexBusy, IndexWriter

log = logging.getLogger(__name__)

BATCH = 500
# Characters of body indexed in one commit at most (a single longer article is a batch of
# its own). Whoosh indexes a million characters in 1.2 to 1.4 s on the 2-core development
# machine (five articles of 200,000 or two hundred of 5,000), so an upload queued behind a
# batch waits about that long, not for 500 articles of any size.
BATCH_CHARS = 1_000_000
MAX_SEGMENTS = 4  # Whoosh's own merge policy starts merging small segments at five
INDEX_POLL_SECONDS = 2.0


def articles_to_index(store: Store, article_ids: list[int]) -> list[Article]:
    """These articles as the index reads them: of a long body only the start that holds
    its annotated part, never the rest."""
    return store.get_many(article_ids, body_chars=ANNOTATED_PREFIX_CHARS)


def next_batch(store: Store, excluding: Iterable[int] = ()) -> dict[int, str]:
    """The next queued articles to index, lowest id first, each with when it was queued: at
    most BATCH of them and BATCH_CHARS of indexed body (at least one article)."""
    stamps = store.queued(limit=BATCH, excluding=excluding)
    ids = within_chars(list(stamps), store.body_lengths(list(stamps)))
    return {article_id: stamps[article_id] for article_id in ids}


def within_chars(ids: list[int], lengths: dict[int, int]) -> list[int]:
    """The first of `ids` whose indexed bodies add up to no more than BATCH_CHARS (at least one)."""
    total = 0
    for count, article_id in enumerate(ids):
        total += min(lengths.get(article_id, 0), ANNOTATED_CHARS)
        if total > BATCH_CHARS and count:
            return ids[:count]
    return ids


class IndexFeeder:
    """Indexes stored articles with the one IndexWriter of this process.

    As an Ingester's `indexing`: `stored()` after each committed batch, `input_read()`
    once every file is in the workers' hands, `flush()` at the end, `cancel()` when the
    ingest stopped on an error. Articles stored wait here until `every` have gathered
    (every Whoosh commit writes a segment, and many small ones cost far more than a few
    large ones); until they are committed the store's queue holds them, so nothing is
    lost if the process stops.

    With `bulk`, the writer's bulk_load() is held instead: each stored batch's documents
    go into the open Whoosh writers at once, in this process while worker processes
    annotate the next batches. The load is committed (one segment per index) when every
    file has been handed to the workers, and the last batches make a second, small load
    committed at the end, so only that small commit waits for the workers to finish.

    Should another process hold the writer, the feeder stops trying (the store's queue
    keeps the articles for that process or the next start) instead of waiting for it again
    at every batch.
    """

    def __init__(self, store: Store, writer: IndexWriter, every: int = 1, bulk: bool = False):
        self.store = store
        self.writer = writer
        self.every = every
        self.bulk = bulk
        self.busy = False  # another process held the writer: the queue waits for it
        self.unindexable: set[int] = set()  # refused by the index; retried at the next start
        self._pending: list[Article] = []  # stored, handed over, not yet committed
        self._queued_at: dict[int, str] = {}  # when each pending article was queued
        self._renamed: list[int] = []  # committed with a name since renamed: still queued
        self._load: BulkLoad | None = None

    # What an Ingester calls ----------------------------------------------------

    def stored(self, articles: list[Article], queued_at: dict[int, str]) -> None:
        """These articles were just stored (committed), each queued at `queued_at[id]`."""
        if self.busy or not articles:
            return
        self._queued_at.update(queued_at)
        if self.bulk and self._load is None:
            self._start_load()
        if self._load is not None:
            self._add_to_load(articles)
            return
        self._pending.extend(articles)
        if len(self._pending) >= self.every:
            self.flush()

    def input_read(self) -> None:
        """Every file is in the workers' hands: commit what the bulk load holds now, while
        the workers annotate the last batches, instead of all of it after them; those
        batches go into a second load, with the articles renamed on the way so far."""
        if self._load is None or not self._pending:
            return
        self.flush()
        renamed, self._renamed = self._renamed, []
        if renamed:
            self._start_load()
        if self._load is not None:
            self._queued_at.update(self.store.queued_at(renamed))
            self._add_to_load(self.store.get_many(renamed))

    def flush(self) -> None:
        """Index (a bulk load: commit) what was handed over and is not indexed yet."""
        articles = self._pending
        if not articles:
            return
        if self._load is not None:
            self._load.commit()
            self._load = None
        else:
            try:
                self.writer.write(latest_versions(articles))
            except IndexBusy as exc:
                self._give_up(exc)
                return
        # An article queued again since it was stored (a later article renamed its speaker
        # to a fuller name) was indexed with the old name: it stays queued.
        still_queued = self.store.dequeue_unchanged({a.id: self._queued_at.get(a.id) for a in articles})
        self._pending, self._queued_at = [], {}
        self._renamed = sorted(still_queued)

    def cancel(self) -> None:
        """The ingest stopped on an error: drop what is not committed (the store's queue keeps it)."""
        if self._load is not None:
            self._load.cancel()
            self._load = None
        self._pending, self._queued_at = [], {}

    def finish(self) -> None:
        """After an ingest: index what the store still queues (articles whose speaker a later
        article renamed to a fuller name, others stored meanwhile), then merge the index if it
        has more segments than MAX_SEGMENTS (a bulk ingest into a fresh index leaves one or
        two, plus one for those renamed articles)."""
        self.flush()
        if self.busy:
            return
        try:
            self.index_queued()
        except IndexBusy as exc:
            self._give_up(exc)
            return
        if any(count > MAX_SEGMENTS for count in self.writer.segment_counts().values()):
            self.writer.optimize()

    # The queue --------------------------------------------------------------

    def index_queued(self, after_commit: Callable[[], None] | None = None) -> int:
        """Index everything the store has queued, in batches (next_batch), each committed
        then taken off the queue; the number indexed. Raises IndexBusy when another
        process holds the writer."""
        done = 0
        while True:
            stamps = next_batch(self.store, excluding=self.unindexable)
            if not stamps:
                return done
            started = time.monotonic()
            written = self._write(articles_to_index(self.store, list(stamps)))
            self.store.dequeue_unchanged({i: stamps[i] for i in written})
            done += len(written)
            log.info("indexed %d articles in %.1f s", len(written), time.monotonic() - started)
            if after_commit is not None:
                after_commit()

    def _write(self, articles: list[Article]) -> list[int]:
        """Write these articles; the ids written. An article the index refuses for what it
        holds (not for a busy or full disk) must not hold up the rest of the queue: it is
        set aside, still queued, and tried again at the next start (or by `reindex`)."""
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

    # Bulk loads -------------------------------------------------------------

    def _add_to_load(self, articles: list[Article]) -> None:
        articles = latest_versions(articles)
        if any(self._load.holds(article.id) for article in articles):
            # A new version of an article this load holds: commit, then go on in a new load.
            self.flush()
            self._start_load()
            if self._load is None:
                self._pending.extend(articles)
                return
        self._load.add(articles)
        self._pending.extend(articles)

    def _start_load(self) -> None:
        try:
            self._load = self.writer.bulk_load()
        except IndexBusy as exc:
            self._give_up(exc)

    def _give_up(self, busy: IndexBusy) -> None:
        log.warning("%s; the articles stored meanwhile stay queued for indexing", busy)
        self.busy = True
        self._pending, self._queued_at = [], {}


def latest_versions(articles: list[Article]) -> list[Article]:
    """One Article per id, the last stored (the same URL twice in a batch: v1, then v2)."""
    latest = {article.id: article for article in articles}
    return list(latest.values()) if len(latest) < len(articles) else articles


class IndexThread(threading.Thread):
    """The server's feeder: the only thread of the serving process that writes the index.

    It indexes the store's queue at start (a restart may have left one), whenever an
    Ingester stores a batch (an upload, a job: `stored()` only wakes it), and every
    `poll_seconds` (articles another process stored)."""

    def __init__(self, feeder: IndexFeeder, poll_seconds: float = INDEX_POLL_SECONDS):
        super().__init__(name="index-writer", daemon=True)
        self.feeder = feeder
        self.store = feeder.store
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._wake.set()  # the first round starts at once: a restart may have left a queue
        self._stopping = threading.Event()
        self._committed = threading.Condition()
        self.commits = 0
        self.last_error: str | None = None

    @property
    def unindexable(self) -> set[int]:
        return self.feeder.unindexable

    # What an Ingester calls: the thread indexes, so there is nothing to wait for here.

    def stored(self, articles: list[Article], queued_at: dict[int, str]) -> None:
        self.notify()

    def input_read(self) -> None:
        pass

    def flush(self) -> None:
        pass

    def cancel(self) -> None:
        pass

    # The thread -------------------------------------------------------------

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
        """Index the queue now, in the calling thread (the server's seeding does, before
        the thread starts); each commit wakes whoever waits for it."""
        return self.feeder.index_queued(after_commit=self._count_commit)

    def _count_commit(self) -> None:
        with self._committed:
            self.commits += 1
            self._committed.notify_all()

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
