"""One saved web page -> a Draft: the article's text and the raw evidence of who and when.

The main text comes from trafilatura (best measured at leaving out navigation,
ads, comments and share buttons), with the page's <p> elements as a fallback.
Metadata comes from what the page says about itself, best evidence first:
JSON-LD, then <meta> tags, then marked-up elements (<time>, bylines), then the
canonical URL, then htmldate's reading of the whole page. Nothing is fetched.
"""
from __future__ import annotations

import copy
import json
import re
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from archive.model import DateCandidate, Draft
from archive.readers import ReadError
from archive.readers.encoding import decode, declared_charset
from archive.timestamps import looks_like_update, parse_timestamp

# ----------------------------------------------------------------- what to look for

ARTICLE_TYPES = re.compile(r"article|posting|blog|report|review", re.IGNORECASE)
# The last part of a microdata itemtype URL that names an article ("Blog" is a whole blog).
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
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
               "dcterms.creator", "byl", "citation_author")
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")

# class/id words of elements that hold a dateline, byline or date.
DATE_CONTAINER = re.compile(
    r"date|time|byline|posted|publish|meta|submitted|dateline|article-info|post-info|entry-info",
    re.IGNORECASE,
)
DATE_LINE_START = re.compile(
    r"^\s*(?:(?:first\s+|originally\s+)?(?:posted|published|updated|last\s+updated|created|"
    r"veröffentlicht|erstellt|aktualisiert|publié|mis à jour|publicado|actualizado|atualizado|"
    r"pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b|date\s*:)",
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

SELF_CLOSED_RAW_TEXT = re.compile(r"<(script|style)\b([^<>]*?)\s*/>", re.IGNORECASE)
STANDALONE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'-]{1,40}?[A-Z])(?:,\s*[A-Z][\w.]*)?(?:\s*\([^()]{2,30}\))?\s*(?:—|–|--|-)"
)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+")
UNWANTED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas")
NOT_NAMES = {"no author", "unknown", "anonymous", "admin", "administrator", "none", "null", "n/a",
             "author", "editor", "staff writer"}
NAME_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "ter", "ten",
                  "la", "le", "al", "el", "bin", "bint", "af", "zu", "y", "e", "dos", "das"}
CREDENTIALS = r"(?:Ph\.?D|M\.?D|R\.?N|R\.?D|M\.?S|M\.?A|MBA|MPH|D\.?O|LD|CPT|CSCS|Esq|FACP)\.?"
MAX_DATE_TEXT = 160
OTHER_STORIES = re.compile(r"related|sidebar|widget|comment|teaser|recommend|popular|most-read|"
                           r"more-stories|read-more|next-post|prev-post|td-module|footer", re.IGNORECASE)
# Past this many elements trafilatura and htmldate take minutes; a page that big
# is read by its <p> elements alone. Real article pages have a few thousand.
HUGE_PAGE_ELEMENTS = 40_000
# Likewise past this much text outside scripts and styles, in fewer elements: both take
# about 1.5 s a million characters (a page of 49 MB: over a minute). Real article pages
# hold a few tens of thousands (some carry megabytes of JSON in a script, not counted).
HUGE_PAGE_CHARS = 2_000_000
NOSCRIPT_TEXT_MIN = 500
MAX_TEXT_CANDIDATES = 8


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
        url=url if url and _is_absolute(url) else None,
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


def _is_huge(tree) -> bool:
    if sum(1 for _ in zip(range(HUGE_PAGE_ELEMENTS + 1), tree.iter())) > HUGE_PAGE_ELEMENTS:
        return True
    return _text_chars(tree) > HUGE_PAGE_CHARS


def _text_chars(tree) -> int:
    """How many characters of text the page shows: scripts and styles left out."""
    hidden = sum(len(element.text_content()) for element in tree.iter("script", "style", "template"))
    return len(tree.text_content()) - hidden


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _element_text(element) -> str:
    return _clean(" ".join(element.itertext()))


# ----------------------------------------------------------------- <meta> and JSON-LD

