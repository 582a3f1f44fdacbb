"""A file that gives only its last revision date: published on that date, said so; a wiki's
last edit dates no content (hand-written pages)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from archive.model import DateCandidate
from archive.normalize import normalize
from archive.readers.html import read_html
from archive.timestamps import NO_DATE_REASON, resolve_published, resolve_updated

NOW = datetime(2023, 6, 1, 12, 0, tzinfo=timezone.utc)
BODY = (b"<p>The harbour board sets out the rules for moorings, fees and the winter closing of the "
        b"north quay, and how boat owners may appeal a decision of the harbour master.</p>")


def published(*candidates, **options):
    return resolve_published([DateCandidate(*c) for c in candidates], now=NOW, **options)


def page(head: bytes = b"", note: bytes = b"") -> bytes:
    return (b"<html><head><title>Mooring rules</title>" + head + b"</head><body><h1>Mooring rules</h1>"
            + BODY + note + b"</body></html>")


# ----------------------------------------------------------------- arbitration

def test_the_one_revision_date_is_the_publication_of_the_version_kept():
    stamp = published(("Date of Last Revision: May 2, 2019", "text", "modified"))
    assert stamp.value.date() == date(2019, 5, 2)
    assert (stamp.source, stamp.raw) == ("text", "Date of Last Revision: May 2, 2019")
    assert "only its last revision date" in stamp.reason and "earlier" in stamp.reason


def test_a_metadata_modified_date_alone_is_taken_too():
    stamp = published(("2019-05-02T10:00:00+02:00", "json-ld", "modified"))
    assert (stamp.iso(), stamp.source) == ("2019-05-02T10:00:00+02:00", "json-ld")
    assert stamp.reason


def test_the_same_revision_given_twice_is_one_revision():
    stamp = published(("2019-05-02T10:00:00+02:00", "json-ld", "modified"),
                      ("Updated 2 May 2019", "text", "modified"))
    assert stamp.iso() == "2019-05-02T10:00:00+02:00"


def test_updates_naming_different_days_are_no_one_revision():
    stamp = published(("2019-05-02T10:00:00+02:00", "json-ld", "modified"),
                      ("Updated 9 June 2020", "text", "modified"))
    assert stamp.value is None and stamp.reason.startswith(NO_DATE_REASON)


def test_a_sitemaps_lastmod_alone_is_no_revision_of_the_page():
    assert published(("2024-01-01", "sitemap", "modified")).value is None
    stamp = published(("2024-01-01", "sitemap", "modified"), ("Updated 2 May 2019", "text", "modified"))
    assert stamp.value.date() == date(2019, 5, 2)


def test_a_stated_publication_date_that_cannot_be_used_keeps_the_revision_out():
    # the file does state a publication date (here an impossible one): the revision is not it
    stamp = published(("31 February 2019", "meta"), ("Updated 2 May 2019", "text", "modified"))
    assert stamp.value is None


def test_a_publication_date_wins_over_the_revision():
    stamp = published(("2018-01-10", "meta"), ("Updated 2 May 2019", "text", "modified"))
    assert stamp.value.date() == date(2018, 1, 10) and stamp.reason is None


def test_the_users_date_still_wins():
    stamp = published(("Updated 2 May 2019", "text", "modified"), override="2019-04-30")
    assert (stamp.value.date(), stamp.source) == (date(2019, 4, 30), "upload")


def test_a_wikis_last_edit_is_only_the_update():
    candidates = [DateCandidate("This page was last edited on 4 March 2021", "text", "wiki-edit"),
                  DateCandidate("2021-03-04", "htmldate")]
    stamp = resolve_published(candidates, now=NOW)
    assert stamp.value is None and "wiki" in stamp.reason
    assert resolve_updated(candidates, now=NOW).value.date() == date(2021, 3, 4)


# ----------------------------------------------------------------- the HTML reader

def test_a_terms_page_is_published_on_its_revision_date_and_the_article_says_why():
    article = normalize(read_html(page(note=b"<p>Date of Last Revision: August 9, 2017</p>")))
    shown = article.to_dict()
    assert shown["published"].startswith("2017-08-09") and shown["published_source"] == "text"
    assert shown["published_raw"] == "Date of Last Revision: August 9, 2017"
    assert "only its last revision date" in shown["published_reason"]
    assert shown["updated"].startswith("2017-08-09")


def test_a_last_modified_footer_of_a_site_page_is_its_revision():
    draft = read_html(page(note=b"<footer><p>This page was last modified on 4 March 2021.</p></footer>"))
    assert [c.kind for c in draft.date_candidates if c.source == "text"] == ["modified"]
    assert resolve_published(draft.date_candidates, now=NOW).value.date() == date(2021, 3, 4)


def test_a_mediawiki_page_keeps_its_last_edit_as_the_update_only():
    draft = read_html(page(head=b'<meta name="generator" content="MediaWiki 1.35.0">',
                           note=b"<footer><p>This page was last modified on 4 March 2021.</p></footer>"))
    assert [c.kind for c in draft.date_candidates if c.source == "text"] == ["wiki-edit"]
    assert resolve_published(draft.date_candidates, now=NOW).value is None
    assert resolve_updated(draft.date_candidates, now=NOW).value.date() == date(2021, 3, 4)


def test_wiki_wording_marks_a_wiki_without_a_generator():
    for note in (b"<div>This page was last edited on 4 March 2021, at 10:15 (UTC).</div>",
                 b'<div id="page-info">page revision: 7, last edited: 4 Mar 2021 10:15</div>'):
        draft = read_html(page(note=note))
        assert [c.kind for c in draft.date_candidates if c.source == "text"] == ["wiki-edit"], note
        assert resolve_published(draft.date_candidates, now=NOW).value is None, note
