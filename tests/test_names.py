"""Name variants: one person, one place, one organization, however the text spells them."""
from __future__ import annotations

import pytest

from archive.names import (
    canonical_entity,
    canonical_name,
    fold,
    name_gender,
    parse_person_name,
    person_key,
    same_entity,
    same_person,
    strip_possessive,
)


@pytest.mark.parametrize("a, b", [
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Dmitry Peskov", "Peskov"),
    ("Dmitry Peskov", "Mr. Peskov"),
    ("Vladimir Putin's", "Putin"),
    ("Aleksandr Lukashenko", "Alexander Lukashenko"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("J. Smith", "John Smith"),
    ("Chris Christie", "Christopher Christie"),
    ("Hillary Clinton", "Mrs. Clinton"),
    ("Joe Biden", "Joseph R. Biden Jr."),
    ("Bill Clinton", "William J. Clinton"),
    ("Bernie Sanders", "Bernard Sanders"),
])
def test_variants_of_one_person(a, b):
    assert same_person(a, b)
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a, b", [
    ("Jeb Bush", "George W. Bush"),
    ("Bill Clinton", "Mrs. Clinton"),
    ("Dmitry Peskov", "Vladimir Putin"),
    ("Peskov", ""),
    ("Sandy Miller", "Alex Miller"),  # both short for Alexander, but Sandy may be Sandra
    ("Joe Miller", "Jo Miller"),
])
def test_different_people(a, b):
    assert not same_person(a, b)


def test_canonical_name_is_the_fullest_common_form():
    assert canonical_name(["Peskov", "Dmitry Peskov", "Mr. Peskov", "Dmitri Peskov"]) == "Dmitry Peskov"
    assert canonical_name(["Dmitri Peskov", "Dmitry Peskov", "Dmitri Peskov"]) == "Dmitri Peskov"
    assert canonical_name(["Mr. Peskov", "Peskov's"]) == "Peskov"


def test_a_name_taken_apart():
    name = parse_person_name("Rep. Jim Jordan (R-Ohio)")
    assert (name.given, name.surname) == (("Jim",), "Jordan")
    assert parse_person_name("Ursula von der Leyen").surname == "von der Leyen"
    assert parse_person_name("Martin Luther King Jr.").surname == "King"


def test_gender_from_honorific_or_first_name():
    assert name_gender("Mrs. Clinton") == "female"
    assert name_gender("Dmitry Peskov") == "male"
    assert name_gender("Peskov") is None


def test_transliteration_folding():
    assert fold("Dmitry") == fold("Dmitri")
    assert fold("Aleksandr") == fold("Alexander")
    assert fold("Zelenskiy") == fold("Zelensky")


def test_possessives_are_dropped():
    assert strip_possessive("Vladimir Putin’s") == "Vladimir Putin"
    assert strip_possessive("the parents’") == "the parents"


@pytest.mark.parametrize("written, canonical, kind", [
    ("US", "United States", "place"),
    ("U.S.", "United States", "place"),
    ("the United States", "United States", "place"),
    ("America", "United States", "place"),
    ("USA", "United States", "place"),
    ("Britain", "United Kingdom", "place"),
    ("the UK", "United Kingdom", "place"),
    ("the Atlantic Alliance", "NATO", "org"),
    ("NATO's", "NATO", "org"),
    ("the Kremlin", "Kremlin", "org"),
    ("UN", "United Nations", "org"),
    ("the EU", "European Union", "org"),
])
def test_places_and_organizations(written, canonical, kind):
    assert canonical_entity(written, "place") == (canonical, kind)


def test_unknown_names_keep_their_spelling_and_type():
    assert canonical_entity("the Moscow", "place") == ("Moscow", "place")
    assert canonical_entity("Gazprom’s", "org") == ("Gazprom", "org")
    assert canonical_entity("Institute for Fiscal Studies (IFS", "org") == ("Institute for Fiscal Studies", "org")
    assert canonical_entity("Institute for Fiscal Studies (IFS)", "org")[0] == "Institute for Fiscal Studies (IFS)"
    assert same_entity("U.S.", "the United States")
    assert not same_entity("Russia", "United States")


def test_shouted_names_are_title_cased_but_acronyms_stay():
    assert canonical_entity("NEW YORK", "place") == ("New York", "place")
    assert canonical_entity("CNN", "org") == ("CNN", "org")


def test_a_particle_opens_a_surname_alone():
    assert same_person("Renaud Donnedieu de Vabres", "Mr de Vabres")
    assert same_person("Marine Le Pen", "Le Pen")
    assert same_person("Ruud van Nistelrooy", "Van Nistelrooy")  # capitalized when the surname stands alone
    assert same_person("David dal Maso", "dal Maso")
    assert parse_person_name("Al Gore").given == ("Al",)  # but "Al" and "Van" are given names too
    assert not same_person("Van Morrison", "Jim Morrison")
    assert not same_person("Le Pen", "Sean Penn")


def test_a_generation_is_kept_and_only_an_explicit_one_tells_people_apart():
    from archive.names import same_person
    assert canonical_name(["Donald Tramp Jr.", "Donald Jr.", "Mr. Tramp"]) == "Donald Tramp Jr."
    assert canonical_name(["Martin Luther Kinger Jr.", "Kinger"]) == "Martin Luther Kinger Jr."
    assert not same_person("Donald Tramp Jr.", "Donald Tramp Sr.")
    # another paper may leave the "Jr." out: "Joseph Bidden" can be "Joseph R. Bidden Jr."
    assert same_person("Joseph R. Bidden Jr.", "Joseph Bidden")