def meta_values(tree) -> dict[str, list[str]]:
    """Every <meta> by its lowercased name, property, itemprop or http-equiv.

    An itemprop counts only when it describes the page's own item, not one nested
    inside it (a cited paper, a comment, a related story)."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content") or element.get("value")
        if content is None or not content.strip():
            continue
        for attribute in ("name", "property", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and (attribute != "itemprop" or _describes_the_page(element)):
                values.setdefault(key, []).append(content.strip())
    return values


def _describes_the_page(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is not None:
            # an item that is itself a property of another (itemprop="citation") is not the page
            return ancestor.get("itemprop") is None
    return True


def _first_meta(meta: dict[str, list[str]], keys) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def json_ld_objects(tree) -> list[dict]:
    """JSON-LD objects of the page, articles first, then pages, then the rest."""
    objects = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for item in _load_json_ld(script.text or ""):
            objects.extend(_flatten_json_ld(item))
    return sorted(objects, key=_json_ld_rank)


def _load_json_ld(text: str) -> list:
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$|<!--|-->", "", text.strip())
    try:
        loaded = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return [_json_ld_by_pattern(text)]
    return loaded if isinstance(loaded, list) else [loaded]


def _json_ld_by_pattern(text: str) -> dict:
    """Broken JSON-LD (trailing commas, stray quotes) still tends to hold clean date fields."""
    found = {"@type": "Broken"}
    for key in ("datePublished", "dateModified", "dateCreated", "headline"):
        match = re.search(r'"%s"\s*:\s*"([^"]{1,200})"' % key, text)
        if match:
            found[key] = match.group(1)
    return found


def _flatten_json_ld(item, depth: int = 0) -> list[dict]:
    if not isinstance(item, dict) or depth > 3:
        return []
    found = [item]
    for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
        value = item.get(key)
        for child in value if isinstance(value, list) else [value]:
            found.extend(_flatten_json_ld(child, depth + 1))
    return found


def _json_ld_types(item: dict) -> list[str]:
    types = item.get("@type") or []
    return [str(t) for t in (types if isinstance(types, list) else [types])]


def _json_ld_rank(item: dict) -> int:
    types = " ".join(_json_ld_types(item))
    if ARTICLE_TYPES.search(types):
        return 0
    if "WebPage" in types or "Broken" in types:
        return 1
    return 2


def _json_ld_text(value) -> str | None:
    """A JSON-LD value that may be a string, an object with a name, or a list of those."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return _clean(value) if isinstance(value, (str, int)) and str(value).strip() else None


# ----------------------------------------------------------------- title, url, site, language

def page_title(tree, meta, linked, source: str | None) -> str | None:
    headline = next((_json_ld_text(o.get("headline")) for o in linked
                     if _json_ld_rank(o) == 0 and o.get("headline")), None)
    title_element = tree.find(".//title")
    h1 = tree.find(".//h1")
    h1_text = _clean(h1.text_content()) if h1 is not None else ""
    for candidate in (_first_meta(meta, ("og:title", "twitter:title")), headline,
                      title_element.text_content() if title_element is not None else None,
                      h1_text):
        title = strip_site_name(_clean(candidate), source, headline=h1_text)
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
    site = _comparable(source or "")
    first, last = parts[0], parts[-1]
    if site and _comparable(last) and (_comparable(last) in site or site in _comparable(last)):
        return title[: _last_separator(title).start()].strip()
    if site and _comparable(first) and (_comparable(first) in site or site in _comparable(first)):
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


def _comparable(text: str) -> str:
    return re.sub(r"[^\w]", "", text.lower().removeprefix("the ").removeprefix("www."))


def page_url(tree, meta, linked) -> str | None:
    """Canonical link, og:url, then JSON-LD url; absolute ones first."""
    found = []
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found.append(link.get("href").strip())
    found.extend(meta.get("og:url", []))
    for item in linked:
        if _json_ld_rank(item) == 0:
            for key in ("url", "mainEntityOfPage"):
                value = item.get(key)
                value = value.get("@id") if isinstance(value, dict) else value
                if isinstance(value, str):
                    found.append(value.strip())
    found = [u for u in found if u]
    return next((u for u in found if _is_absolute(u)), found[0] if found else None)


