"""What the text says a person is: roles in a title before the name or an apposition after it
("Kremlin spokesman", "Rubio (R-Fla.)"), and gender from an honorific or a pronoun after it."""
from __future__ import annotations

import re

from archive.entities.doc_words import token_texts
from archive.entities.naming import is_name_word
from archive.entities.shapes import Mention
from archive.lexicon.cues import NOT_NAME_VERBS
from archive.lexicon.function_words import AFTER_SUBJECT
from archive.lexicon.pronouns import FORWARD_PRONOUNS, PRONOUN_GENDER
from archive.lexicon.punctuation import JOINING_DASHES, POSSESSIVE_TOKENS
from archive.lexicon.roles import GENDERED_ROLES, PRE_NAME_WORDS, role_of
from archive.lexicon.titles import HONORIFICS


def roles_before(doc, token_start: int) -> tuple[set[str], str | None]:
    """Roles in the title before a name: "Kremlin spokesman", "Russian President", "Sen."."""
    roles: set[str] = set()
    gender = None
    i = token_start - 1
    steps = 0
    while i >= 0 and steps < 7:
        text = doc[i].text
        if text in POSSESSIVE_TOKENS or "\n" in text:
            break  # "Putin's spokesman Peskov": Putin's titles are not Peskov's
        lower = text.lower()
        previous = [t.text for t in doc[max(0, i - 2):i]]
        role = role_of(text, previous)
        if lower.strip(".") in HONORIFICS and HONORIFICS[lower.strip(".")]:
            gender = gender or HONORIFICS[lower.strip(".")]
        if role:
            roles.add(role)
            gender = gender or GENDERED_ROLES.get(lower)
        elif not (is_name_word(text) or lower in PRE_NAME_WORDS or lower.strip(".") in HONORIFICS):
            break
        i -= 1
        steps += 1
    return roles, gender

_PARTY = re.compile(r"^\s*[,(]\s*([RD])\s*-\s*[A-Z]")


def roles_after(doc, token_end: int) -> tuple[set[str], str | None]:
    """Roles in an apposition: "Peskov, the Kremlin's spokesman," / "Rubio (R-Fla.)"."""
    roles: set[str] = set()
    gender = None
    if token_end >= len(doc):
        return roles, gender
    tail = doc[token_end: token_end + 6].text[:12]
    party = _PARTY.match(tail)
    if party:
        roles.add("republican" if party.group(1) == "R" else "democrat")
    if doc[token_end].text != ",":
        return roles, gender
    i = token_end + 1
    if i < len(doc) and doc[i].text.lower() in ("who", "who's"):
        i += 2 if i + 1 < len(doc) and doc[i + 1].text.lower() in ("is", "was", "has", "had") else 1
    if i >= len(doc) or not (doc[i].text.lower() in ("the", "a", "an") or is_name_word(doc[i].text)
                             or role_of(doc[i].text)):
        return roles, gender
    stop = min(len(doc), i + 12)
    words = token_texts(doc)
    found: set[str] = set()
    found_gender = None
    while i < stop and words[i] not in (",", ".", ";", ":", "(", ")") and "\n" not in words[i]:
        lower = words[i].lower()
        if lower in ("of", "for", "at", "with", "in", "on", "from", "and", "who", "which", "that"):
            break
        if found and _verb_after_subject(words[i]):
            return roles, gender  # "Belko, the Republican candidate stated …": a new clause's subject
        role = role_of(words[i], words[max(0, i - 2):i])
        if role:
            found.add(role)
            found_gender = found_gender or GENDERED_ROLES.get(lower)
        i += 1
    return roles | found, gender or found_gender


def _verb_after_subject(word: str) -> bool:
    """Whether a word after a description's role noun makes the description a clause's subject."""
    lower = word.lower()
    return word.islower() and (lower in NOT_NAME_VERBS or lower in AFTER_SUBJECT
                               or len(lower) > 4 and lower.endswith("ed"))


def honorific_gender(doc, token_start: int) -> str | None:
    if token_start > 0:
        return HONORIFICS.get(doc[token_start - 1].text.lower().strip("."))
    return None


def pronoun_after(doc, mention: Mention, mentions: list[Mention]) -> str | None:
    """The gender of the first he/she/his/her after a name, before anyone else is named."""
    next_other = min((m.token_start for m in mentions
                      if m.token_start > mention.token_start and m.person != mention.person), default=len(doc))
    for i in range(mention.token_end, min(len(doc), mention.token_end + 15, next_other)):
        text = doc[i].text
        if "\n" in text or text in ("“", "”", '"', "«", "»"):
            return None
        gender = PRONOUN_GENDER.get(text.lower())
        if gender:
            if text.lower() in FORWARD_PRONOUNS and _named_later_in_sentence(doc, i, next_other):
                return None  # "With Mayor Walsh by her side, Clinton said": "her" is Clinton
            return gender
    return None


def _named_later_in_sentence(doc, i: int, next_other: int) -> bool:
    for j in range(i + 1, min(len(doc), i + 30)):
        if doc[j].text in (".", "!", "?", ";") or "\n" in doc[j].text:
            return False
        if j >= next_other:
            return True
    return False


def opens_sentence(doc, token_start: int) -> bool:
    """Whether a name stands at the start of its sentence, titles and all ("But Sen. Ted Cruz"):
    the one a pronoun after it most likely means ("Clinton said she", not "an attack at
    Clinton for his campaign's ...")."""
    i = token_start - 1
    while i >= 0:
        text = doc[i].text
        lower = text.lower()
        if text in (".", "!", "?", ";", ":") or "\n" in text or text in ("“", "”", '"', "«", "»"):
            return True
        if not (is_name_word(text) or lower in PRE_NAME_WORDS or lower.strip(".") in HONORIFICS
                or role_of(text, [x.text for x in doc[max(0, i - 2):i]]) or text in JOINING_DASHES
                or text in POSSESSIVE_TOKENS or lower in ("but", "and", "yet", "so")):
            return False
        i -= 1
    return True
