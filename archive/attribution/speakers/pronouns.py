""""he", "she": the person the text is about at that point, with gender agreement."""
from __future__ import annotations

import bisect

from archive.attribution.shapes import Attribution, Event
from archive.attribution.token_view import lower_at, past_openers, token_at
from archive.lexicon.pronouns import PERSONAL_PRONOUNS, PRONOUNS


# How many paragraphs opening with "he"/"she" a pronoun may reach back over, beyond its window.
_PRONOUN_CHAIN_PARAGRAPHS = 4


class PronounRules:
    """ "he", "she", and whom a description of no office means ("the candidate"): the one the
    text is about at a position."""

    def _pronoun(self, pronoun: str, position: int, mention_text: str) -> Attribution:
        if pronoun not in PERSONAL_PRONOUNS:
            return Attribution(None, mention_text, None, 0.0, None, "")
        found = self._topic(position, PRONOUNS[pronoun])
        person, confidence = found if found is not None else (None, 0.0)
        spokesperson = self._unnamed_spokesperson_since(person, position, PRONOUNS[pronoun])
        if spokesperson is not None:
            return self._spoken_by(spokesperson, mention_text)
        if person is None:
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(self.t.people.persons[person].name, mention_text, None, confidence, person, "pronoun")

    def _topic(self, position: int, gender: str | None, mentioned: bool = True) -> tuple[int, float] | None:
        """Whom "he"/"she" (or "the candidate") means at `position`, and how sure: the
        last speaker unless someone else has since become a subject, then the last subject,
        then (if `mentioned`) the last person mentioned."""
        window_start = self._window_start(position, gender)
        lo = bisect.bisect_left(self.events, window_start, key=lambda e: e.position)
        hi = bisect.bisect_left(self.events, position, key=lambda e: e.position)
        recent = [e for e in (self._agreeing(e, gender) for e in self.events[lo:hi]) if e is not None]
        if not recent:
            return None
        speakers = [e for e in recent if e.kind == "speaker"]
        if speakers:
            last = speakers[-1]
            rivals = [e for e in recent if e.position > last.position and e.kind == "subject" and e.person != last.person]
            if not rivals:
                return last.person, self._topic_confidence(last.person, recent)
        subjects = [e for e in recent if e.kind in ("subject", "speaker")]
        if subjects:
            return subjects[-1].person, self._topic_confidence(subjects[-1].person, recent)
        if not mentioned:
            return None
        plain = [e for e in recent if e.kind == "mention"] or recent
        return plain[-1].person, self._topic_confidence(plain[-1].person, recent, 0.55)

    def _agreeing(self, event: Event, gender: str | None) -> Event | None:
        """The event if its person can be "he"/"she"; else the same mention given to the
        one namesake who can ("Clinton said ... she continued", after Bill Clinton)."""
        persons = self.t.people.persons
        own = persons[event.person].gender
        if gender is None or own is None or own == gender:
            return event
        if event.full:
            return None  # "When Ellen Baxter criticized him, he replied": not Tom Baxter
        key = persons[event.person].surname_key
        namesakes = [i for i, p in enumerate(persons) if i != event.person and p.surname_key == key
                     and p.gender in (None, gender)]
        if len(namesakes) == 1:
            return Event(event.position, namesakes[0], event.kind)
        return None

    @staticmethod
    def _topic_confidence(person: int, recent: list[Event], confidence: float = 0.75) -> float:
        others = {e.person for e in recent} - {person}
        return confidence if others else max(confidence, 0.85)

    def _window_start(self, position: int, gender: str | None = None) -> int:
        """Pronouns reach back over the current and the two previous paragraphs, and
        further while a paragraph opens with the same "he"/"she": "Clinton appeared … /
        She skirted … / She referred … “…,” she said" is still Clinton."""
        t = self.t
        paragraph = t.paragraph_of[token_at(t, position)] if t.paragraph_of else 0
        first = bisect.bisect_left(t.paragraph_of, paragraph - 2)
        for _ in range(_PRONOUN_CHAIN_PARAGRAPHS):
            if not gender or first == 0 or not self._opens_with_pronoun(first, gender):
                break
            first = bisect.bisect_left(t.paragraph_of, t.paragraph_of[first] - 1)
        return t.starts[first] if first < len(t.starts) else 0

    def _opens_with_pronoun(self, token: int, gender: str) -> bool:
        t = self.t
        token = past_openers(t, token)
        return token < len(t.doc) and t.quote_of[token] < 0 and PRONOUNS.get(lower_at(t, token)) == gender
