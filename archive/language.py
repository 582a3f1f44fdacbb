"""Which language a text is in: py3langid (a naive Bayes model over byte n-grams, 97
languages), loaded once per process on first use."""
from __future__ import annotations

import functools
import re

# Of a long body the start tells its language as well as the whole does.
SAMPLE_CHARS = 5_000
# What detect_language reads of an article (title first): its model's cost grows with the
# sample, and every article pays it. On 3,480 real articles (BBC, PolNeAR, the French and
# German dev pages) 1,500 characters, even 800, name the same language as 5,000.
DETECT_SAMPLE_CHARS = 1_500
# Below this probability the text is too short or too mixed to name its language.
MIN_PROBABILITY = 0.5
LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 12


@functools.cache
def _identifier(probabilities: bool):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=probabilities)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language `text` is in ("fr"), or None when it is too short
    or the model is unsure."""
    sample = text[:DETECT_SAMPLE_CHARS]
    if len(LETTER.findall(sample[:400])) < MIN_LETTERS:
        return None
    language, probability = _identifier(True).classify(sample)
    return language if probability >= MIN_PROBABILITY else None


def language_probability(text: str) -> float:
    """How sure the model is of the likeliest language of `text` (0 to 1)."""
    return _identifier(True).classify(text[:SAMPLE_CHARS])[1]


def language_margin(text: str) -> float:
    """How much likelier the likeliest language of `text` is than the next (a difference of
    log-likelihoods): large for text that reads as a language, small for mojibake."""
    ranked = _identifier(False).rank(text[:SAMPLE_CHARS])
    return float(ranked[0][1] - ranked[1][1]) if len(ranked) > 1 else 0.0


def normalize_code(code: str | None) -> str | None:
    """"en-US", "en_GB", "EN" -> "en"."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip())[0].lower()
    return base if re.fullmatch(r"[a-z]{2,3}", base) else None
