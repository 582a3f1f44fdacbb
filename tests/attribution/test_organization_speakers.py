"""Organizations as speakers: named bodies, unnamed spokespeople, "it", "the company",
"the newspaper"."""
from __future__ import annotations

import pytest

from quote_helpers import speakers


def test_an_organization_before_the_cue(quotes_of):
    (q,) = quotes_of("“The report is false,” the White House said in a statement.")
    assert q.speaker == "White House"


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


def test_an_organization_with_and_in_its_name_speaks_whole(quotes_of):
    (q,) = quotes_of("In a statement, the Department of Trade and Industry said the policy meant a \"sixfold "
                     "reduction in the number of shipments\".")
    assert q.speaker == "Department of Trade and Industry"


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


def test_a_government_body_named_by_its_people_is_not_a_chief_executive(quotes_of):
    (q,) = quotes_of("Chief executive Jack Lawson spoke. But the Scottish Executive insisted: \"We have no plans to "
                     "change the law.\"")
    assert q.speaker == "Scottish Executive"


def test_a_capitalized_body_is_itself_not_the_last_company_that_spoke(quotes_of):
    quotes = quotes_of('"We expect to resist the charges," said a Vodaphone spokesman.\n\n'
                       'The European Commission wrote to the firm in July. "The Commission aims to protect '
                       'consumers," the Commission said.')
    assert speakers(quotes) == ["Vodaphone", "European Commission"]


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


@pytest.mark.parametrize("body", [
    # a lower-case body is no organization a spokesman speaks for
    "Boeing and the machinists have not met since June. “The offer is an insult,” a machinists spokesman said.",
    # a group of people is no one a pronoun can mean
    "Politicos call the plan a gamble. “It will not pass,” he said.",
])
def test_groups_that_are_no_speaker(quotes_of, body):
    (q,) = quotes_of(body)
    assert q.speaker is None
