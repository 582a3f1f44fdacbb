"""Names in any script: keyed through a transliteration, kept apart unless they are one name,
and found in search by their Latin spelling."""
from __future__ import annotations

from archive.names import person_key, same_person
from index.documents import transliterations


def test_two_names_in_cyrillic_are_two_people():
    assert not same_person("Дмитрий Песков", "Владимир Путин")
    assert not same_person("Сергей Рябков", "Дмитрий Песков")


def test_the_same_name_twice_in_one_script_is_one_person():
    assert same_person("Дмитрий Песков", "Песков")
    assert same_person("Κυριάκος Μητσοτάκης", "Μητσοτάκης")
    assert same_person("习近平", "习近平")


def test_names_in_greek_chinese_arabic_and_korean_key_apart():
    assert not same_person("Κυριάκος Μητσοτάκης", "Αλέξης Τσίπρας")
    assert not same_person("习近平", "李强")
    assert not same_person("محمد بن سلمان", "عبد الله الثاني")
    assert not same_person("김정은", "윤석열")
    assert person_key("Дмитрий Песков") == "peskov"


def test_an_empty_key_never_matches():
    assert person_key("—") == ""
    assert not same_person("—", "—")


def test_a_name_in_two_scripts_keeps_each_script():
    # The article's own spelling stays its canonical name; search finds it by the Latin one.
    assert not same_person("Дмитрий Песков", "Dmitry Peskov")
    assert transliterations(["Дмитрий Песков", "Dmitry Peskov"]) == ["Dmitriy Peskov"]


def test_latin_letters_without_a_decomposition_fold_too():
    assert person_key("Lech Wałęsa") == person_key("Lech Walesa")
    assert same_person("Søren Kierkegaard", "Soren Kierkegaard")
