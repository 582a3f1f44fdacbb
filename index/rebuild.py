"""Rebuild the Whoosh indexes from the store, and bring them up to date at start-up.

The index is derived data: it is built aside and swapped in, so a crash during
a rebuild leaves the old index (or none) and never a half-built one in place.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from archive.store import Store
from index.writer import IndexBusy, IndexWriter, index_is_healthy

log = logging.getLogger(__name__)
BATCH = 500


def rebuild(store: Store, index_dir: Path, progress=None) -> int:
    """Index every stored article into a fresh index and swap it in; returns the count."""
    index_dir = Path(index_dir)
    fresh = index_dir.with_name(index_dir.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    writer = IndexWriter(fresh)
    queued_before = store.queued()
    ids = store.all_ids()
    for start in range(0, len(ids), BATCH):
        writer.write(store.get_many(ids[start:start + BATCH]), merge=False, fresh=True)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
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


def catch_up(store: Store, writer: IndexWriter, batch: int = BATCH) -> int:
    """Index what the store queued but the index never committed (a crash, a busy writer)."""
    done = 0
    while True:
        stamps = store.queued(limit=batch)
        if not stamps:
            return done
        writer.write(store.get_many(list(stamps)))
        store.dequeue_unchanged(stamps)
        done += len(stamps)


def recover(store: Store, index_dir: Path) -> IndexWriter:
    """At start-up: rebuild a missing or damaged index, then index anything still queued."""
    index_dir = Path(index_dir)
    if not index_is_healthy(index_dir):
        if store.count():
            log.warning("index at %s is missing, damaged or outdated: rebuilding it from the store "
                        "(%d articles)",
                        index_dir, store.count())
        shutil.rmtree(index_dir, ignore_errors=True)
        rebuild(store, index_dir)
    writer = IndexWriter(index_dir)
    try:
        caught_up = catch_up(store, writer)
    except IndexBusy as exc:  # a CLI ingest holds the writer for its whole load
        log.warning("%s: articles still queued are indexed once it is done", exc)
        return writer
    if caught_up:
        log.warning("indexed %d stored articles the index had missed", caught_up)
    return writer
