"""A parsed web page: its size, its text, and what the page says about itself in <meta> and JSON-LD.

Shared by the HTML reader's parts: the article's text (main_text), its date evidence
(html_dates) and the rest of its metadata (html).
"""
from __future__ import annotations

import json
import re

ARTICLE_TYPES = re.compile(r"article|posting|blog|report|review", re.IGNORECASE)
UNWANTED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas")
# Past this many elements trafilatura and htmldate take minutes; a page that big
# is read by its <p> elements alone. Real article pages have a few thousand.
HUGE_PAGE_ELEMENTS = 40_000
# Likewise past this much text outside scripts and styles, in fewer elements: both take
# about 1.5 s a million characters (a page of 49 MB: over a minute). Real article pages
# hold a few tens of thousands (some carry megabytes of JSON in a script, not counted).
HUGE_PAGE_CHARS = 2_000_000


# ----------------------------------------------------------------- the tree

def is_huge(tree) -> bool:
    if sum(1 for _ in zip(range(HUGE_PAGE_ELEMENTS + 1), tree.iter())) > HUGE_PAGE_ELEMENTS:
        return True
    return _text_chars(tree) > HUGE_PAGE_CHARS


def _text_chars(tree) -> int:
    """How many characters of text the page shows: scripts and styles left out."""
    hidden = sum(len(element.text_content()) for element in tree.iter("script", "style", "template"))
    return len(tree.text_content()) - hidden


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def element_text(element) -> str:
    return clean(" ".join(element.itertext()))


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


def first_meta(meta: dict[str, list[str]], keys) -> str | None:
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
    return sorted(objects, key=json_ld_rank)


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


def json_ld_types(item: dict) -> list[str]:
    types = item.get("@type") or []
    return [str(t) for t in (types if isinstance(types, list) else [types])]


def json_ld_rank(item: dict) -> int:
    types = " ".join(json_ld_types(item))
    if ARTICLE_TYPES.search(types):
        return 0
    if "WebPage" in types or "Broken" in types:
        return 1
    return 2


def json_ld_text(value) -> str | None:
    """A JSON-LD value that may be a string, an object with a name, or a list of those."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean(value) if isinstance(value, (str, int)) and str(value).strip() else None




def meta_list(meta, keys) -> list[str]:
    return [value for key in keys for value in meta.get(key, [])]


def is_absolute(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def comparable(text: str) -> str:
    return re.sub(r"[^\w]", "", text.lower().removeprefix("the ").removeprefix("www."))
