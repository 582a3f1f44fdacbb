"""The date evidence of a page: raw strings that say when it was published or updated.

Best evidence first: JSON-LD, <meta> tags, marked-up elements (<time>, bylines), the
canonical URL, datelines in the text, then htmldate's reading of the whole page.
Nothing is decided here: archive.timestamps reads and weighs these strings.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

import lxml.html

from archive.dates.arbitration import WIKI_EDIT
from archive.dates.words import (DATE_LINE_START, FIRST_PUBLICATION, LAST_CHANGE, MONTH_NAMES, UPDATE_START,
                                 WIKI_EDIT_NOTE)
from archive.model import DateCandidate
from archive.readers.html_page import (UNWANTED_TAGS, clean, element_text, is_absolute, is_huge,
                                       json_ld_rank, json_ld_types, meta_list)
from archive.timestamps import looks_like_update, parse_timestamp

ARTICLE_ITEM_TYPE = re.compile(r"(?:^|/)(?:\w*Article|\w*Posting|Report|Review)$", re.IGNORECASE)
MEDIA_TYPES = re.compile(r"VideoObject|AudioObject|MediaObject|Clip|Episode", re.IGNORECASE)
# <meta> names, lowercased, in order of trust.
PUBLISHED_META_FIRST = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "published_time", "datepublished",
)
PUBLISHED_META_OTHER = (
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date",
    "publish_date", "pub_date", "pdate", "publication_date", "original-publish-date",
    "article.published", "article_date_original", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.created", "datecreated", "date", "dc.date",
    "dcterms.date", "citation_publication_date", "citation_online_date", "citation_date",
    "prism.publicationdate", "rnews:datepublished", "og:pubdate", "cxenseparse:recs:publishtime",
    "displaydate", "date.release", "originalpublicationdate", "bt:pubdate", "created",
    "release_date", "publication-date", "published-date", "published_date", "date_published",
    "pub-date", "article_date", "dc.date.published", "citation_cover_date",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "article:modified", "og:updated_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "dc.date.updated", "last-modified",
    "lastmod", "modified", "revised", "article.updated", "updated_time",
)
# class/id words of elements that hold a dateline, byline or date.
DATE_CONTAINER = re.compile(
    r"date|time|byline|posted|publish|meta|submitted|dateline|article-info|post-info|entry-info",
    re.IGNORECASE,
)
URL_DATE_FORMS = (
    re.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?:/|$|[-_.])"),
    re.compile(r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/([0-3]?\d)/",
               re.IGNORECASE),
    re.compile(r"(?<![\d])((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?![\d])"),
    re.compile(r"/((?:19|20)\d{2})([01]\d)([0-3]\d)(?:/|$|[-_.])"),
)
URL_MONTH_FORM = re.compile(r"/((?:19|20)\d{2})/([01]?\d)/(?![0-3]?\d/)")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MAX_DATE_TEXT = 160
OTHER_STORIES = re.compile(r"related|sidebar|widget|comment|teaser|recommend|popular|most-read|"
                           r"more-stories|read-more|next-post|prev-post|td-module|footer", re.IGNORECASE)
MAX_TEXT_CANDIDATES = 8
# The software of collaboratively edited pages, as <meta name="generator"> names it.
WIKI_GENERATOR = re.compile(r"\b(?:MediaWiki|DokuWiki|MoinMoin|PmWiki|TiddlyWiki|TWiki|Foswiki|XWiki|Wiki\.js"
                            r"|Wikidot|Confluence)\b", re.IGNORECASE)


def date_candidates(tree, meta, linked, url: str | None, paragraphs: list[str],
                    language: str | None) -> list[DateCandidate]:
    """Raw date strings, best evidence first: JSON-LD, meta, <time>, URL, text, htmldate.
    Notes of a last change ("This page was last modified on ...") come as updates; on a
    wiki every update comes as a WIKI_EDIT."""
    found: list[DateCandidate] = []
    found += _json_ld_dates(linked, articles=True)
    found += [DateCandidate(v, "meta") for v in meta_list(meta, PUBLISHED_META_FIRST)]
    found += [DateCandidate(v, "meta") for v in meta_list(meta, PUBLISHED_META_OTHER)]
    found += _parsely_dates(meta)
    found += _json_ld_dates(linked, articles=False)
    found += [DateCandidate(v, "meta", "modified") for v in meta_list(meta, MODIFIED_META)]
    found += _marked_up_dates(tree)
    found += _url_dates([url] + meta.get("og:url", []))
    languages = ("en",) if language in (None, "en") else (language, "en")
    found += _text_dates(tree, paragraphs, languages)
    found += _last_change_notes(tree, languages)
    found += _htmldate(tree)  # one voice among the others: the arbitration weighs it
    found = _deduplicated(found)
    if is_wiki(meta, found):
        found = [replace(c, kind=WIKI_EDIT) if c.kind == "modified" else c for c in found]
    return found


def is_wiki(meta, candidates: list[DateCandidate]) -> bool:
    """A page anyone may edit: its generator is wiki software, or its note of the last
    change is worded as only wikis word it ("This page was last edited on ...")."""
    if any(WIKI_GENERATOR.search(value) for value in meta.get("generator", [])):
        return True
    return any(c.kind == "modified" and WIKI_EDIT_NOTE.search(c.raw) for c in candidates)


def _json_ld_dates(linked, *, articles: bool) -> list[DateCandidate]:
    found = []
    for item in linked:
        if (json_ld_rank(item) == 0) != articles:
            continue
        keys = [("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")]
        if MEDIA_TYPES.search(" ".join(json_ld_types(item))):
            keys.insert(1, ("uploadDate", "published"))  # a video's publication is its upload
        for key, kind in keys:
            value = item.get(key)
            if isinstance(value, list):
                value = value[0] if value else None
            if isinstance(value, dict):  # {"@type": "Date", "@value": "2022-01-16"}
                value = value.get("@value")
            if isinstance(value, (str, int)) and str(value).strip():
                found.append(DateCandidate(str(value).strip(), "json-ld", kind))
    # published before modified whatever the object order
    return sorted(found, key=lambda c: c.kind != "published")


def _parsely_dates(meta) -> list[DateCandidate]:
    for value in meta.get("parsely-page", []):
        try:
            page = json.loads(value)
        except ValueError:
            continue
        if isinstance(page, dict) and isinstance(page.get("pub_date"), str):
            return [DateCandidate(page["pub_date"], "meta")]
    return []


def _marked_up_dates(tree) -> list[DateCandidate]:
    """Microdata and <time> elements, the ones that say they are the publication date first."""
    strong, weak, modified = [], [], []
    the_article = _the_one_article_item(tree)
    for element in tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateModified"]'
                              ' | //time | //abbr[contains(@class, "published")]'
                              ' | //abbr[contains(@class, "updated")]'):
        if element.tag == "meta":
            continue  # already read with the other <meta> tags
        if _in_other_story(element) and not _item_property_of(element, the_article):
            continue
        raw = clean(element.get("datetime") or element.get("content") or element.get("title")
                     or element_text(element))
        if not raw or len(raw) > MAX_DATE_TEXT:
            continue
        marks = " ".join(filter(None, (element.get("itemprop"), element.get("class"),
                                       element.getparent().get("class") if element.getparent() is not None else "",
                                       _label_before(element))))
        if re.search(r"modified|updated", marks, re.IGNORECASE):
            modified.append(DateCandidate(raw, "time", "modified"))
        elif (element.get("itemprop") == "datePublished" or element.get("pubdate") is not None
              or re.search(r"publish|posted|created|entry-date", marks, re.IGNORECASE)):
            strong.append(DateCandidate(raw, "time"))
        elif _in_article_header(element):
            weak.append(DateCandidate(raw, "time"))
    return strong + weak[:1] + modified


def _the_one_article_item(tree):
    """The page's article as a microdata item (itemtype Article, BlogPosting, ...), when
    there is exactly one: a page listing several posts has no one article."""
    items = [element for element in tree.iter() if isinstance(element.tag, str)
             and element.get("itemscope") is not None
             and ARTICLE_ITEM_TYPE.search((element.get("itemtype") or "").strip().rstrip("/"))]
    return items[0] if len(items) == 1 else None


def _item_property_of(element, item) -> bool:
    """Whether element is a property (itemprop) of that very item, not of one nested in it.
    Such a date belongs to the article whatever the box around it is called ("footer",
    "widget")."""
    if item is None or element.get("itemprop") is None:
        return False
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is not None:
            return ancestor is item
    return False


MAX_LABEL = 40


def _label_before(element) -> str:
    """The short words or icon title just before an element that label it: 'Published'
    as text, or an <i title="Published"> calendar icon. Longer text is not a label."""
    previous = element.getprevious()
    if previous is None:
        parent = element.getparent()
        label = parent.text if parent is not None else ""
    else:
        own = element_text(previous) if isinstance(previous.tag, str) else ""
        label = " ".join(filter(None, (previous.get("title"), previous.get("aria-label"),
                                       own if len(own) <= MAX_LABEL else "", previous.tail)))
    label = clean(label)
    return label if len(label) <= MAX_LABEL else ""


def _in_article_header(element) -> bool:
    """Inside <article>, <header> or a byline block."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "header", "main"):
            return True
        if re.search(r"byline|article-meta|post-meta|entry-meta|dateline",
                     ancestor.get("class") or "", re.IGNORECASE):
            return True
    return False


