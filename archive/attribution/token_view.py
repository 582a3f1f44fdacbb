"""The token view of an article that every pass reads: each token's text, start, quotation,
sentence and paragraph, found once; and the small questions asked of tokens everywhere.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from archive.entities.doc_words import text_of, token_starts, token_texts
from archive.entities.shapes import People
from archive.lexicon.function_words import CONTRASTS, LEADING_CONJUNCTIONS
from archive.lexicon.punctuation import QUOTE_CHARS, SENTENCE_END
from archive.lexicon.titles import HONORIFICS
from archive.quote_spans import QuoteSpan


@dataclass
class TokenView:
    """The token view of an article that attribution works on."""

    doc: object
    spans: list[QuoteSpan]
    people: People
    text: str = ""  # doc.text, which spaCy rebuilds on every access
    # Each token's text and start: rules read them often, and every doc[i] makes a Token object.
    words: list[str] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)  # each word lower-cased, asked of every token
    starts: list[int] = field(default_factory=list)
    quote_of: list[int] = field(default_factory=list)  # token -> quote index or -1
    sentence_of: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    # doc.ents builds a new tuple on every access: read them once, by start
    ents: tuple = ()
    ent_starts: list[int] = field(default_factory=list)


def token_view(doc, spans: list[QuoteSpan], people: People) -> TokenView:
    t = TokenView(doc, spans, people, text_of(doc))
    text = t.text
    t.words = token_texts(doc)
    t.lowers = [word.lower() for word in t.words]
    t.starts = token_starts(doc)
    t.mention_starts = [m.token_start for m in people.mentions]
    t.ents = tuple(doc.ents)
    t.ent_starts = [ent.start for ent in t.ents]
    quote_of = [-1] * len(doc)
    for qi, span in enumerate(spans):
        a = bisect.bisect_left(t.starts, span.start)
        b = bisect.bisect_left(t.starts, span.end)
        for i in range(a, b):
            quote_of[i] = qi
    t.quote_of = quote_of
    sentence = 0
    paragraph = 0
    t.sentence_starts = [0]
    sentence_of = [0] * len(doc)
    paragraph_of = [0] * len(doc)
    words, starts = t.words, t.starts
    n = len(doc)
    for i in range(n):
        sentence_of[i] = sentence
        paragraph_of[i] = paragraph
        if i + 1 >= n:
            break
        word, after = words[i], words[i + 1]
        breaks = False
        if "\n" in word or "\n" in after or "\n" in text[starts[i] + len(word): starts[i + 1]]:
            breaks = True
            if "\n" in word or "\n" in text[starts[i] + len(word): starts[i + 1]]:
                paragraph += 1
        elif quote_of[i] < 0 and word in SENTENCE_END and quote_of[i + 1] < 0 and _starts_sentence(after) \
                and not (word == "." and i > 0 and is_abbreviation(words[i - 1])) \
                and not (word == "." and i > 0 and words[i - 1] in ("No", "Nos") and after[:1].isdigit()) \
                and not (word == "." and i > 0 and starts[i - 1] + len(words[i - 1]) == starts[i]
                         and starts[i] + 1 == starts[i + 1]):  # "fansite Halo.Bungie.Org, said"
            breaks = True
        elif quote_of[i] < 0 and word in SENTENCE_END and quote_of[i + 1] >= 0:
            breaks = True
        elif quote_of[i] >= 0 and quote_of[i + 1] != quote_of[i]:
            span = spans[quote_of[i]]
            inner = text[span.start:span.end - len(span.close_mark or "")].rstrip()
            if inner[-1:] in ".!?" and (quote_of[i + 1] >= 0 or _starts_sentence(after)):
                breaks = True
        if breaks:
            sentence += 1
            t.sentence_starts.append(i + 1)
    t.sentence_of = sentence_of
    t.paragraph_of = paragraph_of
    return t


def is_capitalized(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def name_like(text: str) -> bool:
    """A word a name can be made of: letters, an apostrophe or a hyphen inside ("D’Souza")."""
    return text.replace("’", "").replace("'", "").replace("-", "").isalpha() and text[-1:].isalpha()


def is_punct(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _starts_sentence(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in QUOTE_CHARS)


def token_at(t: TokenView, char: int) -> int:
    return max(0, bisect.bisect_right(t.starts, char) - 1)


def mentions_between(t: TokenView, a: int, b: int) -> list:
    """Person mentions starting at tokens [a, b), found by bisection (mentions are in text order)."""
    mentions = t.people.mentions
    i = bisect.bisect_left(t.mention_starts, a)
    out = []
    while i < len(mentions) and mentions[i].token_start < b:
        out.append(mentions[i])
        i += 1
    return out


def ents_between(t: TokenView, a: int, b: int) -> tuple:
    """The entities starting at tokens [a, b), in text order."""
    return t.ents[bisect.bisect_left(t.ent_starts, a):bisect.bisect_left(t.ent_starts, b)]


def lower_at(t: TokenView, i: int) -> str:
    return t.lowers[i]


def outside_quotes(t: TokenView, i: int) -> bool:
    return 0 <= i < len(t.words) and t.quote_of[i] < 0 and "\n" not in t.words[i]


def is_abbreviation(text: str) -> bool:
    return (len(text) <= 4 and text.lower() in HONORIFICS) or (len(text) == 1 and text.isupper())


def spaced(t: TokenView, i: int) -> bool:
    """Whether token i stands apart from the words around it: a dash, not a hyphen."""
    return i > 0 and bool(t.doc[i - 1].whitespace_) and bool(t.doc[i].whitespace_)


def hyphenated(t: TokenView, i: int) -> bool:
    """Whether token i is joined to the word before or after it by a hyphen."""
    doc = t.doc
    after = i + 1 < len(doc) and not doc[i].whitespace_ and t.words[i + 1] in ("-", "‐") \
        and i + 2 < len(doc) and not doc[i + 1].whitespace_ and t.words[i + 2][:1].isalpha()
    before = i >= 2 and t.words[i - 1] in ("-", "‐") and not doc[i - 1].whitespace_ \
        and not doc[i - 2].whitespace_ and t.words[i - 2][-1:].isalpha()
    return after or before


def past_openers(t: TokenView, token: int) -> int:
    """The first token from `token` on that is not a leading conjunction or punctuation."""
    while token < len(t.doc) and (lower_at(t, token) in LEADING_CONJUNCTIONS or is_punct(t.words[token])):
        token += 1
    return token


def quote_tokens(t: TokenView, qi: int) -> tuple[int, int]:
    span = t.spans[qi]
    a = bisect.bisect_left(t.starts, span.start)
    b = bisect.bisect_left(t.starts, span.end)
    return a, b


def sentence_range(t: TokenView, token: int) -> tuple[int, int]:
    s = t.sentence_of[token]
    a = t.sentence_starts[s]
    b = t.sentence_starts[s + 1] if s + 1 < len(t.sentence_starts) else len(t.doc)
    return a, b


def contrast_at(t: TokenView, i: int) -> bool:
    """ "…, while Rep. Gomer suggested …", "“…,” while …": token `i` opens a clause of
    someone else's."""
    return lower_at(t, i) in CONTRASTS and i > 0 and t.quote_of[i] < 0 \
        and (t.words[i - 1] == "," or t.quote_of[i - 1] >= 0)
