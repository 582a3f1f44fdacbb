"""The one writer of the Whoosh indexes.

Whoosh allows one writer per index at a time; this class is the only code that
opens one. Articles are written in batches with one commit per batch; after a
bulk load `optimize()` merges segments (many small segments slow queries down).
A bulk ingest instead holds one writer per index for a whole load (`bulk_load`):
documents go in as their articles are stored, and one commit makes the load a single
new segment (index.feeder.IndexFeeder uses one load for all but the last batches,
and a second for those), which needs no optimize(). What the writer needs of Whoosh's
private API (a cheaper segment writer) is in index.whoosh_internals.
"""
from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.query import Or, Term

from archive.model import Article
from index.documents import article_document, quote_documents
from index.schema import article_schema, quote_schema
from index.whoosh_internals import CheapSegmentWriter, read_segments_in_place, segments_of

log = logging.getLogger(__name__)

INDEX_NAMES = ("articles", "quotes")
SCHEMAS = {"articles": article_schema, "quotes": quote_schema}
LOCK_TIMEOUT_SECONDS = 30
# What the documents hold, where the schema's field names do not tell: 2 = of a long body,
# only its annotated part and the quotes in it (index.documents). Kept in FORMAT_FILE in the
# index folder; an index without it is format 1 (made before the file was written).
INDEX_FORMAT = 2
FORMAT_FILE = "FORMAT"


class IndexBusy(Exception):
    """Another process holds the index writer."""


def open_index(path: Path, name: str):
    """Open one of the indexes in this folder, its segments read in place from their memory
    map (index.storage), as every index this process opens is."""
    read_segments_in_place()
    return whoosh_index.open_dir(str(path), indexname=name)


def open_or_create(path: Path, name: str):
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(path), indexname=name):
        return open_index(path, name)
    read_segments_in_place()
    return whoosh_index.create_in(str(path), SCHEMAS[name](), indexname=name)


def index_format(path: Path) -> int:
    """The format the index in this folder was written in (1 when it does not say)."""
    try:
        return int((Path(path) / FORMAT_FILE).read_text().strip())
    except (OSError, ValueError):
        return 1


def mark_index_format(path: Path) -> None:
    """Record that the index in this folder is written in today's INDEX_FORMAT."""
    marker = Path(path) / FORMAT_FILE
    written = marker.with_name(FORMAT_FILE + ".tmp")
    written.write_text(f"{INDEX_FORMAT}\n")
    written.replace(marker)


def index_is_healthy(path: Path) -> bool:
    """Both indexes exist, open, have today's fields, and a reader can be made on each."""
    try:
        for name in INDEX_NAMES:
            if not whoosh_index.exists_in(str(path), indexname=name):
                return False
            ix = open_index(path, name)
            if set(ix.schema.names()) != set(SCHEMAS[name]().names()):
                return False  # made by an older version: rebuild with the current schema
            with ix.searcher() as searcher:
                searcher.doc_count()
        return True
    except Exception:  # any damage at all means: rebuild from the store
        return False


