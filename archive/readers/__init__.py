"""Readers turn one received file into drafts, one per article.

`iter_file(name, bytes_or_path)` detects the format by content (the file name only
breaks ties), dispatches to the reader for it and yields `ReadItem`s, lazily: one per
article found, or one carrying the reason the file (or a part of it) could not be
read. `read_file(name, data)` is the same as a list. A reader never raises for bad
input; the rest of a batch goes on. The ZIPs of one upload share one `Unpacking`,
the budget of what they may unpack.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.model import Draft
from archive.readers.detect import ZIP_MAGIC, binary_kind, detect_format, xml_root_name
from archive.readers.unpacking import Unpacking

WORD_CHARACTER = re.compile(r"[^\W_]")


class ReadError(Exception):
    """Raised inside readers for input they refuse; turned into a per-file error."""


@dataclass
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_entries: int = 10_000  # in one ZIP
    max_zip_total_bytes: int = 500 * 1024 * 1024  # decompressed from every ZIP of one upload, all levels
    max_upload_entries: int = 50_000  # ZIP entries in one upload, all levels
    max_zip_depth: int = 2  # a ZIP inside a ZIP, no deeper
    max_zip_ratio: int = 200  # uncompressed / compressed, every entry
    zip_ratio_allowance: int = 4096  # bytes beyond the ratio: tiny files compress unevenly
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
    return list(iter_file(name, data, limits))


def iter_file(name: str, source: bytes | str | os.PathLike, limits: Limits | None = None,
              unpacking: Unpacking | None = None) -> Iterator[ReadItem]:
    """The articles in one file, given as its bytes or as the path of a file on disk (a
    ZIP on disk is read from there, entry by entry; another file is read into memory)."""
    limits = limits or Limits()
    if isinstance(source, bytes):
        yield from read_bytes(name, source, limits, unpacking)
        return
    path = Path(source)
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        yield _too_large(name, size, limits)
        return
    with open(path, "rb") as file:
        if file.read(len(ZIP_MAGIC[0])) in ZIP_MAGIC:
            from archive.readers.zipped import read_zip
            file.seek(0)
            yield from read_zip(name, file, limits, unpacking)
            return
        file.seek(0)
        data = file.read()
    yield from read_bytes(name, data, limits, unpacking)


def read_bytes(name: str, data: bytes, limits: Limits, unpacking: Unpacking | None = None) -> Iterator[ReadItem]:
    if len(data) > limits.max_file_bytes:
        yield _too_large(name, len(data), limits)
        return
    if not data.strip():
        yield ReadItem(name, data, error="empty file")
        return
    fmt = detect_format(name, data)
    if fmt == "binary":
        kind = binary_kind(data)
        yield ReadItem(name, data, error=f"not a text file (binary content{': ' + kind if kind else ''}); "
                                         "expected HTML, text, JSON, a feed or a ZIP")
        return
    if fmt == "zip":
        from archive.readers.zipped import read_zip
        yield from read_zip(name, data, limits, unpacking)
        return
    if fmt == "xml":
        yield ReadItem(name, data, error=f"not an article: an XML document (<{xml_root_name(data)}>) "
                                         "that is neither a web page nor a feed")
        return
    try:
        drafts = _read_articles(fmt, data, limits)
    except ReadError as exc:
        yield ReadItem(name, data, error=str(exc))
        return
    except RecursionError:
        yield ReadItem(name, data, error="structure nested too deeply")
        return
    if not drafts:
        yield ReadItem(name, data, error="no article found in the file")
    for i, draft in enumerate(drafts):
        item_name = name if len(drafts) == 1 and fmt not in ("jsonl", "feed") else f"{name}#{i + 1}"
        if isinstance(draft, str):
            yield ReadItem(item_name, data, error=draft)
        elif not _has_words(draft):
            yield ReadItem(item_name, data, error="no article text found")
        else:
            yield ReadItem(item_name, data, draft=draft)


def _too_large(name: str, size: int, limits: Limits) -> ReadItem:
    return ReadItem(name, b"", error=f"file too large: {size:,} bytes (the limit is {limits.max_file_bytes:,})")


def _has_words(draft: Draft) -> bool:
    """A title or paragraph with at least one letter or digit (not only punctuation or marks)."""
    return any(WORD_CHARACTER.search(text or "") for text in [draft.title, *draft.paragraphs])


def _read_articles(fmt: str, data: bytes, limits: Limits) -> list[Draft | str]:
    """Drafts for each article, or a string saying why one entry could not be read."""
    if fmt == "html":
        from archive.readers.encoding import decode, declared_charset
        from archive.readers.html import read_html
        draft = read_html(data)
        # The HTML reader decodes the page itself; this says how (a second decoding of the bytes).
        draft.decoding = draft.decoding or decode(data, declared_charset(data)).decoding
        return [draft]
    if fmt in ("json", "jsonl"):
        from archive.readers.jsonfile import read_json, read_jsonl
        return read_jsonl(data, limits) if fmt == "jsonl" else read_json(data, limits)
    if fmt == "feed":
        from archive.readers.feed import read_feed
        return read_feed(data, limits)
    from archive.readers.text import read_text
    return [read_text(data)]
