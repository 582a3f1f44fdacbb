"""A small stop-word language guess, enough to label an article and pick dateparser's language."""
from __future__ import annotations

import re

STOPWORDS = {
    "en": "the of and to in is that for it was on with as he said by at are from his be have this an not but they",
    "fr": "le la les de des et est un une du que qui dans pour pas sur au avec il ne se ce sont par plus",
    "de": "der die und das ist nicht ein eine zu den mit sich des auf für im dem von sie es auch wird",
    "es": "el la de que y en los las del se por un una con para es no al lo como más su pero",
    "it": "il di che la per un una del della non sono è le con gli anche alla si nel più ma",
    "pt": "o a de que e do da em um uma para com não os as se por mais dos das foi ao",
    "nl": "de het een van en is dat niet op te zijn met voor die aan ook er als bij",
}
STOPWORD_SETS = {lang: set(words.split()) for lang, words in STOPWORDS.items()}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 8


def detect_language(text: str) -> str | None:
    """Two-letter code of the best-matching language, or None when the text is too short to say."""
    words = [w.lower() for w in WORD.findall(text[:20_000])]
    if len(words) < MIN_WORDS:
        return None
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in STOPWORD_SETS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, len(words) // 20) else None


def normalize_code(code: str | None) -> str | None:
    """"en-US", "en_GB", "EN" -> "en"."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip())[0].lower()
    return base if re.fullmatch(r"[a-z]{2,3}", base) else None
