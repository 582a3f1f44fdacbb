"""Fetch one URL, or poll one feed, end to end: fetch (conditionally), tell what it is, take
its new entries (a full-content entry from the feed itself, a link-only one from its page)
and store them in batches through the sink."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from archive.collect.client import BoundedDecoder, Fetched, Fetcher, FetchFailed
from archive.collect.guard import FetchRefused
from archive.collect.items import clean_url, entry_item, page_items
from archive.collect.settings import FetchSettings
from archive.collect.sink import Sink
from archive.collect.sources import Entry, Source, SourceError, kind_of, parse
from archive.collect.state import CollectState
from archive.pipeline import FileReport, IngestOptions
from archive.readers import Limits, ReadItem

log = logging.getLogger(__name__)

FETCH_ERRORS = (FetchRefused, FetchFailed, SourceError)
GZIP_MAGIC = b"\x1f\x8b"
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")


@dataclass
class Outcome:
    url: str
    status: str = "ok"  # ok, not modified, failed
    kind: str | None = None  # page, feed, sitemap, sitemap-index
    reports: list[FileReport] = field(default_factory=list)
    error: str | None = None
    pending: int = 0  # new entries left for the next poll

    @property
    def new(self) -> int:
        return sum(1 for r in self.reports if r.status in ("added", "updated"))

    def summary(self) -> str:
        if self.error:
            return f"failed: {self.error}"
        if self.status == "not modified":
            return "not modified"
        counts: dict[str, int] = {}
        for report in self.reports:
            counts[report.status] = counts.get(report.status, 0) + 1
        text = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing new"
        return text + (f"; {self.pending} more at the next poll" if self.pending else "")


@dataclass
class _Taking:
    """Entries of one feed on their way to the store."""

    key: str
    stamp: str
    items: list[ReadItem]
    permanent: bool = True  # a failure worth trying again next time is not


class Collector:
    def __init__(self, fetcher: Fetcher, state: CollectState, sink: Sink, settings: FetchSettings,
                 limits: Limits | None = None, batch_size: int = 8, max_new: int = 200):
        self.fetcher = fetcher
        self.state = state
        self.sink = sink
        self.settings = settings
        self.limits = limits or Limits()
        self.batch_size = batch_size
        self.max_new = max_new  # entries taken in one poll; the rest wait for the next

    def fetch(self, url: str, options: IngestOptions | None = None) -> Outcome:
        """A page, a feed or a sitemap, once."""
        return self._collect(url, options or IngestOptions())

    def poll(self, feed: dict) -> Outcome:
        """Poll one followed feed and record how it went (its schedule, its health)."""
        try:
            outcome = self._collect(feed["url"], IngestOptions(source=feed.get("source")))
        except Exception as exc:  # a bug or a full disk: this feed fails, the others go on
            log.exception("polling %s failed", feed["url"])
            outcome = Outcome(feed["url"], "failed", error=f"{type(exc).__name__}: {exc}")
        self.state.record_poll(feed["url"], outcome.status, outcome.new, outcome.kind,
                               self.settings.max_backoff_minutes, outcome.error)
        return outcome

    def _collect(self, url: str, options: IngestOptions) -> Outcome:
        outcome = Outcome(url)
        try:
            fetched = self._get(url)
            if fetched.not_modified:
                outcome.status = "not modified"
                return outcome
            outcome.kind = kind_of(fetched.body, fetched.content_type)
            if outcome.kind == "page":
                outcome.reports = self.sink.store(page_items(fetched.url, fetched.body, None, self.limits), options)
                self._keep_validators(fetched)
                return outcome
            source = parse(fetched.body, outcome.kind, fetched.url, self.settings.max_entries)
            children = self._children(source, outcome) if outcome.kind == "sitemap-index" else []
            entries = source.entries + [e for child, _ in children for e in child.entries]
            outcome.pending, retry = self._take(url, source.title, entries, fetched.body, options, outcome)
            if not outcome.pending and not retry:  # all stored: the same documents need not be read again
                for document in [fetched] + [f for _, f in children]:
                    self._keep_validators(document)
        except FETCH_ERRORS as exc:
            outcome.status, outcome.error = "failed", str(exc)
        return outcome

    def _get(self, url: str) -> Fetched:
        etag, last_modified = self.state.validators(url)
        fetched = self.fetcher.get(url, etag, last_modified, accept=ACCEPT)
        if fetched.body.startswith(GZIP_MAGIC):  # a gzipped file itself (sitemap.xml.gz), not the transfer
            decoder = BoundedDecoder("gzip", self.settings.max_bytes, fetched.url)
            decoder.feed(fetched.body)
            fetched.body = decoder.finish()
        return fetched

    def _keep_validators(self, fetched: Fetched) -> None:
        """Under the URL asked for, which is the one looked up next time (a feed that
        redirects, http to https, still costs a 304 when unchanged)."""
        self.state.keep_validators(fetched.requested or fetched.url, fetched.etag, fetched.last_modified)

    def _children(self, index: Source, outcome: Outcome) -> list[tuple[Source, Fetched]]:
        """The sitemaps a sitemap index lists (the first `max_sitemaps`); one that fails is
        reported, the others are read."""
        children = []
        for url in index.sitemaps[:self.settings.max_sitemaps]:
            try:
                fetched = self._get(url)
                if fetched.not_modified:
                    continue
                kind = kind_of(fetched.body, fetched.content_type)
                if kind != "sitemap":
                    raise SourceError(f"{url}, listed in a sitemap index, is a {kind}, not a sitemap")
                children.append((parse(fetched.body, kind, fetched.url, self.settings.max_entries), fetched))
            except FETCH_ERRORS as exc:
                outcome.reports.append(FileReport(url, "failed", reason=str(exc)))
        return children

    def _take(self, feed_url: str, feed_title: str | None, entries: list[Entry], feed_body: bytes,
              options: IngestOptions, outcome: Outcome) -> tuple[int, bool]:
        """Store the entries not taken before (or whose date changed); the number left over,
        and whether one failed in a way worth trying again."""
        taken = self.state.taken_stamps(feed_url)
        fresh, seen = [], set()
        for entry in entries:
            key = clean_url(entry.url) if entry.url else f"#{entry.title or ''}"
            stamp = entry.updated or entry.published or ""
            if key in seen or taken.get(key) == stamp or not (entry.url or entry.has_full_content):
                continue
            seen.add(key)
            fresh.append((key, stamp, entry))
        batch: list[_Taking] = []
        retry = False
        for key, stamp, entry in fresh[:self.max_new]:
            batch.append(self._entry(key, stamp, entry, feed_url, feed_title, feed_body))
            retry = retry or not batch[-1].permanent
            if sum(len(t.items) for t in batch) >= self.batch_size:
                outcome.reports += self._store(feed_url, batch, options)
                batch = []
        outcome.reports += self._store(feed_url, batch, options)
        return max(0, len(fresh) - self.max_new), retry

    def _entry(self, key: str, stamp: str, entry: Entry, feed_url: str, feed_title: str | None,
               feed_body: bytes) -> _Taking:
        if entry.has_full_content:
            return _Taking(key, stamp, [entry_item(entry, feed_url, feed_title, feed_body)])
        try:
            fetched = self._get(entry.url)
            if fetched.not_modified:
                return _Taking(key, stamp, [])
            kind = kind_of(fetched.body, fetched.content_type)
            if kind != "page":
                raise SourceError(f"the entry's link is a {kind}, not an article page")
            taking = _Taking(key, stamp, page_items(fetched.url, fetched.body, entry, self.limits))
            self._keep_validators(fetched)
            return taking
        except FETCH_ERRORS as exc:
            # A page that is not an article, is gone or is forbidden by robots.txt stays so;
            # a timeout or a 500 is tried again at the next poll.
            return _Taking(key, stamp, [ReadItem(entry.url, b"", error=str(exc))],
                           permanent=not getattr(exc, "transient", False))

    def _store(self, feed_url: str, batch: list[_Taking], options: IngestOptions) -> list[FileReport]:
        if not batch:
            return []
        items = [item for taking in batch for item in taking.items]
        reports = self.sink.store(items, options) if items else []
        done, position = [], 0
        for taking in batch:
            mine = reports[position:position + len(taking.items)]
            position += len(taking.items)
            if taking.permanent or all(r.status != "failed" for r in mine):
                first = mine[0] if mine else None
                done.append((taking.key, taking.stamp, first.status if first else "not modified",
                             first.article_id if first else None))
        self.state.mark_taken(feed_url, done)
        return reports
