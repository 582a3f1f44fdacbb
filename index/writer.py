"""The one writer of the Whoosh indexes.

Whoosh allows one writer per index at a time; this class is the only code that
opens one. Articles are written in batches with one commit per batch; after a
bulk load `optimize()` merges segments (many small segments slow queries down).
A bulk ingest instead holds one writer per index for a whole load (`bulk_load`):
documents go in as their articles are stored, and one commit makes the load a single
new segment (archive.pipeline.Ingester uses one load for all but the last batches,
and a second for those), which needs no optimize().
"""
from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PostingsWriter, _lenfield
from whoosh.index import LockError
from whoosh.query import Or, Term
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from archive.model import Article
from index.documents import article_document, quote_documents
from index.schema import article_schema, quote_schema

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


def open_or_create(path: Path, name: str):
    path.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(path), indexname=name):
        return whoosh_index.open_dir(str(path), indexname=name)
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
            ix = whoosh_index.open_dir(str(path), indexname=name)
            if set(ix.schema.names()) != set(SCHEMAS[name]().names()):
                return False  # made by an older version: rebuild with the current schema
            with ix.searcher() as searcher:
                searcher.doc_count()
        return True
    except Exception:  # any damage at all means: rebuild from the store
        return False


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer, cheaper when it commits.

    - Writing out the postings, Whoosh asks the new segment for the field length of every
      posting: for a field that keeps no lengths (ids, facet values) it looks on disk, for
      every posting again, whether the lengths file exists, and otherwise decodes the
      length from its column. The segment's files are all written by then and do not
      change, so each field's lengths are decoded once, into a list, with the same answers.
    - Small posting blocks are written uncompressed (_Codec, _PostingsWriter).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, codec=_Codec(), **kwargs)

    def per_document_reader(self):
        reader = super().per_document_reader()
        reader.doc_field_length = _FieldLengths(reader)
        return reader


class _FieldLengths:
    """W3PerDocReader.doc_field_length over lists built once per field: None for a
    document without the field (as Whoosh answers), `default` for a field without lengths."""

    def __init__(self, reader):
        self._reader = reader
        self._count = reader.doc_count_all()
        self._lengths: dict[str, list | None] = {}

    def __call__(self, docnum: int, fieldname: str, default=0):
        if docnum > self._count:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._count}")
        lengths = self._lengths.get(fieldname, _UNREAD)
        if lengths is _UNREAD:
            lengths = self._lengths[fieldname] = self._read(fieldname)
        if lengths is None:
            return default
        return lengths[docnum]

    def _read(self, fieldname: str) -> list | None:
        column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        return [byte_to_length(code) if code else None for code in column] + [None]


_UNREAD = object()


# Posting blocks smaller than this are stored uncompressed: zlib's fixed cost per call
# outweighs what it saves on them (most terms of a segment have one small block).
MIN_COMPRESSED_BLOCK = 256


class _Codec(W3Codec):
    """Whoosh's codec, writing posting blocks with _PostingsWriter. Pickled (into the
    index's table of contents, with each segment) as the plain W3Codec: readers need
    nothing from here, since each block records whether it is compressed."""

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def __reduce__(self):
        return W3Codec, (self._blocklimit, self._compression, self._inlinelimit)


class _PostingsWriter(W3PostingsWriter):
    """Whoosh means to leave small blocks uncompressed, but a slip in _write_block
    compresses every block."""

    def _write_block(self, last=False):
        compression = self._compression
        # About 8 bytes a posting for its id and weight, plus its encoded positions.
        if compression and 8 * len(self._ids) + sum(map(len, self._values)) < MIN_COMPRESSED_BLOCK:
            self._compression = 0
            try:
                super()._write_block(last)
            finally:
                self._compression = compression
        else:
            super()._write_block(last)


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
                segments = self.indexes[name]._segments()
                if len(segments) > 1 or any(segment.has_deletions() for segment in segments):
                    self._writer(name).commit(optimize=True)

    def segment_counts(self) -> dict[str, int]:
        return {name: len(self.indexes[name]._segments()) for name in INDEX_NAMES}

    def doc_count(self, name: str = "articles") -> int:
        return self.indexes[name].doc_count()

    def _writer(self, name: str):
        try:
            return _SegmentWriter(self.indexes[name], timeout=LOCK_TIMEOUT_SECONDS)
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
