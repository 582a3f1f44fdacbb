"""The person label comes off names the text shows are not people's."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from archive.entities import extract_entities
from archive.nlp import load_model, parse_sentences
from archive.person_labels import correct_person_labels
from archive.quotes import extract_quotes, nlp_text


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def labelled(nlp, text: str, spans: list[tuple[str, str]]):
    """A Doc of `text` whose entities are the given (words, label) pairs, in order, as NER might
    have tagged them, after the component has run."""
    doc = nlp.make_doc(text)
    ents, at = [], 0
    for words, label in spans:
        size = len(nlp.make_doc(words))
        start = next(i for i in range(at, len(doc)) if doc[i:i + size].text == words)
        ents.append(Span(doc, start, start + size, label=label))
        at = start + size
    doc.ents = ents
    return correct_person_labels(doc)


def labels(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_a_name_after_a_noun_for_a_body_is_the_body(nlp):
    doc = labelled(nlp, "Russian oil giant Yukoz has sued. Yukoz said it would appeal.",
                   [("Yukoz", "PERSON"), ("Yukoz", "PERSON")])
    assert labels(doc) == [("Yukoz", "ORG"), ("Yukoz", "ORG")]
    doc = labelled(nlp, "Rock band Keaner won the prize.", [("Keaner", "PERSON")])
    assert labels(doc) == [("Keaner", "ORG")]


def test_a_name_known_as_an_organization_is_one(nlp):
    doc = labelled(nlp, "Charles Kenner said the Lib Dems would win.",
                   [("Charles Kenner", "PERSON"), ("Lib Dems", "PERSON")])
    assert labels(doc) == [("Charles Kenner", "PERSON"), ("Lib Dems", "ORG")]


def test_a_name_labelled_otherwise_more_often_takes_that_label(nlp):
    text = "Talks in Sri Lanka stalled. Sri Lanka's banks are hit. Officials in Sri Lanka agree."
    doc = labelled(nlp, text, [("Sri Lanka", "GPE"), ("Sri Lanka's", "PERSON"), ("Sri Lanka", "GPE")])
    assert labels(doc) == [("Sri Lanka", "GPE"), ("Sri Lanka's", "GPE"), ("Sri Lanka", "GPE")]


@pytest.mark.parametrize("text, spans", [
    # a title before the name
    ("Mr Wangu left for Wangu. Wangu is cold.", [("Wangu", "PERSON"), ("Wangu", "GPE"), ("Wangu", "GPE")]),
    ("Talks stalled. President Drumpf spoke. Drumpf Tower rose. The Drumpf campaign and Drumpf voters cheered.",
     [("Drumpf", "PERSON"), ("Drumpf", "ORG"), ("Drumpf", "ORG")]),
    # "he" or "she" after the name before anyone else is named
    ("Drumpf said he would win. The Drumpf campaign and Drumpf voters cheered.",
     [("Drumpf", "PERSON"), ("Drumpf", "ORG"), ("Drumpf", "ORG")]),
    ("Meanwhile Rianna, who won the award, spoke. Fans in Rianna and Rianna cheered.",
     [("Rianna", "PERSON"), ("Rianna", "GPE"), ("Rianna", "GPE")]),
    # the surname of someone named in full
    ("Michael Jordano scored. Jordano cheered in Jordano and Jordano.",
     [("Michael Jordano", "PERSON"), ("Jordano", "PERSON"), ("Jordano", "GPE"), ("Jordano", "GPE")]),
    # "film producer" and "broadcaster" are people's jobs
    ("Veteran broadcaster Davis Frust retired.", [("Davis Frust", "PERSON")]),
])
def test_names_the_text_treats_as_people_keep_the_label(nlp, text, spans):
    doc = labelled(nlp, text, spans)
    assert [label for _, label in labels(doc) if label == "PERSON"] == \
        [label for _, label in spans if label == "PERSON"]


def test_the_component_runs_in_the_pipeline(nlp):
    doc = nlp(nlp_text("Lib Dem leader Charles Kennedy said the Lib Dems would win the seat."))
    entities = {e.name: e.type for e in extract_entities(doc)}
    assert entities.get("Liberal Democrats") == "org"
    assert "Lib Dems" not in entities


def test_she_after_a_spokeswoman_is_hers_when_no_one_else_could_be(nlp):
    body = ('A spokeswoman for Human Rights Watch said it was a "basic principle" that people should be '
            'tried first. She added: "Having a judge impose those punishments does not sanitise them."')
    quotes = extract_quotes(body, nlp(nlp_text(body)), parse=parse_sentences)
    assert [(q.speaker, q.speaker_mention) for q in quotes][-1] == ("Human Rights Watch", "She")


def test_a_person_after_a_noun_for_a_body_stays_a_person_when_called_by_surname(nlp):
    doc = labelled(nlp, "He leads among a group Barack Obana won. Obana said so.",
                   [("Barack Obana", "PERSON"), ("Obana", "PERSON")])
    assert labels(doc) == [("Barack Obana", "PERSON"), ("Obana", "PERSON")]
