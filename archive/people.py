"""One name per person across the whole archive.

Within an article the extractor already merged "Dmitri Peskov", "Peskov" and
"Mr. Peskov". Across articles this registry does the same: a new name joins the
person it can only be (same folded surname, compatible first name); the
canonical name is the fullest form seen, and when a fuller one arrives the
stored quotes and entities of that person are renamed and their articles
queued for re-indexing. A name two registered people could both be ("Bush"
when George and Jeb are known) is left as it is rather than guessed.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from archive.corrections.records import rename_person
from archive.model import Article, Entity
from archive.names import canonical_name, generation, person_key, same_person
from archive.people_resolution import RESOLUTION_SCHEMA, renamed_person, resolve_new_article

PEOPLE_SCHEMA = """
CREATE TABLE IF NOT EXISTS people (
    name TEXT PRIMARY KEY,          -- canonical
    key TEXT NOT NULL,              -- folded surname (names.person_key)
    aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS people_key ON people(key);
""" + RESOLUTION_SCHEMA


def refresh_person_keys(db: sqlite3.Connection) -> None:
    """Recompute the stored keys of an archive made when names.person_key read names otherwise."""
    stale = [(person_key(row["name"]), row["name"]) for row in db.execute("SELECT name, key FROM people")
             if person_key(row["name"]) != row["key"]]
    db.executemany("UPDATE people SET key = ? WHERE name = ?", stale)


def resolve_name(db: sqlite3.Connection, name: str, aliases: list[str],
                 others: frozenset[str] = frozenset()) -> tuple[str, list[int]]:
    """The archive's canonical name for this person (registering them if new), and the ids of
    articles whose stored names were renamed to it. `others`: the canonical names of the other
    people of the same article; of those, one whose generation differs is not this one
    ("Donald Trump Jr." beside his father, whom another article may call plain "Donald Trump")."""
    key = person_key(name)
    if not key:
        return name, []
    # The people of this key, less those the archive-wide pass found to be no person.
    rows = db.execute("SELECT name, aliases FROM people WHERE key = ? AND (name = ? OR NOT EXISTS "
                      "(SELECT 1 FROM people_decisions d WHERE d.name = people.name AND d.action = 'type'))",
                      (key, name)).fetchall()
    matches = [row for row in rows if same_person(row["name"], name)
               and not (row["name"] in others and generation(row["name"]) != generation(name))]
    if len(matches) > 1:
        exact = [row for row in matches if row["name"] == name] \
            or [row for row in matches if generation(row["name"]) == generation(name)]
        if len(exact) != 1:
            return name, []
        matches = exact
    if not matches:
        db.execute("INSERT INTO people (name, key, aliases) VALUES (?, ?, ?)",
                   (name, key, json.dumps(_unique([a for a in aliases if a != name]), ensure_ascii=False)))
        return name, []
    row = matches[0]
    known = json.loads(row["aliases"])
    variants = [row["name"], *known, name, *aliases]
    fuller = canonical_name([row["name"], name])
    all_aliases = _unique([v for v in variants if v != fuller])
    if fuller == row["name"]:
        if all_aliases != known:  # most mentions of a known person add no new spelling
            db.execute("UPDATE people SET aliases = ? WHERE name = ?",
                       (json.dumps(all_aliases, ensure_ascii=False), row["name"]))
        return row["name"], []
    return fuller, _rename(db, row["name"], fuller, key, all_aliases)


def _rename(db: sqlite3.Connection, old: str, new: str, key: str, aliases: list[str]) -> list[int]:
    db.execute("DELETE FROM people WHERE name = ?", (old,))
    db.execute("INSERT OR REPLACE INTO people (name, key, aliases) VALUES (?, ?, ?)",
               (new, key, json.dumps(aliases, ensure_ascii=False)))
    affected = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM quotes WHERE speaker = ?", (old,))}
    affected |= {r[0] for r in db.execute(
        "SELECT DISTINCT article_id FROM entities WHERE type = 'person' AND name = ?", (old,))}
    db.execute("UPDATE quotes SET speaker = ? WHERE speaker = ?", (new, old))
    rename_person(db, old, new)  # in the machine's output kept beside reviewers' corrections
    for article_id in affected:
        _merge_entity_rows(db, article_id, old, new)
    renamed_person(db, old, new, affected)  # in the archive-wide pass's evidence
    now = datetime.now(timezone.utc).isoformat()
    db.executemany("INSERT OR REPLACE INTO index_queue (article_id, queued_at) VALUES (?, ?)",
                   [(a, now) for a in affected])
    return sorted(affected)


def _merge_entity_rows(db: sqlite3.Connection, article_id: int, old: str, new: str) -> None:
    rows = {r["name"]: r for r in db.execute(
        "SELECT name, count, aliases FROM entities WHERE article_id = ? AND type = 'person' AND name IN (?, ?)",
        (article_id, old, new))}
    if old not in rows:
        return
    count = sum(r["count"] for r in rows.values())
    aliases = _unique([a for r in rows.values() for a in json.loads(r["aliases"])] + [old])
    db.execute("DELETE FROM entities WHERE article_id = ? AND type = 'person' AND name IN (?, ?)",
               (article_id, old, new))
    db.execute("INSERT INTO entities (article_id, type, name, count, aliases) VALUES (?, 'person', ?, ?, ?)",
               (article_id, new, count, json.dumps([a for a in aliases if a != new], ensure_ascii=False)))


def canonicalize_people(db: sqlite3.Connection, article: Article) -> list[int]:
    """Rename the article's speakers and person entities to the archive's canonical names
    (in place), then, once the article has its id, apply the archive-wide decisions on who
    is who (archive.people_resolution); returns ids of other articles renamed on the way."""
    renamed: list[int] = []
    mapping: dict[str, str] = {}
    people = [e for e in article.entities if e.type == "person"]
    for entity in people:
        others = frozenset(mapping.values())
        canonical, touched = resolve_name(db, entity.name, entity.aliases, others)
        mapping[entity.name] = canonical
        renamed += touched
    for quote in article.quotes:
        if quote.speaker and quote.speaker not in mapping:
            canonical, touched = resolve_name(db, quote.speaker, [])
            mapping[quote.speaker] = canonical
            renamed += touched
        if quote.speaker:
            quote.speaker = mapping[quote.speaker]
    article.entities = _merged_entities(article.entities, mapping)
    if article.id is not None:
        renamed += resolve_new_article(db, article.id, article)
    return sorted(set(renamed))


def _merged_entities(entities: list[Entity], mapping: dict[str, str]) -> list[Entity]:
    merged: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        name = mapping.get(entity.name, entity.name) if entity.type == "person" else entity.name
        aliases = entity.aliases + ([entity.name] if name != entity.name else [])
        current = merged.get((entity.type, name))
        if current is None:
            merged[(entity.type, name)] = Entity(name, entity.type, entity.count,
                                                 _unique([a for a in aliases if a != name]))
        else:
            current.count += entity.count
            current.aliases = _unique([a for a in current.aliases + aliases if a != name])
    return list(merged.values())


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def aliases_of(db: sqlite3.Connection, name: str) -> list[str]:
    row = db.execute("SELECT aliases FROM people WHERE name = ?", (name,)).fetchone()
    return json.loads(row["aliases"]) if row else []
