"""How things read on a page: dates as the source wrote them, where a date came from,
highlighted snippets, speaker slugs, counts.

Functions take plain values (or the dict rows the store and search return) and
give back text; only `marked` returns Markup, built from escaped text.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from markupsafe import Markup, escape

from index.search import MATCH_END, MATCH_START

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Where a publication time came from, as a reader would say it.
DATE_SOURCE_WORDS = {
    "upload": "given when the file was uploaded",
    "field": "from the file's date field",
    "json-ld": "from the page's JSON-LD",
    "meta": "from the page's meta tags",
    "time": "from the page's <time> element",
    "feed": "from the feed entry",
    "sitemap": "from the news sitemap",
    "url": "from the address of the page",
    "text": "from the text",
    "htmldate": "estimated from the page by htmldate",
}


def _value(record, key: str):
    if isinstance(record, dict):
        return record.get(key)
    return getattr(record, key, None)


def _parse(value) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def utc_offset(value: datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        return ""
    if offset == timedelta(0):
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def published_text(record, prefix: str = "published_") -> str:
    """The publication time at the precision the source gave it.

    `record` is a dict row (keys `published`, `published_precision`, ...) or an
    object with the same attributes. E.g. "16 January 2022, 11:02 (UTC+01:00)",
    "January 2022", "Posted at 11:02, date unknown", "date unknown".
    """
    value = _parse(_value(record, prefix.rstrip("_")))
    precision = _value(record, f"{prefix}precision")
    if value is None:
        time_of_day = _value(record, f"{prefix}time_of_day")
        if time_of_day:
            raw = _value(record, f"{prefix}raw") or ""
            said = raw.strip() if time_of_day in raw and len(raw) <= 60 else f"At {time_of_day}"
            return f"{said}, date unknown"
        return "date unknown"
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    if precision == "day":
        return day
    clock = value.strftime("%H:%M:%S" if precision == "second" else "%H:%M")
    zone = utc_offset(value)
    return f"{day}, {clock} ({zone})" if zone else f"{day}, {clock}"


def short_date(record, prefix: str = "published_") -> str:
    """A compact date for result lists and CSV: "2022-01-16", "2022-01", "2022", or ""."""
    value = _parse(_value(record, prefix.rstrip("_")))
    if value is None:
        return ""
    precision = _value(record, f"{prefix}precision")
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.date().isoformat()


def date_provenance(record, prefix: str = "published_") -> str:
    """Where the date came from, with the words the source used: "from the text: Posted at 11:02"."""
    source = _value(record, f"{prefix}source")
    raw = _value(record, f"{prefix}raw")
    if not source:
        return _value(record, f"{prefix}reason") or "no publication date was found"
    words = DATE_SOURCE_WORDS.get(source, f"from {source}")
    said = f"{words}: {raw}" if raw else words
    # A date taken with a caveat says it ("the file gives only its last revision date...").
    reason = _value(record, f"{prefix}reason")
    return f"{said} ({reason})" if reason else said


def month_name(month: str) -> str:
    """"2022-01" -> "January 2022"; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", month or "")
    if not match or not 1 <= int(match[2]) <= 12:
        return month
    return f"{MONTHS[int(match[2]) - 1]} {match[1]}"


def marked(snippet: str | None) -> Markup:
    """Escape a snippet, then turn the search's match marks into <mark> elements.

    Marks that do not pair up (a fragment cut mid-match) are closed or dropped,
    so the result is always well formed.
    """
    if not snippet:
        return Markup("")
    parts: list[str] = []
    open_mark = False
    for piece in re.split(f"([{MATCH_START}{MATCH_END}])", snippet):
        if piece == MATCH_START:
            if not open_mark:
                parts.append("<mark>")
                open_mark = True
        elif piece == MATCH_END:
            if open_mark:
                parts.append("</mark>")
                open_mark = False
        elif piece:
            parts.append(str(escape(piece)))
    if open_mark:
        parts.append("</mark>")
    return Markup("".join(parts))


def plain(snippet: str | None) -> str:
    """A snippet without its match marks (for JSON and CSV)."""
    return (snippet or "").replace(MATCH_START, "").replace(MATCH_END, "")


def slugify(name: str) -> str:
    """"Dmitry Peskov" -> "dmitry-peskov", "Sergueï Lavrov" -> "serguei-lavrov":
    lowercase ASCII words joined by hyphens."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if slug:
        return slug
    # A name in a script with no ASCII letters keeps its own letters.
    return re.sub(r"[\W_]+", "-", (name or "").lower()).strip("-") or "unnamed"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """"1 article", "3 articles", "1,204 quotes"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address a link may point to; None otherwise."""
    text = (url or "").strip()
    return text if re.match(r"https?://[^\s/]", text, re.IGNORECASE) else None


def human_size(size: int) -> str:
    """"200 MB", "1.5 MB", "64 KB", "900 bytes"."""
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:,.0f} MB" if megabytes >= 10 or megabytes.is_integer() else f"{megabytes:,.1f} MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size:,} bytes"
