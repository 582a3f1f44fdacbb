"""Named speakers: a name beside the cue, with its titles and appositions, names NER missed or
mislabelled, and which of several namesakes a surname means."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from archive.nlp import parse_sentences
from archive.quotes import extract_quotes, nlp_text

from quote_helpers import speakers


def test_a_title_before_the_name(quotes_of):
    (q,) = quotes_of("“The talks have failed,” Kremlin spokesman Dmitry Peskov said on Sunday.")
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_mention == "Kremlin spokesman Dmitry Peskov"
    assert q.cue == "said"
    assert q.confidence > 0.8


def test_a_cue_before_the_name_after_the_quotation(quotes_of):
    (q,) = quotes_of("“We are ready,” said Angela Merkel, the German chancellor.")
    assert q.speaker == "Angela Merkel"


def test_an_age_between_the_name_and_the_cue(quotes_of):
    (q,) = quotes_of("“I never liked it,” Peskov, 54, said.")
    assert q.speaker == "Peskov"


def test_a_role_between_commas_after_the_name(quotes_of):
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


def test_name_variants_are_one_speaker(quotes_of):
    body = ("“First,” Dmitry Peskov said.\n\n"
            "“Second,” Dmitri Peskov added.\n\n"
            "“Third,” said Mr. Peskov.")
    assert speakers(quotes_of(body)) == ["Dmitry Peskov"] * 3


def test_abbreviated_ranks_stay_in_the_name(quotes_of):
    (q,) = quotes_of("“We will not change course,” said Pentagon spokesman Navy Capt. Jeff Davis.")
    assert q.speaker == "Jeff Davis"


def test_a_name_after_a_role_nobody_else_holds(quotes_of):
    (q,) = quotes_of("“We had a big issue with trade,” said United Auto Workers Secretary-Treasurer Gary Casteel.")
    assert q.speaker == "Gary Casteel"


def test_a_name_with_himself_is_the_speaker(quotes_of):
    body = ("Tom Baker could lose. Baker himself acknowledged on Monday night “it will be very hard for us "
            "to win” if he keeps losing ground.")
    (q,) = quotes_of(body)
    assert (q.speaker, q.speaker_mention) == ("Tom Baker", "Baker himself")


def test_a_known_name_that_ner_labelled_otherwise_is_still_the_person(nlp):
    from spacy.tokens import Span

    body = "Donald Trump spoke in Ohio.\n\n“We will build it,” Trump told The Associated Press of the prospects."
    doc = nlp(body)
    start = next(t.i for t in doc if t.text == "Trump" and t.i > 3)
    doc.set_ents([Span(doc, start, start + 5, label="WORK_OF_ART")], default="unmodified")  # as NER sometimes does
    assert speakers(extract_quotes(body, doc, parse=parse_sentences)) == ["Donald Trump"]


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


def test_a_name_before_an_apposition_no_comma_closes(quotes_of):
    (q,) = quotes_of("Ann Lee, president and CEO of the Ohio Restaurant Association stated, “It is a math problem.”")
    assert q.speaker == "Ann Lee"
    body = "“Lock her up,” Clinton, the attendees chanted."
    assert speakers(quotes_of(body)) == [None]  # "the attendees" are the speakers: nobody named


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


def test_a_capitalized_common_word_before_a_cue_is_no_ones_name(quotes_of):
    (q,) = quotes_of("The mayor left early.\n\nAides said: “The budget is settled.”")
    assert q.speaker is None and q.speaker_mention == "Aides"
    (q,) = quotes_of("“The budget is settled,” Harlow Quenby said.")
    assert q.speaker == "Harlow Quenby"  # an unknown name still speaks


def test_a_surname_after_but_is_the_person_named_before(quotes_of):
    (q,) = quotes_of('Former winger David Campese criticised the coach. But Campese told the radio station: '
                     '"They complain about every referee."')
    assert q.speaker == "David Campese"


def test_letters_after_the_name_do_not_hide_it(quotes_of):
    (q,) = quotes_of("Chairman of the Audit Committee Peter Ainslie MP said: “It is a stinging rebuke.”")
    assert q.speaker == "Peter Ainslie"


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


def test_an_unclosed_apposition_with_no_role_word(quotes_of):
    (q,) = quotes_of("“The race is tightening,” Nora Vickery, the polling expert who founded the site "
                     "tweeted on Wednesday.")
    assert q.speaker == "Nora Vickery"
    (q,) = quotes_of("As Dale Corman attacked Nora Vickery, the attendees chanted, \"Not again!\"")
    assert q.speaker is None  # the name is not where a subject stands


def test_a_clause_opening_word_is_not_part_of_the_speaker_mention(quotes_of):
    (q,) = quotes_of("As Paul Flint said: \"We wanted to win.\"")
    assert q.speaker == "Paul Flint" and q.speaker_mention == "Paul Flint"


def test_a_given_name_ner_took_for_a_title_is_the_one_person_of_that_name(nlp):
    body = "Serena Wills was at the event.\n\n\"We have a very close family,\" Serena continued."
    doc = nlp(nlp_text(body))
    serena = next(i for i, token in enumerate(doc) if i > 2 and token.text == "Serena")
    # what NER made of it on a real article: the full name a person, the given name a title
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, serena, serena + 1, label="WORK_OF_ART")]
    (q,) = extract_quotes(body, doc, parse=parse_sentences)
    assert q.speaker == "Serena Wills"


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


def test_a_titled_name_apposed_to_a_description_speaks(quotes_of):
    (q,) = quotes_of("Another peer meanwhile, Lord Skidmore, said not to publish the opinion would \"strengthen "
                     "the suspicion\".")
    assert q.speaker == "Skidmore" and q.speaker_mention == "Lord Skidmore"


def test_a_long_lowercase_title_before_a_name_after_the_cue(quotes_of):
    quotes = quotes_of("\"This is typical,\" said Tory shadow local government secretary Carla Penwright. "
                       "\"They claim to help.\"")
    assert speakers(quotes) == ["Carla Penwright", "Carla Penwright"]
    # but not a verb phrase running on to a titled name
    (q,) = quotes_of("Mr Ambrose spoke first. Mr Ambrose also paid tribute to Democrat Jon Kesten's campaign, "
                     "saying he had made the election \"a true celebration\".")
    assert q.speaker == "Ambrose"


def test_a_relative_clause_with_no_closing_comma_leaves_the_name_the_speaker(quotes_of):
    (q,) = quotes_of("\"Trump says different things,\" Katie Pecker, who is chairman of Our Principles Pac said "
                     "in a statement.")
    assert (q.speaker, q.speaker_mention) == ("Katie Pecker", "Katie Pecker")


def test_a_name_after_an_organizations_possessive_is_its_writer(quotes_of):
    (q,) = quotes_of("As the Washington Post’s Ishaan Tarooki wrote, “after the vote, the ministry said it was an "
                     "example of double standards.”")
    assert q.speaker == "Ishaan Tarooki"


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
