"""read -> normalize -> extract -> store -> index.

`prepare_file` is pure work on one file (read, normalize); `annotate` adds
quotes and entities; `Ingester` stores a batch in one transaction and hands it
to the one index writer. Bulk ingest runs the pure part in worker processes
(both cores for the NLP model) while the parent process stores and indexes.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from archive.model import Article
from archive.normalize import normalize
from archive.readers import Limits, ReadItem, iter_file
from archive.readers.unpacking import Unpacking
from archive.store import Store, content_hash, ids_by_content_hash, sha256_of

log = logging.getLogger(__name__)


@dataclass
class IngestOptions:
    published: str | None = None  # the user's publication date, wins over the file's
    tz: str | None = None  # timezone for dates the file gives without one
    source: str | None = None  # the publication's name, wins over the file's


@dataclass
class FileReport:
    file: str
    status: str  # added, duplicate, updated, failed
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    searchable: bool = False
    published: str | None = None
    quotes: int = 0

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Prepared:
    """One article (or one failure) out of a received file, before it is stored."""

    name: str
    data: bytes = b""
    identity_suffix: str = ""  # position of the article inside its file
    article: Article | None = None
    error: str | None = None
    duplicate_of: int | None = None  # id of the stored article with the same content


@dataclass
class BatchResult:
    reports: list[FileReport] = field(default_factory=list)
    indexed: bool = False


def prepare_file(name: str, data: bytes, options: IngestOptions, limits: Limits | None = None) -> list[Prepared]:
    """Read and normalize every article in one file; never raises for bad input."""
    return list(iter_prepared(name, data, options, limits))


def iter_prepared(name: str, source: bytes | str | os.PathLike, options: IngestOptions,
                  limits: Limits | None = None, unpacking: Unpacking | None = None,
                  skip: int = 0) -> Iterator[Prepared]:
    """`prepare_file`, lazily, for a file given as bytes or as a path on disk; the first
    `skip` items are read past but not normalized (a job resuming inside a file). A
    reader's own failure costs this file, never the others of its batch."""
    try:
        for position, item in enumerate(iter_file(name, source, limits, unpacking)):
            if position >= skip:
                yield prepare_item(item, position, options)
    except Exception as exc:
        log.exception("reading %s failed", name)
        yield Prepared(name, error=f"could not be read ({type(exc).__name__}: {exc})")


def prepare_item(item: ReadItem, position: int, options: IngestOptions) -> Prepared:
    """Normalize one article read from a file (`position`: its place in the file)."""
    if not item.ok:
        return Prepared(item.name, error=item.error)
    if options.source:
        item.draft.source = options.source
    try:
        article = normalize(item.draft, published=options.published, tz=options.tz)
    except ValueError as exc:  # a bad --published / --timezone from the user
        return Prepared(item.name, error=str(exc))
    if not article.body and not article.title:
        return Prepared(item.name, error="no article text found")
    article.file = item.name
    article.original_sha256 = sha256_of(item.data)
    return Prepared(item.name, item.data, f"#{position}", article)


def annotate(articles: list[Article], n_process: int = 1) -> None:
    """Quotes, speakers and entities, in place."""
    if not articles:
        return
    from archive import nlp
    nlp.annotate(articles, n_process=n_process)


def mark_duplicates(prepared: list[Prepared], db_path: str | os.PathLike | None) -> None:
    """Point each article the store already has at its stored twin (so it is not annotated)."""
    articles = [p for p in prepared if p.article is not None]
    known = ids_by_content_hash(db_path, [content_hash(p.article) for p in articles]) if db_path else {}
    for item in articles:
        item.duplicate_of = known.get(content_hash(item.article))


def annotate_prepared(prepared: list[Prepared]) -> None:
    """Annotate the new articles together; should that fail, one by one, so an article
    the model cannot take becomes a failure of its own and the others are kept."""
    fresh = [p for p in prepared if p.article is not None and p.duplicate_of is None]
    try:
        annotate([p.article for p in fresh])
        return
    except Exception:
        if len(fresh) == 1:
            _fail(fresh[0])
            return
    for item in fresh:
        try:
            annotate([item.article])
        except Exception:
            _fail(item)


def _fail(item: Prepared) -> None:
    log.exception("annotating %s failed", item.name)
    item.article, item.data = None, b""
    item.error = "could not be annotated (an internal error, logged on the server)"


def identity_of(prepared: Prepared) -> str:
    """The same URL is the same article; without one, the same place in the same file."""
    article = prepared.article
    if article.url:
        return f"url:{article.url}"
    return f"file:{article.original_sha256}{prepared.identity_suffix}"


