"""Draft -> Article: Unicode NFC, whitespace, language, a title, and the timestamp.

Quote marks are data and stay as they are. The timestamp is decided by
`archive.timestamps` from the reader's evidence and the user's override, never
from the clock.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import datetime, timezone

import ftfy

from archive import timestamps
from archive.language import detect_language, normalize_code
from archive.model import Article, Draft

# Control characters (not \t \n) and the bidi overrides that can disguise text.
UNWANTED_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# Invisible characters inside words (zero-width space, word joiner, soft hyphen): they
# split a word for search without showing. Joiners (U+200C, U+200D) carry meaning and stay.
INVISIBLE_CHARS = re.compile(r"[\u200b\u2060\u00ad]")
# Unpaired UTF-16 surrogates (a JSON "\ud800" escape): no UTF-8 can hold them.
SURROGATES = re.compile(r"[\ud800-\udfff]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A character one of the substitutions in clean_text would change: most text has none (besides
# runs of plain spaces, looked for apart), and one search for them costs what each substitution
# does, which on a huge body adds up to seconds.
CLEANED_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff"  # UNWANTED_CHARS
                           r"\u200b\u2060\u00ad"  # INVISIBLE_CHARS
                           r"\ud800-\udfff"  # SURROGATES
                           r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # SPACES, but for the plain space
# UTF-8 read as a legacy charset somewhere upstream ("GuantÃ¡namo", "itâ€™s") always shows
# a Latin-1 letter from Â to ô (the lead byte of a UTF-8 sequence, read alone), or, read as
# Windows-1251 ("РџСЂРёРІРµС‚" for Привет), Р or С before what that charset makes of a
# continuation byte: text without either is left to itself, unread by ftfy.
MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]|[РС][\u0080-\u00bf\u0400-\u040f\u0450-\u045f\u0490\u0491"
                           "\u2010-\u203a\u2116\u2122\u20ac]")
# A compatibility normalization upstream may have turned a continuation byte's character into
# a space and a combining mark ("SÃ©golÃ ̈ne" for Ségolène): a space never precedes one.
_SPACED_MARKS = re.compile("(?<=[ÂÃ]) ([\u0301\u0304\u0308])")
_MARK_CHARS = {"\u0301": "\u00b4", "\u0304": "\u00af", "\u0308": "\u00a8"}
DERIVED_TITLE_CHARS = 120
# Of a longer body only the first part is annotated (quotations, speakers, entities),
# indexed for search and shown on the article's page; the whole body is stored and can be
# downloaded. News articles run far shorter; bench/big_article.py measures what a 49 MB
# body costs with this bound.
ANNOTATED_CHARS = 200_000
# "(Washington) Russians and ..." / "WASHINGTON (Reuters) - ..." / "PARIS, Jan 5 (AFP) — ..."
DATELINE_PARENS = re.compile(r"^\((?P<place>[^()\n]{2,60})\)\s+")
DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}?[A-Z])(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?"
    r"(?:\s*\((?:[A-Za-z .]{2,30})\))?\s*(?:—|–|--|-)\s+"
)


def clean_text(text: str, repairs: list[str] | None = None) -> str:
    """`text` cleaned; when mojibake was repaired, the text as it was is appended to `repairs`."""
    # Neither the mojibake repair nor NFC makes or takes apart the characters replaced
    # after them (surrogates included), so the order is free, and text without any such
    # character skips the substitutions.
    repaired = repair_mojibake(text)
    if repairs is not None and repaired != text:
        repairs.append(text)
    text = unicodedata.normalize("NFC", repaired)
    if CLEANED_CHARS.search(text) or "  " in text:
        text = SURROGATES.sub("\ufffd", text)
        text = INVISIBLE_CHARS.sub("", text)
        text = UNWANTED_CHARS.sub(" ", text)
        text = SPACES.sub(" ", text)
    return text.strip()


def repair_mojibake(text: str) -> str:
    """Text with UTF-8 that was read as another charset turned back into what it said:
    ftfy's encoding fixes only (its other fixes would straighten curly quotes, which are data)."""
    if not MOJIBAKE_LEAD.search(text):
        return text
    return ftfy.fix_encoding(_SPACED_MARKS.sub(lambda m: _MARK_CHARS[m.group(1)], text))


