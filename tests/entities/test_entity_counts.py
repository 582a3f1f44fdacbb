"""People, organizations and places of an article with canonical names and counts, as annotate
fills them (archive/entities/__init__.py, archive/nlp.py)."""
from __future__ import annotations

import pytest

from archive.entities import extract_entities
from archive.model import Article
from archive.nlp import PARSER_COMPONENTS, PIPE_COMPONENTS, annotate, annotate_one, load_model, load_parser

from entity_helpers import by_name


def test_person_variants_are_one_entity_with_aliases(nlp):
    doc = nlp("Dmitry Peskov spoke first. Later Dmitri Peskov spoke again, and Mr. Peskov left.")
    people = [e for e in extract_entities(doc) if e.type == "person"]
    assert [p.name for p in people] == ["Dmitry Peskov"]
    assert people[0].count == 3
    assert "Dmitri Peskov" in people[0].aliases


def test_places_and_orgs_get_canonical_names(nlp):
    doc = nlp("The U.S. and the United States of America are one country. NATO met in Brussels. "
              "The Kremlin rejected the claims of the Atlantic Alliance. America waited.")
    entities = by_name(extract_entities(doc))
    assert entities["United States"].type == "place"
    assert entities["United States"].count >= 2
    assert entities["NATO"].type == "org"
    assert entities["Kremlin"].type == "org"


def test_nationalities_are_not_places(nlp):
    doc = nlp("Russian and American diplomats met in Geneva.")
    names = by_name(extract_entities(doc))
    assert "Russian" not in names and "American" not in names


def test_annotate_fills_quotes_entities_and_dateline(nlp):
    article = Article(title="t", body="“We are ready,” Kremlin spokesman Dmitry Peskov said.",
                      dateline="Washington")
    annotate([article])
    assert [q.speaker for q in article.quotes] == ["Dmitry Peskov"]
    names = by_name(article.entities)
    assert names["Dmitry Peskov"].type == "person"
    assert names["Washington"].type == "place"


def test_speakers_appear_as_person_entities():
    article = Article(title="t", body="“We won,” said Tom Baker.\n\n“Again,” the White House said.")
    annotate_one(article)
    names = by_name(article.entities)
    assert names["Tom Baker"].type == "person"
    assert "White House" not in names or names["White House"].type == "org"


def test_only_the_named_components_run():
    assert load_model().pipe_names == list(PIPE_COMPONENTS)
    assert load_parser().pipe_names == list(PARSER_COMPONENTS)


@pytest.mark.parametrize("body", [
    "",
    "   \n\n  ",
    "\x00\x01\x02 “ ” ' \" « »",
    "שלום “עולם” he said \u202e reversed \u202c",
    "“" * 5000,
    "He said “unterminated " + "word " * 20_000,
    ("Intro. “Quote,” he said. " * 2000),
])
def test_hostile_bodies_never_raise(body):
    article = Article(title="t", body=body)
    annotate_one(article)
    for quote in article.quotes:
        assert body[quote.start:quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0
