"""One saved web page -> a Draft: the article's text and the raw evidence of who and when.

The main text comes from main_text, the date evidence from html_dates; the title, URL,
site, language and authors from what the page says about itself (JSON-LD, <meta>,
marked-up bylines). Nothing is fetched.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from archive.dates.words import BYLINE_WORDS, NAME_JOINERS, any_of
from archive.model import Draft
from archive.readers import ReadError
from archive.readers.encoding import decode, declared_charset
from archive.readers.html_dates import date_candidates
from archive.readers.html_page import (clean, comparable, first_meta, is_absolute,
                                       json_ld_objects, json_ld_rank, json_ld_text, meta_list,
                                       meta_values, element_text)
from archive.readers.html_page import HUGE_PAGE_CHARS, is_huge  # noqa: F401 (see _is_huge)
from archive.readers.main_text import main_paragraphs, mostly_links, separate_dateline, why_no_text

# <meta> names, lowercased, in order of trust.
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "dcterms.creator", "byl", "citation_author")
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
SELF_CLOSED_RAW_TEXT = re.compile(r"<(script|style)\b([^<>]*?)\s*/>", re.IGNORECASE)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+")
NOT_NAMES = {"no author", "unknown", "anonymous", "admin", "administrator", "none", "null", "n/a",
             "author", "editor", "staff writer"}
NAME_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "ter", "ten",
                  "la", "le", "al", "el", "bin", "bint", "af", "zu", "y", "e", "dos", "das"}
CREDENTIALS = r"(?:Ph\.?D|M\.?D|R\.?N|R\.?D|M\.?S|M\.?A|MBA|MPH|D\.?O|LD|CPT|CSCS|Esq|FACP)\.?"

# The name tests/test_big_articles.py imports from here.
_is_huge = is_huge


# ----------------------------------------------------------------- entry point

def read_html(data: bytes) -> Draft:
    """Read one article page. Raises ReadError (and only ReadError) for pages that are
    not articles or cannot be read at all."""
    try:
        return _read(data)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("the page is nested too deeply to read")
    except MemoryError:
        raise ReadError("the page is too large to read")
    except Exception as exc:  # a reader never lets a bad file stop the batch
        raise ReadError(f"could not read the HTML ({type(exc).__name__}: {exc})")


def _read(data: bytes) -> Draft:
    text = html_text(data)
    tree = parse_tree(text)
    meta = meta_values(tree)
    linked = json_ld_objects(tree)
    url = page_url(tree, meta, linked)
    source = site_name(meta, linked)
    title = page_title(tree, meta, linked, source)
    dateline, paragraphs = separate_dateline(main_paragraphs(tree, title))
    if not paragraphs:
        raise ReadError(f"not an article: {why_no_text(tree, meta, linked)}")
    if mostly_links(tree, paragraphs):
        raise ReadError("not an article: the page's text is a list of links (a menu or a section front)")
    language = page_language(tree, meta)
    return Draft(
        title=title,
        paragraphs=paragraphs,
        date_candidates=date_candidates(tree, meta, linked, url, paragraphs, language),
        url=url if url and is_absolute(url) else None,
        source=source,
        authors=page_authors(tree, meta, linked),
        language=language,
        dateline=dateline,
        format="html",
    )


# ----------------------------------------------------------------- bytes and tree

def html_text(data: bytes) -> str:
    text, _ = decode(data, declared_charset(data))
    # lxml refuses NUL and most C0 controls, and str input with an XML encoding declaration
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    # "<script/>" opens a script in HTML, as browsers read it; libxml2 would close it
    # at once and show the code that follows as text
    return SELF_CLOSED_RAW_TEXT.sub(r"<\1\2>", text)


def parse_tree(text: str) -> lxml.html.HtmlElement:
    if not text.strip():
        raise ReadError("not an article: the page is empty")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"not an article: the page could not be parsed as HTML ({exc})")
    if tree is None:
        raise ReadError("not an article: the page is empty")
    return tree


# ----------------------------------------------------------------- title, url, site, language

def page_title(tree, meta, linked, source: str | None) -> str | None:
    headline = next((json_ld_text(o.get("headline")) for o in linked
                     if json_ld_rank(o) == 0 and o.get("headline")), None)
    title_element = tree.find(".//title")
    h1 = tree.find(".//h1")
    h1_text = clean(h1.text_content()) if h1 is not None else ""
    for candidate in (first_meta(meta, ("og:title", "twitter:title")), headline,
                      title_element.text_content() if title_element is not None else None,
                      h1_text):
        title = strip_site_name(clean(candidate), source, headline=h1_text)
        if title:
            return title
    return None


def strip_site_name(title: str, source: str | None, headline: str = "") -> str:
    """'Storm hits coast - The Daily Bugle' -> 'Storm hits coast'."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # the page's own headline followed by a separator and something else
    if headline and title.startswith(headline) and TITLE_SEPARATORS.match(title[len(headline):]):
        return headline
    site = comparable(source or "")
    first, last = parts[0], parts[-1]
    if site and comparable(last) and (comparable(last) in site or site in comparable(last)):
        return title[: _last_separator(title).start()].strip()
    if site and comparable(first) and (comparable(first) in site or site in comparable(first)):
        return title[_first_separator(title).end():].strip()
    # No site name to compare: a short last part after "|" is a site name by convention.
    separator = _last_separator(title)
    if "|" in separator.group(0) and len(last.split()) <= 4 and len(first) > len(last):
        return title[: separator.start()].strip()
    if re.search(r"\.(?:com|org|net|co\.uk|de|fr)$", last, re.IGNORECASE):
        return title[: separator.start()].strip()
    return title


