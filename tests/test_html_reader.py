"""read_html: a saved page in, a Draft with text and raw date evidence out."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.readers import ReadError
from archive.readers.html import language_code, read_html, strip_site_name
from archive.readers.html_dates import as_precise_as_written, url_date
from archive.timestamps import resolve_published, resolve_updated

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def read_fixture(name: str):
    return read_html((FIXTURES / name).read_bytes())


def published_of(draft):
    return resolve_published(draft.date_candidates, languages=(draft.language or "en", "en"))


def test_json_ld_date_comes_before_a_different_meta_date():
    draft = read_fixture("jsonld_and_meta.html")
    assert [(c.source, c.kind) for c in draft.date_candidates][:2] == [
        ("json-ld", "published"), ("json-ld", "modified")]
    published = published_of(draft)
    assert published.iso() == "2022-01-16T11:02:00-05:00"
    assert published.source == "json-ld"
    assert resolve_updated(draft.date_candidates).iso() == "2022-01-16T15:30:00-05:00"


def test_metadata_of_a_well_marked_page():
    draft = read_fixture("jsonld_and_meta.html")
    assert draft.format == "html"
    assert draft.title == "Harbour bridge to close for repairs"
    assert draft.url == "https://gazette.example/news/harbour-bridge-repairs"
    assert draft.source == "The Example Gazette"
    assert draft.authors == ["Ada Lovelace", "Charles Babbage"]
    assert draft.language == "en"
    assert draft.paragraphs[0].startswith("The harbour bridge will close")
    assert any("Mira Okafor" in p for p in draft.paragraphs)


def test_only_article_published_time():
    draft = read_fixture("meta_only.html")
    published = published_of(draft)
    assert (published.iso(), published.source) == ("2021-11-03T08:15:00+01:00", "meta")


def test_only_a_time_element_in_the_article_header():
    draft = read_fixture("time_only.html")
    published = published_of(draft)
    assert published.iso() == "2020-09-14T16:45:00+02:00"
    assert published.source == "time"
    assert draft.title == "Orchard harvest breaks record"  # " - Valley Times" removed
    assert draft.source == "Valley Times"


def test_only_a_date_in_the_canonical_url():
    draft = read_fixture("url_only.html")
    published = published_of(draft)
    assert published.value.date().isoformat() == "2021-03-04"
    assert (published.source, published.precision) == ("url", "day")


def test_dateline_text_with_an_update_line():
    draft = read_fixture("dateline_text.html")
    published = published_of(draft)
    assert published.iso() == "2022-01-05T15:14:00-05:00"
    assert (published.source, published.precision) == ("text", "minute")
    updated = resolve_updated(draft.date_candidates)
    assert updated.value is None and updated.time_of_day == "17:40"


def test_navigation_ads_comments_scripts_and_styles_stay_out_of_the_text():
    draft = read_fixture("boilerplate.html")
    text = "\n".join(draft.paragraphs)
    assert draft.title == "Council approves new park"
    assert draft.paragraphs[0].startswith("The town council voted on Tuesday")
    assert "councillor Tom Reyes" in text
    for unwanted in ("Sign in", "Advertisement", "Share this", "Most read", "COMMENT TEXT",
                     "Copyright", "SCRIPT TEXT", "STYLE TEXT", "tracking"):
        assert unwanted not in text


def test_windows_1252_page_with_declared_charset():
    draft = read_fixture("cp1252.html")
    assert draft.title == "Le café du port rouvre ses portes"
    assert "« C’est un soulagement »" in draft.paragraphs[0]
    assert "Élodie Marchand" in draft.paragraphs[0]
    assert draft.language == "fr"


def test_a_page_without_text_is_not_an_article():
    with pytest.raises(ReadError, match="not an article"):
        read_fixture("not_article.html")


@pytest.mark.parametrize("data", [
    b"",
    b"   \n ",
    b"\x00\x01\x02 binary-ish \xff\xfe",
    b"<html><body><div><div><p>unclosed",
    b"<" * 10_000,
    b"<html>" + b"<div>" * 5_000 + b"deep" + b"</div>" * 5_000 + b"</html>",
    b'<script type="application/ld+json">{"datePublished": </script><p></p>',
    b"<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
])
def test_garbage_raises_only_read_error(data):
    try:
        draft = read_html(data)
    except ReadError:
        return
    assert draft.format == "html"


def long_report(paragraph_count: int) -> bytes:
    paragraphs = b"".join(b"<p>Part %d of a long report that goes on and on. It has a second sentence "
                          b"too.<script>var x = 'SCRIPT';</script></p>\n" % i for i in range(paragraph_count))
    return (b"<html><head><title>Long report</title></head><body><nav><p>Menu</p></nav><article>"
            + paragraphs + b"</article></body></html>")


@pytest.mark.parametrize("paragraph_count", [2_000, 30_000])  # the second is read without trafilatura
def test_a_large_page_is_read(paragraph_count):
    draft = read_html(long_report(paragraph_count))
    assert len(draft.paragraphs) == paragraph_count
    assert draft.paragraphs[0] == "Part 0 of a long report that goes on and on. It has a second sentence too."
    assert not any("SCRIPT" in p or p == "Menu" for p in draft.paragraphs)


def test_line_breaks_after_sentences_separate_paragraphs():
    page = (b"<html><body><article><p>The mayor spoke at noon and did not take questions from the press."
            b"<br><br>She left by the side door,<br>avoiding the crowd outside the hall.</p></article></body></html>")
    assert read_html(page).paragraphs == [
        "The mayor spoke at noon and did not take questions from the press.",
        "She left by the side door, avoiding the crowd outside the hall.",
    ]


def test_a_dateline_set_apart_by_markup_is_the_dateline():
    page = (b"<html><body><article><h1>Talks resume</h1><p>WASHINGTON \xe2\x80\x94</p>"
            b"<p>Negotiators returned to the table on Monday after a week of silence.</p></article></body></html>")
    draft = read_html(page)
    assert draft.dateline == "Washington"
    assert draft.paragraphs == ["Negotiators returned to the table on Monday after a week of silence."]


def test_broken_json_ld_still_gives_its_date():
    page = (b'<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            b'"datePublished": "2018-02-03T04:05:06Z", "headline": "x",}</script></head>'
            b"<body><p>Some article text that is long enough to be kept by the extractor.</p></body></html>")
    draft = read_html(page)
    assert draft.date_candidates[0].raw == "2018-02-03T04:05:06Z"
    assert draft.date_candidates[0].source == "json-ld"


def test_itemprop_of_a_cited_work_is_not_the_page_date():
    page = (b'<html><body><article><h1>Study</h1><p>The findings of the study were clear and well argued.</p>'
            b'<ol><li itemprop="citation" itemscope itemtype="https://schema.org/ScholarlyArticle">'
            b'<meta itemprop="datePublished" content="1988">Old paper</li></ol>'
            b'<meta itemprop="datePublished" content="2017-01-30"></article></body></html>')
    draft = read_html(page)
    raws = [c.raw for c in draft.date_candidates]
    assert "1988" not in raws and "2017-01-30" in raws


@pytest.mark.parametrize("path, expected", [
    ("/2020/02/19/story", "2020-02-19"),
    ("/politics/story/2020-02-19/debate", "2020-02-19"),
    ("/education/2020/jan/20/academics", "2020-01-20"),
    ("/2014/03/warum-wien", "2014-03"),
    ("/articles/318674", None),
])
def test_url_dates(path, expected):
    assert url_date(path) == expected


@pytest.mark.parametrize("title, site, expected", [
    ("Storm hits coast - The Daily Bugle", "The Daily Bugle", "Storm hits coast"),
    ("Storm hits coast | Bugle", None, "Storm hits coast"),
    ("Daily Bugle - Storm hits coast", "Daily Bugle", "Storm hits coast"),
    ("Rock - paper - scissors champion crowned", None, "Rock - paper - scissors champion crowned"),
])
def test_site_name_suffixes_are_removed(title, site, expected):
    assert strip_site_name(title, site) == expected


@pytest.mark.parametrize("value, expected", [
    ("en-US", "en"), ("de_DE", "de"), ("FR", "fr"), ("en, de", "en"), ("english", None), ("", None),
])
def test_language_codes(value, expected):
    assert language_code(value) == expected


ARTICLE_TEXT = b"<p>The council approved the new budget after a long debate about the harbour.</p>"


def test_a_last_modified_note_in_the_footer_is_an_update_not_the_publication():
    page = (b'<html><head><meta name="generator" content="MediaWiki 1.39.1"></head>'
            b"<body><h1>Harbour guide</h1>" + ARTICLE_TEXT
            + b"<footer><ul><li>This page was last modified on 4 March 2021, at 10:15.</li></ul></footer>"
            b"</body></html>")
    draft = read_html(page)
    assert ("This page was last modified on 4 March 2021, at 10:15.", "text", "wiki-edit") in [
        (c.raw, c.source, c.kind) for c in draft.date_candidates]
    published = published_of(draft)
    assert published.value is None
    assert "last update" in published.reason and "4 March 2021" in published.reason
    assert resolve_updated(draft.date_candidates).value.date().isoformat() == "2021-03-04"


def test_an_update_line_that_names_the_original_publication_gives_both():
    page = (b"<html><body><article><h1>Budget passed</h1>"
            b'<div class="post-meta">Last updated 6 Jan 2022, originally published 5 Jan 2022</div>'
            + ARTICLE_TEXT + b"</article></body></html>")
    draft = read_html(page)
    texts = [(c.raw, c.kind) for c in draft.date_candidates if c.source == "text"]
    assert ("originally published 5 Jan 2022", "published") in texts
    assert ("Last updated 6 Jan 2022", "modified") in texts
    assert published_of(draft).value.date().isoformat() == "2022-01-05"


def test_the_upload_date_of_a_video_page_is_its_publication():
    page = (b'<html><head><script type="application/ld+json">{"@type": "VideoObject", "name": "Budget vote",'
            b' "uploadDate": "2021-07-08T09:00:00+02:00"}</script></head><body><h1>Budget vote</h1>'
            + ARTICLE_TEXT + b"</body></html>")
    published = published_of(read_html(page))
    assert (published.iso(), published.source) == ("2021-07-08T09:00:00+02:00", "json-ld")


def test_an_upload_date_of_a_video_inside_an_article_is_not_the_article_date():
    page = (b'<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Vote",'
            b' "datePublished": "2021-07-09", "video": {"@type": "VideoObject", "uploadDate": "2019-01-02"}}'
            b"</script></head><body><h1>Vote</h1>" + ARTICLE_TEXT + b"</body></html>")
    draft = read_html(page)
    assert "2019-01-02" not in [c.raw for c in draft.date_candidates]
    assert published_of(draft).value.date().isoformat() == "2021-07-09"


def test_a_json_ld_date_given_as_a_typed_value():
    page = (b'<html><head><script type="application/ld+json">{"@type": "Article", "headline": "Vote",'
            b' "datePublished": {"@type": "Date", "@value": "2020-05-06"}}</script></head>'
            b"<body><h1>Vote</h1>" + ARTICLE_TEXT + b"</body></html>")
    published = published_of(read_html(page))
    assert (published.value.date().isoformat(), published.source) == ("2020-05-06", "json-ld")


def test_a_date_property_of_the_pages_one_article_item_counts_in_any_box():
    page = (b'<html><body><div class="widget" itemscope itemtype="https://schema.org/BlogPosting">'
            b'<h2 itemprop="headline">Budget passed</h2>' + ARTICLE_TEXT
            + b'<div class="footer"><time itemprop="datePublished" datetime="2020-02-03">3 Feb</time></div>'
            b"</div></body></html>")
    published = published_of(read_html(page))
    assert (published.value.date().isoformat(), published.source) == ("2020-02-03", "time")


def test_dates_in_the_boxes_of_a_page_listing_several_items_stay_out():
    item = (b'<div class="widget" itemscope itemtype="https://schema.org/BlogPosting"><h2>Post</h2>'
            b'<div class="footer"><time itemprop="datePublished" datetime="2020-02-0%d">x</time></div></div>')
    page = (b"<html><body><h1>Budget passed</h1>" + ARTICLE_TEXT + item % 3 + item % 4 + b"</body></html>")
    assert not [c for c in read_html(page).date_candidates if c.source == "time"]


def test_a_time_labelled_published_by_an_icon_is_the_publication():
    page = (b"<html><body><h1>Chapter one</h1>" + ARTICLE_TEXT
            + b'<ul><li><i class="icon-calendar" title="Published"></i> '
              b'<time datetime="2020-08-06T09:09:24Z">Thursday</time></li></ul></body></html>')
    published = published_of(read_html(page))
    assert (published.iso(), published.source) == ("2020-08-06T09:09:24+00:00", "time")


def test_a_german_created_line_is_a_dateline():
    page = (b"<html><body><article><h2>Sieg in Oberhof</h2><p>Der Wettkampf begann bei starkem Wind und "
            b"endete mit einem knappen Ergebnis.</p><small>Erstellt am: 30.01.2022 18:36</small>"
            b"</article></body></html>")
    published = published_of(read_html(page))
    assert (published.value.isoformat(), published.source) == ("2022-01-30T18:36:00+00:00", "text")


def test_a_date_of_last_revision_is_an_update():
    page = (b"<html><body><h1>Terms of service</h1><p>Date of Last Revision: May 2, 2019</p>"
            + ARTICLE_TEXT + b"</body></html>")
    draft = read_html(page)
    assert [(c.raw, c.kind) for c in draft.date_candidates if c.source == "text"] == [
        ("Date of Last Revision: May 2, 2019", "modified")]
    assert resolve_updated(draft.date_candidates).value.date().isoformat() == "2019-05-02"


def test_a_long_sentence_before_a_time_is_not_its_label():
    page = (b"<html><body><h1>Report</h1>" + ARTICLE_TEXT
            + b"<div><p>The report was first published by the council in its annual review.</p>"
              b'<time datetime="2018-04-05">5 April</time></div></body></html>')
    assert not [c for c in read_html(page).date_candidates if c.source == "time"]


def test_a_last_edited_note_under_a_comment_is_not_the_pages_update():
    page = (b"<html><body><h1>Harbour guide</h1>" + ARTICLE_TEXT
            + b'<div class="comments"><p>Nice.</p><span>Last edited on 7 May 2021</span></div></body></html>')
    draft = read_html(page)
    assert not [c for c in draft.date_candidates if c.kind == "modified"]


@pytest.mark.parametrize("name", ["publication-date", "published_date", "DC.date.issued", "citation_publication_date"])
def test_other_publication_meta_names(name):
    page = (b'<html><head><meta name="%s" content="2019-11-12"></head><body><h1>Vote</h1>'
            % name.encode() + ARTICLE_TEXT + b"</body></html>")
    published = published_of(read_html(page))
    assert (published.value.date().isoformat(), published.source) == ("2019-11-12", "meta")


def test_a_byline_under_a_marked_headline_on_a_page_without_h1():
    page = (b'<html><body><div class="post"><h2 class="entry-title">Budget passed</h2>'
            b'<div class="byline">By Ann Lee, March 3rd, 2021</div>' + ARTICLE_TEXT
            + b"</div></body></html>")
    draft = read_html(page)
    assert ("By Ann Lee, March 3rd, 2021", "text") in [(c.raw, c.source) for c in draft.date_candidates]
    assert published_of(draft).value.date().isoformat() == "2021-03-03"


STORY = ("<p>The harbour board met on Thursday evening and agreed to close the old bridge for "
         "repairs. Engineers found cracks in two of the piers last month.</p>"
         "<p>Ferries will run every twenty minutes while the work lasts, the board said.</p>")


def test_htmldate_is_one_voice_even_when_the_page_has_metadata():
    page = ("<html><head><meta property='article:published_time' content='2021-03-04T10:00:00Z'>"
            f"</head><body><article><h1>Bridge to close</h1>{STORY}</article></body></html>")
    draft = read_html(page.encode())
    assert [c.source for c in draft.date_candidates] == ["meta", "htmldate"]


def test_a_german_page_dated_in_utc_is_published_on_its_own_day():
    page = ("<html lang='de'><head><script type='application/ld+json'>"
            '{"@type": "NewsArticle", "datePublished": "2019-10-18T22:04:00Z"}</script></head>'
            "<body><article><h1>Brücke wird gesperrt</h1>"
            "<div class='byline'>19. Oktober 2019 00:04 Uhr</div>"
            "<p>Der Hafenrat hat am Donnerstagabend beschlossen, die alte Brücke für Reparaturen zu "
            "sperren. Ingenieure fanden im vergangenen Monat Risse in zwei Pfeilern.</p>"
            "<p>Die Fähren fahren alle zwanzig Minuten, solange die Arbeiten dauern.</p>"
            "</article></body></html>")
    stamp = published_of(read_html(page.encode()))
    assert stamp.iso() == "2019-10-19T00:04:00+02:00" and stamp.source == "json-ld"


def test_a_table_in_the_article_is_kept_a_row_a_line():
    page = ("<html><body><article><h1>Harbour fees rise</h1>" + STORY +
            "<table><tr><th>Vessel</th><th>Fee before</th><th>Fee now</th></tr>"
            "<tr><td>Ferry</td><td>120</td><td>150</td></tr></table></article></body></html>")
    paragraphs = read_html(page.encode()).paragraphs
    assert "Ferry | 120 | 150" in paragraphs
    assert paragraphs[0].startswith("The harbour board met")


HEADLINES = "".join(f"<li><a href='/news/{n}'>Council votes on harbour budget, part {n}</a></li>" for n in range(12))


def test_an_article_element_holding_only_headlines_does_not_hide_the_story():
    # trafilatura takes the <article>, a list of links; the story's paragraphs are elsewhere.
    page = (f"<html><body><article><h1>Bridge to close</h1><ul>{HEADLINES}</ul></article>"
            f"<div class='story-text'>{STORY}</div></body></html>")
    paragraphs = read_html(page.encode()).paragraphs
    assert paragraphs[0].startswith("The harbour board met") and len(paragraphs) == 2


def test_a_page_of_headlines_is_still_not_an_article():
    page = f"<html><body><main><h1>News</h1><ul>{HEADLINES}</ul></main><p>Follow us.</p></body></html>"
    with pytest.raises(ReadError, match="list of links"):
        read_html(page.encode())


def test_calls_to_subscribe_and_copyright_lines_that_close_the_text_are_left_out():
    page = ("<html><body><article><h1>Bridge to close</h1>" + STORY +
            "<p>Subscribe to our newsletter for the harbour news every morning.</p>"
            "<p>© 2024 The Example Gazette. All rights reserved.</p></article></body></html>")
    paragraphs = read_html(page.encode()).paragraphs
    assert paragraphs[-1].startswith("Ferries will run") and len(paragraphs) == 2


def test_a_story_paragraph_about_subscriptions_stays():
    closing = ("<p>Readers who subscribe to the ferry newsletter will hear of delays first, the board "
               "said, and the harbour office will answer questions by telephone every weekday.</p>")
    page = f"<html><body><article><h1>Bridge to close</h1>{STORY}{closing}</article></body></html>"
    assert read_html(page.encode()).paragraphs[-1].startswith("Readers who subscribe")


@pytest.mark.parametrize("page, expected", [
    ("<footer>© 2020 The Example Gazette</footer>", "2020"),                  # a copyright year
    ("<p>Stand: April 2020</p>", "2020-04"),
    ("<img src='/uploads/2020/04/bridge.jpg'>", "2020-04"),
    ("<p>Veröffentlicht am 1. April 2020</p>", "2020-04-01"),
    ("<p>le 1er avril 2020</p>", "2020-04-01"),
    ("<p>Posted April 1, 2020</p>", "2020-04-01"),
    ("<p>01.04.2020</p>", "2020-04-01"),
])
def test_htmldate_first_of_the_month_is_only_as_precise_as_the_page_writes_it(page, expected):
    assert as_precise_as_written("2020-04-01" if expected != "2020" else "2020-01-01", page) == expected


def test_a_page_dated_only_by_its_copyright_year_has_a_year_not_a_day():
    page = (f"<html><body><article><h1>Bridge to close</h1>{STORY}</article>"
            "<footer>© 2020 The Example Gazette</footer></body></html>")
    stamp = published_of(read_html(page.encode()))
    assert stamp.precision == "year" and stamp.value.year == 2020 and stamp.source == "htmldate"
