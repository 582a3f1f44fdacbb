"""Corrections in SQLite: recording and undoing them, and keeping the stored quotes and
entities equal to the machine's output with every active correction applied.

Two tables: `corrections` (every correction ever made, undone ones included) and
`machine_annotations` (the machine's quotes and entities of each article a correction
changes, as the extractor and the people registry left them). An article has a row there
exactly when its stored annotations differ from the machine's; `correction_articles`
says which corrections changed which articles (what an undo must redo).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from datetime import datetime, timezone

from archive.annotation_rows import replace_annotations, stored_annotations
from archive.corrections.rules import QUOTE_KINDS, Correction, apply_corrections
from archive.model import Article, Entity, Quote, fields_of
from archive.normalize import ANNOTATED_CHARS

CORRECTIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,              -- speaker, not_a_quote, merge, split, retype
    reviewer TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL,
    article_id INTEGER,              -- a quote correction's article, seq, words and offsets
    seq INTEGER,
    quote_text TEXT,
    quote_start INTEGER,
    quote_end INTEGER,
    speaker TEXT,
    name TEXT,                       -- merge: into; split: the person; retype: the entity
    names TEXT NOT NULL DEFAULT '[]',
    from_type TEXT,
    to_type TEXT,
    before TEXT NOT NULL DEFAULT '{}',
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS corrections_article ON corrections(article_id);
CREATE TABLE IF NOT EXISTS correction_articles (
    correction_id INTEGER NOT NULL REFERENCES corrections(id),
    article_id INTEGER NOT NULL,
    PRIMARY KEY (correction_id, article_id)
);
CREATE INDEX IF NOT EXISTS correction_articles_article ON correction_articles(article_id);
CREATE TABLE IF NOT EXISTS machine_annotations (
    article_id INTEGER PRIMARY KEY,
    quotes TEXT NOT NULL,
    entities TEXT NOT NULL
);
"""

CORRECTION_COLUMNS = ("kind", "reviewer", "note", "made_at", "article_id", "seq", "quote_text", "quote_start",
                      "quote_end", "speaker", "name", "names", "from_type", "to_type", "before")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# Reading corrections ---------------------------------------------------------------------

def correction_from_row(row: sqlite3.Row) -> Correction:
    values = {key: row[key] for key in row.keys() if key in Correction.__dataclass_fields__}
    values["names"] = json.loads(row["names"])
    values["before"] = json.loads(row["before"])
    values["note"] = row["note"] or ""
    return Correction(**values)


def get_correction(db: sqlite3.Connection, correction_id: int) -> Correction | None:
    row = db.execute("SELECT * FROM corrections WHERE id = ?", (correction_id,)).fetchone()
    return correction_from_row(row) if row else None


def list_corrections(db: sqlite3.Connection, limit: int, before_id: int | None = None) -> list[Correction]:
    """Newest first; with `before_id`, those made before that one."""
    where, params = ("WHERE id < ?", [before_id]) if before_id is not None else ("", [])
    rows = db.execute(f"SELECT * FROM corrections {where} ORDER BY id DESC LIMIT ?", [*params, limit])
    return [correction_from_row(row) for row in rows]


