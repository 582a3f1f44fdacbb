"""Named people, organizations and places of one article, with canonical names.

`find_people` turns a spaCy Doc into the article's people: every mention of a
person (NER's PERSON spans, plus surnames NER missed), grouped so that
"Dmitry Peskov", "Dmitri Peskov", "Peskov" and "Mr. Peskov" are one person, with
what the text says each person is ("Kremlin spokesman", "a senator") and their
gender where an honorific, a first name or a role noun shows it. Speaker
attribution reads the same structure.

`extract_entities` counts people, organizations and places. Nationalities
(NORP) are not places; "the Kremlin" is an organization.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from archive.entities.clusters import cluster_mentions
from archive.entities.descriptions import opens_sentence, pronoun_after, roles_after, roles_before
from archive.entities.doc_words import keep_text, text_of, token_texts
from archive.entities.mentions import (
    PERSON_LABELS,
    first_name_pairs,
    missed_mentions,
    ner_person_mentions,
    titled_names,
)
from archive.entities.naming import is_name_word
from archive.entities.shapes import Mention, People, Person
from archive.model import Entity
from archive.names import canonical_entity, canonical_name, name_gender, strip_possessive


__all__ = ["Mention", "People", "Person", "extract_entities", "find_people", "keep_text", "text_of", "token_texts"]

ORG_LABELS = {"ORG"}

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def find_people(doc) -> People:
    """The people of an article: mentions grouped per person, with roles and gender."""
    mentions = ner_person_mentions(doc)
    mentions += first_name_pairs(doc, mentions)
    mentions = sorted(mentions + titled_names(doc, mentions), key=lambda m: m.start)
    clusters = cluster_mentions(doc, mentions)
    extra = missed_mentions(doc, mentions, clusters)
    if extra:
        # Once more with the surnames NER missed in their place in the text: which namesake
        # a lone surname means depends on what the surname named before it.
        clusters = cluster_mentions(doc, mentions + extra)
    all_mentions = sorted((m for m in mentions + extra if m.person >= 0), key=lambda m: m.start)
    for person in clusters.persons:
        person.mentions.sort(key=lambda m: m.start)
        person.name = canonical_name(person.variants)
        genders = Counter()
        for m in person.mentions:
            before, g1 = roles_before(doc, m.token_start)
            after, g2 = roles_after(doc, m.token_end + (1 if m.possessive else 0)) if not m.possessive else (set(), None)
            person.roles |= before | after
            for g in (g1, g2, name_gender(m.text)):
                if g:
                    genders[g] += 1
        # What the text says ("Fiorina ... she") outweighs a first name that
        # belongs to a namesake merged in by surname.
        for m in person.mentions:
            g = pronoun_after(doc, m, all_mentions) if opens_sentence(doc, m.token_start) else None
            if g:
                genders[g] += 1
        if genders:
            ranked = genders.most_common()
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                person.gender = ranked[0][0]
    return People(clusters.persons, all_mentions)


def _entity_type(label: str) -> str | None:
    if label in PERSON_LABELS:
        return "person"
    if label in ORG_LABELS:
        return "org"
    if label in PLACE_LABELS:
        return "place"
    return None


def extract_entities(doc, people: People | None = None) -> list[Entity]:
    """People, organizations and places of one article, canonical names, mention counts."""
    try:
        return _extract_entities(doc, people)
    except Exception:  # noqa: BLE001 - extraction must never stop an ingest
        return []


def _extract_entities(doc, people: People | None) -> list[Entity]:
    people = people or find_people(doc)
    person_tokens = set()
    entities: list[Entity] = []
    for person in people.persons:
        if not person.mentions:
            continue
        for m in person.mentions:
            person_tokens.update(range(m.token_start, m.token_end))
        aliases = sorted(set(person.variants) - {person.name})
        entities.append(Entity(person.name, "person", len(person.mentions), aliases))
    counts: Counter = Counter()
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ent in doc.ents:
        kind = _entity_type(ent.label_)
        if kind is None or kind == "person" or any(i in person_tokens for i in range(ent.start, ent.end)):
            continue
        text = ent.text.strip()
        if not any(c.isalpha() for c in text) or len(text) > 80:
            continue
        name, kind = canonical_entity(text, kind)
        if not name or not is_name_word(name.lstrip("'’\"“")) and not name[:1].isdigit():
            continue
        counts[(name, kind)] += 1
        surface = strip_possessive(text)
        if surface != name:
            aliases[(name, kind)].add(surface)
    for (name, kind), count in counts.items():
        entities.append(Entity(name, kind, count, sorted(aliases[(name, kind)])))
    entities.sort(key=lambda e: (-e.count, e.type, e.name))
    return entities
