"""Dates as the source wrote them, snippet marks, slugs and the histogram's bars."""
from __future__ import annotations

from index.search import FacetValue
from web import histogram
from web.formatting import date_provenance, human_size, marked, published_text, short_date, slugify, web_url


def row(published=None, precision=None, source=None, raw=None, time_of_day=None, reason=None) -> dict:
    return {"published": published, "published_precision": precision, "published_source": source,
            "published_raw": raw, "published_time_of_day": time_of_day, "published_reason": reason}


def test_dates_read_at_the_precision_the_source_gave():
    assert published_text(row("2022-01-16T11:02:00+01:00", "minute")) == "16 January 2022, 11:02 (UTC+01:00)"
    assert published_text(row("2022-01-16T11:02:07+00:00", "second")) == "16 January 2022, 11:02:07 (UTC)"
    assert published_text(row("2022-02-03T09:00:00-05:00", "minute")) == "3 February 2022, 09:00 (UTC-05:00)"
    assert published_text(row("2022-01-16T00:00:00+00:00", "day")) == "16 January 2022"
    assert published_text(row("2022-01-01T00:00:00+00:00", "month")) == "January 2022"
    assert published_text(row("2022-01-01T00:00:00+00:00", "year")) == "2022"
    assert published_text(row(None, "time", raw="Posted at 11:02", time_of_day="11:02")) == \
        "Posted at 11:02, date unknown"
    assert published_text(row(None, "time", raw="x" * 80 + " 11:02", time_of_day="11:02")) == "At 11:02, date unknown"
    assert published_text(row()) == "date unknown"
    assert published_text(row("not a date", "minute")) == "date unknown"
    assert short_date(row("2022-01-16T23:30:00-05:00", "minute")) == "2022-01-16"  # the source's own day


def test_where_a_date_came_from():
    assert date_provenance(row(source="text", raw="Posted at 11:02")) == "from the text: Posted at 11:02"
    assert date_provenance(row(source="json-ld", raw="2022-01-16T11:02:00+01:00")) == \
        "from the page's JSON-LD: 2022-01-16T11:02:00+01:00"
    assert date_provenance(row(source="upload")) == "given when the file was uploaded"
    assert date_provenance(row(reason="no publication date found")) == "no publication date found"


def test_snippets_are_escaped_before_their_marks_become_elements():
    assert marked("a \ue000<b>\ue001 & c") == "a <mark>&lt;b&gt;</mark> &amp; c"
    assert marked("cut \ue000off") == "cut <mark>off</mark>"
    assert marked("stray\ue001 end") == "stray end"
    assert marked(None) == ""


def test_slugs():
    assert slugify("Dmitry Peskov") == "dmitry-peskov"
    assert slugify("Sergueï Lavrov") == "serguei-lavrov"
    assert slugify("  O'Brien, Jr.  ") == "o-brien-jr"
    assert slugify("Владимир Путин") == "владимир-путин"
    assert slugify("!!!") == "unnamed"


def test_only_web_addresses_become_links():
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url("javascript:alert(1)") is None
    assert web_url("  data:text/html,x") is None
    assert web_url(None) is None


def test_sizes():
    assert human_size(200 * 1024 * 1024) == "200 MB"
    assert human_size(1536 * 1024) == "1.5 MB"
    assert human_size(64 * 1024) == "64 KB"
    assert human_size(900) == "900 bytes"


def test_histogram_bars_fill_empty_months_and_mark_the_range():
    bars = histogram.bars([FacetValue("2021-11", 2), FacetValue("2022-02", 5)], "2021-12", "2022-01")
    assert [(b.key, b.count, b.selected) for b in bars] == [
        ("2021-11", 2, False), ("2021-12", 0, True), ("2022-01", 0, True), ("2022-02", 5, False)]
    assert bars[0].label == "November 2021"


def test_histogram_turns_to_years_over_a_long_span():
    bars = histogram.bars([FacetValue("2001-05", 1), FacetValue("2020-01", 3), FacetValue("2020-07", 1)])
    assert len(bars) == 20 and bars[0].key == "2001" and bars[-1].count == 4


def test_histogram_svg_links_each_bar_and_escapes():
    svg = histogram.svg(histogram.bars([FacetValue("2022-01", 1)]), lambda key: f"/?from={key}&to={key}")
    assert svg.startswith('<svg class="histogram"') and 'href="/?from=2022-01&amp;to=2022-01"' in svg
    assert "<title>January 2022: 1 result</title>" in svg
    assert histogram.svg([], str) == ""
    assert histogram.bars([FacetValue("garbage", 3), FacetValue("2022-13", 1)]) == []


def test_a_date_taken_with_a_caveat_says_so_beside_its_source():
    from archive.dates.arbitration import ONLY_REVISION_REASON

    only_revision = row("2017-08-09T00:00:00+00:00", "day", "text", "Date of Last Revision: August 9, 2017",
                        reason=ONLY_REVISION_REASON)
    assert date_provenance(only_revision) == (f"from the text: Date of Last Revision: August 9, 2017 "
                                              f"({ONLY_REVISION_REASON})")
    assert date_provenance(row("2017-08-09T00:00:00+00:00", "day", "text", "9 August 2017")) \
        == "from the text: 9 August 2017"
