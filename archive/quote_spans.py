"""Where the quotations are: pairing quote marks in plain text (no NLP needed).

Marks: “ ” " ＂ „ ‟ « » ‘ ’ ' ‚ ‹ › 「 」 『 』, in any mix of one family
(“ … » closes; „ … “ closes). Whether a mark opens or closes is read from the
characters around it; an ambiguous mark (a straight " between spaces) takes the
role the open quotes around it call for. Apostrophes (don’t, Ukraine’s, ’90s,
parents’) are not marks.

Quotes nest (an outer “…” may hold ‘…’ or even “…”); only the outermost ones
are returned. A quotation running over several paragraphs opens each of them
with a mark and closes only in the last one; where the paragraph break was lost
(“A. “B.” on one line) it is still one quotation. A mark that never closes stops at
the end of its paragraph (a short one) or is dropped, so it never swallows the
rest of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE, SINGLE, CORNER = "double", "single", "corner"

FAMILY = {
    "“": DOUBLE, "”": DOUBLE, '"': DOUBLE, "＂": DOUBLE, "„": DOUBLE, "‟": DOUBLE,
    "«": DOUBLE, "»": DOUBLE,
    "‘": SINGLE, "’": SINGLE, "'": SINGLE, "‚": SINGLE, "‛": SINGLE, "‹": SINGLE, "›": SINGLE,
    "「": CORNER, "」": CORNER, "『": CORNER, "』": CORNER,
}
# Typewriter style ''like this'' and ``this'' counts as double marks.
FAMILY["''"] = DOUBLE
FAMILY["``"] = DOUBLE
# Three apostrophes close a single quotation inside a double one (' then '') unless
# a word follows them, when they open both ('' then ').
_MARKS = re.compile("''(?!'(?!\\w))|``|[" + re.escape("".join(k for k in FAMILY if len(k) == 1)) + "]")
_OPENING_PUNCT = set("([{—–-/…") | {"“", "„", "‘", "«", "‹", "‚", "「", "『"}
_SENTENCE_END = set(".!?…")
_CLOSING_PUNCT = set(",.;:!?)]}—–-…/") | {"”", "’", "»", "›", "」", "』"}

# An unterminated double quote may run to the end of its paragraph only this far;
# a longer run is more likely a stray mark than a quotation.
MAX_UNTERMINATED = 800


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: [start, end) covers the marks, [text_start, text_end) the words."""

    start: int
    end: int
    text_start: int
    text_end: int
    open_mark: str
    close_mark: str | None  # None when the quote never closed (ended at its paragraph)
    paragraphs: int = 1

    @property
    def terminated(self) -> bool:
        return self.close_mark is not None


def _is_word(c: str) -> bool:
    return c.isalnum()


def mark_at(text: str, i: int) -> str:
    match = _MARKS.match(text, i)
    return match.group() if match else text[i]


def mark_role(text: str, i: int) -> str | None:
    """ "open", "close", "either" or None (not a quote mark here, e.g. an apostrophe)."""
    mark = mark_at(text, i)
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + len(mark)] if i + len(mark) < len(text) else "\n"
    if mark == "``":
        return "open"
    if mark == "''":
        mark = '"'

    left_open = prev.isspace() or prev in _OPENING_PUNCT
    right_open = nxt.isspace() or nxt in _CLOSING_PUNCT
    if mark in ("’", "'", "‘", "‛"):
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, rock'n'roll
        if nxt.isdigit() and not _is_word(prev):
            return None  # ’90s
        if left_open and not right_open:
            return "open"
        if right_open and not left_open:
            return "close"  # a closer, or a plural possessive: the stack decides
        return None
    if mark in ("„", "‚", "「", "『"):
        return "open"
    if mark in ("」", "』"):
        return "close"
    if left_open and not right_open:
        return "open"
    if right_open and not left_open:
        return "close"
    if mark in ("«", "‹"):
        return "open" if not right_open else "either"
    if mark in ("»", "›"):
        return "close" if not left_open else "either"
    return "either"


@dataclass
class _Open:
    family: str
    index: int
    mark: str
    children: list[QuoteSpan] = field(default_factory=list)
    paragraphs: int = 1