class IndexWriter:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        new = not any(whoosh_index.exists_in(str(self.path), indexname=name) for name in INDEX_NAMES)
        self.indexes = {name: open_or_create(self.path, name) for name in INDEX_NAMES}
        if new:
            mark_index_format(self.path)
        self._lock = threading.Lock()  # one writing thread in this process

    def write(self, articles: list[Article], merge: bool = True, fresh: bool = False) -> None:
        """Add or replace these articles and their quotes; one commit per index.

        The old documents of the batch go in one query per index (deleting term by term
        opens a reader over every segment for each article). `fresh`: the index cannot
        hold these articles yet (a rebuild), so there is nothing to delete.
        """
        if not articles:
            return
        with self._lock:
            article_writer = self._writer("articles")
            try:
                quote_writer = self._writer("quotes")
            except BaseException:
                article_writer.cancel()
                raise
            try:
                _add(article_writer, quote_writer, articles, fresh)
            except BaseException:
                article_writer.cancel()
                quote_writer.cancel()
                raise
            article_writer.commit(merge=merge)
            quote_writer.commit(merge=merge)

    def delete(self, article_ids: list[int]) -> None:
        with self._lock:
            article_writer = self._writer("articles")
            quote_writer = self._writer("quotes")
            for article_id in article_ids:
                article_writer.delete_by_term("id", str(article_id))
                quote_writer.delete_by_term("article_id", str(article_id))
            article_writer.commit()
            quote_writer.commit()

    def bulk_load(self) -> BulkLoad:
        """Both Whoosh writers, held until the load's commit() or cancel(); IndexBusy when
        another process holds either."""
        return BulkLoad(self)

    def optimize(self) -> None:
        """Merge each index into one segment, unless it is one segment already (Whoosh
        would rewrite it as it is)."""
        with self._lock:
            for name in INDEX_NAMES:
                segments = segments_of(self.indexes[name])
                if len(segments) > 1 or any(segment.has_deletions() for segment in segments):
                    self._writer(name).commit(optimize=True)

    def segment_counts(self) -> dict[str, int]:
        return {name: len(segments_of(self.indexes[name])) for name in INDEX_NAMES}

    def doc_count(self, name: str = "articles") -> int:
        return self.indexes[name].doc_count()

    def _writer(self, name: str):
        try:
            return CheapSegmentWriter(self.indexes[name], timeout=LOCK_TIMEOUT_SECONDS)
        except LockError:
            raise IndexBusy(f"the {name} index is being written by another process") from None


class BulkLoad:
    """One writer per index for a whole bulk load, committed once, so the load becomes one
    segment per index and its documents are analyzed while the next articles are still
    being read and annotated. No other process can write the index until commit() or
    cancel(); articles added here are searchable after commit() (until then the store's
    index queue holds them)."""

    def __init__(self, owner: IndexWriter):
        self._owner = owner
        owner._lock.acquire()
        try:
            self._articles = owner._writer("articles")
            try:
                self._quotes = owner._writer("quotes")
            except BaseException:
                self._articles.cancel()
                raise
        except BaseException:
            owner._lock.release()
            raise
        self._ids: set[int] = set()
        self.closed = False

    def holds(self, article_id: int) -> bool:
        """Whether this load already has a version of the article (Whoosh cannot replace a
        document it has not committed: commit before adding another version)."""
        return article_id in self._ids

    def add(self, articles: list[Article]) -> None:
        """Add or replace these articles and their quotes (one version each, none held yet)."""
        if not articles:
            return
        try:
            _add(self._articles, self._quotes, articles, fresh=False)
        except BaseException:
            self.cancel()
            raise
        self._ids.update(article.id for article in articles)

    def commit(self) -> None:
        try:
            self._articles.commit()
            self._quotes.commit()
        except BaseException:
            self.cancel()
            raise
        self._close()

    def cancel(self) -> None:
        if self.closed:
            return
        for writer in (self._articles, self._quotes):
            if not writer.is_closed:
                writer.cancel()
        self._close()

    def _close(self) -> None:
        self.closed = True
        self._owner._lock.release()


def _add(article_writer, quote_writer, articles: list[Article], fresh: bool) -> None:
    """The batch's old documents go in one query per index (deleting term by term opens a
    reader over every segment for each article); `fresh`: the index cannot hold them yet."""
    if not fresh:
        ids = [str(article.id) for article in articles]
        article_writer.delete_by_query(Or([Term("id", i) for i in ids]))
        quote_writer.delete_by_query(Or([Term("article_id", i) for i in ids]))
    for article in articles:
        article_writer.add_document(**article_document(article))
        for doc in quote_documents(article):
            quote_writer.add_document(**doc)


def wipe(path: Path) -> None:
    """Remove an index folder (it is derived data; the store rebuilds it)."""
    if path.exists():
        shutil.rmtree(path)