def clean_url(url: str | None) -> str | None:
    """A URL as given, minus what no URL may hold (spaces at its ends, control
    characters, unpaired surrogates)."""
    if not url:
        return None
    url = SURROGATES.sub("\ufffd", UNWANTED_CHARS.sub("", url)).strip()
    return url or None


def normalize(draft: Draft, *, published: str | None = None, tz: str | None = None,
              now: datetime | None = None) -> Article:
    now = now or datetime.now(timezone.utc)
    repairs: list[str] = []
    paragraphs = [p for p in (clean_text(p, repairs) for p in draft.paragraphs) if p]
    dateline = clean_text(draft.dateline) if draft.dateline else None
    if paragraphs and not dateline:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    body = "\n\n".join(paragraphs)
    title = clean_text(draft.title or "", repairs) or derived_title(body)
    # What the text reads as wins over what the file declares: templates declare one
    # language for every page of a site.
    language = detect_language(f"{title}\n\n{body}") or normalize_code(draft.language)
    languages = tuple(dict.fromkeys([language or "en", "en"]))
    return Article(
        title=title,
        body=body,
        published=timestamps.resolve_published(draft.date_candidates, override=published, tz=tz, now=now,
                                               languages=languages),
        updated=timestamps.resolve_updated(draft.date_candidates, tz=tz, now=now, languages=languages),
        dateline=dateline,
        source=clean_text(draft.source) if draft.source else None,
        url=clean_url(draft.url),
        authors=_unique(clean_text(a) for a in draft.authors),
        language=language,
        format=draft.format,
        decoding=dataclasses.replace(draft.decoding, repaired=bool(repairs)) if draft.decoding else None,
        ingested_at=now,
    )


def annotated_end(body: str) -> int:
    """Where the part of `body` that is annotated, indexed and shown ends: the whole body
    when it is no longer than ANNOTATED_CHARS, else the last paragraph break (or space)
    before that, so no paragraph or word is cut when there is a break to cut at.

    Reads only body[:ANNOTATED_CHARS + 2]: the same answer for a body and for that prefix
    of it (what the store hands out of a long body)."""
    if len(body) <= ANNOTATED_CHARS:
        return len(body)
    floor = ANNOTATED_CHARS // 2
    paragraph = body.rfind("\n\n", floor, ANNOTATED_CHARS + 2)
    if paragraph >= 0:
        return paragraph
    space = body.rfind(" ", floor, ANNOTATED_CHARS + 1)
    return space if space >= 0 else ANNOTATED_CHARS


def annotated_part(body: str) -> str:
    """The start of `body` that is annotated, indexed and shown (all of an ordinary one)."""
    end = annotated_end(body)
    return body if end == len(body) else body[:end]


def split_dateline(first_paragraph: str) -> tuple[str | None, str]:
    """("Washington", rest) for a lead opening with a dateline; (None, lead) otherwise."""
    for pattern in (DATELINE_PARENS, DATELINE_CAPS):
        match = pattern.match(first_paragraph)
        if match and len(first_paragraph) > match.end():
            place = match.group("place").strip()
            return (place.title() if pattern is DATELINE_CAPS else place), first_paragraph[match.end():]
    return None, first_paragraph


def derived_title(body: str) -> str:
    """For files that have no title: the first sentence of the lead, cut at a word."""
    if not body:
        return "(untitled)"
    lead = body.split("\n\n", 1)[0]
    sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence
    return sentence[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _unique(values) -> list[str]:
    seen = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen
