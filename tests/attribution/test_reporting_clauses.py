"""Reporting clauses: which words are cues, and where a cue's speaker stands (before it, after
it, the sentence's subject, the author of a document)."""
from __future__ import annotations

from quote_helpers import speakers


def test_according_to_a_name(quotes_of):
    (q,) = quotes_of("The deal is “dead on arrival,” according to Senator Maria Lopez.")
    assert q.speaker == "Maria Lopez"
    assert q.cue == "according to"


def test_told_names_the_speaker_not_the_audience(quotes_of):
    (q,) = quotes_of("Dmitry Peskov told CNN: “Nobody is threatening anyone.”")
    assert q.speaker == "Dmitry Peskov"


def test_as_someone_put_it(quotes_of):
    (q,) = quotes_of("As Senator Maria Lopez put it: “This bill is dead.”")
    assert q.speaker == "Maria Lopez"


def test_participle_after_a_comma_goes_to_the_subject(quotes_of):
    (q,) = quotes_of("Senator Ted Cruz criticized the plan, telling reporters: “It will fail.”")
    assert q.speaker == "Ted Cruz"


def test_future_and_negated_cues_report_nothing(quotes_of):
    (q,) = quotes_of("Tom Baker will say whether the plan is “viable” next week.")
    assert q.speaker is None


def test_participle_after_an_opening_phrase(quotes_of):
    body = "In a statement released Thursday, Rep. Tom Baker reacted to the news, saying: “It is a disgrace.”"
    (q,) = quotes_of(body)
    assert q.speaker == "Tom Baker"


def test_a_capitalized_will_before_a_cue_is_a_name(quotes_of):
    body = "George Will wrote a column.\n\n“The eruption of war is a reminder,” Will wrote."
    assert speakers(quotes_of(body)) == ["George Will"]


def test_participle_after_a_scare_quote(quotes_of):
    body = "Senator Ted Cruz needled the “reporter,” saying, “You tweet on request!”"
    assert speakers(quotes_of(body))[-1] == "Ted Cruz"


def test_inverted_cue_after_a_comma_outside_the_quote(quotes_of):
    (q,) = quotes_of("Mayor Ruth Okafor met the union. The strike was “a needless fight”, said Grant Green, "
                     "a union steward.")
    assert q.speaker == "Grant Green"


def test_a_name_after_an_inverted_cue_wins_over_the_phrase_before_the_comma(quotes_of):
    body = ("Some of his claims are hard to prove, while others are not meaningful to voters, said Grant Green, "
            "an official under Presidents Ronald Reagan and George W. Bush.\n\n"
            "“It has to be something a farmer in Iowa can understand,” he said.")
    assert speakers(quotes_of(body)) == ["Grant Green"]
    (q,) = quotes_of("That would mean a “summer of misery” for Walker, forcing him to fight both Baker and Lopez, "
                     "said Ann Weber, a Democratic pollster.")
    assert q.speaker == "Ann Weber"


def test_a_video_that_said_speaks_for_whoever_released_it(quotes_of):
    body = ("In selling the courses, Tom Baker released a marketing video that said, “We are going to have "
            "professors that are terrific.”")
    assert speakers(quotes_of(body)) == ["Tom Baker"]


def test_a_statement_condemning_speaks_for_whoever_released_it(quotes_of):
    body = ("In Washington, President Tom Baker released a statement Thursday night condemning “what appears "
            "to be a horrific attack.” Mr. Baker issued a second statement on Friday warning that “the worst "
            "is yet to come.”")
    assert speakers(quotes_of(body)) == ["Tom Baker", "Tom Baker"]
    # a relative clause that condemned something is no report: the speaker stays who said it
    body = ("John Hale defended his mother and refused to repudiate politicians, like Pat Rowan, who had "
            "condemned the show. “They are not out to hurt anyone,” he said.")
    assert speakers(quotes_of(body)) == ["John Hale"]


def test_continued_to_is_no_reporting_verb(quotes_of):
    body = ("Tom Baker still has fences to mend. Brian Moody, the chairman of the county party, said Baker "
            "continued to hurt his cause by attacking Senator Ann Hale. “I don’t think it has gone well for "
            "him,” he said.")
    assert speakers(quotes_of(body)) == ["Brian Moody"]


def test_a_date_between_the_speaker_and_the_cue(quotes_of):
    body = "Reince Priebus spoke on Wednesday.\n\nPriebus later Thursday told Fox News: “Both men are meeting next week.”"
    assert speakers(quotes_of(body)) == ["Reince Priebus"]