def count_corrections(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM corrections").fetchone()[0]


def articles_changed(db: sqlite3.Connection, correction_ids: list[int]) -> dict[int, int]:
    """How many articles each of these corrections changes now."""
    if not correction_ids:
        return {}
    marks = ", ".join("?" for _ in correction_ids)
    rows = db.execute(f"SELECT correction_id, count(*) FROM correction_articles WHERE correction_id IN ({marks}) "
                      f"GROUP BY correction_id", correction_ids)
    return dict(rows.fetchall())


def active_for(db: sqlite3.Connection, article_id: int | None) -> list[Correction]:
    """The active corrections that may concern this article, in the order they were made: its
    quote corrections and every correction of people and entities."""
    rows = db.execute("SELECT * FROM corrections WHERE undone_at IS NULL AND (article_id IS NULL OR article_id = ?) "
                      "ORDER BY id", (article_id,))
    return [correction_from_row(row) for row in rows]


# The machine's annotations -----------------------------------------------------------------

def machine_annotations(db: sqlite3.Connection, article_id: int) -> tuple[list[Quote], list[Entity]] | None:
    """The machine's quotes (with their seq) and entities of an article a correction changed."""
    row = db.execute("SELECT quotes, entities FROM machine_annotations WHERE article_id = ?",
                     (article_id,)).fetchone()
    if row is None:
        return None
    return ([Quote(**quote) for quote in json.loads(row["quotes"])],
            [Entity(**entity) for entity in json.loads(row["entities"])])


def machine_speakers(db: sqlite3.Connection, article_ids: list[int]) -> dict[tuple[int, int], str | None]:
    """(article id, seq) -> the machine's speaker, for the quotes of those of these articles
    that a correction changed."""
    found: dict[tuple[int, int], str | None] = {}
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join("?" for _ in part)
        for row in db.execute(f"SELECT article_id, quotes FROM machine_annotations WHERE article_id IN ({marks})",
                              part):
            for quote in json.loads(row["quotes"]):
                found[(row["article_id"], quote["seq"])] = quote["speaker"]
    return found


def mark_corrected_quotes(db: sqlite3.Connection, rows: list[dict]) -> list[dict]:
    """Quote rows (article_id, seq, speaker...) with `corrected` (whether a reviewer changed
    the speaker) and `machine_speaker` (the machine's, when they did)."""
    try:
        machine = machine_speakers(db, [row["article_id"] for row in rows])
    except sqlite3.OperationalError:  # an archive made before corrections, served read-only
        machine = {}
    for row in rows:
        key = (row["article_id"], row["seq"])
        row["corrected"] = key in machine and machine[key] != row["speaker"]
        row["machine_speaker"] = machine[key] if row["corrected"] else None
    return rows


def _stored_annotations(db: sqlite3.Connection, article_id: int) -> tuple[str, list[Quote], list[Entity]]:
    # Only the annotated part of a huge body: the only part a correction reads (names in full).
    body = db.execute("SELECT substr(body, 1, ?) AS body FROM articles WHERE id = ?",
                      (ANNOTATED_CHARS + 2, article_id)).fetchone()
    return ((body["body"] if body else ""), *stored_annotations(db, article_id))


def rename_person(db: sqlite3.Connection, old: str, new: str) -> None:
    """The people registry renamed a person in the stored rows ("Peskov" became "Dmitry
    Peskov" when the full name arrived): the machine's kept output says so too, so an undo
    does not bring the old name back."""
    rows = db.execute("SELECT article_id, quotes, entities FROM machine_annotations WHERE quotes LIKE ? "
                      "OR entities LIKE ?", (f"%{_like(old)}%", f"%{_like(old)}%")).fetchall()
    for row in rows:
        quotes = [Quote(**quote) for quote in json.loads(row["quotes"])]
        entities = [Entity(**entity) for entity in json.loads(row["entities"])]
        for quote in quotes:
            if quote.speaker == old:
                quote.speaker = new
        renamed = [e for e in entities if e.type == "person" and e.name == old]
        if renamed:
            merge = Correction(id=0, kind="merge", reviewer="", made_at="", name=new, names=[old])
            entities = apply_corrections("", [], entities, [merge]).entities
        db.execute("UPDATE machine_annotations SET quotes = ?, entities = ? WHERE article_id = ?",
                   (json.dumps([fields_of(q) for q in quotes], ensure_ascii=False),
                    json.dumps([fields_of(e) for e in entities], ensure_ascii=False), row["article_id"]))


def _like(text: str) -> str:
    """The name as the kept JSON spells it; a '%' or '_' in it only widens the LIKE, which the
    loop then narrows."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


# Keeping the stored annotations corrected ---------------------------------------------------

def correct_new_annotations(db: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Called with an article's fresh machine output before the store writes it (a new
    article, a new version, a re-extraction): keeps that output as the machine's and puts
    the active corrections on `article` (in place). Quotes get their seq here."""
    for seq, quote in enumerate(article.quotes):
        quote.seq = seq
    db.execute("DELETE FROM machine_annotations WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM correction_articles WHERE article_id = ?", (article_id,))
    corrections = active_for(db, article_id)
    if not corrections:
        return
    corrected = apply_corrections(article.body, article.quotes, article.entities, corrections)
    if corrected.applied:
        _keep_machine(db, article_id, article.quotes, article.entities, corrected.applied)
        article.quotes, article.entities = corrected.quotes, corrected.entities


def redo_articles(db: sqlite3.Connection, article_ids: list[int]) -> list[int]:
    """Re-apply the active corrections to these stored articles (after one was made or
    undone), rewrite their quotes and entities where that changes them and queue those for
    the index; the ids rewritten."""
    rewritten = []
    queued_at = now()
    for article_id in sorted(set(article_ids)):
        body, stored_quotes, stored_entities = _stored_annotations(db, article_id)
        machine = machine_annotations(db, article_id)
        quotes, entities = machine if machine else (stored_quotes, stored_entities)
        corrected = apply_corrections(body, quotes, entities, active_for(db, article_id))
        db.execute("DELETE FROM correction_articles WHERE article_id = ?", (article_id,))
        if corrected.applied:
            _keep_machine(db, article_id, quotes, entities, corrected.applied)
        else:
            db.execute("DELETE FROM machine_annotations WHERE article_id = ?", (article_id,))
        if _same(corrected.quotes, stored_quotes) and _same(corrected.entities, stored_entities):
            continue
        replace_annotations(db, article_id, corrected.quotes, corrected.entities)
        db.execute("INSERT OR REPLACE INTO index_queue (article_id, queued_at) VALUES (?, ?)",
                   (article_id, queued_at))
        rewritten.append(article_id)
    return rewritten


def _same(made: list, stored: list) -> bool:
    key = lambda item: json.dumps(fields_of(item), sort_keys=True)  # noqa: E731
    return sorted(map(key, made)) == sorted(map(key, stored))


def _keep_machine(db: sqlite3.Connection, article_id: int, quotes: list[Quote], entities: list[Entity],
                  applied: set[int]) -> None:
    db.execute("INSERT OR REPLACE INTO machine_annotations (article_id, quotes, entities) VALUES (?, ?, ?)",
               (article_id, json.dumps([fields_of(q) for q in quotes], ensure_ascii=False),
                json.dumps([fields_of(e) for e in entities], ensure_ascii=False)))
    db.executemany("INSERT OR IGNORE INTO correction_articles (correction_id, article_id) VALUES (?, ?)",
                   [(correction_id, article_id) for correction_id in sorted(applied)])


# Making and undoing ------------------------------------------------------------------------

def add_correction(db: sqlite3.Connection, correction: Correction) -> tuple[Correction, list[int]]:
    """Record a correction (its id and time are given here) and apply it to every stored
    article it may concern, inside the caller's transaction: (the correction, the ids of the
    articles rewritten, queued for the index)."""
    values = asdict(correction)
    values["names"] = json.dumps(correction.names, ensure_ascii=False)
    values["before"] = json.dumps(correction.before, ensure_ascii=False)
    cursor = db.execute(f"INSERT INTO corrections ({', '.join(CORRECTION_COLUMNS)}) "
                        f"VALUES ({', '.join('?' for _ in CORRECTION_COLUMNS)})",
                        [values[column] for column in CORRECTION_COLUMNS])
    made = get_correction(db, cursor.lastrowid)
    return made, redo_articles(db, concerned_articles(db, made))


def undo_correction(db: sqlite3.Connection, correction_id: int, reviewer: str) -> tuple[Correction, list[int]]:
    """Mark a correction undone and redo the articles it changed (inside the caller's transaction)."""
    db.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
               (now(), reviewer, correction_id))
    touched = [row[0] for row in db.execute("SELECT article_id FROM correction_articles WHERE correction_id = ?",
                                            (correction_id,))]
    return get_correction(db, correction_id), redo_articles(db, touched)


