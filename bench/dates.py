"""How often the publication day of a saved page comes out right, and why it does not.

Runs read_html + resolve_published on the pages listed in
/work/shared/dev/html_dates/manifest.json (entries with file, url,
expected_date YYYY-MM-DD) and compares the day in the page's own offset.
htmldate alone runs on the same pages for comparison, with the library's best settings
(find_date(original_date=True, extensive_search=True)). Accuracy is the share of
pages whose day is right; precision the share right among the pages given a day.
Only the page bytes are used, never the manifest's URL.

Each miss is printed with the expected day, ours, our source and raw string,
and one reason category, worked out from the page itself:

  refused        the reader did not take the page as an article (no text in the
                 file); what its date evidence alone would give is shown
  update-date    the expected day is one the page labels as its last update
                 (dateModified, "Updated ...", "last modified ..."); we give the
                 distinct publication the page states
  update-only    the same, on a page that states no publication date and whose
                 update we do not take as one: a wiki's last edit (it does not date
                 the content) or updates naming different days. (A page's one last
                 revision is otherwise its publication, marked as such.)
  not-chosen     the expected day is among our own publication candidates, but
                 the rules chose another: a rule to look at
  elsewhere      the expected day is written on the page, but not as evidence we
                 read as the publication date (the snippet shows where)
  not-on-page    the expected day is not written on the page in any usual form

    .venv/bin/python bench/dates.py [FOLDER] [--half even|odd] [--verbose]

`--half` keeps every other page by a hash of its file name (as bench/main_text.py):
rules are written looking at one half and checked on the other.
"""
from __future__ import annotations

import json
import re
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.readers import ReadError  # noqa: E402
from archive.readers import html_dates, html_page  # noqa: E402
from archive.readers import html as html_reader  # noqa: E402
from archive.readers.html import read_html  # noqa: E402
from archive.timestamps import parse_timestamp, resolve_published, resolve_updated  # noqa: E402

DEFAULT_FOLDER = Path("/work/shared/dev/html_dates")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass
class Outcome:
    day: str | None = None            # published YYYY-MM-DD as the archive would store it
    source: str | None = None
    note: str = ""                    # the raw string, or the reason for null
    updated_day: str | None = None
    refused: bool = False
    published_days: dict = field(default_factory=dict)  # day -> first raw string naming it
    modified_days: dict = field(default_factory=dict)


def our_outcome(data: bytes) -> Outcome:
    try:
        draft = read_html(data)
        candidates, languages, refused, note = draft.date_candidates, _languages(draft.language), False, ""
    except ReadError as exc:
        candidates, languages, refused, note = _evidence_alone(data), ("en",), True, f"ReadError: {exc}"
    outcome = Outcome(refused=refused, note=note)
    for candidate in candidates:
        stamp = parse_timestamp(candidate.raw, candidate.source, languages=languages)
        if candidate.source == "htmldate":  # a guess over the whole page, not the page's own claim
            continue
        if stamp is not None and stamp.value is not None and stamp.precision in ("day", "minute", "second"):
            days = outcome.published_days if candidate.kind == "published" else outcome.modified_days
            days.setdefault(stamp.value.date().isoformat(), f"{candidate.source}: {candidate.raw}")
    published = resolve_published(candidates, languages=languages)
    updated = resolve_updated(candidates, languages=languages)
    outcome.updated_day = updated.value.date().isoformat() if updated.value else None
    if refused:  # what the evidence alone would give, kept apart from the score
        outcome.note += (f" (its date evidence alone gives {published.value.date().isoformat()}"
                         f" from {published.source})" if published.value else "")
        return outcome
    if published.value is None:
        outcome.note = published.reason or ""
    elif published.precision not in ("day", "minute", "second"):  # a year or a month names no day
        outcome.note = f"only the {published.precision} is known: {published.raw}"
    else:
        outcome.day = published.value.date().isoformat()
        outcome.source, outcome.note = published.source, published.raw or ""
    return outcome


def _evidence_alone(data: bytes):
    """The date candidates of a page the reader refused, read the way read_html reads them."""
    try:
        tree = html_reader.parse_tree(html_reader.html_text(data))
        meta = html_page.meta_values(tree)
        linked = html_page.json_ld_objects(tree)
        url = html_reader.page_url(tree, meta, linked)
        return html_dates.date_candidates(tree, meta, linked, url, [], None)
    except Exception:
        return []


def _languages(language: str | None) -> tuple[str, ...]:
    return ("en",) if language in (None, "en") else (language, "en")


def htmldate_day(data: bytes) -> str | None:
    import htmldate

    try:
        return htmldate.find_date(data, original_date=True, extensive_search=True)
    except Exception:
        return None


def written_forms(day: date) -> list[re.Pattern]:
    """The usual ways a page writes a day: ISO, slashes, dots, month names."""
    y, m, d = day.year, day.month, day.day
    name, short = MONTH_NAMES[m - 1], MONTH_NAMES[m - 1][:3]
    months = f"(?:{name}|{short}\\.?)"
    day_number = f"0?{d}(?:st|nd|rd|th)?"
    forms = [  # the forms people read first, so that a snippet shows the visible date
        f"{months}\\s+{day_number},?\\s+{y}", f"(?<!\\d){day_number}\\s+(?:of\\s+)?{months},?\\s+{y}",
        f"(?<!\\d)0?{m}/0?{d}/{y}", f"(?<!\\d)0?{d}\\.0?{m}\\.{y}", f"(?<!\\d)0?{d}/0?{m}/{y}",
        f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}/{m}/{d}(?!\\d)", f"{y}{m:02d}{d:02d}(?!\\d)",
    ]
    return [re.compile(form, re.IGNORECASE) for form in forms]


