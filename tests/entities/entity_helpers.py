"""Docs made the way NER might tag them, and entities by name."""
from __future__ import annotations

from spacy.tokens import Span


def by_name(entities):
    return {e.name: e for e in entities}


def doc_with_people(nlp, text, names):
    """A Doc whose only entities are PERSON spans over the given words, as NER might tag them."""
    doc = nlp.make_doc(text)
    spans, taken = [], set()
    for name in names:
        for start in range(len(doc)):
            end = start + len(nlp.make_doc(name))
            if doc[start:end].text == name and not taken & set(range(start, end)):
                spans.append(Span(doc, start, end, label="PERSON"))
                taken.update(range(start, end))
                break
    doc.ents = spans
    return doc


def doc_with_entities(nlp, text, labelled):
    """A Doc whose only entities are the given (words, label) pairs, first occurrence each."""
    doc = nlp.make_doc(text)
    spans, taken = [], set()
    for words, label in labelled:
        size = len(nlp.make_doc(words))
        start = next(i for i in range(len(doc)) if doc[i:i + size].text == words and not taken & set(range(i, i + size)))
        spans.append(Span(doc, start, start + size, label=label))
        taken.update(range(start, start + size))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc
