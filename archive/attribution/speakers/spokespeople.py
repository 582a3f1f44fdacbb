"""Spokespeople nobody names: the body they speak for ("a BBC spokesman"), and whose "he added"
follows one.
"""
from __future__ import annotations

from dataclasses import dataclass

from archive.attribution.clauses import reporting_clauses
from archive.attribution.shapes import Attribution, Event
from archive.attribution.speakers.organizations import MISLABELED_GROUPS
from archive.attribution.token_view import ents_between, lower_at, mentions_between, outside_quotes
from archive.lexicon.cues import CUE_WORDS
from archive.lexicon.groups import ORG_NAME_HEADS
from archive.lexicon.punctuation import SENTENCE_END
from archive.lexicon.roles import GENDERED_ROLES, role_of
from archive.lexicon.titles import COURTESY_TITLES
from archive.names import canonical_entity


@dataclass
class UnnamedSpokesperson:
    start: int  # characters: the sentence it speaks in
    end: int
    gender: str | None  # spokesman, spokeswoman
    token: int  # the role word
    sentence: int  # the sentence's first token
    cue: int


class SpokespersonRules:
    """Spokespeople nobody names: the body they speak for, and whose "he added" follows one."""

    def _unnamed_spokespeople(self) -> list[UnnamedSpokesperson]:
        """Sentences in which a spokesperson nobody names reports speech ("But a UKIP spokesman
        said Labour had spent £10m."). A "he added" after one is that spokesman's, not the last
        person named."""
        t = self.t
        found = []
        for i, word in enumerate(t.words):
            if role_of(word) != "spokesperson" or not outside_quotes(t, i):
                continue
            cue = next((j for j in range(i + 1, min(len(t.words), i + 8))
                        if lower_at(t, j) in CUE_WORDS or not outside_quotes(t, j) or t.words[j] in SENTENCE_END), None)
            if cue is None or lower_at(t, cue) not in CUE_WORDS:
                continue
            start = t.sentence_starts[t.sentence_of[i]]
            if mentions_between(t, max(start, i - 4), cue):
                continue  # "Trump spokeswoman Hope Hicks said", "Putin's spokesman said": someone named
            following = t.sentence_of[i] + 1
            end = t.starts[t.sentence_starts[following]] if following < len(t.sentence_starts) else len(t.text)
            found.append(UnnamedSpokesperson(t.starts[start], end, GENDERED_ROLES.get(word.lower()), i, start, cue))
        return found

    def _unnamed_spokesperson_since(self, person: int | None, position: int,
                                    gender: str | None) -> UnnamedSpokesperson | None:
        """The last unnamed spokesperson of this gender to speak since the person was last named
        (a name in what the spokesperson said does not count: "The BBC spokeswoman said Graham
        Norton's show would be a priority. “…,” she said"); with no person, lately."""
        def in_their_words(e: Event) -> bool:
            return e.kind not in ("subject", "speaker") and any(s.start <= e.position < s.end
                                                                 for s in self.unnamed_spokespeople)

        if person is None:
            last = self._window_start(position, gender) - 1
        else:
            last = max((e.position for e in self.events if e.person == person and e.position < position
                        and not in_their_words(e)), default=-1)
        return next((s for s in reversed(self.unnamed_spokespeople)
                     if last < s.start < position and (s.gender is None or s.gender == gender)), None)

    def _spoken_by(self, spokesperson: UnnamedSpokesperson, mention_text: str) -> Attribution:
        """Whom "he added" after an unnamed spokesperson's sentence means: what that spokesperson's
        phrase resolves to ("a UKIP spokesman": UKIP), else nobody named."""
        for clause in reporting_clauses(self.t, spokesperson.sentence, spokesperson.cue + 1):
            if clause.np_start <= spokesperson.token < clause.np_end:
                found = self.resolve(clause.np_start, clause.np_end, clause.cue_start)
                if found.speaker:
                    return Attribution(found.speaker, mention_text, None, round(found.confidence * 0.8, 3),
                                       found.person, found.how)
        return Attribution(None, mention_text, None, 0.0, None, "")

    def _spoken_for(self, role: str, a: int, b: int, mention_text: str) -> Attribution:
        """ "A spokesman for Lakeside Networks", "a Lakeside spokeswoman": the organization a
        spokesperson nobody named speaks for; no one else's role speaks for a whole body."""
        t = self.t
        if role == "spokesperson":
            for ent in ents_between(t, a, b):
                before_role = ent.end < b and role_of(t.words[ent.end]) == role
                # the body itself, not a title in a name ("a spokesman for House Speaker Paul
                # Ryan"; but "Premier League"); "a Google spokesperson" whatever NER took it for
                if ent.end <= b and (ent.label_ == "ORG" or before_role and ent.label_ in MISLABELED_GROUPS) \
                        and not ent.text.islower() \
                        and (not any(role_of(w.text) for w in ent) or ent[-1].lower_ in ORG_NAME_HEADS) \
                        and (ent.end == b or before_role) \
                        and lower_at(t, ent.start).strip(".") not in COURTESY_TITLES \
                        and not (ent.start > 0 and lower_at(t, ent.start - 1) in ("and", "&")):
                    name, kind = canonical_entity(ent.text, "org")
                    if kind == "org":
                        return Attribution(name, mention_text, None, 0.6, None, "org")
            if b - a == 3 and t.words[a + 1][:1].isupper() and not mentions_between(t, a + 1, a + 2):
                # "a Google spokesperson" where NER saw no entity: a body it named elsewhere
                org = next((e.text for e in t.ents if e.label_ == "ORG" and e.text == t.words[a + 1]), None)
                if org:
                    return Attribution(canonical_entity(org, "org")[0], mention_text, None, 0.6, None, "org")
            if b - a == 2:  # "NTL said it … “…,” a spokesman said": the body that just spoke or acted
                org = self._org_topic(a, speakers_only=True) or self._recent_org_subject(a)
                if org:
                    return Attribution(org, mention_text, None, 0.5, None, "org")
        return Attribution(None, mention_text, None, 0.0, None, "")
