"""Reporting clauses: a cue ("said", "warned", "according to") with a speaker phrase on one side
of it, among the tokens outside quotations.
"""
from __future__ import annotations

from archive.attribution.phrases import apposed_name, left_np, named_right_np, owned_utterance, right_np
from archive.attribution.shapes import Clause
from archive.attribution.subjects import contrast_subject, sentence_subject
from archive.attribution.token_view import (
    TokenView,
    hyphenated,
    is_capitalized,
    is_punct,
    lower_at,
    mentions_between,
    outside_quotes,
    spaced,
)
from archive.entities.descriptions import opens_sentence
from archive.lexicon.cues import CUE_WORDS, NAMING_CUES, NEVER_INVERTED, TWO_WORD_CUES
from archive.lexicon.function_words import (
    AUXILIARIES,
    BETWEEN_WORDS,
    DETERMINERS,
    INDEFINITE,
    MODALS,
    NOT_REPORTING_BEFORE,
    PASSIVE_BEFORE,
)
from archive.lexicon.punctuation import CLAUSE_DASHES, DASHES, POSSESSIVE_TOKENS, QUOTE_CHARS
from archive.lexicon.utterances import AUTHORING_PARTICIPLES, DOCUMENT_NOUNS, UTTERANCE_NOUNS, WRITTEN_NOUNS


# Every word a reporting clause can start at (below): the others are passed over at once.
_CLAUSE_WORDS = frozenset(CUE_WORDS | {"according", "words", "read", "reads"}
                          | {verb for verb, _ in TWO_WORD_CUES})


def skip_between_left(t: TokenView, cue: int, lo: int) -> int:
    """Index just after the speaker phrase, skipping "also", "has", "later" before the cue."""
    j = cue
    while j - 1 >= lo and (lower_at(t, j - 1) in BETWEEN_WORDS
                           or t.words[j - 1].endswith("ly") and t.words[j - 1].islower()
                           or t.doc[j - 1].ent_type_ in ("DATE", "TIME") and j - 1 > lo
                           and lower_at(t, j - 2) in BETWEEN_WORDS | {"on"}):
        j -= 1  # "Priebus later Thursday told", "Trump on Tuesday said"
        if cue - j > 3:
            break
    return j