def _first_separator(title: str) -> re.Match:
    return TITLE_SEPARATORS.search(title)


def _last_separator(title: str) -> re.Match:
    return list(TITLE_SEPARATORS.finditer(title))[-1]


def page_url(tree, meta, linked) -> str | None:
    """Canonical link, og:url, then JSON-LD url; absolute ones first."""
    found = []
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found.append(link.get("href").strip())
    found.extend(meta.get("og:url", []))
    for item in linked:
        if json_ld_rank(item) == 0:
            for key in ("url", "mainEntityOfPage"):
                value = item.get(key)
                value = value.get("@id") if isinstance(value, dict) else value
                if isinstance(value, str):
                    found.append(value.strip())
    found = [u for u in found if u]
    return next((u for u in found if is_absolute(u)), found[0] if found else None)


def site_name(meta, linked) -> str | None:
    """og:site_name, the JSON-LD publisher, then other meta; the first that reads as a name."""
    candidates = list(meta.get("og:site_name", []))
    candidates += [json_ld_text(item.get("publisher")) for item in linked]
    candidates += meta_list(meta, SITE_META[1:])
    for name in map(clean, filter(None, candidates)):
        # "@nytimes" is a social media handle, not a name
        if name and not is_absolute(name) and not name.startswith("@") and len(name) <= 100:
            return name
    return None


def page_language(tree, meta) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  first_meta(meta, ("og:locale",)),
                  first_meta(meta, ("content-language", "language", "dc.language"))):
        code = language_code(value)
        if code:
            return code
    return None


def language_code(value: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN', 'de-DE, en' -> a two-letter code, else None."""
    if not value:
        return None
    first = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
    return first if re.fullmatch(r"[a-z]{2}", first) else None


# ----------------------------------------------------------------- authors

BYLINE_START = re.compile(rf"^(?:written\s+)?(?:{any_of(BYLINE_WORDS)})(?::\s*|\s+)", re.IGNORECASE)
NAMES_SEPARATOR = re.compile(rf"\s+(?:{any_of(NAME_JOINERS)}|&)\s+|\s*;\s*|\s*,\s+(?:and\s+)?")


def page_authors(tree, meta, linked) -> list[str]:
    """From the first kind of evidence that names anyone: JSON-LD, meta, then marked-up bylines."""
    for names in (_json_ld_authors(linked), _meta_authors(meta), _markup_authors(tree)):
        cleaned = clean_author_names(names)
        if cleaned:
            return cleaned
    return []


def _json_ld_authors(linked) -> list[str]:
    names = []
    for item in linked:
        if json_ld_rank(item) > 1:
            continue
        authors = item.get("author") or item.get("creator") or []
        for author in authors if isinstance(authors, list) else [authors]:
            name = json_ld_text(author)
            if name:
                names.append(name)
        if names:
            break
    return names


def _meta_authors(meta) -> list[str]:
    for key in AUTHOR_META:
        if meta.get(key):
            return meta[key]
    return []


def _markup_authors(tree) -> list[str]:
    names = []
    for element in tree.xpath('//*[@rel="author"] | //*[@itemprop="author"]'):
        named = element.xpath('.//*[@itemprop="name"]')
        text = (named[0].get("content") or element_text(named[0])) if named else element_text(element)
        names.append(text)
    if not names:
        for element in tree.xpath('//*[contains(@class, "byline") or contains(@class, "author")]'):
            text = element_text(element)
            if BYLINE_START.match(text):
                names.append(text)
                break
    return names


def clean_author_names(names: list[str]) -> list[str]:
    """Split 'By Jane Doe and John Roe', drop URLs and handles, de-duplicate."""
    cleaned, seen = [], set()
    for raw in names:
        text = clean(raw)
        text = BYLINE_START.sub("", text)
        for name in NAMES_SEPARATOR.split(text):
            name = name.strip(" ,;|")
            if name.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", name):
                name = name[:-1]  # a full stop, not the one of "Jr."
            if not _looks_like_name(name):
                continue
            key = name.lower()
            if key not in seen:
                seen.add(key)
                cleaned.append(name)
    return cleaned


def _looks_like_name(text: str) -> bool:
    """'Jane Doe', 'Björn af Ugglas', '王小明'; not 'PhD', 'No Author', 'View my complete profile'."""
    if not text or len(text) > 60 or len(text.split()) > 5:
        return False
    if re.search(r"https?:|www\.|@|\.com\b|\d", text, re.IGNORECASE):
        return False
    if text.lower().strip(".") in NOT_NAMES or re.fullmatch(CREDENTIALS, text):
        return False
    words = [w for w in text.split() if w.lower() not in NAME_PARTICLES]
    return any(ch.isalpha() for ch in text) and not any(w[:1].islower() for w in words)


