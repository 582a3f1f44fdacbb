"""Who said it: hand-written sentences for each way news credits a quotation."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from archive.nlp import load_model, parse_sentences
from archive.quotes import extract_quotes, nlp_text


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(body: str):
        return extract_quotes(body, nlp(nlp_text(body)), parse=parse_sentences)  # what ingest gives spaCy
    return run


def speakers(quotes) -> list[str | None]:
    return [q.speaker for q in quotes]


def test_title_before_the_name(quotes_of):
    (q,) = quotes_of("“The talks have failed,” Kremlin spokesman Dmitry Peskov said on Sunday.")
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_mention == "Kremlin spokesman Dmitry Peskov"
    assert q.cue == "said"
    assert q.confidence > 0.8


def test_inverted_cue(quotes_of):
    (q,) = quotes_of("“We are ready,” said Angela Merkel, the German chancellor.")
    assert q.speaker == "Angela Merkel"


def test_according_to(quotes_of):
    (q,) = quotes_of("The deal is “dead on arrival,” according to Senator Maria Lopez.")
    assert q.speaker == "Maria Lopez"
    assert q.cue == "according to"


def test_told_names_the_speaker_not_the_audience(quotes_of):
    (q,) = quotes_of("Dmitry Peskov told CNN: “Nobody is threatening anyone.”")
    assert q.speaker == "Dmitry Peskov"


def test_age_apposition(quotes_of):
    (q,) = quotes_of("“I never liked it,” Peskov, 54, said.")
    assert q.speaker == "Peskov"


def test_role_apposition(quotes_of):
    (q,) = quotes_of("“It is a provocation,” Maria Zakharova, the spokeswoman for the ministry, said.")
    assert q.speaker == "Maria Zakharova"


def test_a_name_apposed_to_the_role_after_an_inverted_cue(quotes_of):
    (q,) = quotes_of("“Our aim is a fair hearing,” said the committee chairman, MP Edward Quill.")
    assert q.speaker == "Edward Quill"
    (q,) = quotes_of("“The routes lose money,” said Corvex director of route planning, Robert Fenwick.")
    assert q.speaker == "Robert Fenwick"
    (q,) = quotes_of("The party was “working to change its image,” wrote the ambassador at the time, "
                     "John Herbst.")
    assert q.speaker == "John Herbst"
    (q,) = quotes_of("“The routes lose money,” said the director of Corvex, which Robert Fenwick owns.")
    assert q.speaker is None


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


def test_description_matches_the_role_the_text_gave(quotes_of):
    body = ("Kremlin spokesman Dmitry Peskov spoke to reporters. Russian President Vladimir Putin "
            "was not present.\n\n"
            "“We want to see progress,” warned Vladimir Putin’s spokesman.")
    (q,) = quotes_of(body)
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_mention == "Vladimir Putin’s spokesman"


def test_name_variants_are_one_speaker(quotes_of):
    body = ("“First,” Dmitry Peskov said.\n\n"
            "“Second,” Dmitri Peskov added.\n\n"
            "“Third,” said Mr. Peskov.")
    assert speakers(quotes_of(body)) == ["Dmitry Peskov"] * 3


def test_split_quote_keeps_its_speaker(quotes_of):
    body = "“No one is threatening anyone,” Peskov said, “it would be madness.”"
    assert speakers(quotes_of(body)) == ["Peskov", "Peskov"]


def test_two_quotes_before_one_cue(quotes_of):
    body = "“No one is threatening anyone”, “it would be madness”, assured Dmitri Peskov on CNN."
    assert speakers(quotes_of(body)) == ["Dmitri Peskov", "Dmitri Peskov"]


def test_a_following_sentence_continues_the_speaker(quotes_of):
    body = "“We tried,” Mayor Tom Baker said. “We will try again next year.”"
    assert speakers(quotes_of(body)) == ["Tom Baker", "Tom Baker"]


def test_quote_in_the_paragraph_after_a_colon(quotes_of):
    body = "Senator Ted Cruz continued:\n\n“The questions asked tonight were unfair.”"
    assert speakers(quotes_of(body)) == ["Ted Cruz"]


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


def test_organization_as_speaker(quotes_of):
    (q,) = quotes_of("“The report is false,” the White House said in a statement.")
    assert q.speaker == "White House"


def test_unnamed_source_is_kept_as_mention_only(quotes_of):
    (q,) = quotes_of("“The talks are over,” a senior official said.")
    assert q.speaker is None
    assert q.speaker_mention == "a senior official"


def test_offsets_and_text_agree(quotes_of):
    body = "Intro paragraph.\n\n“We are ready,” she said."
    (q,) = quotes_of(body)
    assert body[q.start:q.end] == q.text == "We are ready"


def test_signature_in_the_next_paragraph(quotes_of):
    body = "“We will never give up on this city.”\n\n― Mayor Tom Baker"
    assert speakers(quotes_of(body)) == ["Tom Baker"]


def test_as_someone_put_it(quotes_of):
    (q,) = quotes_of("As Senator Maria Lopez put it: “This bill is dead.”")
    assert q.speaker == "Maria Lopez"


def test_participle_after_a_comma_goes_to_the_subject(quotes_of):
    (q,) = quotes_of("Senator Ted Cruz criticized the plan, telling reporters: “It will fail.”")
    assert q.speaker == "Ted Cruz"


def test_future_and_negated_cues_report_nothing(quotes_of):
    (q,) = quotes_of("Tom Baker will say whether the plan is “viable” next week.")
    assert q.speaker is None


def test_extra_spaces_do_not_part_a_speaker_from_the_cue(nlp):
    from archive.quotes import nlp_text

    body = "“We will win,” Tom\u00a0Baker  said.\n\nMayor Sarah Jones resisted:  “Not this year.”"
    quotes = extract_quotes(body, nlp(nlp_text(body)), parse=parse_sentences)
    assert speakers(quotes) == ["Tom Baker", "Sarah Jones"]
    assert [body[q.start:q.end] for q in quotes] == [q.text for q in quotes] == ["We will win", "Not this year."]


def test_abbreviated_ranks_stay_in_the_name(quotes_of):
    (q,) = quotes_of("“We will not change course,” said Pentagon spokesman Navy Capt. Jeff Davis.")
    assert q.speaker == "Jeff Davis"


def test_a_name_after_a_role_nobody_else_holds(quotes_of):
    (q,) = quotes_of("“We had a big issue with trade,” said United Auto Workers Secretary-Treasurer Gary Casteel.")
    assert q.speaker == "Gary Casteel"


def test_participle_after_an_opening_phrase(quotes_of):
    body = "In a statement released Thursday, Rep. Tom Baker reacted to the news, saying: “It is a disgrace.”"
    (q,) = quotes_of(body)
    assert q.speaker == "Tom Baker"


def test_statement_announced_in_the_paragraph_before(quotes_of):
    body = "Senator Maria Lopez released the following statement:\n\n“We grieve with the families.”"
    assert speakers(quotes_of(body)) == ["Maria Lopez"]


def test_a_lone_title_does_not_continue_a_speaker(quotes_of):
    body = "“We are ready,” said Tom Baker. He stars in the series “Bloodline,” which returns soon."
    assert speakers(quotes_of(body)) == ["Tom Baker", None]


def test_a_capitalized_will_before_a_cue_is_a_name(quotes_of):
    body = "George Will wrote a column.\n\n“The eruption of war is a reminder,” Will wrote."
    assert speakers(quotes_of(body)) == ["George Will"]


def test_participle_after_a_scare_quote(quotes_of):
    body = "Senator Ted Cruz needled the “reporter,” saying, “You tweet on request!”"
    assert speakers(quotes_of(body))[-1] == "Ted Cruz"


# The parse: sentences whose quotation the rules cannot credit are parsed, and the
# subject of the verb the quotation hangs on is the speaker.

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


def test_a_description_does_not_mean_someone_named_only_inside_the_quotation(quotes_of):
    body = ("Bill Crane joined the attack at a rally on Monday. “The man running against Anna is running "
            "harder against President Tom Hale and me than against anyone,” the former president said.\n\n"
            "“He will get used to it,” he said.")
    # President Hale is named only inside the quotation; the former president is the one the text
    # is about, whom it never titled
    assert speakers(quotes_of(body)) == ["Bill Crane", "Bill Crane"]


def test_a_cue_after_the_quotation_wins_over_one_across_a_dash(quotes_of):
    body = ("If foreign hackers are behind the leaks — as researchers believe, but Moscow strongly denies — "
            "“why would you not raise it?” asked Lindqvist, now a partner at a firm. "
            "“I think it is only prudent.”")
    assert speakers(quotes_of(body)) == ["Lindqvist", "Lindqvist"]


def test_an_organization_inside_an_aside_is_not_the_speaker(quotes_of):
    body = "One message, apparently referring to air strikes against Islamic State by the allies, said: “You lose.”"
    assert speakers(quotes_of(body)) == [None]
    body = "The letter, from the Home Office, says: “I am writing to inform you.”"
    assert speakers(quotes_of(body)) == ["Home Office"]
    # an aside naming "the State Department" leaves a later "she" to the person the text is about
    body = ("Senator Ann Lee spoke on Monday. Her campaign, which has been shadowed by the row over the server "
            "she used while at the State Department, said the emails had no bearing on the case. “These are "
            "all work emails,” she said.")
    assert speakers(quotes_of(body)) == ["Ann Lee"]


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


def test_a_report_inside_a_that_clause_does_not_take_the_floor(quotes_of):
    body = ("Steve Dunmore, who worked for Governor Tom Baker, said tensions were high. He noted that Baker "
            "has acknowledged he will not be the nominee.\n\n"
            "“What most supporters ask for is not unreasonable,” he said.")
    assert speakers(quotes_of(body)) == ["Steve Dunmore"]


def test_a_name_with_himself_is_the_speaker(quotes_of):
    body = ("Tom Baker could lose. Baker himself acknowledged on Monday night “it will be very hard for us "
            "to win” if he keeps losing ground.")
    (q,) = quotes_of(body)
    assert (q.speaker, q.speaker_mention) == ("Tom Baker", "Baker himself")


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


def test_the_subject_of_reported_speech_is_not_the_speaker(quotes_of):
    body = ("Tom Baker held a rally in Ohio on Friday. Democratic front-runner Mary Jones, also campaigning in "
            "Ohio, said Baker is responsible for what happens at his rallies and accused him of "
            "“inciting violent behavior.”")
    assert speakers(quotes_of(body)) == ["Mary Jones"]


def test_the_one_asked_answers_next(quotes_of):
    body = ("Senator Tom Baker spoke to CNN on Sunday.\n\n"
            "Anchor Jake Morgan then asked Baker whether he would run again.\n\n"
            "“I have not decided yet,” he said.")
    assert speakers(quotes_of(body)) == ["Tom Baker"]
    body = ("“I was angry,” Ann Lee said. What upset her, she said, was a question last week, when a young man "
            "asked Mary Jones why people disliked her. “I thought, what did your mother teach you?” she said.")
    assert speakers(quotes_of(body)) == ["Ann Lee", "Ann Lee"]  # nobody named asked: no one answers


def test_a_description_with_a_place_finds_the_one_from_there(quotes_of):
    body = "Texas Sen. Ted Cruz and Arizona Sen. John McCain spoke at the forum.\n\n“We will fight,” the Texas senator said."
    assert speakers(quotes_of(body)) == ["Ted Cruz"]
    body = ("Sen. Marco Rubio (R-Fla.) and Sen. John McCain (R-Ariz.) spoke at the forum.\n\n"
            "“We will fight,” said the Florida senator.")
    assert speakers(quotes_of(body)) == ["Marco Rubio"]


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


def test_a_known_name_that_ner_labelled_otherwise_is_still_the_person(nlp):
    from spacy.tokens import Span

    body = "Donald Trump spoke in Ohio.\n\n“We will build it,” Trump told The Associated Press of the prospects."
    doc = nlp(body)
    start = next(t.i for t in doc if t.text == "Trump" and t.i > 3)
    doc.set_ents([Span(doc, start, start + 5, label="WORK_OF_ART")], default="unmodified")  # as NER sometimes does
    assert speakers(extract_quotes(body, doc, parse=parse_sentences)) == ["Donald Trump"]


def test_a_date_between_the_speaker_and_the_cue(quotes_of):
    body = "Reince Priebus spoke on Wednesday.\n\nPriebus later Thursday told Fox News: “Both men are meeting next week.”"
    assert speakers(quotes_of(body)) == ["Reince Priebus"]


def test_a_name_before_a_long_apposition(quotes_of):
    body = ("“We have had better conventions,” Ohio delegate Tom Baker, wearing a cowboy hat and “Jim Lee” "
            "campaign pins, said as the balloons fell.")
    assert speakers(quotes_of(body)) == ["Tom Baker", None]
    body = ("“Both candidates scare me,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, "
            "said in an interview.")
    assert speakers(quotes_of(body)) == ["Harry Bond"]


def test_the_name_before_an_apposition_when_ner_missed_it(nlp):
    body = "“We think the state went too far,” Matdos Santos, legal director for ACLU of Oregon, said."
    doc = nlp(body)
    doc.ents = [e for e in doc.ents if e.label_ != "PERSON"]  # as NER sometimes misses a name
    assert speakers(extract_quotes(body, doc, parse=parse_sentences)) == ["Matdos Santos"]


def test_a_capitalized_common_word_is_no_name(quotes_of):
    (q,) = quotes_of("“Stop the coverup!” Others, reacting to the delay, shouted.")
    assert q.speaker is None


def test_a_signature_dash_written_against_the_name(quotes_of):
    body = "“Great speech. She is ready. She never quits.”\n\n-President Barack Obama, tweeting after the speech."
    assert speakers(quotes_of(body)) == ["Barack Obama"]


def test_a_colon_speaker_is_in_the_colons_own_sentence(quotes_of):
    body = ("“Do something about it,” said Tom Baker, president of the city’s police union. "
            "Governor John Kasich resisted: “Governors do not have that power.”")
    assert speakers(quotes_of(body)) == ["Tom Baker", "John Kasich"]
    body = "As John Cornyn, the No. 2 in the Senate leadership, put it: “This person will not be confirmed.”"
    assert speakers(quotes_of(body)) == ["John Cornyn"]


def test_questioned_is_a_cue(quotes_of):
    (q,) = quotes_of("“What made him change so fundamentally?” Glenn Beck questioned.")
    assert q.speaker == "Glenn Beck"


def test_a_reporting_sentence_right_before_the_quotation(quotes_of):
    body = ("Sam Lee, the communications director for the state party said in a statement. "
            "“There are no paper ballots to recount.”")
    assert speakers(quotes_of(body)) == ["Sam Lee"]


def test_a_name_before_an_apposition_no_comma_closes(quotes_of):
    (q,) = quotes_of("Ann Lee, president and CEO of the Ohio Restaurant Association stated, “It is a math problem.”")
    assert q.speaker == "Ann Lee"
    body = "“Lock her up,” Clinton, the attendees chanted."
    assert speakers(quotes_of(body)) == [None]  # "the attendees" are the speakers: nobody named


def test_a_subject_after_an_opening_clause_naming_someone_else(quotes_of):
    body = ("When Governor Tom Wallace died in 1998, President Bill Clinton released the following statement:\n\n"
            "“We offer our condolences to the family.”")
    assert speakers(quotes_of(body)) == ["Bill Clinton"]


def test_agreed_in_the_sentence_before(quotes_of):
    body = ("“They are out of time,” said Craig Robinson, an editor. Iowa State University's Dianne Bystrom agreed. "
            "“Mainstream Republicans are running out of time.”")
    assert speakers(quotes_of(body)) == ["Craig Robinson", "Dianne Bystrom"]


def test_a_participle_after_a_reporting_clause_is_its_speakers(quotes_of):
    body = ("After the wins of senators Cory Gardner in Colorado, Joni Ernst in Iowa and Thom Tillis in North Carolina, "
            "“we must keep them,” Steven Law said, noting that donors feel “we need an insurance policy.”")
    assert speakers(quotes_of(body)) == ["Steven Law", "Steven Law"]


def test_someones_response_was(quotes_of):
    body = ("Aide Huma Abedin emailed Secretary Hillary Clinton about the news. "
            "Clinton’s response was: “Is the store open on Sunday?”")
    assert speakers(quotes_of(body)) == ["Hillary Clinton"]


def test_a_hyphenated_title_before_the_name(quotes_of):
    (q,) = quotes_of("“How much worse could it get?” said Florida-based Republican strategist Al Cardenas.")
    assert q.speaker == "Al Cardenas"


def test_names_with_an_apostrophe_and_ranks_with_an_ordinal(quotes_of):
    (q,) = quotes_of("“I regret to say I would bet on her,” D’Souza replied.")
    assert q.speaker == "D’Souza"
    (q,) = quotes_of("“I really do not understand it,” said Air Force 1st Lt. Tyler Livingston.")
    assert q.speaker == "Tyler Livingston"


def test_a_lowercase_word_in_ed_is_not_a_speaker(quotes_of):
    (q,) = quotes_of("In a statement Tuesday, Judicial Watch President Tom Fitton called her recovered emails "
                     "“significant and disturbing.”")
    assert q.speaker == "Tom Fitton"


def test_a_statement_saying(quotes_of):
    body = "Mary Lee signed the deal in 2011.\n\nAt the time, she released a statement saying, “We are confident.”"
    assert speakers(quotes_of(body)) == ["Mary Lee"]


def test_a_colon_after_the_object_is_the_subjects(quotes_of):
    body = ("Senate Majority Leader Mitch McConnell delivered a blunt message to Donald Trump: "
            "“It is time to quit attacking people.”")
    assert speakers(quotes_of(body)) == ["Mitch McConnell"]


def test_a_clause_opening_the_next_quotation_is_not_the_previous_ones(quotes_of):
    body = "Mary Lee responds to Tom Baker with, “Why now? Why today?” Baker then writes back, “You look great.”"
    assert speakers(quotes_of(body)) == ["Mary Lee", "Tom Baker"]


def test_a_relative_who_before_the_cue_is_the_name_before_it(quotes_of):
    body = "Ted Cruz won an endorsement from Senator Mike Lee, who declared in the spin room, “It is time to unite.”"
    assert speakers(quotes_of(body)) == ["Mike Lee"]


def test_like_someone_opening_a_sentence_is_no_subject(quotes_of):
    body = ("Marvin Roffman was sued in 1991.\n\n"
            "Like Makaeff, the former Trump University customer, Roffman does not want to fight again.\n\n"
            "“I am 76,” he said.")
    assert speakers(quotes_of(body)) == ["Marvin Roffman"]


def test_a_heading_in_single_quotes_does_not_continue_a_speaker(quotes_of):
    body = ("Contrast that with Sanders, who says it is “disastrous.”\n\n‘Chief trade prosecutor.’\n\n"
            "Clinton wobbles on trade.")
    assert speakers(quotes_of(body)) == ["Sanders", None]


def test_a_speaker_ner_missed_is_who_a_following_pronoun_means(quotes_of):
    body = ("Glenn Beck asked the author who would win.\n\n“I would bet on Hillary,” D’Souza replied.\n\n"
            "“We should never confuse hope with fact,” he added.")
    assert speakers(quotes_of(body)) == ["D’Souza", "D’Souza"]


def test_a_capitalized_word_the_parse_finds_is_still_no_speaker(quotes_of):
    body = ("Estimates of civic engagement are problematic: “All the samples include more engaged people.”\n\n"
            "Estimates of turnout are worse, “by a wide margin.”")
    assert speakers(quotes_of(body)) == [None, None]


def test_a_party_in_a_description(quotes_of):
    body = ("Democratic front-runner Hillary Clinton spoke on Friday. Republican candidate Donald Trump spoke on "
            "Sunday.\n\nSpeaking on CBS, the GOP front-runner said Clinton “caused tremendous death” as secretary.")
    assert speakers(quotes_of(body)) == ["Donald Trump"]
    body = ("Democratic front-runner Hillary Clinton spoke on Friday.\n\n"
            "Speaking on CBS, the GOP front-runner said Clinton “caused tremendous death” as secretary.")
    assert speakers(quotes_of(body)) == [None]  # the one front-runner named is the other party's


def test_a_surname_particle_in_the_speakers_name(quotes_of):
    (q,) = quotes_of("“We had called him just before he boarded,” his nephew Michery el Soheil added.")
    assert q.speaker == "Michery el Soheil"


def test_a_two_word_name_ner_took_for_a_title(nlp):
    from spacy.tokens import Span

    body = "“It is everything but her,” Le Pen told CNN in an interview."
    doc = nlp(body)
    start = next(t.i for t in doc if t.text == "Le")
    doc.ents = [e for e in doc.ents if not (e.start <= start < e.end)]
    doc.set_ents([Span(doc, start, start + 2, label="WORK_OF_ART")], default="unmodified")
    assert speakers(extract_quotes(body, doc, parse=parse_sentences)) == ["Le Pen"]


def test_a_colon_the_tokenizer_kept_with_the_mark(quotes_of):
    (q,) = quotes_of('Rep. Trey Gowdy (R-S.C.):"I have not heard anyone cite that figure. Who told you that?"')
    assert q.speaker == "Trey Gowdy"


def test_a_quotation_after_a_paragraph_telling_of_a_statement(quotes_of):
    body = ("At the chair's direction, the DNC issued a statement apologizing to Sanders for the emails.\n\n"
            "“On behalf of everyone at the DNC, we want to offer a deep and sincere apology.”")
    assert speakers(quotes_of(body)) == ["Democratic Party"]
    body = "Senator Mary Lee issued a statement on Friday.\n\n“We grieve with the families.”"
    assert speakers(quotes_of(body)) == ["Mary Lee"]


def test_words_after_a_cue_are_no_title(quotes_of):
    body = "Tom Baker spoke in Ohio. He said “The Voters” and swears they love him."
    assert speakers(quotes_of(body)) == ["Tom Baker"]


def test_a_fragment_in_the_first_person_is_someones_words(quotes_of):
    body = "Tom Baker spoke after the shooting.\n\nHe offered “my thoughts and prayers for all of the families.”"
    assert speakers(quotes_of(body)) == ["Tom Baker"]


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


def test_the_former_president_is_the_one_the_text_called_former(quotes_of):
    body = ("President Tom Hale visited Ohio with former President Bill Crane on Monday. Hale spoke first.\n\n"
            "“Ohio has always been good to me,” the former president said.")
    assert speakers(quotes_of(body)) == ["Bill Crane"]


def test_a_name_with_a_persons_apposition_is_a_person_whatever_ner_says(quotes_of):
    # the model tags "Sunset Violet" ORG
    body = ("Sunset Violet, a local journalist, told the paper that she watched the crowd.\n\n"
            "\"Everyone started to run at once,\" she said.")
    assert speakers(quotes_of(body)) == ["Sunset Violet"]


def test_a_bare_surname_shared_by_two_people_goes_to_the_one_the_text_is_about(quotes_of):
    body = ("Janet Okafor, whose nephew Daniel Okafor ran the shop, testified on Friday.\n\n"
            "“I begged the council to act for years,” Okafor said.")
    assert speakers(quotes_of(body)) == ["Janet Okafor"]


def test_a_name_ner_took_for_a_nationality_with_a_role_apposition_speaks(quotes_of):
    # the model tags "Roman Petrosyan" NORP after "stated"
    body = ("“The archive will reopen after the repairs,” stated Roman Petrosyan, "
            "a history professor at a California university.\n\n"
            "Petrosyan added, “The letters in it were never catalogued.”")
    assert speakers(quotes_of(body)) == ["Roman Petrosyan", "Roman Petrosyan"]


def test_the_subject_after_an_opening_when_clause_speaks(quotes_of):
    body = ("Last spring, when I asked Mayor Tom Irwin whether he would run again, he smiled, "
            "leaned back and said, \"Ask me next year.\"")
    assert speakers(quotes_of(body)) == ["Tom Irwin"]


def test_a_capitalized_common_word_before_a_cue_is_no_ones_name(quotes_of):
    (q,) = quotes_of("The mayor left early.\n\nAides said: “The budget is settled.”")
    assert q.speaker is None and q.speaker_mention == "Aides"
    (q,) = quotes_of("“The budget is settled,” Harlow Quenby said.")
    assert q.speaker == "Harlow Quenby"  # an unknown name still speaks


def test_a_body_cut_for_the_model_keeps_every_quotation_and_the_speakers_before_the_cut(monkeypatch):
    from archive import nlp as archive_nlp
    from archive.model import Article

    opening = "Mayor Ann Lee opened the bridge on Monday.\n\n“It will carry ten thousand cars a day,” Lee said.\n\n"
    filler = "Traffic was light in the morning. " * 12
    closing = "\n\n“We will watch the costs,” said council member Tom Reed."
    monkeypatch.setattr(archive_nlp, "MAX_NLP_CHARS", len(opening) + 100)
    article = Article(title="Bridge", body=opening + filler + closing)
    archive_nlp.annotate([article])
    assert [q.text for q in article.quotes] == ["It will carry ten thousand cars a day", "We will watch the costs"]
    assert [q.speaker for q in article.quotes] == ["Ann Lee", None]  # the second is past the cut


def test_a_flattened_second_paragraph_stays_with_the_speaker(quotes_of):
    body = ('Coach Martin Hale was unhappy after the match. He said: "We had two days to recover. '
            '"All my players are tired, especially the defenders."\n\nThe league did not comment.')
    (q,) = quotes_of(body)
    assert q.speaker == "Martin Hale"
    assert q.text.endswith("especially the defenders.")


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


def test_a_capitalized_cue_after_an_apposition_is_still_a_verb(quotes_of):
    (q,) = quotes_of("Planes wrote messages over the parade, paid for by a donor to the fund run by Mike Pell.\n\n"
                     "“Not us but we cannot argue with it!” Pell, the head of the fund, Tweeted on Friday.")
    assert q.speaker == "Mike Pell"


def test_a_surname_after_but_is_the_person_named_before(quotes_of):
    (q,) = quotes_of('Former winger David Campese criticised the coach. But Campese told the radio station: '
                     '"They complain about every referee."')
    assert q.speaker == "David Campese"


def test_the_n_year_old_is_the_person_the_text_is_about(quotes_of):
    body = "The club signed defender Graham Stuart on Monday.\n\n“It was a very easy decision,” {}."
    for clause in ("the 34-year-old told the club website", "said the 34-year-old defender"):
        (q,) = quotes_of(body.format(clause))
        assert q.speaker == "Graham Stuart", clause
    (q,) = quotes_of(body.format("said a 34-year-old fan outside the ground"))
    assert q.speaker is None and q.speaker_mention == "a 34-year-old fan"


def test_the_scot_is_a_description_not_a_name(quotes_of):
    (q,) = quotes_of('Alex Ferguson picked the team. "Ruud is the best striker in Europe," the Scot said.')
    assert q.speaker == "Alex Ferguson" and q.speaker_mention == "the Scot"


def test_roles_beyond_politics_describe_the_speaker(quotes_of):
    body = ("TV presenter Dick Clarkson will host the show again. Villa boss David Leary named his team.\n\n"
            "“I am honoured,” the presenter said.\n\n“We are ready,” said the Villa boss.")
    assert speakers(quotes_of(body)) == ["Dick Clarkson", "David Leary"]


def test_letters_after_the_name_do_not_hide_it(quotes_of):
    (q,) = quotes_of("Chairman of the Audit Committee Peter Ainslie MP said: “It is a stinging rebuke.”")
    assert q.speaker == "Peter Ainslie"


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


def test_reported_speech_reaches_a_quotation_followed_by_another_report(quotes_of):
    quotes = quotes_of("Mr Kinlan added that the second factor was his new post at the council. "
                       "“History shows it is useful for the council to have its chairman in the Lords.” "
                       "A council spokesman said that the post would be unpaid.")
    assert speakers(quotes) == ["Kinlan"]


def test_the_american_is_the_one_the_text_was_about_before_the_sentence(quotes_of):
    (q,) = quotes_of("World number one Lena Darby has criticised the club over prize money. Reacting to a "
                     "comment by chairman Tom Phelps, the American said: “I think it is highly insulting.”")
    assert q.speaker == "Lena Darby" and q.speaker_mention == "the American"


def test_an_unnamed_source_carries_over_as_a_mention(quotes_of):
    quotes = quotes_of('"We are very pleased with the figures," a senior BBC executive said. '
                       '"It shows viewers have enjoyed the story."')
    assert speakers(quotes) == [None, None]
    assert [q.speaker_mention for q in quotes] == ["a senior BBC executive", "a senior BBC executive"]


def test_an_unnamed_spokesman_speaks_for_the_organization(quotes_of):
    quotes = quotes_of('"We are very pleased with the figures," a BBC spokesman said. '
                       '"It shows viewers have enjoyed the story."')
    assert speakers(quotes) == ["BBC", "BBC"]
    assert [q.speaker_mention for q in quotes] == ["a BBC spokesman", "a BBC spokesman"]
    (q,) = quotes_of('A spokeswoman for Lakeside Networks said: "We will appeal."')
    assert q.speaker == "Lakeside Networks"
    # whom a name's title belongs to is not the body: Ryan's spokesman is not the House's
    (q,) = quotes_of('"We have not been briefed," a spokesman for House Speaker Paul Rayan told the Post.')
    assert q.speaker is None
    (q,) = quotes_of('The spokesman for Reporters Without Borders described the sentence as "harsh".')
    assert q.speaker == "Reporters Without Borders"


def test_a_role_subject_of_a_second_verb_speaks(quotes_of):
    quotes = quotes_of("Senator Rowe, speaking to reporters on her plane, said the review was over. “We answered "
                       "every question,” she said.\n\nA spokesman for Lakeside Networks declined to address the "
                       "report but said in a statement that “Lakeside did not treat the server differently.”")
    assert speakers(quotes) == ["Rowe", "Lakeside Networks"]


def test_a_quotation_after_reported_speech_continues_to_the_next(quotes_of):
    quotes = quotes_of("In a video on Thursday, Senator Ray Dunmore speculated that the men were smugglers.\n\n"
                       "“They are going to be pouring in.” “We do not know who they are.”")
    assert speakers(quotes) == ["Ray Dunmore", "Ray Dunmore"]


def test_a_party_or_home_state_description_is_the_one_the_text_was_about(quotes_of):
    (q,) = quotes_of("Presidential candidate Dale Corman wants fewer rules.\n\n"
                     "\"Taxes are far too high for families,\" the Republican said this week.")
    assert q.speaker == "Dale Corman" and q.speaker_mention == "the Republican"
    (q,) = quotes_of("The former governor Rick Pardee dropped his bid last year. "
                     "“We need a fresh face on the ballot,” the Texan said.")
    assert q.speaker == "Rick Pardee"


def test_a_party_description_that_does_not_fit_credits_nobody(quotes_of):
    (q,) = quotes_of("Republican Senator Dale Corman opposed the bill. "
                     "“It is a good start,” the Democrat said.")
    assert q.speaker is None and q.speaker_mention == "the Democrat"
    (q,) = quotes_of("Dale Corman blames others. In a column, \"Enough is enough,\" "
                     "the Republican from Alabama seems to be doing the same.")
    assert q.speaker is None


def test_a_signature_line_credits_the_quotation_above_it(quotes_of):
    body = ("Quotable.\n\n\"We will count every vote.\"\n\n-President Obama, speaking after the rally.\n\n"
            "\"The buses were late again.\"\n\n-Marla Quince, Philadelphia.\n\n"
            "\"Prices rose again in May.\"\n\n- Reuters.")
    quotes = quotes_of(body)
    assert speakers(quotes) == ["Obama", "Marla Quince", None]
    assert [body[q.start:q.end] for q in quotes] == [q.text for q in quotes]
    assert quotes[1].text == "The buses were late again."
    assert quotes[1].cue == "—" and quotes[1].speaker_mention == "Marla Quince"


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


def test_a_place_based_modifier_is_not_the_speaker(quotes_of):
    (q,) = quotes_of("\"Phones will get cheaper,\" said UK-based research consultancy Ferrowick Ltd.")
    assert q.speaker == "Ferrowick Ltd"
    (q,) = quotes_of("\"The lenders want their money,\" said Park Min-jun, governor of the bank.")
    assert q.speaker == "Park Min-jun"


def test_a_surname_with_its_particle_is_the_person_named_in_full(quotes_of):
    (q,) = quotes_of("The painter got a medal from Culture Minister Henri Dumont de Vaux. "
                     "\"Your work moves us all,\" Mr de Vaux said as he gave it.")
    assert q.speaker == "Henri Dumont de Vaux" and q.speaker_mention == "Mr de Vaux"
    (q,) = quotes_of("The coach, Pieter van Dalen, was angry. \"It was a disgrace,\" van Dalen said.")
    assert q.speaker == "Pieter van Dalen" and q.speaker_mention == "van Dalen"


def test_a_description_by_position_or_age_is_the_subject_of_the_text(quotes_of):
    (q,) = quotes_of("Winger Tom Varley was also puzzled. \"I was well onside,\" said the Leeds player.")
    assert q.speaker == "Tom Varley"
    (q,) = quotes_of("Meanwhile, Perpignan centre Jean Dupuis is delighted to have received his first call-up. "
                     "\"It's incredible,\" the youngster said.")
    assert q.speaker == "Jean Dupuis" and q.speaker_mention == "the youngster"
    (q,) = quotes_of("Rio Fenton was happy. \"We were superb,\" the defender said.")
    assert q.speaker == "Rio Fenton"
    # rugby, cricket and other sports' positions too
    (q,) = quotes_of("Adam Jonas says the Wales forwards want to dominate France.\n\n"
                     "The prop said: \"If we get beaten up front our backs have had it.\"")
    assert q.speaker == "Adam Jonas"
    (q,) = quotes_of("Michael Vaugh scored a century.\n\nThe batsman said: \"It was a good day.\"")
    assert q.speaker == "Michael Vaugh"
    # a captain, and a position with words before it, of one the text called a star
    (q,) = quotes_of("Real Madrid midfielder David Beckam has no plans to become a manager.\n\n"
                     "\"I am not interested in being a coach,\" the England captain said on television.")
    assert q.speaker == "David Beckam"
    (q,) = quotes_of("Former All Black star Jonah Lomo says he cannot wait to play on 4 June.\n\nThe 29-year-old had "
                     "a transplant. \"I started training three weeks ago,\" the giant winger said.")
    assert q.speaker == "Jonah Lomo" and q.speaker_mention == "the giant winger"
    (q,) = quotes_of("Anna Smirnova won her first match. \"I love it here,\" the tournament debutant added.")
    assert q.speaker == "Anna Smirnova"


def test_a_description_by_position_needs_someone_the_text_was_about(quotes_of):
    # named only as an owner, never a subject or speaker: not who "the defender" is
    (q,) = quotes_of("Many doubt Malcolm Gower's motives. The central defender added: \"We must wait and see.\"")
    assert q.speaker is None and q.speaker_mention == "The central defender"
    (q,) = quotes_of("Manager Alan Curbs praised his team. \"He was superb,\" the defender said.")
    assert q.speaker is None  # the manager is not the defender


def test_an_office_nobody_was_titled_with_is_the_one_the_text_is_about(quotes_of):
    (q,) = quotes_of("Gerald Penhallow has attacked the government's record on housing.\n\n"
                     "\"Families are waiting far too long,\" the Conservative leader said in a speech.")
    assert q.speaker == "Gerald Penhallow" and q.speaker_mention == "the Conservative leader"
    (q,) = quotes_of("Marsha Colby wants the state to hire more teachers. Colby spoke in Dayton on Monday. "
                     "\"Our schools deserve better,\" the Democratic presidential candidate told the crowd.")
    assert q.speaker == "Marsha Colby"


def test_an_office_is_not_the_one_the_text_is_about_when_it_does_not_fit(quotes_of):
    # the text titled someone else with the office
    (q,) = quotes_of("Prime Minister Alan Treves met the mayor. Gerald Penhallow spoke first. Penhallow "
                     "was angry. \"We will not wait,\" the prime minister said.")
    assert q.speaker == "Alan Treves"
    # a shadow minister is not the minister
    (q,) = quotes_of("Shadow chancellor Gerald Penhallow attacked the budget. Penhallow spoke for an hour. "
                     "\"The figures add up,\" the chancellor told MPs.")
    assert q.speaker is None
    # a spokesman speaks for the one the text is about, and is not them
    (q,) = quotes_of("Gerald Penhallow has resigned. \"He will not comment further,\" the spokesman said.")
    assert q.speaker is None
    # someone named more often is who the text is about, not the last subject
    (q,) = quotes_of("Gerald Penhallow won the vote. Penhallow thanked his staff. Penhallow left early. "
                     "Marsha Colby asked about the budget. \"It is fine,\" the leader said.")
    assert q.speaker is None


def test_the_company_is_the_organization_the_text_was_about(quotes_of):
    quotes = quotes_of("Brightwave Inc has said it will recall 20,000 kettles. The company said the recall was "
                       "\"a precaution\" after reports of faults.\n\n"
                       "In a statement, it added: \"No one was hurt.\"")
    assert speakers(quotes) == ["Brightwave Inc", "Brightwave Inc"]
    assert [q.speaker_mention for q in quotes] == ["The company", "it"]


def test_the_company_is_the_one_most_named_not_the_last_named(quotes_of):
    (q,) = quotes_of("Brightwave Inc plans to close two stores. Brightwave Inc will also cut prices. "
                     "Its rival, Corvex Group, opened a store last year. "
                     "But the firm said it would \"keep hiring\" in the north.")
    assert q.speaker == "Brightwave Inc"


def test_it_is_not_an_organization_once_a_person_has_spoken(quotes_of):
    (q,) = quotes_of("Brightwave Corp said the merger was on track. Chief executive Jeroen Vos said he was happy. "
                     "\"It was a fair price,\" it added.")
    assert q.speaker is None
    (q,) = quotes_of("Brightwave Corp said the merger was on track. The tenants issued a statement saying it had "
                     "acted \"to protect families\".")
    assert q.speaker is None


def test_it_after_a_closing_quotation_mark_is_the_organization_that_spoke(quotes_of):
    quotes = quotes_of("Demand will pick up next year, the Brightwave Institute said. \"Firms have strong balance "
                       "sheets and high profits.\" \"Growth will come from exports,\" it added.")
    assert speakers(quotes) == ["Brightwave Institute", "Brightwave Institute"]
    assert quotes[1].speaker_mention == "it"
    # its initials in brackets are the same organization, not another one
    (q,) = quotes_of("The Brightwave Film Institute (BFI) hailed the film as bold. It claimed the director had "
                     "\"broken every rule\" to make it.")
    assert q.speaker == "Brightwave Film Institute"


def test_it_is_not_an_organization_once_another_has_spoken(quotes_of):
    # named as a subject since
    (q,) = quotes_of("Brightwave Corp said the deal was dead. Corvex Group made a new offer on Monday. "
                     "\"We are still at the table,\" it said.")
    assert q.speaker is None
    # "the firm" after another organization's name is that one
    (q,) = quotes_of("Brightwave Corp said the deal was dead. In a letter from Corvex Group announcing the "
                     "end of the talks, the firm denied it was to blame. \"We are still at the table,\" it said.")
    assert q.speaker is None
    # "the firm" after its own name is still the one that spoke
    (q,) = quotes_of("Brightwave Corp said it would recall 20,000 kettles. Brightwave Corp said the faults were "
                     "rare. The firm said fewer than one in 10,000 had failed. "
                     "In a statement, it added: \"No one was hurt.\"")
    assert q.speaker == "Brightwave Corp"


def test_the_newspaper_must_be_one(quotes_of):
    (q,) = quotes_of("Brightwave Corp has argued that it must cut costs. Jobs could move abroad, "
                     "the newspaper reported. \"We need lower costs,\" the newspaper quoted a manager as saying.")
    assert q.speaker is None
    (q,) = quotes_of("The Daily Courier said the mayor had caused anger. The newspaper said his reason was "
                     "\"a poor one\".")
    assert q.speaker == "Daily Courier"


def test_a_courtesy_title_makes_a_person_not_an_organization(nlp):
    body = "Deputy governor Helen Marsh spoke in London. \"Rates will rise,\" Ms Marsh said."
    doc = nlp(nlp_text(body))
    # what NER made of it on a real article: the name a person, the titled surname an organization
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 14, 16, label="ORG")]
    (q,) = extract_quotes(body, doc, parse=parse_sentences)
    assert q.speaker == "Helen Marsh"


def test_two_titles_joined_by_and_still_name_the_speaker(quotes_of):
    (q,) = quotes_of("\"We are in good shape,\" said Corvex president and chief executive Dan Ostrow.")
    assert q.speaker == "Dan Ostrow"
    quotes = quotes_of("Jim Dollard spoke first. \"He is back in that role,\" said former Vermont Gov. and "
                       "Democratic National Committee Chairman Ed Rendwell.")
    assert speakers(quotes) == ["Ed Rendwell"]


def test_an_adverb_between_speaker_and_cue(quotes_of):
    (q,) = quotes_of("Foreign Secretary Joan Tarrant was in Brussels. "
                     "The foreign secretary meanwhile said the \"fairness\" of the deal remained.")
    assert q.speaker == "Joan Tarrant" and q.speaker_mention == "The foreign secretary"


def test_the_chancellor_is_not_the_shadow_chancellor(quotes_of):
    quotes = quotes_of("Chancellor Ruth Gale delivered the Budget. Shadow chancellor Owen Pratt attacked it. "
                       "The chancellor insisted her plans were \"affordable\". "
                       "The shadow chancellor said they were \"a fantasy\".")
    assert speakers(quotes) == ["Ruth Gale", "Owen Pratt"]
    (q,) = quotes_of("Shadow chancellor Owen Pratt attacked the Budget. "
                     "The chancellor insisted her plans were \"affordable\".")
    assert q.speaker is None


def test_british_spelling_of_a_cue(quotes_of):
    (q,) = quotes_of("Charity director Robert Tansley criticised the system. "
                     "\"There is no sense in paying carers so differently.\"")
    assert q.speaker == "Robert Tansley" and q.cue == "criticised"


def test_a_passive_participle_reports_nothing(quotes_of):
    (q,) = quotes_of("The budget includes the \"full\" sum from the ministry announced by Minister Ruth Gale.")
    assert q.speaker is None
    (q,) = quotes_of("Senator Jill Marsh, smiling, responded by first saying \"a few kind words\".")
    assert q.speaker == "Jill Marsh"


def test_an_organization_introducing_a_quotation_with_a_colon(quotes_of):
    (q,) = quotes_of("As if answering him, the Ohio Board of Elections was firm in its "
                     "ruling: “The matter is closed.”")
    assert q.speaker == "Ohio Board of Elections"
    (q,) = quotes_of("Curt Shelling spoke on Monday. Shelling's son, Grant, defended his father, saying: "
                     "\"He has tried hard to learn.\"")
    assert q.speaker is None  # the son speaks, not the father whose name opens the sentence


def test_an_unclosed_apposition_with_no_role_word(quotes_of):
    (q,) = quotes_of("“The race is tightening,” Nora Vickery, the polling expert who founded the site "
                     "tweeted on Wednesday.")
    assert q.speaker == "Nora Vickery"
    (q,) = quotes_of("As Dale Corman attacked Nora Vickery, the attendees chanted, \"Not again!\"")
    assert q.speaker is None  # the name is not where a subject stands


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


def test_a_clause_opening_word_is_not_part_of_the_speaker_mention(quotes_of):
    (q,) = quotes_of("As Paul Flint said: \"We wanted to win.\"")
    assert q.speaker == "Paul Flint" and q.speaker_mention == "Paul Flint"


def test_a_cue_that_took_one_quotation_leaves_the_next_to_someone_else(quotes_of):
    quotes = quotes_of("And, in a clip that U.S. District Judge Michael W. Mosley called \"distasteful,\" Sandoval "
                       "expressed a desire to \"try, convict and shoot\" the senator.")
    assert speakers(quotes) == ["Michael W. Mosley", None]
    # the same clause keeps a list of its own partial quotations
    quotes = quotes_of("Prime Minister Ana Soto spoke on Monday. She pledged \"cooperation\" toward shared goals, "
                       "a \"deep and sincere\" bond, and a \"close relationship\" between the two countries.")
    assert speakers(quotes) == ["Ana Soto", "Ana Soto", "Ana Soto"]


def test_an_adverb_of_time_between_speaker_and_cue(quotes_of):
    (q,) = quotes_of("Anna Sorel, who left the house on Friday with 5% of the vote, afterwards said: "
                     "\"I am so glad I'm out.\"")
    assert q.speaker == "Anna Sorel"


def test_a_given_name_ner_took_for_a_title_is_the_one_person_of_that_name(nlp):
    body = "Serena Wills was at the event.\n\n\"We have a very close family,\" Serena continued."
    doc = nlp(nlp_text(body))
    serena = next(i for i, token in enumerate(doc) if i > 2 and token.text == "Serena")
    # what NER made of it on a real article: the full name a person, the given name a title
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, serena, serena + 1, label="WORK_OF_ART")]
    (q,) = extract_quotes(body, doc, parse=parse_sentences)
    assert q.speaker == "Serena Wills"


def test_an_organization_with_and_in_its_name_speaks_whole(quotes_of):
    (q,) = quotes_of("In a statement, the Department of Trade and Industry said the policy meant a \"sixfold "
                     "reduction in the number of shipments\".")
    assert q.speaker == "Department of Trade and Industry"


def test_a_long_affiliation_after_the_name_keeps_the_name(quotes_of):
    (q,) = quotes_of("“Tritium would help,” nuclear expert David Albrand of Washington's Institute for Science and "
                     "International Security wrote in September.")
    assert q.speaker == "David Albrand"
    (q,) = quotes_of("But General Secretary Dave Prentiss criticised the plans: \"You do not get good "
                     "services by hitting people.\"")
    assert q.speaker == "Dave Prentiss" and q.speaker_mention == "General Secretary Dave Prentiss"


def test_a_surname_keeps_meaning_the_namesake_it_meant(quotes_of):
    quotes = quotes_of("Patricia Smyth, mother of victim Sean Smyth, rejected the claim.\n\n"
                       "“We were face to face at the ceremony,” Smyth said. “She misled me.”\n\n"
                       "“… they still go on with their lying ways. I know what I heard.”\n\n"
                       "“There is a special place for people like her,” Smyth said last week.")
    assert speakers(quotes) == ["Patricia Smyth"] * 4
    assert not quotes[2].partial  # an excerpt opening its paragraph is not a fragment of a sentence


def test_a_first_name_is_not_read_as_a_namesake_s_surname(quotes_of):
    (q,) = quotes_of("Donald Trumble was the younger brother. Freddy Trumble chose him as best man in 1977, an "
                     "honor Donald said he hoped would be \"a good thing for him.\"")
    assert q.speaker == "Donald Trumble"


def test_an_apposition_between_dashes(quotes_of):
    (q,) = quotes_of("Mr Ulrich Bezzer - himself a former executive at rival Porsche - said the new car was the "
                     "company's \"most affordable car ever\".")
    assert q.speaker == "Ulrich Bezzer"
    # a hyphen inside a word sets nothing apart
    quotes = quotes_of("Mike Penner played a clip of Gov. Maggie Hassel. The nominee riffed on Hassel's non-answer, "
                       "drawing laughs. \"Governor, let me help you out - the answer is no,\" Penner said.")
    assert speakers(quotes) == ["Mike Penner"]
    # nor is a firm the speaker after "of"
    (q,) = quotes_of("Tom Aldous, a director of CB Richard Elms - an international real estate company - told the "
                     "BBC this was \"a big positive step\".")
    assert q.speaker != "Richard Elms"


def test_a_quotation_after_what_someone_feels_is_theirs(quotes_of):
    quotes = quotes_of("Italy lock Marco Bortolani feels the Edinburgh contest could be a battle of the packs. "
                       "\"It will not be a pretty game because both teams are strong up front.\"")
    assert speakers(quotes) == ["Marco Bortolani"]
    # but a slogan that goes on into the sentence is not
    quotes = quotes_of("Jasper Singh, 47, voted Republican in 2008. But he fears the country has lost its swagger. "
                       "\"Make America Great Again\" resonated with him so much that he wears it on a hat.")
    assert speakers(quotes) == [None]


def test_whom_a_spokesman_speaks_for_is_not_the_speaker(quotes_of):
    quotes = quotes_of("Michael Howland attacked the plan. A spokesman for Michael Howland said the views were "
                       "\"very different\".")
    assert speakers(quotes) == [None]
    (q,) = quotes_of("A director of CB Richard Elms told the BBC this was \"a big positive step\".")
    assert q.speaker is None
    # a name after "for" heading the phrase of its own is still the speaker
    (q,) = quotes_of("Bernard Sandler lost New York. The loss was steep for Mr. Sandler, who said he intended to "
                     "get \"recharged and take a day off.\"")
    assert q.speaker == "Bernard Sandler"


def test_an_office_is_not_the_one_whose_office_it_is(quotes_of):
    (q,) = quotes_of("Prime Minister Ephraim Inoma spoke on Monday. The prime minister's office said auditors had "
                     "found \"irregularities in the career structure\".")
    assert q.speaker is None
    (q,) = quotes_of("Tony Blare spoke. The prime minister shrugged off claims from Conservative leader Michael "
                     "Howling that he led a \"grubby government\".")
    assert q.speaker != "Tony Blare"


def test_a_titled_name_apposed_to_a_description_speaks(quotes_of):
    (q,) = quotes_of("Another peer meanwhile, Lord Skidmore, said not to publish the opinion would \"strengthen "
                     "the suspicion\".")
    assert q.speaker == "Skidmore" and q.speaker_mention == "Lord Skidmore"


def test_a_government_body_named_by_its_people_is_not_a_chief_executive(quotes_of):
    (q,) = quotes_of("Chief executive Jack Lawson spoke. But the Scottish Executive insisted: \"We have no plans to "
                     "change the law.\"")
    assert q.speaker == "Scottish Executive"


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


def test_a_capitalized_body_is_itself_not_the_last_company_that_spoke(quotes_of):
    quotes = quotes_of('"We expect to resist the charges," said a Vodaphone spokesman.\n\n'
                       'The European Commission wrote to the firm in July. "The Commission aims to protect '
                       'consumers," the Commission said.')
    assert speakers(quotes) == ["Vodaphone", "European Commission"]


def test_a_dash_line_naming_someone_heads_the_quotation_after_it(quotes_of):
    quotes = quotes_of('Dyer scored twice.\n\n- Bolton boss Sam Allardine "I am bitterly disappointed with the '
                       'result." \n - Newcastle boss Graham Sowerby "We deserved the win." Newcastle: Given, Carr.')
    assert speakers(quotes) == ["Sam Allardine", "Graham Sowerby"]


def test_it_and_a_bare_spokesman_speak_for_the_body_the_text_was_about(quotes_of):
    # the organization the sentence before opened with, no one else having spoken
    quotes = quotes_of("Ministers opposed the plan. The Federation of Small Traders welcomed the proposal. "
                       "\"This is the best of both worlds,\" it said. \"Members will be pleased.\"")
    assert speakers(quotes) == ["Federation of Small Traders", "Federation of Small Traders"]
    (q,) = quotes_of("But the Home Office defended the measures. A spokesman said: \"The law is clear.\"")
    assert q.speaker == "Home Office"
    # "the spokesman" is the one a body's spokesman was
    quotes = quotes_of("A Corvex Group spokesman said the player was injured. \"He could not train,\" the "
                       "spokesman said.")
    assert speakers(quotes) == ["Corvex Group"]
    # a person in between is who "it" might follow; a person's spokesman is not a body's
    (q,) = quotes_of("The Federation of Small Traders welcomed the proposal. Gerald Penhallow spoke next. "
                     "\"This is the best of both worlds,\" it said.")
    assert q.speaker is None
    (q,) = quotes_of("Gerald Penhallow has resigned. \"He will not comment further,\" a spokesman said.")
    assert q.speaker is None


def test_a_league_or_a_name_ner_missed_before_spokesman_is_the_body(quotes_of):
    quotes = quotes_of("\"It's hard to put a date on it,\" a Premier League spokesman confirmed.")
    assert speakers(quotes) == ["Premier League"]


def test_a_long_lowercase_title_before_a_name_after_the_cue(quotes_of):
    quotes = quotes_of("\"This is typical,\" said Tory shadow local government secretary Carla Penwright. "
                       "\"They claim to help.\"")
    assert speakers(quotes) == ["Carla Penwright", "Carla Penwright"]
    # but not a verb phrase running on to a titled name
    (q,) = quotes_of("Mr Ambrose spoke first. Mr Ambrose also paid tribute to Democrat Jon Kesten's campaign, "
                     "saying he had made the election \"a true celebration\".")
    assert q.speaker == "Ambrose"


def test_a_dotted_site_name_does_not_end_the_sentence(quotes_of):
    (q,) = quotes_of("Carl Ebberly, editor of fansite Halo.Vexon.Org, said: \"Vexon got everything right. "
                     "They were careful.\"")
    assert q.speaker == "Carl Ebberly"


def test_a_seed_is_titled_and_the_top_seed_is_not_the_seventh(quotes_of):
    (q,) = quotes_of("\"No one was more concerned than myself,\" said eighth seed Marlowe.")
    assert q.speaker == "Marlowe"
    (q,) = quotes_of("Anton Keller beat seventh seed Felipe Lorca. \"I played well,\" said the top seed.")
    assert q.speaker != "Felipe Lorca"


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


def test_a_relative_clause_with_no_closing_comma_leaves_the_name_the_speaker(quotes_of):
    (q,) = quotes_of("\"Trump says different things,\" Katie Pecker, who is chairman of Our Principles Pac said "
                     "in a statement.")
    assert (q.speaker, q.speaker_mention) == ("Katie Pecker", "Katie Pecker")


def test_chairman_says_nothing_of_gender(quotes_of):
    (q,) = quotes_of("Party chairman Dorinda Halworth urged the two men to step down in a letter.\n\n"
                     "She said: \"The party has taken legal advice.\"")
    assert q.speaker == "Dorinda Halworth"


def test_an_mp_or_a_chief_described_is_the_one_the_text_is_about(quotes_of):
    (q,) = quotes_of("Hazel Brierley said innocent people would be targeted, she told an inquiry.\n\n"
                     "\"The threat is most likely to come from a few,\" the Salford MP told the committee.")
    assert q.speaker == "Hazel Brierley"
    (q,) = quotes_of("Wigan chairman Maurice Lyndon says he does not expect a quick solution. Lyndon also said he "
                     "understood the interest. \"It'd be a great loss for us,\" said the Warriors chief.")
    assert q.speaker == "Maurice Lyndon"


def test_a_team_member_may_be_the_champion(quotes_of):
    (q,) = quotes_of("Team member Hayley Yellon said the team would understand. \"It would be fantastic to have her,\" "
                     "said the European cross-country champion.")
    assert q.speaker == "Hayley Yellon"


def test_a_post_after_an_owner_is_a_noun_and_its_owner_speaks(quotes_of):
    (q,) = quotes_of("Jed Bushnell endorsed the senator on Wednesday. From Bushnell's Facebook post: \"For the sake "
                     "of our party, we must move on.\"")
    assert q.speaker == "Jed Bushnell"
    # "a Facebook post" is no one's words
    (q,) = quotes_of("A friend wrote in a Facebook post that he was \"the most beautiful soul I have met.\"")
    assert q.speaker != "Facebook"


def test_a_question_is_not_reported_speech_for_the_answer_after_it(quotes_of):
    (q,) = quotes_of("Dick Morrow leads the campaign. So is the party's job to destroy the Tories, as former member "
                     "Robert Kelby once declared? \"No. The aim is to leave the union.\"")
    assert q.speaker != "Robert Kelby"


def test_an_embedded_tweet_is_signed_by_its_author(quotes_of):
    (q,) = quotes_of("Meanwhile, the debate went on.\n\n\"Crooked Hilda Clinger is unfit to serve. Bad judgement!\" "
                     "— Donald J. Tramp (@realDonaldTramp) May 5, 2016\n\nClinger did not respond.")
    assert q.speaker == "Donald J. Tramp"


def test_in_the_words_of_and_a_statement_that_reads(quotes_of):
    (q,) = quotes_of("In the words of Hilda Clinger, \"We are stronger together.\"")
    assert q.speaker == "Hilda Clinger"
    (q,) = quotes_of("The statement from Sen. Bernard Sandler read: \"We will fight on.\"")
    assert q.speaker == "Bernard Sandler"
    # reading aloud is not a document speaking
    (q,) = quotes_of("Mr Tramp read the statement aloud: \"We will win.\"")
    assert q.cue != "read"


def test_a_name_after_an_organizations_possessive_is_its_writer(quotes_of):
    (q,) = quotes_of("As the Washington Post’s Ishaan Tarooki wrote, “after the vote, the ministry said it was an "
                     "example of double standards.”")
    assert q.speaker == "Ishaan Tarooki"


def test_a_fragment_right_after_a_credited_quotation_continues_it(quotes_of):
    quotes = quotes_of("“She has the same friends she had in school,” Bill Clenton has said. That makes her “by "
                       "definition a trustworthy person.”")
    assert speakers(quotes) == ["Bill Clenton", "Bill Clenton"]
    # not when the sentence cues someone else's words
    quotes = quotes_of("“We will learn,” said chairman Barry Shearman. The report warns that the ministry \"should "
                       "learn the lessons from this disaster\".")
    assert speakers(quotes) == ["Barry Shearman", None]


def test_a_subject_after_an_opening_place_and_time(quotes_of):
    (q,) = quotes_of("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinger tried to expand on her earlier "
                     "statement, saying that the United States should play a leadership role and ''be rallying our "
                     "partners and allies, pulling countries off the sidelines.''")
    assert q.speaker == "Clinger"


def test_a_subject_after_a_long_opening_phrase(quotes_of):
    quotes = quotes_of("''We will win,'' Donald J. Tramp said.\n\nHaving sputtered in his own run for the White House "
                       "in 2016 and facing disappointment in his bid for second place on the ticket, Mr. Christy "
                       "nevertheless gave the crowd his all. This time he spoke briefly of his friendship with "
                       "Mr. Tramp. It is time for the country to be led, he said, ''not only by a strong leader.''")
    assert speakers(quotes) == ["Donald J. Tramp", "Christy"]


def test_a_nationality_in_a_description_picks_that_countrys_leader(quotes_of):
    quotes = quotes_of("President Vladimir V. Pushkin of Russia spoke for four hours. He rose to the defense of Sepp "
                       "Blattner, the embattled president of FIFA, saying Mr. Blattner should be given a prize.\n\n"
                       "''There is no doubt that he is a very bright man,'' the Russian leader said.")
    assert speakers(quotes) == ["Vladimir V. Pushkin"]


def test_a_name_glued_to_a_closing_quotation_mark(quotes_of):
    (q,) = quotes_of('"Trimp says different things to different audiences,"Katie Parker, who chairs the group, '
                     'said in a statement.')
    assert q.speaker == "Katie Parker"



def test_decried_is_a_cue_whose_object_is_not_the_speaker(quotes_of):
    (q,) = quotes_of("In his speech, Mr. Obana decried the ''spin masters who embrace the politics of anything goes.''")
    assert (q.speaker, q.cue) == ("Obana", "decried")


def test_a_group_word_opening_a_sentence_is_nobody_a_pronoun_can_mean(quotes_of):
    quotes = quotes_of("Critics say the group is secretive. Her comments did not impress Tory shadow education "
                       "secretary Tim Colins. “She has absolutely no idea what to put in its place,” he said.")
    assert speakers(quotes) == ["Tim Colins"]
    quotes = quotes_of("Police said the actor had died of natural causes.\n\n“He was my hero,” she said.")
    assert speakers(quotes) == [None]


def test_a_pronoun_after_an_unnamed_spokesman_is_his_not_the_last_person_named(quotes_of):
    quotes = quotes_of("Much of the funding came from millionaire Sir Paul Sikes. But a UKIP spokesman said Labour had "
                       "spent £10m on the last election. “The only way we can get our message across is by buying "
                       "advertising,” he added.")
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [("UKIP", "he")]  # whom he speaks for
    quotes = quotes_of("Much of the funding came from millionaire Sir Paul Sikes. But a spokesman said Labour had "
                       "spent £10m. “The only way is advertising,” he added.")
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [(None, "he")]
    # a name in what the spokeswoman said is not who "she" is
    quotes = quotes_of("The BBC spokeswoman said Graham Nortin's new show would be a priority. “That is very much "
                       "on the cards,” she said.")
    assert speakers(quotes) == ["BBC"]
    # but one named again since is
    quotes = quotes_of("A spokesman said the firm would appeal. Shadow education secretary Tim Colins is setting out "
                       "grants to tackle what he says are “crippling skills shortages”.")
    assert speakers(quotes) == ["Tim Colins"]


def test_a_hyphenated_surname_after_mr_is_the_person_named_in_full(quotes_of):
    quotes = quotes_of("The film is about former MEP Robert Kilvoy-Salk. Mr Kilvoy-Salk told the party he had not "
                       "left. He told Mr Farrage: “Don't tell lies, Nigel.”")
    assert speakers(quotes) == ["Robert Kilvoy-Salk"]


@pytest.mark.parametrize("body, expected", [
    # a name glued by a hyphen to a lower-case word describes; it names no one
    ("Hollywood actor Liam Nisson said he was saddened. The Oscar-nominated actor said: “The theatre is too "
     "important to close.”", "Liam Nisson"),
    # "General" opening a company's name is no rank
    ("US behemoth General Electric has posted an 18% jump in sales and declared itself “in great shape”.",
     "General Electric"),
    # a nationality NER took for an organization is no body
    ("The 55-year-old Frenchman told the club's website: “I love this club.”", None),
    ("Ecologists are warning that the country may have to accept “significant intrusion”.", None),
    ("A Department for Education and Skills source said: “Every day in school counts.”", None),
    # a name in a relative clause is not the speaker, unless it is the speaker's real name
    ("Liam Nisson said he was saddened. The actor, whose films include Michael Colins, said: “The theatre "
     "is too important to close.”", "Liam Nisson"),
    ("The Game, whose real name is Jayson Tailor, told a news conference: “I want to apologise.”", "Jayson Tailor"),
])
def test_words_that_look_like_names_of_speakers_are_not(quotes_of, body, expected):
    (q,) = quotes_of(body)
    assert q.speaker == expected


def test_a_hyphenated_description_before_the_name(quotes_of):
    (q,) = quotes_of("“We will fight this,” said Idaho nutritional-supplement executive Frank Vandersloop.")
    assert q.speaker == "Frank Vandersloop"


@pytest.mark.parametrize("body", [
    # a lower-case body is no organization a spokesman speaks for
    "Boeing and the machinists have not met since June. “The offer is an insult,” a machinists spokesman said.",
    # a group of people is no one a pronoun can mean
    "Politicos call the plan a gamble. “It will not pass,” he said.",
])
def test_groups_that_are_no_speaker(quotes_of, body):
    (q,) = quotes_of(body)
    assert q.speaker is None
