"""Choosing the publication time when a page's evidence disagrees: htmldate's reading of the
whole page is one voice among the page's own, and a day is the day in the source's offset."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from archive.model import DateCandidate
from archive.timestamps import resolve_published

NOW = datetime(2023, 6, 1, 12, 0, tzinfo=timezone.utc)


def published(*candidates, languages=("en",)):
    return resolve_published([DateCandidate(*c) for c in candidates], now=NOW, languages=languages)


# ----------------------------------------------------------------- htmldate as one voice

def test_the_whole_page_reading_alone_gives_the_day():
    stamp = published(("2021-03-04", "htmldate"))
    assert stamp.value.date() == date(2021, 3, 4) and stamp.source == "htmldate"


def test_metadata_outranks_the_whole_page_reading():
    stamp = published(("2021-03-04T10:00:00+00:00", "meta"), ("2021-02-01", "htmldate"))
    assert stamp.value.date() == date(2021, 3, 4)


def test_a_dated_address_does_not_overrule_metadata_that_htmldate_confirms():
    # Alone, a URL day well before the metadata wins (a story moved to a new address keeps
    # its first day); htmldate naming the metadata's day is a second voice for it.
    meta, url = ("2021-03-04T10:00:00+00:00", "meta"), ("2021-01-10", "url")
    assert published(meta, url).value.date() == date(2021, 1, 10)
    assert published(meta, url, ("2021-03-04", "htmldate")).value.date() == date(2021, 3, 4)


def test_htmldate_on_the_day_metadata_was_rewritten_is_no_second_voice_for_it():
    # "published" equal to "modified": rewritten at the last update; the byline shown well
    # before it is the first publication, and htmldate naming the rewrite day is that update.
    candidates = [("2021-03-04T10:00:00+00:00", "json-ld"), ("2021-03-04T10:00:00+00:00", "json-ld", "modified"),
                  ("Posted January 5, 2021", "text")]
    assert published(*candidates).value.date() == date(2021, 1, 5)
    assert published(*candidates, ("2021-03-04", "htmldate")).value.date() == date(2021, 1, 5)


def test_without_metadata_htmldate_settles_between_two_bylines():
    # The first dated line is the best evidence only by its place on the page.
    stamp = published(("Posted March 1, 2021", "text"), ("Posted February 20, 2021", "text"),
                      ("2021-02-20", "htmldate"))
    assert stamp.value.date() == date(2021, 2, 20) and stamp.source == "text"


def test_htmldate_alone_against_a_byline_does_not_win():
    stamp = published(("Posted March 1, 2021", "text"), ("2021-02-20", "htmldate"))
    assert stamp.value.date() == date(2021, 3, 1)


def test_htmldate_on_the_pages_update_day_is_not_the_publication():
    stamp = published(("2021-03-04", "htmldate"), ("Last modified on 4 March 2021", "text", "wiki-edit"))
    assert stamp.value is None and "last update" in stamp.reason


# ----------------------------------------------------------------- the source's own offset

def test_a_utc_instant_takes_the_offset_another_tag_gives_the_same_instant():
    stamp = published(("2019-10-18T22:04:00Z", "json-ld"), ("2019-10-19T00:04:00+02:00", "time"))
    assert stamp.value.isoformat() == "2019-10-19T00:04:00+02:00"
    assert stamp.value.date() == date(2019, 10, 19) and stamp.source == "json-ld"


def test_a_date_a_script_wrote_in_the_savers_zone_gives_no_offset():
    stamp = published(("2018-02-20T00:00:00.000Z", "json-ld"),
                      ("Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)", "time"))
    assert stamp.value.utcoffset() == timedelta(0) and stamp.value.date() == date(2018, 2, 20)


def test_a_utc_instant_on_a_page_showing_the_next_day_is_that_day():
    stamp = published(("2019-10-18T22:04:00Z", "json-ld"), ("19. Oktober 2019", "text"), languages=("de", "en"))
    assert stamp.value.date() == date(2019, 10, 19) and stamp.precision == "day"


def test_a_german_byline_with_its_wall_time_gives_the_offset():
    # "19. Oktober 2019 00:04 Uhr" is the 19th, whatever the UTC instant's date.
    stamp = published(("2019-10-18T22:04:00Z", "json-ld"), ("19. Oktober 2019 00:04 Uhr", "text"),
                      languages=("de", "en"))
    assert stamp.value.isoformat() == "2019-10-19T00:04:00+02:00"


def test_a_shown_day_and_a_separate_time_of_day_give_the_offset():
    stamp = published(("2018-12-31T23:11:59+00:00", "meta"), ("2019-01-01", "time"), ("@ 00:11", "text"))
    assert stamp.value.isoformat() == "2019-01-01T00:11:59+01:00"


def test_a_utc_instant_before_the_shown_day_by_more_than_any_zone_keeps_its_day():
    stamp = published(("2019-10-18T08:00:00Z", "json-ld"), ("October 19, 2019", "text"))
    assert stamp.value.date() == date(2019, 10, 18)


def test_a_shown_day_equal_to_the_utc_date_changes_nothing():
    stamp = published(("2019-10-18T22:04:00Z", "json-ld"), ("October 18, 2019", "text"), ("2019-10-19", "htmldate"))
    assert stamp.value.isoformat() == "2019-10-18T22:04:00+00:00"
