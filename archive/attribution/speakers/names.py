"""Names in a speaker phrase: which of several namesakes a surname means, and names NER did not tag."""
from __future__ import annotations

import bisect

from spacy.lang.en.stop_words import STOP_WORDS

from archive.attribution.phrases import MISTAKEN_FOR_NAMES, NOT_NAMES
from archive.attribution.shapes import Attribution, Event
from archive.attribution.token_view import is_capitalized, lower_at, name_like
from archive.entities.naming import not_a_name_word
from archive.entities.shapes import Person, by_given_name
from archive.lexicon.function_words import DETERMINERS, NP_LINKS
from archive.lexicon.groups import MEDIA_NAME_WORDS, ORG_NAME_HEADS
from archive.lexicon.name_words import FIRST_NAME_GENDER, SURNAME_PARTICLES
from archive.lexicon.nationalities import NATIONALITY_NOUNS
from archive.lexicon.pronouns import PRONOUNS
from archive.lexicon.punctuation import DASHES, POSSESSIVE_TOKENS
from archive.lexicon.roles import role_of
from archive.lexicon.titles import HONORIFICS, POSTNOMINALS
from archive.names import name_gender, parse_person_name, person_key, same_person


def _plain_given_name(name: str) -> bool:
    given = parse_person_name(name).given
    return bool(given) and given[0].lower() not in STOP_WORDS


