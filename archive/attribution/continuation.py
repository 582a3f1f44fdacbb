"""The passes after the clauses: a quotation with no clause of its own continues the previous
speaker, or belongs to the one the sentence before it reports or describes.
"""
from __future__ import annotations

import bisect
import re

from archive.attribution.clauses import reporting_clauses, skip_between_left
from archive.attribution.kinds import has_lowercase, is_partial, says_something, whole_paragraph
from archive.attribution.shapes import Attribution, Clause
from archive.attribution.speakers.resolver import Resolver
from archive.attribution.subjects import sentence_subject
from archive.attribution.token_view import TokenView, lower_at, mentions_between
from archive.lexicon.cues import BELIEF_VERBS, CUE_WORDS
from archive.lexicon.pronouns import FIRST_PERSON_SINGULAR, GENDERED_PRONOUNS, PERSONAL_PRONOUNS, PRONOUNS, THIRD_PERSON
from archive.lexicon.punctuation import QUOTE_CHARS, SENTENCE_END
from archive.names import fold, parse_person_name
from archive.quote_spans import QuoteSpan


def continue_speakers(t: TokenView, results: list[Attribution], subject, unnamed: bool = False) -> None:
    """“A,” he said. “B.” — B, a whole sentence with no clause, is still his. With
    `unnamed`, an unnamed source carries over as a mention: “A,” a spokesman said. “B.”"""
    text = t.text
    for qi in range(1, len(t.spans)):
        if results[qi].speaker is not None or results[qi].mention is not None:
            continue
        span = t.spans[qi]
        if is_partial(text, span) or not says_something(text, span):
            continue
        prev = results[qi - 1]
        if prev.speaker is None and (not unnamed or prev.mention is None):
            continue
        prev_span = t.spans[qi - 1]
        between = text[prev_span.end:span.start]
        if span.open_mark in ("‘", "'") and "\n" in between and whole_paragraph(text, span):
            continue  # "Sanders, who says it's “disastrous.”" / "‘Chief trade prosecutor.’": a heading
        if between.count("\n\n") > 1 or between.count("\n") > 2:
            continue
        a = bisect.bisect_left(t.starts, prev_span.end)
        b = bisect.bisect_left(t.starts, span.start)
        rivals = [m for m in mentions_between(t, a, b)
                  if m.person != prev.person and not m.possessive and subject(m.token_start)]
        if rivals or len(between.split()) > 60:
            continue
        results[qi] = Attribution(prev.speaker, prev.mention, prev.cue, round(prev.confidence * 0.8, 3),
                                  prev.person, "continued")


def after_reported_speech(t: TokenView, resolver: Resolver, results: list[Attribution]) -> None:
    """Hale said the team was tired. “We had two days to recover.” — a whole sentence
    quoted with no clause of its own, right after a sentence whose subject reports
    someone's words, is that person's."""
    text = t.text
    for qi, span in enumerate(t.spans):
        if results[qi].speaker is not None or results[qi].mention is not None:
            continue
        if is_partial(text, span) or not says_something(text, span) or not _stands_alone(t, span):
            continue
        if whole_paragraph(text, span) and (span.open_mark in ("‘", "'") or not has_lowercase(text, span)):
            continue  # 'A really tough decision.' / “GOOD DECISIONS”: a heading
        j = bisect.bisect_left(t.starts, span.start) - 1
        while j >= 0 and "\n" in t.words[j]:
            j -= 1
        if j < 0 or t.quote_of[j] >= 0 or t.words[j] not in SENTENCE_END or "?" in t.words[j]:
            continue  # "…, as Kilroy-Silk once declared?" / "“No. …”": a question, and its answer
        if text.count("\n\n", t.starts[j], span.start) > 1:
            continue
        lo = t.sentence_starts[t.sentence_of[j]]
        sentence = text[span.text_start:span.text_end].rstrip()[-1:] in (".", "!", "?") \
            or text[span.end:span.end + 1] == "."  # a whole sentence, not “Make America Great Again” resonated
        clauses = reporting_clauses(t, lo, j) or (_belief_clauses(t, lo, j) or _first_person_after_subject(t, lo, j, span)
                                         if sentence else [])
        if not clauses:
            continue
        clause = clauses[0]
        found = resolver.resolve(clause.np_start, clause.np_end, clause.cue_start)
        if found.speaker is None or found.person is None:
            continue  # "CNN reported …" introduces what others wrote
        results[qi] = Attribution(found.speaker, found.mention, t.doc[clause.cue_start:clause.cue_end].text or None,
                                  round(found.confidence * 0.7, 3), found.person, "reported")


