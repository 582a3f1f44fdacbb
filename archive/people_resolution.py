"""Who is who across the whole archive, decided after each article's own extraction.

Each article names its people on its own, and the people registry (archive.people) joins
a name to a person only when it can be nobody else. This pass weighs what the whole
archive says about a person name and may decide one of two things:

- the name is a surname standing for the archive's one full name ("Blair" is "Tony
  Blair"): it is a surname alone, the full names of that surname in the same sources and
  period are dominated by one (seen in at least MIN_FULL_NAME_ARTICLES articles, at least
  DOMINANCE times as often as all namesakes together, and at least as often as the bare
  surname), and it is not a common first name ("Paul"); the merge is not made in an
  article that names a namesake in full;
- the name is not a person: it does not open with a first name or an initial, and the
  archive names it as an organization or a place in more articles than as a person; or it
  is one word the archive never gives with a first name and gives as an organization or a
  place often enough ("Everton"); or it opens with a word the archive gives as an
  organization ("BBC Sport Wales"); or a place of the gazetteer (archive.gazetteer) that the
  archive names as a place too and never with a first name ("Glasgow"). Quotations keep
  their speaker.

What the machine named before this pass is kept as evidence (`name_evidence`, one row per
name an article gives) and, for every article the pass changed, whole
(`unresolved_annotations`), so a decision can be withdrawn when the evidence changes. The
pass's output is the machine's output as far as reviewers are concerned: their corrections
(archive.corrections) are applied on top of it, and a name a reviewer merged, split or
retyped is left to them (no decision is made about it).

Two ways in:
- `resolve_new_article(db, article_id, article)`: the store calls it for each article it
  stores (incremental): the article's names are re-decided and the current decisions
  applied to it; other articles whose names' decisions changed are rewritten and queued.
- `resolve_people(db)`: the whole archive again (after re-extraction, or on demand).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from archive.annotation_rows import replace_annotations, stored_annotations
from archive.corrections.records import machine_annotations, redo_articles
from archive.corrections.rules import Correction, apply_corrections
from archive.gazetteer import place_population
from archive.lexicon.name_words import FIRST_NAME_GENDER
from archive.model import Article, Entity, Quote, fields_of
from archive.names import parse_person_name, person_key, same_person, strip_accents

RESOLUTION_SCHEMA = """
CREATE TABLE IF NOT EXISTS name_evidence (
    article_id INTEGER NOT NULL,
    type TEXT NOT NULL,              -- person, org, place, speaker: as the machine named them, before this pass
    name TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',    -- a person's folded surname (names.person_key)
    PRIMARY KEY (article_id, type, name)
);
CREATE INDEX IF NOT EXISTS name_evidence_name ON name_evidence(name, type);
CREATE INDEX IF NOT EXISTS name_evidence_key ON name_evidence(key, type);
CREATE TABLE IF NOT EXISTS people_decisions (
    name TEXT PRIMARY KEY,           -- a person name as the machine gives it
    action TEXT NOT NULL,            -- same: it is the person `target`; type: it is a `target` (org, place)
    target TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '{}',
    decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS people_decisions_target ON people_decisions(target);
CREATE TABLE IF NOT EXISTS unresolved_annotations (
    article_id INTEGER PRIMARY KEY,  -- an article this pass changed: its quotes and entities before it
    quotes TEXT NOT NULL,
    entities TEXT NOT NULL,
    resolved TEXT NOT NULL           -- a fingerprint of what the pass made of them
);
"""

MIN_FULL_NAME_ARTICLES = 3
# A name is judged not a person only when the archive names it in this many articles at least.
MIN_TYPE_ARTICLES = 3
# A word the archive never gives with a first name is not a person when it gives it as an
# organization or a place in this many articles, and in one for every OTHER_TYPE_SHARE as a person.
MIN_OTHER_TYPE_ARTICLES = 2
OTHER_TYPE_SHARE = 5
# A name shaped like a person's (a first name alone, several words) needs a clear majority:
# this many times its person articles, and this many articles at least.
CLEAR_MAJORITY = 3
CLEAR_MAJORITY_NAME_ARTICLES = 5
CLEAR_MAJORITY_WORD_ARTICLES = 10
# A word opening a name is an organization's when the archive gives it as one in this many
# articles, and in this many for each as a person.
ORGANIZATION_WORD_ARTICLES = 10
ORGANIZATION_WORD_SHARE = 9
DOMINANCE = 4
PERIOD = timedelta(days=365)
# A place of this size (or a country, a US state, a continent) is a place first.
BIG_PLACE = 100_000
# Names looked up in one query (SQLite's limit on a query's parameters is far higher).
NAMES_PER_QUERY = 500


@dataclass
class Decision:
    name: str
    action: str  # "same" or "type"
    target: str
    evidence: dict = field(default_factory=dict)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# Evidence ------------------------------------------------------------------------------

def _evidence_rows(quotes: list[Quote], entities: list[Entity]) -> set[tuple[str, str, str]]:
    rows = {(e.type, e.name, person_key(e.name) if e.type == "person" else "")
            for e in entities if e.type in ("person", "org", "place")}
    rows |= {("speaker", q.speaker, person_key(q.speaker)) for q in quotes if q.speaker}
    return rows


def _keep_evidence(db: sqlite3.Connection, article_id: int, quotes: list[Quote], entities: list[Entity]) -> None:
    db.execute("DELETE FROM name_evidence WHERE article_id = ?", (article_id,))
    db.executemany("INSERT OR IGNORE INTO name_evidence (article_id, type, name, key) VALUES (?, ?, ?, ?)",
                   [(article_id, *row) for row in _evidence_rows(quotes, entities)])


def _articles_per_type(db: sqlite3.Connection, name: str) -> dict[str, int]:
    rows = db.execute("SELECT type, count(*) FROM name_evidence WHERE name = ? AND type IN ('person', 'org', 'place') "
                      "GROUP BY type", (name,))
    return {"person": 0, "org": 0, "place": 0, **dict(rows.fetchall())}


def _reach(db: sqlite3.Connection, name: str) -> tuple[set[str], tuple[datetime, datetime] | None]:
    """The sources of the articles naming this person, and the period around them."""
    sources, dates = set(), []
    for row in db.execute("SELECT DISTINCT a.source, a.published_utc FROM name_evidence e "
                          "JOIN articles a ON a.id = e.article_id WHERE e.name = ? AND e.type = 'person'", (name,)):
        if row[0]:
            sources.add(row[0])
        if row[1]:
            dates.append(datetime.fromisoformat(row[1]))
    return sources, ((min(dates) - PERIOD, max(dates) + PERIOD) if dates else None)


def _articles_within(db: sqlite3.Connection, name: str, sources: set[str],
                     period: tuple[datetime, datetime] | None) -> int:
    """Articles naming this person in one of these sources (or of no known source) and
    this period (or undated)."""
    count = 0
    for source, published in db.execute("SELECT a.source, a.published_utc FROM name_evidence e JOIN articles a "
                                        "ON a.id = e.article_id WHERE e.name = ? AND e.type = 'person'", (name,)):
        if sources and source and source not in sources:
            continue
        if period and published and not period[0] <= datetime.fromisoformat(published) <= period[1]:
            continue
        count += 1
    return count


# Deciding ----------------------------------------------------------------------------------

def decide(db: sqlite3.Connection, name: str) -> Decision | None:
    """What the archive's evidence says of this person name, or None: a person as named."""
    per_type = _articles_per_type(db, name)
    if not per_type["person"]:
        return None
    namesakes = _full_names_of_surname(db, name)
    other = per_type["org"] + per_type["place"]
    target = "place" if per_type["place"] >= per_type["org"] else "org"
    if per_type["person"] + other >= MIN_TYPE_ARTICLES and not _has_given_name(db, name):
        if other > per_type["person"] and not _looks_like_a_name(name) \
                or other >= CLEAR_MAJORITY * per_type["person"] and other >= _clear_majority_articles(name):
            return Decision(name, "type", target, {**per_type, "reason": "mostly"})
        if _opens_with_an_organization(db, name):
            return Decision(name, "type", "org", {**per_type, "reason": "opens with an organization's name"})
        if _one_word(name) and not _is_first_name(name) and not namesakes \
                and other >= MIN_OTHER_TYPE_ARTICLES and other * OTHER_TYPE_SHARE >= per_type["person"]:
            return Decision(name, "type", target, {**per_type, "reason": "never with a first name"})
        population = place_population(name)
        if (population is not None and per_type["place"] and not namesakes
                and (population >= BIG_PLACE or population == 0)):
            return Decision(name, "type", "place", {**per_type, "reason": "gazetteer", "population": population})
    if _one_word(name) and _is_first_name(name):
        return None  # "Paul", "Terry": a first name as often as a surname
    return _surname_decision(db, name, per_type["person"], namesakes)


def _opens_with_an_organization(db: sqlite3.Connection, name: str) -> bool:
    """Whether a name of several words opens with a word the archive gives as an
    organization in ORGANIZATION_WORD_ARTICLES articles and hardly ever as a person
    ("BBC Sport Wales")."""
    words = name.split()
    if len(words) < 2:
        return False
    first = _articles_per_type(db, words[0])
    return first["org"] >= ORGANIZATION_WORD_ARTICLES and first["person"] * ORGANIZATION_WORD_SHARE <= first["org"]


def _looks_like_a_name(name: str) -> bool:
    """A first name alone ("Kelly", "Lauren") or two or more words: a person's name as far as
    its shape tells; the archive must give it as something else by a clear majority."""
    return not _one_word(name) or _is_first_name(name)


def _clear_majority_articles(name: str) -> int:
    return CLEAR_MAJORITY_WORD_ARTICLES if _one_word(name) else CLEAR_MAJORITY_NAME_ARTICLES


def _one_word(name: str) -> bool:
    return len(name.split()) == 1


def _is_first_name(word: str) -> bool:
    return strip_accents(word).lower() in FIRST_NAME_GENDER


def _has_given_name(db: sqlite3.Connection, name: str) -> bool:
    """Whether a name of several words opens as a person's name does: an initial ("G
    Jenkins", "JK Rowling"), a common first name, or the first name of two other people of
    the archive. Such a name is a person's even where the tagger gave it another type."""
    words = name.split()
    if len(words) < 2:
        return False
    first = words[0].strip(".")
    if len(first) <= 2 and first.isupper() or any(_is_first_name(part) for part in first.split("-")):
        return True
    return len(_people_opening_with(db, words[0]) - {name}) >= 2


def _people_opening_with(db: sqlite3.Connection, word: str) -> set[str]:
    """Person names whose first word is this word (a range of the name index: "Xbox " to "Xbox!")."""
    rows = db.execute("SELECT DISTINCT name FROM name_evidence WHERE name >= ? AND name < ? AND type = 'person'",
                      (f"{word} ", f"{word}!"))
    return {row[0] for row in rows}


def _full_names_of_surname(db: sqlite3.Connection, name: str) -> list[str]:
    """The archive's people with a given name whom this name could be ("Tony Blair" for
    "Blair"); empty unless the name is a surname alone."""
    parsed = parse_person_name(name)
    key = person_key(name)
    if parsed.given or not key:
        return []
    rows = db.execute("SELECT DISTINCT name FROM name_evidence WHERE key = ? AND type = 'person' AND name != ?",
                      (key, name))
    return [row[0] for row in rows if parse_person_name(row[0]).given and same_person(row[0], name)]


def _surname_decision(db: sqlite3.Connection, name: str, articles: int, namesakes: list[str]) -> Decision | None:
    if not namesakes:
        return None
    sources, period = _reach(db, name)
    near = sorted(((_articles_within(db, full, sources, period), full) for full in namesakes), reverse=True)
    top, full = near[0]
    others = sum(count for count, _ in near[1:])
    if top < MIN_FULL_NAME_ARTICLES or top < DOMINANCE * others or top < articles:
        return None
    return Decision(name, "same", full, {"articles": articles, "full_name_articles": top,
                                         "namesakes": {n: c for c, n in near[1:4]}})


def reviewed_names(db: sqlite3.Connection) -> set[str]:
    """Names a reviewer merged, split or retyped: theirs to decide, not this pass's."""
    names: set[str] = set()
    for name, listed in db.execute("SELECT name, names FROM corrections WHERE undone_at IS NULL "
                                   "AND kind IN ('merge', 'split', 'retype')"):
        names.update([name, *json.loads(listed or "[]")])
    names.discard(None)
    return names


def _redecide(db: sqlite3.Connection, names: set[str], reviewed: set[str]) -> set[str]:
    """Decide these names again; the names whose decision changed."""
    changed = set()
    for name in sorted(names):
        decision = None if name in reviewed else decide(db, name)
        row = db.execute("SELECT action, target FROM people_decisions WHERE name = ?", (name,)).fetchone()
        before = (row[0], row[1]) if row else None
        after = (decision.action, decision.target) if decision else None
        if decision:
            db.execute("INSERT OR REPLACE INTO people_decisions (name, action, target, evidence, decided_at) "
                       "VALUES (?, ?, ?, ?, ?)", (name, decision.action, decision.target,
                                                 json.dumps(decision.evidence, ensure_ascii=False), _now()))
        elif row:
            db.execute("DELETE FROM people_decisions WHERE name = ?", (name,))
        if before != after:
            changed.add(name)
    return changed


def _names_to_redecide(db: sqlite3.Connection, rows: set[tuple[str, str, str]]) -> set[str]:
    """The person names whose evidence these rows of one article change: its people, the
    surnames alone its full names may stand for, and people named as its organizations
    and places."""
    names = {name for kind, name, _ in rows if kind == "person"}
    keys = {key for kind, name, key in rows if kind == "person" and key and parse_person_name(name).given}
    for key in keys:
        names |= {r[0] for r in db.execute("SELECT DISTINCT name FROM name_evidence WHERE key = ? AND type = 'person'",
                                           (key,))}
    for kind, name, _ in rows:
        if kind not in ("org", "place"):
            continue
        if db.execute("SELECT 1 FROM name_evidence WHERE name = ? AND type = 'person' LIMIT 1", (name,)).fetchone():
            names.add(name)
        if kind == "org" and _one_word(name):  # "Xbox Live" opens with the organization "Xbox"
            names |= _people_opening_with(db, name)
    return names


# Applying ----------------------------------------------------------------------------------

def current_decisions(db: sqlite3.Connection, names: set[str] | None = None) -> dict[str, Decision]:
    """The decisions in force (about these names only, when given: the rows of one
    article's few names, not the whole table, are read and decoded)."""
    query = "SELECT name, action, target, evidence FROM people_decisions"
    if names is None:
        rows = db.execute(query).fetchall()
    else:
        listed = sorted(names)
        rows = []
        for start in range(0, len(listed), NAMES_PER_QUERY):
            part = listed[start:start + NAMES_PER_QUERY]
            rows += db.execute(f"{query} WHERE name IN ({','.join('?' * len(part))})", part).fetchall()
    return {row[0]: Decision(row[0], row[1], row[2], json.loads(row[3])) for row in rows}


def apply_decisions(quotes: list[Quote], entities: list[Entity],
                    decisions: dict[str, Decision]) -> tuple[list[Quote], list[Entity]]:
    """The article's quotes and entities with the decisions about its names applied (new
    lists). A surname is not merged into a full name in an article that names a namesake."""
    people = {e.name for e in entities if e.type == "person"} | {q.speaker for q in quotes if q.speaker}
    steps = []
    for name in sorted(people & decisions.keys()):
        decision = decisions[name]
        if decision.action == "same":
            if any(p != decision.target and p != name and person_key(p) == person_key(name)
                   and parse_person_name(p).given and same_person(p, name) for p in people):
                continue
            steps.append(Correction(id=0, kind="merge", reviewer="", made_at="", name=decision.target, names=[name]))
        else:
            steps.append(Correction(id=0, kind="retype", reviewer="", made_at="", name=name, from_type="person",
                                    to_type=decision.target))
    if not steps:
        return quotes, entities
    resolved = apply_corrections("", quotes, entities, steps)
    return resolved.quotes, resolved.entities


def _fingerprint(quotes: list[Quote], entities: list[Entity]) -> str:
    # vars(), not asdict(): the same fields (flat ones) without asdict's deep copy.
    items = sorted(json.dumps(vars(item), sort_keys=True, ensure_ascii=False) for item in [*quotes, *entities])
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()


def _dump(items) -> str:
    return json.dumps([fields_of(item) for item in items], ensure_ascii=False)


def _keep_unresolved(db: sqlite3.Connection, article_id: int, base: tuple[list[Quote], list[Entity]],
                     resolved: tuple[list[Quote], list[Entity]], base_print: str | None = None,
                     resolved_print: str | None = None) -> None:
    """Keep the output before this pass when the pass changed it (`*_print`: the two
    fingerprints, when the caller has them)."""
    resolved_print = resolved_print or _fingerprint(*resolved)
    if (base_print or _fingerprint(*base)) == resolved_print:
        db.execute("DELETE FROM unresolved_annotations WHERE article_id = ?", (article_id,))
        return
    db.execute("INSERT OR REPLACE INTO unresolved_annotations (article_id, quotes, entities, resolved) "
               "VALUES (?, ?, ?, ?)", (article_id, _dump(base[0]), _dump(base[1]), resolved_print))


def _machine(db: sqlite3.Connection, article_id: int) -> tuple[tuple[list[Quote], list[Entity]], bool]:
    """The machine's output as the corrections see it (this pass's included), and whether
    it is kept apart from the stored rows (a reviewer's correction changed the article)."""
    kept = machine_annotations(db, article_id)
    return (kept, True) if kept else (stored_annotations(db, article_id), False)


def _base(db: sqlite3.Connection, article_id: int, machine: tuple[list[Quote], list[Entity]] | None = None,
          machine_print: str | None = None) -> tuple[list[Quote], list[Entity]]:
    """The article's quotes and entities before this pass: kept when the pass changed them
    and the machine's output (read here unless given, with its fingerprint) is still what
    the pass made of them; else the machine's own."""
    if machine is None:
        machine, _ = _machine(db, article_id)
    row = db.execute("SELECT quotes, entities, resolved FROM unresolved_annotations WHERE article_id = ?",
                     (article_id,)).fetchone()
    if row and row[2] == (machine_print or _fingerprint(*machine)):
        return [Quote(**q) for q in json.loads(row[0])], [Entity(**e) for e in json.loads(row[1])]
    return machine


def _rewrite(db: sqlite3.Connection, article_ids, decisions: dict[str, Decision]) -> list[int]:
    """Apply the decisions to these stored articles from their output before this pass,
    then reviewers' corrections on top; the ids whose stored rows changed (queued)."""
    rewritten = []
    for article_id in sorted(set(article_ids)):
        # Each output read and fingerprinted once: keeping the output before this pass
        # changes neither the machine's output nor the stored rows.
        machine, kept_apart = _machine(db, article_id)
        machine_print = _fingerprint(*machine)
        base = _base(db, article_id, machine, machine_print)
        resolved = apply_decisions(*base, decisions)
        resolved_print = _fingerprint(*resolved)
        _keep_unresolved(db, article_id, base, resolved, machine_print if base is machine else None, resolved_print)
        if machine_print == resolved_print:
            continue
        if kept_apart:
            db.execute("UPDATE machine_annotations SET quotes = ?, entities = ? WHERE article_id = ?",
                       (_dump(resolved[0]), _dump(resolved[1]), article_id))
        else:
            replace_annotations(db, article_id, *resolved)
        redo_articles(db, [article_id])
        db.execute("INSERT OR REPLACE INTO index_queue (article_id, queued_at) VALUES (?, ?)",
                   (article_id, datetime.now(timezone.utc).isoformat()))
        rewritten.append(article_id)
    return rewritten


def _articles_naming(db: sqlite3.Connection, names: set[str]) -> set[int]:
    found: set[int] = set()
    for name in names:
        found |= {r[0] for r in db.execute("SELECT article_id FROM name_evidence WHERE name = ? "
                                           "AND type IN ('person', 'speaker')", (name,))}
    return found


# The two ways in -----------------------------------------------------------------------------

def resolve_new_article(db: sqlite3.Connection, article_id: int, article: Article) -> list[int]:
    """For the store, before it writes an article's fresh quotes and entities (and before
    reviewers' corrections are put on them): keeps them as evidence, decides again about
    the names they bear on, rewrites the other stored articles whose decisions changed,
    and applies the decisions to `article` in place. Returns the other articles rewritten."""
    for seq, quote in enumerate(article.quotes):
        quote.seq = seq
    rows = _evidence_rows(article.quotes, article.entities)
    previous = {tuple(row) for row in db.execute("SELECT type, name, key FROM name_evidence WHERE article_id = ?",
                                                 (article_id,))}  # of the version it replaces
    db.execute("DELETE FROM unresolved_annotations WHERE article_id = ?", (article_id,))
    _keep_evidence(db, article_id, article.quotes, article.entities)
    changed = _redecide(db, _names_to_redecide(db, rows | previous), reviewed_names(db))
    rewritten = []
    if changed:
        decisions = current_decisions(db)
        rewritten = _rewrite(db, _articles_naming(db, changed) - {article_id}, decisions)
    names = {name for kind, name, _ in rows if kind in ("person", "speaker")}
    decisions = current_decisions(db, names)
    if decisions:
        base = (article.quotes, article.entities)
        article.quotes, article.entities = apply_decisions(*base, decisions)
        _keep_unresolved(db, article_id, base, (article.quotes, article.entities))
    return rewritten


def resolve_people(db: sqlite3.Connection) -> dict:
    """The whole archive again, inside the caller's transaction: every article's evidence
    is read from its output before this pass (its fresh output, after a re-extraction),
    every person name decided, and every article whose result changes rewritten and queued
    for the index. Returns a summary: decisions by kind, articles rewritten."""
    article_ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in article_ids:
        _keep_evidence(db, article_id, *_base(db, article_id))
    db.execute("DELETE FROM name_evidence WHERE article_id NOT IN (SELECT id FROM articles)")
    db.execute("DELETE FROM unresolved_annotations WHERE article_id NOT IN (SELECT id FROM articles)")
    names = {row[0] for row in db.execute("SELECT DISTINCT name FROM name_evidence WHERE type = 'person'")}
    stale = {row[0] for row in db.execute("SELECT name FROM people_decisions")} - names
    db.executemany("DELETE FROM people_decisions WHERE name = ?", [(name,) for name in stale])
    _redecide(db, names, reviewed_names(db))
    decisions = current_decisions(db)
    rewritten = _rewrite(db, article_ids, decisions)
    kinds: dict[str, int] = {}
    for decision in decisions.values():
        label = "same person" if decision.action == "same" else f"not a person: {decision.target}"
        kinds[label] = kinds.get(label, 0) + 1
    return {"decisions": kinds, "articles_rewritten": len(rewritten)}


def renamed_person(db: sqlite3.Connection, old: str, new: str, article_ids) -> None:
    """The people registry renamed a person in the stored rows of these articles ("Peskov"
    became "Dmitry Peskov" when the full name arrived): the evidence, the decisions and
    the kept output before this pass say so too."""
    db.execute("UPDATE OR IGNORE name_evidence SET name = ?, key = ? WHERE name = ? AND type IN ('person', 'speaker')",
               (new, person_key(new), old))
    db.execute("DELETE FROM name_evidence WHERE name = ? AND type IN ('person', 'speaker')", (old,))
    db.execute("UPDATE people_decisions SET target = ? WHERE target = ? AND action = 'same'", (new, old))
    db.execute("DELETE FROM people_decisions WHERE name = ?", (old,))
    merge = Correction(id=0, kind="merge", reviewer="", made_at="", name=new, names=[old])
    like = f"%{json.dumps(old, ensure_ascii=False)[1:-1]}%"
    ids = set(article_ids) | {row[0] for row in db.execute(
        "SELECT article_id FROM unresolved_annotations WHERE quotes LIKE ? OR entities LIKE ?", (like, like))}
    decisions = current_decisions(db)
    for article_id in sorted(ids):
        row = db.execute("SELECT quotes, entities FROM unresolved_annotations WHERE article_id = ?",
                         (article_id,)).fetchone()
        if row is None:
            continue
        renamed = apply_corrections("", [Quote(**q) for q in json.loads(row[0])],
                                    [Entity(**e) for e in json.loads(row[1])], [merge])
        # What the pass makes of the renamed output: what the registry's rename made of the
        # stored one, unless the article is being replaced (its rows are gone meanwhile).
        resolved = apply_decisions(renamed.quotes, renamed.entities, decisions)
        db.execute("UPDATE unresolved_annotations SET quotes = ?, entities = ?, resolved = ? WHERE article_id = ?",
                   (_dump(renamed.quotes), _dump(renamed.entities), _fingerprint(*resolved), article_id))
    _rewrite(db, ids, decisions)  # a decision about the old name is gone


# Explaining ----------------------------------------------------------------------------------

def written_as(db: sqlite3.Connection, names: list[str]) -> list[dict]:
    """For a person's page: the other names this pass found to be them, each with the
    articles it stands in ("also written as Blair in 13 articles")."""
    marks = ", ".join("?" for _ in names)
    try:
        rows = db.execute(f"SELECT name, evidence FROM people_decisions WHERE action = 'same' AND target IN ({marks}) "
                          f"ORDER BY name", names).fetchall()
    except sqlite3.OperationalError:  # an archive made before this pass, served read-only
        return []
    found = []
    for name, evidence in rows:
        articles = db.execute("SELECT count(DISTINCT article_id) FROM name_evidence WHERE name = ? "
                              "AND type IN ('person', 'speaker')", (name,)).fetchone()[0]
        found.append({"name": name, "articles": articles, "evidence": json.loads(evidence)})
    return found