def test_questioned_is_a_cue(quotes_of):
    (q,) = quotes_of("“What made him change so fundamentally?” Glenn Beck questioned.")
    assert q.speaker == "Glenn Beck"


def test_a_participle_after_a_reporting_clause_is_its_speakers(quotes_of):
    body = ("After the wins of senators Cory Gardner in Colorado, Joni Ernst in Iowa and Thom Tillis in North Carolina, "
            "“we must keep them,” Steven Law said, noting that donors feel “we need an insurance policy.”")
    assert speakers(quotes_of(body)) == ["Steven Law", "Steven Law"]


def test_a_statement_saying(quotes_of):
    body = "Mary Lee signed the deal in 2011.\n\nAt the time, she released a statement saying, “We are confident.”"
    assert speakers(quotes_of(body)) == ["Mary Lee"]


def test_a_relative_who_before_the_cue_is_the_name_before_it(quotes_of):
    body = "Ted Cruz won an endorsement from Senator Mike Lee, who declared in the spin room, “It is time to unite.”"
    assert speakers(quotes_of(body)) == ["Mike Lee"]


def test_the_subject_after_an_opening_when_clause_speaks(quotes_of):
    body = ("Last spring, when I asked Mayor Tom Irwin whether he would run again, he smiled, "
            "leaned back and said, \"Ask me next year.\"")
    assert speakers(quotes_of(body)) == ["Tom Irwin"]


def test_a_capitalized_cue_after_an_apposition_is_still_a_verb(quotes_of):
    (q,) = quotes_of("Planes wrote messages over the parade, paid for by a donor to the fund run by Mike Pell.\n\n"
                     "“Not us but we cannot argue with it!” Pell, the head of the fund, Tweeted on Friday.")
    assert q.speaker == "Mike Pell"


def test_said_then_a_reported_subject_is_not_an_inverted_speaker(quotes_of):
    quotes = quotes_of('Show boss Dana Holt hired him. Sam Solberg, a contestant on the reality show, "The Big '
                       'Deal," who went on to work alongside Holt, said his boss was "always kind and generous."')
    assert speakers(quotes) == [None, "Sam Solberg"]


def test_speculated_and_hinted_are_cues(quotes_of):
    (q,) = quotes_of("In a video on Thursday, Senator Ray Dunmore speculated that the men were smugglers.\n\n"
                     "“They are going to be pouring in, just like I said.”")
    assert q.speaker == "Ray Dunmore" and q.cue == "speculated"
    (q,) = quotes_of("At the town hall, Governor Lisa Brandt only hinted at her rival, adding, "
                     "“I have an idea of who should pay for it.”")
    assert q.speaker == "Lisa Brandt"


def test_a_role_subject_of_a_second_verb_speaks(quotes_of):
    quotes = quotes_of("Senator Rowe, speaking to reporters on her plane, said the review was over. “We answered "
                       "every question,” she said.\n\nA spokesman for Lakeside Networks declined to address the "
                       "report but said in a statement that “Lakeside did not treat the server differently.”")
    assert speakers(quotes) == ["Rowe", "Lakeside Networks"]


def test_a_quotation_credited_to_what_someone_put_out_is_theirs(quotes_of):
    (q,) = quotes_of("“The claim cannot be proven,” according to a court document filed by "
                     "state attorney Dale Aronson.")
    assert q.speaker == "Dale Aronson" and q.cue == "according to"
    (q,) = quotes_of("“We will fight this ruling,” according to a statement released Friday by "
                     "Senator Mark Dillon.")
    assert q.speaker == "Mark Dillon"
    (q,) = quotes_of("“We will fight this ruling,” said a statement from Senator Mark Dillon.")
    assert q.speaker == "Mark Dillon"
    (q,) = quotes_of("“We will fight this ruling,” according to a letter obtained by the Herald.")
    assert q.speaker is None


def test_an_adverb_between_speaker_and_cue(quotes_of):
    (q,) = quotes_of("Foreign Secretary Joan Tarrant was in Brussels. "
                     "The foreign secretary meanwhile said the \"fairness\" of the deal remained.")
    assert q.speaker == "Joan Tarrant" and q.speaker_mention == "The foreign secretary"


def test_british_spelling_of_a_cue(quotes_of):
    (q,) = quotes_of("Charity director Robert Tansley criticised the system. "
                     "\"There is no sense in paying carers so differently.\"")
    assert q.speaker == "Robert Tansley" and q.cue == "criticised"


