"""Pronouns: who "he" and "she" can be, and whose words "I" and "my" make a quotation."""
from __future__ import annotations

from archive.lexicon import french


# Third-person pronouns by gender, every case: the one table the others below are drawn from.
THIRD_PERSON = {"male": {"he", "him", "his", "himself"}, "female": {"she", "her", "hers", "herself"}}

# A gendered pronoun -> its gender: "his" -> "male". Agreement between a pronoun and a person.
PRONOUN_GENDER = {word: gender for gender, words in THIRD_PERSON.items() for word in words}

# Every gendered pronoun: a person named just before one is a person ("Smith … his").
GENDERED_PRONOUNS = frozenset(PRONOUN_GENDER)

# Subject pronouns that can stand as a speaker ("he said") -> the gender they require, if any.
PRONOUNS = {"he": "male", "she": "female", "they": None, "we": None, "i": None, "you": None, "it": None,
            **french.PRONOUNS}

# The subject pronouns resolved to a named person: "he said" is someone the text named.
PERSONAL_PRONOUNS = {word for word, gender in PRONOUNS.items() if gender}

# Possessive determiners: "his spokesman" is a description, not a name.
POSSESSIVE_DETERMINERS = ("his", "her", "their", "its")

# Words that make a fragment someone's own words: He offered “my thoughts and prayers”.
FIRST_PERSON = {"i", "my", "me", "we", "our", "us", "i'm", "i’m"}

# The speaker speaking of themselves alone: a quotation that says "I" goes on one person's words.
FIRST_PERSON_SINGULAR = {"i", "my", "me", "myself", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"}

# Pronouns that open a relative clause: "Scott, who called it …" stands for Scott.
RELATIVE_PRONOUNS = {"who", "that", "which"}

# Pronouns that may point forward to a name later in the sentence.
FORWARD_PRONOUNS = {"his", "her", "him"}
