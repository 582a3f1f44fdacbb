"""What a fetched document is, and the entries it lists.

Kinds: `page` (HTML, or plain text), `feed` (RSS 2.0, RSS 1.0, Atom, JSON Feed), `sitemap`
(a plain or a Google News sitemap) and `sitemap-index`. Decided by content; the
Content-Type only refuses what is neither (images, PDFs...). XML is parsed with defusedxml:
a document declaring entities or an external DTD is refused, never expanded.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from archive.readers.detect import detect_format, xml_root_name
from archive.readers.feed_items import PUBLISHED_NAMES, UPDATED_NAMES, child_text, item_authors, item_link, local_name
from archive.readers.fragments import text_paragraphs

# An entry with at least this much text is taken from the feed itself; a shorter one (a
# teaser) means the article is on its page.
FULL_CONTENT_CHARS = 500
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
DOCUMENT_TYPES = ("xml", "json", "rss", "atom", "rdf")  # application/rss+xml, text/xml, application/feed+json...
JSON_FEED = re.compile(r"^https?://jsonfeed\.org/version/", re.IGNORECASE)


class SourceError(Exception):
    """A document that cannot be read as what it claims to be; the message says why."""


@dataclass
class Entry:
    url: str | None
    title: str | None = None
    content: str | None = None  # the article's text (HTML or plain) when the feed carries it whole
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    publication: str | None = None  # a news sitemap's publication name
    date_source: str = "feed"  # or "sitemap"

    @property
    def has_full_content(self) -> bool:
        return bool(self.content) and (not self.url or _text_length(self.content) >= FULL_CONTENT_CHARS)


@dataclass
class Source:
    kind: str  # page, feed, sitemap, sitemap-index
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # the children of a sitemap index
    truncated: bool = False  # more entries than were read


def kind_of(body: bytes, content_type: str) -> str:
    """page, feed, sitemap or sitemap-index; SourceError for anything else."""
    fmt = detect_format("", body)
    if fmt in ("json", "jsonl"):
        if _is_json_feed(body):
            return "feed"
        raise SourceError("a JSON document that is not a JSON Feed")
    if fmt == "feed":
        return "feed"
    if fmt == "xml":
        root = (xml_root_name(body) or "").lower()
        if root == "urlset":
            return "sitemap"
        if root == "sitemapindex":
            return "sitemap-index"
        raise SourceError(f"an XML document (<{root}>) that is neither a feed nor a sitemap")
    if fmt in ("html", "text") and (not content_type or content_type in PAGE_TYPES
                                    or any(word in content_type for word in DOCUMENT_TYPES)):
        return "page"
    what = content_type or f"{fmt} content"
    raise SourceError(f"not a page, a feed or a sitemap ({what})")


def parse(body: bytes, kind: str, base_url: str, max_entries: int) -> Source:
    if kind == "feed":
        return parse_json_feed(body, base_url, max_entries) if _is_json_feed(body) \
            else parse_xml_feed(body, base_url, max_entries)
    if kind in ("sitemap", "sitemap-index"):
        return parse_sitemap(body, base_url, max_entries)
    return Source("page")


# ----------------------------------------------------------------- RSS and Atom

def parse_xml_feed(body: bytes, base_url: str, max_entries: int) -> Source:
    root = _xml(body)
    channel = next((child for child in root if local_name(child.tag) == "channel"), root)
    source = Source("feed", title=child_text(channel, "title"))
    for item in root.iter():
        if local_name(item.tag) not in ("item", "entry"):
            continue
        if len(source.entries) >= max_entries:
            source.truncated = True
            break
        source.entries.append(_xml_entry(item, base_url))
    return source


def _xml_entry(item: Element, base_url: str) -> Entry:
    full = child_text(item, "encoded", "content")
    teaser = child_text(item, "description", "summary")
    link = item_link(item)
    return Entry(
        url=urljoin(base_url, link) if link else None,
        title=child_text(item, "title"),
        content=full or teaser,
        published=child_text(item, *PUBLISHED_NAMES),
        updated=child_text(item, *UPDATED_NAMES),
        authors=item_authors(item))


# ----------------------------------------------------------------- JSON Feed

def _is_json_feed(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and isinstance(data.get("version"), str) and bool(JSON_FEED.match(data["version"]))


def parse_json_feed(body: bytes, base_url: str, max_entries: int) -> Source:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise SourceError(f"not a well-formed JSON Feed ({exc})") from None
    items = data.get("items")
    if not isinstance(items, list):
        raise SourceError("a JSON Feed without a list of items")
    source = Source("feed", title=_string(data.get("title")))
    for item in items:
        if len(source.entries) >= max_entries:
            source.truncated = True
            break
        if not isinstance(item, dict):
            continue
        link = _string(item.get("url")) or _string(item.get("external_url"))
        authors = [a.get("name") for a in item.get("authors") or [item.get("author")] if isinstance(a, dict)]
        source.entries.append(Entry(
            url=urljoin(base_url, link) if link else None,
            title=_string(item.get("title")),
            content=_string(item.get("content_html")) or _string(item.get("content_text")),
            published=_string(item.get("date_published")),
            updated=_string(item.get("date_modified")),
            authors=[name for name in authors if isinstance(name, str) and name.strip()]))
    return source


# ----------------------------------------------------------------- sitemaps

def parse_sitemap(body: bytes, base_url: str, max_entries: int) -> Source:
    root = _xml(body)
    if local_name(root.tag) == "sitemapindex":
        source = Source("sitemap-index")
        for child in root:
            location = child_text(child, "loc")
            if local_name(child.tag) == "sitemap" and location:
                source.sitemaps.append(urljoin(base_url, location))
        return source
    source = Source("sitemap")
    for child in root:
        if local_name(child.tag) != "url":
            continue
        location = child_text(child, "loc")
        if not location:
            continue
        if len(source.entries) >= max_entries:
            source.truncated = True
            break
        news = next((c for c in child if local_name(c.tag) == "news"), None)
        publication = next((c for c in news if local_name(c.tag) == "publication"), None) if news is not None else None
        source.entries.append(Entry(
            url=urljoin(base_url, location),
            title=child_text(news, "title") if news is not None else None,
            published=child_text(news, "publication_date") if news is not None else None,
            updated=child_text(child, "lastmod"),
            publication=child_text(publication, "name") if publication is not None else None,
            date_source="sitemap"))
    return source


# ----------------------------------------------------------------- XML helpers

def _xml(body: bytes) -> Element:
    try:
        return SafeET.fromstring(body)
    except DefusedXmlException:
        raise SourceError("refused: the document declares XML entities or an external DTD") from None
    except ParseError as exc:
        raise SourceError(f"not well-formed XML ({exc})") from None


def _string(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text_length(content: str) -> int:
    return sum(len(p) for p in text_paragraphs(content))
