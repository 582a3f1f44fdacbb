"""Which of a file's date strings is its publication time, and which its last update.

`resolve_published` / `resolve_updated` pick one time from a reader's candidates
(ordered best evidence first). A date is never invented: when nothing usable is found
the Timestamp has `value=None` and a `reason`.

- A user override (`--published`) wins, source "upload". When it gives only a day and
  the file has a time of day ("Posted at 11:02", or a full timestamp on that same
  day), the two are combined: source stays "upload", precision becomes minute, `raw`
  keeps both strings joined by " + ". A bad override or `tz` raises ValueError: it is
  the caller's input, not the file's.
- The strings are read in `languages` (default: English and six common European
  languages; the file's own language is better).

When the evidence disagrees, a few general rules decide (each function below says
why): a day given only as a year or month yields to a day inside it; the byline breaks
a tie between metadata claims; a dated URL well before the metadata wins; a byline's
local wall time gives a UTC timestamp its offset; a byline well before a "published"
that equals "modified" is the first publication; a day takes its time of day from
weaker evidence that agrees; a whole-page guess (htmldate) on a day the page gives as
its last update is that update, not a publication.

A file that states no publication date and one last revision ("Date of Last Revision:
August 9, 2017", only a `dateModified`) is published, in the version the archive holds,
on that date: the date is the file's own, taken with a `reason` that says it may first
have appeared earlier. Not on a wiki (candidates of kind WIKI_EDIT): the last edit of a
page anyone may edit says nothing about when its content was written, so there the
publication stays unknown and the edit is only the update.

htmldate's reading of the whole page is one voice among the page's own: it gives the
day when nothing else does, keeps metadata that a byline or address would overrule
when it names the metadata's day, and settles between bylines when the page has no
metadata. A publication's day is the day in the source's own offset: a UTC instant
takes the offset of a tag giving the same instant, or of the local day and time the
page shows ("19. Oktober 2019 00:04 Uhr" for "2019-10-18T22:04:00Z" is the 19th).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from archive.dates.parsing import COMMON_LANGUAGES, Reading, Rejection, parse_or_reason
from archive.model import DateCandidate, Timestamp

NO_DATE_REASON = "no publication date found in the file"
NO_UPDATE_REASON = "no update time found in the file"
ONLY_REVISION_REASON = ("the file gives only its last revision date, the date of the version kept; "
                        "it may first have appeared earlier")
# Candidate kinds: "published", "modified" (an update of the article), and the last edit of
# a wiki page, which readers mark as such because it never stands for the publication.
WIKI_EDIT = "wiki-edit"
UPDATE_KINDS = ("modified", WIKI_EDIT)
# Page-level claims about the whole article, as opposed to what is shown on it.
METADATA_SOURCES = ("json-ld", "meta", "field", "feed", "sitemap")
# More than any difference of time zones could explain.
ZONE_SPREAD = timedelta(hours=14)
ISO_8601 = re.compile(r"\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# The furthest a local clock runs behind UTC (UTC-12).
LARGEST_NEGATIVE_OFFSET = timedelta(hours=12)


def resolve_published(candidates: list[DateCandidate], *, override: str | None = None,
                      tz: str | None = None, now: datetime | None = None,
                      languages=COMMON_LANGUAGES) -> Timestamp:
    """The publication time: the user's override, else the best candidate of kind "published"."""
    published, rejected = _read_candidates(candidates, ("published",), tz=tz, now=now, languages=languages)
    if override is not None and str(override).strip():
        return _with_override(str(override), published, tz=tz, now=now, languages=languages)
    revisions, _ = _read_candidates(candidates, ("modified",), tz=tz, now=now, languages=languages)
    wiki_edits, _ = _read_candidates(candidates, (WIKI_EDIT,), tz=tz, now=now, languages=languages)
    modified = revisions + wiki_edits
    published, guessed_update = _without_guesses_on_update_days(published, modified)
    found = _decide(published, rejected, NO_DATE_REASON, modified=modified)
    if found.value is None and found.precision is None and (guessed_update or modified):
        revision = _the_only_revision(revisions) if not (rejected or wiki_edits) else None
        if revision is not None:
            return revision
        last = (modified or guessed_update)[0].stamp
        wiki = ", a wiki's last edit, which does not date its content" if wiki_edits and not revisions else ""
        found = replace(found, reason=f"{found.reason}; the file only gives its last update ({last.raw!r}{wiki})")
    return found


