"""Lines at the end of a page's text that speak to the reader about the site, not the story:
calls to subscribe, follow, download or support, and copyright notices."""
from __future__ import annotations

import re

# Lowercase; each is searched for anywhere in a short closing paragraph. Kept to phrases
# common to such lines on any site: none is one site's wording.
CALLS_TO_ACTION = (
    # English
    "subscribe", "subscriber", "newsletter", "sign up for", "follow us", "download our app",
    "download the app", "all rights reserved", "support our journalism",
    "support independent journalism", "share this article", "share this story",
    # German
    "abonnieren", "abonnement", "folgen sie uns", "unterstütze", "unterstützen sie uns",
    "alle rechte vorbehalten",
    # French
    "abonnez-vous", "inscrivez-vous", "suivez-nous", "tous droits réservés",
    # Spanish
    "suscríbete", "suscríbase", "síguenos", "todos los derechos reservados",
)
# Words by which a site speaks to its reader about itself ("our newsletter", "follow us").
READER_ADDRESS = (
    "you", "your", "our", "us",                          # English
    "du", "dich", "dein", "deine", "euch", "unser", "unsere", "unseren",  # German
    "vous", "votre", "notre", "nos",                     # French
    "tu", "te", "usted", "nuestro", "nuestra", "nuestros", "nuestras",  # Spanish
)
CALL_TO_ACTION = re.compile("|".join(re.escape(p) for p in CALLS_TO_ACTION), re.IGNORECASE)
ADDRESS = re.compile(r"\b(?:" + "|".join(READER_ADDRESS) + r")\b", re.IGNORECASE)
COPYRIGHT = re.compile(r"©|\bcopyright\b", re.IGNORECASE)
# A closing line longer than this is text of the story, whatever words it uses; one
# longer than the second counts only when it speaks to the reader or claims a copyright.
MAX_CLOSING_LINE = 300
MAX_BARE_CALL = 120


def without_closing_calls(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the run of calls to action that ends them; never all of them."""
    end = len(paragraphs)
    while end > 1 and is_closing_call(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def is_closing_call(line: str) -> bool:
    if len(line) > MAX_CLOSING_LINE or not CALL_TO_ACTION.search(line):
        return False
    return len(line) <= MAX_BARE_CALL or bool(ADDRESS.search(line) or COPYRIGHT.search(line))
