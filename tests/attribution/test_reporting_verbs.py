"""The one list of reporting verbs: every form of each is a cue and never a word of a name,
save the forms the lexicon says are no cue."""
from __future__ import annotations

import pytest
from quote_helpers import speakers

from archive.lexicon.cues import CUE_WORDS, NOT_CUE_FORMS, NOT_NAME_VERBS, SURNAME_FORMS, inflections


@pytest.mark.parametrize("verb, forms", [
    ("agree", {"agree", "agrees", "agreed", "agreeing"}),
    ("say", {"say", "says", "said", "saying"}),
    ("write", {"write", "writes", "wrote", "written", "writing"}),
    ("quip", {"quip", "quips", "quipped", "quipping"}),
    ("concur", {"concur", "concurs", "concurred", "concurring"}),
    ("label", {"label", "labels", "labeled", "labelled", "labeling", "labelling"}),
    ("deny", {"deny", "denies", "denied", "denying"}),
    ("stress", {"stress", "stresses", "stressed", "stressing"}),
    ("echo", {"echo", "echoes", "echoed", "echoing"}),
    ("note", {"note", "notes", "noted", "noting"}),
])
def test_inflections_are_the_verbs_real_forms(verb, forms):
    assert inflections(verb) == forms


def test_a_cue_is_never_a_word_of_a_name():
    assert CUE_WORDS - SURNAME_FORMS <= NOT_NAME_VERBS
    assert not CUE_WORDS & NOT_CUE_FORMS


def test_every_form_of_a_reporting_verb_is_a_cue(quotes_of):
    body = "“We will build the bridge by spring,” Mayor Anna Berg was promising the crowd on Friday."
    assert speakers(quotes_of(body)) == ["Anna Berg"]


def test_agree_of_a_group_leaves_the_dash_header_its_speaker(quotes_of):
    body = "Economists agree - Petra Lund: “The rates will stay where they are until the summer.”"
    assert speakers(quotes_of(body)) == ["Petra Lund"]


def test_a_crowd_chanting_is_not_the_sentence_subject_speaking(quotes_of):
    body = ("Governor Ruth Ames spoke near the plant, where about 40 workers had gathered, "
            "chanting “fair pay now” before the shift.")
    assert speakers(quotes_of(body)) == [None]