def resolve_updated(candidates: list[DateCandidate], *, tz: str | None = None,
                    now: datetime | None = None, languages=COMMON_LANGUAGES) -> Timestamp:
    """The last update time, from candidates of kind "modified" or WIKI_EDIT."""
    modified, rejected = _read_candidates(candidates, UPDATE_KINDS, tz=tz, now=now, languages=languages)
    return _decide(modified, rejected, NO_UPDATE_REASON, modified=None)


def _the_only_revision(revisions: list[Reading]) -> Timestamp | None:
    """The file's one last revision as its publication, for a file that states no
    publication date: the text the archive keeps is the version of that date. Updates
    that name different days are no one revision: None. A sitemap's <lastmod> is a hint
    to crawlers, often stamped whenever the sitemap is written: not counted."""
    revisions = [r for r in revisions if r.stamp.source != "sitemap"]
    if len({_day(r) for r in revisions if r.stamp.value is not None and _is_day_or_finer(r)}) > 1:
        return None
    found = _decide(revisions, [], NO_UPDATE_REASON, modified=None)
    return replace(found, reason=ONLY_REVISION_REASON) if found.value is not None else None


def _read_candidates(candidates, kinds, *, tz, now, languages) -> tuple[list[Reading], list[str]]:
    readings, rejected = [], []
    for candidate in candidates or []:
        if getattr(candidate, "kind", "published") not in kinds:
            continue
        result = parse_or_reason(candidate.raw, candidate.source, tz=tz, now=now, languages=languages)
        if isinstance(result, Reading):
            readings.append(result)
        elif result.dated:
            rejected.append(result.reason)
    return readings, rejected


def _decide(readings: list[Reading], rejected: list[str], no_date_reason: str, *,
            modified: list[Reading] | None) -> Timestamp:
    dated = [r for r in readings if r.stamp.value is not None]
    times_only = [r for r in readings if r.stamp.precision == "time"]
    if not dated:
        if times_only:
            only = times_only[0].stamp
            return replace(only, reason=f"only a time of day ({only.time_of_day}) was found, no date")
        if rejected:
            return Timestamp(reason=f"{no_date_reason} (rejected: {'; '.join(rejected[:3])})")
        return Timestamp(reason=no_date_reason)
    best = _first_with_a_day(dated)
    if modified is not None:  # rules about first publication
        claim = best
        best = _dateline_breaks_metadata_tie(best, dated)
        best = _earlier_url_date(best, dated)
        best = _dateline_before_rewritten_metadata(best, dated, modified)
        best = _guess_keeps_the_claim(claim, best, dated)
        best = _guess_settles_shown_evidence(best, dated)
        best = _same_instant_in_its_own_offset(best, dated)
        best = _local_offset_from_dateline(best, dated)
        local = _local_day_of_a_utc_instant(best, dated, times_only)
        if local is not None:
            return local.stamp
    return _with_time_of_day(best, dated, times_only).stamp


# Sources that read the whole page without knowing what a date is about.
GUESSED_SOURCES = ("htmldate",)
# What the page shows its readers, one place each: a byline, an address.
SHOWN_SOURCES = ("text", "url")


def _without_guesses_on_update_days(published: list[Reading], modified: list[Reading]
                                    ) -> tuple[list[Reading], list[Reading]]:
    """A whole-page guess that lands on a day the page itself gives as its last update
    ("This page was last modified on ...") has found that update, not the publication."""
    update_days = {_day(m) for m in modified if m.stamp.value is not None}
    kept, dropped = [], []
    for reading in published:
        if (reading.stamp.source in GUESSED_SOURCES and reading.stamp.value is not None
                and _day(reading) in update_days):
            dropped.append(reading)
        else:
            kept.append(reading)
    return kept, dropped


def _is_day_or_finer(reading: Reading) -> bool:
    return reading.stamp.precision in ("day", "minute", "second")


def _day(reading: Reading) -> date:
    return reading.stamp.value.date()


def _first_with_a_day(dated: list[Reading]) -> Reading:
    """A year or month stands unless weaker evidence names a day inside it."""
    best = dated[0]
    if _is_day_or_finer(best):
        return best
    for other in dated[1:]:
        if _is_day_or_finer(other) and _within(other.stamp.value, best.stamp):
            return other
    return best


def _within(value: datetime, coarse: Timestamp) -> bool:
    if coarse.precision == "year":
        return value.year == coarse.value.year
    return (value.year, value.month) == (coarse.value.year, coarse.value.month)


