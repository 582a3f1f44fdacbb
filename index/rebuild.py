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
from collections.abc import Iterable, Iterator
from pathlib import Path

from archive.model import Article
from archive.normalize import ANNOTATED_CHARS
from archive.store import ANNOTATED_PREFIX_CHARS, Store
from index.writer import INDEX_FORMAT, IndexBusy, IndexWriter, index_format, index_is_healthy, mark_index_format

log = logging.getLogger(__name__)
BATCH = 500
# Characters of body indexed in one commit at most (a single longer article is a batch of
# its own). Whoosh indexes a million characters in 1.2 to 1.4 s on the 2-core development
# machine (five articles of 200,000 or two hundred of 5,000), so an upload queued behind a
# batch waits about that long, not for 500 articles of any size.
BATCH_CHARS = 1_000_000


def articles_to_index(store: Store, article_ids: list[int]) -> list[Article]:
    """These articles as the index reads them: of a long body only the start that holds
    its annotated part, never the rest."""
    return store.get_many(article_ids, body_chars=ANNOTATED_PREFIX_CHARS)


def next_batch(store: Store, excluding: Iterable[int] = ()) -> dict[int, str]:
    """The next queued articles to index, lowest id first, each with when it was queued: at
    most BATCH of them and BATCH_CHARS of indexed body (at least one article)."""
    stamps = store.queued(limit=BATCH, excluding=excluding)
    ids = _within_chars(list(stamps), store.body_lengths(list(stamps)))
    return {article_id: stamps[article_id] for article_id in ids}


def _within_chars(ids: list[int], lengths: dict[int, int]) -> list[int]:
    """The first of `ids` whose indexed bodies add up to no more than BATCH_CHARS (at least one)."""
    total = 0
    for count, article_id in enumerate(ids):
        total += min(lengths.get(article_id, 0), ANNOTATED_CHARS)
        if total > BATCH_CHARS and count:
            return ids[:count]
    return ids


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
    """`ids` in batches bounded as next_batch bounds them."""
    start = 0
    while start < len(ids):
        candidates = ids[start:start + BATCH]
        batch = _within_chars(candidates, store.body_lengths(candidates))
        start += len(batch)
        yield batch


def catch_up(store: Store, writer: IndexWriter) -> int:
    """Index what the store queued but the index never committed (a crash, a busy writer)."""
    done = 0
    while True:
        stamps = next_batch(store)
        if not stamps:
            return done
        writer.write(articles_to_index(store, list(stamps)))
        store.dequeue_unchanged(stamps)
        done += len(stamps)


def recover(store: Store, index_dir: Path, index_queue: bool = True) -> IndexWriter:
    """At start-up: rebuild a missing or damaged index, bring one written in an older
    format up to date, then (`index_queue`) index anything still queued.

    A server passes index_queue=False and serves at once: its index thread indexes the
    queue meanwhile. A rebuild still happens before that (searches need an index to
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
        caught_up = catch_up(store, writer)
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
