"""One date string -> a Timestamp that keeps the source's own offset and says how much is known.

Common machine forms (ISO 8601, RFC 2822, epoch seconds) and English newsroom forms
("Posted on Jan. 5, 2022 at 3:14 p.m. ET") are read by hand, which is fast and never
guesses; dateparser only reads what is left, in the languages the caller names, and
never relative words ("yesterday") since those would be relative to the time of ingest.

- A string without an offset is read in `tz` (an IANA name or "+01:00") when given,
  else in UTC.
- Zone abbreviations map to a region whose rules give the offset for that date: "EST"
  in July reads as -04:00, the way newsrooms write it year-round.
- A date more than a day after `now` is rejected, and so are impossible dates
  (32/13/2022), years before 1800 and the Unix epoch itself (a common placeholder).
"""
from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from archive.dates.words import DAY_FIRST_LANGUAGES, DAY_MONTH_YEAR, HOUR_WORDS, MONTH_NUMBERS, MONTHS, UPDATED
from archive.model import Timestamp

MIN_YEAR = 1800
MAX_RAW_LENGTH = 300
FUTURE_TOLERANCE = timedelta(days=1)
# What the resolvers read dates in when the caller does not say: the file's
# language is better (pass `languages=(draft.language, "en")`).
COMMON_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")

# Abbreviation -> IANA zone whose rules give the offset on the date in question.
ZONE_ABBREVIATIONS = {
    "UTC": "UTC", "GMT": "UTC", "Z": "UTC", "UT": "UTC",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London", "IST": "Europe/Dublin",
    "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
    "EET": "Europe/Athens", "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "ACST": "Australia/Adelaide", "ACDT": "Australia/Adelaide", "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}

MONTH_NAME = (r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
              r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
ORDINAL = r"(?:st|nd|rd|th)?"

ISO_DATETIME = re.compile(
    r"(?P<y>\d{4})-?(?P<m>\d{2})(?:-?(?P<d>\d{2}))?"
    r"(?:[T ](?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?",
    re.IGNORECASE,
)
ISO_YEAR = re.compile(r"\d{4}")
EPOCH = re.compile(r"\d{10}(?:\d{3})?")
EMAIL_ZONES = {"UT", "GMT", "UTC", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"}
RFC_2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")

# English newsroom forms, searched for inside a short string.
DATE_FORMS = [
    ("mdy", re.compile(r"\b" + MONTH_NAME.format("mon") + r"\s*(?P<d>\d{1,2})" + ORDINAL
                       + r",?\s*(?P<y>\d{4})\b", re.IGNORECASE)),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})" + ORDINAL + r"\.?\s*(?:of\s+)?" + MONTH_NAME.format("mon")
                       + r",?\s*(?P<y>\d{4})\b", re.IGNORECASE)),
    ("ymd", re.compile(r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b")),
    ("dotted", re.compile(r"\b(?P<a>\d{1,2})\.\s?(?P<b>\d{1,2})\.\s?(?P<y>\d{4})\b")),
    ("slashed", re.compile(r"\b(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-](?P<y>\d{4})\b")),
    ("dmy_named", DAY_MONTH_YEAR),  # month names in the other languages of dates/words.py
    ("my", re.compile(r"\b" + MONTH_NAME.format("mon") + r",?\s+(?P<y>\d{4})\b", re.IGNORECASE)),
]
# "3:14 p.m.", "11:02", "3 PM", "15h30", "11 h 02"; a bare number is not a time.
TIME_OF_DAY = re.compile(
    r"(?<![\d:.])(?P<H>\d{1,2})(?:(?P<sep>[:.]|\s?h\s?)(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)?(?![\d:])",
    re.IGNORECASE,
)
HOUR_WORD_AFTER = re.compile(rf"\s*(?:{'|'.join(HOUR_WORDS)})\b", re.IGNORECASE)
ZONE_AFTER_TIME = re.compile(
    r"^\s*\(?(?P<abbr>[A-Z]{1,5})\b\)?(?:\s*(?P<shift>[+-]\d{1,2}(?::?\d{2})?))?|^\s*(?P<offset>[+-]\d{2}:?\d{2})\b"
)

# ----------------------------------------------------------------- zones

def zone_from(tz: str | tzinfo | None) -> tzinfo | None:
    """An IANA name ("Europe/Paris"), an offset ("+01:00", "-0500") or "UTC"."""
    if tz is None or isinstance(tz, tzinfo):
        return tz
    text = tz.strip()
    offset = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", text, re.IGNORECASE)
    if offset:
        return _fixed_offset(offset.group(1), offset.group(2), offset.group(3))
    if text.upper() in ZONE_ABBREVIATIONS:
        return ZoneInfo(ZONE_ABBREVIATIONS[text.upper()])
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}: use a name like Europe/Paris or an offset like +01:00")


