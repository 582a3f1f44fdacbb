"""Long texts are read in pieces where whole they would cost memory out of proportion:
paragraph whitespace a megabyte at a time, the NER a piece at a time. The result is the
same as reading them whole."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

import archive.nlp as nlp
from archive.readers.fragments import split_paragraphs, squeezed

WHITESPACE_AND_WORDS = st.lists(st.sampled_from(["a", "bc", " ", "  ", "\n", "\t", "\u3000", "é", "\u2009", "x y"]),
                                max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=WHITESPACE_AND_WORDS, chunk=st.integers(min_value=1, max_value=12))
def test_squeezing_in_pieces_is_squeezing_whole(text, chunk):
    assert squeezed(text, chunk) == " ".join(text.split())


def test_a_paragraph_of_many_megabytes_is_squeezed_like_a_short_one():
    paragraph = "word  and\tword " * 300_000  # 4.5 MB, more than four pieces
    assert split_paragraphs(paragraph) == [" ".join(paragraph.split())]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["ab ", "c\n\n", "  ", "x", "\n\n\n", "word "]), max_size=200).map("".join),
       size=st.integers(min_value=3, max_value=40))
def test_pieces_of_a_text_are_the_text(text, size):
    pieces = nlp.text_pieces(text, size)
    assert "".join(pieces) == text
    assert all(pieces[:-1])


def test_the_ner_reads_a_long_text_in_pieces_and_finds_what_it_finds_whole(monkeypatch):
    sentence = ("The council met on Tuesday in Eastholm and “we will decide on the harbour soon,” said "
                "Mayor Ann Lee of the Harbour Authority. ")
    body = "\n\n".join(sentence * 6 for _ in range(30))
    model = nlp.load_model()
    whole = model(body)
    monkeypatch.setattr(nlp, "NER_PIECE_CHARS", 5_000)
    pieced = nlp.read_text(model, body)
    assert pieced.text == body
    assert [t.text for t in pieced] == [t.text for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in pieced.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert len(nlp.text_pieces(body, 5_000)) > 4
    short, long_one = list(nlp.read_texts(model, ["Ann Lee spoke.", body]))
    assert short.text == "Ann Lee spoke." and long_one.text == body
