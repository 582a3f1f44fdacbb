"""What the collector remembers, in `collect.sqlite3` in the data folder: the feeds followed
(schedule, health), the validators (ETag, Last-Modified) of every URL fetched, the feed
entries already taken, and the fetches asked for on the web.

An entry is marked taken only once its article is stored, and a feed's validators are
kept only once all its new entries are: a poll that stops half-way (a crash) is done again
from the feed, and what it had stored counts as taken.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

STATE_FILE = "collect.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    every_minutes REAL NOT NULL,
    source TEXT,
    added_at TEXT NOT NULL,
    kind TEXT,                      -- feed, sitemap, sitemap-index (as last seen)
    last_fetch TEXT,
    last_status TEXT,               -- ok, not modified, failed
    last_new INTEGER NOT NULL DEFAULT 0,
    next_due TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,  -- in a row
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS taken (
    feed_url TEXT NOT NULL,
    entry_url TEXT NOT NULL,
    stamp TEXT NOT NULL,            -- the entry's date as the feed gave it: a new one is fetched again
    status TEXT NOT NULL,           -- added, updated, duplicate, failed
    article_id INTEGER,
    taken_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_url)
);
CREATE INDEX IF NOT EXISTS taken_by_time ON taken (taken_at);
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,           -- queued, done, failed
    summary TEXT,
    error TEXT
);
"""
FEED_COLUMNS = ("url", "every_minutes", "source", "added_at", "kind", "last_fetch", "last_status",
                "last_new", "next_due", "failures", "last_error")


def now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class CollectState:
    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / STATE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self):
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _rows(self, sql: str, args=()) -> list[dict]:
        with self._lock:
            return [dict(row) for row in self._db.execute(sql, args)]

    # Feeds ------------------------------------------------------------------

    def add_feed(self, url: str, every_minutes: float, source: str | None) -> bool:
        """Follow `url` (due at once); False when it was followed already (its settings change)."""
        with self._transaction() as db:
            known = db.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone()
            if known:
                db.execute("UPDATE feeds SET every_minutes = ?, source = ? WHERE url = ?",
                           (every_minutes, source, url))
                return False
            db.execute("INSERT INTO feeds (url, every_minutes, source, added_at, next_due) VALUES (?, ?, ?, ?, ?)",
                       (url, every_minutes, source, iso(now()), iso(now())))
            return True

    def remove_feed(self, url: str) -> bool:
        with self._transaction() as db:
            gone = db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount
            db.execute("DELETE FROM taken WHERE feed_url = ?", (url,))
            return bool(gone)

    def feed(self, url: str) -> dict | None:
        rows = self._rows("SELECT * FROM feeds WHERE url = ?", (url,))
        return rows[0] if rows else None

    def feeds(self) -> list[dict]:
        return self._rows("SELECT * FROM feeds ORDER BY url")

    def due_feeds(self, at: datetime | None = None) -> list[dict]:
        return self._rows("SELECT * FROM feeds WHERE next_due <= ? ORDER BY next_due, url", (iso(at or now()),))

    def next_due(self) -> datetime | None:
        rows = self._rows("SELECT MIN(next_due) AS due FROM feeds")
        return datetime.fromisoformat(rows[0]["due"]) if rows and rows[0]["due"] else None

    def record_poll(self, url: str, status: str, new: int, kind: str | None, max_backoff_minutes: float,
                    error: str | None = None) -> None:
        """After a poll: its outcome and the next due time; a failure backs the feed off
        (twice its interval per failure in a row, up to `max_backoff_minutes`)."""
        with self._transaction() as db:
            row = db.execute("SELECT every_minutes, failures FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:  # removed meanwhile
                return
            failures = row["failures"] + 1 if error else 0
            minutes = row["every_minutes"] if not error else min(row["every_minutes"] * 2 ** failures,
                                                                 max(max_backoff_minutes, row["every_minutes"]))
            moment = now()
            db.execute("UPDATE feeds SET last_fetch = ?, last_status = ?, last_new = ?, next_due = ?, failures = ?, "
                       "last_error = ?, kind = COALESCE(?, kind) WHERE url = ?",
                       (iso(moment), status, new, iso(moment + timedelta(minutes=minutes)), failures, error, kind, url))

    def make_due(self, url: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE feeds SET next_due = ? WHERE url = ?", (iso(now()), url))

    def new_articles_since(self, since: datetime) -> dict[str, int]:
        """Per feed, the entries stored as new or updated articles since `since`."""
        rows = self._rows("SELECT feed_url, COUNT(*) AS n FROM taken WHERE taken_at >= ? "
                          "AND status IN ('added', 'updated') GROUP BY feed_url", (iso(since),))
        return {row["feed_url"]: row["n"] for row in rows}

    # Validators ---------------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        rows = self._rows("SELECT etag, last_modified FROM validators WHERE url = ?", (url,))
        return (rows[0]["etag"], rows[0]["last_modified"]) if rows else (None, None)

    def keep_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if not etag and not last_modified:
            return
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO validators (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)",
                       (url, etag, last_modified, iso(now())))

    # Entries --------------------------------------------------------------------

    def taken_stamps(self, feed_url: str) -> dict[str, str]:
        return {row["entry_url"]: row["stamp"]
                for row in self._rows("SELECT entry_url, stamp FROM taken WHERE feed_url = ?", (feed_url,))}

    def mark_taken(self, feed_url: str, taken: list[tuple[str, str, str, int | None]]) -> None:
        """(entry URL, stamp, status, article id) of entries whose articles are stored."""
        moment = iso(now())
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO taken (feed_url, entry_url, stamp, status, article_id, taken_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [(feed_url, url, stamp, status, article_id, moment)
                            for url, stamp, status, article_id in taken])

    # Fetches asked for on the web ----------------------------------------------------

    def queue_fetch(self, url: str) -> int:
        with self._transaction() as db:
            return db.execute("INSERT INTO fetches (url, requested_at, status) VALUES (?, ?, 'queued')",
                              (url, iso(now()))).lastrowid

    def finish_fetch(self, fetch_id: int, status: str, summary: str | None, error: str | None) -> None:
        with self._transaction() as db:
            db.execute("UPDATE fetches SET finished_at = ?, status = ?, summary = ?, error = ? WHERE id = ?",
                       (iso(now()), status, summary, error, fetch_id))

    def recent_fetches(self, limit: int = 20) -> list[dict]:
        return self._rows("SELECT * FROM fetches ORDER BY id DESC LIMIT ?", (limit,))

    def interrupted_fetches(self) -> None:
        """At start: fetches a stopped server left queued will not finish."""
        with self._transaction() as db:
            db.execute("UPDATE fetches SET status = 'failed', error = 'the server stopped before it was done', "
                       "finished_at = ? WHERE status = 'queued'", (iso(now()),))
