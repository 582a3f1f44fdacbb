"""The people of one article: each Person with their Mentions in the text."""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.names import fold, parse_person_name


@dataclass
class Mention:
    """One place in the text that names a person."""

    start: int  # character offsets of the name, possessive excluded
    end: int
    text: str
    token_start: int
    token_end: int
    person: int = -1  # index into People.persons
    possessive: bool = False  # "Putin's": the person owns what follows


@dataclass
class Person:
    name: str
    variants: list[str] = field(default_factory=list)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surname_key(self) -> str:
        return fold(parse_person_name(self.name).surname.split()[-1]) if self.name else ""


@dataclass
class People:
    persons: list[Person]
    mentions: list[Mention]  # in text order


def by_given_name(persons: list[Person], word: str, gender: str | None = None) -> list[int]:
    """The persons whose first name is `word`: "Hillary" alone, after "Hillary Clinton"."""
    found = []
    for i, person in enumerate(persons):
        given = parse_person_name(person.name).given
        if given and fold(given[0]) == fold(word) and (not gender or person.gender in (None, gender)):
            found.append(i)
    return found
