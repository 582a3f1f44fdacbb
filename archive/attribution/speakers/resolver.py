"""A speaker phrase resolved to who speaks: the one object that holds what the text has said
so far about who talks and who it is about, with its rules written by family in the modules
beside this one.

`resolve` tries the families in this order, the first that answers wins:
- "it" (an organization that spoke or was the subject lately) and "he"/"she" (pronouns);
- a name that heads the phrase ("Kremlin spokesman Dmitry Peskov", not "Vladimir Putin's
  spokesman" nor "a spokesman for Michael Howard"; names), or an owner's words ("Clinton's
  response was:");
- a name before an apposition NER did not tag as a person ("Sunset Violet, a local journalist,");
- an age, a nationality or a party ("the 34-year-old", "the American"; roles);
- a government body named by its people ("the Scottish Executive"; organizations);
- with no role word: "the Commission", "the company" (organizations), a writer after an
  organization's possessive, an organization in the phrase, a capitalized name NER missed
  ("Adelson said"), "the youngster"; else nobody, the phrase kept as the mention;
- with a role word: an unnamed spokesperson's body ("a BBC spokesman"; spokespeople), the
  person the text gave that role (roles), a name NER missed after the role, or the one the
  text is about when no one holds that office.
"""
from __future__ import annotations

from archive.attribution.phrases import institution_named, role_apposition, who_not_what
from archive.attribution.shapes import Attribution, Event
from archive.attribution.speakers.discourse import Discourse
from archive.attribution.speakers.names import NameRules
from archive.attribution.speakers.organizations import OrganizationRules
from archive.attribution.speakers.pronouns import PronounRules
from archive.attribution.speakers.roles import RoleRules
from archive.attribution.speakers.spokespeople import SpokespersonRules
from archive.attribution.token_view import TokenView, is_capitalized, lower_at, mentions_between
from archive.lexicon.function_words import DETERMINERS, INDEFINITE
from archive.lexicon.groups import MEDIA_NOUNS, ORG_NOUNS
from archive.lexicon.pronouns import PRONOUNS
from archive.lexicon.punctuation import QUOTE_CHARS
from archive.lexicon.roles import OFFICES, ROLE_WORDS, UNTITLED_DESCRIPTIONS, UNTITLED_ROLES, role_of
from archive.lexicon.utterances import UTTERANCE_NOUNS


