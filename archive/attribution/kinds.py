"""Kinds of quotation read from the characters alone: partial, a title, a whole paragraph."""
from __future__ import annotations

from archive.attribution.shapes import Attribution
from archive.attribution.token_view import TokenView
from archive.lexicon.cues import CUE_WORDS
from archive.lexicon.function_words import SMALL_WORDS
from archive.lexicon.punctuation import QUOTE_CHARS
from archive.quote_spans import QuoteSpan


def is_partial(text: str, span: QuoteSpan) -> bool:
    """A fragment inside a sentence ("remain on “totally divergent” positions")."""
    inner = text[span.text_start:span.text_end]
    first_letter = next((c for c in inner if c.isalpha()), "")
    before = text[max(0, span.start - 40):span.start].rstrip()
    if first_letter and first_letter.islower():
        # but "“… they still go on lying.”" opening a paragraph or sentence: an excerpt
        return not (inner.lstrip().startswith(("…", "...")) and (not before or before[-1] in ".!?\n"
                                                                  or before[-1] in QUOTE_CHARS))
    if not before or before[-1] in ".:!?,;—–-([\n" or before[-1] in QUOTE_CHARS:
        return False
    last_word = before.split()[-1].lower() if before.split() else ""
    if last_word in CUE_WORDS or last_word == "that":
        return False
    return inner.rstrip()[-1:] not in (".", "!", "?")


def is_title(text: str, span: QuoteSpan) -> bool:
    """A name in quotation marks: a show, a book, a slogan (“Meet the Press”)."""
    inner = text[span.text_start:span.text_end].rstrip(".,!?")
    words = inner.split()
    if not words or len(words) > 8 or any(c in inner for c in ".!?;:"):
        return False
    if not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in SMALL_WORDS or not w[:1].isalpha() for w in words):
        return False
    before = text[max(0, span.start - 3):span.start].rstrip()
    if not before:
        return False
    last_word = text[max(0, span.start - 20):span.start].split()[-1:] or [""]
    if last_word[0].lower() in CUE_WORDS:
        return False  # 'He said “The Hispanics” and swears …': words someone said
    if before[-1].isalnum() or before[-1] in "’'":
        return True
    return len(words) >= 2 and before[-1] in ",—–-"


def whole_paragraph(text: str, span: QuoteSpan) -> bool:
    """A quotation with nothing else on its line."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:span.start].strip() and not text[span.end:line_end].strip(" .")


def says_something(text: str, span: QuoteSpan) -> bool:
    """A sentence or a few words, not a lone name in quotation marks (“Bloodline”)."""
    inner = text[span.text_start:span.text_end]
    return len(inner.split()) >= 3 or inner.rstrip()[-1:] in (".", "!", "?")


def has_lowercase(text: str, span: QuoteSpan) -> bool:
    return any(c.islower() for c in text[span.text_start:span.text_end])


def opens_lowercase(text: str, span: QuoteSpan) -> bool:
    first_letter = next((c for c in text[span.text_start:span.text_end] if c.isalpha()), "")
    return first_letter.islower()


def uncredit_titles(t: TokenView, results: list[Attribution]) -> None:
    """Titles (“Meet the Press”) credit nobody, whatever a pass made of them."""
    text = t.text
    for qi, span in enumerate(t.spans):
        if results[qi].speaker and is_title(text, span):
            results[qi] = Attribution()
