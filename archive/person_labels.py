"""A pipeline component that takes the person label off names the text shows are not people.

The small English model calls many companies, places and parties people ("Russian oil giant
Yukos", "Sri Lanka's banks"). Speakers and person facets are built on its PERSON label, so
the names archive.names knows as organizations or places ("Labour", "Lib Dems") and two
kinds of evidence in the article itself overrule it:
- the name stands right after a noun for a body: "oil giant Yukos", "rock band Franz
  Ferdinand", "retailer John Lewis";
- the model gave the same name another label more often than the person label.
Every mention of such a name in the article then carries the other label. A vote does not
count against a name the text treats as a person's: after a title ("Mr Wang", "President
Trump"), followed by ", who", or by "he" or "she" before anyone else is named, or the
surname of a fuller name; the table's names yield only to the last ("Denzel Washington").
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from archive.lexicon.groups import BODY_NOUNS
from archive.lexicon.name_words import FIRST_NAME_GENDER
from archive.lexicon.pronouns import GENDERED_PRONOUNS
from archive.lexicon.roles import ROLE_WORDS
from archive.lexicon.titles import PERSON_TITLES
from archive.names import canonical_entity, fold, strip_possessive


COMPONENT = "person_labels"

# Not NORP: the model gives it to names it does not know ("Euronext") as often as to groups.
OTHER_LABELS = ("ORG", "GPE", "LOC", "FAC")

KNOWN_TYPE_LABELS = {"org": "ORG", "place": "GPE"}

# How far after a name "he" or "she" still shows the name is a person's.
PRONOUN_WINDOW = 40


def _key(ent: Span) -> str:
    """What a name is counted under: "the Lib Dems'" and "Lib Dems" are one."""
    words = strip_possessive(ent.text).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(fold(w) for w in words)


def _after_body_noun(doc: Doc, ent: Span) -> bool:
    """ "oil giant Yukos" ("Giant Yukos" opening a headline is no evidence)."""
    return ent.start > 0 and doc[ent.start - 1].text in BODY_NOUNS


def _treated_as_person(doc: Doc, ent: Span, next_person_start: int) -> bool:
    first = ent[0].text.lower().strip(".")
    before = doc[ent.start - 1].text.lower().strip(".") if ent.start > 0 else ""
    if first in PERSON_TITLES or before in PERSON_TITLES or before in ROLE_WORDS:
        return True
    if doc[ent.end:ent.end + 2].text.lower() == ", who":
        return True
    return any(t.lower_ in GENDERED_PRONOUNS for t in doc[ent.end:min(next_person_start, ent.end + PRONOUN_WINDOW)])


def _called_by_surname(ent: Span, key: str, persons_alone: set[str]) -> bool:
    """A first name and a surname the text also uses alone: "a group Barack Obama won …
    Obama said"; not "the Scissor Sisters", "contractor Balfour Beatty"."""
    return len(ent) > 1 and ent[0].text.lower() in FIRST_NAME_GENDER and key.rsplit(" ", 1)[1] in persons_alone


@Language.component(COMPONENT)
def correct_person_labels(doc: Doc) -> Doc:
    labels: dict[str, Counter] = defaultdict(Counter)
    surnames: set[str] = set()  # last words of fuller names: "Jordan" of Michael Jordan
    persons_alone: set[str] = set()  # one-word person names: "Obama"
    people: set[str] = set()  # names the text treats as people's
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    for ent in doc.ents:
        labels[_key(ent)][ent.label_] += 1
    for ent, following in zip(persons, persons[1:] + [None]):
        key = _key(ent)
        if " " not in key:
            persons_alone.add(key)
        else:
            surnames.add(key.rsplit(" ", 1)[1])
        if _treated_as_person(doc, ent, following.start if following is not None else len(doc)):
            people.add(key)
    relabel: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        key = _key(ent)
        if not key or key in relabel:
            continue
        known_type = canonical_entity(ent.text)[1]
        if known_type in KNOWN_TYPE_LABELS and key not in surnames:
            relabel[key] = KNOWN_TYPE_LABELS[known_type]
            continue
        if _after_body_noun(doc, ent) and not _called_by_surname(ent, key, persons_alone):
            relabel[key] = "ORG"
            continue
        others = Counter({label: n for label, n in labels[key].items() if label in OTHER_LABELS})
        if others and sum(others.values()) > labels[key]["PERSON"] and key not in people | surnames:
            relabel[key] = others.most_common(1)[0][0]
    if relabel:
        doc.ents = [Span(doc, e.start, e.end, label=relabel[_key(e)])
                    if e.label_ == "PERSON" and _key(e) in relabel else e for e in doc.ents]
    return doc
