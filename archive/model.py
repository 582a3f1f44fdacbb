"""The shapes every stage passes on: a reader's Draft, the normalized Article,
its Timestamp, Quotes and Entities.

Plain dataclasses with `to_dict()` so the CLI, the store and the API all speak
the same JSON.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone

from archive.pipelines import attribution_of

# Where a publication time came from, best evidence first.
DATE_SOURCES = ("upload", "field", "json-ld", "meta", "time", "feed", "url", "text", "htmldate")

# How much of a timestamp is known. "time" means only a time of day
# ("Posted at 11:02") is known, not the date.
PRECISIONS = ("year", "month", "day", "minute", "second", "time")


@dataclass
class DateCandidate:
    """A date string a reader found, before anyone decided it is the publication time."""

    raw: str
    source: str  # one of DATE_SOURCES
    kind: str = "published"  # or "modified", or "wiki-edit" (archive.dates.arbitration.UPDATE_KINDS)


@dataclass
class Decoding:
    """How an article's bytes became text."""

    encoding: str  # the charset read with: "utf-8", "cp1251"
    method: str  # how it was chosen: bom, declared, utf-8, detected, mixed, fallback...
    doubt: str | None = None  # why the charset may be wrong, when it may be
    repaired: bool = False  # mojibake (UTF-8 once read as another charset) was repaired


@dataclass
class Draft:
    """What a reader makes of one article in a file: text and raw evidence, nothing decided."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    date_candidates: list[DateCandidate] = field(default_factory=list)
    url: str | None = None
    source: str | None = None  # publication / site name
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None  # "Washington" from "(Washington) ..."
    language: str | None = None  # as declared by the file, if it says
    format: str = "text"  # text, html, json, jsonl, feed
    decoding: Decoding | None = None  # None: the format's parser decoded (XML feeds)


@dataclass
class Timestamp:
    """A point in time as the source gave it, never invented.

    `value` is aware; it keeps the source's own offset (UTC when the source gave
    none). When nothing usable was found, `value` is None and `reason` says why.
    `time_of_day` holds "11:02" when only a time is known (precision "time").
    """

    value: datetime | None = None
    precision: str | None = None
    source: str | None = None
    raw: str | None = None
    reason: str | None = None
    time_of_day: str | None = None

    @property
    def utc(self) -> datetime | None:
        return self.value.astimezone(timezone.utc) if self.value else None

    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None

    def utc_iso(self) -> str | None:
        return self.utc.isoformat().replace("+00:00", "Z") if self.value else None


@dataclass
class Quote:
    text: str
    start: int  # character offsets into Article.body
    end: int
    speaker: str | None = None  # canonical name, or None when nobody is credited
    speaker_mention: str | None = None  # the words in the text: "he", "Putin's spokesman"
    cue: str | None = None  # said, warned, according to ...
    confidence: float = 0.0
    partial: bool = False  # a fragment inside a sentence, not a whole utterance
    # Its number in the stored article (the store's `quotes.seq`): it stays the same when a
    # reviewer marks another quote as not a quotation. None before the quote is stored.
    seq: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        found = fields_of(self)
        del found["seq"]  # the extractor's output; the article JSON adds it (web.shapes.article)
        return found


@dataclass
class Entity:
    name: str  # canonical
    type: str  # person, org, place
    count: int = 1
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return fields_of(self)


def fields_of(item: Quote | Entity) -> dict:
    """A quote's or an entity's fields, as dataclasses.asdict gives them (each list
    copied), without asdict's recursive deep copy: the people pass and the corrections
    turn thousands of them into JSON in one ingest."""
    return {name: list(value) if isinstance(value, list) else value
            for name, value in ((name, getattr(item, name)) for name in _field_names(type(item)))}


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


ENTITY_TYPES = ("person", "org", "place")


@dataclass
class Article:
    """A normalized article: what the store keeps and the index serves."""

    title: str
    body: str  # paragraphs joined by a blank line; quote offsets index into it
    published: Timestamp = field(default_factory=Timestamp)
    updated: Timestamp = field(default_factory=Timestamp)
    dateline: str | None = None
    source: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    format: str = "text"
    decoding: Decoding | None = None
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Provenance, filled in by the pipeline and the store.
    file: str | None = None  # name as received ("batch.zip/a.html", "feed.xml#2")
    original_sha256: str | None = None
    ingested_at: datetime | None = None
    id: int | None = None

    @property
    def attribution(self) -> str:
        """Whether speakers and names are found in this article's language (archive.pipelines)."""
        return attribution_of(self.language)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    def to_dict(self) -> dict:
        """The JSON shape of the `extract` CLI and the article API."""
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "published": self.published.iso(),
            "published_utc": self.published.utc_iso(),
            "published_precision": self.published.precision,
            "published_source": self.published.source,
            "published_raw": self.published.raw,
            "published_reason": self.published.reason,
            "published_time_of_day": self.published.time_of_day,
            "updated": self.updated.iso(),
            "updated_source": self.updated.source,
            "updated_precision": self.updated.precision,
            "updated_raw": self.updated.raw,
            "dateline": self.dateline,
            "source": self.source,
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "attribution": self.attribution,
            "format": self.format,
            **decoding_fields(self.decoding),
            "ingested_at": self.ingested_at.isoformat() if self.ingested_at else None,
            "original_sha256": self.original_sha256,
            "body": self.body,
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
        }


def decoding_fields(decoding: Decoding | None) -> dict:
    """The flat JSON (and store) fields of how the text was decoded."""
    return {
        "encoding": decoding.encoding if decoding else None,
        "encoding_method": decoding.method if decoding else None,
        "encoding_doubt": decoding.doubt if decoding else None,
        "text_repaired": decoding.repaired if decoding else False,
    }