class Ingester:
    """Stores prepared batches and indexes them with the writer it is given (if any).

    Each batch is stored in its own transaction. Indexing waits until `index_every`
    stored articles have gathered: every Whoosh commit writes a segment, and many small
    ones cost far more than a few large ones. Until then the store's index queue
    holds them, so nothing is lost if the process stops.

    A bulk ingest (`ingest(..., bulk=True)`) holds the writer's `bulk_load()` instead:
    each stored batch's documents go into the open index writers at once, in the
    parent process while the workers annotate the next batches. The load is committed
    (one segment per index) when every file has been handed to the workers, and the
    last batches make a second, small load committed at the end, so only that small
    commit waits for the workers to finish.
    """

    def __init__(self, store: Store, writer=None, index_every: int = 1):
        self.store = store
        self.writer = writer
        self.index_every = index_every
        self._unindexed: list[Article] = []
        self._waiting_reports: list[FileReport] = []
        self._load = None  # the writer's BulkLoad during a bulk ingest
        self._queued_at: dict[int, str] = {}  # when each article waiting here was queued
        self._requeued: list[int] = []  # indexed with a name since renamed: still queued

    def store_batch(self, batch: list[Prepared],
                    also: Callable[[sqlite3.Connection, list[FileReport]], None] | None = None) -> BatchResult:
        """Store a batch in one transaction; `also(db, reports)` writes in the same
        transaction (a job's record of what it stored, so neither is kept without the other).
        The original files are written first, outside it: SQLite's write lock is held only
        for the rows."""
        result = BatchResult()
        stored: list[Article] = []
        for item in batch:
            if item.article is not None and item.duplicate_of is None:
                self.store.keep_original(item.data)
        with self.store.transaction() as db:
            for item in batch:
                if item.article is None:
                    result.reports.append(FileReport(item.name, "failed", reason=item.error))
                    continue
                if item.duplicate_of is not None:
                    result.reports.append(FileReport(
                        item.name, "duplicate", item.duplicate_of, item.article.title, searchable=True,
                        published=item.article.published.iso(), quotes=len(item.article.quotes)))
                    continue
                outcome = self.store.put(db, item.article, identity_of(item), item.name)
                article = item.article
                report = FileReport(item.name, outcome.status, outcome.article_id, article.title,
                                    searchable=outcome.status == "duplicate",
                                    published=article.published.iso(), quotes=len(article.quotes))
                result.reports.append(report)
                if outcome.status != "duplicate":
                    stored.append(article)
                    self._waiting_reports.append(report)
                    self._queued_at[article.id] = outcome.queued_at
            if also is not None:
                also(db, result.reports)
        if self._load is not None:
            self._add_to_load(stored)
        else:
            self._unindexed.extend(stored)
            if len(self._unindexed) >= self.index_every:
                self.flush()
        result.indexed = not self._unindexed
        return result

    def flush(self) -> bool:
        """Index what is stored but not yet indexed (a bulk load: commit it); False when
        that has to wait (no writer, or another process holds it: the store's queue keeps
        the articles)."""
        articles, reports = self._unindexed, self._waiting_reports
        if not articles:
            return True
        if self.writer is None:
            return False
        if self._load is not None:
            self._load.commit()
            self._load = None
        else:
            from index.writer import IndexBusy
            try:
                self.writer.write(_latest_versions(articles))
            except IndexBusy as exc:
                log.warning("%s; %d articles stay queued for indexing", exc, len(articles))
                return False
        # An article queued again since it was stored here (a later article renamed its
        # speaker to a fuller name) was indexed with the old name: it stays queued.
        requeued = self.store.dequeue_unchanged({a.id: self._queued_at.get(a.id) for a in articles})
        for report in reports:
            report.searchable = report.article_id not in requeued
        self._unindexed, self._waiting_reports, self._queued_at = [], [], {}
        self._requeued = sorted(requeued)
        return True

    def input_read(self) -> None:
        """Every file is in the workers' hands: commit what the bulk load holds now, while
        the workers annotate the last batches, instead of all of it after them; those
        batches go into a second load, with the articles renamed on the way so far."""
        if self._load is None or not self._unindexed:
            return
        self.flush()
        self._start_load()
        renamed, self._requeued = self._requeued, []
        if self._load is not None and renamed:
            self._queued_at.update(self.store.queued_at(renamed))
            self._add_to_load(self.store.get_many(renamed))

    def _add_to_load(self, stored: list[Article]) -> None:
        stored = _latest_versions(stored)
        if any(self._load.holds(article.id) for article in stored):
            # A new version of an article this load holds: commit, then go on in a new load.
            self.flush()
            self._start_load()
            if self._load is None:
                self._unindexed.extend(stored)
                return
        self._load.add(stored)
        self._unindexed.extend(stored)

    def _start_load(self) -> None:
        from index.writer import IndexBusy
        try:
            self._load = self.writer.bulk_load()
        except IndexBusy as exc:
            log.warning("%s; the articles of this ingest stay queued for indexing", exc)
            self._load = None

    def ingest(self, files: Iterable[tuple[str, bytes]], options: IngestOptions | None = None,
               limits: Limits | None = None, n_process: int = 1, batch_size: int = 64,
               on_batch: Callable[[list[FileReport]], None] | None = None,
               bulk: bool | None = None) -> list[FileReport]:
        """Ingest (name, bytes) pairs; returns one report per article or failure.
        `on_batch` sees each batch's reports as soon as that batch is stored.
        `bulk` (default: when n_process > 1): index through one bulk load, committed at
        the end, instead of a commit every `index_every` articles."""
        options = options or IngestOptions()
        reports: list[FileReport] = []
        if (bulk if bulk is not None else n_process > 1) and self.writer is not None:
            self.flush()
            self._start_load()
        try:
            for batch in _prepared_batches(files, options, limits, n_process, batch_size, self):
                reports.extend(batch)
                if on_batch:
                    on_batch(batch)
            self.flush()
        finally:
            if self._load is not None:  # stopped by an error: the store's queue keeps the articles
                self._load.cancel()
                self._load = None
                self._unindexed, self._waiting_reports, self._queued_at = [], [], {}
        return reports


