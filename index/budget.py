"""What one search may cost: a deadline, and budgets for the work that grows with the
index rather than with the query (lexicon words looked through to expand a wildcard,
prefix, fuzzy word or range; words it expands to; postings decoded).

A SearchBudget is made for each search and handed to the steps that do that work;
they charge it as they go and it raises SearchTooCostly, a QueryError the user reads,
when any budget or the deadline is passed. Checks are cooperative: each lexicon word,
each posting block, each document a Whoosh matcher yields, each hit's snippet.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from whoosh import query as wq

SEARCH_DEADLINE_SECONDS = 2.5
# Lexicon words one search may look through to expand its patterns: a pattern that
# starts with a wildcard (`*ab`) looks through every word of its field.
MAX_TERMS_SCANNED = 50_000
# Words one pattern may stand for, and all the patterns of a search together.
MAX_TERM_EXPANSIONS = 512
MAX_EXPANDED_TERMS = 2_048
# Postings decoded from disk by one search (a posting: one document holding one term).
MAX_POSTINGS_READ = 10_000_000
# How often (in documents) a loop over a Whoosh matcher looks at the clock.
CLOCK_EVERY = 1_024


class QueryError(ValueError):
    """The query cannot be run as written; the message is for the user."""


class SearchTooCostly(QueryError):
    """The search would cost more than a search may; the message says what to change.
    `reason` is one of "scan", "expansions", "postings", "deadline"."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    deadline_seconds: float = SEARCH_DEADLINE_SECONDS
    terms_scanned: int = MAX_TERMS_SCANNED
    term_expansions: int = MAX_TERM_EXPANSIONS
    expanded_terms: int = MAX_EXPANDED_TERMS
    postings_read: int = MAX_POSTINGS_READ


UNLIMITED = Limits(deadline_seconds=float("inf"), terms_scanned=2 ** 62, term_expansions=2 ** 62,
                   expanded_terms=2 ** 62, postings_read=2 ** 62)


def pattern_text(node) -> str:
    """A pattern node as the user would have typed it, near enough to name it in a message."""
    if isinstance(node, wq.TermRange):
        return f"{node.fieldname.removesuffix('_names')}:[{node.start or ''} TO {node.end or ''}]"
    text = str(getattr(node, "text", ""))
    if isinstance(node, wq.Prefix):
        text += "*"
    fieldname = getattr(node, "fieldname", None)
    if fieldname in (None, "title", "body", "text"):  # the fields a word without a field searches
        return text
    return f"{fieldname.removesuffix('_names')}:{text}"  # `speaker:` searches speaker_names


def beginning_hint(text: str) -> str:
    """'ab*' for '*ab': the advice for a pattern that starts with a wildcard."""
    letters = text.split(":", 1)[-1].strip("*?")
    return f"{letters}*" if letters and not any(c in letters for c in "*?") else "a few letters then *"


class SearchBudget:
    """The costs one search has run up so far, against its Limits."""

    def __init__(self, limits: Limits = Limits()):
        self.limits = limits
        self.deadline = time.monotonic() + limits.deadline_seconds
        self.scanned = 0
        self.postings = 0

    @classmethod
    def unlimited(cls) -> SearchBudget:
        return cls(UNLIMITED)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SearchTooCostly(f"This search took too long (over {self.limits.deadline_seconds:g} s); "
                                  f"make it more specific: fewer wildcards, ranges or very common words.",
                                  "deadline")

    def scan(self, node) -> None:
        """One more lexicon word looked through to expand this query node."""
        self.scanned += 1
        if self.scanned > self.limits.terms_scanned:
            text = pattern_text(node)
            starts_open = text.split(":", 1)[-1][:1] in ("*", "?")
            advice = f"give it a beginning, e.g. '{beginning_hint(text)}'" if starts_open \
                else "make it more specific"
            raise SearchTooCostly(f"'{text}' would have to look through more than {self.limits.terms_scanned:,} "
                                  f"words; {advice}.", "scan")
        if self.scanned % 256 == 0:
            self.check_time()

    def check_expansions(self, node, words: int, all_words: int) -> None:
        """This node stands for `words` distinct words so far; all the search's patterns for `all_words`."""
        if words > self.limits.term_expansions:
            raise SearchTooCostly(f"'{pattern_text(node)}' matches more than {self.limits.term_expansions:,} "
                                  f"different words; make it more specific.", "expansions")
        if all_words > self.limits.expanded_terms:
            raise SearchTooCostly(f"The patterns of this search match more than {self.limits.expanded_terms:,} "
                                  f"different words together; use fewer or more specific ones.", "expansions")

    def read(self, postings: int) -> None:
        """`postings` more postings decoded."""
        self.postings += postings
        if self.postings > self.limits.postings_read:
            raise SearchTooCostly(f"This search would read more than {self.limits.postings_read:,} postings "
                                  f"of the index; make it more specific: fewer wildcards or very common words.",
                                  "postings")
        self.check_time()
