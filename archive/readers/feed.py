"""RSS 2.0, RSS 1.0 (RDF) and Atom files carrying full article content.

Parsed with defusedxml: a feed declaring entities (the "billion laughs") or an
external DTD is refused, never expanded.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from archive.model import DateCandidate, Draft
from archive.readers import Limits, ReadError
from archive.readers.encoding import decode, declared_charset
from archive.readers.fragments import text_paragraphs

ITEM_NAMES = ("item", "entry")
CONTENT_NAMES = ("encoded", "content", "description", "summary")  # fullest first
PUBLISHED_NAMES = ("published", "pubDate", "issued", "date", "created")
UPDATED_NAMES = ("updated", "modified")


def read_feed(data: bytes, limits: Limits) -> list[Draft | str]:
    # Decoded first, as every file is: a feed saved in a legacy charset without declaring it
    # is read, not refused (the parser of text ignores what the declaration says).
    decoded = decode(data, declared_charset(data))
    try:
        root = SafeET.fromstring(decoded.text)
    except DefusedXmlException:
        raise ReadError("feed refused: it declares XML entities or an external DTD") from None
    except ParseError as exc:
        raise ReadError(f"not a well-formed feed ({exc})") from None
    feed_title = _child_text(_channel(root), ("title",))
    drafts: list[Draft | str] = []
    for item in root.iter():
        if _local(item.tag) not in ITEM_NAMES:
            continue
        if len(drafts) >= limits.max_articles_per_file:
            raise ReadError(f"too many items in one feed (the limit is {limits.max_articles_per_file:,})")
        draft = _draft(item, feed_title)
        if isinstance(draft, Draft):
            draft.decoding = decoded.decoding
        drafts.append(draft)
    if not drafts:
        raise ReadError("not an article: the feed has no items")
    return drafts


def _draft(item: Element, feed_title: str | None) -> Draft | str:
    content = _child_text(item, CONTENT_NAMES)
    title = _child_text(item, ("title",))
    if not content and not title:
        return "feed item without title or content"
    draft = Draft(format="feed", title=title, source=feed_title)
    draft.paragraphs = text_paragraphs(content or "")
    draft.url = _link(item)
    draft.authors = _authors(item)
    published = _child_text(item, PUBLISHED_NAMES)
    updated = _child_text(item, UPDATED_NAMES)
    if published:
        draft.date_candidates.append(DateCandidate(published, "feed"))
    if updated:
        draft.date_candidates.append(DateCandidate(updated, "feed", kind="modified"))
    return draft


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _channel(root: Element) -> Element:
    for child in root:
        if _local(child.tag) == "channel":
            return child
    return root


def _child_text(parent: Element, names: tuple[str, ...]) -> str | None:
    """Text of the first direct child named like one of `names`, in the order of `names`."""
    children = {}
    for child in parent:
        children.setdefault(_local(child.tag), child)
    for name in names:
        child = children.get(name)
        if child is not None:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def _link(item: Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
        if child.text and child.text.strip():
            return child.text.strip()
    guid = _child_text(item, ("guid", "id"))
    return guid if guid and guid.startswith(("http://", "https://")) else None


def _authors(item: Element) -> list[str]:
    names = []
    for child in item:
        if _local(child.tag) in ("author", "creator"):
            name = _child_text(child, ("name",)) or "".join(child.itertext()).strip()
            if name and name not in names:
                names.append(" ".join(name.split()))
    return names
