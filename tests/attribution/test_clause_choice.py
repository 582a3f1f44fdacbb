"""Which clause credits a quotation when a sentence holds several, and runs of quotations that
share one clause."""
from __future__ import annotations

from quote_helpers import speakers


def test_split_quote_keeps_its_speaker(quotes_of):
    body = "“No one is threatening anyone,” Peskov said, “it would be madness.”"
    assert speakers(quotes_of(body)) == ["Peskov", "Peskov"]


def test_two_quotes_before_one_cue(quotes_of):
    body = "“No one is threatening anyone”, “it would be madness”, assured Dmitri Peskov on CNN."
    assert speakers(quotes_of(body)) == ["Dmitri Peskov", "Dmitri Peskov"]


def test_a_cue_after_the_quotation_wins_over_one_across_a_dash(quotes_of):
    body = ("If foreign hackers are behind the leaks — as researchers believe, but Moscow strongly denies — "
            "“why would you not raise it?” asked Lindqvist, now a partner at a firm. "
            "“I think it is only prudent.”")
    assert speakers(quotes_of(body)) == ["Lindqvist", "Lindqvist"]


def test_a_clause_opening_the_next_quotation_is_not_the_previous_ones(quotes_of):
    body = "Mary Lee responds to Tom Baker with, “Why now? Why today?” Baker then writes back, “You look great.”"
    assert speakers(quotes_of(body)) == ["Mary Lee", "Tom Baker"]


def test_a_clause_opened_by_while_has_a_speaker_of_its_own(quotes_of):
    (q,) = quotes_of("Louisiana Gov. Bobby Jandal on Monday signed an order to block the plan, while Mike Huckster, "
                     "the former Arkansas governor, proposed we \"wake up and smell the coffee\" and said the "
                     "speaker should resign.")
    assert q.speaker == "Mike Huckster"
    quotes = quotes_of("Sen. Kelly Ayrton’s campaign, for example, said she would “support the nominee” but "
                       "“is not planning to endorse anyone,” while Rep. Louis Gomer suggested he would only "
                       "offer conditional support.")
    assert "Louis Gomer" not in speakers(quotes)


def test_a_cue_then_a_time_then_that_owns_the_quotation(quotes_of):
    (q,) = quotes_of("But even as Tom Dorning claimed on Tuesday that “General Vance got in trouble for far less,” "
                     "one of the former prosecutors for David Vance said the two cases were quite different.")
    assert q.speaker == "Tom Dorning"


def test_a_cue_that_took_one_quotation_leaves_the_next_to_someone_else(quotes_of):
    quotes = quotes_of("And, in a clip that U.S. District Judge Michael W. Mosley called \"distasteful,\" Sandoval "
                       "expressed a desire to \"try, convict and shoot\" the senator.")
    assert speakers(quotes) == ["Michael W. Mosley", None]
    # the same clause keeps a list of its own partial quotations
    quotes = quotes_of("Prime Minister Ana Soto spoke on Monday. She pledged \"cooperation\" toward shared goals, "
                       "a \"deep and sincere\" bond, and a \"close relationship\" between the two countries.")
    assert speakers(quotes) == ["Ana Soto", "Ana Soto", "Ana Soto"]