def _fixed_offset(sign: str, hours: str, minutes: str | None) -> tzinfo:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24):
        raise ValueError(f"offset out of range: {sign}{hours}:{minutes or '00'}")
    return timezone(-delta if sign == "-" else delta)


def _offset_text(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", text)
    return _fixed_offset(*match.groups()) if match else None


# ----------------------------------------------------------------- parse one string

def parse_timestamp(raw: str, source: str, *, tz: str | None = None, languages=("en",),
                    now: datetime | None = None) -> Timestamp | None:
    """Read one date string; None when it holds no usable date or time.

    Returns precision "time" with `value=None` and `time_of_day="HH:MM"` when only a
    time of day is given. Rejects dates more than a day after `now` (default: the
    current time) and impossible or placeholder dates.
    """
    result = parse_or_reason(raw, source, tz=tz, languages=languages, now=now)
    return result.stamp if isinstance(result, Reading) else None


@dataclass
class Rejection:
    """Why a string was not used; `dated` when it did hold a date, only an unusable one."""

    reason: str
    dated: bool = False


@dataclass
class Reading:
    """A parsed string; `zoned` when the string itself gave its offset."""

    stamp: Timestamp
    zoned: bool


# Parsers attach this to wall times that came without a zone, so that the caller can
# tell them apart from times that said "+00:00" before applying the default zone.
NO_ZONE_GIVEN = timezone(timedelta(0), "no zone given")


def parse_or_reason(raw, source, *, tz=None, languages=("en",), now=None) -> Reading | Rejection:
    """A Reading, or the reason the string was not used."""
    if not isinstance(raw, str):
        return Rejection("not a string")
    text = " ".join(raw.split())
    if not text:
        return Rejection("empty")
    if len(text) > MAX_RAW_LENGTH:
        return Rejection("too long to be a date")
    default_zone = zone_from(tz) or timezone.utc
    try:
        found = _parse_machine_form(text, NO_ZONE_GIVEN) or _parse_newsroom(text, NO_ZONE_GIVEN, languages)
        if found is None or found[0] is None:  # nothing, or only a time: a foreign date?
            found = _parse_with_dateparser(text, NO_ZONE_GIVEN, tuple(languages or ("en",))) or found
    except (ValueError, OverflowError) as exc:
        return Rejection(f"not a usable date ({exc}): {raw!r}", dated=True)
    if found is None:
        return Rejection(f"no date in {raw!r}")
    value, precision, time_of_day = found
    zoned = value is not None and value.tzinfo is not NO_ZONE_GIVEN
    if value is not None and not zoned:
        value = value.replace(tzinfo=default_zone)
    if value is not None:
        problem = _implausible(value, now)
        if problem:
            return Rejection(problem, dated=True)
    stamp = Timestamp(value=value, precision=precision, source=source, raw=raw,
                      time_of_day=time_of_day)
    return Reading(stamp, zoned)


def _implausible(value: datetime, now: datetime | None) -> str | None:
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    if value.year < MIN_YEAR:
        return f"year {value.year} is too early to be a publication date"
    if value.year > now.year + 1:  # also keeps year-9999 values away from UTC arithmetic, which overflows
        return f"{value.isoformat()} is in the future"
    if value.astimezone(timezone.utc) == datetime(1970, 1, 1, tzinfo=timezone.utc):
        return "the Unix epoch itself, a placeholder rather than a date"
    if value > now + FUTURE_TOLERANCE:
        return f"{value.isoformat()} is in the future"
    return None


def _parse_machine_form(text: str, zone: tzinfo):
    """ISO 8601, RFC 2822 and epoch seconds: the forms of meta tags, JSON-LD and feeds."""
    iso = ISO_DATETIME.fullmatch(text)
    if iso:
        return _from_iso_match(iso, zone)
    if ISO_YEAR.fullmatch(text):
        return datetime(int(text), 1, 1, tzinfo=zone), "year", None
    if EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc), "second", None
    if RFC_2822.match(text):
        return _from_rfc_2822(text, zone)
    return None


