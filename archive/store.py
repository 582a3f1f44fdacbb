"""The system of record: SQLite for articles, quotes and entities; original files
kept byte for byte under their sha256.

Every batch is one transaction. An article stored here is also queued for the
index in the same transaction, so an index lost or behind after a crash is
caught up from `index_queue` (see `index.rebuild.recover`, which every start runs).
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archive.annotation_rows import entity_from_row, insert_annotations, quote_from_row
from archive.corrections import CORRECTIONS_SCHEMA, correct_new_annotations, mark_corrected_quotes
from archive.extraction_version import extraction_version
from archive.model import Article, Decoding, Timestamp, decoding_fields
from archive.normalize import ANNOTATED_CHARS, annotated_end, annotated_part
from archive.people import PEOPLE_SCHEMA, canonicalize_people, refresh_person_keys

log = logging.getLogger(__name__)

# 3: person keys know surname particles ("Le Pen" is "le pen", not "pen");
# 4: person keys transliterate ("Wałęsa" is "walesa", "Песков" "peskov", no longer "")
SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS originals (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    name TEXT,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,      -- the URL, else original sha256 + item name
    content_hash TEXT NOT NULL UNIQUE,  -- what "the same content" means
    version INTEGER NOT NULL DEFAULT 1,
    title TEXT NOT NULL,
    body_chars INTEGER,                 -- len(body); before body, so reading it skips the body
    annotated_chars INTEGER,            -- how much of the body was annotated (NULL: all, before bounds)
    body TEXT NOT NULL,
    url TEXT,
    source TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    format TEXT,
    encoding TEXT,                      -- how the bytes became text (archive.model.Decoding)
    encoding_method TEXT,
    encoding_doubt TEXT,
    text_repaired INTEGER,
    dateline TEXT,
    published TEXT,
    published_utc TEXT,
    published_precision TEXT,
    published_source TEXT,
    published_raw TEXT,
    published_reason TEXT,
    published_time_of_day TEXT,
    updated TEXT,
    updated_source TEXT,
    updated_precision TEXT,
    updated_raw TEXT,
    extraction_version TEXT,            -- what extracted text, dates and annotations (archive.extraction_version)
    file TEXT,
    original_sha256 TEXT REFERENCES originals(sha256),
    ingested_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published_utc ON articles(published_utc);
CREATE TABLE IF NOT EXISTS article_versions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    original_sha256 TEXT,
    file TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    speaker TEXT,
    speaker_mention TEXT,
    cue TEXT,
    confidence REAL NOT NULL,
    partial INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS entities (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, type, name)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(type, name);
CREATE TABLE IF NOT EXISTS index_queue (
    article_id INTEGER PRIMARY KEY,
    queued_at TEXT NOT NULL
);
"""

# Columns added after SCHEMA_VERSION 1, for archives made before them, with their types.
ADDED_ARTICLE_COLUMNS = {"updated_precision": "TEXT", "updated_raw": "TEXT",
                         "body_chars": "INTEGER", "annotated_chars": "INTEGER",
                         "encoding": "TEXT", "encoding_method": "TEXT", "encoding_doubt": "TEXT",
                         "text_repaired": "INTEGER", "extraction_version": "TEXT"}

ARTICLE_COLUMNS = (
    "title", "body_chars", "annotated_chars", "body", "url", "source", "authors", "language", "format",
    "encoding", "encoding_method", "encoding_doubt", "text_repaired", "dateline",
    "published", "published_utc", "published_precision", "published_source", "published_raw",
    "published_reason", "published_time_of_day", "updated", "updated_source",
    "updated_precision", "updated_raw", "extraction_version", "file", "original_sha256", "ingested_at",
)
# What a re-extraction rewrites: everything read from the original but where it came from and when.
REEXTRACTED_COLUMNS = tuple(c for c in ARTICLE_COLUMNS if c not in ("file", "original_sha256", "ingested_at"))


