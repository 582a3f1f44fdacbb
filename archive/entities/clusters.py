"""Mentions grouped into people, in text order: "Dmitry Peskov", "Dmitri Peskov", "Peskov" and
"Mr. Peskov" are one person; namesakes ("George Bush", "Jeb Bush") stay apart."""
from __future__ import annotations

from collections import defaultdict

from archive.entities.descriptions import honorific_gender, roles_before
from archive.entities.shapes import Mention, Person, by_given_name
from archive.names import fold, generation, given_names_compatible, name_gender, parse_person_name, particle_surname


class Clusters:
    """Groups mentions into people, in text order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.titled: set[int] = set()  # where a mention had a title: "President Clinton"

    def _candidates(self, parsed) -> list[int]:
        key = " ".join(fold(p) for p in parsed.surname.split())
        return list(self.by_surname.get(key, []))

    def _new(self, mention: Mention, parsed) -> int:
        self.persons.append(Person(name=mention.text))
        index = len(self.persons) - 1
        self.by_surname[" ".join(fold(p) for p in parsed.surname.split())].append(index)
        return index

    def _compatible(self, index: int, parsed, gender: str | None, born: str | None = None) -> bool:
        """Whether a mention may be this person; `born`: its generation ("jr" for "Donald Trump Jr.")."""
        person = self.persons[index]
        if gender and person.gender and gender != person.gender:
            return False
        if not parsed.given:
            return True
        for variant in person.variants:
            other = parse_person_name(variant)
            if other.given and (not given_names_compatible(parsed.given[0], other.given[0])
                                or generation(variant) != born):
                return False
        return True

    def add(self, mention: Mention, gender: str | None = None, titles: frozenset[str] = frozenset()) -> None:
        """titles: the roles in the title before the mention ("President" in "President Bush")."""
        parsed = parse_person_name(mention.text)
        if not parsed.surname:
            return
        gender = gender or name_gender(mention.text)
        born = generation(mention.text)
        candidates = [i for i in self._candidates(parsed) if self._compatible(i, parsed, gender, born)]
        as_surname = particle_surname(parsed)
        if not candidates and as_surname:  # "Van Nistelrooy" after "Ruud van Nistelrooy"
            candidates = [i for i in self._candidates(as_surname) if self._compatible(i, as_surname, gender, born)]
        if not candidates and not parsed.given:
            # "Hillary" after "Hillary Clinton"; "Donald Jr." only after "Donald Trump Jr."
            candidates = [i for i in by_given_name(self.persons, parsed.surname, gender)
                          if generation(self.persons[i].variants[0]) == born]
        if born is None and len(candidates) > 1:
            # "Mr. Trump" beside Donald J. Trump and Donald Trump Jr. is the one with no "Jr."
            candidates = [i for i in candidates if generation(self.persons[i].variants[0]) is None] or candidates
        if not parsed.given and len(candidates) > 1 and titles:
            # "President Bush" beside former President George W. Bush and Gov. Jeb Bush is the president
            candidates = [i for i in candidates if self.persons[i].roles & titles] or candidates
        if not parsed.given and len(candidates) > 1:
            # Beside a namesake, the surname alone stays with whoever it already named: after
            # "Clinton said" and "her husband, former President Bill Clinton", "Clinton" is her.
            # A "Mrs." only prefers one known to be a woman: "Mr. and Mrs. Khan" must not make
            # the husband, named "Khan" so far, a woman.
            candidates = [i for i in candidates if self._named_by_surname(i, mention.start)
                          and (gender is None or self.persons[i].gender == gender)] or candidates
        if candidates:
            index = self._closest(candidates, mention.start)
        else:
            index = self._new(mention, parsed)
        person = self.persons[index]
        mention.person = index
        person.mentions.append(mention)
        person.variants.append(mention.text)
        person.gender = person.gender or gender
        person.roles |= titles
        if titles:
            self.titled.add(mention.start)

    def _named_by_surname(self, index: int, before: int) -> bool:
        """Whether the surname alone named this person before `before` ("Mr." counts, a title does not)."""
        return any(not parse_person_name(m.text).given and m.start not in self.titled
                   for m in self.persons[index].mentions if m.start < before)

    def _closest(self, candidates: list[int], position: int) -> int:
        """The candidate named last before `position`, else the first named after it."""
        def last_before(i: int) -> int:
            return max((m.start for m in self.persons[i].mentions if m.start < position), default=-1)

        before = [i for i in candidates if last_before(i) >= 0]
        if before:
            return max(before, key=last_before)
        return min(candidates, key=lambda i: min((m.start for m in self.persons[i].mentions), default=0))


def cluster_mentions(doc, mentions: list[Mention]) -> Clusters:
    clusters = Clusters()
    # Full names first, so a lone surname joins the person it abbreviates even
    # when it comes first ("Peskov said ... Dmitry Peskov").
    for m in sorted(mentions, key=lambda m: (len(parse_person_name(m.text).given) == 0, m.start)):
        m.person = -1
        clusters.add(m, honorific_gender(doc, m.token_start), frozenset(roles_before(doc, m.token_start)[0]))
    return clusters
