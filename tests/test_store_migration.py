"""An archive made before a column was added still opens, gains the column, and keeps its articles."""
from __future__ import annotations

import sqlite3

from archive.store import ADDED_ARTICLE_COLUMNS, Store
from helpers import make_article


def test_an_older_archive_gains_the_new_columns_and_keeps_its_articles(data_dir):
    store = Store(data_dir)
    with store.transaction() as db:
        result = store.put(db, make_article("Kept", "A body stored by an older version.",
                                            published="2021-05-01T10:00:00+00:00"),
                           identity="test:kept", original_name="kept.txt")
    store.close()
    with sqlite3.connect(store.path) as db:
        for column in ADDED_ARTICLE_COLUMNS:
            db.execute(f"ALTER TABLE articles DROP COLUMN {column}")

    reopened = Store(data_dir)
    columns = {row[1] for row in reopened.db.execute("PRAGMA table_info(articles)")}
    assert set(ADDED_ARTICLE_COLUMNS) <= columns
    kept = reopened.get(result.article_id)
    assert kept.title == "Kept" and kept.published.raw == "2021-05-01T10:00:00+00:00"
    assert kept.updated.value is None and kept.updated.precision is None
    reopened.close()


def test_an_older_archive_gets_its_person_keys_recomputed(data_dir):
    store = Store(data_dir)
    store.db.execute("INSERT INTO people (name, key) VALUES ('Le Pen', 'pen')")  # as version 2 keyed it
    store.db.execute("PRAGMA user_version=2")
    store.close()

    reopened = Store(data_dir)
    assert reopened.db.execute("SELECT key FROM people WHERE name = 'Le Pen'").fetchone()[0] == "le pen"
    reopened.close()