def where_written(data: bytes, expected: str) -> str | None:
    """A short snippet of the page around the expected day, or None when it is not written."""
    text = html_reader.html_text(data)
    for pattern in written_forms(date.fromisoformat(expected)):
        match = pattern.search(text)
        if match:
            before = re.sub(r"<[^>]*>", " ", text[max(0, match.start() - 120):match.start()])
            after = re.sub(r"<[^>]*>", " ", text[match.end():match.end() + 40])
            before = " ".join(before.split())[-50:]
            after = " ".join(after.split())[:25]
            return f"...{before} [{match.group(0)}] {after}..."
    return None


def miss_reason(outcome: Outcome, expected: str, data: bytes) -> tuple[str, str]:
    """(category, one line of explanation) for a page whose day we did not get."""
    if outcome.refused:
        evidence = outcome.note[outcome.note.find(" (its date evidence"):] if "(its date evidence" in outcome.note else ""
        return "refused", f"the reader refused the page{evidence}"
    if expected in outcome.modified_days and expected not in outcome.published_days:
        update = outcome.modified_days[expected]
        if outcome.day is None:
            return "update-only", (f"expected is the page's update ({update!r}); the page states no "
                                   f"publication date and this update is not taken as one "
                                   f"(a wiki's last edit, or updates naming different days)")
        return "update-date", f"expected is the page's update ({update!r}); the page states publication {outcome.day}"
    if expected in outcome.published_days:
        return "not-chosen", f"our candidate {outcome.published_days[expected]!r} lost to {outcome.day}"
    snippet = where_written(data, expected)
    if snippet:
        ours = where_written(data, outcome.day) if outcome.day else None
        return "elsewhere", f"written on the page as {snippet!r}" + (f"; ours as {ours!r}" if ours else "")
    return "not-on-page", "the expected day is not written on the page in any usual form"


def in_half(name: str, half: str | None) -> bool:
    if half is None:
        return True
    return (zlib.crc32(name.encode()) % 2 == 0) == (half == "even")


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    half = argv[argv.index("--half") + 1] if "--half" in argv else None
    folder = Path(next((a for a in argv if not a.startswith("--") and a not in ("even", "odd")), DEFAULT_FOLDER))
    manifest = folder / "manifest.json"
    if not manifest.exists():
        print(f"no benchmark pages at {folder} (manifest.json missing); nothing to measure")
        return 0
    entries = [e for e in json.loads(manifest.read_text())["entries"] if in_half(e["file"], half)]
    ours_right = theirs_right = ours_dated = theirs_dated = 0
    by_source: Counter = Counter()
    right_by_source: Counter = Counter()
    misses = []
    started = time.perf_counter()
    our_seconds = 0.0
    for entry in entries:
        data = (folder / entry["file"]).read_bytes()
        expected = entry["expected_date"]
        clock = time.perf_counter()
        outcome = our_outcome(data)
        our_seconds += time.perf_counter() - clock
        theirs = htmldate_day(data)
        by_source[outcome.source or "none"] += 1
        if outcome.day == expected:
            ours_right += 1
            right_by_source[outcome.source or "none"] += 1
        else:
            misses.append((entry["file"], expected, outcome, theirs, miss_reason(outcome, expected, data)))
        theirs_right += theirs == expected
        ours_dated += outcome.day is not None
        theirs_dated += theirs is not None
        if verbose:
            print(f"{entry['file']}  expected {expected}  ours {outcome.day} ({outcome.source})  htmldate {theirs}")
    total = len(entries)
    print(f"pages: {total}  ({time.perf_counter() - started:.1f}s in all, "
          f"{1000 * our_seconds / max(total, 1):.0f} ms/page for read_html + resolve_published)")
    for name, right, dated in (("archive", ours_right, ours_dated), ("htmldate", theirs_right, theirs_dated)):
        print(f"{name:9} accuracy {right / max(total, 1):.3f} ({right}/{total} right)   "
              f"precision {right / max(dated, 1):.3f} ({right}/{dated} dated right, {dated - right} wrong, "
              f"{total - dated} without a date)")
    print("by source (right/used):")
    for source, count in by_source.most_common():
        print(f"  {source:9} {right_by_source[source]}/{count}")
    print(f"misses ({len(misses)}):")
    for file, expected, outcome, theirs, (category, explanation) in misses:
        print(f"  {file}  expected {expected}  ours {outcome.day} ({outcome.source}: {outcome.note[:90]!r})"
              f"  htmldate {theirs}")
        print(f"      {category}: {explanation[:240]}")
    categories = Counter(miss[4][0] for miss in misses)
    if categories:
        print("misses by reason: " + ", ".join(f"{name} {count}" for name, count in categories.most_common()))
    update_only = [(miss[1], miss[2]) for miss in misses
                   if miss[2].day is None and miss[2].modified_days and not miss[2].refused]
    if update_only:
        agree = sum(expected in outcome.modified_days for expected, outcome in update_only)
        print(f"pages left undated that give only an update date (wikis, or updates naming different days): "
              f"{len(update_only)}; that date is the expected day on {agree} of them (taking it as the "
              f"publication would score {ours_right + agree}/{total}, and be wrong on the other "
              f"{len(update_only) - agree})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
