"""Rebuild the Whoosh indexes from the store, and bring them up to date at start-up.

The index is derived data: it is built aside and swapped in, so a crash during
a rebuild leaves the old index (or none) and never a half-built one in place.

What is read of each article is bounded (its annotated part, index.documents), and
articles are indexed in batches bounded by their characters as well as by their
number, so one huge article costs what a long one does and does not hold up the
articles queued after it.
"""
from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

from archive.normalize import ANNOTATED_CHARS
from archive.store import Store
from index.feeder import BATCH, IndexFeeder, articles_to_index, within_chars
from index.writer import INDEX_FORMAT, IndexBusy, IndexWriter, index_format, index_is_healthy, mark_index_format

log = logging.getLogger(__name__)


def rebuild(store: Store, index_dir: Path, progress=None) -> int:
    """Index every stored article into a fresh index and swap it in; returns the count."""
    index_dir = Path(index_dir)
    fresh = index_dir.with_name(index_dir.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    writer = IndexWriter(fresh)
    queued_before = store.queued()
    ids = store.all_ids()
    done = 0
    for batch in _batches(store, ids):
        writer.write(articles_to_index(store, batch), merge=False, fresh=True)
        done += len(batch)
        if progress:
            progress(done, len(ids))
    writer.optimize()
    old = index_dir.with_name(index_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if index_dir.exists():
        index_dir.rename(old)
    fresh.rename(index_dir)
    shutil.rmtree(old, ignore_errors=True)
    indexed = set(ids)
    store.dequeue_unchanged({i: at for i, at in queued_before.items() if i in indexed})
    return len(ids)


def _batches(store: Store, ids: list[int]) -> Iterator[list[int]]:
    """`ids` in batches bounded as index.feeder.next_batch bounds them."""
    start = 0
    while start < len(ids):
        candidates = ids[start:start + BATCH]
        batch = within_chars(candidates, store.body_lengths(candidates))
        start += len(batch)
        yield batch


def recover(store: Store, index_dir: Path, index_queue: bool = True) -> IndexWriter:
    """At start-up: rebuild a missing or damaged index, bring one written in an older
    format up to date, then (`index_queue`) index anything still queued.

    A server passes index_queue=False and serves at once: its index thread
    (index.feeder.IndexThread) indexes the queue meanwhile. A rebuild still happens before that (searches need an index to
    answer); it reads a bounded part of each article, so its time grows with the number
    of articles, not with their size."""
    index_dir = Path(index_dir)
    if not index_is_healthy(index_dir):
        if store.count():
            log.warning("index at %s is missing, damaged or outdated: rebuilding it from the store "
                        "(%d articles)",
                        index_dir, store.count())
        shutil.rmtree(index_dir, ignore_errors=True)
        rebuild(store, index_dir)
    elif index_format(index_dir) < INDEX_FORMAT:
        upgrade_format(store, index_dir)
    writer = IndexWriter(index_dir)
    if not index_queue:
        return writer
    try:
        caught_up = IndexFeeder(store, writer).index_queued()
    except IndexBusy as exc:  # a CLI ingest holds the writer for its whole load
        log.warning("%s: articles still queued are indexed once it is done", exc)
        return writer
    if caught_up:
        log.warning("indexed %d stored articles the index had missed", caught_up)
    return writer


def upgrade_format(store: Store, index_dir: Path) -> None:
    """An index of format 1 holds the whole body of every article: only those longer than
    the annotated part differ from what this version writes, so they are queued to be
    indexed again (the queue's reader does it) rather than the whole index rebuilt."""
    queued = store.queue_longer_than(ANNOTATED_CHARS)
    if queued:
        log.warning("index at %s holds the whole body of %d long articles: they are queued to be "
                    "indexed again, with their first %s characters", index_dir, queued, f"{ANNOTATED_CHARS:,}")
    mark_index_format(index_dir)
