"""Re-extract stored articles with the current extractor: `python -m archive reannotate [--all]`.

Each article is read again from its stored original (so improved readers and dates apply
too), annotated, and rewritten in place by `Store.put_reextracted`: its id, identity,
versions and original stay, reviewers' corrections are applied again to the new machine
output, and it is queued for the index. Which articles: those whose extraction version
(archive.extraction_version) is not the current one; with `--all`, every article.

Once every article is done, the archive-wide people pass (archive.people_resolution.
resolve_people) decides who is who again from the fresh output, in one transaction.

Killed at any moment, nothing is lost: a batch is one transaction that rewrites its
articles and stamps them with the current version, so a second run goes on with those
still stale. A run is noted in `reannotate_runs` from its start until its people pass is
committed; `--all` first clears every article's version in the transaction that notes it,
so a second `--all` goes on the same way rather than starting again.

The index: the command writes only the store and its index queue. Whoever holds the index
writer takes the queue: this command through an IndexFeeder (index.feeder) when no server
runs, else the server's index thread, which keeps answering with the old annotations until
the new ones are committed.

What the original cannot give again is kept as stored: the source (the user's `--source`
or a feed's name may have given it), a URL, a publication date the user gave (`upload`),
and a feed's or sitemap's date (weighed again against what the page says). An original
that is missing, no longer read as an article, or held by a feed entry (the feed's bytes,
whose items the reader names otherwise) is re-annotated from the stored text instead.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO

from archive.collect.items import insert_by_rank
from archive.corrections import machine_annotations
from archive.dates.arbitration import ONLY_REVISION_REASON
from archive.extraction_version import extraction_version
from archive.model import Article, DateCandidate, Entity, Quote
from archive.normalize import normalize
from archive.people import refresh_person_keys
from archive.people_resolution import resolve_people
from archive.pid_lock import LockHeld, hold_pid_lock
from archive.pipeline import _worker_init, annotate, feeding
from archive.readers import Limits, iter_file
from archive.store import Store

log = logging.getLogger(__name__)

BATCH = 32  # articles a transaction
ITEM_NUMBER = re.compile(r"#\d+$")  # "feed.xml#3": the third article the reader found in feed.xml
# Date sources the original does not hold: the user's date, and what a feed or sitemap said.
KEPT_DATE = "upload"
OUTSIDE_DATES = ("feed", "sitemap")
RUNS_SCHEMA = "CREATE TABLE IF NOT EXISTS reannotate_runs (started_at TEXT NOT NULL)"  # a row: a run under way
EXAMPLES = 20  # speaker changes and date changes listed at the end of a run, each
NAMES_SHOWN = 10  # the names most often added, and removed
LOCK_NAME = "reannotate.lock"


class ReannotateBusy(RuntimeError):
    """Another reannotate works on this archive folder."""


def hold_lock(data_dir) -> IO[str]:
    """One reannotate per folder (two would do the same work twice): the open, locked file,
    to keep open while it runs; the operating system lets go of it however the process ends."""
    try:
        return hold_pid_lock(os.path.join(data_dir, LOCK_NAME))
    except LockHeld as held:
        raise ReannotateBusy(f"another reannotate{held.by} is at work on {data_dir}") from None


def progress_printer(stream: IO[str]) -> Callable[["Summary"], None]:
    """Shows how far a run is after each batch: one updated line on a terminal, else a line a batch."""
    def show(summary: "Summary") -> None:
        line = f"reannotated {summary.done + len(summary.failed) + len(summary.skipped):,}/{summary.total:,} articles"
        stream.write(f"\r\033[K{line}" if stream.isatty() else f"{line}\n")
        stream.flush()
    return show


@dataclass
class Target:
    """One stored article to re-extract: what a worker process needs."""

    article: Article  # as stored (its quotes and entities left out)
    original: str | None  # the path of its original file
    content_hash: str  # as stored: a new version stored meanwhile is not overwritten


@dataclass
class Reextracted:
    article_id: int
    content_hash: str  # what it was re-extracted from
    article: Article | None  # annotated; None when annotating failed
    from_original: bool
    note: str | None = None  # why not from the original, or why it failed


@dataclass
class Summary:
    version: str
    total: int = 0
    done: int = 0
    from_stored_text: int = 0
    failed: list[str] = field(default_factory=list)  # left stale: the next run tries them again
    skipped: list[str] = field(default_factory=list)  # not rewritten, and why
    changed_articles: int = 0
    speakers_changed: int = 0
    quotes_found: int = 0
    quotes_lost: int = 0
    dates_changed: int = 0
    names_added: Counter = field(default_factory=Counter)  # (type, name) -> articles
    names_removed: Counter = field(default_factory=Counter)
    speaker_changes: list[str] = field(default_factory=list)  # the first EXAMPLES
    date_changes: list[str] = field(default_factory=list)
    people: dict | None = None  # what the archive-wide people pass did (None: it did not run)

    def lines(self) -> list[str]:
        lines = [f"reannotated {self.done:,} of {self.total:,} articles with extraction version {self.version} "
                 f"({self.done - self.from_stored_text:,} from their originals, {self.from_stored_text:,} "
                 f"from the stored text)",
                 f"changed: {self.changed_articles:,} articles; {self.speakers_changed:,} quotations' speakers, "
                 f"{self.quotes_found:,} quotations found, {self.quotes_lost:,} no longer found; "
                 f"{sum(self.names_added.values()):,} entities added, {sum(self.names_removed.values()):,} "
                 f"removed; {self.dates_changed:,} dates (published or updated)"]
        lines += _listed("speakers changed", self.speaker_changes, self.speakers_changed)
        for what, names in (("entities added", self.names_added), ("entities removed", self.names_removed)):
            if names:
                lines.append(f"{what}, most often: " + ", ".join(
                    f"{name} ({kind}) {count}" for (kind, name), count in names.most_common(NAMES_SHOWN)))
        lines += _listed("dates changed", self.date_changes, self.dates_changed)
        if self.people is not None:
            decided = ", ".join(f"{count:,} {kind}" for kind, count in sorted(self.people["decisions"].items()))
            lines.append(f"people across the archive: {self.people['articles_rewritten']:,} articles rewritten "
                         f"(names decided: {decided or 'none'})")
        lines += [f"not rewritten: {reason}" for reason in self.skipped]
        lines += [f"failed: {reason}" for reason in self.failed]
        return lines


def _listed(what: str, examples: list[str], count: int) -> list[str]:
    if not examples:
        return []
    heading = f"{what}:" if count <= len(examples) else f"{what} (the first {len(examples)} of {count:,}):"
    return [heading] + [f"  {example}" for example in examples]


# Reading again -----------------------------------------------------------------------------

def reextract_chunk(targets: list[Target], limits: Limits | None = None) -> list[Reextracted]:
    """Read each article again from its original (else take its stored text), then annotate
    them together; runs in a worker process with --jobs."""
    results = []
    for target in targets:
        article, note = reread(target, limits)
        if article is None:
            article = _stored_text(target.article)
        results.append(Reextracted(target.article.id, target.content_hash, article, from_original=note is None,
                                   note=note))
    try:
        annotate([r.article for r in results])
    except Exception:
        for result in results:
            try:
                annotate([result.article])
            except Exception:
                log.exception("annotating article %d failed", result.article_id)
                result.article, result.note = None, "could not be annotated (an internal error, logged)"
    return results


def reread(target: Target, limits: Limits | None = None) -> tuple[Article | None, str | None]:
    """The article read again from its original, with what only the store knows put back;
    (None, why) when that cannot be done."""
    stored = target.article
    if not target.original or not stored.file:
        return None, "no original kept"
    try:
        with open(target.original, "rb") as file:
            data = file.read()
    except OSError as exc:
        return None, f"the original cannot be read ({exc.strerror or exc})"
    items = list(iter_file(ITEM_NUMBER.sub("", stored.file), data, limits))
    matching = [item for item in items if item.name == stored.file] or (items if len(items) == 1 else [])
    if len(matching) != 1 or not matching[0].ok:
        return None, "its original no longer gives this article"
    item = matching[0]
    draft = item.draft
    draft.url = stored.url or draft.url
    draft.source = stored.source or draft.source
    draft.title = draft.title or stored.title
    draft.authors = draft.authors or list(stored.authors)
    for stamp, kind in ((stored.published, "published"), (stored.updated, "modified")):
        # A publication taken from the feed's only revision is found again from that
        # revision (stored as `updated`), caveat and all, not put back as a publication.
        revision_only = kind == "published" and stamp.reason == ONLY_REVISION_REASON
        if stamp.source in OUTSIDE_DATES and stamp.raw and not revision_only:
            insert_by_rank(draft.date_candidates, DateCandidate(stamp.raw, stamp.source, kind=kind))
    # Dates are judged against when the archive received the file (one more than a day after it is
    # refused as impossible), as they were at ingest.
    article = normalize(draft, now=stored.ingested_at)
    if not article.body and not article.title:
        return None, "its original no longer gives any article text"
    if stored.published.source == KEPT_DATE:
        article.published = stored.published
    article.file, article.original_sha256, article.ingested_at = stored.file, stored.original_sha256, stored.ingested_at
    return article, None


def _stored_text(stored: Article) -> Article:
    return dataclasses.replace(stored, quotes=[], entities=[])


# Storing -----------------------------------------------------------------------------------

class Reannotator:
    """Re-extracts articles in batches, one transaction each; `indexing` (an IndexFeeder, or
    None when a running server indexes the queue) hears of each stored batch."""

    def __init__(self, store: Store, indexing=None, limits: Limits | None = None):
        self.store = store
        self.indexing = indexing
        self.limits = limits
        self._before: dict[int, MachineView] = {}  # each article rewritten, as it was before
        with store.transaction() as db:
            db.execute(RUNS_SCHEMA)

    def start(self, everything: bool) -> list[int]:
        """The ids to re-extract. `everything`: all articles, unless a run was stopped before
        the end, which this one finishes (a run is under way from here until its people pass
        is committed: `reannotate_runs` has its row)."""
        version = extraction_version()
        with self.store.transaction() as db:
            running = db.execute("SELECT started_at FROM reannotate_runs").fetchone()
            if running is not None:
                log.warning("going on with the run started at %s UTC", running[0])
            elif everything:
                db.execute("UPDATE articles SET extraction_version = NULL")
                # The registry is remade as a fresh ingest makes it, article by article in id
                # order: which person a surname joins depends on the names known before it.
                db.execute("DELETE FROM people")
            # The people registry keys names with names.person_key, which is extraction code too.
            refresh_person_keys(db)
            ids = self.store.stale_ids(version)
            if running is None and ids:
                db.execute("INSERT INTO reannotate_runs (started_at) VALUES (datetime('now'))")
        return ids

    def run(self, ids: list[int], jobs: int = 1, batch_size: int = BATCH,
            on_batch: Callable[[Summary], None] | None = None) -> Summary:
        summary = Summary(extraction_version(), total=len(ids))
        with feeding(self.indexing):
            for results in self._results(ids, jobs, batch_size):
                self._store(results, summary)
                if on_batch:
                    on_batch(summary)
        self._finish_run(summary)
        self._summarize_changes(summary)
        return summary

    def _summarize_changes(self, summary: Summary) -> None:
        """Each rewritten article's machine output now against before the run: only now, since
        an article re-extracted later in the run (a registry rename) or the people pass may
        change it again."""
        for article_id, before in sorted(self._before.items()):
            _count_changes(summary, article_id, before, _machine_view(self.store.db, article_id))
        self._before = {}

    def _finish_run(self, summary: Summary) -> None:
        """Who is who, decided again over the whole archive from the fresh output
        (archive.people_resolution), in one transaction that also ends the run; articles it
        rewrites are queued for the index. A run with failures stays under way, so its
        people pass is done again by the next."""
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM reannotate_runs").fetchone() is None:
                return
            summary.people = resolve_people(db)
            if not summary.failed:
                db.execute("DELETE FROM reannotate_runs")

    def _results(self, ids: list[int], jobs: int, batch_size: int) -> Iterator[list[Reextracted]]:
        batches = (ids[start:start + batch_size] for start in range(0, len(ids), batch_size))
        if jobs <= 1:
            for batch in batches:
                yield reextract_chunk(self._targets(batch), self.limits)
            return
        with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
            pending = []
            for batch in batches:
                pending.append(pool.submit(reextract_chunk, self._targets(batch), self.limits))
                if len(pending) >= jobs * 2:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()

    def _targets(self, ids: list[int]) -> list[Target]:
        targets = []
        hashes = self.store.content_hashes(ids)
        for article in self.store.get_many(ids):
            article.quotes, article.entities = [], []
            original = self.store.original_path(article.original_sha256) if article.original_sha256 else None
            targets.append(Target(article, str(original) if original else None, hashes[article.id]))
        return targets

    def _store(self, results: list[Reextracted], summary: Summary) -> None:
        stored: list[Article] = []
        with self.store.transaction() as db:
            for result in results:
                if result.article is None:
                    summary.failed.append(f"#{result.article_id}: {result.note}")
                    continue
                before = _machine_view(db, result.article_id)
                refused = self.store.put_reextracted(db, result.article_id, result.article, result.content_hash)
                if refused:
                    summary.skipped.append(f"#{result.article_id}: {refused}")
                    continue
                self._before.setdefault(result.article_id, before)
                summary.done += 1
                summary.from_stored_text += not result.from_original
                if not result.from_original:
                    log.info("article %d re-annotated from its stored text: %s", result.article_id, result.note)
                stored.append(result.article)
            queued_at = self.store.queued_at([article.id for article in stored], db)
        if self.indexing is not None and stored:
            self.indexing.stored(stored, queued_at)


# What changed ------------------------------------------------------------------------------

@dataclass
class MachineView:
    """An article's machine output as stored (before reviewers' corrections) and its dates."""

    file: str
    quotes: list[Quote]
    entities: list[Entity]
    dates: tuple


def _machine_view(db: sqlite3.Connection, article_id: int) -> MachineView:
    row = db.execute("SELECT file, published, published_precision, updated, updated_precision FROM articles "
                     "WHERE id = ?", (article_id,)).fetchone()
    kept = machine_annotations(db, article_id)
    if kept is not None:
        quotes, entities = kept
    else:
        quotes = [Quote(text=r["text"], start=r["start"], end=r["end"], speaker=r["speaker"])
                  for r in db.execute("SELECT text, start, end, speaker FROM quotes WHERE article_id = ? "
                                      "ORDER BY seq", (article_id,))]
        entities = [Entity(name=r["name"], type=r["type"], aliases=json.loads(r["aliases"]))
                    for r in db.execute("SELECT name, type, aliases FROM entities WHERE article_id = ?",
                                        (article_id,))]
    return MachineView(row["file"] or f"#{article_id}", quotes, entities, tuple(row)[1:])


def _count_changes(summary: Summary, article_id: int, before: MachineView, after: MachineView) -> None:
    """Quotations are matched by their words (offsets move when the text is read anew)."""
    where = f"{after.file} #{article_id}"
    old_by_text: dict[str, list[str | None]] = {}
    for quote in before.quotes:
        old_by_text.setdefault(quote.text, []).append(quote.speaker)
    speakers = found = 0
    for quote in after.quotes:
        olds = old_by_text.get(quote.text)
        if not olds:
            found += 1
            continue
        old = olds.pop(0)
        if old != quote.speaker:
            speakers += 1
            _note(summary.speaker_changes, f"{where}: \u201c{_short(quote.text)}\u201d {old} -> {quote.speaker}")
    lost = sum(len(olds) for olds in old_by_text.values())
    old_names = {(e.type, e.name) for e in before.entities}
    new_names = {(e.type, e.name) for e in after.entities}
    summary.names_added.update(new_names - old_names)
    summary.names_removed.update(old_names - new_names)
    dates = before.dates != after.dates
    if dates:
        _note(summary.date_changes, f"{where}: {before.dates[0]} -> {after.dates[0]}")
    summary.speakers_changed += speakers
    summary.quotes_found += found
    summary.quotes_lost += lost
    summary.dates_changed += dates
    if speakers or found or lost or dates or old_names != new_names:
        summary.changed_articles += 1


def _note(examples: list[str], line: str) -> None:
    if len(examples) < EXAMPLES:
        examples.append(line)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
