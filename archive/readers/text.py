"""Plain-text articles: the seed's shape ("Posted at 11:02" line, one paragraph a
line) and the common export shape (title, blank line, body). Datelines are split
off for every format in `archive.normalize`."""
from __future__ import annotations

import re

from archive.model import DateCandidate, Draft
from archive.readers.encoding import decode

TIMESTAMP_LINE = re.compile(
    r"^(?P<label>posted|published|updated|last updated|modified|first published)\b[^\n]{0,80}\d",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\n]{1,120})$")
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
        label = match.group("label").lower()
        kind = "modified" if label in ("updated", "last updated", "modified") else "published"
        draft.date_candidates.append(DateCandidate(raw=line, source="text", kind=kind))
        return True
    byline = BYLINE.match(line)
    if at_top and byline and len(line) <= 120:
        names = re.split(r",\s*|\s+and\s+", byline.group("names"))
        draft.authors.extend(n.strip() for n in names if n.strip())
        return True
    return False