def _belief_clauses(t: TokenView, lo: int, hi: int) -> list[Clause]:
    """ "Bortolami feels the contest could be a battle of the packs.": the sentence's subject
    right before a verb of thinking, as a clause for the quotation that follows it."""
    verb = next((i for i in range(lo, hi) if lower_at(t, i) in BELIEF_VERBS and t.quote_of[i] < 0), None)
    np = sentence_subject(t, verb) if verb is not None else None
    if np is None or skip_between_left(t, verb, lo) != np[1]:
        return []
    return [Clause(verb, verb + 1, *np)]


def _first_person_after_subject(t: TokenView, lo: int, hi: int, span: QuoteSpan) -> list[Clause]:
    """ "Collins was sixth in Athens but hopes for better this year." / "“This will be a big year
    for me.”": a quotation in the first person after a sentence whose subject is a person speaks
    for them, when no one else is named in that sentence, the subject is a person the text
    introduced, with a first name or a role ("Premiership clubs" are no one), and the quotation
    does not speak of them ("Bob became an icon." / "“In 1991 he sold more records than ever. I
    saw it.”" is someone else's)."""
    words = set(re.findall(r"[a-z’']+", t.text[span.text_start:span.text_end].lower()))
    if not words & FIRST_PERSON_SINGULAR:
        return []
    np = sentence_subject(t, hi)
    if np is None or any(not m.possessive for m in mentions_between(t, np[1], hi)):
        return []
    named = [m for m in mentions_between(t, np[0], np[1]) if not m.possessive and m.token_end == np[1]]
    if np[1] - np[0] > 1 or lower_at(t, np[0]) not in PERSONAL_PRONOUNS:
        person = t.people.persons[named[0].person] if named else None
        if person is None or not (parse_person_name(person.name).given or person.roles):
            return []  # "Premiership clubs have seen …": NER's person, and no one the text introduced
        spoken_of = {fold(w) for w in person.name.split()} | THIRD_PERSON.get(person.gender, GENDERED_PRONOUNS)
    else:
        spoken_of = THIRD_PERSON[PRONOUNS[lower_at(t, np[0])]]
    if {fold(w) for w in words} & spoken_of:
        return []
    return [Clause(np[1], np[1], *np)]


def _stands_alone(t: TokenView, span: QuoteSpan) -> bool:
    """The quotation ends its sentence: it closes on a full stop, or nothing follows it in
    its paragraph but other quotations or words with no reporting verb near their start
    (“…!” Murphy, the group's head, tweeted)."""
    text = t.text
    if text[span.text_start:span.text_end].rstrip()[-1:] == ".":
        return True
    line_end = text.find("\n", span.end)
    rest = text[span.end:len(text) if line_end < 0 else line_end].lstrip(" .,")
    if not rest or rest[0] in QUOTE_CHARS:
        return True
    k = bisect.bisect_left(t.starts, span.end)
    return not any(lower_at(t, x) in CUE_WORDS or lower_at(t, x) == "according"
                   for x in range(k, min(len(t.doc), k + 12)))


def continue_into_fragment(t: TokenView, results: list[Attribution]) -> None:
    """“A,” Bill Clinton has said. That makes her “by definition a good person.” — a fragment of
    several words quoted in the sentence right after a credited quotation, in its paragraph, with
    no one named or cued in between, is more of the same speaker's words."""
    text = t.text
    for qi in range(1, len(t.spans)):
        span, prev = t.spans[qi], results[qi - 1]
        if results[qi].speaker is not None or results[qi].mention is not None or prev.speaker is None \
                or not is_partial(text, span) or len(text[span.text_start:span.text_end].split()) < 4:
            continue
        a = bisect.bisect_left(t.starts, t.spans[qi - 1].end)
        b = bisect.bisect_left(t.starts, span.start)
        if b >= len(t.doc) or a >= b or t.sentence_of[b] - t.sentence_of[a] > 1 \
                or t.paragraph_of[a] != t.paragraph_of[b]:
            continue
        s = max(a, t.sentence_starts[t.sentence_of[b]])
        if t.quote_of[b] != qi or b - s > 12 or mentions_between(t, s, b) \
                or any(lower_at(t, i) in CUE_WORDS or t.doc[i].ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
                       for i in range(s, b)):
            continue  # a quotation inside another, a long sentence of its own, or someone else's words
        results[qi] = Attribution(prev.speaker, prev.mention, prev.cue, round(prev.confidence * 0.6, 3),
                                  prev.person, "continued")
