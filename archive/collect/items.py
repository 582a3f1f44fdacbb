"""Fetched pages and full-content feed entries as the readers' items, ready for the store.

The article's URL is its canonical one (rel=canonical, og:url, as the HTML reader finds
it), else the URL it was fetched from, without tracking parameters or a fragment: the store
takes the same URL for the same article, so a new content there is a new version. A date
from the feed or sitemap goes in with its provenance (`feed`, `sitemap`), ranked below the
page's own metadata and above what is guessed from its address or text.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from archive.collect.sources import Entry
from archive.model import DATE_SOURCES, DateCandidate, Draft
from archive.readers import Limits, ReadItem, iter_file
from archive.readers.fragments import text_paragraphs

TRACKING_PARAMETER = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|ocid|cmpid"
    r"|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|at_\w+|xtor|smid|ito)$", re.IGNORECASE)


def clean_url(url: str) -> str:
    """`url` without tracking parameters and fragment, its scheme and host lowercased."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAMETER.match(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def article_url(found: str | None, fetched_url: str) -> str:
    """The page's own canonical URL when it gives an http(s) one, else the fetched URL; cleaned."""
    if found:
        absolute = urljoin(fetched_url, found.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return clean_url(absolute)
    return clean_url(fetched_url)


def page_items(url: str, body: bytes, entry: Entry | None, limits: Limits) -> list[ReadItem]:
    """The article of a fetched page (or why there is none), with what its entry adds."""
    items = list(iter_file(url, body, limits))
    for item in items:
        if item.ok:
            item.draft.url = article_url(item.draft.url, url)
            if entry is not None:
                add_entry_evidence(item.draft, entry)
    return items


def entry_item(entry: Entry, feed_url: str, feed_title: str | None, feed_body: bytes) -> ReadItem:
    """A feed entry carrying its whole article; the feed's bytes are its original file."""
    name = f"{feed_url}#{entry.url or entry.title or ''}"
    paragraphs = text_paragraphs(entry.content or "")
    if not paragraphs and not entry.title:
        return ReadItem(name, feed_body, error="feed item without title or content")
    draft = Draft(title=entry.title, paragraphs=paragraphs, source=feed_title, authors=list(entry.authors),
                  format="feed", url=article_url(entry.url, feed_url) if entry.url else None)
    add_entry_evidence(draft, entry)
    return ReadItem(name, feed_body, draft=draft)


def add_entry_evidence(draft: Draft, entry: Entry) -> None:
    if not draft.title and entry.title:
        draft.title = entry.title
    if not draft.authors and entry.authors:
        draft.authors = list(entry.authors)
    if not draft.source and entry.publication:
        draft.source = entry.publication
    if entry.published:
        insert_by_rank(draft.date_candidates, DateCandidate(entry.published, entry.date_source))
    if entry.updated:
        insert_by_rank(draft.date_candidates, DateCandidate(entry.updated, entry.date_source, kind="modified"))


def insert_by_rank(candidates: list[DateCandidate], new: DateCandidate) -> None:
    """Before the first candidate of a weaker source (DATE_SOURCES is best first)."""
    rank = _rank(new.source)
    position = next((i for i, c in enumerate(candidates) if _rank(c.source) > rank), len(candidates))
    candidates.insert(position, new)


def _rank(source: str) -> float:
    if source == "sitemap":  # a claim about the page made apart from it, as a feed's is
        return DATE_SOURCES.index("feed") + 0.5
    return DATE_SOURCES.index(source) if source in DATE_SOURCES else len(DATE_SOURCES)
