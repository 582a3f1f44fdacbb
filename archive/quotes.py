"""Quotations of an article with the person who said them.

    spans = find_quote_spans(body)          # archive.quote_spans: marks paired
    people = find_people(doc)               # archive.entities: names grouped per person
    attributions = attribute(doc, spans, people)   # archive.attribution: who said it

`extract_quotes` puts these together into `Quote`s. `confidence` is how sure the
speaker is right (0 when nobody is credited); an unterminated quotation halves it.
"""
from __future__ import annotations

from archive.attribution import Attribution, attribute, is_partial
from archive.entities import People, find_people
from archive.model import Quote
from archive.quote_spans import QuoteSpan, find_quote_spans


def extract_quotes(body: str, doc, people: People | None = None) -> list[Quote]:
    """Every quotation in `body` (doc: the spaCy Doc of body), in text order.

    Never raises: when attribution fails on odd input the quotations come back
    without speakers.
    """
    try:
        spans = find_quote_spans(body)
    except Exception:  # noqa: BLE001 - an ingest must not stop on one odd text
        return []
    try:
        if doc is None or doc.text != body:
            raise ValueError("doc is not the Doc of body")
        attributions = attribute(doc, spans, people if people is not None else find_people(doc))
    except Exception:  # noqa: BLE001
        attributions = [Attribution() for _ in spans]
    return [_quote(body, span, a) for span, a in zip(spans, attributions)]


def _quote(body: str, span: QuoteSpan, a: Attribution) -> Quote:
    confidence = a.confidence if a.speaker else 0.0
    if not span.terminated:
        confidence *= 0.5
    return Quote(
        text=body[span.text_start:span.text_end],
        start=span.text_start,
        end=span.text_end,
        speaker=a.speaker,
        speaker_mention=a.mention,
        cue=a.cue,
        confidence=round(confidence, 3),
        partial=is_partial(body, span),
    )
