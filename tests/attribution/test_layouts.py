"""Quotations credited by layout: a colon, a signature or dash line, an embedded tweet, a
statement announced before the quotation."""
from __future__ import annotations

from quote_helpers import speakers


def test_quote_in_the_paragraph_after_a_colon(quotes_of):
    body = "Senator Ted Cruz continued:\n\n“The questions asked tonight were unfair.”"
    assert speakers(quotes_of(body)) == ["Ted Cruz"]


def test_signature_in_the_next_paragraph(quotes_of):
    body = "“We will never give up on this city.”\n\n― Mayor Tom Baker"
    assert speakers(quotes_of(body)) == ["Tom Baker"]


def test_statement_announced_in_the_paragraph_before(quotes_of):
    body = "Senator Maria Lopez released the following statement:\n\n“We grieve with the families.”"
    assert speakers(quotes_of(body)) == ["Maria Lopez"]


def test_a_signature_dash_written_against_the_name(quotes_of):
    body = "“Great speech. She is ready. She never quits.”\n\n-President Barack Obama, tweeting after the speech."
    assert speakers(quotes_of(body)) == ["Barack Obama"]


def test_a_colon_speaker_is_in_the_colons_own_sentence(quotes_of):
    body = ("“Do something about it,” said Tom Baker, president of the city’s police union. "
            "Governor John Kasich resisted: “Governors do not have that power.”")
    assert speakers(quotes_of(body)) == ["Tom Baker", "John Kasich"]
    body = "As John Cornyn, the No. 2 in the Senate leadership, put it: “This person will not be confirmed.”"
    assert speakers(quotes_of(body)) == ["John Cornyn"]


def test_a_reporting_sentence_right_before_the_quotation(quotes_of):
    body = ("Sam Lee, the communications director for the state party said in a statement. "
            "“There are no paper ballots to recount.”")
    assert speakers(quotes_of(body)) == ["Sam Lee"]


def test_a_subject_after_an_opening_clause_naming_someone_else(quotes_of):
    body = ("When Governor Tom Wallace died in 1998, President Bill Clinton released the following statement:\n\n"
            "“We offer our condolences to the family.”")
    assert speakers(quotes_of(body)) == ["Bill Clinton"]


def test_a_colon_after_the_object_is_the_subjects(quotes_of):
    body = ("Senate Majority Leader Mitch McConnell delivered a blunt message to Donald Trump: "
            "“It is time to quit attacking people.”")
    assert speakers(quotes_of(body)) == ["Mitch McConnell"]


def test_a_colon_the_tokenizer_kept_with_the_mark(quotes_of):
    (q,) = quotes_of('Rep. Trey Gowdy (R-S.C.):"I have not heard anyone cite that figure. Who told you that?"')
    assert q.speaker == "Trey Gowdy"


def test_a_quotation_after_a_paragraph_telling_of_a_statement(quotes_of):
    body = ("At the chair's direction, the DNC issued a statement apologizing to Sanders for the emails.\n\n"
            "“On behalf of everyone at the DNC, we want to offer a deep and sincere apology.”")
    assert speakers(quotes_of(body)) == ["Democratic Party"]
    body = "Senator Mary Lee issued a statement on Friday.\n\n“We grieve with the families.”"
    assert speakers(quotes_of(body)) == ["Mary Lee"]


def test_a_signature_line_credits_the_quotation_above_it(quotes_of):
    body = ("Quotable.\n\n\"We will count every vote.\"\n\n-President Obama, speaking after the rally.\n\n"
            "\"The buses were late again.\"\n\n-Marla Quince, Philadelphia.\n\n"
            "\"Prices rose again in May.\"\n\n- Reuters.")
    quotes = quotes_of(body)
    assert speakers(quotes) == ["Obama", "Marla Quince", None]
    assert [body[q.start:q.end] for q in quotes] == [q.text for q in quotes]
    assert quotes[1].text == "The buses were late again."
    assert quotes[1].cue == "—" and quotes[1].speaker_mention == "Marla Quince"


def test_an_organization_introducing_a_quotation_with_a_colon(quotes_of):
    (q,) = quotes_of("As if answering him, the Ohio Board of Elections was firm in its "
                     "ruling: “The matter is closed.”")
    assert q.speaker == "Ohio Board of Elections"
    (q,) = quotes_of("Curt Shelling spoke on Monday. Shelling's son, Grant, defended his father, saying: "
                     "\"He has tried hard to learn.\"")
    assert q.speaker is None  # the son speaks, not the father whose name opens the sentence


def test_a_dash_line_naming_someone_heads_the_quotation_after_it(quotes_of):
    quotes = quotes_of('Dyer scored twice.\n\n- Bolton boss Sam Allardine "I am bitterly disappointed with the '
                       'result." \n - Newcastle boss Graham Sowerby "We deserved the win." Newcastle: Given, Carr.')
    assert speakers(quotes) == ["Sam Allardine", "Graham Sowerby"]


def test_an_embedded_tweet_is_signed_by_its_author(quotes_of):
    (q,) = quotes_of("Meanwhile, the debate went on.\n\n\"Crooked Hilda Clinger is unfit to serve. Bad judgement!\" "
                     "— Donald J. Tramp (@realDonaldTramp) May 5, 2016\n\nClinger did not respond.")
    assert q.speaker == "Donald J. Tramp"