def _from_iso_match(match: re.Match, zone: tzinfo):
    g = match.groupdict()
    year, month = int(g["y"]), int(g["m"])
    if g["d"] is None:
        # "202201" is not a date anyone writes; "2022-01" is a month.
        if "-" not in match.group(0):
            return None
        return datetime(year, month, 1, tzinfo=zone), "month", None
    day = int(g["d"])
    if g["H"] is None:
        return datetime(year, month, day, tzinfo=zone), "day", None
    offset = _offset_text(g["z"])
    hour, minute = int(g["H"]), int(g["M"])
    second = int(g["S"]) if g["S"] else 0
    value = datetime(year, month, day, hour, minute, second)
    value = value.replace(tzinfo=offset) if offset else value.replace(tzinfo=zone)
    return value, ("second" if g["S"] else "minute"), None


def _from_rfc_2822(text: str, zone: tzinfo):
    # The email module knows GMT/UT and the US names (with their fixed offsets);
    # other abbreviations ("CET", "BST") are cut off here and applied by region rules.
    named = re.search(r"\s([A-Z]{1,5})$", text)
    region = None
    if named and named.group(1) not in EMAIL_ZONES and named.group(1) in ZONE_ABBREVIATIONS:
        region = ZoneInfo(ZONE_ABBREVIATIONS[named.group(1)])
        text = text[:named.start()]
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value is None:
        return None
    if value.tzinfo is None:  # no zone written, or "-0000" which means "unknown"
        value = value.replace(tzinfo=region or zone)
    has_seconds = re.search(r"\d{1,2}:\d{2}:\d{2}", text) is not None
    return value, ("second" if has_seconds else "minute"), None


def _parse_newsroom(text: str, zone: tzinfo, languages=("en",)):
    """Newsroom forms: a date (if any), a time of day (if any), a zone (if any). A slashed
    date is read day first when the text's language writes it so ("07/03/2023" in French)."""
    cleaned = re.sub(r"(?i)\bnoon\b", "12:00 pm", text)
    cleaned = re.sub(r"(?i)\bmidnight\b", "12:00 am", cleaned)
    day_found = _find_date(cleaned, day_first=bool(languages) and languages[0] in DAY_FIRST_LANGUAGES)
    if day_found:
        day, precision, span = day_found
        rest = cleaned[:span[0]] + " ; " + cleaned[span[1]:]
    else:
        day, precision, rest = None, None, cleaned
    clock = _find_time(rest) if precision in (None, "day") else None
    if day is None and clock is None:
        return None
    if clock is None:
        return datetime(day.year, day.month, day.day, tzinfo=zone), precision, None
    (hour, minute, second), clock_zone = clock
    time_of_day = f"{hour:02d}:{minute:02d}"
    if day is None:
        return None, "time", time_of_day
    value = datetime.combine(day, time(hour, minute, second))
    return value.replace(tzinfo=clock_zone or zone), "minute", time_of_day


def _find_date(text: str, day_first: bool = False):
    """(date, precision, span) of the first full date written in text, else of a month and year."""
    found = []
    for form, pattern in DATE_FORMS:
        match = pattern.search(text)
        if match:
            day_and_precision = _date_from_match(form, match, day_first)
            if day_and_precision:
                found.append((day_and_precision[1] != "day", match.start(), day_and_precision,
                              match.span()))
    if not found:
        return None
    _, _, (day, precision), span = min(found, key=lambda item: item[:2])
    return day, precision, span


