"""Pronouns: who "he" and "she" can be, and whose words "I" and "my" make a quotation."""
from __future__ import annotations


PRONOUNS = {"he": "male", "she": "female", "they": None, "we": None, "i": None, "you": None, "it": None}

PERSONAL_PRONOUNS = {"he", "she"}

# Words that make a fragment someone's own words: He offered “my thoughts and prayers”.
FIRST_PERSON = {"i", "my", "me", "we", "our", "us", "i'm", "i’m"}

THIRD_PERSON = {"male": {"he", "him", "his", "himself"}, "female": {"she", "her", "hers", "herself"}}

THIRD_PERSON_ALL = THIRD_PERSON["male"] | THIRD_PERSON["female"]

FIRST_PERSON_SINGULAR = {"i", "my", "me", "myself", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"}

RELATIVE_PRONOUNS = {"who", "that", "which"}

PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}

# Pronouns that may point forward to a name later in the sentence.
FORWARD_PRONOUNS = {"his", "her", "him"}

GENDERED_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
