"""The peer: the same archive in SQLite FTS5, as a Datasette user would set it up.

One SQLite file per archive (fts5.sqlite3 in the archive folder):
- `articles` / `quotes`: plain tables with the text and dates (what rows and
  snippets are read from);
- `articles_fts` / `quotes_fts`: contentless FTS5 tables (content='') over the
  same words our index holds: each text is run through index.schema.text_analyzer()
  (lowercased, accent-folded, Porter-stemmed) and stored space-joined, so that
  totals and facet counts can be compared one to one;
- `article_<facet>` / `quote_<facet>`: (doc_id, value) for each facet, indexed
  both ways; the values are those index.documents gives the Whoosh documents.

A search materializes the matching ids (with bm25) in a temporary table once,
drops those the filters rule out, then counts by `count(*)`, facets by GROUP BY
over a join, the top 20 by bm25 (or date) and reads those 20 rows for snippets;
with nothing asked it counts straight from the tables. The counts a search page
shows without a filter (speaker and source without their own, months without the
date range) are made the same way over a second temporary table each. Contentless FTS5 tables cannot give
snippet(), so the snippet is cut in Python around the first matched word (one
regular expression over the raw text), as a user of such a table would have to.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import timezone
from pathlib import Path

from index.documents import article_document, quote_documents
from index.schema import ARTICLE_FACETS, QUOTE_FACETS, VALUE_SEPARATOR, text_analyzer
from index.search import ANY_OF_FACETS, WIDENED_FACETS, SearchRequest, parse_day_bound

FTS_VERSION = 3
FTS_FILE = "fts5.sqlite3"
# Our tokens may hold '.', '_' and '*' (Whoosh-Reloaded's default tokenizer keeps '*' in words).
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '._*'"
BUILD_BATCH = 2_000
SNIPPET_CHARS = 220
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0  # the index's field boosts

KINDS = {
    "articles": {"docs": "articles", "fts": "articles_fts", "facet": "article_{}", "facets": ARTICLE_FACETS,
                 "rank": f"bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"},
    "quotes": {"docs": "quotes", "fts": "quotes_fts", "facet": "quote_{}", "facets": QUOTE_FACETS,
               "rank": "bm25(quotes_fts)"},
}

_analyzer = text_analyzer()


def analyzed(text: str) -> list[str]:
    return [token.text for token in _analyzer(text or "")]


def _schema() -> str:
    tables = [
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, source TEXT, published TEXT, "
        "published_precision TEXT, published_utc REAL, date_newest INTEGER, date_oldest INTEGER)",
        "CREATE TABLE quotes (id INTEGER PRIMARY KEY, article_id INTEGER, seq INTEGER, text TEXT, speaker TEXT, "
        "published_utc REAL, date_newest INTEGER, date_oldest INTEGER)",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', tokenize=\"{TOKENIZER}\")",
        f"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='', tokenize=\"{TOKENIZER}\")",
    ]
    for spec in KINDS.values():
        for facet in spec["facets"]:
            table = spec["facet"].format(facet)
            tables.append(f"CREATE TABLE {table} (doc_id INTEGER, value TEXT, PRIMARY KEY (doc_id, value)) "
                          f"WITHOUT ROWID")
    return ";\n".join(tables)


def _facet_indexes() -> list[str]:
    statements = [f"CREATE INDEX {table}_{column} ON {table}({column})" for table in ("articles", "quotes")
                  for column in ("published_utc", "date_newest", "date_oldest")]
    for spec in KINDS.values():
        for facet in spec["facets"]:
            table = spec["facet"].format(facet)
            statements.append(f"CREATE INDEX {table}_value ON {table}(value, doc_id)")
    return statements


def fts_is_built(folder: Path) -> bool:
    path = folder / FTS_FILE
    if not path.exists():
        return False
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0] == FTS_VERSION


def build_fts(folder: Path, store, log=print) -> None:
    """Fill fts5.sqlite3 from the archive's store, through the index's own document functions."""
    path = folder / FTS_FILE
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
    db.executescript(_schema())
    ids = store.all_ids()
    quote_rowid = 0
    for first in range(0, len(ids), BUILD_BATCH):
        db.execute("BEGIN")
        for article in store.get_many(ids[first:first + BUILD_BATCH]):
            doc = article_document(article)
            utc = article.published.utc
            db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (article.id, article.title, article.body, article.source, article.published.iso(),
                        article.published.precision, utc.timestamp() if utc else None,
                        doc["date_newest"], doc["date_oldest"]))
            db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                       (article.id, " ".join(analyzed(article.title)), " ".join(analyzed(article.body))))
            _insert_facets(db, "articles", article.id, doc)
            for quote_doc, quote in zip(quote_documents(article), article.quotes):
                quote_rowid += 1
                db.execute("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (quote_rowid, article.id, int(quote_doc["id"].split(":")[1]), quote.text,
                            quote.speaker, utc.timestamp() if utc else None,
                            quote_doc["date_newest"], quote_doc["date_oldest"]))
                db.execute("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)",
                           (quote_rowid, " ".join(analyzed(quote.text))))
                _insert_facets(db, "quotes", quote_rowid, quote_doc)
        db.execute("COMMIT")
        log(f"  FTS5 {min(first + BUILD_BATCH, len(ids)):,}/{len(ids):,}")
    for statement in _facet_indexes():
        db.execute(statement)
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
    db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('optimize')")
    db.execute("ANALYZE")
    db.execute(f"PRAGMA user_version={FTS_VERSION}")
    db.close()


def _insert_facets(db: sqlite3.Connection, kind: str, doc_id: int, doc: dict) -> None:
    spec = KINDS[kind]
    for facet in spec["facets"]:
        values = [v for v in doc[facet].split(VALUE_SEPARATOR) if v]
        db.executemany(f"INSERT OR IGNORE INTO {spec['facet'].format(facet)} VALUES (?, ?)",
                       [(doc_id, v) for v in values])


# Searching --------------------------------------------------------------------

QUERY_PARTS = re.compile(r'"([^"]*)"|(\S+)')
OPERATORS = ("OR", "NOT", "AND")


def match_expression(text: str) -> tuple[str | None, set[str]]:
    """An FTS5 MATCH expression for the query syntax the benchmark uses (words, "phrases",
    prefix*, OR, NOT), and the analyzed words for the snippet. None: match everything."""
    parts, words = [], set()
    for phrase, word in QUERY_PARTS.findall(text or ""):
        if phrase:
            tokens = analyzed(phrase)
            words.update(tokens)
            parts.append('"' + " ".join(tokens) + '"')
        elif word in OPERATORS:
            parts.append(word)
        elif word.endswith("*"):
            # Our parser runs a prefix through the stemmer too ("indus*" searches "indu*");
            # done the same here so that the counts compare (the quirk is reported apart).
            stem = (analyzed(word.rstrip("*")) or [word.rstrip("*").lower()])[0]
            parts.append(f'"{stem}"*')
        else:
            tokens = analyzed(word)
            words.update(tokens)
            parts.extend(f'"{t}"' for t in tokens)
    return (" ".join(parts) or None), words


@dataclass
class FtsResponse:
    total: int
    hits: list[dict]
    facets: dict[str, list[tuple[str, int]]]


class FtsSearch:
    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / FTS_FILE, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        for table in ("hits", "widened"):
            self.db.execute(f"CREATE TEMP TABLE {table} (id INTEGER PRIMARY KEY, rank REAL)")

    def close(self) -> None:
        self.db.close()

    def search(self, request: SearchRequest) -> FtsResponse:
        kind = "quotes" if request.kind == "quotes" else "articles"
        spec = KINDS[kind]
        expression, words = match_expression(request.q)
        constraints = self._constraints(spec, request)
        if not expression and not constraints:
            return self._everything(kind, spec, request)
        self._materialize("hits", spec, expression, constraints)
        total = self.db.execute("SELECT count(*) FROM hits").fetchone()[0]
        facets = {}
        if request.with_facets:
            facets = {facet: self._facet(spec, facet, request) for facet in spec["facets"]}
            facets.update(self._widened_facets(spec, expression, request))
        top = self._top_ids(spec, request.sort, request.per_page)
        hits = self._hits(kind, top, words)
        return FtsResponse(total, hits, facets)

    def _materialize(self, table: str, spec: dict, expression: str | None, constraints: list) -> None:
        """The matching ids (with bm25) into a temporary table."""
        self.db.execute(f"DELETE FROM {table}")
        constraints = list(constraints)
        if expression:
            self.db.execute(f"INSERT INTO {table} (id, rank) SELECT rowid, {spec['rank']} FROM {spec['fts']} "
                            f"WHERE {spec['fts']} MATCH ?", (expression,))
        else:
            keep, sql, params = constraints.pop(0) if constraints[0][0] else (True, f"SELECT id AS doc_id FROM {spec['docs']}", [])
            self.db.execute(f"INSERT INTO {table} (id, rank) SELECT DISTINCT doc_id, 0.0 FROM ({sql})", params)
        for keep, sql, params in constraints:
            self.db.execute(f"DELETE FROM {table} WHERE id {'NOT IN' if keep else 'IN'} ({sql})", params)

    def _widened_facets(self, spec: dict, expression: str | None, request: SearchRequest) -> dict:
        """What a search page shows as ours does (index.search.WIDENED_FACETS): speaker and source
        counted without their own filter, the months without the date range, each over a
        matching set of its own."""
        widened = {name: replace(request, filters={k: v for k, v in request.filters.items() if k != name})
                   for name in WIDENED_FACETS if any(request.filters.get(name, []))}
        if request.date_from or request.date_to:
            widened["month"] = replace(request, date_from=None, date_to=None)
        result = {}
        for facet, wider in widened.items():
            constraints = self._constraints(spec, wider)
            if not expression and not constraints:
                result[facet] = self._table_facet(spec, facet, request)
                continue
            self._materialize("widened", spec, expression, constraints)
            result[facet] = self._facet(spec, facet, request, table="widened")
        return result

    @staticmethod
    def _constraints(spec: dict, request: SearchRequest) -> list[tuple[bool, str, list]]:
        """(keep or drop, SQL giving the ids as doc_id, parameters) for the filters, dates and
        exclusions. Applied one by one to the matching ids rather than folded into the MATCH
        query: SQLite would otherwise drive some plans from the facet side and run the full-text
        lookup once per facet row (seconds at 100k articles)."""
        constraints = []
        for facet, values in request.filters.items():
            values = [v for v in values if v]
            table = spec["facet"].format(facet)
            if not values:
                continue
            if facet in ANY_OF_FACETS:
                constraints.append((True, f"SELECT doc_id FROM {table} WHERE value IN "
                                          f"({', '.join('?' for _ in values)})", values))
            else:
                constraints += [(True, f"SELECT doc_id FROM {table} WHERE value = ?", [v]) for v in values]
        start = parse_day_bound(request.date_from, end=False)
        stop = parse_day_bound(request.date_to, end=True)
        if start or stop:
            constraints.append((True, f"SELECT id AS doc_id FROM {spec['docs']} WHERE published_utc BETWEEN ? AND ?",
                                [start.replace(tzinfo=timezone.utc).timestamp() if start else -1e18,
                                 stop.replace(tzinfo=timezone.utc).timestamp() if stop else 1e18]))
        for facet, values in request.excludes.items():
            values = [v for v in values if v]
            if values:
                constraints.append((False, f"SELECT doc_id FROM {spec['facet'].format(facet)} WHERE value IN "
                                           f"({', '.join('?' for _ in values)})", values))
        return constraints

    def _everything(self, kind: str, spec: dict, request: SearchRequest) -> FtsResponse:
        """Nothing asked: counts straight from the tables, as Datasette's table page does."""
        total = self.db.execute(f"SELECT count(*) FROM {spec['docs']}").fetchone()[0]
        facets = {}
        if request.with_facets:
            facets = {facet: self._table_facet(spec, facet, request) for facet in spec["facets"]}
        if request.sort in ("newest", "oldest"):
            column, direction = ("date_newest", "DESC") if request.sort == "newest" else ("date_oldest", "ASC")
            sql = f"SELECT id FROM {spec['docs']} ORDER BY {column} {direction}, id LIMIT ?"
        else:
            sql = f"SELECT id FROM {spec['docs']} ORDER BY id LIMIT ?"
        top = [row[0] for row in self.db.execute(sql, (request.per_page,))]
        return FtsResponse(total, self._hits(kind, top, set()), facets)

    @staticmethod
    def _facet_order(facet: str, request: SearchRequest) -> tuple[str, str]:
        if facet == "month":
            return "value", ""
        return "count(*) DESC, value", f" LIMIT {int(request.facet_limits.get(facet, request.facet_limit))}"

    def _facet(self, spec: dict, facet: str, request: SearchRequest, table: str = "hits") -> list[tuple[str, int]]:
        values = spec["facet"].format(facet)
        order, limit = self._facet_order(facet, request)
        rows = self.db.execute(f"SELECT value, count(*) FROM {table} CROSS JOIN {values} ON {values}.doc_id = {table}.id "
                               f"GROUP BY value ORDER BY {order}{limit}")
        return [(value, count) for value, count in rows]

    def _table_facet(self, spec: dict, facet: str, request: SearchRequest) -> list[tuple[str, int]]:
        """Counts over every document, straight from the facet table."""
        order, limit = self._facet_order(facet, request)
        return [(v, c) for v, c in self.db.execute(
            f"SELECT value, count(*) FROM {spec['facet'].format(facet)} GROUP BY value ORDER BY {order}{limit}")]

    def _top_ids(self, spec: dict, sort: str, limit: int) -> list[int]:
        if sort in ("newest", "oldest"):
            column, direction = ("date_newest", "DESC") if sort == "newest" else ("date_oldest", "ASC")
            sql = (f"SELECT hits.id FROM hits JOIN {spec['docs']} d ON d.id = hits.id "
                   f"ORDER BY d.{column} {direction}, hits.id LIMIT ?")
        else:
            sql = "SELECT id FROM hits ORDER BY rank, id LIMIT ?"
        return [row[0] for row in self.db.execute(sql, (limit,))]

    def _hits(self, kind: str, ids: list[int], words: set[str]) -> list[dict]:
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        if kind == "quotes":
            sql = (f"SELECT q.id, q.article_id, q.seq, q.text, q.speaker, a.title, a.source, a.published "
                   f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id IN ({marks})")
            text_column = "text"
        else:
            sql = f"SELECT id, title, body, source, published, published_precision FROM articles WHERE id IN ({marks})"
            text_column = "body"
        rows = {row["id"]: dict(row) for row in self.db.execute(sql, ids)}
        hits = []
        for doc_id in ids:
            row = rows[doc_id]
            row["snippet"] = snippet(row.pop(text_column) if kind == "articles" else row[text_column], words)
            hits.append(row)
        return hits


def snippet(text: str, words: set[str]) -> str:
    """About SNIPPET_CHARS around the first word starting with a query word's stem,
    matches in [brackets]; the lead when nothing matches. A regular expression over
    the raw text: the cheap way a user of a contentless table would do it."""
    if not words:
        return text[:SNIPPET_CHARS]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\w*",
                         re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        return text[:SNIPPET_CHARS]
    start = max(0, first.start() - SNIPPET_CHARS // 4)
    window = text[start:start + SNIPPET_CHARS]
    return pattern.sub(lambda m: f"[{m.group(0)}]", window)
