"""Which spaCy pipeline reads an article, by the article's language: the one registry.

English, and text whose language could not be told, is read by the English model
(archive.nlp.MODEL), as always. A language listed in MODELS is read by its own model's
recognizer, its labels given as the English model's, and without the English sentence
parser (French: fr_core_news_sm). Every other language has none: its articles keep their
quotation spans but get no speakers and no entities, and say so (NOT_ATTRIBUTED), rather
than the English model's guesses on text it cannot read ("Dienstag" a person, "un" the
United Nations).
"""
from __future__ import annotations

import functools

ENGLISH = "en"
# Language -> the spaCy package that reads it, beyond English.
MODELS: dict[str, str] = {"fr": "fr_core_news_sm"}
# Only the recognizer reads whole bodies (its own token-to-vector layer), as for English.
UNUSED_COMPONENTS = ("tok2vec", "morphologizer", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
# The labels of spaCy's other news models (WikiNER's PER, LOC, ORG, MISC) as the English
# model's, which every pass after the model reads: PER is a person; LOC and ORG are
# already English labels; MISC (events, works, nationalities) is not a person and stays.
ENTITY_LABELS = {"PER": "PERSON"}
ENTITY_LABELS_COMPONENT = "english_entity_labels"
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
    """The loaded pipeline of a language in MODELS, once per process: its recognizer, then
    its labels as the English model's."""
    import spacy
    from spacy.language import Language

    if ENTITY_LABELS_COMPONENT not in Language.factories:
        Language.component(ENTITY_LABELS_COMPONENT, func=english_entity_labels)
    nlp = spacy.load(MODELS[language], exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe(ENTITY_LABELS_COMPONENT, after="ner")
    return nlp


def english_entity_labels(doc):
    """Relabel the entities of `doc` (ENTITY_LABELS); a person that holds no capitalised
    word of two letters or more is none (the French model's elided "S’", "n’")."""
    from spacy.tokens import Span

    doc.ents = [Span(doc, e.start, e.end, label=ENTITY_LABELS.get(e.label_, e.label_)) for e in doc.ents
                if e.label_ != "PER" or any(_is_name_word(word) for word in e.text.split())]
    return doc


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and word[:2].isalpha()