def test_a_passive_participle_reports_nothing(quotes_of):
    (q,) = quotes_of("The budget includes the \"full\" sum from the ministry announced by Minister Ruth Gale.")
    assert q.speaker is None
    (q,) = quotes_of("Senator Jill Marsh, smiling, responded by first saying \"a few kind words\".")
    assert q.speaker == "Jill Marsh"


def test_called_before_a_name_gives_a_name_not_words(quotes_of):
    (q,) = quotes_of("A newly formed super PAC called Future 45 ran its first ads using her remark to a House panel "
                     "that \"I was responsible for quite a bit\" of the policy.")
    assert q.speaker is None
    (q,) = quotes_of("Tom Dorning called Nikki Haley “very weak on immigration.”")
    assert q.speaker == "Tom Dorning"


def test_the_one_a_subject_is_likened_to_is_not_the_subject(quotes_of):
    (q,) = quotes_of("Sen. Bob Corkman and Sen. Robert Menzies spoke. Like Corkman, Menzies also rejected the "
                     "notion, arguing that there is \"flexibility for the administration\" in the regime.")
    assert q.speaker == "Robert Menzies"


def test_an_adverb_of_time_between_speaker_and_cue(quotes_of):
    (q,) = quotes_of("Anna Sorel, who left the house on Friday with 5% of the vote, afterwards said: "
                     "\"I am so glad I'm out.\"")
    assert q.speaker == "Anna Sorel"


def test_the_one_a_cue_thanks_or_praises_is_not_the_speaker(quotes_of):
    quotes = quotes_of("Actress Dana Holt, star of the show “Harbor,” thanked Mayor Quinn for “making the streets "
                       "safer for everyone.”")
    assert speakers(quotes) == [None, "Dana Holt"]  # the show's title is no one's words
    (q,) = quotes_of("Meg Whitby, who now runs a software firm, labeled Mr. Tramp “unfit to serve.”")
    assert q.speaker == "Meg Whitby"


def test_a_cue_inside_a_hyphenated_word_is_not_a_cue(quotes_of):
    (q,) = quotes_of("The army lost three men during an unexpected rebel counter-attack near the city, with "
                     "Brennan noting the folly of sending “a few hundred soldiers here, a few hundred there.”")
    assert q.speaker == "Brennan" and q.cue == "noting"
    (q,) = quotes_of("Mr Brennan spoke for an hour. Critics attacked the so-called “reform” on Monday.")
    assert q.speaker is None


def test_with_someone_doing_the_saying(quotes_of):
    (q,) = quotes_of("The debate ended with Senator Alma Reyes saying “we will be back.”")
    assert q.speaker == "Alma Reyes"
    (q,) = quotes_of("The vote passed with Reyes voting “no.”")
    assert q.speaker is None


def test_a_post_after_an_owner_is_a_noun_and_its_owner_speaks(quotes_of):
    (q,) = quotes_of("Jed Bushnell endorsed the senator on Wednesday. From Bushnell's Facebook post: \"For the sake "
                     "of our party, we must move on.\"")
    assert q.speaker == "Jed Bushnell"
    # "a Facebook post" is no one's words
    (q,) = quotes_of("A friend wrote in a Facebook post that he was \"the most beautiful soul I have met.\"")
    assert q.speaker != "Facebook"


def test_in_the_words_of_and_a_statement_that_reads(quotes_of):
    (q,) = quotes_of("In the words of Hilda Clinger, \"We are stronger together.\"")
    assert q.speaker == "Hilda Clinger"
    (q,) = quotes_of("The statement from Sen. Bernard Sandler read: \"We will fight on.\"")
    assert q.speaker == "Bernard Sandler"
    # reading aloud is not a document speaking
    (q,) = quotes_of("Mr Tramp read the statement aloud: \"We will win.\"")
    assert q.cue != "read"


def test_a_subject_after_an_opening_place_and_time(quotes_of):
    (q,) = quotes_of("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinger tried to expand on her earlier "
                     "statement, saying that the United States should play a leadership role and ''be rallying our "
                     "partners and allies, pulling countries off the sidelines.''")
    assert q.speaker == "Clinger"


def test_decried_is_a_cue_whose_object_is_not_the_speaker(quotes_of):
    (q,) = quotes_of("In his speech, Mr. Obana decried the ''spin masters who embrace the politics of anything goes.''")
    assert (q.speaker, q.cue) == ("Obana", "decried")
