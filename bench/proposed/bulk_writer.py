"""IndexWriter for bulk ingest as proposed: no segment merging on each batch's commit
(one optimize() at the end does it once, as `archive ingest` already calls), and
articles the index cannot hold yet are added, not updated.

During `archive ingest`, IndexWriter.write(batch) commits every 64-file batch with
merge=True, so Whoosh rewrites its small segments again and again; and it calls
update_document plus delete_by_term for every article, which looks each id up in
the index although a newly stored article (an id above every id indexed before
the load began: SQLite hands out ids in increasing order) cannot be there.
"""
from __future__ import annotations

from index.documents import article_document, quote_documents
from index.writer import IndexWriter


class BulkIndexWriter(IndexWriter):
    def __init__(self, path):
        super().__init__(path)
        with self.indexes["articles"].searcher() as searcher:
            ids = [int(fields["id"]) for fields in searcher.all_stored_fields()]
        self.indexed_before = max(ids, default=0)

    def write(self, articles, merge: bool = True) -> None:
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
                for article in articles:
                    if article.id > self.indexed_before:
                        article_writer.add_document(**article_document(article))
                    else:
                        article_writer.update_document(**article_document(article))
                        quote_writer.delete_by_term("article_id", str(article.id))
                    for doc in quote_documents(article):
                        quote_writer.add_document(**doc)
            except BaseException:
                article_writer.cancel()
                quote_writer.cancel()
                raise
            article_writer.commit(merge=False)
            quote_writer.commit(merge=False)


class OneSegmentBulkWriter(BulkIndexWriter):
    """For a bulk load: one Whoosh writer per index for the whole load, committed every
    `commit_every` articles (and by flush() at the end) without merging, so the load
    ends as one new segment per commit and needs no optimize(). (Ingester would have to
    dequeue articles only once their batch is committed, not when write() returns.)"""

    def __init__(self, path, commit_every: int = 5_000):
        super().__init__(path)
        self.commit_every = commit_every
        self._open = None
        self._pending = 0

    def write(self, articles, merge: bool = True) -> None:
        if not articles:
            return
        with self._lock:
            if self._open is None:
                self._open = (self._writer("articles"), self._writer("quotes"))
            article_writer, quote_writer = self._open
            for article in articles:
                if article.id > self.indexed_before:
                    article_writer.add_document(**article_document(article))
                else:
                    article_writer.update_document(**article_document(article))
                    quote_writer.delete_by_term("article_id", str(article.id))
                for doc in quote_documents(article):
                    quote_writer.add_document(**doc)
            self._pending += len(articles)
            if self._pending >= self.commit_every:
                self._commit()

    def flush(self) -> None:
        with self._lock:
            self._commit()

    def _commit(self) -> None:
        if self._open is not None:
            for writer in self._open:
                writer.commit(merge=False)
        self._open, self._pending = None, 0
