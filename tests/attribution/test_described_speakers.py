"""Descriptions: "the spokesman", "the Texas senator", "the 34-year-old", "the American" resolved
to the person the text gave that role or is about; unnamed sources kept as the mention."""
from __future__ import annotations

from quote_helpers import speakers


def test_description_matches_the_role_the_text_gave(quotes_of):
    body = ("Kremlin spokesman Dmitry Peskov spoke to reporters. Russian President Vladimir Putin "
            "was not present.\n\n"
            "“We want to see progress,” warned Vladimir Putin’s spokesman.")
    (q,) = quotes_of(body)
    assert q.speaker == "Dmitry Peskov"
    assert q.speaker_mention == "Vladimir Putin’s spokesman"


def test_unnamed_source_is_kept_as_mention_only(quotes_of):
    (q,) = quotes_of("“The talks are over,” a senior official said.")
    assert q.speaker is None
    assert q.speaker_mention == "a senior official"


def test_a_description_does_not_mean_someone_named_only_inside_the_quotation(quotes_of):
    body = ("Bill Crane joined the attack at a rally on Monday. “The man running against Anna is running "
            "harder against President Tom Hale and me than against anyone,” the former president said.\n\n"
            "“He will get used to it,” he said.")
    # President Hale is named only inside the quotation; the former president is the one the text
    # is about, whom it never titled
    assert speakers(quotes_of(body)) == ["Bill Crane", "Bill Crane"]


def test_a_description_with_a_place_finds_the_one_from_there(quotes_of):
    body = "Texas Sen. Ted Cruz and Arizona Sen. John McCain spoke at the forum.\n\n“We will fight,” the Texas senator said."
    assert speakers(quotes_of(body)) == ["Ted Cruz"]
    body = ("Sen. Marco Rubio (R-Fla.) and Sen. John McCain (R-Ariz.) spoke at the forum.\n\n"
            "“We will fight,” said the Florida senator.")
    assert speakers(quotes_of(body)) == ["Marco Rubio"]


def test_a_party_in_a_description(quotes_of):
    body = ("Democratic front-runner Hillary Clinton spoke on Friday. Republican candidate Donald Trump spoke on "
            "Sunday.\n\nSpeaking on CBS, the GOP front-runner said Clinton “caused tremendous death” as secretary.")
    assert speakers(quotes_of(body)) == ["Donald Trump"]
    body = ("Democratic front-runner Hillary Clinton spoke on Friday.\n\n"
            "Speaking on CBS, the GOP front-runner said Clinton “caused tremendous death” as secretary.")
    assert speakers(quotes_of(body)) == [None]  # the one front-runner named is the other party's


def test_the_former_president_is_the_one_the_text_called_former(quotes_of):
    body = ("President Tom Hale visited Ohio with former President Bill Crane on Monday. Hale spoke first.\n\n"
            "“Ohio has always been good to me,” the former president said.")
    assert speakers(quotes_of(body)) == ["Bill Crane"]


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


def test_the_american_is_the_one_the_text_was_about_before_the_sentence(quotes_of):
    (q,) = quotes_of("World number one Lena Darby has criticised the club over prize money. Reacting to a "
                     "comment by chairman Tom Phelps, the American said: “I think it is highly insulting.”")
    assert q.speaker == "Lena Darby" and q.speaker_mention == "the American"


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


def test_the_chancellor_is_not_the_shadow_chancellor(quotes_of):
    quotes = quotes_of("Chancellor Ruth Gale delivered the Budget. Shadow chancellor Owen Pratt attacked it. "
                       "The chancellor insisted her plans were \"affordable\". "
                       "The shadow chancellor said they were \"a fantasy\".")
    assert speakers(quotes) == ["Ruth Gale", "Owen Pratt"]
    (q,) = quotes_of("Shadow chancellor Owen Pratt attacked the Budget. "
                     "The chancellor insisted her plans were \"affordable\".")
    assert q.speaker is None


def test_an_office_is_not_the_one_whose_office_it_is(quotes_of):
    (q,) = quotes_of("Prime Minister Ephraim Inoma spoke on Monday. The prime minister's office said auditors had "
                     "found \"irregularities in the career structure\".")
    assert q.speaker is None
    (q,) = quotes_of("Tony Blare spoke. The prime minister shrugged off claims from Conservative leader Michael "
                     "Howling that he led a \"grubby government\".")
    assert q.speaker != "Tony Blare"


def test_a_seed_is_titled_and_the_top_seed_is_not_the_seventh(quotes_of):
    (q,) = quotes_of("\"No one was more concerned than myself,\" said eighth seed Marlowe.")
    assert q.speaker == "Marlowe"
    (q,) = quotes_of("Anton Keller beat seventh seed Felipe Lorca. \"I played well,\" said the top seed.")
    assert q.speaker != "Felipe Lorca"


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


def test_a_nationality_in_a_description_picks_that_countrys_leader(quotes_of):
    quotes = quotes_of("President Vladimir V. Pushkin of Russia spoke for four hours. He rose to the defense of Sepp "
                       "Blattner, the embattled president of FIFA, saying Mr. Blattner should be given a prize.\n\n"
                       "''There is no doubt that he is a very bright man,'' the Russian leader said.")
    assert speakers(quotes) == ["Vladimir V. Pushkin"]