def concerned_articles(db: sqlite3.Connection, correction: Correction) -> list[int]:
    """The stored articles a correction may change (a superset: redo_articles decides)."""
    if correction.kind in QUOTE_KINDS:
        return [correction.article_id]
    if correction.kind == "merge":
        names = [n for n in correction.names if n != correction.name]
        return people_articles(db, names)
    if correction.kind == "split":
        return people_articles(db, [correction.name])
    found = db.execute("SELECT DISTINCT article_id FROM entities WHERE type = ? AND name = ?",
                       (correction.from_type, correction.name))
    return [row[0] for row in found]


def people_articles(db: sqlite3.Connection, names: list[str]) -> list[int]:
    """Articles with any of these names as a speaker or a person."""
    if not names:
        return []
    marks = ", ".join("?" for _ in names)
    rows = db.execute(f"SELECT article_id FROM quotes WHERE speaker IN ({marks}) UNION "
                      f"SELECT article_id FROM entities WHERE type = 'person' AND name IN ({marks})",
                      [*names, *names])
    return sorted(row[0] for row in rows)


def known_names(db: sqlite3.Connection, names: list[str], kind: str = "person") -> list[str]:
    """Which of these names the archive holds as a speaker or an entity of this type."""
    found = []
    for name in names:
        as_speaker = kind == "person" and db.execute("SELECT 1 FROM quotes WHERE speaker = ? LIMIT 1",
                                                     (name,)).fetchone()
        as_entity = db.execute("SELECT 1 FROM entities WHERE type = ? AND name = ? LIMIT 1", (kind, name)).fetchone()
        if as_speaker or as_entity:
            found.append(name)
    return found