def _dateline_breaks_metadata_tie(best: Reading, dated: list[Reading]) -> Reading:
    """When the page's metadata disagrees with itself about the day, the day shown
    to readers in the byline decides between the claims."""
    claims = [r for r in dated if r.stamp.source in METADATA_SOURCES and _is_day_or_finer(r)]
    if best not in claims or len({_day(r) for r in claims}) < 2:
        return best
    shown = {_day(r) for r in dated if r.stamp.source == "text" and _is_day_or_finer(r)}
    return next((r for r in claims if _day(r) in shown), best)


def _earlier_url_date(best: Reading, dated: list[Reading]) -> Reading:
    """A dated URL is minted when a story first goes out; metadata is rewritten by
    updates and site migrations. A URL day well before the metadata's wins."""
    url = next((r for r in dated if r.stamp.source == "url" and r.stamp.precision == "day"), None)
    if url is None or best.stamp.source == "url":
        return best
    if (_day(best) - _day(url)).days > 1:
        return url
    return best


def _local_offset_from_dateline(best: Reading, dated: list[Reading]) -> Reading:
    """Metadata in UTC, byline in local wall time without a zone: when the two are the
    same minute a whole number of quarter hours apart, that difference is the page's offset."""
    if not (best.zoned and best.stamp.value.utcoffset() == timedelta(0)
            and best.stamp.precision in ("minute", "second")):
        return best
    utc_wall = best.stamp.value.replace(tzinfo=None, second=0, microsecond=0)
    for other in dated:
        if other.stamp.source != "text" or other.zoned or other.stamp.precision != "minute":
            continue
        shift = other.stamp.value.replace(tzinfo=None) - utc_wall
        if shift and -timedelta(hours=12) <= shift <= ZONE_SPREAD and shift % timedelta(minutes=15) == timedelta(0):
            local = best.stamp.value.astimezone(timezone(shift))
            return Reading(replace(best.stamp, value=local, raw=f"{best.stamp.raw} + {other.stamp.raw}"),
                           zoned=True)
    return best


def _guess_keeps_the_claim(claim: Reading, chosen: Reading, dated: list[Reading]) -> Reading:
    """The rules above let a byline or an address overrule the page's metadata. When the
    whole-page reading (htmldate) names the metadata's day and not the other, two voices
    stand against one: the metadata stays."""
    if chosen is claim or claim.stamp.source not in METADATA_SOURCES or not _is_day_or_finer(claim):
        return chosen
    guessed = _guessed_days(dated)
    if _day(claim) in guessed and _day(chosen) not in guessed:
        return claim
    return chosen


def _guess_settles_shown_evidence(best: Reading, dated: list[Reading]) -> Reading:
    """Without metadata, the first byline or dated address is the best evidence only by
    its place on the page. When the whole-page reading names another day that other
    evidence of the page names too, two voices beat one."""
    if best.stamp.source not in SHOWN_SOURCES:
        return best
    if any(r.stamp.source in METADATA_SOURCES and _is_day_or_finer(r) for r in dated):
        return best
    guessed = _guessed_days(dated)
    if not guessed or _day(best) in guessed:
        return best
    return next((r for r in dated if r.stamp.source not in GUESSED_SOURCES and _is_day_or_finer(r)
                 and _day(r) in guessed), best)


def _guessed_days(dated: list[Reading]) -> set[date]:
    return {_day(r) for r in dated if r.stamp.source in GUESSED_SOURCES and _is_day_or_finer(r)}


def _is_utc_instant(reading: Reading) -> bool:
    return (reading.zoned and reading.stamp.value.utcoffset() == timedelta(0)
            and reading.stamp.precision in ("minute", "second"))


def _same_instant_in_its_own_offset(best: Reading, dated: list[Reading]) -> Reading:
    """Metadata often gives the instant in UTC ("...T22:04:00Z") while another tag gives the
    same instant with an offset ("...T00:04:00+02:00"): that offset is the source's own.
    Only a machine form counts: a date a script wrote out in words ("GMT+0100 (Central
    European Standard Time)") is in the zone of whoever saved the page."""
    if not _is_utc_instant(best):
        return best
    for other in dated:
        if (other.zoned and other.stamp.precision in ("minute", "second") and ISO_8601.match(other.stamp.raw)
                and other.stamp.value.utcoffset() != timedelta(0)
                and abs(other.stamp.value - best.stamp.value) < timedelta(minutes=1)):
            local = best.stamp.value.astimezone(other.stamp.value.tzinfo)
            return Reading(replace(best.stamp, value=local, raw=f"{best.stamp.raw} + {other.stamp.raw}"),
                           zoned=True)
    return best


