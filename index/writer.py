"""The one writer of the Whoosh indexes.

Whoosh allows one writer per index at a time; this class is the only code that
opens one. Articles are written in batches with one commit per batch; after a
bulk load `optimize()` merges segments (many small segments slow queries down).
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

log = logging.getLogger(__name__)

INDEX_NAMES = ("articles", "quotes")
SCHEMAS = {"articles": article_schema, "quotes": quote_schema}
LOCK_TIMEOUT_SECONDS = 30


class IndexBusy(Exception):
    """Another process holds the index writer."""


def open_or_create(path: Path, name: str):
    path.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(path), indexname=name):
        return whoosh_index.open_dir(str(path), indexname=name)
    return whoosh_index.create_in(str(path), SCHEMAS[name](), indexname=name)


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


class IndexWriter:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.indexes = {name: open_or_create(self.path, name) for name in INDEX_NAMES}
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
                if not fresh:
                    ids = [str(article.id) for article in articles]
                    article_writer.delete_by_query(Or([Term("id", i) for i in ids]))
                    quote_writer.delete_by_query(Or([Term("article_id", i) for i in ids]))
                for article in articles:
                    article_writer.add_document(**article_document(article))
                    for doc in quote_documents(article):
                        quote_writer.add_document(**doc)
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

    def optimize(self) -> None:
        with self._lock:
            for name in INDEX_NAMES:
                self.indexes[name].optimize()

    def doc_count(self, name: str = "articles") -> int:
        return self.indexes[name].doc_count()

    def _writer(self, name: str):
        try:
            return self.indexes[name].writer(timeout=LOCK_TIMEOUT_SECONDS)
        except LockError:
            raise IndexBusy(f"the {name} index is being written by another process") from None


def wipe(path: Path) -> None:
    """Remove an index folder (it is derived data; the store rebuilds it)."""
    if path.exists():
        shutil.rmtree(path)
