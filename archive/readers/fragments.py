"""Paragraphs out of an HTML fragment (feed content, a JSON `text` holding markup)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "td")
LOOKS_LIKE_MARKUP = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote)\b[^>]*>",
                               re.IGNORECASE)


SQUEEZE_CHUNK = 1 << 20  # characters
WHITESPACE_AFTER_WORD = re.compile(r"(?<=\S)\s")


def squeezed(text: str, chunk: int = SQUEEZE_CHUNK) -> str:
    """`" ".join(text.split())`, a megabyte at a time: the list of every word of a 50 MB
    paragraph takes some 500 MB. Each piece ends where whitespace follows a word, so the
    pieces' words are joined by one space as the whole text's would be."""
    if len(text) <= chunk:
        return " ".join(text.split())
    pieces = []
    start = 0
    while start < len(text):
        cut = WHITESPACE_AFTER_WORD.search(text, start + chunk)
        end = cut.start() if cut else len(text)
        pieces.append(" ".join(text[start:end].split()))
        start = end
    return " ".join(piece for piece in pieces if piece)


def split_paragraphs(text: str) -> list[str]:
    """Plain text into paragraphs: on blank lines when there are any, else on line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [squeezed(part) for part in parts if part.strip()]


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of a string that may be plain text or an HTML fragment."""
    if LOOKS_LIKE_MARKUP.search(text):
        return html_paragraphs(text)
    return split_paragraphs(text)


def html_paragraphs(fragment: str) -> list[str]:
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(["script", "style", "noscript", "iframe", "object", "embed", "form", "template"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    paragraphs = []
    for block in soup.find_all(BLOCK_TAGS):
        if block.find(BLOCK_TAGS):
            continue  # the innermost blocks carry the text
        paragraphs.extend(split_paragraphs(block.get_text()))
    if not paragraphs:
        paragraphs = split_paragraphs(soup.get_text())
    return paragraphs
