"""What the text says a person is: roles from titles and appositions, gender from honorifics and
pronouns (archive/entities/descriptions.py)."""
from __future__ import annotations

from archive.entities import find_people

from entity_helpers import doc_with_people


def test_roles_and_gender_of_people(nlp):
    doc = nlp("Kremlin spokesman Dmitry Peskov spoke. Sen. Marco Rubio (R-Fla.) answered, "
              "and Mrs. Clinton, the Democratic front-runner, listened.")
    people = {p.name: p for p in find_people(doc).persons}
    assert "spokesperson" in people["Dmitry Peskov"].roles
    assert {"senator", "republican"} <= people["Marco Rubio"].roles
    assert people["Clinton"].gender == "female"


def test_gender_from_pronouns_counts_only_what_the_name_is_the_subject_of(nlp):
    # "her" points forward to Baker; "his" after an object names someone else
    doc = nlp("With Mayor Marty Walsh by her side, Senator Ann Baker spoke. "
              "Critics attacked Walsh for his staff and Walsh for her record.")
    people = {p.name: p for p in find_people(doc).persons}
    assert people["Marty Walsh"].gender is None
    doc = nlp("Marty Walsh spoke. Walsh said he would stay.")
    assert {p.name: p for p in find_people(doc).persons}["Marty Walsh"].gender == "male"


def test_role_noun_glued_to_a_name_still_counts_as_its_role(nlp):
    doc = doc_with_people(nlp, "Founder Ann Ferraro opened the meeting.", ["Founder Ann Ferraro"])
    assert "founder" in find_people(doc).persons[0].roles


def test_apposition_roles_stop_where_a_new_clause_starts(nlp):
    text = "The crowd cheered Tom Belko, the Democratic presidential candidate stated in a speech."
    doc = doc_with_people(nlp, text, ["Tom Belko"])
    assert "candidate" not in find_people(doc).persons[0].roles
    text = "Tom Belko, the Democratic presidential candidate, spoke in a speech."
    doc = doc_with_people(nlp, text, ["Tom Belko"])
    assert "candidate" in find_people(doc).persons[0].roles
