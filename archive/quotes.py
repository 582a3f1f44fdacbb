"""Quotations of an article with the person who said them.

    spans = find_quote_spans(body)          # archive.quote_spans: marks paired
    people = find_people(doc)               # archive.entities: names grouped per person
    attributions = attribute(doc, spans, people, parse)   # archive.attribution: who said it

`extract_quotes` puts these together into `Quote`s. `confidence` is how sure the
speaker is right (0 when nobody is credited); an unterminated quotation halves it.
`parse` is the sentence parser the attribution may fall back on (archive.nlp passes
its parse_sentences); without it the rules' answers stand. `quote_steps` is the same
stopped at the parse, so that archive.nlp parses the open sentences of many articles in
one call (archive.attribution.resumable).

spaCy reads `nlp_text(body)`: the body with each run of spaces, tabs or no-break
spaces on a line made one plain space, because spaCy keeps the extra spaces as
tokens of their own and they would stand between a speaker and a cue ("Trump
said", "resisted:  “…”"), and a hyphen glued to the name that opens a line made an
em dash, which spaCy splits off ("-Marla Quince, Philadelphia." signs a quotation).
Quotes still point into the body as it is.
"""
from __future__ import annotations

import re

from archive.attribution import Attribution, attribution_steps, is_partial
from archive.attribution.resumable import run
from archive.entities import People, find_people, text_of
from archive.model import Quote
from archive.quote_spans import QuoteSpan, find_quote_spans

# Runs of spaces within a line that are not already one plain space.
_LINE_SPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# A hyphen or bar glued to the name that opens a line ("-Michelle Marks, Philadelphia."):
# spaCy keeps it in the name's token, where it splits off an em dash.
_GLUED_DASH = re.compile(r"^([^\S\n]*)[-―](?=[A-Z])", re.MULTILINE)


def nlp_text(body: str) -> str:
    """The text spaCy is given for `body`: runs of spaces within a line made one space, and a
    dash glued to a line's first name made an em dash (same length, so offsets hold)."""
    return _LINE_SPACE.sub(" ", _GLUED_DASH.sub("\\1—", body))


def body_offsets(body: str) -> list[int]:
    """For each character of nlp_text(body), and its end, where it stands in `body`."""
    origins: list[int] = []
    last = 0
    for match in _LINE_SPACE.finditer(body):
        origins.extend(range(last, match.start() + 1))
        last = match.end()
    origins.extend(range(last, len(body) + 1))
    return origins


def extract_quotes(body: str, doc, people: People | None = None, parse=None) -> list[Quote]:
    """Every quotation in `body` (doc: the spaCy Doc of nlp_text(body), or of body itself,
    or of the start of either when a long body was cut for spaCy), in text order; the
    quotations past the Doc's end come without speakers. parse: a function from sentence
    strings to dependency-parsed Docs, for the quotations the rules leave open.

    Never raises: when attribution fails on odd input the quotations come back
    without speakers.
    """
    return run(quote_steps(body, doc, people, parsing=parse is not None), parse)


def quote_steps(body: str, doc, people: People | None = None, parsing: bool = False):
    """`extract_quotes` as steps (archive.attribution.resumable): when parsing, it yields the
    sentences its attribution wants parsed, at most once, is sent their Docs, and returns the Quotes."""
    doc_text = text_of(doc) if doc is not None else None
    collapsed = nlp_text(body)
    text = collapsed if doc_text is not None and collapsed.startswith(doc_text) else body
    try:
        spans = find_quote_spans(text)
    except Exception:  # noqa: BLE001 - an ingest must not stop on one odd text
        return []
    try:
        if doc_text is None or not text.startswith(doc_text):
            raise ValueError("doc is not the Doc of body")
        covered = [span for span in spans if span.end <= len(doc_text)]
        known = people if people is not None else find_people(doc)
        attributions = yield from attribution_steps(doc, covered, known, parsing)
        attributions += [Attribution() for _ in spans[len(covered):]]
    except Exception:  # noqa: BLE001
        attributions = [Attribution() for _ in spans]
    if text != body:
        spans = _spans_in_body(spans, body_offsets(body))
    return [_quote(body, span, a) for span, a in zip(spans, attributions)]


def _spans_in_body(spans: list[QuoteSpan], origins: list[int]) -> list[QuoteSpan]:
    def end(i: int, start: int) -> int:
        return origins[i - 1] + 1 if i > start else origins[start]

    return [QuoteSpan(origins[s.start], end(s.end, s.start), origins[s.text_start],
                      end(s.text_end, s.text_start), s.open_mark, s.close_mark, s.paragraphs)
            for s in spans]


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