@dataclass
class BodyExtent:
    body_chars: int  # len(body)
    annotated_chars: int  # how much of it quotes and entities were looked for in (all, before bounds)


@dataclass
class StoreResult:
    status: str  # added, duplicate, updated
    article_id: int
    queued_at: str | None = None  # when put() queued it for indexing (not for a duplicate)


# What to read of a long body to find its annotated part (archive.normalize.annotated_end).
ANNOTATED_PREFIX_CHARS = ANNOTATED_CHARS + 2
# A huge body is hashed a piece at a time rather than copied whole into one string.
HASH_CHUNK_CHARS = 1 << 20


def content_hash(article: Article) -> str:
    """Two files giving the same normalized article are the same content: the sha256 of
    its fields joined by U+001E (authors by U+001F), in UTF-8."""
    fields = [article.title, article.body, article.url or "", article.source or "",
              article.published.iso() or "", article.published.time_of_day or "",
              article.dateline or "", "\x1f".join(article.authors)]
    digest = hashlib.sha256()
    for number, text in enumerate(fields):
        if number:
            digest.update(b"\x1e")
        for start in range(0, len(text), HASH_CHUNK_CHARS):
            digest.update(text[start:start + HASH_CHUNK_CHARS].encode("utf-8"))
    return digest.hexdigest()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class ReadOnlyArchive(OSError):
    """The archive folder cannot be written: searches work, changes are refused."""


