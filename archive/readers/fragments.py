"""Paragraphs out of an HTML fragment (feed content, a JSON `text` holding markup)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "td")
LOOKS_LIKE_MARKUP = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote)\b[^>]*>",
                               re.IGNORECASE)


def split_paragraphs(text: str) -> list[str]:
    """Plain text into paragraphs: on blank lines when there are any, else on line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]


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
