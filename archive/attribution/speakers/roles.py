"""Descriptions: "the spokesman", "the Vermont senator", "the 34-year-old" resolved to the person
the text gave that role, or to the one it is about.
"""
from __future__ import annotations

import bisect
import os
from collections import Counter

from archive.attribution.shapes import Attribution
from archive.attribution.token_view import is_capitalized, lower_at, mentions_between
from archive.lexicon.function_words import NP_LINKS
from archive.lexicon.politics import PARTIES, STATE_ABBREVIATIONS
from archive.lexicon.punctuation import JOINING_DASHES, POSSESSIVE_TOKENS
from archive.lexicon.roles import GENERIC_ROLES, expand_roles, role_of


def _same_place_word(a: str, b: str) -> bool:
    """ "russian" and "russia", "israeli" and "israel", "chinese" and "china": a people and its
    country, by a long enough common start."""
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= min(len(a), len(b)) - 2


class RoleRules:
    """Descriptions by role: who the text titled so ("the Vermont senator", "the former president"),
    and descriptions by age, nationality or party that mean the one the text is about."""

    def _head_role(self, a: int, b: int) -> str | None:
        t = self.t
        role = None
        for i in range(a, b):
            if lower_at(t, i) in NP_LINKS:
                break
            if t.words[i] in POSSESSIVE_TOKENS:
                role = None  # "the prime minister's office": the owner's role, not the speaker's
                continue
            r = role_of(t.words[i], t.words[max(0, i - 2):i])
            if r and not (r == "general" and t.doc[i].ent_iob_ == "B" and t.doc[i].ent_type_ == "ORG"
                          and i + 1 < b and t.doc[i + 1].ent_iob_ == "I"):
                role = r  # not "General" in "General Electric": the first word of a company's name
        return role

    def _by_role(self, role: str, position: int, exclude: set[int], qualifiers: tuple[str, ...] = ()) -> int | None:
        """The person given `role` who was named last before `position`; with qualifiers
        ("the Vermont senator"), one whose title or apposition has them, when there is one."""
        candidates = []
        for index, person in enumerate(self.t.people.persons):
            if index in exclude or role not in expand_roles(person.roles):
                continue
            # a name inside a quotation ("… President Crane and me …,” the former president
            # said) is who the speaker talks about, not who the description means
            starts = [m.start for m in person.mentions if not m.possessive and self.t.quote_of[m.token_start] < 0]
            k = bisect.bisect_left(starts, position)
            if k:
                candidates.append((starts[k - 1], index))
        if not candidates:
            return None
        # "the chancellor" is not the shadow chancellor, and "the shadow chancellor" is only one
        shadow = "shadow" in qualifiers
        candidates = [c for c in candidates if self._called_shadow(c[1], position) == shadow]
        qualifiers = tuple(q for q in qualifiers if q != "shadow")
        if not candidates:
            return None
        if "former" in qualifiers:
            # "the former president": the one the text called former, when it called one so
            former = [c for c in candidates if self._called_former(c[1], position)]
            candidates = former or candidates
            qualifiers = tuple(q for q in qualifiers if q != "former")
        if role == "seed":  # "the top seed" is not the seventh seed, even when no other was named
            candidates = [c for c in candidates if self._described_as(c[1], position, qualifiers)]
        if qualifiers:
            qualified = [c for c in candidates if self._described_as(c[1], position, qualifiers)]
            # "the Vermont senator": the one senator the text named, else only one from Vermont
            candidates = qualified if qualified or len(candidates) > 1 else candidates
            parties = {q for q in qualifiers if q in PARTIES.values()}
            candidates = [c for c in candidates if not parties or not (self._party_words(c[1]) - parties)]
        return max(candidates)[1] if candidates else None

    def _called_former(self, person: int, position: int) -> bool:
        """Whether the text called the person former before `position`: "former President Bill
        Crane", "Crane, a former president,"."""
        t = self.t
        for m in t.people.persons[person].mentions:
            if m.start >= position:
                break
            i = m.token_start
            while i > 0 and m.token_start - i < 6 \
                    and (is_capitalized(t.words[i - 1]) or t.words[i - 1] in JOINING_DASHES) \
                    and lower_at(t, i - 1) not in ("former", "ex") and not mentions_between(t, i - 1, i):
                i -= 1
            if 0 < i < m.token_start and lower_at(t, i - 1) in ("former", "ex"):
                return True  # a title between; "Former Bill Crane aide Tom Bell" calls no Crane former
            after = [lower_at(t, j) for j in range(m.token_end, min(len(t.words), m.token_end + 3))]
            if after[:1] == [","] and ("former" in after[1:] or "ex" in after[1:]):
                return True
        return False

    def _called_shadow(self, person: int, position: int) -> bool:
        """Whether the text called the person a shadow minister before `position`: "shadow
        chancellor Oliver Letwin", "Letwin, the shadow chancellor,"."""
        t = self.t
        for m in t.people.persons[person].mentions:
            if m.start >= position:
                break
            before = [lower_at(t, j) for j in range(max(0, m.token_start - 3), m.token_start)]
            after = [lower_at(t, j) for j in range(m.token_end, min(len(t.words), m.token_end + 4))]
            if "shadow" in before or after[:1] == [","] and "shadow" in after[1:]:
                return True
        return False

    def _described_as(self, person: int, position: int, qualifiers: tuple[str, ...]) -> bool:
        """Whether the text put these words in a title or apposition of the person before `position`."""
        doc = self.t.doc
        for m in self.t.people.persons[person].mentions:
            if m.start >= position:
                break
            start = m.token_start  # the title: "Texas Sen." …
            while start > 0 and m.token_start - start < 6 and is_capitalized(doc[start - 1].text) \
                    and not mentions_between(self.t, start - 1, start):
                start -= 1
            end = m.token_end  # … and what follows up to the next name or the sentence end: "(R-Fla.)"
            while end < len(doc) and end - m.token_end < 10 and doc[end].text not in (".", ";") \
                    and "\n" not in doc[end].text and not mentions_between(self.t, end, end + 1):
                end += 1
            around = doc[start:m.token_start].text.split() + doc[m.token_end:end].text.split()
            words = {w.strip(",()").lower() for w in " ".join(around).replace("-", " ").split()}
            words |= {STATE_ABBREVIATIONS[w] for w in words if w in STATE_ABBREVIATIONS}
            words |= {PARTIES[w] for w in words if w in PARTIES}
            words |= self.t.people.persons[person].roles  # "republican" from "(R-Fla.)"
            if all(q in words or any(_same_place_word(q, w) for w in words) for q in qualifiers):
                return True
        return False

    def _party_words(self, person: int) -> set[str]:
        """The parties the text gave a person: "Democratic front-runner Hillary Clinton"."""
        roles = self.t.people.persons[person].roles & set(PARTIES.values())
        doc = self.t.doc
        for m in self.t.people.persons[person].mentions:
            roles |= {PARTIES[x.text.lower()] for x in doc[max(0, m.token_start - 4):m.token_start]
                      if x.text.lower() in PARTIES}
        return roles

    def _qualifiers(self, a: int, b: int) -> tuple[str, ...]:
        """The places in a description: "Vermont" in "the Vermont senator" (found in "Vermont Sen.
        Bernie Sanders" or "Sanders (I-Vt.)"), "Russian" in "the Russian leader" (found in
        "President Vladimir V. Putin of Russia")."""
        t = self.t
        places = [lower_at(t, i) for i in range(a, b) if t.words[i].isalpha() and (
            t.doc[i].ent_type_ == "GPE" or t.doc[i].ent_type_ == "NORP" and lower_at(t, i) not in PARTIES)]
        parties = [PARTIES[lower_at(t, i)] for i in range(a, b) if lower_at(t, i) in PARTIES]
        former = ["former"] if any(lower_at(t, i) in ("former", "ex") for i in range(a, b)) else []
        shadow = ["shadow"] if any(lower_at(t, i) == "shadow" for i in range(a, b)) else []
        rank = [lower_at(t, i - 1) for i in range(a + 1, b) if lower_at(t, i) == "seed"]  # "the top seed"
        return tuple(places + parties + former + shadow + rank)  # "the GOP front-runner" is the Republican one

    def _described_topic(self, a: int, b: int, mention_text: str, role: str | None = None,
                         mentioned: bool = True, most_named: bool = False) -> Attribution:
        """ "the 34-year-old", "the American", "the defender": the one the text was about when the
        sentence began, not someone named in it ("Reacting to a comment by Tim Phillips, the
        American said"), if nothing the text said of them disagrees. `mentioned`: whether one
        only named, not yet a subject or speaker, will do; `most_named`: whether they must also
        be the one the text named most so far."""
        t = self.t
        position = t.doc[t.sentence_starts[t.sentence_of[a]]].idx
        found = self._topic(position, None, mentioned)
        if found is None or most_named and not self._named_office_holder(found[0], position, a, b):
            return Attribution(None, mention_text, None, 0.0, None, "")
        person = t.people.persons[found[0]]
        party = PARTIES.get(lower_at(t, b - 1))
        if party and (self._party_words(found[0]) - {party} or b < len(t.words) and lower_at(t, b) in ("from", "of")):
            # "the Democrat said" is not the Republican the text was about; "the Republican
            # from Alabama" is someone the text may not have said is from there
            return Attribution(None, mention_text, None, 0.0, None, "")
        held = expand_roles(person.roles)
        if role and person.roles and role not in held and not set(person.roles) <= GENERIC_ROLES \
                and not (role == "captain" and "player" in held):
            # "the defender" is not the manager; but the All Black star may be "the winger", and
            # any player "the England captain"
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(person.name, mention_text, None, round(0.85 * found[1], 3), found[0], "description")

    def _named_office_holder(self, person: int, position: int, a: int, b: int) -> bool:
        """Whether the person may hold the office tokens [a, b) describe: no one was named more
        often before `position` (outside quotations), the text did not call them a shadow
        minister unless the phrase does, and its role word is not in an organization's name
        ("the Scottish Executive", when NER tags it so)."""
        t = self.t
        if t.people.persons[person].name.isupper():
            return False  # a dateline NER took for a name: "NASHUA, N.H. —"
        if t.doc[b - 1].ent_type_ == "ORG":
            return False
        if self._called_shadow(person, position) != ("shadow" in self._qualifiers(a, b)):
            return False
        counts = Counter(e.person for e in self.events if e.position < position and e.kind != "speaker")
        return counts[person] >= max(counts.values(), default=0)
