"""Organizations as speakers: a body named in the phrase, "the Commission", "the company", "it"."""
from __future__ import annotations

from collections import Counter

from archive.attribution.subjects import opens_subject, org_subject
from archive.attribution.token_view import TokenView, ents_between, is_punct, lower_at
from archive.lexicon.function_words import ABOUT_WORDS, NOT_BEFORE_ORG_SPEAKER
from archive.lexicon.groups import MEDIA_NAME_WORDS, MEDIA_NOUNS, ORG_NOUNS
from archive.lexicon.nationalities import NATIONALITY_NOUNS
from archive.lexicon.punctuation import POSSESSIVE_TOKENS
from archive.lexicon.titles import COURTESY_TITLES
from archive.names import canonical_entity, fold, same_entity


# Entity types NER gives group names it does not know ("Black Lives Matter": WORK_OF_ART).
MISLABELED_GROUPS = {"WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}


def media_name(name: str) -> bool:
    return any(word.strip(".") in MEDIA_NAME_WORDS for word in name.lower().split())


def _media_title(t: TokenView, token: int) -> bool:
    """ "Spanish daily ABC", "the newspaper Marca": a media noun just before the name."""
    return any(lower_at(t, i) in MEDIA_NOUNS for i in range(max(0, token - 3), token))


class OrganizationRules:
    """Organizations as speakers: one named in the phrase, "the Commission", "the company", "it"."""

    def _org(self, a: int, b: int) -> str | None:
        """The organization the phrase names: "the State Department", "a World Bank report"; not
        one inside a clause or aside ("that Border Patrol agents", "one message, apparently
        referring to strikes against Islamic State")."""
        doc = self.t.doc
        for ent in ents_between(self.t, a, b):
            if ent.end <= b and ent.label_ == "ORG" \
                    and not (len(ent) == 1 and ent[0].lower_ in NATIONALITY_NOUNS) \
                    and lower_at(self.t, ent.start).strip(".") not in COURTESY_TITLES \
                    and not any(lower_at(self.t, i) in NOT_BEFORE_ORG_SPEAKER for i in range(a, ent.start)) \
                    and not (ent.start > a and lower_at(self.t, ent.start - 1) in ABOUT_WORDS):
                name, kind = canonical_entity(ent.text, "org")
                if kind == "org":
                    return name
        phrase = doc[a:b].text
        if phrase.islower():
            return None  # "who" is not the WHO
        name, kind = canonical_entity(phrase, None)
        return name if kind == "org" else None

    def _named_body(self, token: int, noun: str) -> str | None:
        """The organization named last before `token` whose name ends in `noun`: "the
        Commission" after "the European Commission"."""
        for ent in reversed(ents_between(self.t, 0, token)):
            if ent.label_ == "ORG" and ent.end < token and ent[-1].text == noun and len(ent) > 1 \
                    and not any(w.text in "()[]" for w in ent):  # "British Bankers' Association (BBA"
                name, kind = canonical_entity(ent.text, "org")
                if kind == "org":
                    return name
        return None

    def _org_topic(self, token: int, speakers_only: bool, media: bool = False, noun: str = "") -> str | None:
        """The organization "it" or "the company" means at `token`: the last one credited with
        words in this paragraph or the one before; else (for "the company", back two
        paragraphs) the one most named of those that were a sentence's subject ("Kraft … Kraft
        rival PepsiCo began … But the firm said" is Kraft). "it" must not have had a person as
        subject or speaker since ("Shell said … Chief executive Jeroen Vos said … it added"),
        nor another organization (_other_group_since);
        `media` ("the newspaper") wants one whose name or title says it is one. When the `noun`
        of "the group" stands between, it names something else ("UnitedHealth … the trade group
        for the plans spelled out its concerns … the group wrote")."""
        t = self.t
        lo = t.paragraph_of[token] - (1 if speakers_only else 2)
        spoke = [(at, name) for at, name in self.org_speakers
                 if at < token and t.paragraph_of[at] >= lo and (not media or media_name(name))]
        if spoke:
            at, name = max(spoke)
            since, until = t.doc[at].idx, t.doc[token].idx
            person_since = any(since < e.position < until and e.kind in ("subject", "speaker") for e in self.events)
            if (speakers_only and (person_since or self._other_group_since(at, token, name))) \
                    or self._mislabeled_subject(at, token):
                return None
            return name
        if speakers_only:
            return None
        named: Counter = Counter()
        subjects: dict[str, int] = {}
        for ent in ents_between(t, 0, token):
            if ent.label_ != "ORG" or ent.end > token or t.quote_of[ent.start] >= 0 \
                    or lower_at(t, ent.start).strip(".") in COURTESY_TITLES:  # "Mr Stearns" is no company
                continue
            name, kind = canonical_entity(ent.text, "org")
            if kind != "org":
                continue
            named[name] += 1
            if t.paragraph_of[ent.start] >= lo and self.is_subject(ent.start) \
                    and not (ent.end < len(t.doc) and t.words[ent.end] in POSSESSIVE_TOKENS) \
                    and (not media or media_name(name) or _media_title(t, ent.start)):
                subjects[name] = ent.start
        if not subjects:
            return None
        best = max(subjects, key=lambda name: (named[name], subjects[name]))
        noun_between = noun and any(lower_at(t, i) == noun and t.quote_of[i] < 0 and opens_subject(t, i)
                                    for i in range(subjects[best], token))
        if noun_between or self._mislabeled_subject(subjects[best], token):
            return None
        return best

    def _recent_org_subject(self, token: int) -> str | None:
        """The organization this sentence or the one before it opened with, when no person has
        been a subject or speaker since and no other body opened a clause: "The British Chambers
        of Commerce welcomed the proposal. “…,” it said". Not when another body spoke lately
        ("Brightwave said … Corvex made an offer. “…,” it said" may be either)."""
        t = self.t
        if any(at < token and t.paragraph_of[at] >= t.paragraph_of[token] - 1 for at, _ in self.org_speakers):
            return None
        sentence = t.sentence_of[token]
        narrated = 0  # sentences outside quotations looked at
        for index in range(sentence, -1, -1):
            start = t.sentence_starts[index]
            if narrated == 2 or t.paragraph_of[start] < t.paragraph_of[token] - 1:
                break
            while start < token and is_punct(t.words[start]):
                start += 1
            if t.quote_of[start] >= 0:
                continue  # "“A. B,” it said": the sentences quoted are not the narrative
            narrated += 1
            np = org_subject(t, t.sentence_starts[index + 1] - 1 if index < sentence else token)
            if np is None or t.quote_of[np[0]] >= 0:
                continue
            ent = next(e for e in ents_between(t, np[0], np[1]) if e.label_ == "ORG")
            if fold(ent[-1].text) in {key for key, _ in self._surname_keys()}:
                return None  # "Cameron will work with …": a person NER took for a body
            name, kind = canonical_entity(ent.text, "org")
            since, until = t.doc[ent.start].idx, t.doc[token].idx
            person_since = any(since < e.position < until and e.kind in ("subject", "speaker") for e in self.events)
            if kind != "org" or person_since \
                    or self._other_group_since(ent.start, token, name) or self._mislabeled_subject(ent.start, token):
                return None
            return name
        return None

    def _other_group_since(self, start: int, end: int, name: str) -> bool:
        """Whether another organization opened a clause between tokens `start` and `end`, by its
        name or as "the firm" after its name ("Corvex said … Lycos made an offer … “…,” it said";
        "Corvex said … In a letter from Lycos, the firm denied it … “…,” it said"): "it" may be either."""
        t = self.t
        for ent in ents_between(t, start + 1, end):
            if ent.label_ == "ORG" and t.quote_of[ent.start] < 0 \
                    and self.is_subject(ent.start) and not self._names_org(ent, name):
                return True
        for i in range(start + 1, end):
            if lower_at(t, i) in ORG_NOUNS | MEDIA_NOUNS and t.quote_of[i] < 0 and opens_subject(t, i):
                last = next((ent for ent in reversed(ents_between(t, 0, i)) if ent.label_ == "ORG"
                             and ent.end <= i and t.quote_of[ent.start] < 0), None)
                if last is not None and not self._names_org(last, name):
                    return True
        return False

    def _names_org(self, ent, name: str) -> bool:
        """Whether entity `ent` is organization `name`: its name, or its initials given in
        brackets ("The Brightwave Institute (BWI) said")."""
        if canonical_entity(ent.text, "org")[0] == name or same_entity(ent.text, name):
            return True
        initials = "".join(word[0] for word in name.split() if word[:1].isupper())
        return ent.text.replace(".", "") == initials or ent.start > 0 and self.t.words[ent.start - 1] == "("

    def _mislabeled_subject(self, start: int, end: int) -> bool:
        """Whether a sentence between tokens `start` and `end` has for subject a name NER took for
        a work or a building ("Black Lives Matter issued a statement"): maybe the group meant."""
        return any(ent.label_ in MISLABELED_GROUPS and self.t.quote_of[ent.start] < 0
                   and self.is_subject(ent.start) for ent in ents_between(self.t, start + 1, end))
