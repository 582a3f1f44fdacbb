"""The parse: sentences whose quotation the rules cannot credit are parsed, and the subject of
the verb the quotation hangs on is the speaker."""
from __future__ import annotations

from quote_helpers import speakers


def test_parse_finds_the_subject_of_a_verb_that_is_no_cue(quotes_of):
    body = "After the attacks, Mayor Tom Baker issued a statement, “Last night, our city was attacked by terrorists.”"
    (q,) = quotes_of(body)
    assert q.speaker == "Tom Baker"
    assert q.cue == "issued"


def test_parse_reads_an_inverted_verb_that_is_no_cue(quotes_of):
    (q,) = quotes_of("“What sport is he talking about? Is the president profiling?” reacted Tom Baker.")
    assert q.speaker == "Tom Baker"


def test_parse_credits_no_one_for_a_title_or_a_scare_quote(quotes_of):
    body = ("Maria Lopez starred in the film “Trainwreck.” Tom Baker arrived late. "
            "The agents were sent to carry out “sabotage” operations.")
    assert speakers(quotes_of(body)) == [None, None]


def test_parse_relative_who_is_the_noun_it_hangs_on(quotes_of):
    (q,) = quotes_of("Senator Tim Scott, who has called the remarks “racially toxic,” spoke on Sunday.")
    assert q.speaker == "Tim Scott"


def test_the_subject_of_reported_speech_is_not_the_speaker(quotes_of):
    body = ("Tom Baker held a rally in Ohio on Friday. Democratic front-runner Mary Jones, also campaigning in "
            "Ohio, said Baker is responsible for what happens at his rallies and accused him of "
            "“inciting violent behavior.”")
    assert speakers(quotes_of(body)) == ["Mary Jones"]


def test_a_capitalized_word_the_parse_finds_is_still_no_speaker(quotes_of):
    body = ("Estimates of civic engagement are problematic: “All the samples include more engaged people.”\n\n"
            "Estimates of turnout are worse, “by a wide margin.”")
    assert speakers(quotes_of(body)) == [None, None]


def test_a_fragment_in_the_first_person_is_someones_words(quotes_of):
    body = "Tom Baker spoke after the shooting.\n\nHe offered “my thoughts and prayers for all of the families.”"
    assert speakers(quotes_of(body)) == ["Tom Baker"]
