"""The words of date phrases, in every language the archive reads, kept in one place.

Add a language by adding its words to each list; the patterns below are built from
the lists. Lowercase, as written on pages; a space inside an entry matches any run
of spaces.
"""
from __future__ import annotations

import re

# English month names, read by the hand-written date forms (dateparser reads the others).
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}

# A line that starts with one of these announces the publication ("Posted ...").
PUBLISHED_WORDS = (
    "posted", "published", "created",                     # English
    "veröffentlicht", "erstellt",                         # German
    "publié",                                             # French
    "publicado",                                          # Spanish, Portuguese
    "pubblicato",                                         # Italian
    "gepubliceerd",                                       # Dutch
)
# ... or its last change ("Updated ..."); the words of other languages also mark an
# update inside a dateline ("Published ... aktualisiert ...").
DATELINE_UPDATED_WORDS = (
    "updated", "last updated",
    "aktualisiert",
    "mis à jour",
    "actualizado", "atualizado",
    "aggiornato",
    "bijgewerkt",
)
# What else marks an update inside a dateline, in English.
UPDATED_WORDS = DATELINE_UPDATED_WORDS + ("update", "modified", "edited", "revised")
# After an update, the words that bring back the first publication
# ("Updated Jan 6, originally published Jan 5").
FIRST_PUBLICATION_PHRASES = (
    "originally published", "originally posted", "originally created", "originally written",
    "originally appeared", "first published", "first posted", "first created", "first written",
    "first appeared",
    "published", "posted",
)
# A note of the page's last change wherever it stands ("This page was last modified on ...").
LAST_CHANGE_PHRASES = (
    "last modified", "last edited", "last updated", "last changed", "last revised", "last revision",
    "page revision",
)


def _any_of(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)  # the longest phrase first
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


UPDATED = re.compile(rf"\b(?:{_any_of(UPDATED_WORDS)})\b", re.IGNORECASE)
# An update word, with the "last" that may open it.
UPDATE_START = re.compile(rf"\b(?:last\s+)?(?:{_any_of(UPDATED_WORDS)})\b", re.IGNORECASE)
DATE_LINE_START = re.compile(
    rf"^\s*(?:(?:first\s+|originally\s+)?(?:{_any_of(PUBLISHED_WORDS + DATELINE_UPDATED_WORDS)})\b|date\s*:)",
    re.IGNORECASE,
)
FIRST_PUBLICATION = re.compile(rf"\b(?:{_any_of(FIRST_PUBLICATION_PHRASES)})\b", re.IGNORECASE)
LAST_CHANGE = re.compile(rf"\b(?:{_any_of(LAST_CHANGE_PHRASES)})\b", re.IGNORECASE)

# Month names and their usual short forms, lowercase, in the languages read: English,
# German, French, Spanish, Italian, Portuguese, Dutch.
MONTH_NAMES = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "januari"),
    2: ("february", "feb", "februar", "feber", "février", "févr", "fevrier", "febrero", "febbraio",
        "fevereiro", "fev", "februari"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "maart", "mrt"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: ("december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre",
         "dezembro"),
}