def _in_other_story(element, *, footers: bool = True) -> bool:
    """In a sidebar, a list of related stories or the comments: dates of other things.
    With `footers=False` the page's footer is not counted as one."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "nav") or (footers and ancestor.tag == "footer"):
            return True
        words = f'{ancestor.get("class") or ""} {ancestor.get("id") or ""}'
        if not footers:
            words = re.sub(r"footer", "", words, flags=re.IGNORECASE)
        if OTHER_STORIES.search(words):
            return True
    return False


def _url_dates(urls) -> list[DateCandidate]:
    for url in urls:
        if not url:
            continue
        path = unquote(urlsplit(url).path) if is_absolute(url) else unquote(url)
        found = url_date(path)
        if found:
            return [DateCandidate(found, "url")]
    return []


def url_date(path: str) -> str | None:
    """'/2020/02/19/story' -> '2020-02-19'; '/2014/03/story' -> '2014-03'."""
    for pattern in URL_DATE_FORMS:
        match = pattern.search(path)
        if match:
            year, month, day = match.groups()
            if not month.isdigit():
                month = str(MONTH_ABBREVIATIONS.index(month[:3].lower()) + 1)
            if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
                return f"{year}-{int(month):02d}-{int(day):02d}"
    match = URL_MONTH_FORM.search(path)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def _text_dates(tree, paragraphs: list[str], languages: tuple[str, ...]) -> list[DateCandidate]:
    """Datelines such as 'Posted on Jan. 5, 2022 at 3:14 p.m. ET'.

    An element marked as a date or byline counts only in the article's header: around
    the headline and before the main text starts (elsewhere it dates other stories).
    A line that says 'Posted ...' / 'Published ...' counts anywhere, after those."""
    body = tree.find("body")
    if body is None:
        return []
    headline = _headline_element(body)
    header = _header_container(headline)
    first_paragraph = _first_paragraph_element(body, paragraphs)
    in_header, anywhere = [], []
    region = "before headline"
    for element in body.iter():
        if element is headline:
            region = "header"
        elif element is first_paragraph:
            region = "body"
        if not isinstance(element.tag, str) or element.tag in UNWANTED_TAGS or element.tag == "time":
            continue
        marked = DATE_CONTAINER.search(f'{element.get("class") or ""} {element.get("id") or ""}')
        says_posted = element.text and DATE_LINE_START.match(element.text)
        if not (marked or says_posted):
            continue
        near_headline = region == "header" or (
            region == "before headline" and header is not None and header in element.iterancestors())
        if says_posted:
            target = in_header if near_headline else anywhere
        elif marked and near_headline:
            target = in_header
        else:
            continue
        target.extend(_dated_lines(element_text(element), languages))
        if len(in_header) + len(anywhere) >= MAX_TEXT_CANDIDATES:
            break
    return in_header + anywhere


HEADLINE_MARK = re.compile(r"\b(?:entry-title|post-title|article-title|headline)\b", re.IGNORECASE)


def _headline_element(body):
    """The <h1>; on pages without one, a heading marked as the headline
    (itemprop="headline", class="entry-title"), as blog themes write it."""
    h1 = body.find(".//h1")
    if h1 is not None:
        return h1
    for heading in body.iter("h2", "h3"):
        if heading.get("itemprop") == "headline" or HEADLINE_MARK.search(heading.get("class") or ""):
            return heading
    return None


def _header_container(headline):
    """The block a headline shares with its kicker, byline and date."""
    if headline is None:
        return None
    container = headline.getparent()
    if container is not None and container.getparent() is not None and container.getparent().tag != "body":
        container = container.getparent()
    return container if container is not None and container.tag != "body" else None


def _first_paragraph_element(body, paragraphs: list[str]):
    """The element where the main text starts, if it can be found."""
    if not paragraphs:
        return None
    start = paragraphs[0][:40]
    for element in body.iter("p", "div", "section", "span", "li", "blockquote"):
        if clean(element.text).startswith(start[:20]) and element_text(element).startswith(start):
            return element
    return None


def _dated_lines(text: str, languages: tuple[str, ...]) -> list[DateCandidate]:
    if not text or len(text) > MAX_DATE_TEXT or not re.search(r"\d", text):
        return []
    return [DateCandidate(raw, "text", kind) for raw, kind in _split_published_updated(text)
            if parse_timestamp(raw, "text", languages=languages) is not None]


def _split_published_updated(text: str) -> list[tuple[str, str]]:
    """'Published Jan 5, 2022 Updated Jan 6, 2022' -> both halves with their kind;
    so is 'Updated Jan 6, 2022, originally published Jan 5, 2022'."""
    match = UPDATE_START.search(text)
    if not match:
        return [(text, "published")]
    before, after = text[: match.start()].strip(" |,;-"), text[match.start():]
    if not looks_like_update(after):
        return [(text, "published")]
    parts = []
    if re.search(r"\d", before):
        parts.append((before, "published"))
    original = FIRST_PUBLICATION.search(after)
    if original and re.search(r"\d", after[original.start():]):
        parts.append((after[original.start():], "published"))
        after = after[: original.start()].strip(" |,;-")
    parts.append((after, "modified"))
    return parts


MAX_LAST_CHANGE_NOTES = 3


def _last_change_notes(tree, languages: tuple[str, ...]) -> list[DateCandidate]:
    """'This page was last modified on 4 November 2020': an update, wherever it stands
    (wikis put it in the footer). Read as such, it keeps the htmldate fallback from
    taking it for the publication date."""
    body = tree.find("body")
    if body is None:
        return []
    found = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in UNWANTED_TAGS:
            continue
        if not (element.text and LAST_CHANGE.search(element.text)):
            continue
        if _in_other_story(element, footers=False):
            continue  # "last edited by ..." under a comment; a wiki's footer note is the page's
        text = element_text(element)
        if len(text) > MAX_DATE_TEXT or not re.search(r"\d", text):
            continue
        if parse_timestamp(text, "text", languages=languages) is not None:
            found.append(DateCandidate(text, "text", "modified"))
            if len(found) >= MAX_LAST_CHANGE_NOTES:
                break
    return found


def _htmldate(tree) -> list[DateCandidate]:
    if is_huge(tree):
        return []
    try:
        import htmldate

        found = htmldate.find_date(copy.deepcopy(tree), original_date=True, extensive_search=True)
    except Exception:  # htmldate's failure must never cost the article
        return []
    if not found:
        return []
    return [DateCandidate(as_precise_as_written(found, lxml.html.tostring(tree, encoding=str)), "htmldate")]


def as_precise_as_written(day: str, page: str) -> str:
    """htmldate fills what it does not know with the first: a copyright line "© 2020" comes
    back as "2020-01-01", "April 2020" as "2020-04-01". A first of the month the page never
    writes as a day is only the month ("2020-04") when the page writes that month, else the
    year ("2020")."""
    year, month, date_of_month = (int(part) for part in day.split("-"))
    if date_of_month != 1 or _writes_first_of_month(page, year, month):
        return day
    return f"{year}-{month:02d}" if _writes_month(page, year, month) else str(year)


def _month_names(month: int) -> str:
    return "|".join(re.escape(name) for name in sorted(MONTH_NAMES[month], key=len, reverse=True))


def _writes_first_of_month(page: str, year: int, month: int) -> bool:
    names = _month_names(month)
    forms = (
        rf"{year}-{month:02d}-01", rf"{year}/{month:02d}/01", rf"(?<!\d)0?1\.\s?0?{month}\.\s?{year}",
        rf"(?<!\d)0?{month}/0?1/{year}", rf"(?<!\d)0?1/0?{month}/{year}",
        rf"(?<!\d)0?1(?:st|er|º|\.)?\s+(?:de\s+|of\s+)?(?:{names})\.?,?\s+(?:de\s+)?{year}",
        rf"\b(?:{names})\.?\s+0?1(?:st)?,?\s+{year}",
    )
    return any(re.search(form, page, re.IGNORECASE) for form in forms)


def _writes_month(page: str, year: int, month: int) -> bool:
    forms = (rf"\b(?:{_month_names(month)})\.?,?\s+(?:de\s+)?{year}", rf"{year}[-/]{month:02d}(?!\d)",
             rf"(?<![\d/.])0?{month}[/.]{year}")
    return any(re.search(form, page, re.IGNORECASE) for form in forms)


def _deduplicated(candidates: list[DateCandidate]) -> list[DateCandidate]:
    seen, kept = set(), []
    for candidate in candidates:
        key = (candidate.raw, candidate.kind)
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept
