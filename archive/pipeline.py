"""read -> normalize -> extract -> store (-> index, by whoever listens).

`prepare_file` is pure work on one file (read, normalize); `annotate` adds
quotes and entities; `Ingester` stores a batch in one transaction, which also
queues its articles for the index, and tells its `indexing` (index.feeder) that
they were stored. Bulk ingest runs the pure part in worker processes (both
cores for the NLP model) while the parent process stores and indexes.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from archive import allocator
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
    # Same content as an article before it in the same ingest (the same bytes, or the same
    # normalized article in one batch): not annotated; stored as a duplicate of that one.
    same_as_earlier: bool = False


@dataclass
class BatchResult:
    reports: list[FileReport] = field(default_factory=list)


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
    """For storing in the store at `db_path`: point each article it already has at its
    stored twin, and mark each one repeating an article before it in the list (so neither
    is annotated). Without a store (`extract`), every article is annotated."""
    if not db_path:
        return
    articles = [p for p in prepared if p.article is not None]
    hashes = [content_hash(p.article) for p in articles]
    known = ids_by_content_hash(db_path, hashes)
    seen: set[str] = set()
    for item, digest in zip(articles, hashes):
        item.duplicate_of = known.get(digest)
        if digest in seen:
            item.same_as_earlier = True
        seen.add(digest)


def annotate_prepared(prepared: list[Prepared]) -> None:
    """Annotate the new articles together; should that fail, one by one, so an article
    the model cannot take becomes a failure of its own and the others are kept."""
    fresh = [p for p in prepared if p.article is not None and p.duplicate_of is None and not p.same_as_earlier]
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


class Indexing(Protocol):
    """What an Ingester tells whoever indexes what it stores (index.feeder.IndexFeeder in a
    command, index.feeder.IndexThread in the server). Storing needs none of it: every
    article stored is queued for the index in the same transaction."""

    def stored(self, articles: list[Article], queued_at: dict[int, str]) -> None:
        """These articles were just stored (committed), each queued at `queued_at[id]`."""

    def input_read(self) -> None:
        """Every file of a bulk ingest is in the worker processes' hands."""

    def flush(self) -> None:
        """The ingest is done: index what is still held."""

    def cancel(self) -> None:
        """The ingest stopped on an error: drop what is held (the store's queue keeps it)."""


@contextmanager
def feeding(indexing: Indexing | None) -> Iterator[None]:
    """Around work that hands stored batches to `indexing`: once the work is done, index what
    it still holds; should the work fail, drop that (the store's queue keeps it)."""
    try:
        yield
        if indexing is not None:
            indexing.flush()
    except BaseException:
        if indexing is not None:
            indexing.cancel()
        raise


class Ingester:
    """Stores articles: read, normalize, annotate, then store, one transaction a batch.

        Ingester(store).ingest([(name, data), ...])      # store; the index queue waits
        Ingester(store, feeder).ingest(files)            # store, and tell the feeder
        Ingester(store, feeder).store_batch(prepared)    # one batch prepared elsewhere

    Storing knows nothing of the index: each stored article is queued for it in the
    same transaction (the store's index queue), and `indexing`, when given, hears of each
    stored batch (see Indexing; index.feeder.IndexFeeder indexes in the calling thread,
    index.feeder.IndexThread in the server's). A report says `searchable` when its
    article has left the queue by the time the batch (or the whole ingest) returns.
    """

    def __init__(self, store: Store, indexing: Indexing | None = None):
        self.store = store
        self.indexing = indexing

    def store_batch(self, batch: list[Prepared],
                    also: Callable[[sqlite3.Connection, list[FileReport]], None] | None = None) -> BatchResult:
        """Store a batch in one transaction; `also(db, reports)` writes in the same
        transaction (a job's record of what it stored, so neither is kept without the other).
        The original files are written first, outside it: SQLite's write lock is held only
        for the rows."""
        result = BatchResult()
        stored: list[Article] = []
        queued_at: dict[int, str] = {}
        for item in batch:
            if item.article is not None and item.duplicate_of is None:
                self.store.keep_original(item.data)
        with self.store.transaction() as db:
            for item in batch:
                if item.same_as_earlier and item.duplicate_of is None:
                    _find_earlier_twin(db, item)
                if item.article is None:
                    result.reports.append(FileReport(item.name, "failed", reason=item.error))
                    continue
                if item.duplicate_of is not None:
                    result.reports.append(FileReport(
                        item.name, "duplicate", item.duplicate_of, item.article.title, searchable=True,
                        published=item.article.published.iso(), quotes=_quote_count(db, item.duplicate_of)))
                    continue
                outcome = self.store.put(db, item.article, identity_of(item), item.name)
                article = item.article
                result.reports.append(FileReport(item.name, outcome.status, outcome.article_id, article.title,
                                                 searchable=outcome.status == "duplicate",
                                                 published=article.published.iso(), quotes=len(article.quotes)))
                if outcome.status != "duplicate":
                    stored.append(article)
                    queued_at[article.id] = outcome.queued_at
            if also is not None:
                also(db, result.reports)
        if self.indexing is not None and stored:
            self.indexing.stored(stored, queued_at)
        self.mark_searchable(result.reports)
        return result

    def mark_searchable(self, reports: list[FileReport]) -> None:
        """Each stored article's report says whether the index has it (it left the queue)."""
        stored = [r for r in reports if r.status in ("added", "updated")]
        queued = self.store.queued_at([r.article_id for r in stored])
        for report in stored:
            report.searchable = report.article_id not in queued

    def ingest(self, files: Iterable[tuple[str, bytes]], options: IngestOptions | None = None,
               limits: Limits | None = None, n_process: int = 1, batch_size: int = 64,
               on_batch: Callable[[list[FileReport]], None] | None = None) -> list[FileReport]:
        """Ingest (name, bytes) pairs; returns one report per article or failure.
        `n_process` > 1: read, normalize and annotate in that many worker processes while
        this one stores. `on_batch` sees each batch's reports as soon as that batch is
        stored; once all are, `indexing.flush()` indexes what it still holds."""
        options = options or IngestOptions()
        reports: list[FileReport] = []
        with feeding(self.indexing):
            for batch in _prepared_batches(files, options, limits, n_process, batch_size, self):
                reports.extend(batch)
                if on_batch:
                    on_batch(batch)
        self.mark_searchable(reports)
        return reports


def _quote_count(db: sqlite3.Connection, article_id: int) -> int:
    # A duplicate is not annotated: its report counts the quotations of the article it repeats.
    return db.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]


def _find_earlier_twin(db: sqlite3.Connection, item: Prepared) -> None:
    """An article repeating one before it in the same ingest is a duplicate of that one, now
    stored; should it not be (the first failed, or a later version replaced it), it is
    annotated here and stored as any other."""
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash(item.article),)).fetchone()
    if row:
        item.duplicate_of = row[0]
        return
    item.same_as_earlier = False
    annotate_prepared([item])


def _prepared_batches(files, options, limits, n_process, batch_size, ingester: Ingester) -> Iterator[list[FileReport]]:
    """Read, normalize and annotate in batches (in worker processes when n_process > 1),
    storing each batch (and telling the ingester's `indexing`) as it arrives."""
    chunks = _chunked(files, batch_size)
    db_path = str(ingester.store.path)
    copies = _ByteCopies()
    if n_process <= 1:
        for chunk in chunks:
            yield ingester.store_batch(prepare_chunk(chunk, options, limits, db_path, copies.of(chunk))).reports
        return
    if multiprocessing.get_start_method() == "fork":
        from archive import nlp
        nlp.load_for_workers()
    with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(prepare_chunk, chunk, options, limits, db_path, copies.of(chunk)))
            # Enough chunks ahead that the workers keep busy while this process stores and indexes.
            if len(pending) >= n_process * 3:
                yield ingester.store_batch(pending.pop(0).result()).reports
        if ingester.indexing is not None:
            ingester.indexing.input_read()
        for future in pending:
            yield ingester.store_batch(future.result()).reports


class _ByteCopies:
    """The files of one ingest by their bytes: a file another before it repeats byte for
    byte (a folder or a ZIP often holds one article twice) is read but not annotated, even
    when the two go to different worker processes."""

    def __init__(self):
        self._seen: set[bytes] = set()

    def of(self, chunk: list[tuple[str, bytes]]) -> frozenset[int]:
        """Positions in `chunk` of files whose bytes came before."""
        found = set()
        for position, (_, data) in enumerate(chunk):
            digest = hashlib.sha256(data).digest()
            if digest in self._seen:
                found.add(position)
            self._seen.add(digest)
        return frozenset(found)


def prepare_chunk(chunk: list[tuple[str, bytes]], options: IngestOptions, limits: Limits | None,
                  db_path: str | None = None, copies: frozenset[int] = frozenset()) -> list[Prepared]:
    """Everything before the store for a few files: read, normalize, skip what the
    store already has or an earlier file of the ingest repeats (`copies`: positions in
    `chunk` of files whose bytes came before), annotate the rest. Runs in a worker
    process for bulk ingest."""
    prepared = []
    for position, (name, data) in enumerate(chunk):
        for item in prepare_file(name, data, options, limits):
            item.same_as_earlier = position in copies and item.article is not None
            prepared.append(item)
    mark_duplicates(prepared, db_path)
    annotate_prepared(prepared)
    return prepared


def _worker_init(parent: int) -> None:
    # Each worker is one core's worth of model; nested BLAS threads would fight over the two cores.
    os.environ["OMP_NUM_THREADS"] = "1"
    allocator.keep_freed_memory()
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