def _date_from_match(form: str, match: re.Match, day_first: bool):
    g = match.groupdict()
    year = int(g["y"])
    if form == "dmy_named":
        return date(year, MONTH_NUMBERS[g["mon"].lower()], int(g["d"])), "day"
    if form in ("mdy", "dmy", "my"):
        month = MONTHS[g["mon"].lower().rstrip(".")[:3] if g["mon"].lower().startswith("sept")
                       else g["mon"].lower().rstrip(".")]
        if form == "my":
            return date(year, month, 1), "month"
        return date(year, month, int(g["d"])), "day"
    if form == "ymd":
        return date(year, int(g["m"]), int(g["d"])), "day"
    first, second = int(g["a"]), int(g["b"])
    if form == "dotted":  # 16.01.2022: dots are written day first
        return date(year, second, first), "day"
    # 01/16/2022 or 16/01/2022: only when one reading is impossible, both agree, or the
    # language says
    if first > 12 or first == second or day_first:
        return date(year, second, first), "day"
    if second > 12:
        return date(year, first, second), "day"
    raise ValueError("month and day could be either way round")


def _find_time(text: str):
    """((hour, minute, second), zone or None) of the first time of day, or None."""
    for match in TIME_OF_DAY.finditer(text):
        hour = int(match.group("H"))
        minute = int(match.group("M") or 0)
        second = int(match.group("S") or 0)
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if match.group("M") is None and not ampm:
            continue  # "5" alone is not a time
        zone = _zone_after(text[match.end():])
        if match.group("sep") == "." and not (ampm or zone or HOUR_WORD_AFTER.match(text, match.end())):
            continue  # "06.05" is a time only when "GMT", "pm" or "Uhr" says so
        if ampm:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 23 or minute > 59 or second > 59:
            continue
        return (hour, minute, second), zone
    return None


def _zone_after(text: str) -> tzinfo | None:
    match = ZONE_AFTER_TIME.match(text)
    if not match:
        return None
    if match.group("offset"):
        return _offset_text(match.group("offset"))
    abbreviation = match.group("abbr")
    if abbreviation not in ZONE_ABBREVIATIONS:
        return None
    if match.group("shift"):  # "GMT+1", "UTC-05:00"
        if ZONE_ABBREVIATIONS[abbreviation] != "UTC":
            return None
        shift = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", match.group("shift"))
        return _fixed_offset(*shift.groups())
    return ZoneInfo(ZONE_ABBREVIATIONS[abbreviation])


@lru_cache(maxsize=16)
def _dateparser_for(languages: tuple[str, ...]):
    from dateparser.date import DateDataParser
    settings = {
        # a year must be written: "5 Jan" never becomes this year
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        # no "yesterday" or "2 hours ago": those are relative to the time of ingest
        "PARSERS": ["custom-formats", "absolute-time"],
    }
    try:
        return DateDataParser(languages=list(languages), settings=settings)
    except ValueError:
        return DateDataParser(languages=["en"], settings=settings)


def _parse_with_dateparser(text: str, zone: tzinfo, languages: tuple[str, ...]):
    # Only month names in other languages are left for it: an all-numeric
    # string the hand-written forms refused (01/05/2022) is ambiguous, not foreign.
    if not re.search(r"\d{4}", text) or not re.search(r"[^\W\d_]{3,}", text):
        return None
    try:
        data = _dateparser_for(languages).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    value = data.date_obj if data else None
    if value is None:
        return None
    period = data.period or "day"
    if period == "day" and re.search(r"\d{1,2}\s*(?::|h\b|h\d|uhr)\s*\d{0,2}", text, re.IGNORECASE):
        precision = "minute"
    else:
        precision = {"year": "year", "month": "month"}.get(period, "day")
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    time_of_day = value.strftime("%H:%M") if precision == "minute" else None
    return value, precision, time_of_day


def looks_like_update(text: str) -> bool:
    """Whether a dateline string speaks of an update ("Updated at 11:02")."""
    return bool(UPDATED.search(text))
