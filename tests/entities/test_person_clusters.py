"""Mentions grouped into people: variants of one name are one person, namesakes stay apart
(archive/entities/clusters.py)."""
from __future__ import annotations

from archive.entities import find_people


def test_a_surname_with_a_particle_is_one_person(nlp):
    doc = nlp("Ruud van Dalen scored. Van Dalen said little. Later van Dalen left.")
    (person,) = find_people(doc).persons
    assert person.name == "Ruud van Dalen" and len(person.mentions) == 3


def test_father_and_son_named_in_one_article_are_two_people(nlp):
    doc = nlp("Donald J. Tramp won the nomination. His son Donald Tramp Jr. spoke first. Later Donald Jr. "
              "announced the vote. Mr. Tramp smiled.")
    people = {p.name: [m.text for m in p.mentions] for p in find_people(doc).persons}
    assert people == {"Donald J. Tramp": ["Donald J. Tramp", "Tramp"],
                      "Donald Tramp Jr.": ["Donald Tramp Jr.", "Donald Jr."]}


def test_mrs_before_a_shared_surname_goes_to_the_wife_not_to_whom_the_surname_named(nlp):
    doc = nlp("Kazim and Gulnara Kahn spoke at the convention. Kazim Kahn is a lawyer. Kahn held up a book. "
              "Gulnara Kahn wore a scarf. Letters came, addressed to Mr. and Mrs. Kahn.")
    people = {p.name: p.gender for p in find_people(doc).persons}
    assert people == {"Kazim Kahn": None, "Gulnara Kahn": "female"}


def test_a_surname_beside_a_namesake_stays_with_whom_it_named(nlp):
    doc = nlp("Hilda Clanton spoke on Monday. Of course, Clanton said, “I did know him.”\n\n"
              "Former President Bill Clanton went to the wedding.\n\n“I think it has been surprising,” Clanton said.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    assert people == {"Hilda Clanton": [0, 42, 161], "Bill Clanton": [92]}


def test_a_baroness_is_the_woman_named_before(nlp):
    doc = nlp("Betty Bothwell was the first woman to be Speaker. Baroness Bothwell said she was proud.")
    people = find_people(doc).persons
    assert [(p.name, p.gender, len(p.mentions)) for p in people] == [("Betty Bothwell", "female", 2)]


def test_a_title_before_a_shared_surname_picks_the_namesake_who_holds_it(nlp):
    doc = nlp("Gov. Jeb Bosh spoke in Iowa. Mr. Bosh said he was grateful. His brother, former President "
              "George W. Bosh, joined him. Critics recalled the record of President Bosh in Iraq.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    president = doc.text.index("Bosh in Iraq")
    assert president in people["George W. Bosh"]
    assert doc.text.index("Bosh said") in people["Jeb Bosh"]


def test_a_titled_surname_does_not_make_the_surname_alone_that_persons(nlp):
    doc = nlp("Hilda Clanton spoke on Monday. Of course, Clanton said, “I did know him.” Her husband, former President "
              "Bill Clanton, was there. In 1998 President Clanton signed the law. The new report names Clanton twice.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    assert doc.text.index("Clanton signed") in people["Bill Clanton"]
    assert doc.text.index("Clanton twice") in people["Hilda Clanton"]
