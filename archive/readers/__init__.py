"""Readers turn the bytes of one received file into drafts, one per article.

`read_file(name, data)` detects the format by content (the file name only breaks
ties), dispatches to the reader for it and returns a list of `ReadItem`s: one per
article found, or one carrying the reason the file (or a part of it) could not
be read. A reader never raises for bad input; the rest of a batch goes on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.model import Draft
from archive.readers.detect import binary_kind, detect_format, xml_root_name

WORD_CHARACTER = re.compile(r"[^\W_]")


class ReadError(Exception):
    """Raised inside readers for input they refuse; turned into a per-file error."""


@dataclass
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_entries: int = 10_000
    max_zip_total_bytes: int = 500 * 1024 * 1024  # uncompressed
    max_zip_ratio: int = 200  # uncompressed / compressed, per entry
    max_json_depth: int = 64
    max_articles_per_file: int = 100_000


@dataclass
class ReadItem:
    name: str  # "a.html", "batch.zip/b.html", "feed.xml#3"
    data: bytes  # the original bytes this article came from (a ZIP entry, or the whole file)
    draft: Draft | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.draft is not None


def read_file(name: str, data: bytes, limits: Limits | None = None) -> list[ReadItem]:
    limits = limits or Limits()
    if len(data) > limits.max_file_bytes:
        return [ReadItem(name, data, error=f"file too large: {len(data):,} bytes "
                                         f"(the limit is {limits.max_file_bytes:,})")]
    if not data.strip():
        return [ReadItem(name, data, error="empty file")]
    fmt = detect_format(name, data)
    if fmt == "binary":
        kind = binary_kind(data)
        return [ReadItem(name, data, error=f"not a text file (binary content{': ' + kind if kind else ''}); "
                                           "expected HTML, text, JSON, a feed or a ZIP")]
    if fmt == "zip":
        from archive.readers.zipped import read_zip
        return read_zip(name, data, limits)
    if fmt == "xml":
        return [ReadItem(name, data, error=f"not an article: an XML document (<{xml_root_name(data)}>) "
                                           "that is neither a web page nor a feed")]
    try:
        drafts = _read_articles(fmt, data, limits)
    except ReadError as exc:
        return [ReadItem(name, data, error=str(exc))]
    except RecursionError:
        return [ReadItem(name, data, error="structure nested too deeply")]
    items = []
    for i, draft in enumerate(drafts):
        item_name = name if len(drafts) == 1 and fmt not in ("jsonl", "feed") else f"{name}#{i + 1}"
        if isinstance(draft, str):
            items.append(ReadItem(item_name, data, error=draft))
        elif not _has_words(draft):
            items.append(ReadItem(item_name, data, error="no article text found"))
        else:
            items.append(ReadItem(item_name, data, draft=draft))
    if not items:
        return [ReadItem(name, data, error="no article found in the file")]
    return items


def _has_words(draft: Draft) -> bool:
    """A title or paragraph with at least one letter or digit (not only punctuation or marks)."""
    return any(WORD_CHARACTER.search(text or "") for text in [draft.title, *draft.paragraphs])


def _read_articles(fmt: str, data: bytes, limits: Limits) -> list[Draft | str]:
    """Drafts for each article, or a string saying why one entry could not be read."""
    if fmt == "html":
        from archive.readers.html import read_html
        return [read_html(data)]
    if fmt in ("json", "jsonl"):
        from archive.readers.jsonfile import read_json, read_jsonl
        return read_jsonl(data, limits) if fmt == "jsonl" else read_json(data, limits)
    if fmt == "feed":
        from archive.readers.feed import read_feed
        return read_feed(data, limits)
    from archive.readers.text import read_text
    return [read_text(data)]