class Resolver(NameRules, RoleRules, OrganizationRules, SpokespersonRules, PronounRules, Discourse):
    """The rules that turn a speaker phrase (tokens [a, b) of the TokenView) into an Attribution,
    over one article's state: the events of its discourse, the organizations credited with
    words, the speakers NER missed."""

    def __init__(self, t: TokenView):
        self.t = t
        self.events: list[Event] = []
        self.unknown_persons: dict[str, int] = {}  # name -> person, for names NER did not tag
        self.org_speakers: list[tuple[int, str]] = []  # (token, organization) credited with words
        self.surname_uses: list[Event] = []  # bare surnames of several people, read as one of them
        self._keys: list[tuple[str, bool]] = []  # per person: surname key, plain first name
        self._subject_events()
        self.unnamed_spokespeople = self._unnamed_spokespeople()

    def resolve(self, a: int, b: int, cue: int) -> Attribution:
        t = self.t
        doc = t.doc
        words = doc[a:b]
        mention_text = words.text.strip(" ,")
        first = lower_at(t, a)
        if b - a == 1 and first == "it":
            # "Shell said … It added", "“…,” it said"; not "a statement saying it took", whose "it"
            # is the one the sentence began with
            opens = a == 0 or t.sentence_of[a - 1] != t.sentence_of[a] or t.words[a - 1] == "," \
                or t.words[a - 1] in QUOTE_CHARS and t.quote_of[a - 1] >= 0
            org = self._org_topic(a, speakers_only=True) if opens else None
            if org:
                return Attribution(org, mention_text, None, 0.6, None, "org")
            org = self._recent_org_subject(a) if opens else None  # "The BCC welcomed it. “…,” it said"
            return Attribution(org, mention_text, None, 0.5 if org else 0.0, None, "org" if org else "")
        if b - a == 1 and first in PRONOUNS:
            return self._pronoun(first, doc[a].idx, mention_text)
        relative = next((i for i in range(a + 1, b - 1)
                         if t.words[i] == "," and lower_at(t, i + 1) in ("who", "whose", "whom", "which")), None)
        if relative is not None and doc[relative + 1:relative + 4].text.lower() != "whose real name":
            b = relative  # "The actor, whose films include Michael Collins, said": the actor, not Collins
        mentions = [m for m in mentions_between(t, a, b) if m.token_end <= b]
        owners = [m.person for m in mentions if m.possessive]
        named = [m for m in mentions if not m.possessive and self._heads(m, a, b)]
        owners += [m.person for m in mentions if not m.possessive and m not in named]
        # "Russian President Vladimir Putin's spokesman": the roles after the owner describe the speaker
        after_owner = a
        for m in mentions:
            if m.possessive:
                after_owner = max(after_owner, m.token_end + 1)
        if named:
            m = named[0]
            index = self._namesake(m)
            person = t.people.persons[index]
            return Attribution(person.name, mention_text, None, 0.9, index, "name")
        said_by = [m for m in mentions if m.possessive and (m.token_end + 2 == b or m.token_end + 3 == b
                                                             and is_capitalized(doc[b - 2].text))]
        if said_by and lower_at(t, b - 1) in UTTERANCE_NOUNS:  # "Clinton’s response was: “…”"
            person = t.people.persons[said_by[-1].person]
            return Attribution(person.name, mention_text, None, 0.8, said_by[-1].person, "name")
        comma = next((i for i in range(a + 1, b) if doc[i].text == ","), None)
        if comma is not None and first not in DETERMINERS:
            # "Matdos Santos, legal director for the ACLU of Oregon": the name before the apposition
            # "Sunset Violet, a local journalist, told": a person, whatever NER took the name for
            head = self._unknown_name(a, comma, role_apposition(t, comma, b))
            if head:
                return self._by_unknown_name(head, mention_text)
        if first in DETERMINERS and first not in INDEFINITE and who_not_what(t, a, b):
            return self._described_topic(a, b, mention_text)
        institution = institution_named(t, a, b)
        if institution:
            return Attribution(institution, mention_text, None, 0.8, None, "org")
        role = self._head_role(after_owner, b)
        if role is None and first == "the" and b - a == 2:
            noun = lower_at(t, a + 1)
            if t.words[a + 1][:1].isupper():  # a body's name, not the last one to speak
                org = self._named_body(a, t.words[a + 1])  # "the European Commission … the Commission said"
                if org:
                    return Attribution(org, mention_text, None, 0.8, None, "org")
            elif noun in ORG_NOUNS | MEDIA_NOUNS:  # "Shell said … the company added"
                org = self._org_topic(a, speakers_only=False, media=noun in MEDIA_NOUNS, noun=noun)
                if org:
                    return Attribution(org, mention_text, None, 0.7, None, "org")
        if role is None:
            staff = self._staff_name(a, b)
            if staff:
                return self._by_unknown_name(staff, mention_text)
            org = self._org(a, b)
            if org:
                return Attribution(org, mention_text, None, 0.8, None, "org")
            # "stated Roman Petrosyan, a history professor at …": the apposition after the phrase
            described = b < len(t.words) and t.words[b] == "," and role_apposition(t, b, len(t.words))
            unknown = self._unknown_name(a, b, described)
            if unknown and not self._one_of(unknown, owners):
                return self._by_unknown_name(unknown, mention_text)
            if first == "the" and lower_at(t, b - 1) in UNTITLED_DESCRIPTIONS:
                return self._described_topic(a, b, mention_text, mentioned=False)  # "the youngster said"
            return Attribution(None, mention_text, None, 0.0, None, "")
        if first in INDEFINITE:
            return self._spoken_for(role, a, b, mention_text)
        person = self._by_role(role, doc[a].idx, exclude=set(owners), qualifiers=self._qualifiers(after_owner, b))
        if person is None and role == "spokesperson" and (spoken_for := self._spoken_for(role, a, b, mention_text)).speaker:
            return spoken_for
        if person is None:
            unknown = self._unknown_name(a, b)  # "United Auto Workers Secretary-Treasurer Gary Casteel"
            if unknown and unknown.lower() not in ROLE_WORDS and not self._one_of(unknown, owners):
                return self._by_unknown_name(unknown, mention_text)
            if first == "the" and b - 1 > a and role_of(t.words[b - 1]) == role \
                    and (role in UNTITLED_ROLES or role in OFFICES):
                # "the Sale player said"; a role says less than an age or a nationality, so the one
                # meant must have spoken or been a subject ("Glazer's bid … the central defender
                # added"); an office, when nobody was titled with it, also the one named most
                # ("Michael Howard has said … the Conservative leader said")
                return self._described_topic(a, b, mention_text, role, mentioned=False,
                                             most_named=role not in UNTITLED_ROLES)
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(t.people.persons[person].name, mention_text, None, 0.7, person, "description")