def reporting_clauses(t: TokenView, lo: int, hi: int) -> list[Clause]:
    """Reporting clauses among tokens [lo, hi) outside quotations."""
    found = []
    i = lo
    while i < hi:
        lower = lower_at(t, i)
        if lower not in _CLAUSE_WORDS or not outside_quotes(t, i):
            i += 1
            continue
        if lower == "according" and i + 1 < hi and lower_at(t, i + 1) == "to":
            np = _document_author(t, i + 2, hi) or right_np(t, i + 2, hi)
            if np:
                found.append(Clause(i, i + 2, *np))
            i += 2
            continue
        if lower == "words" and i + 2 < hi and lower_at(t, i + 1) == "of" and i - 2 >= lo \
                and lower_at(t, i - 1) == "the" and lower_at(t, i - 2) == "in":
            np = right_np(t, i + 2, hi)  # "In the words of Hillary Clinton, “…”"
            if np:
                found.append(Clause(i, i + 2, *np))
            i += 2
            continue
        if lower in ("read", "reads") and (author := _author_of_document_before(t, i, lo)):
            found.append(Clause(i, i + 1, *author))  # "The statement from Sen. Bernie Sanders read:"
            i += 1
            continue
        two_words = i + 1 < hi and (lower, lower_at(t, i + 1)) in TWO_WORD_CUES
        if lower not in CUE_WORDS and not two_words:
            i += 1
            continue
        if t.words[i][:1].isupper() and i > 0 and t.sentence_of[i - 1] == t.sentence_of[i] \
                and (is_capitalized(t.words[i - 1]) or lower_at(t, i - 1) in DETERMINERS):
            i += 1  # "the Washington Post", "the Drudge Report": a name, not a verb ("…, Tweeted" is one)
            continue
        if hyphenated(t, i):
            i += 1  # "a counter-attack", "the so-called “reform”": part of a word, not a verb
            continue
        if owned_utterance(t, i, lo):
            i += 1  # "From Bush's Facebook post:", "the campaign's tweet": a noun
            continue
        if lower in NAMING_CUES and _names_something(t, i + 1, hi):
            i += 1  # "a super PAC called Future 45 ran ads": a name given, not words said
            continue
        if lower.startswith("continu") and i + 1 < hi and lower_at(t, i + 1) == "to":
            i += 1  # "Baker continued to hurt his cause": going on doing, not going on talking
            continue
        cue_end = i + 2 if two_words else i + 1
        if lower.endswith("ed") and cue_end + 1 < hi and lower_at(t, cue_end) == "by" \
                and not any(lower_at(t, x).endswith("ing") for x in range(cue_end + 1, min(hi, cue_end + 3))):
            i += 1  # "His sentence, criticised by Reporters Without Borders, …": passive, nobody's
            continue  # report; but "Clinton responded by (first) saying"
        before = skip_between_left(t, i, lo)
        prev = lower_at(t, before - 1) if before - 1 >= lo else ""
        if lower.endswith("ing") and prev in ("by", "while", "before", "after", "when", "in"):
            np = sentence_subject(t, i)  # "Obama ended his list by saying “Too many.”"
            if np is not None:
                found.append(Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        if prev in PASSIVE_BEFORE and lower.endswith("ing"):
            before -= 1  # "is saying": progressive, not passive
            before = skip_between_left(t, before, lo)
            prev = lower_at(t, before - 1) if before - 1 >= lo else ""
        elif lower.endswith("ing") and _after_utterance_noun(t, before, lo) \
                or prev == "that" and lower in ("said", "says", "read", "reads", "stated", "states") \
                and before - 2 >= lo and lower_at(t, before - 2) in UTTERANCE_NOUNS | WRITTEN_NOUNS:
            # "she released a statement saying, “…”", "Baker released a video that said, “…”"
            np = sentence_subject(t, i)
            if np is not None:
                found.append(Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        elif lower.endswith("ing") and not (before - 1 >= lo and _ends_with_comma(t, before - 1)):
            np = _with_subject(t, before, lo)
            if np is not None:  # "…, with Brennan noting the folly of “…”"
                found.append(Clause(i, cue_end, *np))
            i += 1  # "results in Kasich claiming the nomination": a participle, not a report
            continue
        elif prev == "who" and not lower.endswith("ing") and (named := _named_before_who(t, before - 1, lo)):
            found.append(Clause(i, cue_end, *named))  # "Mike Lee, who declared, “…”"
            i += 1
            continue
        elif prev in PASSIVE_BEFORE or (prev in NOT_REPORTING_BEFORE and not _capitalized_modal(t, before - 1)):
            i += 1
            continue
        if prev in DETERMINERS or (before - 1 >= lo and t.words[before - 1] in POSSESSIVE_TOKENS):
            i += 1  # a noun: "the report", "Russian demands" is caught by _has_head
            continue
        np = None
        if lower.endswith("ing") and before - 1 >= lo and _ends_with_comma(t, before - 1):
            reporter = _reporting_clause_before(t, before - 1, lo)
            if reporter is not None:  # "“…,” Law said, noting that …"
                found.append(Clause(i, cue_end, reporter.np_start, reporter.np_end))
                i += 1
                continue
            np = sentence_subject(t, i)  # "Cruz was critical, telling Breitbart: “...”"
            if np is not None:
                found.append(Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        prev_is_word = before - 1 >= lo and outside_quotes(t, before - 1) and not is_punct(t.words[before - 1])
        if prev_is_word and prev not in ("and", "but", "or", "then"):
            np = left_np(t, before, lo)
            if np is not None and np[0] - 2 >= lo and lower_at(t, np[0] - 1) in ("is", "was") \
                    and lower_at(t, np[0] - 2) == "who":  # "Katie Packer, who is chairman of X said"
                np = _named_before_who(t, np[0] - 2, lo) or np
            if np is None or not any(not m.possessive for m in mentions_between(t, *np)):
                np = apposed_name(t, before, lo, unclosed=True) or np
        elif before - 1 >= lo and (t.words[before - 1] in (",", ")") or t.words[before - 1] in DASHES
                                   and spaced(t, before - 1)) and before - 2 >= lo and outside_quotes(t, before - 2):
            np = named_right_np(t, cue_end, hi) if lower not in NEVER_INVERTED and before == i else None
            np = np or left_np(t, before, lo)  # "Peskov, 54, said" unless "…, said Grant Green"
            if np is None or not any(not m.possessive for m in mentions_between(t, *np)):
                np = apposed_name(t, before - 1, lo) or np  # "Harry Bond, 30, of Raleigh, N.C., who …, said"
        after_quote_or_comma = before - 1 >= 0 and (
            t.quote_of[before - 1] >= 0 or t.words[before - 1] in (",", ":", ";")
            or t.words[before - 1] in CLAUSE_DASHES)
        opens_sentence = before == i and (i == 0 or t.sentence_of[i - 1] != t.sentence_of[i]) \
            and t.words[i][:1].isupper()  # "Said Dorothy Poynter, “...”"
        if lower.endswith("ing"):
            pass
        elif np is None and prev in ("and", "but", "then"):
            np = contrast_subject(t, i) or sentence_subject(t, i, roles=True)  # "Wilson praised Rubio and said …"
            if np is not None:
                found.append(Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        elif np is None and lower not in NEVER_INVERTED and (after_quote_or_comma and not prev_is_word or opens_sentence):
            np = _document_author(t, cue_end, hi) or right_np(t, cue_end, hi)
            if np is not None and np[1] < hi and lower_at(t, np[1]) in AUXILIARIES:
                np = None  # "…, said his boss was “kind”": what was said, not who said it
        if np is not None:
            found.append(Clause(i, cue_end, *np))
        i += 1
    return found


def _with_subject(t: TokenView, before: int, lo: int) -> tuple[int, int] | None:
    """The named person after "with" who does what a participle at `before` says: "with
    Brennan noting …"."""
    np = left_np(t, before, lo)
    if np is None or np[0] - 1 < lo or lower_at(t, np[0] - 1) != "with" \
            or not any(not m.possessive for m in mentions_between(t, *np)):
        return None
    return np


def _names_something(t: TokenView, start: int, hi: int) -> bool:
    """Whether a name starts at `start` and a sentence goes on after it, with no quotation
    close by: "called Future 45 ran its ads", not "called Haley “weak”"."""
    end = start
    while end < hi and outside_quotes(t, end) and (is_capitalized(t.words[end]) or t.words[end].isdigit()):
        end += 1
    if end == start or end >= hi or not t.words[end].isalpha() or not t.words[end].islower():
        return False
    return not any(t.quote_of[x] >= 0 for x in range(end, min(len(t.doc), end + 4)))


def _document_author(t: TokenView, start: int, hi: int) -> tuple[int, int] | None:
    """The author's phrase when a quotation is credited to what they put out: "a statement from
    Senator Mark Dillon", "a court document filed Monday by state attorney Dave Aronberg"."""
    i = start + 1 if start < hi and lower_at(t, start) in INDEFINITE | {"the"} else start
    noun = next((j for j in range(i, min(hi, i + 3)) if lower_at(t, j) in DOCUMENT_NOUNS), None)
    if noun is None or not all(t.words[j].isalpha() for j in range(i, noun)):
        return None
    k = noun + 1
    authored = k < hi and lower_at(t, k) in AUTHORING_PARTICIPLES
    if authored:
        k += 1
        while k < hi and k - noun < 5 and t.doc[k].ent_type_ in ("DATE", "TIME"):
            k += 1  # "released Friday by"
    if k + 1 >= hi or not (lower_at(t, k) == "by" and authored or lower_at(t, k) == "from" and not authored):
        return None
    return right_np(t, k + 1, hi)


def _author_of_document_before(t: TokenView, verb: int, lo: int) -> tuple[int, int] | None:
    """The author named in the phrase before "read": "The statement from Sen. Bernie Sanders read"."""
    start = t.sentence_starts[t.sentence_of[verb]]
    for j in range(max(lo, start, verb - 10), verb):
        if lower_at(t, j) in INDEFINITE | {"the"} and j + 1 < verb and outside_quotes(t, j):
            np = _document_author(t, j, verb)
            if np is not None and np[1] == verb:
                return np
    return None


def _after_utterance_noun(t: TokenView, before: int, lo: int) -> bool:
    """ "a statement saying", "a statement Thursday night condemning “…”": whether something
    said or written stands up to three words before token `before` (a cue's first word)."""
    for i in range(before - 1, max(lo, before - 4) - 1, -1):
        if lower_at(t, i) in UTTERANCE_NOUNS | WRITTEN_NOUNS:
            return True
        if not outside_quotes(t, i) or is_punct(t.words[i]) or lower_at(t, i) in ("that", "which", "who"):
            return False
    return False


def _named_before_who(t: TokenView, who: int, lo: int) -> tuple[int, int] | None:
    """The name a relative "who" stands for: "from Mike Lee, who declared …"."""
    if who - 2 < lo or t.words[who - 1] != ",":
        return None
    for m in mentions_between(t, max(lo, who - 6), who - 1):
        if m.token_end == who - 1 and not m.possessive:
            return m.token_start, m.token_end
    return None


def _reporting_clause_before(t: TokenView, comma: int, lo: int) -> Clause | None:
    """The clause "Law said" ending right before the comma of "Law said, noting …"."""
    j = comma
    if t.words[j] in QUOTE_CHARS:
        j -= 1  # "needled the “reporter,” saying"
    if j - 1 < lo or lower_at(t, j - 1) not in CUE_WORDS or lower_at(t, j - 1).endswith("ing"):
        return None
    clauses = [c for c in reporting_clauses(t, max(lo, j - 12), j) if c.cue_end == j and c.np_end <= c.cue_start]
    return clauses[-1] if clauses else None


def _capitalized_modal(t: TokenView, i: int) -> bool:
    """ "“…,” Will wrote": a capitalized "Will" before a cue is George Will, not the future."""
    return i >= 0 and t.words[i][:1].isupper() and lower_at(t, i) in MODALS


def _ends_with_comma(t: TokenView, i: int) -> bool:
    """A comma, or a quotation closing on one: "needled the “reporter,” saying"."""
    if t.words[i] == ",":
        return True
    return t.words[i] in QUOTE_CHARS and i > 0 and t.words[i - 1] == ","
