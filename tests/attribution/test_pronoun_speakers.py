""""he" and "she": the person the text is about at that point, as subjects and speakers come
and go."""
from __future__ import annotations

from quote_helpers import speakers


def test_pronoun_goes_to_the_person_the_text_is_about(quotes_of):
    body = ("Senator John Miller arrived in Ohio on Monday.\n\n"
            "“We will win this state,” he said.")
    assert speakers(quotes_of(body)) == ["John Miller"]


def test_pronoun_agrees_in_gender(quotes_of):
    body = ("Mayor Sarah Jones met Governor Tom Baker on Friday. "
            "“It was a productive meeting,” she said.")
    assert speakers(quotes_of(body)) == ["Sarah Jones"]


def test_pronoun_follows_the_last_speaker(quotes_of):
    body = ("“We are not talking about tomorrow,” said President Vladimir Putin’s spokesman, "
            "Dmitry Peskov.\n\n"
            "He also rejected the sanctions. “It would be a big mistake,” he warned.")
    assert speakers(quotes_of(body)) == ["Dmitry Peskov", "Dmitry Peskov"]


def test_a_name_in_an_apposition_is_not_the_subject_a_pronoun_means(quotes_of):
    body = ("Tom Reed, an Obama supporter, said he saw the change in his own family. "
            "“It is challenging old assumptions,” he said.")
    assert speakers(quotes_of(body)) == ["Tom Reed"]
    body = ("Anne Cole, director of the Mommy and Me reading program, said she invites parents to share their "
            "traditions. “This is a way to welcome everyone,” she said.")
    assert speakers(quotes_of(body)) == ["Anne Cole"]


def test_a_name_modifying_a_noun_is_not_the_subject_a_pronoun_means(quotes_of):
    body = ("Senator Tom Baker attacked his rival Jim Miller over the leak on Monday.\n\n"
            "The Miller campaign passed the false report along to its volunteers.\n\n"
            "“Is this what we accept now?” he told the show.")
    assert speakers(quotes_of(body)) == ["Tom Baker"]


def test_a_report_inside_a_that_clause_does_not_take_the_floor(quotes_of):
    body = ("Steve Dunmore, who worked for Governor Tom Baker, said tensions were high. He noted that Baker "
            "has acknowledged he will not be the nominee.\n\n"
            "“What most supporters ask for is not unreasonable,” he said.")
    assert speakers(quotes_of(body)) == ["Steve Dunmore"]


def test_paragraphs_opening_with_the_pronoun_keep_its_person_in_reach(quotes_of):
    body = ("Senator Ann Baker had the most to gain from the debate.\n\n"
            "She skirted the first question from the moderator.\n\n"
            "She also avoided the term, which some critics wanted the Miller administration to use.\n\n"
            "She chose her words with care on Tuesday.\n\n"
            "“We are not at war with a faith,” she said.")
    assert speakers(quotes_of(body)) == ["Ann Baker"]


def test_a_pronoun_before_a_name_does_not_give_that_name_its_gender(quotes_of):
    body = ("With Mayor Marty Walsh by her side, Senator Ann Baker announced her transit plan on Sunday.\n\n"
            "Walsh, a former union leader, had close ties to Governor Tom Reed. But on Sunday he finally "
            "endorsed Baker.\n\n“We need a fighter,” he said.")
    assert speakers(quotes_of(body)) == ["Marty Walsh"]


def test_a_front_runner_is_the_subject_a_pronoun_means(quotes_of):
    body = ("Democratic front-runner Mary Jones caused a stir when an Iowa voter asked if she might consider "
            "appointing Obama.\n\n“Wow, what a great idea,” she replied.")
    assert speakers(quotes_of(body)) == ["Mary Jones"]


def test_the_one_asked_answers_next(quotes_of):
    body = ("Senator Tom Baker spoke to CNN on Sunday.\n\n"
            "Anchor Jake Morgan then asked Baker whether he would run again.\n\n"
            "“I have not decided yet,” he said.")
    assert speakers(quotes_of(body)) == ["Tom Baker"]
    body = ("“I was angry,” Ann Lee said. What upset her, she said, was a question last week, when a young man "
            "asked Mary Jones why people disliked her. “I thought, what did your mother teach you?” she said.")
    assert speakers(quotes_of(body)) == ["Ann Lee", "Ann Lee"]  # nobody named asked: no one answers