MAX_SEGMENTS = 4  # Whoosh's own merge policy starts merging small segments at five


def finish_ingest(store: Store, writer) -> None:
    """After an ingest: index what the store queued on the way (articles whose speaker a
    later article renamed to a fuller name), then merge the index if it has more segments
    than MAX_SEGMENTS (a bulk ingest into a fresh index leaves one or two, plus one for
    those renamed articles)."""
    from index.rebuild import catch_up

    catch_up(store, writer)
    if any(count > MAX_SEGMENTS for count in writer.segment_counts().values()):
        writer.optimize()


def _prepared_batches(files, options, limits, n_process, batch_size, ingester: Ingester) -> Iterator[list[FileReport]]:
    """Read, normalize and annotate in batches (in worker processes when n_process > 1),
    storing and indexing each batch as it arrives."""
    chunks = _chunked(files, batch_size)
    db_path = str(ingester.store.path)
    if n_process <= 1:
        for chunk in chunks:
            yield ingester.store_batch(prepare_chunk(chunk, options, limits, db_path)).reports
        return
    with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(prepare_chunk, chunk, options, limits, db_path))
            # Enough chunks ahead that the workers keep busy while this process stores and indexes.
            if len(pending) >= n_process * 3:
                yield ingester.store_batch(pending.pop(0).result()).reports
        ingester.input_read()
        for future in pending:
            yield ingester.store_batch(future.result()).reports


def prepare_chunk(chunk: list[tuple[str, bytes]], options: IngestOptions, limits: Limits | None,
                  db_path: str | None = None) -> list[Prepared]:
    """Everything before the store for a few files: read, normalize, skip what the
    store already has, annotate the rest. Runs in a worker process for bulk ingest."""
    prepared = [p for name, data in chunk for p in prepare_file(name, data, options, limits)]
    mark_duplicates(prepared, db_path)
    annotate_prepared(prepared)
    return prepared


def _latest_versions(articles: list[Article]) -> list[Article]:
    """One Article per id, the last stored (the same URL twice in a batch: v1, then v2)."""
    latest = {article.id: article for article in articles}
    return list(latest.values()) if len(latest) < len(articles) else articles


def _worker_init(parent: int) -> None:
    # Each worker is one core's worth of model; nested BLAS threads would fight over the two cores.
    os.environ["OMP_NUM_THREADS"] = "1"
    threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="exit-with-parent").start()


def _exit_with(parent: int) -> None:
    """A worker whose ingest process is gone (killed) has nobody to hand its work to: it
    ends too, instead of waiting for work forever with the model in memory."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _chunked(files: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in files:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def files_under(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path]]:
    """(display name, path) for each file named or inside a named folder, sorted, hidden files skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield str(child), child
        else:
            yield str(path), path
