"""Plain-text articles: the seed's shape ("Posted at 11:02" line, one paragraph a
line) and the common export shape (title, blank line, body). Datelines are split
off for every format in `archive.normalize`."""
from __future__ import annotations

import re

from archive.dates import words
from archive.model import DateCandidate, Draft
from archive.readers.encoding import decode

_LABELS = words.PUBLISHED_WORDS + words.DATELINE_UPDATED_WORDS + ("modified", "first published")
TIMESTAMP_LINE = re.compile(
    rf"^(?P<label>(?:{words.any_of(_LABELS)})\b|{words.UPDATED_LABEL})[^\n]{{0,80}}\d",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\n]{1,120})$")
# In other languages the opening word is also an ordinary one ("Von Berlin aus ..."), so
# each name after it must be a name: capitalised words, with the particles names have.
OTHER_BYLINE = re.compile(
    rf"^(?:{words.any_of(w.capitalize() for w in words.BYLINE_WORDS if w != 'by')})\s+(?P<names>[A-Z][^\n]{{1,120}})$"
)
NAME_PARTICLES = {"de", "du", "des", "d'", "d’", "la", "le", "von", "van", "der", "den", "zu"}
NAME_SEPARATOR = re.compile(rf",\s*|\s+(?:{words.any_of(words.NAME_JOINERS)})\s+")
TITLE_MAX_CHARS = 200
# Line breaks of text files. Not str.splitlines(), which also breaks at control
# characters (VT, FS, NEL...) that turn up inside words of damaged files.
LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def read_text(data: bytes) -> Draft:
    decoded = decode(data)
    blocks = _blocks(decoded.text)
    draft = Draft(format="text", decoding=decoded.decoding)
    if len(blocks) > 1 and _is_title(blocks[0]):
        draft.title = blocks.pop(0)[0].strip()
    paragraphs = []
    wrapped_blocks = len(blocks) > 1
    for lines in blocks:
        kept = []
        for line in lines:
            if _take_metadata_line(line, draft, at_top=not paragraphs):
                continue
            kept.append(line)
        if kept:
            paragraphs.extend(_paragraphs_of_block(kept, wrapped_blocks))
    draft.paragraphs = [p for p in paragraphs if p]
    return draft


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks, current = [], []
    for line in LINE_BREAK.split(text):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_title(block: list[str]) -> bool:
    line = block[0]
    return len(block) == 1 and len(line) <= TITLE_MAX_CHARS and not line.endswith((".", "”", '"')) \
        and not TIMESTAMP_LINE.match(line)


def _paragraphs_of_block(lines: list[str], blank_line_paragraphs: bool) -> list[str]:
    """In a file paragraphed by blank lines, a block of lines cut near one width is a
    hard-wrapped paragraph; a file with no blank lines has one paragraph a line."""
    if blank_line_paragraphs and len(lines) > 1 and all(40 <= len(line) <= 100 for line in lines[:-1]):
        return [" ".join(lines)]
    return lines


def _take_metadata_line(line: str, draft: Draft, at_top: bool) -> bool:
    """Timestamp and byline lines are metadata, not body."""
    match = TIMESTAMP_LINE.match(line)
    if match and len(line) <= 120:
        kind = "modified" if words.UPDATED.match(match.group("label")) else "published"
        draft.date_candidates.append(DateCandidate(raw=line, source="text", kind=kind))
        return True
    names = _byline_names(line) if at_top and len(line) <= 120 else None
    if names is None:
        return False
    draft.authors.extend(names)
    return True


def _byline_names(line: str) -> list[str] | None:
    """The names of a byline ("By Ann Lee and Bo Li", "Par Claire Dubois"); None for another line."""
    english = BYLINE.match(line)
    if english:
        return [n.strip() for n in NAME_SEPARATOR.split(english.group("names")) if n.strip()]
    other = OTHER_BYLINE.match(line)
    if not other:
        return None
    names = [n.strip() for n in NAME_SEPARATOR.split(other.group("names"))]
    return names if all(_is_name(n) for n in names) else None


def _is_name(text: str) -> bool:
    parts = text.split()
    return 1 <= len(parts) <= 5 and parts[0][0].isupper() and parts[-1][0].isupper() \
        and not any(c.isdigit() for c in text) \
        and all(p[0].isupper() or p in NAME_PARTICLES for p in parts)
