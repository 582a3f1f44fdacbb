"""The article's main text: paragraphs from a page tree, without navigation, ads and comments.

trafilatura first (best measured at leaving out navigation, ads, comments and share
buttons; tables kept, a row of cells as one line), the page's <p> elements as a fallback
where trafilatura finds nothing or only link texts, and last the article's text in the
page's script data (script_state), for sites that render it in the browser. The calls
to subscribe, follow or support and the copyright lines that close a page's text are
left out (closing_lines).
trafilatura's favor_recall was measured and not taken: it lowered F1 on the dev pages
(bench/main_text.py).
"""
from __future__ import annotations

import copy
import re

import lxml.etree

from archive.readers.closing_lines import without_closing_calls
from archive.readers.html_page import (UNWANTED_TAGS, clean, comparable, element_text, first_meta,
                                       is_huge, json_ld_rank)
from archive.readers.script_state import state_paragraphs

STANDALONE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'-]{1,40}?[A-Z])(?:,\s*[A-Z][\w.]*)?(?:\s*\([^()]{2,30}\))?\s*(?:—|–|--|-)"
)
NOSCRIPT_TEXT_MIN = 500
# Less text than this from a fallback reading is not taken for the article.
FALLBACK_TEXT_MIN = 200


def main_paragraphs(tree, title: str | None = None) -> list[str]:
    """The article's paragraphs, from the first reading that finds real article text:
    trafilatura, then every <p> outside navigation. A reading made of the page's link
    texts (an <article> wrapping a list of headlines) is passed over for the next, which
    then needs some length to count. When none finds article text, the text the page's
    scripts carry as data, when it belongs to this page; else that link list is returned
    for the caller to refuse."""
    readings = [] if is_huge(tree) else [_trafilatura_paragraphs]
    links_only = None
    for reading in readings + [_plain_paragraphs]:
        paragraphs = _without_leading_headline(reading(tree), tree, title)
        if not paragraphs:
            continue
        if mostly_links(tree, paragraphs):
            links_only = links_only or paragraphs
            continue
        if links_only is None or len(" ".join(paragraphs)) >= FALLBACK_TEXT_MIN:
            return without_closing_calls(paragraphs)
    from_scripts = _without_leading_headline(state_paragraphs(tree, title), tree, title)
    if from_scripts:
        return without_closing_calls(from_scripts)
    return links_only or []


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
    headlines = {comparable(t) for t in (title, h1.text_content() if h1 is not None else None) if t}
    while paragraphs and comparable(paragraphs[0]) in headlines:
        paragraphs = paragraphs[1:]
    return paragraphs


def _trafilatura_paragraphs(tree) -> list[str]:
    import trafilatura

    page = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    for element in page.xpath("//noscript"):
        # a short one says "please enable JavaScript"; a long one is the page's text
        # for readers without it (Blogger puts the whole post there)
        if len(element_text(element)) > NOSCRIPT_TEXT_MIN:
            element.drop_tag()
        else:
            element.drop_tree()
    try:
        document = trafilatura.bare_extraction(
            page, include_comments=False, include_tables=True, include_images=False,
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
        elif child.tag == "row" and not any(d.tag in XML_BLOCKS + ("table",) for d in child.iterdescendants()):
            paragraphs.append(_row_text(child))
        else:
            if child.text and child.text.strip():
                paragraphs.append(clean(child.text))
            paragraphs.extend(_xml_blocks(child))
        if child.tail and child.tail.strip() and element.tag != "body":
            paragraphs.append(clean(child.tail))
    return [p for p in paragraphs if p]


def _row_text(row) -> str:
    """A table row of short cells is one line ("Name | Club | 53,09"); a row whose cells
    hold paragraphs (a layout table) is read as those paragraphs."""
    return " | ".join(filter(None, (clean(" ".join(cell.itertext())) for cell in row)))


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
    for line in (clean(line) for line in lines):
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
        text = clean(" ".join(_text_outside(element, UNWANTED_TAGS)))
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
    link_texts = {clean(a.text_content()) for a in tree.iter("a")}
    covered = sum(len(t) + 1 for t in link_texts if len(t) > 1 and t in text)
    return covered >= LINK_TEXT_SHARE * len(text)


def why_no_text(tree, meta, linked) -> str:
    refresh = first_meta(meta, ("refresh",))
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
                or any(json_ld_rank(item) == 0 for item in linked))

