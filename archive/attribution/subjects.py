"""A sentence's subject, when the rules need the one a sentence is about rather than a phrase
next to a cue ("Cruz was critical, telling Breitbart: “…”").
"""
from __future__ import annotations

from archive.attribution.phrases import person_phrase
from archive.attribution.token_view import TokenView, contrast_at, ents_between, is_punct, lower_at, mentions_between
from archive.lexicon.function_words import (
    COMPARISONS,
    DETERMINERS,
    LEADING_CONJUNCTIONS,
    OPENING_SUBORDINATORS,
    SETTING_PREPOSITIONS,
)
from archive.lexicon.punctuation import POSSESSIVE_TOKENS


def sentence_subject(t: TokenView, token: int, roles: bool = False) -> tuple[int, int] | None:
    """The phrase a sentence starts with, when it names a person or is "he"/"she" (or, with
    `roles`, is headed by a role: "A spokesman for the firm declined to comment but said").

    An opening phrase set off by a comma is passed over: "In a statement Thursday,
    Rep. Jane Roe reacted, saying: …".
    """
    s = t.sentence_starts[t.sentence_of[token]]
    while s < token and (is_punct(t.words[s]) or t.quote_of[s] >= 0 or lower_at(t, s) in LEADING_CONJUNCTIONS):
        s += 1
    np = person_phrase(t, s, token, roles) if lower_at(t, s) not in COMPARISONS else None  # "Like Corker, Menendez"
    if np is not None:
        return np
    setting = False  # inside an opening place or time: "At an event in Ames, Iowa, on Sunday, Mrs. Clinton"
    for _ in range(4):  # "Last spring, when I asked Irwin whether …, he smiled and said"
        comma = next((i for i in range(s, min(token, s + 20)) if t.words[i] == ","), None)
        if comma is None or any(t.quote_of[i] >= 0 for i in range(s, comma)):
            return None
        if mentions_between(t, s, comma) and (setting or lower_at(t, s) not in OPENING_SUBORDINATORS | COMPARISONS):
            return None  # "Wallace, who died in 1998, …": the name is the subject; "When Wallace died, Clinton …"
        np = person_phrase(t, comma + 1, token)
        setting = setting or lower_at(t, s) in SETTING_PREPOSITIONS
        if np is not None or lower_at(t, comma + 1) not in OPENING_SUBORDINATORS \
                and not (setting and _place_or_time_until_comma(t, comma + 1, token)):
            return np
        s = comma + 1
    return None


def _place_or_time_until_comma(t: TokenView, start: int, token: int) -> bool:
    """Whether the words from `start` to the next comma only say where or when: "Iowa", "on Sunday"."""
    end = next((x for x in range(start, token) if t.words[x] == ","), None)
    return end is not None and end > start and all(
        t.doc[i].ent_type_ in ("GPE", "LOC", "DATE", "TIME") or lower_at(t, i) in ("on", "in", "at")
        for i in range(start, end))


def contrast_subject(t: TokenView, token: int) -> tuple[int, int] | None:
    """The person opening the last contrasting clause before `token` in its sentence: "Jandal
    signed an order, while Mike Huckster proposed … and said …" is Huckster's."""
    s = t.sentence_starts[t.sentence_of[token]]
    opening = next((i for i in range(token - 1, s, -1) if contrast_at(t, i)), None)
    return person_phrase(t, opening + 1, token) if opening is not None else None


def org_subject(t: TokenView, token: int) -> tuple[int, int] | None:
    """The organization a sentence starts with, maybe after an opening phrase: "As if addressing
    him directly, the Illinois Board of Elections was conclusive in its findings:"."""
    s = t.sentence_starts[t.sentence_of[token]]
    while s < token and (is_punct(t.words[s]) or lower_at(t, s) in LEADING_CONJUNCTIONS):
        s += 1
    comma = next((i for i in range(s, min(token, s + 20)) if t.words[i] == ","), None)
    if lower_at(t, s) not in OPENING_SUBORDINATORS:
        comma = None  # "Her call was backed by Culture, Media and Sport Secretary Tessa Jowell"
    for start in (s, comma + 1 if comma is not None else None):
        if start is None:
            continue
        starts = (start, start + 1) if lower_at(t, start) == "the" else (start,)
        ent = next((e for e in ents_between(t, start, start + 2) if e.start in starts and e.label_ == "ORG"
                    and e.end < token
                    and t.words[e.end] not in POSSESSIVE_TOKENS), None)  # "Hoff's letter makes a case:"
        if ent is not None:
            return start, ent.end
    return None


def opens_subject(t: TokenView, i: int) -> bool:
    """Whether token i heads a short phrase that opens a clause: "Just this week, the trade
    group …" (not "a contributor with the company")."""
    first = t.sentence_starts[t.sentence_of[i]]
    j = i - 1
    while j >= first and i - j <= 4 and t.words[j] != ",":
        j -= 1
    opens = j < first or t.words[j] == ","
    return opens and any(lower_at(t, x) in DETERMINERS for x in range(max(j + 1, first), i))
