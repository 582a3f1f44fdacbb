"""Logins kept on the server, so that logging out ends a session even if its cookie was copied.

The signed session cookie carries a random session id; this table holds a digest of
it (never the id itself), the keyed mark of the upload token it was opened with (a new
token ends every session) and when it expires. It lives in its own small SQLite file
in the data folder, apart from the articles, so a login never waits behind a large
upload's transaction.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

SESSIONS_FILE = "sessions.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    digest TEXT PRIMARY KEY,
    token_mark TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Sessions:
    def __init__(self, data_dir: str | Path, lifetime: timedelta):
        self.path = Path(data_dir) / SESSIONS_FILE
        self.lifetime = lifetime
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        """Opened on first use: a read-only archive that nobody logs in to never needs it."""
        if self._connection is None:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            connection.executescript(SCHEMA)
            self._connection = connection
        return self._connection

    def open(self, token_mark: str) -> str:
        """A new session for a holder of the token whose mark this is; its id, for the cookie."""
        session_id = secrets.token_urlsafe(32)
        now = _now()
        with self._lock:
            db = self._db()
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)",
                       (_digest(session_id), token_mark, now.isoformat(), (now + self.lifetime).isoformat()))
        return session_id

    def valid(self, session_id: str | None, token_mark: str) -> bool:
        if not session_id:
            return False
        with self._lock:
            try:
                row = self._db().execute("SELECT token_mark, expires_at FROM sessions WHERE digest = ?",
                                         (_digest(session_id),)).fetchone()
            except sqlite3.Error:  # no sessions file (a read-only archive): nobody is logged in
                return False
        return (row is not None and hmac.compare_digest(row[0], token_mark)
                and row[1] >= _now().isoformat())

    def close(self, session_id: str | None) -> None:
        if not session_id:
            return
        with self._lock:
            self._db().execute("DELETE FROM sessions WHERE digest = ?", (_digest(session_id),))

    def shutdown(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
