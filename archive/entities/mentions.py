"""Where the text names a person: NER's PERSON spans trimmed to the name, and the names NER
missed or mislabelled (a known surname alone, "Mr. X", a first name and a surname, a name
after a role only people have)."""
from __future__ import annotations

from archive.entities.clusters import Clusters
from archive.entities.doc_words import token_texts
from archive.entities.naming import (
    common_word,
    describes_not_names,
    is_name_word,
    left_out_first_name,
    not_a_name_word,
    not_a_person,
    opener,
    plausible_name,
)
from archive.entities.shapes import Mention
from archive.lexicon.function_words import SENTENCE_OPENERS
from archive.lexicon.groups import NOT_PERSON_HEADS, ORG_NAME_HEADS
from archive.lexicon.name_words import FIRST_NAME_GENDER, GIVEN_NAME_PARTICLES, SURNAME_PARTICLES
from archive.lexicon.punctuation import DASHES_BETWEEN_NAMES, JOINING_DASHES, POSSESSIVE_TOKENS
from archive.lexicon.roles import ROLES_NOT_ONLY_PEOPLE, ROLE_WORDS, role_of
from archive.lexicon.titles import HONORIFICS, POSTNOMINALS
from archive.names import fold, strip_possessive


PERSON_LABELS = {"PERSON"}

# Labels NER gives names it does not know ("Ivanka" a product) more often than real ones.
MISTAKEN_NAME_TYPES = ("PRODUCT", "WORK_OF_ART", "ORG", "FAC")


