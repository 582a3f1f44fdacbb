"""Article -> the Whoosh documents that represent it (one article document, one per quote).

Of a long body the index holds the annotated part only (archive.normalize.annotated_part:
the first ANNOTATED_CHARS characters, cut at a paragraph break), and the quotes within it:
a huge article costs what a long one does to index and to search, and its page says so.
"""
from __future__ import annotations

import functools
import re
from itertools import takewhile

from anyascii import anyascii

from archive.model import Article, Quote
from archive.normalize import annotated_end, annotated_part
from archive.scripts import main_script
from index.schema import STEMMED_LANGUAGES, VALUE_SEPARATOR

UNDATED_NEWEST = -(2 ** 62)
UNDATED_OLDEST = 2 ** 62

def joined(values) -> str:
    return VALUE_SEPARATOR.join(dict.fromkeys(v for v in values if v))

def month_of(article: Article) -> str | None:
    """"2022-01" when the month is known; the month in the source's own offset."""
    published = article.published
    if not published.value or published.precision in ("year",):
        return None
    return published.value.strftime("%Y-%m")

def _date_fields(article: Article) -> dict:
    utc = article.published.utc
    if utc is None:
        return {"date_newest": UNDATED_NEWEST, "date_oldest": UNDATED_OLDEST}
    seconds = int(utc.timestamp())
    return {"published": utc.replace(tzinfo=None), "date_newest": seconds, "date_oldest": seconds}

def _facet(name: str, values, aliases=()) -> dict:
    values = joined(values)
    doc = {name: values, f"{name}_col": values.encode("utf-8")}
    if name in ("speaker", "person", "org", "place", "source"):
        names = [*values.split(VALUE_SEPARATOR), *aliases]
        doc[f"{name}_names"] = " ".join(dict.fromkeys([*names, *transliterations(names)]))
    return doc

def transliterations(names) -> list[str]:
    """Names in a script other than Latin, in Latin letters: `speaker:peskov` finds "Дмитрий Песков"."""
    return [latin for latin in map(_in_latin_letters, names) if latin is not None]


@functools.lru_cache(maxsize=65536)
def _in_latin_letters(name: str) -> str | None:
    # Cached: the same few names come back in every document of an article and its quotes.
    return None if main_script(name) in (None, "LATIN") else anyascii(name)

def _in_own_language(prefix: str, article: Article, text: str) -> dict:
    """The text again in the field stemmed for its language (`body_fr`), when it has one."""
    return {f"{prefix}_{article.language}": text} if article.language in STEMMED_LANGUAGES else {}

def _entity_names(article: Article, kind: str, names: set[str] | None = None) -> tuple[list[str], list[str]]:
    entities = [e for e in article.entities if e.type == kind and (names is None or e.name in names)]
    return [e.name for e in entities], [a for e in entities for a in e.aliases]

def article_document(article: Article) -> dict:
    speakers = [q.speaker for q in article.quotes if q.speaker]
    speaker_aliases = [a for e in article.entities if e.type == "person" and e.name in speakers
                       for a in e.aliases]
    doc = {
        "id": str(article.id),
        "title": article.title,
        "body": annotated_part(article.body),
        **_in_own_language("body", article, annotated_part(article.body)),
        **_facet("language", [article.language]),
        **_date_fields(article),
        **_facet("speaker", speakers, speaker_aliases),
        **_facet("source", [article.source]),
        **_facet("month", [month_of(article)]),
    }
    for kind in ("person", "org", "place"):
        doc.update(_facet(kind, *_entity_names(article, kind)))
    return doc

def names_in_text(text: str, names, lowered: str | None = None) -> bool:
    """Whether any of the names occurs in the text as whole words. Short names ("US", "UN")
    must match their case, so "us" and "un-" in ordinary words do not count. `lowered` is
    text.lower(), when the caller checks many names against one text."""
    lowered = text.lower() if lowered is None else lowered
    # Most names are nowhere in the text: a substring test rules them out before a pattern
    # is compiled for them.
    if not any(name in text if len(name) <= 3 else name.lower() in lowered for name in names):
        return False
    pattern = _names_pattern(tuple(names))
    return pattern is not None and pattern.search(text) is not None


@functools.lru_cache(maxsize=8192)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    # One pattern per entity, compiled once: an article's every quote is checked against
    # every entity, far more patterns than the re module's own cache keeps.
    short = [re.escape(name) for name in names if 2 <= len(name) <= 3]
    long = [re.escape(name) for name in names if len(name) > 3]
    if not short and not long:
        return None
    choices = short + ([f"(?i:{'|'.join(long)})"] if long else [])
    return re.compile(r"(?<!\w)(?:" + "|".join(choices) + r")(?!\w)")


def entities_in_quote(article: Article, quote: Quote) -> dict[str, list[str]]:
    """Entities of the article named inside the quote's text, by type."""
    found: dict[str, list[str]] = {"person": [], "org": [], "place": []}
    lowered = quote.text.lower()
    for entity in article.entities:
        if entity.type in found and names_in_text(quote.text, (entity.name, *entity.aliases), lowered):
            found[entity.type].append(entity.name)
    return found


def indexed_quotes(article: Article) -> list[Quote]:
    """The article's quotes within the indexed part of its body (all of them, unless the
    article was annotated before bodies were bounded): the first ones in text order, so
    each keeps its position, its `seq`."""
    end = annotated_end(article.body)
    return list(takewhile(lambda quote: quote.end <= end, article.quotes))


def quote_documents(article: Article) -> list[dict]:
    docs = []
    for position, quote in enumerate(indexed_quotes(article)):
        seq = position if quote.seq is None else quote.seq  # kept when a reviewer removed a quote before it
        speaker_aliases = [a for e in article.entities if e.type == "person" and e.name == quote.speaker
                           for a in e.aliases]
        doc = {
            "id": f"{article.id}:{seq}",
            "article_id": str(article.id),
            "text": quote.text,
            **_in_own_language("text", article, quote.text),
            **_facet("language", [article.language]),
            "cue": quote.cue or "",
            "seq": seq,
            **_date_fields(article),
            **_facet("speaker", [quote.speaker], speaker_aliases),
            **_facet("source", [article.source]),
            **_facet("month", [month_of(article)]),
        }
        named = entities_in_quote(article, quote)
        for kind in ("person", "org", "place"):
            doc.update(_facet(kind, named[kind]))
        docs.append(doc)
    return docs

def parse_quote_id(value: str) -> tuple[int, int]:
    article_id, seq = value.split(":")
    return int(article_id), int(seq)

