"""The words of date and byline phrases, in every language the archive reads, kept in one place.

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
# A label that announces the last change when a colon follows it ("Stand: 7. März 2023").
UPDATED_LABELS = (
    "stand",                                              # German
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
# Notes of the last change that only wikis write (MediaWiki's footer, Wikidot's page info).
WIKI_EDIT_PHRASES = ("this page was last edited on", "page revision")


def any_of(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)  # the longest phrase first
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


UPDATED_LABEL = rf"\b(?:{any_of(UPDATED_LABELS)})\s*:"
UPDATED = re.compile(rf"\b(?:{any_of(UPDATED_WORDS)})\b|{UPDATED_LABEL}", re.IGNORECASE)
# An update word, with the "last" that may open it.
UPDATE_START = re.compile(rf"\b(?:last\s+)?(?:{any_of(UPDATED_WORDS)})\b|{UPDATED_LABEL}", re.IGNORECASE)
DATE_LINE_START = re.compile(
    rf"^\s*(?:(?:first\s+|originally\s+)?(?:{any_of(PUBLISHED_WORDS + DATELINE_UPDATED_WORDS)})\b|date\s*:"
    rf"|{UPDATED_LABEL})",
    re.IGNORECASE,
)
FIRST_PUBLICATION = re.compile(rf"\b(?:{any_of(FIRST_PUBLICATION_PHRASES)})\b", re.IGNORECASE)
LAST_CHANGE = re.compile(rf"\b(?:{any_of(LAST_CHANGE_PHRASES)})\b", re.IGNORECASE)
WIKI_EDIT_NOTE = re.compile(rf"\b(?:{any_of(WIKI_EDIT_PHRASES)})\b", re.IGNORECASE)

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

# Languages whose slashed dates are written day first ("07/03/2023" is 7 March).
DAY_FIRST_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
# After a time of day written with a dot, the word that makes it one ("11.02 Uhr").
HOUR_WORDS = ("uhr",)
# Day-month-year with a month name in any language above: "7 mars 2023", "7. März 2023",
# "1er mars 2023".
MONTH_NUMBERS = {name: month for month, names in MONTH_NAMES.items() for name in names}
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:er|re)?\.?\s*(?P<mon>{any_of(MONTH_NUMBERS)})\.?,?\s*(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)

# A byline opens with one of these words ("By ...", "Von ...", "Par ..."), and names in it
# are joined by these.
BYLINE_WORDS = ("by", "von", "par")
NAME_JOINERS = ("and", "und", "et")
