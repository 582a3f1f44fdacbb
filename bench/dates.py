"""How often the publication day of a saved page comes out right.

Runs read_html + resolve_published on the pages listed in
/work/shared/dev/html_dates/manifest.json (entries with file, url,
expected_date YYYY-MM-DD) and compares the day in the page's own offset.
htmldate alone (original_date=True) runs on the same pages for comparison.
Only the page bytes are used, never the manifest's URL.

    .venv/bin/python bench/dates.py [FOLDER] [--verbose]
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.readers import ReadError  # noqa: E402
from archive.readers.html import read_html  # noqa: E402
from archive.timestamps import resolve_published, resolve_updated  # noqa: E402

DEFAULT_FOLDER = Path("/work/shared/dev/html_dates")


def our_days(data: bytes) -> tuple[str | None, str | None, str, str | None]:
    """(published YYYY-MM-DD or None, its source, a note, updated YYYY-MM-DD or None)
    as the archive would store them."""
    try:
        draft = read_html(data)
    except ReadError as exc:
        return None, None, f"ReadError: {exc}", None
    languages = _languages(draft.language)
    published = resolve_published(draft.date_candidates, languages=languages)
    updated = resolve_updated(draft.date_candidates, languages=languages)
    updated_day = updated.value.date().isoformat() if updated.value else None
    if published.value is None:
        return None, None, published.reason or "", updated_day
    return published.value.date().isoformat(), published.source, published.raw or "", updated_day


def _languages(language: str | None) -> tuple[str, ...]:
    return ("en",) if language in (None, "en") else (language, "en")


def htmldate_day(data: bytes) -> str | None:
    import htmldate

    try:
        return htmldate.find_date(data, original_date=True)
    except Exception:
        return None


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT_FOLDER))
    manifest = folder / "manifest.json"
    if not manifest.exists():
        print(f"no benchmark pages at {folder} (manifest.json missing); nothing to measure")
        return 0
    entries = json.loads(manifest.read_text())["entries"]
    ours_right = theirs_right = 0
    by_source: Counter = Counter()
    right_by_source: Counter = Counter()
    misses = []
    started = time.perf_counter()
    our_seconds = 0.0
    for entry in entries:
        data = (folder / entry["file"]).read_bytes()
        expected = entry["expected_date"]
        clock = time.perf_counter()
        day, source, note, updated_day = our_days(data)
        our_seconds += time.perf_counter() - clock
        theirs = htmldate_day(data)
        by_source[source or "none"] += 1
        if day == expected:
            ours_right += 1
            right_by_source[source or "none"] += 1
        else:
            misses.append((entry["file"], expected, day, source, note, theirs, updated_day))
        theirs_right += theirs == expected
        if verbose:
            print(f"{entry['file']}  expected {expected}  ours {day} ({source})  htmldate {theirs}")
    total = len(entries)
    print(f"pages: {total}  ({time.perf_counter() - started:.1f}s in all, "
          f"{1000 * our_seconds / max(total, 1):.0f} ms/page for read_html + resolve_published)")
    print(f"day right, ours:           {ours_right}/{total} = {100 * ours_right / max(total, 1):.1f}%")
    print(f"day right, htmldate alone: {theirs_right}/{total} = {100 * theirs_right / max(total, 1):.1f}%")
    print("by source (right/used):")
    for source, count in by_source.most_common():
        print(f"  {source:9} {right_by_source[source]}/{count}")
    print(f"misses ({len(misses)}):")
    for file, expected, day, source, note, theirs, updated_day in misses:
        remark = "  <- expected is our *updated* day" if updated_day == expected else ""
        print(f"  {file}  expected {expected}  ours {day} ({source}: {note[:70]!r})  htmldate {theirs}{remark}")
    as_updated = sum(1 for miss in misses if miss[6] == miss[1])
    if as_updated:
        print(f"{as_updated} of the misses expect the page's last-update day, which we keep as `updated`")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
