"""Article text a page ships as JSON data in its scripts rather than as HTML.

Many news sites render the article in the browser from a state object written into the
page: `<script id="__NEXT_DATA__" type="application/json">{...}`, `window.__APOLLO_STATE__=
{...}`, `window.__INITIAL_STATE__ = {...}`, `window.__PRELOADED_STATE__=...`, an Arc
site's `Fusion.globalContent={...}`, a JSON-LD `articleBody`. main_text reads it last, only
when no other reading finds article text.

The JSON is parsed, never evaluated; a script too large, a parse error or anything but a
JSON object or array means "nothing here". Its prose is gathered in document order: a
string value that reads as a paragraph, or the joined text of a rich-text block
(`{"type": "p", "children": [{"type": "text", "data": "..."}, ...]}` and its kin). Prose
is grouped by the list or object that holds it, so that a story's body stays apart from
the teasers, captions and related stories beside it; the body is the largest group that
is long enough and belongs to this page (`belongs_to_the_page`).
"""
from __future__ import annotations

import html
import json
import re

from archive.readers.html_page import clean, first_meta, json_ld_objects, json_ld_rank, json_ld_text, meta_values

# A state larger than this is not parsed (real ones are a few hundred kilobytes).
MAX_SCRIPT_CHARS = 5_000_000
# Assignments tried on one page, parsed or not: the bound on the work a script-heavy page costs.
MAX_ASSIGNMENTS = 1000
MAX_DEPTH = 200
# `name = {`, `a.b["c"]={` (not `==`, `<=`, `=>`): where a state object may start. The
# name is not matched whole: a pattern starting at every identifier is slow on big scripts.
ASSIGNMENT = re.compile(r"[\w$\]]\s*=\s*(?=[{\[])")
JSON_TYPES = ("application/json", "application/ld+json")

# A paragraph: this long at least, this many words, ending as a sentence ends.
PROSE_MIN_CHARS = 40
PROSE_MIN_WORDS = 6
SENTENCE_END = re.compile(r"[.!?…\"”’»)。！？]$")
# Addresses, markup, code and templates are not prose.
NOT_PROSE = re.compile(r"://|www\.|<[A-Za-z/!]|[{}]|=>|\\[nrtu]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
LETTER_SHARE = 0.6
# More than a standfirst: the page's description alone would pass belongs_to_the_page.
STATE_TEXT_MIN = 400

# Rich-text trees: the key naming a node's type, the types that are paragraphs, the keys
# holding a node's own text, and the keys of its attributes (links, marks), not its text.
TYPE_KEYS = ("type", "_type", "nodeType", "tag", "tagName")
BLOCK_TYPES = {"p", "paragraph", "block", "blockquote", "quote", "li", "listitem", "list-item", "list_item"}
TEXT_KEYS = ("data", "text", "value", "content")
ATTRIBUTE_KEYS = {"attribs", "attrs", "attributes", "marks", "markDefs", "style", "data-attributes"}

DESCRIPTION_META = ("og:description", "description", "twitter:description")
DESCRIPTION_OPENING_WORDS = 8
TITLE_WORD_MIN_LETTERS = 4
TITLE_WORDS_SHARED = 0.6


def state_paragraphs(tree, title: str | None) -> list[str]:
    """The article's paragraphs from the page's script data, or [] when none belong to it."""
    descriptions = _descriptions(tree)
    best: list[str] = []
    for state in _states(tree):
        for group in _prose_groups(state):
            paragraphs = list(dict.fromkeys(group))  # exact repeats dropped, first kept
            size = sum(len(p) for p in paragraphs)
            if (size >= STATE_TEXT_MIN and size > sum(len(p) for p in best)
                    and belongs_to_the_page(paragraphs, title, descriptions)):
                best = paragraphs
    return best


def belongs_to_the_page(paragraphs: list[str], title: str | None, descriptions: list[str]) -> bool:
    """Whether prose found in the data is this page's article, not related stories,
    teasers or site-wide notices that the state also carries. The page's head is written
    for its article: the article's text repeats the description's opening words (news
    descriptions are mostly the standfirst or the first sentence), or most of the
    headline's words. The description itself, which the state holds too (as a teaser's
    text, beside other stories'), is no evidence. Only words of four letters or more count
    from the headline, so that "the", "of", "and" do not make any text match; a headline
    with fewer than three such words is too short to tell."""
    told = {" ".join(_words(d)) for d in descriptions}
    words = [w for p in paragraphs if not _within_any(" ".join(_words(p)), told) for w in _words(p)]
    joined = f" {' '.join(words)} "
    for description in descriptions:
        opening = _words(description)[:DESCRIPTION_OPENING_WORDS]
        if len(opening) >= 5 and f" {' '.join(opening)} " in joined:
            return True
    title_words = {w for w in _words(title or "") if len(w) >= TITLE_WORD_MIN_LETTERS}
    if len(title_words) < 3:
        return False
    return len(title_words & set(words)) >= TITLE_WORDS_SHARED * len(title_words)


def _within_any(words: str, descriptions: set[str]) -> bool:
    return any(f" {words} " in f" {d} " for d in descriptions)


def reads_as_prose(text: str) -> bool:
    """A paragraph of sentences: long enough, words and spaces, mostly letters, a sentence's
    end; not an address, markup, code, an id or a headline."""
    if len(text) < PROSE_MIN_CHARS or NOT_PROSE.search(text) or not SENTENCE_END.search(text):
        return False
    if len(text.split()) < PROSE_MIN_WORDS and not CJK.search(text):
        return False
    visible = text.replace(" ", "")
    return sum(ch.isalpha() for ch in visible) >= LETTER_SHARE * len(visible)


# ----------------------------------------------------------------- the page's data

def _states(tree):
    """Each JSON object or array the page's scripts hold or assign, parsed."""
    tried = 0
    for script in tree.iter("script"):
        text = script.text or ""
        if not text.strip() or len(text) > MAX_SCRIPT_CHARS or script.get("src"):
            continue
        if (script.get("type") or "").strip().lower() in JSON_TYPES:
            found = _parsed(text.strip(), 0)
            if found is not None:
                yield found
            continue
        for match in ASSIGNMENT.finditer(text):
            tried += 1
            if tried > MAX_ASSIGNMENTS:
                return
            found = _parsed(text, match.end())
            if found is not None:
                yield found


DECODER = json.JSONDecoder(strict=False)


def _parsed(text: str, start: int):
    try:
        value, _ = DECODER.raw_decode(text, start)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, (dict, list)) and value else None


