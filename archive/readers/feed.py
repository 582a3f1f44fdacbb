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
from archive.readers.feed_items import PUBLISHED_NAMES, UPDATED_NAMES, child_text, item_authors, item_link, local_name
from archive.readers.fragments import text_paragraphs

ITEM_NAMES = ("item", "entry")
CONTENT_NAMES = ("encoded", "content", "description", "summary")  # fullest first


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
    feed_title = child_text(_channel(root), "title")
    drafts: list[Draft | str] = []
    for item in root.iter():
        if local_name(item.tag) not in ITEM_NAMES:
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
    content = child_text(item, *CONTENT_NAMES)
    title = child_text(item, "title")
    if not content and not title:
        return "feed item without title or content"
    draft = Draft(format="feed", title=title, source=feed_title)
    draft.paragraphs = text_paragraphs(content or "")
    draft.url = item_link(item)
    draft.authors = item_authors(item)
    published = child_text(item, *PUBLISHED_NAMES)
    updated = child_text(item, *UPDATED_NAMES)
    if published:
        draft.date_candidates.append(DateCandidate(published, "feed"))
    if updated:
        draft.date_candidates.append(DateCandidate(updated, "feed", kind="modified"))
    return draft


def _channel(root: Element) -> Element:
    for child in root:
        if local_name(child.tag) == "channel":
            return child
    return root
