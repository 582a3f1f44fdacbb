"""Which spaCy pipeline reads an article, by the article's language: the one registry.

English, and text whose language could not be told, is read by the English model
(archive.nlp.MODEL), as always. A language listed in MODELS is read by its own model. Every
other language has none: its articles keep their quotation spans but get no speakers and
no entities, and say so (NOT_ATTRIBUTED), rather than the English model's guesses on text
it cannot read ("Dienstag" a person, "un" the United Nations).
"""
from __future__ import annotations

import functools

ENGLISH = "en"
# Language -> the spaCy package that reads it, beyond English.
MODELS: dict[str, str] = {}
ATTRIBUTED = "attributed"
NOT_ATTRIBUTED = "not attributed for this language"


def pipeline_language(language: str | None) -> str | None:
    """The language whose pipeline reads an article in `language`; None when none does."""
    if language in (None, ENGLISH):
        return ENGLISH
    return language if language in MODELS else None


def attribution_of(language: str | None) -> str:
    """ATTRIBUTED, or NOT_ATTRIBUTED for a language no pipeline reads."""
    return ATTRIBUTED if pipeline_language(language) else NOT_ATTRIBUTED


@functools.cache
def load(language: str):
    """The loaded pipeline of a language in MODELS, once per process."""
    import spacy

    return spacy.load(MODELS[language])