def _is_absolute(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def site_name(meta, linked) -> str | None:
    """og:site_name, the JSON-LD publisher, then other meta; the first that reads as a name."""
    candidates = list(meta.get("og:site_name", []))
    candidates += [_json_ld_text(item.get("publisher")) for item in linked]
    candidates += _meta_list(meta, SITE_META[1:])
    for name in map(_clean, filter(None, candidates)):
        # "@nytimes" is a social media handle, not a name
        if name and not _is_absolute(name) and not name.startswith("@") and len(name) <= 100:
            return name
    return None


def page_language(tree, meta) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  _first_meta(meta, ("og:locale",)),
                  _first_meta(meta, ("content-language", "language", "dc.language"))):
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
        if _json_ld_rank(item) > 1:
            continue
        authors = item.get("author") or item.get("creator") or []
        for author in authors if isinstance(authors, list) else [authors]:
            name = _json_ld_text(author)
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
        text = (named[0].get("content") or _element_text(named[0])) if named else _element_text(element)
        names.append(text)
    if not names:
        for element in tree.xpath('//*[contains(@class, "byline") or contains(@class, "author")]'):
            text = _element_text(element)
            if text.lower().startswith("by "):
                names.append(text)
                break
    return names


def clean_author_names(names: list[str]) -> list[str]:
    """Split 'By Jane Doe and John Roe', drop URLs and handles, de-duplicate."""
    cleaned, seen = [], set()
    for raw in names:
        text = _clean(raw)
        text = re.sub(r"^(?:written\s+)?by[:\s]+", "", text, flags=re.IGNORECASE)
        for name in re.split(r"\s+(?:and|&|und|et)\s+|\s*;\s*|\s*,\s+(?:and\s+)?", text):
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


# ----------------------------------------------------------------- main text

def main_paragraphs(tree, title: str | None = None) -> list[str]:
    paragraphs = [] if _is_huge(tree) else _trafilatura_paragraphs(tree)
    paragraphs = paragraphs or _plain_paragraphs(tree)
    return _without_leading_headline(paragraphs, tree, title)


def separate_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Markup sometimes sets the dateline apart ('WASHINGTON —' as its own block):
    it names a place, it is not a paragraph."""
    if paragraphs:
        match = STANDALONE_DATELINE.fullmatch(paragraphs[0])
        if match:
            return match.group("place").title(), paragraphs[1:]
    return None, paragraphs


def _without_leading_headline(paragraphs: list[str], tree, title: str | None) -> list[str]:
    """The headline is the title, not the first paragraph."""
    h1 = tree.find(".//h1")
    headlines = {_comparable(t) for t in (title, h1.text_content() if h1 is not None else None) if t}
    while paragraphs and _comparable(paragraphs[0]) in headlines:
        paragraphs = paragraphs[1:]
    return paragraphs


def _trafilatura_paragraphs(tree) -> list[str]:
    import trafilatura

    page = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    for element in page.xpath("//noscript"):
        # a short one says "please enable JavaScript"; a long one is the page's text
        # for readers without it (Blogger puts the whole post there)
        if len(_element_text(element)) > NOSCRIPT_TEXT_MIN:
            element.drop_tag()
        else:
            element.drop_tree()
    try:
        document = trafilatura.bare_extraction(
            page, include_comments=False, include_tables=False, include_images=False,
            include_links=False, with_metadata=False, deduplicate=False,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, lxml.etree.LxmlError):
        return []
    body = getattr(document, "body", None)
    return _xml_blocks(body) if body is not None else []


XML_BLOCKS = ("p", "head", "item", "quote", "list")


def _xml_blocks(element) -> list[str]:
    """Paragraph strings from trafilatura's tree: <p>, <head>, list <item>s, <quote>s."""
    paragraphs = []
    for child in element:
        if child.tag in XML_BLOCKS and not any(d.tag in XML_BLOCKS for d in child.iterdescendants()):
            paragraphs.extend(_split_at_sentence_breaks(child))
        else:
            if child.text and child.text.strip():
                paragraphs.append(_clean(child.text))
            paragraphs.extend(_xml_blocks(child))
        if child.tail and child.tail.strip() and element.tag != "body":
            paragraphs.append(_clean(child.tail))
    return [p for p in paragraphs if p]


