"""Relative dates in article text ("on Sunday", "last week", "yesterday", "on Jan. 5"),
resolved against the publication date.

Hand-written patterns only: a general date search reads ordinary words as dates
("we" as Wednesday, "may" as May). Nothing is resolved unless the publication day
is known: a relative date against an unknown day would be invented.

Each result is a dict: text, start, end (offsets into the text), date (ISO:
"2022-01-16" for a day or the Monday of a week, "2022-01" for a month, "2022" for
a year) and precision ("day", "week", "month" or "year").
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from archive.model import Timestamp

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Capitalised only: "May 5" is a month, "may 5" is not.
MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June?|July?|"
         r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
NO_YEAR_AFTER = r"(?!\d)(?!,?\s*(?:\d{4}|'\d{2})\b)"

PATTERNS = [
    ("day_word", re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|last night|this morning|"
                            r"this afternoon|this evening)\b", re.IGNORECASE)),
    ("ago", re.compile(r"\b(?P<count>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("period", re.compile(r"\b(?P<which>last|this|next|earlier this|later this)\s+"
                          r"(?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"(?:\b(?P<prefix>on|last|next|this|until|by|since|before|after|from|"
                           r"early|late|On|Last|Next|This|Until|By|Since|Early|Late)\s+)?"
                           r"\b(?P<day>" + "|".join(WEEKDAYS) + r")\b"
                           r"(?:\s+(?P<part>morning|afternoon|evening|night))?")),
    ("month_day", re.compile(r"\b(?:(?:on|since|until|by|from|On|Since|Until|By|From)\s+)?"
                             r"(?P<month>" + MONTH + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b" + NO_YEAR_AFTER)),
    ("day_month", re.compile(r"\b(?:(?:on|since|until|by|from|On|Since|Until|By|From)\s+)?"
                             r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>"
                             + MONTH + r")\b" + NO_YEAR_AFTER)),
]
FUTURE_CUES = re.compile(
    r"\b(?:will|won't|'ll|shall|is due|are due|is expected|are expected|plans? to|planned for|"
    r"scheduled|set to|is to|are to|to be held|upcoming|going to)\b",
    re.IGNORECASE,
)


def resolve_relative(text: str, published: Timestamp) -> list[dict]:
    """Relative date expressions in `text`, each resolved against the publication day."""
    if not text or published is None or published.value is None \
            or published.precision not in ("day", "minute", "second"):
        return []
    base = published.value.date()
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            resolved = RESOLVERS[kind](match, base, text)
            if resolved:
                iso, precision = resolved
                found.append({"text": match.group(0), "start": match.start(), "end": match.end(),
                              "date": iso, "precision": precision})
    return _without_overlaps(found)


def _without_overlaps(found: list[dict]) -> list[dict]:
    """Where two matches overlap, the longer one says more ("last Sunday night" over "Sunday")."""
    kept: list[dict] = []
    for item in sorted(found, key=lambda f: (f["start"], -(f["end"] - f["start"]))):
        if kept and item["start"] < kept[-1]["end"]:
            continue
        kept.append(item)
    return kept


# ----------------------------------------------------------------- one resolver per pattern

def _day_word(match, base: date, text: str):
    word = match.group("word").lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return (base + timedelta(days=shift)).isoformat(), "day"


def _ago(match, base: date, text: str):
    count_text = match.group("count").lower()
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
    unit = match.group("unit").lower()
    if unit == "day":
        return (base - timedelta(days=count)).isoformat(), "day"
    if unit == "week":
        return _monday(base - timedelta(weeks=count)).isoformat(), "week"
    if unit == "month":
        return _month_iso(_add_months(base, -count)), "month"
    return str(base.year - count), "year"


def _period(match, base: date, text: str):
    which = match.group("which").lower()
    shift = -1 if which == "last" else 1 if which == "next" else 0
    unit = match.group("unit").lower()
    if unit == "week":
        return _monday(base + timedelta(weeks=shift)).isoformat(), "week"
    if unit == "month":
        return _month_iso(_add_months(base, shift)), "month"
    return str(base.year + shift), "year"


def _weekday(match, base: date, text: str):
    prefix = (match.group("prefix") or "").lower()
    if not prefix and not match.group("part") and _part_of_a_name(match, text):
        return None  # "Super Tuesday", "Sunday Times", "Good Friday"
    target = WEEKDAYS.index(match.group("day"))
    days_back = (base.weekday() - target) % 7
    days_ahead = (target - base.weekday()) % 7
    if prefix == "last":
        return (base - timedelta(days=days_back or 7)).isoformat(), "day"
    if prefix == "next":
        return (base + timedelta(days=days_ahead or 7)).isoformat(), "day"
    if prefix == "this":
        return (_monday(base) + timedelta(days=target)).isoformat(), "day"
    if prefix in ("until", "by", "before") or _future_in_clause(match, text):
        return (base + timedelta(days=days_ahead)).isoformat(), "day"
    # News writes the day of the week for what happened in the past seven days.
    return (base - timedelta(days=days_back)).isoformat(), "day"


def _month_day(match, base: date, text: str):
    month = MONTH_NUMBERS[match.group("month")[:3].lower()]
    day = int(match.group("day"))
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    # the year that puts the day closest to the publication day
    return min(candidates, key=lambda d: abs((d - base).days)).isoformat(), "day"


RESOLVERS = {
    "day_word": _day_word,
    "ago": _ago,
    "period": _period,
    "weekday": _weekday,
    "month_day": _month_day,
    "day_month": _month_day,
}


# ----------------------------------------------------------------- helpers

def _part_of_a_name(match, text: str) -> bool:
    before = text[max(0, match.start() - 30): match.start()].split()
    after = text[match.end(): match.end() + 30].split()
    previous_word = before[-1] if before else ""
    next_word = after[0] if after else ""
    sentence_start = not previous_word or previous_word[-1] in ".!?\"“”"
    capitalised_before = previous_word[:1].isupper() and not sentence_start
    return capitalised_before or next_word[:1].isupper()


def _future_in_clause(match, text: str) -> bool:
    start = max(text.rfind(mark, 0, match.start()) for mark in ".,;:\n") + 1
    return bool(FUTURE_CUES.search(text[start: match.start()]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_iso(year_month: tuple[int, int]) -> str:
    return f"{year_month[0]:04d}-{year_month[1]:02d}"
