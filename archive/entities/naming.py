"""Whether a capitalized word can be (part of) a person's name: not a conjunction NER glued to a
name ("While"), a reporting verb ("Stated"), a role ("Senators"), a group ("Police"), an adverb."""
from __future__ import annotations

import re

from archive.entities.doc_words import lowercase_words
from archive.lexicon.cues import NOT_NAME_VERBS
from archive.lexicon.function_words import NOT_IN_NAMES, SENTENCE_OPENERS
from archive.lexicon.groups import GROUP_NOUNS, GROUP_OPENERS, NOT_PEOPLE, NOT_PERSON_HEADS
from archive.lexicon.name_words import FIRST_NAME_GENDER, SURNAME_PARTICLES
from archive.lexicon.nationalities import NATIONALITY_NOUNS
from archive.lexicon.politics import PARTY_NOUNS
from archive.lexicon.punctuation import CLAUSE_DASHES
from archive.lexicon.roles import PRE_NAME_WORDS, ROLE_WORDS
from archive.lexicon.titles import HONORIFICS


def is_name_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _group_noun(lower: str) -> bool:
    """ "police", "critics", "ecologists": people as a group, never one person's name."""
    return lower in GROUP_NOUNS or len(lower) > 6 and lower.endswith("ists")


def _plural_role(lower: str) -> bool:
    """ "Senators", "aides", "hackers"-like plurals of role nouns."""
    return lower.endswith("s") and (lower[:-1] in ROLE_WORDS or lower.endswith("es") and lower[:-2] in ROLE_WORDS)

# What may stand right before the first word of a sentence.
_BEFORE_A_SENTENCE = {".", "!", "?", ":", ";", "“", '"', "‘", "«", *CLAUSE_DASHES}
# Adverbs by their endings ("Nationally", "Reportedly"); "McNally" is a name.
_ADVERB = re.compile(r"(?:ally|ously|ively|fully|edly|ingly|ently|antly|ately)$")


def _adverb(lower: str) -> bool:
    return len(lower) >= 7 and bool(_ADVERB.search(lower)) and not lower.startswith(("mc", "mac"))


def _opens_a_sentence(words: list[str], i: int) -> bool:
    return i == 0 or words[i - 1] in _BEFORE_A_SENTENCE or "\n" in words[i - 1]


def not_a_name_word(doc, words: list[str], i: int) -> bool:
    """Whether the first word of a PERSON span is a word NER glued to the name: a
    conjunction or adverb ("While", "Maybe"), a reporting verb ("Stated"), a role noun
    ("Founder", "Senators"), an adverb ("Nationally"), or a sentence's first word that
    the article also writes in lower case ("Soft - Belko - soft on crime")."""
    text = words[i]
    lower = text.lower()
    if lower.strip(".") in HONORIFICS or not is_name_word(text):
        return True
    if lower in FIRST_NAME_GENDER or lower in SURNAME_PARTICLES:
        return False
    if lower in NOT_IN_NAMES or lower in SENTENCE_OPENERS or lower in NOT_NAME_VERBS:
        return True
    if lower in ROLE_WORDS or _plural_role(lower) or _group_noun(lower):
        return True
    if _adverb(lower):
        return True
    if lower.endswith("ing") and i + 2 < len(words) and words[i + 1].lower() in FIRST_NAME_GENDER \
            and is_name_word(words[i + 1]) and is_name_word(words[i + 2]):
        return True  # "Trusting Ann Ferraro": a participle before a full name
    return _opens_a_sentence(words, i) and lower in lowercase_words(doc)


def describes_not_names(doc, word: str) -> bool:
    """A capitalized word before a full name that says who the person is: a nationality, a
    party, or a word the article also writes in lower case ("Comic Joe Pasquale")."""
    lower = word.lower()
    if lower in FIRST_NAME_GENDER or lower in SURNAME_PARTICLES:
        return False
    return lower in NATIONALITY_NOUNS or lower in PARTY_NOUNS or lower in lowercase_words(doc)


def common_word(doc, text: str) -> bool:
    lower = text.lower()
    return lower not in FIRST_NAME_GENDER and lower in lowercase_words(doc)


def not_a_person(text: str) -> bool:
    """A single word NER took for a person that is no name: "Jokes", "Conceding", "Aides"."""
    lower = text.lower()
    if lower in FIRST_NAME_GENDER:
        return False
    return lower in NOT_NAME_VERBS or lower in NOT_IN_NAMES or lower in SENTENCE_OPENERS \
        or _plural_role(lower) or _group_noun(lower) or lower.strip(".") in HONORIFICS or _adverb(lower)


def opener(token) -> bool:
    """A capitalized word that opens a clause, never part of a name ("But", "Later")."""
    lower = token.text.lower()
    if lower in FIRST_NAME_GENDER:
        return False  # "Will", "May"
    return token.is_stop or lower in NOT_IN_NAMES or lower in SENTENCE_OPENERS


def left_out_first_name(token, other_types: tuple[str, ...] = (), before_particle: bool = False) -> bool:
    """Whether the capitalized word before a lone surname is its first name ("Ivanka Trump").

    other_types: entity labels NER may have given the first name by mistake; before_particle:
    the surname opens with one ("Alwaleed Bin Talal"), so a word ending in -ed is no verb."""
    text = token.text
    lower = text.lower()
    if lower in FIRST_NAME_GENDER:
        return is_name_word(text)
    if not (text.isalpha() and text[0].isupper() and not text.isupper()) or token.is_stop:
        return False
    if lower in SENTENCE_OPENERS or lower in NOT_IN_NAMES or lower in ROLE_WORDS or lower.strip(".") in HONORIFICS \
            or lower in PRE_NAME_WORDS or lower in NOT_NAME_VERBS or _plural_role(lower) \
            or lower in GROUP_OPENERS:
        return False
    return token.ent_type_ in ("", "PERSON", *other_types) \
        and (before_particle or not lower.endswith(("ly", "ing", "ed")))


def plausible_name(text: str) -> bool:
    words = text.split()
    return (
        text.lower() not in NOT_PEOPLE
        and text.lower() not in NATIONALITY_NOUNS
        and (len(words) < 2 or words[-1].lower() not in NOT_PERSON_HEADS)
        and words[0].lower() not in GROUP_OPENERS
        and not any(w in ("v.", "vs.", "v", "vs") for w in words[1:-1])  # "Trump v. Trump": a court case
        and 0 < len(words) <= 5
        and any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
        and is_name_word(words[-1])
        and "@" not in text
        and len(text) <= 60
    )
