"""Publication times: how date strings are read and how one is chosen."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from archive.model import DateCandidate, Timestamp
from archive.timestamps import (
    NO_DATE_REASON,
    parse_timestamp,
    resolve_published,
    resolve_updated,
    zone_from,
)

# A fixed "now" so that no test depends on the day it runs.
NOW = datetime(2023, 6, 1, 12, 0, tzinfo=timezone.utc)


def parse(raw, **options):
    return parse_timestamp(raw, "meta", now=NOW, **options)


def published(*candidates, **options):
    options.setdefault("now", NOW)
    return resolve_published([DateCandidate(*c) for c in candidates], **options)


# ----------------------------------------------------------------- parse_timestamp

def test_the_source_offset_is_kept():
    stamp = parse("2022-01-16T11:02:00-05:00")
    assert stamp.iso() == "2022-01-16T11:02:00-05:00"
    assert stamp.utc_iso() == "2022-01-16T16:02:00Z"
    assert (stamp.precision, stamp.source, stamp.raw) == ("second", "meta", "2022-01-16T11:02:00-05:00")


def test_zulu_with_milliseconds():
    assert parse("2022-01-05T11:02:00.000Z").iso() == "2022-01-05T11:02:00+00:00"


def test_a_naive_time_is_read_in_the_given_zone_else_utc():
    assert parse("2022-01-16T11:02").iso() == "2022-01-16T11:02:00+00:00"
    assert parse("2022-01-16T11:02", tz="Europe/Paris").iso() == "2022-01-16T11:02:00+01:00"
    assert parse("2022-07-16T11:02", tz="Europe/Paris").iso() == "2022-07-16T11:02:00+02:00"
    assert parse("2022-01-16 11:02", tz="+05:30").iso() == "2022-01-16T11:02:00+05:30"
    # the zone applies only when the string has none
    assert parse("2022-01-16T11:02:00Z", tz="Europe/Paris").iso() == "2022-01-16T11:02:00+00:00"


def test_an_unknown_zone_from_the_user_is_an_error():
    with pytest.raises(ValueError, match="unknown time zone"):
        zone_from("Mars/Olympus_Mons")


@pytest.mark.parametrize("raw, iso, precision", [
    ("2022-01-05", "2022-01-05T00:00:00+00:00", "day"),
    ("2022-01", "2022-01-01T00:00:00+00:00", "month"),
    ("2022", "2022-01-01T00:00:00+00:00", "year"),
    ("20220105", "2022-01-05T00:00:00+00:00", "day"),
    ("Wed, 05 Jan 2022 11:02:00 GMT", "2022-01-05T11:02:00+00:00", "second"),
    ("Wed, 05 Jan 2022 11:02:00 +0100", "2022-01-05T11:02:00+01:00", "second"),
    ("Wed, 05 Jan 2022 11:02 CET", "2022-01-05T11:02:00+01:00", "minute"),
    ("January 5, 2022", "2022-01-05T00:00:00+00:00", "day"),
    ("Sept. 3, 2019", "2019-09-03T00:00:00+00:00", "day"),
    ("5 Jan 2022 11:02 GMT", "2022-01-05T11:02:00+00:00", "minute"),
    ("Mon 20 Jan 2020 06.05 GMT", "2020-01-20T06:05:00+00:00", "minute"),
    ("Posted on Jan. 5, 2022 at 3:14 p.m. ET", "2022-01-05T15:14:00-05:00", "minute"),
    ("Published 11:02 AM EST, Sun January 16, 2022", "2022-01-16T11:02:00-05:00", "minute"),
    ("June 4, 2021 9:00 PM PT", "2021-06-04T21:00:00-07:00", "minute"),
    ("4 June 2021 09:00 BST", "2021-06-04T09:00:00+01:00", "minute"),
    ("16.01.2022", "2022-01-16T00:00:00+00:00", "day"),
    ("01/16/2022", "2022-01-16T00:00:00+00:00", "day"),
    ("16/01/2022", "2022-01-16T00:00:00+00:00", "day"),
    ("July 2017", "2017-07-01T00:00:00+00:00", "month"),
])
def test_common_forms(raw, iso, precision):
    stamp = parse(raw)
    assert (stamp.iso(), stamp.precision) == (iso, precision)


def test_eastern_time_follows_daylight_saving_for_that_date():
    assert parse("July 16, 2022 11:02 AM ET").iso() == "2022-07-16T11:02:00-04:00"
    assert parse("January 16, 2022 11:02 AM ET").iso() == "2022-01-16T11:02:00-05:00"


def test_other_languages_when_asked_for():
    assert parse("12. Juli 2017", languages=("de",)).iso() == "2017-07-12T00:00:00+00:00"
    stamp = parse("5 janvier 2022 à 11h02", languages=("fr",))
    assert (stamp.iso(), stamp.precision) == ("2022-01-05T11:02:00+00:00", "minute")


@pytest.mark.parametrize("raw", ["Posted at 11:02", "Updated at 11:02 a.m."])
def test_a_time_of_day_alone(raw):
    stamp = parse(raw)
    assert stamp.value is None
    assert (stamp.precision, stamp.time_of_day) == ("time", "11:02")


@pytest.mark.parametrize("raw", [
    "32/13/2022", "2022-02-30", "9999-01-01", "0000-01-01", "0001-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",  # the epoch: a placeholder, not a date
    "01/05/2022",  # January 5 or May 1: nobody can tell
    "yesterday", "2 hours ago", "we met on Wednesday", "", "   ", "n/a",
])
def test_impossible_ambiguous_or_relative_strings_give_nothing(raw):
    assert parse(raw) is None


def test_a_date_more_than_a_day_in_the_future_is_rejected():
    assert parse("2023-06-05T00:00:00Z") is None
    assert parse("2023-06-02T06:00:00Z") is not None  # within a day: clocks and zones differ


# ----------------------------------------------------------------- resolve_published

def test_the_first_usable_candidate_wins():
    stamp = published(("not a date", "meta"), ("2022-01-16T11:02:00-05:00", "json-ld"),
                      ("2022-01-17", "url"))
    assert (stamp.iso(), stamp.source) == ("2022-01-16T11:02:00-05:00", "json-ld")


def test_modified_candidates_are_not_publication_dates():
    stamp = published(("2022-01-20T00:00:00Z", "meta", "modified"), ("2022-01-16", "url"))
    assert stamp.value.date().isoformat() == "2022-01-16"
    assert resolve_updated([DateCandidate("2022-01-20T00:00:00Z", "meta", "modified")],
                           now=NOW).iso() == "2022-01-20T00:00:00+00:00"


def test_no_date_says_so_and_never_uses_the_time_of_ingest():
    stamp = published()
    assert stamp.value is None
    assert stamp.reason == NO_DATE_REASON
    assert published(("Read more", "text")).reason == NO_DATE_REASON


def test_only_future_dates_are_rejected_with_a_reason():
    stamp = published(("2031-01-01T00:00:00Z", "meta"))
    assert stamp.value is None
    assert "future" in stamp.reason


def test_naive_candidates_are_read_in_tz():
    stamp = published(("2022-01-16T11:02", "meta"), tz="Europe/Paris")
    assert stamp.iso() == "2022-01-16T11:02:00+01:00"


def test_a_day_takes_its_time_from_a_posted_at_line():
    stamp = published(("2022-01-16", "meta"), ("Posted at 11:02", "text"))
    assert (stamp.iso(), stamp.precision, stamp.source) == ("2022-01-16T11:02:00+00:00", "minute", "meta")
    assert stamp.raw == "2022-01-16 + Posted at 11:02"


def test_a_year_gives_way_to_a_day_inside_it():
    stamp = published(("2017", "meta"), ("Published: 30 January 2017", "text"))
    assert stamp.value.date().isoformat() == "2017-01-30"


def test_a_time_of_day_alone_is_not_a_publication_date():
    stamp = published(("Posted at 11:02", "text"))
    assert stamp.value is None
    assert stamp.time_of_day == "11:02"
    assert "only a time of day" in stamp.reason


def test_the_override_wins():
    stamp = published(("2022-01-10T08:00:00Z", "json-ld"), override="2022-01-16T11:02", tz="Europe/Paris")
    assert (stamp.iso(), stamp.source, stamp.precision) == ("2022-01-16T11:02:00+01:00", "upload", "minute")


def test_an_override_day_is_combined_with_a_time_of_day_from_the_file():
    stamp = published(("Posted at 11:02", "text"), override="2022-01-16", tz="+01:00")
    assert (stamp.iso(), stamp.source, stamp.precision) == ("2022-01-16T11:02:00+01:00", "upload", "minute")
    assert stamp.raw == "2022-01-16 + Posted at 11:02"


def test_an_override_day_keeps_the_file_time_on_that_same_day():
    stamp = published(("2022-01-16T11:02:00-05:00", "json-ld"), override="2022-01-16")
    assert (stamp.iso(), stamp.source) == ("2022-01-16T11:02:00-05:00", "upload")


def test_an_override_day_alone():
    stamp = published(override="2022-01-16")
    assert (stamp.iso(), stamp.source, stamp.precision) == ("2022-01-16T00:00:00+00:00", "upload", "day")


def test_an_unreadable_override_is_the_users_error():
    with pytest.raises(ValueError, match="could not read"):
        published(override="sometime last week")


# ----------------------------------------------------------------- rules for conflicting evidence

def test_the_byline_breaks_a_tie_between_metadata_claims():
    stamp = published(("2020-01-03T09:48:24Z", "json-ld"), ("2020-01-06T09:22:36Z", "meta"),
                      ("Monday, 6 January 2020", "text"))
    assert stamp.value.date().isoformat() == "2020-01-06"


def test_a_dated_url_well_before_the_metadata_wins():
    # metadata rewritten by a site migration two years later
    stamp = published(("2019-06-17T18:28:00+02:00", "json-ld"), ("2017-07-12", "url"))
    assert (stamp.value.date().isoformat(), stamp.source) == ("2017-07-12", "url")


def test_a_dated_url_a_day_off_is_only_a_time_zone():
    stamp = published(("2020-02-25T02:25:54Z", "json-ld"), ("2020-02-24", "url"))
    assert stamp.source == "json-ld"


def test_the_bylines_wall_time_gives_the_pages_offset():
    stamp = published(("2020-02-25T02:25:54Z", "json-ld"), ("February 24, 2020 | 9:25pm", "text"))
    assert stamp.iso() == "2020-02-24T21:25:54-05:00"
    assert stamp.utc_iso() == "2020-02-25T02:25:54Z"


def test_a_byline_before_metadata_rewritten_at_the_update():
    stamp = published(("2020-01-20T09:49:32+00:00", "meta"),
                      ("2020-01-20T09:49:32+00:00", "meta", "modified"),
                      ("January 19, 2020 / 12:25 PM", "text"))
    assert stamp.value.date().isoformat() == "2020-01-19"
    assert stamp.source == "text"


def test_resolve_updated_uses_update_lines():
    stamp = resolve_updated([DateCandidate("Posted on Jan. 5, 2022", "text"),
                             DateCandidate("Updated Jan. 6, 2022 at 9:15 a.m. ET", "text", "modified")],
                            now=NOW)
    assert stamp.iso() == "2022-01-06T09:15:00-05:00"


def test_resolve_updated_with_nothing():
    assert resolve_updated([], now=NOW).reason == "no update time found in the file"


def test_a_whole_page_guess_on_the_day_of_the_last_update_is_not_the_publication():
    found = published(("2021-03-04", "htmldate"),
                      ("This page was last modified on 4 March 2021", "text", "wiki-edit"))
    assert found.value is None
    assert found.reason.startswith(NO_DATE_REASON)
    assert "last update ('This page was last modified on 4 March 2021'" in found.reason
    # on a page that is no wiki that update is the one revision: the guess is still not the source
    found = published(("2021-03-04", "htmldate"),
                      ("This page was last modified on 4 March 2021", "text", "modified"))
    assert (found.value.date().isoformat(), found.source) == ("2021-03-04", "text")


def test_a_whole_page_guess_on_another_day_than_the_update_stands():
    found = published(("2021-02-01", "htmldate"), ("Updated 4 March 2021", "text", "modified"))
    assert (found.value.date().isoformat(), found.source) == ("2021-02-01", "htmldate")


def test_a_page_claim_on_the_update_day_stands():
    # published and updated on the same day: the page says so itself, no guess involved
    found = published(("2021-03-04T08:00:00Z", "meta"), ("2021-03-04T17:00:00Z", "meta", "modified"))
    assert found.iso() == "2021-03-04T08:00:00+00:00"
