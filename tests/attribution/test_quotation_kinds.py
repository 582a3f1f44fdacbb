"""Partial quotations, titles and scare quotes: what credits nobody without a cue."""
from __future__ import annotations

from quote_helpers import speakers


def test_partial_quote_linked_by_a_cue(quotes_of):
    (q,) = quotes_of("Mayor Tom Baker said the plan was “a disaster” for the city.")
    assert q.speaker == "Tom Baker"
    assert q.partial


def test_scare_quotes_without_a_cue_get_no_speaker(quotes_of):
    body = "Tom Baker arrived late. The agents were sent to carry out “sabotage” operations."
    (q,) = quotes_of(body)
    assert q.speaker is None
    assert q.confidence == 0.0


def test_titles_get_no_speaker(quotes_of):
    body = "Senator Ted Cruz said on Sunday’s “Meet the Press” that he would stay in the race."
    (q,) = quotes_of(body)
    assert q.speaker is None


def test_words_after_a_cue_are_no_title(quotes_of):
    body = "Tom Baker spoke in Ohio. He said “The Voters” and swears they love him."
    assert speakers(quotes_of(body)) == ["Tom Baker"]
