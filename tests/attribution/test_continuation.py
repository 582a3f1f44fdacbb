"""Quotations with no clause of their own: the previous speaker's, or the one the sentence before
reports or describes."""
from __future__ import annotations

from quote_helpers import speakers


def test_a_following_sentence_continues_the_speaker(quotes_of):
    body = "“We tried,” Mayor Tom Baker said. “We will try again next year.”"
    assert speakers(quotes_of(body)) == ["Tom Baker", "Tom Baker"]


def test_a_lone_title_does_not_continue_a_speaker(quotes_of):
    body = "“We are ready,” said Tom Baker. He stars in the series “Bloodline,” which returns soon."
    assert speakers(quotes_of(body)) == ["Tom Baker", None]


def test_agreed_in_the_sentence_before(quotes_of):
    body = ("“They are out of time,” said Craig Robinson, an editor. Iowa State University's Dianne Bystrom agreed. "
            "“Mainstream Republicans are running out of time.”")
    assert speakers(quotes_of(body)) == ["Craig Robinson", "Dianne Bystrom"]


def test_a_heading_in_single_quotes_does_not_continue_a_speaker(quotes_of):
    body = ("Contrast that with Sanders, who says it is “disastrous.”\n\n‘Chief trade prosecutor.’\n\n"
            "Clinton wobbles on trade.")
    assert speakers(quotes_of(body)) == ["Sanders", None]


def test_a_quotation_after_reported_speech_is_the_reporters(quotes_of):
    (q,) = quotes_of('Coach Martin Hale said the team was exhausted after the long trip. "We had two days to recover."')
    assert q.speaker == "Martin Hale" and q.cue == "said"
    (q,) = quotes_of("Andy Richards, of the local campaign, said the leaflet was no surprise.\n\n"
                     "“The people of this town will not put up with it.”")
    assert q.speaker == "Andy Richards"


def test_reported_speech_does_not_take_a_quotation_credited_later(quotes_of):
    (q,) = quotes_of("Reporter Nina Marsh later tweeted a photo of her arm.\n\n"
                     "“The evidence cannot prove every element of the crime,” according to a court document "
                     "filed on Thursday.")
    assert q.speaker is None


def test_reported_speech_skips_organizations_and_headings(quotes_of):
    (q,) = quotes_of("The Daily Ledger reported that six planes flew over the parade.\n\n"
                     "“Vote for nobody at all, this year or next.”")
    assert q.speaker is None
    quotes = quotes_of("Mayor Ruth Okafor said the budget would pass.\n\n‘A very tough decision.’\n\n"
                       "Senator Paul Avery said the bill was dead.\n\n“WHO PAYS THE BILL”\n\nThe debate went on.")
    assert speakers(quotes) == [None, None]


def test_reported_speech_reaches_a_quotation_followed_by_another_report(quotes_of):
    quotes = quotes_of("Mr Kinlan added that the second factor was his new post at the council. "
                       "“History shows it is useful for the council to have its chairman in the Lords.” "
                       "A council spokesman said that the post would be unpaid.")
    assert speakers(quotes) == ["Kinlan"]


def test_an_unnamed_source_carries_over_as_a_mention(quotes_of):
    quotes = quotes_of('"We are very pleased with the figures," a senior BBC executive said. '
                       '"It shows viewers have enjoyed the story."')
    assert speakers(quotes) == [None, None]
    assert [q.speaker_mention for q in quotes] == ["a senior BBC executive", "a senior BBC executive"]


def test_a_quotation_after_reported_speech_continues_to_the_next(quotes_of):
    quotes = quotes_of("In a video on Thursday, Senator Ray Dunmore speculated that the men were smugglers.\n\n"
                       "“They are going to be pouring in.” “We do not know who they are.”")
    assert speakers(quotes) == ["Ray Dunmore", "Ray Dunmore"]


def test_a_quotation_after_what_someone_feels_is_theirs(quotes_of):
    quotes = quotes_of("Italy lock Marco Bortolani feels the Edinburgh contest could be a battle of the packs. "
                       "\"It will not be a pretty game because both teams are strong up front.\"")
    assert speakers(quotes) == ["Marco Bortolani"]
    # but a slogan that goes on into the sentence is not
    quotes = quotes_of("Jasper Singh, 47, voted Republican in 2008. But he fears the country has lost its swagger. "
                       "\"Make America Great Again\" resonated with him so much that he wears it on a hat.")
    assert speakers(quotes) == [None]


def test_a_first_person_quotation_after_a_sentence_about_someone_is_theirs(quotes_of):
    (q,) = quotes_of("Kim Collard won the race in 2003. Collard was sixth in the final in Athens but is hoping for "
                     "a better result this summer. \"This will be a big year for me and I plan to defend my title.\"")
    assert q.speaker == "Kim Collard"
    # not when the quotation speaks of them: someone else talks about Marlin
    (q,) = quotes_of("Rob Marlin died in 1981. But Rob Marlin in the 1990s became one of the great icons. "
                     "\"In 1991 he sold more records than ever. I saw it happen.\"")
    assert q.speaker is None
    # nor when it is not in the first person
    (q,) = quotes_of("Kim Collard won the race in 2003. Collard was sixth in the final. \"The track was wet.\"")
    assert q.speaker is None


def test_a_question_is_not_reported_speech_for_the_answer_after_it(quotes_of):
    (q,) = quotes_of("Dick Morrow leads the campaign. So is the party's job to destroy the Tories, as former member "
                     "Robert Kelby once declared? \"No. The aim is to leave the union.\"")
    assert q.speaker != "Robert Kelby"


def test_a_fragment_right_after_a_credited_quotation_continues_it(quotes_of):
    quotes = quotes_of("“She has the same friends she had in school,” Bill Clenton has said. That makes her “by "
                       "definition a trustworthy person.”")
    assert speakers(quotes) == ["Bill Clenton", "Bill Clenton"]
    # not when the sentence cues someone else's words
    quotes = quotes_of("“We will learn,” said chairman Barry Shearman. The report warns that the ministry \"should "
                       "learn the lessons from this disaster\".")
    assert speakers(quotes) == ["Barry Shearman", None]
