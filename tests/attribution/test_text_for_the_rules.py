"""The text the rules read: offsets into the body, spaces and marks spaCy would split wrongly, a
body cut for the model."""
from __future__ import annotations

from archive.nlp import parse_sentences
from archive.quotes import extract_quotes

from quote_helpers import speakers


def test_quotation_offsets_index_the_body(quotes_of):
    body = "Intro paragraph.\n\n“We are ready,” she said."
    (q,) = quotes_of(body)
    assert body[q.start:q.end] == q.text == "We are ready"


def test_extra_spaces_do_not_part_a_speaker_from_the_cue(nlp):
    from archive.quotes import nlp_text

    body = "“We will win,” Tom\u00a0Baker  said.\n\nMayor Sarah Jones resisted:  “Not this year.”"
    quotes = extract_quotes(body, nlp(nlp_text(body)), parse=parse_sentences)
    assert speakers(quotes) == ["Tom Baker", "Sarah Jones"]
    assert [body[q.start:q.end] for q in quotes] == [q.text for q in quotes] == ["We will win", "Not this year."]


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


def test_a_dotted_site_name_does_not_end_the_sentence(quotes_of):
    (q,) = quotes_of("Carl Ebberly, editor of fansite Halo.Vexon.Org, said: \"Vexon got everything right. "
                     "They were careful.\"")
    assert q.speaker == "Carl Ebberly"


def test_a_name_glued_to_a_closing_quotation_mark(quotes_of):
    (q,) = quotes_of('"Trimp says different things to different audiences,"Katie Parker, who chairs the group, '
                     'said in a statement.')
    assert q.speaker == "Katie Parker"