def _split_at_sentence_breaks(element) -> list[str]:
    """A line break after the end of a sentence separates paragraphs (pages that use
    <br><br> instead of <p>); one in the middle of a sentence is only a space."""
    lines, current = [], [element.text or ""]
    for child in element:
        if child.tag == "lb":
            lines.append("".join(current))
            current = []
        else:
            current.append("".join(child.itertext()))
        current.append(child.tail or "")
    lines.append("".join(current))
    paragraphs = [""]
    for line in (_clean(line) for line in lines):
        if not line:
            continue
        if paragraphs[-1] and not SENTENCE_END.search(paragraphs[-1]):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return [p for p in paragraphs if p]


SENTENCE_END = re.compile(r"[.!?:;…\"”’»)]$")


def _plain_paragraphs(tree) -> list[str]:
    """Every <p> outside navigation, sidebars, footers and forms, in page order."""
    paragraphs, seen = [], set()
    for element in tree.iter("p"):
        if any(a.tag in BOILERPLATE_TAGS for a in element.iterancestors()):
            continue
        text = _clean(" ".join(_text_outside(element, UNWANTED_TAGS)))
        if len(text) > 1 and text not in seen:
            seen.add(text)
            paragraphs.append(text)
    return paragraphs


BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form", "button") + UNWANTED_TAGS


def _text_outside(element, skipped_tags) -> list[str]:
    """Text of an element without the text of the skipped children (scripts, styles)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skipped_tags:
            pieces.extend(_text_outside(child, skipped_tags))
        pieces.append(child.tail or "")
    return pieces


LINK_TEXT_SHARE = 0.8


def mostly_links(tree, paragraphs: list[str]) -> bool:
    """Whether the text found is made of the page's link texts: menus, lists of headlines."""
    text = " ".join(paragraphs)
    if not text:
        return False
    link_texts = {_clean(a.text_content()) for a in tree.iter("a")}
    covered = sum(len(t) + 1 for t in link_texts if len(t) > 1 and t in text)
    return covered >= LINK_TEXT_SHARE * len(text)


def why_no_text(tree, meta, linked) -> str:
    refresh = _first_meta(meta, ("refresh",))
    if refresh and "url=" in refresh.lower():
        target = refresh[refresh.lower().index("url=") + 4:].strip(" '\"")
        return f"the page only redirects to {target}"
    if tree.find(".//frameset") is not None:
        return "the page is a frameset; its frames are separate files"
    if tree.find(".//form") is not None and tree.find('.//input[@type="password"]') is not None:
        return "the page is a login form"
    if _says_it_is_an_article(meta, linked):
        return ("the page describes an article but its text is not in the file (a site that loads "
                "it with JavaScript); save the page from the browser once it has loaded")
    return "the page has no main text"


def _says_it_is_an_article(meta, linked) -> bool:
    return bool(meta.get("article:published_time") or "article" in meta.get("og:type", [])
                or any(_json_ld_rank(item) == 0 for item in linked))


# ----------------------------------------------------------------- date evidence

