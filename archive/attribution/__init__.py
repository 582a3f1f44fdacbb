"""Who said it: speaker attribution for quotation spans, by rules over tokens and named
entities, with a dependency parse only for the sentences the rules leave open.

`attribute` runs the passes in order, on one screen below; a later pass fills only what the
earlier ones left open (the parse also what they credited on trust). Where a rule lives:

    shapes        what the passes hand on: a clause, an attribution, a discourse event
    token_view    the article as tokens: the quotation, sentence and paragraph of each
    phrases       speaker phrases beside a cue: "Kremlin spokesman Dmitry Peskov", "Peskov, 54,"
    subjects      a sentence's subject, when a clause's speaker is taken on trust
    clauses       reporting clauses: a cue ("said", "according to") and its speaker phrase
    layouts       a colon, a dash header, signature and tweet lines, an announced statement
    candidates    which clause credits a run of quotations, best first
    speakers/     a speaker phrase resolved to a person or a body, by family of rules:
                  names, roles, organizations, spokespeople, pronouns, the discourse
    by_clause     passes 1 and 2
    parse         pass 3: the dependency parse
    resumable     the passes run to their request for a parse and on: many articles parsed at once
    continuation  passes 4 to 7: quotations with no clause of their own
    kinds         partial quotations and titles, from the characters alone (pass 8)

The words the rules read (cues, roles, pronouns, group words) are archive.lexicon's.

Confidence (0..1) says how direct the evidence is: a name next to the quotation 0.9, a clause
elsewhere in the sentence less, a pronoun 0.75-0.85, a description 0.7, a continued speaker
0.8 of the one it continues, a quotation after reported speech 0.7 of that sentence's speaker,
a speaker found by the parse 0.8 of what its phrase resolves to.
"""
from __future__ import annotations

from archive.attribution.by_clause import credit_by_clauses, note_who_talks
from archive.attribution.continuation import after_reported_speech, continue_into_fragment, continue_speakers
from archive.attribution.kinds import is_partial, is_title, uncredit_titles
from archive.attribution.parse import attribute_by_parse
from archive.attribution.resumable import run
from archive.attribution.shapes import Attribution
from archive.attribution.speakers import Resolver
from archive.attribution.token_view import token_view
from archive.entities import People
from archive.quote_spans import QuoteSpan

__all__ = ["Attribution", "attribute", "attribution_steps", "is_partial", "is_title"]


def attribute(doc, spans: list[QuoteSpan], people: People, parse=None) -> list[Attribution]:
    """One Attribution per span, in the order of `spans`.

    parse: a function from sentence strings to their dependency-parsed spaCy Docs
    (archive.nlp.parse_sentences); when given, the sentences of quotations the rules
    left without a speaker are parsed and the subject of the verb the quotation
    hangs on is tried.
    """
    return run(attribution_steps(doc, spans, people, parsing=parse is not None), parse)


def attribution_steps(doc, spans: list[QuoteSpan], people: People, parsing: bool = True):
    """`attribute` as steps (archive.attribution.resumable): when parsing, it yields the
    sentences it wants parsed, at most once, is sent their Docs, and returns the Attributions."""
    results = [Attribution() for _ in spans]
    if not spans or len(doc) == 0:
        return results
    people = People(list(people.persons), people.mentions)  # speakers NER missed are added to a copy
    t = token_view(doc, spans, people)
    resolver = Resolver(t)  # who the text is about, as it goes
    note_who_talks(t, resolver)  # 1. every reporting clause: who talks there
    guessed = credit_by_clauses(t, resolver, results)  # 2. each run of quotations: its clause
    if parsing:
        yield from attribute_by_parse(t, resolver, results, guessed)  # 3. the parse, for what is left open
    continue_speakers(t, results, resolver.is_subject)  # 4. “A,” he said. “B.”
    after_reported_speech(t, resolver, results)  # 5. Hale said the team was tired. “We …”
    continue_speakers(t, results, resolver.is_subject, unnamed=True)  # 6. “A,” a spokesman said. “B.”
    continue_into_fragment(t, results)  # 7. “A,” Clinton said. That makes her “a good person.”
    uncredit_titles(t, results)  # 8. “Meet the Press” credits nobody
    return results