class Store:
    def __init__(self, data_dir: str | os.PathLike):
        self.data_dir = Path(data_dir)
        self.originals_dir = self.data_dir / "originals"
        self.path = self.data_dir / "archive.sqlite3"
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._columns: list[str] | None = None  # of the articles table, read once
        self.read_only = False
        try:
            self.originals_dir.mkdir(parents=True, exist_ok=True)
            made_by = self.db.execute("PRAGMA user_version").fetchone()[0]
            self.db.executescript(SCHEMA + PEOPLE_SCHEMA + CORRECTIONS_SCHEMA)
            if "body_chars" in self._add_missing_columns():
                self.db.execute("UPDATE articles SET body_chars = length(body)")
            if made_by < 4:
                refresh_person_keys(self.db)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            extraction_version()  # of the code this process loaded, not of what is on disk later
        except (OSError, sqlite3.OperationalError) as exc:
            if not self.path.exists():
                raise
            log.warning("the archive at %s cannot be written (%s): serving it read-only", self.data_dir, exc)
            self.close()
            self.read_only = True

    def _add_missing_columns(self) -> list[str]:
        """Archives made by an older version lack columns added since (all nullable);
        returns those added."""
        have = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        added = [column for column in ADDED_ARTICLE_COLUMNS if column not in have]
        for column in added:
            self.db.execute(f"ALTER TABLE articles ADD COLUMN {column} {ADDED_ARTICLE_COLUMNS[column]}")
        return added

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections are not shared across threads)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._read_only_connection() if self.read_only else self._connection()
            connection.row_factory = sqlite3.Row
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def _connection(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    def _read_only_connection(self) -> sqlite3.Connection:
        # immutable: a read-only folder cannot hold the WAL's shared-memory file, and nobody can
        # change the database underneath us anyway.
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    def ensure_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyArchive(errno.EROFS, f"the archive folder {self.data_dir} is read-only: "
                                               "nothing can be added; searches still work")

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE on this thread's connection: one writer at a time, readers go on."""
        self.ensure_writable()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # Originals -----------------------------------------------------------

    def original_path(self, sha256: str) -> Path:
        return self.originals_dir / sha256[:2] / sha256

    def keep_original(self, data: bytes) -> str:
        """Write the file under its sha256 (atomically, synced); return the hash."""
        digest = sha256_of(data)
        path = self.original_path(digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    # Writing articles ----------------------------------------------------

    def put(self, db: sqlite3.Connection, article: Article, identity: str, original_name: str) -> StoreResult:
        """Insert or update one article inside the caller's transaction."""
        digest = content_hash(article)
        row = db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row:
            return StoreResult("duplicate", row["id"])
        now = _now()
        if article.original_sha256:
            db.execute("INSERT OR IGNORE INTO originals (sha256, size, name, received_at) VALUES (?, ?, ?, ?)",
                       (article.original_sha256, self._original_size(article.original_sha256),
                        original_name, now))
        values = self._article_values(article)
        existing = db.execute("SELECT id, version FROM articles WHERE identity = ?", (identity,)).fetchone()
        if existing:
            article_id, version = existing["id"], existing["version"] + 1
            assignments = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS if c != "ingested_at")
            db.execute(f"UPDATE articles SET {assignments}, content_hash = ?, version = ?, changed_at = ? "
                       f"WHERE id = ?",
                       [values[c] for c in ARTICLE_COLUMNS if c != "ingested_at"]
                       + [digest, version, now, article_id])
            db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            db.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
            status = "updated"
        else:
            columns = ", ".join(ARTICLE_COLUMNS)
            marks = ", ".join("?" for _ in ARTICLE_COLUMNS)
            cursor = db.execute(
                f"INSERT INTO articles (identity, content_hash, changed_at, {columns}) VALUES (?, ?, ?, {marks})",
                [identity, digest, now] + [values[c] for c in ARTICLE_COLUMNS])
            article_id, version, status = cursor.lastrowid, 1, "added"
        db.execute("INSERT INTO article_versions (article_id, version, content_hash, original_sha256, file, "
                   "received_at) VALUES (?, ?, ?, ?, ?, ?)",
                   (article_id, version, digest, article.original_sha256, article.file, now))
        article.id = article_id  # the archive-wide people pass keeps its evidence by article
        canonicalize_people(db, article)
        correct_new_annotations(db, article_id, article)  # reviewers' corrections, on the machine's output
        insert_annotations(db, article_id, article.quotes, article.entities)
        db.execute("INSERT OR REPLACE INTO index_queue (article_id, queued_at) VALUES (?, ?)", (article_id, now))
        article.id = article_id
        return StoreResult(status, article_id, queued_at=now)

    def put_reextracted(self, db: sqlite3.Connection, article_id: int, article: Article, replacing: str) -> str | None:
        """Replace a stored article's text, dates, quotes and entities by a fresh extraction
        of the same original (archive.reannotate), inside the caller's transaction: its id,
        identity, versions and original stay, reviewers' corrections are applied again, and
        it is queued for the index. `replacing` is the content hash the extraction started
        from. Returns why nothing was written, or None."""
        current = db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if current is None or current[0] != replacing:
            return "a new version of it was stored meanwhile (extracted by the current code)"
        digest = content_hash(article)
        twin = db.execute("SELECT id FROM articles WHERE content_hash = ? AND id != ?", (digest, article_id)).fetchone()
        if twin:
            return f"its original now reads as the content of article #{twin[0]}; kept as it was"
        values = self._article_values(article)
        now = _now()
        assignments = ", ".join(f"{c} = ?" for c in REEXTRACTED_COLUMNS)
        db.execute(f"UPDATE articles SET {assignments}, content_hash = ?, changed_at = ? WHERE id = ?",
                   [values[c] for c in REEXTRACTED_COLUMNS] + [digest, now, article_id])
        article.id = article_id
        canonicalize_people(db, article)
        correct_new_annotations(db, article_id, article)
        # Only now: a registry rename on the way may rewrite this article's old rows too.
        db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
        insert_annotations(db, article_id, article.quotes, article.entities)
        db.execute("INSERT OR REPLACE INTO index_queue (article_id, queued_at) VALUES (?, ?)", (article_id, now))
        return None

    def _original_size(self, sha256: str) -> int:
        try:
            return self.original_path(sha256).stat().st_size
        except OSError:
            return 0

    @staticmethod
    def _article_values(article: Article) -> dict:
        published, updated = article.published, article.updated
        return {
            "title": article.title,
            "body_chars": len(article.body),
            "annotated_chars": annotated_end(article.body),
            "body": article.body,
            "url": article.url,
            "source": article.source,
            "authors": json.dumps(article.authors, ensure_ascii=False),
            "language": article.language,
            "format": article.format,
            **decoding_fields(article.decoding),
            "dateline": article.dateline,
            "published": published.iso(),
            "published_utc": published.utc_iso(),
            "published_precision": published.precision,
            "published_source": published.source,
            "published_raw": published.raw,
            "published_reason": published.reason,
            "published_time_of_day": published.time_of_day,
            "updated": updated.iso(),
            "updated_source": updated.source,
            "updated_precision": updated.precision,
            "updated_raw": updated.raw,
            "extraction_version": extraction_version(),
            "file": article.file,
            "original_sha256": article.original_sha256,
            "ingested_at": (article.ingested_at or datetime.now(timezone.utc)).isoformat(),
        }

    # Index queue ---------------------------------------------------------

    def queued_ids(self, limit: int | None = None) -> list[int]:
        return list(self.queued(limit))

    def queued(self, limit: int | None = None, excluding: Iterable[int] = ()) -> dict[int, str]:
        """Queued article ids, lowest first, each with when it was (last) queued."""
        excluded = sorted(set(excluding))
        sql = "SELECT article_id, queued_at FROM index_queue"
        if excluded:
            sql += f" WHERE article_id NOT IN ({', '.join('?' for _ in excluded)})"
        sql += " ORDER BY article_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return {row[0]: row[1] for row in self.db.execute(sql, excluded)}

    def queued_at(self, article_ids: list[int], db: sqlite3.Connection | None = None) -> dict[int, str]:
        """When each of these articles was last queued for indexing (those still queued)."""
        db = db or self.db
        stamps: dict[int, str] = {}
        for start in range(0, len(article_ids), 500):
            part = article_ids[start:start + 500]
            marks = ", ".join("?" for _ in part)
            rows = db.execute(f"SELECT article_id, queued_at FROM index_queue WHERE article_id IN ({marks})", part)
            stamps.update((row[0], row[1]) for row in rows)
        return stamps

    def dequeue_unchanged(self, stamps: dict[int, str | None]) -> set[int]:
        """Take these articles off the queue, except those queued again since `stamps`
        was read: what was indexed is an older version (an update, a speaker renamed).
        Returns the ids left queued."""
        with self.transaction() as db:
            db.executemany("DELETE FROM index_queue WHERE article_id = ? AND queued_at = ?", stamps.items())
            return set(self.queued_at(sorted(stamps), db))

    def queue_longer_than(self, chars: int) -> int:
        """Queue for indexing every article whose body is longer than `chars`; how many."""
        with self.transaction() as db:
            return db.execute(f"INSERT OR REPLACE INTO index_queue (article_id, queued_at) "
                              f"SELECT id, ? FROM articles WHERE {self._body_length_sql()} > ?",
                              (_now(), chars)).rowcount

    def dequeue(self, article_ids: list[int]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM index_queue WHERE article_id = ?", [(i,) for i in article_ids])

    # Reading -------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def all_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def get(self, article_id: int, body_chars: int | None = None) -> Article | None:
        articles = self.get_many([article_id], body_chars)
        return articles[0] if articles else None

    def get_many(self, article_ids: list[int], body_chars: int | None = None) -> list[Article]:
        """Articles in the order of `article_ids` (missing ids are skipped).

        `body_chars`: only the start of each body, that many characters, and only the quotes
        starting within it (what the index and the article page read of a huge body; the
        rest is never loaded)."""
        if not article_ids:
            return []
        found: dict[int, Article] = {}
        columns, cut = self._article_select(body_chars)
        quotes_within = " AND start < ?" if body_chars is not None else ""
        for chunk in _chunks(list(article_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            for row in self.db.execute(f"SELECT {columns} FROM articles WHERE id IN ({marks})", cut + chunk):
                found[row["id"]] = _article_from_row(row)
            for row in self.db.execute(f"SELECT * FROM quotes WHERE article_id IN ({marks}){quotes_within} "
                                       f"ORDER BY article_id, seq", chunk + cut):
                found[row["article_id"]].quotes.append(quote_from_row(row))
            for row in self.db.execute(f"SELECT * FROM entities WHERE article_id IN ({marks}) "
                                       f"ORDER BY article_id, count DESC, name", chunk):
                found[row["article_id"]].entities.append(entity_from_row(row))
        return [found[i] for i in article_ids if i in found]

    def content_hashes(self, article_ids: list[int]) -> dict[int, str]:
        hashes: dict[int, str] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            hashes.update(self.db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk))
        return hashes

    def stale_ids(self, version: str) -> list[int]:
        """Articles extracted by another version than `version`, or by one that did not say."""
        if "extraction_version" not in self._article_table_columns():  # an older archive served read-only
            return self.all_ids()
        rows = self.db.execute("SELECT id FROM articles WHERE extraction_version IS NOT ? ORDER BY id", (version,))
        return [row[0] for row in rows]

    def article_summaries(self, article_ids: list[int]) -> list[dict]:
        """What a result list shows of each article, in the order of `article_ids`; `body` is
        the annotated part (all of an ordinary article), which is all the index holds."""
        if not article_ids:
            return []
        marks = ", ".join("?" for _ in article_ids)
        rows = self.db.execute(
            f"SELECT id, title, substr(body, 1, ?) AS body, url, source, dateline, published, "
            f"published_precision, published_source, published_raw, published_time_of_day, published_reason "
            f"FROM articles WHERE id IN ({marks})", [ANNOTATED_PREFIX_CHARS, *article_ids])
        found = {row["id"]: dict(row, body=annotated_part(row["body"])) for row in rows}
        return [found[i] for i in article_ids if i in found]

    def body_extent(self, article_id: int) -> BodyExtent | None:
        """How long an article's body is and how much of it was annotated, without reading it."""
        annotated = "annotated_chars" if "annotated_chars" in self._article_table_columns() else "NULL"
        row = self.db.execute(f"SELECT {self._body_length_sql()}, {annotated} FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        if row is None:
            return None
        body_chars, annotated_chars = row
        return BodyExtent(body_chars, body_chars if annotated_chars is None else annotated_chars)

    def body_lengths(self, article_ids: list[int]) -> dict[int, int]:
        """len(body) of each of these articles (those stored), without reading the bodies."""
        lengths: dict[int, int] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            lengths.update(self.db.execute(f"SELECT id, {self._body_length_sql()} FROM articles "
                                           f"WHERE id IN ({marks})", chunk))
        return lengths

    def body_utf8(self, article_id: int, chunk_bytes: int = 1 << 20) -> tuple[int, Iterator[bytes]] | None:
        """An article's whole body in UTF-8, read a chunk at a time (a huge body is never held
        in memory whole): its size in bytes and the chunks; None for an unknown id."""
        try:
            with self.db.blobopen("articles", "body", article_id, readonly=True) as blob:
                size = len(blob)
        except sqlite3.OperationalError:  # no such row
            return None

        def chunks() -> Iterator[bytes]:
            # Opened when the first chunk is asked for, so a response never sent leaves nothing open.
            with self.db.blobopen("articles", "body", article_id, readonly=True) as blob:
                while chunk := blob.read(chunk_bytes):
                    yield chunk

        return size, chunks()

    def _article_select(self, body_chars: int | None) -> tuple[str, list[int]]:
        """The columns to select of an article, with the body cut to `body_chars` (None:
        whole), and the parameter that cut takes."""
        if body_chars is None:
            return "*", []
        columns = [c for c in self._article_table_columns() if c != "body"]
        return ", ".join(columns) + ", substr(body, 1, ?) AS body", [body_chars]

    def _body_length_sql(self) -> str:
        """len(body) in SQL: the count stored beside the body (an archive made before it was
        kept counts those it lacks; an older one served read-only counts them all)."""
        if "body_chars" in self._article_table_columns():
            return "coalesce(body_chars, length(body))"
        return "length(body)"

    def _article_table_columns(self) -> list[str]:
        if self._columns is None:
            self._columns = [row[1] for row in self.db.execute("PRAGMA table_info(articles)")]
        return self._columns

    def quote_rows(self, keys: list[tuple[int, int]]) -> list[dict]:
        """Quotes by (article id, seq), with what a result list shows of their article."""
        if not keys:
            return []
        condition = " OR ".join("(q.article_id = ? AND q.seq = ?)" for _ in keys)
        rows = self.db.execute(
            f"SELECT q.article_id, q.seq, q.text, q.speaker, q.speaker_mention, q.cue, q.confidence, "
            f"q.partial, a.title, a.url, a.source, a.published, a.published_precision, a.published_raw, "
            f"a.published_time_of_day FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE {condition}", [v for key in keys for v in key])
        found = {(row["article_id"], row["seq"]): dict(row) for row in rows}
        return mark_corrected_quotes(self.db, [found[k] for k in keys if k in found])

    def versions(self, article_id: int) -> list[dict]:
        rows = self.db.execute("SELECT * FROM article_versions WHERE article_id = ? ORDER BY version",
                               (article_id,))
        return [dict(row) for row in rows]

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "dated": one("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "attributed_quotes": one("SELECT count(*) FROM quotes WHERE speaker IS NOT NULL"),
            "speakers": one("SELECT count(DISTINCT speaker) FROM quotes WHERE speaker IS NOT NULL"),
            "entities": one("SELECT count(DISTINCT type || ':' || name) FROM entities"),
            "originals": one("SELECT count(*) FROM originals"),
            "index_queue": one("SELECT count(*) FROM index_queue"),
        }


def ids_by_content_hash(db_path: str | os.PathLike, hashes: list[str]) -> dict[str, int]:
    """Which of these contents the store already has; a read-only look that any process may take."""
    if not hashes or not Path(db_path).exists():
        return {}
    found = {}
    connection = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    try:
        for chunk in _chunks(list(hashes), 500):
            marks = ", ".join("?" for _ in chunk)
            found.update(connection.execute(
                f"SELECT content_hash, id FROM articles WHERE content_hash IN ({marks})", chunk).fetchall())
    finally:
        connection.close()
    return found




def _chunks(values: list, size: int):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _optional(row: sqlite3.Row, column: str):
    """A column an older archive served read-only may not have."""
    return row[column] if column in row.keys() else None


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        published=Timestamp(value=_parse_dt(row["published"]), precision=row["published_precision"],
                            source=row["published_source"], raw=row["published_raw"],
                            reason=row["published_reason"], time_of_day=row["published_time_of_day"]),
        updated=Timestamp(value=_parse_dt(row["updated"]), source=row["updated_source"],
                          precision=_optional(row, "updated_precision"), raw=_optional(row, "updated_raw")),
        dateline=row["dateline"],
        source=row["source"],
        url=row["url"],
        authors=json.loads(row["authors"]),
        language=row["language"],
        format=row["format"],
        decoding=_decoding_from_row(row),
        file=row["file"],
        original_sha256=row["original_sha256"],
        ingested_at=_parse_dt(row["ingested_at"]),
    )


def _decoding_from_row(row: sqlite3.Row) -> Decoding | None:
    encoding = _optional(row, "encoding")
    if not encoding:
        return None
    return Decoding(encoding, row["encoding_method"], row["encoding_doubt"], bool(row["text_repaired"]))
