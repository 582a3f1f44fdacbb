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
    channel = next((child for child in root if _local(child.tag) == "channel"), root)
    source = Source("feed", title=_text(channel, "title"))
    for item in root.iter():
        if _local(item.tag) not in ("item", "entry"):
            continue
        if len(source.entries) >= max_entries:
            source.truncated = True
            break
        source.entries.append(_xml_entry(item, base_url))
    return source


def _xml_entry(item: Element, base_url: str) -> Entry:
    full = _text(item, "encoded") or _text(item, "content")
    teaser = _text(item, "description") or _text(item, "summary")
    link = _link(item)
    return Entry(
        url=urljoin(base_url, link) if link else None,
        title=_text(item, "title"),
        content=full or teaser,
        published=_text(item, "published") or _text(item, "pubDate") or _text(item, "issued")
        or _text(item, "date") or _text(item, "created"),
        updated=_text(item, "updated") or _text(item, "modified"),
        authors=_authors(item))


def _link(item: Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and child.text and child.text.strip():
            return child.text.strip()
    guid = _text(item, "guid") or _text(item, "id")
    return guid if guid and guid.startswith(("http://", "https://")) else None


def _authors(item: Element) -> list[str]:
    names = []
    for child in item:
        if _local(child.tag) in ("author", "creator"):
            name = _text(child, "name") or " ".join("".join(child.itertext()).split())
            if name and name not in names:
                names.append(name)
    return names


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
    if _local(root.tag) == "sitemapindex":
        source = Source("sitemap-index")
        for child in root:
            location = _text(child, "loc")
            if _local(child.tag) == "sitemap" and location:
                source.sitemaps.append(urljoin(base_url, location))
        return source
    source = Source("sitemap")
    for child in root:
        if _local(child.tag) != "url":
            continue
        location = _text(child, "loc")
        if not location:
            continue
        if len(source.entries) >= max_entries:
            source.truncated = True
            break
        news = next((c for c in child if _local(c.tag) == "news"), None)
        publication = next((c for c in news if _local(c.tag) == "publication"), None) if news is not None else None
        source.entries.append(Entry(
            url=urljoin(base_url, location),
            title=_text(news, "title") if news is not None else None,
            published=_text(news, "publication_date") if news is not None else None,
            updated=_text(child, "lastmod"),
            publication=_text(publication, "name") if publication is not None else None,
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


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(parent: Element, name: str) -> str | None:
    """The text of `parent`'s first direct child called `name` (any namespace)."""
    for child in parent:
        if _local(child.tag) == name:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def _string(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text_length(content: str) -> int:
    return sum(len(p) for p in text_paragraphs(content))
