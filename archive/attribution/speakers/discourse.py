"""Who the text is about as it goes: subjects, speakers and mentions in text order (the events
pronouns and descriptions are resolved against).
"""
from __future__ import annotations

import bisect

from archive.attribution.phrases import np_word, title_word
from archive.attribution.shapes import Event
from archive.attribution.token_view import TokenView, lower_at, mentions_between, outside_quotes, past_openers
from archive.lexicon.function_words import LEADING_CONJUNCTIONS, THERE_IS
from archive.lexicon.punctuation import DASHES, POSSESSIVE_TOKENS, SENTENCE_END
from archive.lexicon.roles import role_of
from archive.names import parse_person_name


class Discourse:
    """Events of the discourse: each person's mentions, as subject, speaker or possessor, in
    text order. Resolver's state (set in Resolver.__init__)."""

    t: TokenView
    events: list[Event]
    org_speakers: list[tuple[int, str]]

    def _subject_events(self) -> None:
        t = self.t
        for m in t.people.mentions:
            if m.token_start < len(t.quote_of) and t.quote_of[m.token_start] >= 0:
                continue  # a name inside a quotation is not who the narrative is about
            kind = "possessor" if m.possessive else "mention"
            if kind == "mention" and self.is_subject(m.token_start):
                kind = "subject"
            self.events.append(Event(m.start, m.person, kind, bool(parse_person_name(m.text).given)))
        self.events.sort(key=lambda e: e.position)
        for position, person in self._described_subjects():
            bisect.insort(self.events, Event(position, person, "subject"), key=lambda e: e.position)

    def _described_subjects(self) -> list[tuple[int, int]]:
        """Sentences opening with a description of someone the text named with that role:
        "The Wisconsin Republican gave Trump some credit" is about Ryan."""
        t = self.t
        found = []
        for s in t.sentence_starts:
            s = past_openers(t, s)
            if s >= len(t.doc) or lower_at(t, s) != "the" or t.quote_of[s] >= 0:
                continue
            end = s + 1
            while end < len(t.doc) and end - s < 6 and outside_quotes(t, end) and np_word(t, end) \
                    and t.words[end] not in POSSESSIVE_TOKENS and not mentions_between(t, end, end + 1):
                end += 1
            if end >= len(t.doc) or end == s + 1 or t.words[end] in POSSESSIVE_TOKENS or lower_at(t, end) == "of":
                continue
            role = role_of(t.words[end - 1], t.words[max(0, end - 3):end - 1])
            if role is None:
                continue
            person = self._by_role(role, t.starts[s], exclude=set(), qualifiers=self._qualifiers(s, end))
            if person is not None:
                found.append((t.starts[s], person))
        return found

    def is_subject(self, token: int) -> bool:
        t = self.t
        if token >= len(t.doc) or t.quote_of[token] >= 0:
            return False
        s = t.sentence_starts[t.sentence_of[token]]
        while s < token and (lower_at(t, s) in LEADING_CONJUNCTIONS or t.words[s] == "," or t.words[s] in DASHES):
            s += 1
        if token - 1 >= s and lower_at(t, token - 1) in ("a", "an", "the"):
            return False  # "the Clinton campaign", "an Obama supporter": the name modifies a noun
        if token - s == 2 and lower_at(t, s) == "there" and lower_at(t, s + 1) in THERE_IS:
            return True  # "Then there's Okafor.": who the text turns to
        own = {m.person for m in mentions_between(t, token, token + 1)}
        if any(not m.possessive and m.person not in own and any(t.words[x] == "," for x in range(m.token_end, token))
               for m in mentions_between(t, s, token)):
            return False  # "Simmons, an Obama supporter, said": the apposition's names are not the subject
        if all(t.quote_of[i] < 0 and (title_word(t, i) or t.words[i] in (",", "(", ")")) for i in range(s, token)) \
                and (s == token or lower_at(t, s) not in ("like", "unlike")):  # "Like Makaeff, …, Roffman said"
            return True
        if lower_at(t, s) == "as" and s + 1 < token and lower_at(t, s + 1) == "for":
            # "As for Trump, he said …": the one the sentence is about
            ends = [m.token_end for m in mentions_between(t, token, token + 1)]
            return bool(ends) and ends[0] < len(t.doc) and t.words[ends[0]] == "," \
                and all(np_word(t, i) for i in range(s + 2, token))
        # "In his statement Saturday, Sanders went further", "A month ago, Florida developer Mel
        # Sembler said", "Having sputtered in his own run …, Mr. Christie gave": an opening
        # phrase, then the subject; not a name ending the sentence (", … editor, MP Boris Johnson.")
        comma = next((i for i in range(token - 1, s, -1) if t.words[i] == ","), None)
        ends = [m.token_end for m in mentions_between(t, token, token + 1)]
        return (comma is not None and token - s <= 40
                and all(title_word(t, i) for i in range(comma + 1, token))
                and all(t.quote_of[i] < 0 for i in range(s, token))
                and not (ends and (ends[0] >= len(t.doc) or t.words[ends[0]] in SENTENCE_END))
                and (not mentions_between(t, s, comma) or lower_at(t, s) in ("like", "unlike")))

    def add_speaker(self, position: int, person: int, full: bool = False) -> None:
        bisect.insort(self.events, Event(position, person, "speaker", full), key=lambda e: e.position)

    def named_in_full(self, a: int, b: int, person: int) -> bool:
        """Whether tokens [a, b) name the person with a first name ("Ellen Baxter said")."""
        return any(m.person == person and parse_person_name(m.text).given for m in mentions_between(self.t, a, b))

    def add_org_speaker(self, token: int, name: str) -> None:
        bisect.insort(self.org_speakers, (token, name))