def _descriptions(tree) -> list[str]:
    meta = meta_values(tree)
    found = [first_meta(meta, (key,)) for key in DESCRIPTION_META]
    found += [json_ld_text(item.get("description")) for item in json_ld_objects(tree) if json_ld_rank(item) == 0]
    return [clean(d) for d in dict.fromkeys(found) if d]


# ----------------------------------------------------------------- prose in the data

def _prose_groups(state) -> list[list[str]]:
    """Paragraphs grouped by the list or object holding them, in document order."""
    groups: dict[int, list[str]] = {}
    stack = [(state, state, 0)]  # (node, its container, depth); depth-first, in order
    while stack:
        node, container, depth = stack.pop()
        if isinstance(node, str):
            for line in node.splitlines():
                _add(groups, container, line)
        elif depth > MAX_DEPTH:
            continue
        elif isinstance(node, dict):
            if _is_text_block(node):
                _add(groups, container, _inline_text(node, depth))
            else:
                stack.extend((child, node, depth + 1) for child in reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend((child, node, depth + 1) for child in reversed(node))
    return list(groups.values())


def _add(groups: dict[int, list[str]], container, text: str) -> None:
    # States often hold text as HTML escapes it ("world&#039;s"); escaped markup
    # ("&lt;pre&gt;") then shows as markup and is left out.
    text = clean(html.unescape(text)) if "&" in text else clean(text)
    if reads_as_prose(text):
        groups.setdefault(id(container), []).append(text)


def _is_text_block(node: dict) -> bool:
    return any(isinstance(node.get(key), str) and node[key].lower() in BLOCK_TYPES for key in TYPE_KEYS)


def _inline_text(node, depth: int) -> str:
    """A block's text: its text leaves joined as written (a link's words sit between the
    text before and after it, each with its own spaces); attributes left out."""
    if depth > MAX_DEPTH:
        return ""
    if isinstance(node, list):
        return "".join(item if isinstance(item, str) else _inline_text(item, depth + 1) for item in node)
    if not isinstance(node, dict):
        return ""
    parts = []
    for key, value in node.items():
        if key in ATTRIBUTE_KEYS or key in TYPE_KEYS:
            continue
        if isinstance(value, str):
            if key in TEXT_KEYS:
                parts.append(value)
        elif isinstance(value, (list, dict)):
            parts.append(_inline_text(value, depth + 1))
    return "".join(parts)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
