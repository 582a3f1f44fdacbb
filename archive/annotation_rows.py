"""An article's stored quotes and entities, read back from their SQLite rows: for the store,
the corrections and the archive-wide people pass, which all read the same tables."""
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