def date_candidates(tree, meta, linked, url: str | None, paragraphs: list[str],
                    language: str | None) -> list[DateCandidate]:
    """Raw date strings, best evidence first: JSON-LD, meta, <time>, URL, text, htmldate.
    Notes of a last change ("This page was last modified on ...") come as updates."""
    found: list[DateCandidate] = []
    found += _json_ld_dates(linked, articles=True)
    found += [DateCandidate(v, "meta") for v in _meta_list(meta, PUBLISHED_META_FIRST)]
    found += [DateCandidate(v, "meta") for v in _meta_list(meta, PUBLISHED_META_OTHER)]
    found += _parsely_dates(meta)
    found += _json_ld_dates(linked, articles=False)
    found += [DateCandidate(v, "meta", "modified") for v in _meta_list(meta, MODIFIED_META)]
    found += _marked_up_dates(tree)
    found += _url_dates([url] + meta.get("og:url", []))
    languages = ("en",) if language in (None, "en") else (language, "en")
    found += _text_dates(tree, paragraphs, languages)
    found += _last_change_notes(tree, languages)
    if not any(_names_a_day(c, languages) for c in found if c.kind == "published"):
        found += _htmldate(tree)  # the slow last resort, only when nothing else names a day
    return _deduplicated(found)


def _names_a_day(candidate: DateCandidate, languages: tuple[str, ...]) -> bool:
    stamp = parse_timestamp(candidate.raw, candidate.source, languages=languages)
    return stamp is not None and stamp.precision in ("day", "minute", "second")


def _meta_list(meta, keys) -> list[str]:
    return [value for key in keys for value in meta.get(key, [])]


def _json_ld_dates(linked, *, articles: bool) -> list[DateCandidate]:
    found = []
    for item in linked:
        if (_json_ld_rank(item) == 0) != articles:
            continue
        keys = [("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")]
        if MEDIA_TYPES.search(" ".join(_json_ld_types(item))):
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
        raw = _clean(element.get("datetime") or element.get("content") or element.get("title")
                     or _element_text(element))
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
        own = _element_text(previous) if isinstance(previous.tag, str) else ""
        label = " ".join(filter(None, (previous.get("title"), previous.get("aria-label"),
                                       own if len(own) <= MAX_LABEL else "", previous.tail)))
    label = _clean(label)
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
        path = unquote(urlsplit(url).path) if _is_absolute(url) else unquote(url)
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
        target.extend(_dated_lines(_element_text(element), languages))
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
        if _clean(element.text).startswith(start[:20]) and _element_text(element).startswith(start):
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
    match = re.search(r"\b(?:last\s+)?(?:updated?|modified|edited|revised|aktualisiert|mis à jour|"
                      r"actualizado|atualizado|aggiornato|bijgewerkt)\b",
                      text, re.IGNORECASE)
    if not match:
        return [(text, "published")]
    before, after = text[: match.start()].strip(" |,;-"), text[match.start():]
    if not looks_like_update(after):
        return [(text, "published")]
    parts = []
    if re.search(r"\d", before):
        parts.append((before, "published"))
    original = ORIGINALLY.search(after)
    if original and re.search(r"\d", after[original.start():]):
        parts.append((after[original.start():], "published"))
        after = after[: original.start()].strip(" |,;-")
    parts.append((after, "modified"))
    return parts


# After an update line, the words that bring back the first publication.
ORIGINALLY = re.compile(r"\b(?:(?:originally|first)\s+(?:published|posted|created|written|appeared)|"
                        r"published|posted)\b", re.IGNORECASE)
LAST_CHANGE = re.compile(r"\b(?:last\s+(?:modified|edited|updated|changed|revised|revision)|page\s+revision)\b",
                         re.IGNORECASE)
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
        text = _element_text(element)
        if len(text) > MAX_DATE_TEXT or not re.search(r"\d", text):
            continue
        if parse_timestamp(text, "text", languages=languages) is not None:
            found.append(DateCandidate(text, "text", "modified"))
            if len(found) >= MAX_LAST_CHANGE_NOTES:
                break
    return found


def _htmldate(tree) -> list[DateCandidate]:
    if _is_huge(tree):
        return []
    try:
        import htmldate

        found = htmldate.find_date(copy.deepcopy(tree), original_date=True, extensive_search=True)
    except Exception:  # a fallback must never cost the article
        return []
    return [DateCandidate(found, "htmldate")] if found else []


def _deduplicated(candidates: list[DateCandidate]) -> list[DateCandidate]:
    seen, kept = set(), []
    for candidate in candidates:
        key = (candidate.raw, candidate.kind)
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept
