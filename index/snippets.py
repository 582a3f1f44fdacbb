"""Highlighted snippets: fragments of a text around the query's words, matches marked.

The fragments are those Whoosh's highlighter makes (its ContextFragmenter, scorer
and formatter), without running the analyzer chain over the whole text, which
cost most of a search's time:
- candidate words are found with one regular expression per query: a Porter stem
  keeps the start of its word, so a word that stems to a query term begins with
  that term less its last two letters (texts with non-ASCII letters, where case
  folding and accent folding could disagree, take the full scan instead);
- each candidate is checked with the real chain (folded and stemmed once per
  distinct word, cached);
- only the words around a match, where the fragmenter can start, grow or end a
  fragment, are handed to Whoosh's fragmenter, scorer and formatter.
"""
from __future__ import annotations

import re

from whoosh import highlight
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter

from index.whoosh_internals import cached_stemmer

LEAD_CHARS = 240
# Slack around the reach of a match (a word's length, spaces and punctuation) so that
# no word the fragmenter would look at is left out.
MARGIN = 40
NON_ASCII_LETTER = re.compile(r"(?![\x00-\x7f])\w")
MAX_CACHED_WORDS = 200_000

MATCH_START, MATCH_END = "\ue000", "\ue001"  # marks around matched words in snippets


class MarkFormatter(highlight.Formatter):
    """Plain text with private-use marks around matches; the caller escapes and styles."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MATCH_START + highlight.get_text(text, token, replace) + MATCH_END


def strip_marks(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_END, "")


class LightToken:
    """What the fragmenter, scorer and formatter read of a token."""

    __slots__ = ("text", "startchar", "endchar", "matched", "boost")

    def __init__(self, text, startchar, endchar, matched):
        self.text, self.startchar, self.endchar, self.matched, self.boost = text, startchar, endchar, matched, 1.0

    def copy(self):
        return LightToken(self.text, self.startchar, self.endchar, self.matched)


class SnippetMaker:
    def __init__(self, analyzer, highlighter: highlight.Highlighter):
        tokenizer, lowercase, charset, stemmer = analyzer.items  # index.schema.text_analyzer's chain
        assert isinstance(tokenizer, RegexTokenizer) and isinstance(lowercase, LowercaseFilter)
        assert isinstance(charset, CharsetFilter) and isinstance(stemmer, StemFilter)
        self.words = tokenizer.expression
        self.charmap = charset.charmap
        self.stem = cached_stemmer(stemmer)  # the filter's own cached stemmer
        self.ignore = stemmer.ignore
        self.fragmenter = highlighter.fragmenter
        self.formatter = highlighter.formatter
        self._terms: dict[str, str] = {}
        self._candidates: dict[frozenset, re.Pattern] = {}

    def term(self, word: str) -> str:
        term = self._terms.get(word)
        if term is None:
            folded = word.lower().translate(self.charmap)
            term = folded if folded in self.ignore else self.stem(folded)
            if len(self._terms) < MAX_CACHED_WORDS:
                self._terms[word] = term
        return term

    def snippet(self, text: str, query_terms: frozenset[str], top: int = 2) -> str:
        text = strip_marks(text)
        if query_terms:
            fragments = self._fragments(text, query_terms)
            fragments = highlight.top_fragments(fragments, top, highlight.BasicFragmentScorer(), highlight.FIRST)
            if fragments:
                return self.formatter(text, fragments)
        lead = text[:LEAD_CHARS]
        return lead if len(text) <= LEAD_CHARS else lead.rsplit(" ", 1)[0] + " …"

    def _matches(self, text: str, query_terms: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every word whose term is a query term."""
        if NON_ASCII_LETTER.search(text):
            return [m.span() for m in self.words.finditer(text) if self.term(m.group()) in query_terms]
        found = []
        for candidate in self._candidate_pattern(query_terms).finditer(text):
            word = self.words.match(text, candidate.start())
            if word and self.term(word.group()) in query_terms:
                found.append(word.span())
        return found

    def _candidate_pattern(self, query_terms: frozenset[str]) -> re.Pattern:
        pattern = self._candidates.get(query_terms)
        if pattern is None:
            starts = sorted({t[:max(1, len(t) - 2)] for t in query_terms}, key=len, reverse=True)
            # A word starts where no word character (or "x." of a dotted word like "u.s") precedes it.
            pattern = re.compile(r"(?<!\w)(?<!\w\.)(?:" + "|".join(map(re.escape, starts)) + ")", re.IGNORECASE)
            if len(self._candidates) > 1000:
                self._candidates.clear()
            self._candidates[query_terms] = pattern
        return pattern

    def _fragments(self, text: str, query_terms: frozenset[str]) -> list:
        matches = self._matches(text, query_terms)
        if not matches:
            return []
        fragmenter = self.fragmenter
        windows: list[list[int]] = []
        for start, end in matches:
            # A fragment starts at most `surround` characters before its first match and is at
            # most `maxchars` long; anything further away cannot change it.
            start, end = start - fragmenter.surround - MARGIN, end + fragmenter.maxchars + MARGIN
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        matched = {start for start, _ in matches}
        fragments = []
        for start, end in windows:
            start = self._word_boundary(text, max(0, start))
            tokens = []
            for word in self.words.finditer(text, start, min(len(text), end)):
                s, e = word.span()
                if fragmenter.charlimit and e > fragmenter.charlimit:
                    break
                tokens.append(LightToken(self.term(word.group()), s, e, s in matched))
            fragments.extend(fragmenter.fragment_tokens(text, tokens))
        return fragments

    @staticmethod
    def _word_boundary(text: str, position: int) -> int:
        """Back to where the tokenizer would start a word, so the window tokenizes as the whole text does."""
        while position > 0 and (text[position - 1].isalnum() or text[position - 1] in "._"):
            position -= 1
        return position