def test_a_description_opening_a_sentence_makes_its_person_the_subject(quotes_of):
    body = ("Senator Jim Lee met Governor Tom Baker on Monday. “We agreed on nothing,” Lee said.\n\n"
            "The governor later praised the plan.\n\n“It is a good start,” he said.")
    assert speakers(quotes_of(body)) == ["Jim Lee", "Tom Baker"]


def test_as_for_someone_makes_them_the_subject(quotes_of):
    body = "“We lost,” Senator Jim Lee said on Monday.\n\nAs for Tom Baker, he said he was not worried. “We will win,” he said."
    assert speakers(quotes_of(body)) == ["Jim Lee", "Tom Baker"]


def test_a_subject_with_a_title_after_an_opening_phrase(quotes_of):
    body = ("“We will win,” Senator Jim Lee said. Just a few months ago, Florida developer Mel Sembler expressed "
            "dismay at the race. “I now fear it may happen,” he told the Times.")
    assert speakers(quotes_of(body)) == ["Jim Lee", "Mel Sembler"]


def test_like_someone_opening_a_sentence_is_no_subject(quotes_of):
    body = ("Marvin Roffman was sued in 1991.\n\n"
            "Like Makaeff, the former Trump University customer, Roffman does not want to fight again.\n\n"
            "“I am 76,” he said.")
    assert speakers(quotes_of(body)) == ["Marvin Roffman"]


def test_a_speaker_ner_missed_is_who_a_following_pronoun_means(quotes_of):
    body = ("Glenn Beck asked the author who would win.\n\n“I would bet on Hillary,” D’Souza replied.\n\n"
            "“We should never confuse hope with fact,” he added.")
    assert speakers(quotes_of(body)) == ["D’Souza", "D’Souza"]


def test_a_speaker_still_talks_where_the_quotation_is(quotes_of):
    body = ("Senator Mary Lee spoke at length:\n\n“We will not give up.”\n\n“We have the votes.”\n\n"
            "“And we will win,” she added.")
    assert speakers(quotes_of(body)) == ["Mary Lee"] * 3


def test_a_woman_named_in_full_is_not_taken_for_her_husband(quotes_of):
    body = ("Former Governor Tom Baxter spoke in Dayton on Monday. “We need a plan,” Baxter said.\n\n"
            "Peter Lund sat on the panel too. When Ellen Baxter criticized his budget, he replied, "
            "“Numbers do not lie.”")
    assert speakers(quotes_of(body)) == ["Tom Baxter", "Peter Lund"]


def test_there_is_someone_makes_them_the_one_the_text_is_about(quotes_of):
    body = ("Walter Brandt has praised the plan often. Brandt himself spoke for it in March.\n\n"
            "Then there's Okafor.\n\n"
            "“The zoning map is a mess,” he posted on Tuesday.")
    assert speakers(quotes_of(body)) == ["Okafor"]


def test_chairman_says_nothing_of_gender(quotes_of):
    (q,) = quotes_of("Party chairman Dorinda Halworth urged the two men to step down in a letter.\n\n"
                     "She said: \"The party has taken legal advice.\"")
    assert q.speaker == "Dorinda Halworth"


def test_a_subject_after_a_long_opening_phrase(quotes_of):
    quotes = quotes_of("''We will win,'' Donald J. Tramp said.\n\nHaving sputtered in his own run for the White House "
                       "in 2016 and facing disappointment in his bid for second place on the ticket, Mr. Christy "
                       "nevertheless gave the crowd his all. This time he spoke briefly of his friendship with "
                       "Mr. Tramp. It is time for the country to be led, he said, ''not only by a strong leader.''")
    assert speakers(quotes) == ["Donald J. Tramp", "Christy"]


def test_a_group_word_opening_a_sentence_is_nobody_a_pronoun_can_mean(quotes_of):
    quotes = quotes_of("Critics say the group is secretive. Her comments did not impress Tory shadow education "
                       "secretary Tim Colins. “She has absolutely no idea what to put in its place,” he said.")
    assert speakers(quotes) == ["Tim Colins"]
    quotes = quotes_of("Police said the actor had died of natural causes.\n\n“He was my hero,” she said.")
    assert speakers(quotes) == [None]