def ner_person_mentions(doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS:
            continue
        start, end, possessive = _name_tokens(doc, ent.start, ent.end)
        name_end = end
        start, end = _one_side_of_dash(doc, start, end)
        if end != name_end:
            possessive = doc[end].text in POSSESSIVE_TOKENS
        if end <= start:
            continue
        first = doc[start].text.lower()
        opens_with_particle = end - start > 1 and first in SURNAME_PARTICLES and first not in GIVEN_NAME_PARTICLES
        if start == ent.start and start > 0 and (end - start == 1 or opens_with_particle) \
                and left_out_first_name(doc[start - 1], before_particle=opens_with_particle):
            start -= 1  # NER left out the first name: "Dmitry [Peskov] spoke", "Alwaleed [Bin Talal]"
        if end - start == 1 and not_a_person(token_texts(doc)[start]):
            continue
        if end - start == 1 and _hyphen_modifier(doc, end):
            continue  # "the Oscar-nominated actor": a word of a description, no one named
        if end - start == 1 and start > ent.start and is_name_word(doc[ent.start].text) \
                and common_word(doc, token_texts(doc)[start]):
            continue  # "Bright Start" less its first word is no person
        mention = _mention(doc, start, end, possessive)
        if plausible_name(mention.text):
            mentions.append(mention)
    return mentions


def _name_tokens(doc, start: int, end: int) -> tuple[int, int, bool]:
    """Trim a PERSON span to the name: no leading honorific/article, no possessive."""
    possessive = False
    while end > start and doc[end - 1].text in POSSESSIVE_TOKENS:
        end -= 1
        possessive = True
    while end > start and not any(c.isalpha() for c in doc[end - 1].text):
        end -= 1
    while end - start > 1 and doc[end - 1].text in POSTNOMINALS:
        end -= 1  # "Tom Pell MP"
    words = token_texts(doc)
    for i in range(end - 2, start - 1, -1):
        if words[i].isalpha() and words[i].islower() and len(words[i]) > 2 and not doc[i].is_stop \
                and words[i] not in SURNAME_PARTICLES and (i == start or words[i - 1] not in JOINING_DASHES):
            start = i + 1  # "Perpignan centre Jean Dupuis": a lower-case word is no part of a name
            break
    while True:
        if end - start > 1 and not_a_name_word(doc, words, start):
            start += 1  # "Like Makaeff, the former customer, …": NER took the preposition in
        elif end - start >= 3 and describes_not_names(doc, words[start]):
            start += 1  # "Kenyan Bernard Lagat", "Tory Neil Hamilton", "Lib Dem MP Ann Ford"
        else:
            break
    while start > 0 and words[start - 1] in SURNAME_PARTICLES and end - start < 4:
        start -= 1  # "van Gaal said", where NER left the particle out
    if end < len(doc) and doc[end].text in POSSESSIVE_TOKENS:
        possessive = True
    return start, end, possessive


def _mention(doc, start: int, end: int, possessive: bool) -> Mention:
    span = doc[start:end]
    text = strip_possessive(span.text)
    return Mention(span.start_char, span.start_char + len(text), text, start, end, -1, possessive)


def _one_side_of_dash(doc, start: int, end: int) -> tuple[int, int]:
    """A name NER ran across a spaced dash ("Florian Hamm - Borussia Dortmund", "MPs - Keith
    Vaz"): the first side of two or more words, else the first side."""
    cuts = [i for i in range(start + 1, end - 1)
            if doc[i].text in DASHES_BETWEEN_NAMES and doc[i - 1].whitespace_ and doc[i].whitespace_]
    if not cuts:
        return start, end
    sides = [(a, b) for a, b in zip([start] + [c + 1 for c in cuts], cuts + [end]) if b > a]
    return next(((a, b) for a, b in sides if b - a >= 2), sides[0])


def _hyphen_modifier(doc, end: int) -> bool:
    """Whether the word before `end` is glued by a hyphen to a lower-case word: "Oscar-nominated"."""
    return end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in ("-", "‐") \
        and not doc[end].whitespace_ and doc[end + 1].text[:1].islower()


def first_name_pairs(doc, found: list[Mention]) -> list[Mention]:
    """ "Carly Fiorina" that NER missed or took for an organization: a known first
    name followed by one capitalized word."""
    taken = _tokens_of(found)
    pairs = []
    words = token_texts(doc)
    for i in range(1, len(doc)):
        if i - 1 in taken or i in taken or words[i - 1].lower() not in FIRST_NAME_GENDER:
            continue
        first, last = doc[i - 1], doc[i]
        if not (is_name_word(first.text) and first.text.isalpha() and is_name_word(last.text)):
            continue
        if not last.text.replace("’", "").replace("'", "").replace("-", "").isalpha() or last.text.isupper():
            continue
        if last.ent_type_ in _NOT_SURNAME_TYPES or last.text.lower() in ROLE_WORDS \
                or last.text.lower() in NOT_PERSON_HEADS:
            continue
        if i + 1 < len(doc) and is_name_word(doc[i + 1].text) and doc[i + 1].text not in POSSESSIVE_TOKENS:
            continue  # "Jack Daniels Distillery"
        if i >= 2 and is_name_word(doc[i - 2].text) and "\n" not in doc[i - 2].text \
                and doc[i - 2].text.lower().strip(".") not in HONORIFICS and role_of(doc[i - 2].text) is None:
            continue
        possessive = i + 1 < len(doc) and doc[i + 1].text in POSSESSIVE_TOKENS
        pairs.append(_mention(doc, i - 1, i + 1, possessive))
        taken.update((i - 1, i))
    return pairs

_NOT_SURNAME_TYPES = {"NORP", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                      "QUANTITY", "EVENT", "LAW", "LANGUAGE", "FAC"}


def titled_names(doc, found: list[Mention]) -> list[Mention]:
    """ "Newcastle boss Graeme Souness", "defender Rio Ferdinand" that NER took for an
    organization or a place: two or three name words right after a role only people have, or
    set off by commas after it."""
    taken = _tokens_of(found)
    titled = []
    for ent in doc.ents:
        if ent.label_ not in _TITLED_NAME_TYPES or not 2 <= len(ent) <= 3 or ent.start == 0 \
                or any(i in taken for i in range(ent.start, ent.end)):
            continue
        before = doc[ent.start - 1].text
        if before == "," and ent.start >= 2 and ent.end < len(doc) and doc[ent.end].text == ",":
            before = doc[ent.start - 2].text  # "the party's Holyrood leader, Nicola Sturgeon, said"
        if role_of(before) is None or before.lower() in ROLES_NOT_ONLY_PEOPLE:
            continue
        if before.lower() == "official" and ent.start >= 2 and doc[ent.start - 2].lower_ in ("the", "a", "an"):
            continue  # "the official Xinhua News Agency": an adjective; "union official Ulf Carlsson" is a role
        if not all(w.text.isalpha() and is_name_word(w.text) and w.text.lower() not in ROLE_WORDS for w in ent):
            continue
        if not left_out_first_name(ent[0], _TITLED_NAME_TYPES) or not plausible_name(ent.text) \
                or ent[-1].text.lower() in ORG_NAME_HEADS:
            continue
        titled.append(_mention(doc, ent.start, ent.end, _possessive_after(doc, ent.end)))
    return titled

_TITLED_NAME_TYPES = (*MISTAKEN_NAME_TYPES, "GPE", "LOC", "NORP")


def missed_mentions(doc, people_mentions: list[Mention], clusters: Clusters) -> list[Mention]:
    """Surnames of known people that NER did not tag as PERSON, and "Mr. X" names."""
    taken = _tokens_of(people_mentions)
    long_entity = {}
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS and len(ent) > 1:
            for i in range(ent.start, ent.end):
                long_entity[i] = ent
    surnames = set(clusters.by_surname)
    words = token_texts(doc)
    found = []
    for i, word in enumerate(words):
        if i in long_entity and i not in taken and _first_name_and_known_surname(doc, long_entity[i], i, surnames):
            found.append(_mention(doc, i - 1, i + 1, _possessive_after(doc, i + 1)))
            taken.update((i - 1, i))
            continue
        if i in taken or not is_name_word(word):
            continue  # most tokens: the cheap tests first
        honorific = i > 0 and words[i - 1].lower().strip(".") in ("mr", "mrs", "ms", "dr", "miss")
        after = _hyphenated_end(doc, i)  # "Kilroy-Silk" is three tokens
        # "Mr Senanayake" that NER took for a place is still a person; "DR Congo" is not
        titled_entity = honorific and not doc[i - 1].text.isupper() and i in long_entity \
            and long_entity[i].start >= i - 1 and long_entity[i].end <= after + 1
        if i in long_entity and not titled_entity:
            continue
        known = fold(doc[i:after].text) in surnames
        if not (known or honorific):
            continue
        if after < len(doc) and is_name_word(doc[after].text) and doc[after].text not in POSSESSIVE_TOKENS:
            if not honorific or after + 1 < len(doc) and is_name_word(doc[after + 1].text):
                continue  # part of a longer name we do not know
            end = after + 1
        else:
            end = after
        if i > 0 and is_name_word(doc[i - 1].text) and not honorific and doc[i - 1].i not in taken \
                and not opener(doc[i - 1]):  # "But Campese told …" is Campese
            if known and end == after and left_out_first_name(doc[i - 1], MISTAKEN_NAME_TYPES) \
                    and (i < 2 or not is_name_word(doc[i - 2].text) or doc[i - 2].is_stop
                         or doc[i - 2].text.lower() in SENTENCE_OPENERS):
                found.append(_mention(doc, i - 1, end, _possessive_after(doc, end)))  # "[Ivanka] Trump"
                taken.update(range(i - 1, end))
                continue
            if "\n" not in doc[i - 1].text and (i < 2 or "\n" not in doc[i - 2].text):
                continue  # "Clinton" in "Bill Clinton Foundation"-like runs
        found.append(_mention(doc, i, end, _possessive_after(doc, end)))
        taken.update(range(i, end))
    return found


def _tokens_of(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.token_start, m.token_end)}


def _hyphenated_end(doc, i: int) -> int:
    """Where the name word at token i ends: after "Silk" in "Kilroy-Silk", which the
    tokenizer splits at the hyphen."""
    if i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text in ("-", "‐") \
            and not doc[i + 1].whitespace_ and is_name_word(doc[i + 2].text):
        return i + 3
    return i + 1


def _possessive_after(doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in POSSESSIVE_TOKENS


def _first_name_and_known_surname(doc, ent, i: int, surnames: set[str]) -> bool:
    """ "Ivanka Trump" taken by NER for a product: two words, the second the surname of
    someone in the text, the first a plausible first name."""
    return (ent.label_ in MISTAKEN_NAME_TYPES and ent.start == i - 1 and ent.end == i + 1
            and fold(doc[i].text) in surnames and left_out_first_name(doc[i - 1], MISTAKEN_NAME_TYPES))