class NameRules:
    """Names in a phrase: which namesake a surname means, whether a name heads the phrase, and
    names NER did not tag as people."""

    def _namesake(self, m) -> int:
        """Who a bare surname means when the text names several people by it: the one the
        text is about there ("Janet Okafor, whose nephew Daniel Okafor … “…,” Okafor said"),
        its last subject or the one the surname last meant ("Patricia Smith, mother of Sean
        Smith, … “…,” Smith said … “…,” Smith said"), else the one named last."""
        if parse_person_name(m.text).given:
            return m.person
        keys = self._surname_keys()
        key = keys[m.person][0]
        group = {i for i, (k, plain) in enumerate(keys) if k == key and plain}
        if m.person not in group or len(group) < 2:
            return m.person  # "While Hale" (a sentence's first word taken into a name) is nobody's namesake
        if person_key(m.text) != key:
            return m.person  # "an honor Donald said": a first name is no surname
        start = self._window_start(m.start)
        lo = bisect.bisect_left(self.events, start, key=lambda e: e.position)
        hi = bisect.bisect_left(self.events, m.start, key=lambda e: e.position)
        subjects = [e for e in self.events[lo:hi] if e.person in group and e.kind == "subject"]
        subjects += [e for e in self.surname_uses if e.person in group and start <= e.position < m.start]
        found = max(subjects, key=lambda e: e.position).person if subjects else m.person
        if not any(e.position == m.start for e in self.surname_uses):
            self.surname_uses.append(Event(m.start, found, "namesake"))
        return found

    def _surname_keys(self) -> list[tuple[str, bool]]:
        """Each person's folded surname and whether their first name is a plain one, kept
        as persons are added."""
        persons = self.t.people.persons
        for p in persons[len(self._keys):]:
            self._keys.append((p.surname_key, _plain_given_name(p.name)))
        return self._keys

    def _heads(self, m, a: int, b: int) -> bool:
        """Whether a name is the head of phrase [a, b), not a modifier ("the Christie supporter",
        "a spokesman for Sam Lau")."""
        t = self.t
        i = m.token_end
        j = m.token_start - 1
        while j > a and m.token_start - j <= 3 and is_capitalized(t.words[j]) and t.quote_of[j] < 0:
            j -= 1  # "of CB Richard Ellis", "for Senator Sam Lau"
        if j > a and lower_at(t, j) in ("of", "for") and t.words[j - 1].isalpha() and t.words[j - 1].islower():
            return False  # "a director of CB Richard Ellis", "a spokesman for Sam Lau"
        if i >= b:
            return True
        if lower_at(t, i) in ("himself", "herself") and i + 1 == b:
            return True  # "Sanders himself acknowledged"
        if t.words[i] in POSTNOMINALS:
            i += 1  # "Peter Ainsworth MP"
            if i >= b:
                return True
        return t.words[i] in (",", "(", ")") or t.words[i] in DASHES or lower_at(t, i) in NP_LINKS

    def _unknown_name(self, a: int, b: int, described: bool = False) -> str | None:
        """A capitalized name NER did not tag as a person ("Adelson said").

        The last run of up to three capitalized words of the phrase; words NER
        took for a place, a group or an organization count only right after a
        role noun ("former tech executive Carly Fiorina").
        """
        t = self.t
        end = b
        while end > a and (t.words[end - 1] in (",", ")") or lower_at(t, end - 1) in NP_LINKS):
            end -= 1
        if end - 1 > a and t.words[end - 1] in POSTNOMINALS:
            end -= 1  # "Brian Monteith MSP"
        start = end
        while start > a and end - start < 3 and (
                is_capitalized(t.words[start - 1]) and lower_at(t, start - 1) not in DETERMINERS
                and lower_at(t, start - 1) not in PRONOUNS and role_of(t.words[start - 1]) is None
                and name_like(t.words[start - 1]) and lower_at(t, start - 1).strip(".") not in HONORIFICS
                or start < end and t.words[start - 1] in SURNAME_PARTICLES):  # "Mr de Vabres said"
            start -= 1
        if start == end or end - start == 1 and t.doc[start].is_stop:
            return None  # "Others, reacting to …, shouted"
        after_role = described or start > a and (role_of(t.words[start - 1]) is not None
                                                 or lower_at(t, start - 1).strip(".") in HONORIFICS
                                                 and lower_at(t, start - 1) not in DETERMINERS)  # not "the"
        start = next((i for i in range(start, end - 1) if lower_at(t, i) in FIRST_NAME_GENDER), start)
        first_name = end - start >= 2 and lower_at(t, start) in FIRST_NAME_GENDER
        name = t.doc[start:end].text
        if name.isupper() and len(name) <= 5:
            return None  # an acronym is an organization, not a person
        if end - start == 1 and not after_role and not_a_name_word(t.doc, t.words, start):
            return None  # "Aides said", "Conceding …": a capitalized common word, no one's name
        if end - start == 1 and lower_at(t, start) in NATIONALITY_NOUNS:
            return None  # "the Scot admitted": who he is, not his name
        for person in t.people.persons:
            if same_person(person.name, name):
                return person.name  # "Trump told …" that NER took for a title is still Trump
        if end - start == 1:
            called = by_given_name(t.people.persons, name)
            if len(called) == 1:
                return t.people.persons[called[0]].name  # "Serena continued" NER took for a title
        if not after_role and not first_name and any(t.doc[i].ent_type_ in NOT_NAMES - MISTAKEN_FOR_NAMES
                                                     or t.doc[i].ent_type_ in MISTAKEN_FOR_NAMES and end - start < 2
                                                     for i in range(start, end)):
            return None  # "Russia said"; but "Le Pen told CNN" that NER took for a title is a name
        return name

    def _by_unknown_name(self, name: str, mention_text: str) -> Attribution:
        """A speaker named by a word NER did not tag: the person of that name when the text has
        one, else a new person of this article's attribution, so that a following "he said" can
        mean them ("D’Souza replied, “…” … “…,” he added")."""
        persons = self.t.people.persons
        known = next((i for i, p in enumerate(persons) if p.name == name), None)
        if known is not None and known not in self.unknown_persons.values():
            return Attribution(name, mention_text, None, 0.8, known, "name")
        if name not in self.unknown_persons:
            persons.append(Person(name=name, variants=[name], gender=name_gender(name)))
            self.unknown_persons[name] = len(persons) - 1
        return Attribution(name, mention_text, None, 0.6, self.unknown_persons[name], "name")

    def _one_of(self, name: str, persons: list[int]) -> bool:
        """Whether the name is one of these persons ("a spokesman for Sam Lau": Lau is whom the
        spokesman speaks for)."""
        return any(same_person(self.t.people.persons[p].name, name) for p in persons)

    def _staff_name(self, a: int, b: int) -> str | None:
        """The name after an organization's possessive that NER took for a group: "the Washington
        Post’s Ishaan Tharoor" is one of its writers, not the paper."""
        t = self.t
        owner_end = next((i for i in range(b - 3, a, -1) if t.words[i] in POSSESSIVE_TOKENS), None)
        if owner_end is None or not 2 <= b - owner_end - 1 <= 3 \
                or t.doc[owner_end - 1].ent_type_ != "ORG" and t.doc[owner_end].ent_type_ != "ORG":
            return None
        words = t.words[owner_end + 1:b]
        if not all(is_capitalized(w) and name_like(w) and role_of(w) is None and w.lower() not in ORG_NAME_HEADS
                   and w.lower() not in MEDIA_NAME_WORDS for w in words):
            return None
        return " ".join(words)
