"""Pairing quote marks: every quotation found, apostrophes left alone, nothing swallowed."""
from __future__ import annotations

from archive.quote_spans import find_quote_spans


def quoted(text: str) -> list[str]:
    return [text[s.text_start:s.text_end] for s in find_quote_spans(text)]


def test_curly_and_straight_quotes():
    assert quoted("“We will act,” she said. He replied \"no\" twice.") == ["We will act", "no"]


def test_guillemets_and_low_marks():
    assert quoted("« Bonjour », a-t-il dit.") == ["Bonjour"]
    assert quoted("„Ja“, sagte er.") == ["Ja"]


def test_mixed_pair_closes():
    text = "“At this stage, we have failed to achieve this result. »"
    assert quoted(text) == ["At this stage, we have failed to achieve this result."]


def test_single_quotes_at_top_level():
    assert quoted("‘We are ready,’ the minister said.") == ["We are ready"]


def test_apostrophes_are_not_marks():
    text = "Ukraine’s army, the parents’ fears, the ’90s, don’t and rock’n’roll."
    assert quoted(text) == []


def test_partial_quotes_inside_a_sentence():
    text = "They remain on “totally divergent” positions, which is “disturbing”, he said."
    assert quoted(text) == ["totally divergent", "disturbing"]


def test_a_quote_split_by_its_attribution_is_two_spans():
    assert quoted("“No one is threatening anyone,” he said, “it would be madness.”") == [
        "No one is threatening anyone", "it would be madness."]


def test_quote_over_several_paragraphs_is_one_span():
    text = "“First paragraph of the statement.\n\n“Second one.\n\n“Last one,” the spokesman said."
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert spans[0].paragraphs == 3
    assert text[spans[0].text_start:spans[0].text_end].endswith("Last one")


def test_nested_quotes_stay_inside():
    text = "“He called it ‘a disgrace’ and then “hell” on air,” she said."
    assert quoted(text) == ["He called it ‘a disgrace’ and then “hell” on air"]


def test_an_unmatched_mark_does_not_swallow_the_article():
    text = "He said “this never closes.\n\nA new paragraph with a “real” quote.\n\nAnd more “text” here."
    found = quoted(text)
    assert "real" in found and "text" in found
    assert all("\n\n" not in q for q in found)


def test_a_long_unmatched_mark_is_dropped():
    text = "Prefix “" + "words " * 500 + "and a later “closed” quote."
    assert quoted(text) == ["closed"]


def test_typewriter_double_apostrophes():
    assert quoted("''It is over,'' Mr. Smith said.") == ["It is over"]


def test_offsets_index_into_the_text():
    text = "Intro.\n\n“Yes,” he said."
    (span,) = find_quote_spans(text)
    assert text[span.start] == "“" and text[span.end - 1] == "”"
    assert text[span.text_start:span.text_end] == "Yes"


def test_hostile_input_is_fine():
    assert find_quote_spans("") == []
    assert find_quote_spans("\x00\x01“\u202e”\u200f'\"«»") is not None
    big = "“a” " * 200_000
    assert len(find_quote_spans(big)) == 200_000


def test_marks_around_nothing_are_not_quotations():
    assert quoted("He said “ ” and then “…” and « » but “yes”.") == ["yes"]


def test_straight_quotes_over_paragraphs_may_hold_curly_ones():
    text = ('"The department is not about “Equal Justice” anymore.\n\n'
            '"It is about politics," she said.')
    (span,) = find_quote_spans(text)
    assert span.paragraphs == 2


def test_a_lost_paragraph_break_inside_a_quotation_keeps_one_quotation():
    # Flattened text: the second paragraph's opening mark now stands mid-line.
    text = 'Mr Hale said: "We were lucky today. "My players are tired, especially Tom."\n\nNext.'
    (span,) = find_quote_spans(text)
    assert text[span.text_start:span.text_end] == 'We were lucky today. "My players are tired, especially Tom.'
    assert span.paragraphs == 2 and span.terminated
    typographic = "She said: “It was hard. “Now we rest,” she added."
    assert quoted(typographic) == ["It was hard. “Now we rest"]


def test_a_quotation_inside_after_a_sentence_end_still_nests_when_lowercase():
    text = "“We said no. “never” is the word we used,” she said."
    assert quoted(text) == ["We said no. “never” is the word we used"]


def test_three_apostrophes_close_the_inner_quotation_first():
    text = "''I tell them, 'I am sorry,''' said Mr. Lund, a banker. ''You can say that.''"
    assert quoted(text) == ["I tell them, 'I am sorry,'", "You can say that."]


def test_three_apostrophes_before_a_word_open_both():
    assert quoted("'''Quiz Night,''' he replied.") == ["'Quiz Night,'"]