def _local_day_of_a_utc_instant(best: Reading, dated: list[Reading], times_only: list[Reading]
                                ) -> Reading | None:
    """An instant given in UTC ("2019-10-18T22:04:00Z") on a page that shows the next or the
    previous day ("19. Oktober 2019"), a day that instant falls on in some time zone: the
    page's own day is the publication's day. A time of day shown with it ("00:04") gives
    the offset; without one the time in the page's offset is not known (precision day).
    None when the rule does not apply."""
    if not _is_utc_instant(best):
        return None
    utc_wall = best.stamp.value.replace(tzinfo=None)
    for other in dated:
        if (other.stamp.source not in SHOWN_SOURCES + ("time",) + GUESSED_SOURCES or other.zoned
                or other.stamp.precision != "day"):
            continue
        shown = _day(other)
        if shown == utc_wall.date():
            return None
        midnight = datetime.combine(shown, datetime.min.time())
        if not midnight - ZONE_SPREAD <= utc_wall < midnight + timedelta(days=1) + LARGEST_NEGATIVE_OFFSET:
            continue
        raw = f"{best.stamp.raw} + {other.stamp.raw}"
        for clock in times_only:
            hour, minute = (int(part) for part in clock.stamp.time_of_day.split(":"))
            shift = midnight.replace(hour=hour, minute=minute) - utc_wall.replace(second=0, microsecond=0)
            if -LARGEST_NEGATIVE_OFFSET <= shift <= ZONE_SPREAD and shift % timedelta(minutes=15) == timedelta(0):
                local = best.stamp.value.astimezone(timezone(shift))
                return Reading(replace(best.stamp, value=local, raw=f"{raw} + {clock.stamp.raw}"), zoned=True)
        day = Timestamp(value=datetime(shown.year, shown.month, shown.day, tzinfo=timezone.utc),
                        precision="day", source=best.stamp.source, raw=raw)
        return Reading(day, zoned=False)
    return None


def _dateline_before_rewritten_metadata(best: Reading, dated: list[Reading],
                                        modified: list[Reading]) -> Reading:
    """Metadata whose 'published' equals its 'modified' was rewritten at the last update;
    a byline shown well before it is the first publication."""
    if best.stamp.source not in METADATA_SOURCES:
        return best
    if not any(m.stamp.value == best.stamp.value for m in modified if m.stamp.value):
        return best
    shown = next((r for r in dated if r.stamp.source == "text" and _is_day_or_finer(r)), None)
    if shown is None:
        return best
    shown_until = shown.stamp.value + (timedelta(days=1) if shown.stamp.precision == "day" else timedelta(0))
    if best.stamp.value - shown_until > ZONE_SPREAD:
        return shown
    return best


def _with_time_of_day(best: Reading, dated: list[Reading], times_only: list[Reading]) -> Reading:
    """Keep the best day, but take a time of day from weaker evidence that agrees on it."""
    if best.stamp.precision != "day":
        return best
    for other in dated:
        if other.stamp.precision in ("minute", "second") and _day(other) == _day(best):
            stamp = replace(other.stamp, source=best.stamp.source,
                            raw=f"{best.stamp.raw} + {other.stamp.raw}")
            return Reading(stamp, other.zoned)
    if times_only:
        return Reading(_combine(best.stamp, times_only[0].stamp, source=best.stamp.source), best.zoned)
    return best


def _combine(day: Timestamp, clock: Timestamp, *, source: str) -> Timestamp:
    hour, minute = (int(part) for part in clock.time_of_day.split(":"))
    value = day.value.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return Timestamp(value=value, precision="minute", source=source,
                     raw=f"{day.raw} + {clock.raw}", time_of_day=clock.time_of_day)


def _with_override(override: str, published: list[Reading], *, tz, now, languages) -> Timestamp:
    """The user's date wins; a day alone takes its time of day from the file when the file agrees."""
    user = parse_or_reason(override, "upload", tz=tz, now=now, languages=languages)
    if not isinstance(user, Reading) or user.stamp.value is None:
        reason = user.reason if isinstance(user, Rejection) else "a time of day without a date"
        raise ValueError(f"could not read the publication date {override!r}: {reason}")
    if user.stamp.precision != "day":
        return user.stamp
    for reading in published:
        stamp = reading.stamp
        if stamp.precision in ("minute", "second") and stamp.value.date() == user.stamp.value.date():
            return replace(stamp, source="upload", raw=f"{override} + {stamp.raw}")
    times_only = [r.stamp for r in published if r.stamp.precision == "time"]
    if times_only:
        return _combine(user.stamp, times_only[0], source="upload")
    return user.stamp