_STRAIGHT = {'"', "＂", "''", "'"}


def _same_kind(a: str, b: str) -> bool:
    """Same family and both straight or both typographic: "…“…”…" nests, "…"…"…" may not."""
    return FAMILY[a] == FAMILY[b] and (a in _STRAIGHT) == (b in _STRAIGHT)


def _lines(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def _first_mark(text: str, start: int, end: int) -> int | None:
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and mark_at(text, i) in FAMILY and mark_role(text, i) in ("open", "either"):
        return i
    return None


def _reopens(text: str, i: int, opened: _Open) -> bool:
    """A paragraph break lost in the text: “A. “B.” is one quotation whose second
    paragraph opened with a mark, not “B” quoted inside A (that would be ‘B’)."""
    mark = mark_at(text, i)
    after = text[i + len(mark):i + len(mark) + 1]
    if not (FAMILY[mark] == DOUBLE and _same_kind(opened.mark, mark) and text[i - 1].isspace()
            and (after.isupper() or after.isdigit() or after in FAMILY)):
        return False
    j = i - 1
    while j > opened.index and text[j].isspace():
        j -= 1
    return j > opened.index and text[j] in _SENTENCE_END


def _span(text: str, opened: _Open, close_index: int | None, end: int) -> QuoteSpan:
    text_start = opened.index + len(opened.mark)
    text_end = close_index if close_index is not None else end
    while text_start < text_end and text[text_start].isspace():
        text_start += 1
    while text_end > text_start and (text[text_end - 1].isspace() or text[text_end - 1] == ","):
        text_end -= 1
    return QuoteSpan(
        start=opened.index,
        end=close_index + len(mark_at(text, close_index)) if close_index is not None else end,
        text_start=text_start,
        text_end=text_end,
        open_mark=opened.mark,
        close_mark=mark_at(text, close_index) if close_index is not None else None,
        paragraphs=opened.paragraphs,
    )


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """The outermost quotations in `text`, in order."""
    found: list[QuoteSpan] = []
    carried: _Open | None = None  # a quotation continuing from the previous paragraph
    lines = list(_lines(text))
    for n, (line_start, line_end) in enumerate(lines):
        stack: list[_Open] = []
        skip = None
        if carried is not None:
            stack.append(carried)
            skip = _first_mark(text, line_start, line_end)  # the continuation mark
            carried = None
        for m in _MARKS.finditer(text, line_start, line_end):
            i = m.start()
            if i == skip:
                continue
            role = mark_role(text, i)
            if role is None:
                continue
            family = FAMILY[mark_at(text, i)]
            if role == "either":
                role = "close" if stack and stack[-1].family == family else "open"
            if role == "open" and stack and _reopens(text, i, stack[-1]):
                stack[-1].paragraphs += 1
                continue
            if role == "open":
                stack.append(_Open(family, i, mark_at(text, i)))
                continue
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].family == family), None)
            if depth is None:
                continue  # a stray closer, or a plural possessive
            for inner in stack[depth + 1:]:
                stack[depth].children.extend(inner.children)
            opened = stack[depth]
            del stack[depth:]
            span = _span(text, opened, i, line_end)
            (stack[-1].children if stack else found).append(span)
        if not stack:
            continue
        outer = stack[0]
        for inner in stack[1:]:
            outer.children.extend(inner.children)
        next_line = lines[n + 1] if n + 1 < len(lines) else None
        continues = (
            next_line is not None
            and outer.family != SINGLE
            and not any(_same_kind(c.open_mark, outer.mark) for c in outer.children)
            and (nxt := _first_mark(text, *next_line)) is not None
            and FAMILY[mark_at(text, nxt)] == outer.family
        )
        if continues:
            carried = _Open(outer.family, outer.index, outer.mark, [], outer.paragraphs + 1)
        elif outer.family != SINGLE and not outer.children and line_end - outer.index <= MAX_UNTERMINATED:
            found.append(_span(text, outer, None, line_end))
        else:
            found.extend(outer.children)
    found.sort(key=lambda s: s.start)
    # marks around nothing (“ ”, "...") pair up but quote no one
    return [s for s in found if any(c.isalnum() for c in text[s.text_start:s.text_end])]
