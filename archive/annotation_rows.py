"""An article's quotes and entities as SQLite rows, written and read back: for the store,
the corrections and the archive-wide people pass, which all use the same tables."""
from __future__ import annotations

import json
import sqlite3

from archive.model import Entity, Quote


def quote_from_row(row: sqlite3.Row) -> Quote:
    return Quote(text=row["text"], start=row["start"], end=row["end"], speaker=row["speaker"],
                 speaker_mention=row["speaker_mention"], cue=row["cue"], confidence=row["confidence"],
                 partial=bool(row["partial"]), seq=row["seq"])


def entity_from_row(row: sqlite3.Row) -> Entity:
    return Entity(name=row["name"], type=row["type"], count=row["count"], aliases=json.loads(row["aliases"]))


def stored_annotations(db: sqlite3.Connection, article_id: int) -> tuple[list[Quote], list[Entity]]:
    """The article's quotes in order, and its entities most named first."""
    quotes = [quote_from_row(r) for r in db.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq",
                                                     (article_id,))]
    entities = [entity_from_row(r) for r in db.execute(
        "SELECT * FROM entities WHERE article_id = ? ORDER BY count DESC, name", (article_id,))]
    return quotes, entities


def insert_annotations(db: sqlite3.Connection, article_id: int, quotes: list[Quote], entities: list[Entity]) -> None:
    """Write an article's quotes and entities; each quote under its seq (its own: a quote keeps
    its number when a reviewer says another is not a quotation; else its place)."""
    db.executemany(
        "INSERT INTO quotes (article_id, seq, text, start, end, speaker, speaker_mention, cue, confidence, partial) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, position if q.seq is None else q.seq, q.text, q.start, q.end, q.speaker, q.speaker_mention,
          q.cue, q.confidence, int(q.partial)) for position, q in enumerate(quotes)])
    db.executemany("INSERT OR REPLACE INTO entities (article_id, type, name, count, aliases) VALUES (?, ?, ?, ?, ?)",
                   [(article_id, e.type, e.name, e.count, json.dumps(e.aliases, ensure_ascii=False))
                    for e in entities])


def replace_annotations(db: sqlite3.Connection, article_id: int, quotes: list[Quote],
                        entities: list[Entity]) -> None:
    """The article's stored quotes and entities replaced by these."""
    db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
    insert_annotations(db, article_id, quotes, entities)
