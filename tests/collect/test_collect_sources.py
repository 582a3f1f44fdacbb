"""Collecting feeds, sitemaps and pages into a real archive: which entries are taken, from
the feed or from their page, with which URL and date; what is refused and why."""
from __future__ import annotations

import gzip
import json

STORY = ("“We will not give in,” said Maria Lopez, the mayor of Springfield, on Tuesday. The council "
         "met for three hours to discuss the budget and the new bridge over the river.")


def page(title: str, *, published: str | None = None, canonical: str | None = None, extra: str = "") -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<html><head><title>{title}</title>{meta}{link}</head><body><article><h1>{title}</h1>"
            f"<p>{STORY} {extra}</p><p>Residents of {title} gathered outside the hall.</p></article></body></html>")


def rss(site, items: list[str], title: str = "Springfield News") -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            + "".join(items) + "</channel></rss>")


def link_item(site, path: str, title: str, date: str | None = None) -> str:
    when = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title><link>{site.url}{path}</link>{when}</item>"


def test_link_only_items_are_fetched_from_their_pages(site, collector, archive_store):
    site.put("/a", page("Bridge vote", published="2024-03-02T10:00:00Z"))
    site.put("/b", page("Budget talks"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote"),
                                 link_item(site, "/b", "Budget talks", "Sat, 02 Mar 2024 09:00:00 GMT")]),
             content_type="application/rss+xml")
    outcome = collector.fetch(site.url + "/feed")
    assert outcome.kind == "feed" and [r.status for r in outcome.reports] == ["added", "added"]
    first, second = archive_store.get_many([r.article_id for r in outcome.reports])
    assert first.url == site.url + "/a" and first.published.source == "meta"
    # The page gives no date: the feed's is used, and says where it came from.
    assert second.published.source == "feed" and second.published.iso().startswith("2024-03-02T09:00")


def test_the_feed_date_never_wins_over_the_pages_own(site, collector, archive_store):
    site.put("/a", page("Bridge vote", published="2024-03-02T10:00:00Z"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote", "Mon, 01 Jan 2024 00:00:00 GMT")]))
    outcome = collector.fetch(site.url + "/feed")
    article = archive_store.get_many([outcome.reports[0].article_id])[0]
    assert article.published.source == "meta" and article.published.iso().startswith("2024-03-02")


def test_full_content_items_are_taken_from_the_feed_without_fetching_pages(site, collector, archive_store):
    body = "<p>" + STORY * 4 + "</p>"
    site.put("/feed", f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>
      <entry><title>Full story</title><link href="{site.url}/full"/><published>2024-05-01T08:00:00Z</published>
      <content type="html">{body.replace('<', '&lt;')}</content></entry></feed>""", content_type="application/atom+xml")
    outcome = collector.fetch(site.url + "/feed")
    assert [r.status for r in outcome.reports] == ["added"]
    assert "/full" not in site.paths()
    article = archive_store.get_many([outcome.reports[0].article_id])[0]
    assert article.url == site.url + "/full" and article.source == "Gazette"
    assert article.published.source == "feed" and "Maria Lopez" in article.body


def test_a_json_feed_is_read(site, collector, archive_store):
    site.put("/a", page("Bridge vote"))
    site.put("/feed.json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
        "items": [{"id": "1", "url": site.url + "/a", "title": "Bridge vote", "summary": "short",
                   "date_published": "2024-04-04T12:00:00+02:00"}]}), content_type="application/feed+json")
    outcome = collector.fetch(site.url + "/feed.json")
    assert outcome.kind == "feed" and outcome.reports[0].status == "added"
    article = archive_store.get_many([outcome.reports[0].article_id])[0]
    assert article.published.iso() == "2024-04-04T12:00:00+02:00" and article.published.source == "feed"


def test_a_news_sitemap_gives_its_publication_date_and_name(site, collector, archive_store):
    site.put("/a", page("Bridge vote"))
    site.put("/sitemap.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
              xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>{site.url}/a</loc><news:news><news:publication><news:name>The Springfield Post</news:name>
          <news:language>en</news:language></news:publication>
          <news:publication_date>2024-06-01T07:30:00+01:00</news:publication_date>
          <news:title>Bridge vote</news:title></news:news></url>
      </urlset>""", content_type="application/xml")
    outcome = collector.fetch(site.url + "/sitemap.xml")
    assert outcome.kind == "sitemap" and outcome.reports[0].status == "added"
    article = archive_store.get_many([outcome.reports[0].article_id])[0]
    assert article.published.source == "sitemap" and article.published.iso() == "2024-06-01T07:30:00+01:00"


def test_a_sitemap_index_leads_to_its_sitemaps(site, collector):
    site.put("/a", page("Bridge vote"))
    site.put("/b", page("Budget talks"))
    for name, path in (("one", "/a"), ("two", "/b")):
        site.put(f"/{name}.xml", f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                 f'<url><loc>{site.url}{path}</loc><lastmod>2024-01-01</lastmod></url></urlset>',
                 content_type="application/xml")
    site.put("/index.xml", '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                           f'<sitemap><loc>{site.url}/one.xml</loc></sitemap>'
                           f'<sitemap><loc>{site.url}/two.xml</loc></sitemap></sitemapindex>',
             content_type="application/xml")
    outcome = collector.fetch(site.url + "/index.xml")
    assert outcome.kind == "sitemap-index" and sorted(r.file for r in outcome.reports) == [site.url + "/a",
                                                                                          site.url + "/b"]


def test_a_gzipped_sitemap_file_is_read_and_its_bomb_stopped(site, collector):
    site.put("/a", page("Bridge vote"))
    sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f'<url><loc>{site.url}/a</loc></url></urlset>').encode()
    site.put("/sitemap.xml.gz", gzip.compress(sitemap), content_type="application/gzip")
    outcome = collector.fetch(site.url + "/sitemap.xml.gz")
    assert outcome.kind == "sitemap" and [r.status for r in outcome.reports] == ["added"]
    collector.settings.max_bytes = 100_000
    site.put("/bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * 10_000_000), content_type="application/gzip")
    assert "larger than the limit" in collector.fetch(site.url + "/bomb.xml.gz").error


def test_a_single_page_is_stored_under_its_url_without_tracking_parameters(site, collector, archive_store):
    site.put("/story?id=7&utm_source=twitter&fbclid=abc", page("Bridge vote"))
    outcome = collector.fetch(site.url + "/story?id=7&utm_source=twitter&fbclid=abc")
    assert outcome.kind == "page" and outcome.reports[0].status == "added"
    assert archive_store.get_many([outcome.reports[0].article_id])[0].url == site.url + "/story?id=7"


def test_the_canonical_url_makes_two_addresses_one_article(site, collector):
    site.put("/a", page("Bridge vote", canonical=site.url + "/story"))
    site.put("/amp/a", page("Bridge vote", canonical=site.url + "/story", extra="(AMP edition)"))
    first = collector.fetch(site.url + "/a").reports[0]
    second = collector.fetch(site.url + "/amp/a").reports[0]
    assert (first.status, second.status) == ("added", "updated")
    assert first.article_id == second.article_id


def test_new_content_at_a_known_url_is_a_new_version_and_the_same_is_a_duplicate(site, collector):
    site.put("/a", page("Bridge vote"))
    assert collector.fetch(site.url + "/a").reports[0].status == "added"
    site.put("/a", page("Bridge vote", extra="Updated with the council's decision."))
    assert collector.fetch(site.url + "/a").reports[0].status == "updated"
    assert collector.fetch(site.url + "/a").reports[0].status == "duplicate"


def test_an_unchanged_feed_costs_one_304_and_no_page_is_fetched_again(site, collector):
    site.put("/a", page("Bridge vote"), ETag='"a1"')
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote")]), ETag='"f1"')
    collector.fetch(site.url + "/feed")
    before = len(site.requests)
    outcome = collector.fetch(site.url + "/feed")
    assert outcome.status == "not modified" and outcome.reports == []
    assert site.paths()[before:] == ["/feed"]


def test_a_feed_behind_a_redirect_costs_a_304_too(site, collector):
    site.put("/old-feed", "", status=301, Location="/feed")
    site.put("/feed", rss(site, []), ETag='"f1"')
    collector.fetch(site.url + "/old-feed")
    assert collector.fetch(site.url + "/old-feed").status == "not modified"
    assert site.requests[-1][1].get("If-None-Match") == '"f1"'


def test_a_changed_feed_fetches_only_its_new_entries(site, collector):
    site.put("/a", page("Bridge vote"))
    site.put("/b", page("Budget talks"))
    site.put("/feed", rss(site, [link_item(site, "/a", "Bridge vote")]))
    collector.fetch(site.url + "/feed")
    site.put("/feed", rss(site, [link_item(site, "/b", "Budget talks"), link_item(site, "/a", "Bridge vote")]))
    before = len(site.requests)
    outcome = collector.fetch(site.url + "/feed")
    assert [r.file for r in outcome.reports] == [site.url + "/b"]
    assert site.paths()[before:] == ["/feed", "/b"]


def test_a_feed_of_ten_thousand_items_is_taken_a_bounded_number_per_poll(site, collector):
    collector.max_new = 3
    for n in range(3):
        site.put(f"/p{n}", page(f"Story {n}"))
    items = [link_item(site, f"/p{n}", f"Story {n}") for n in range(10_000)]
    site.put("/feed", rss(site, items), ETag='"big"')
    outcome = collector.fetch(site.url + "/feed")
    assert len(outcome.reports) == 3 and outcome.pending == 9_997
    assert "9997 more at the next poll" in outcome.summary()
    # Not all taken: the feed is read again next time rather than answered 304.
    assert collector.state.validators(site.url + "/feed") == (None, None)


def test_a_page_behind_a_failing_link_is_tried_again_at_the_next_poll(site, collector):
    site.put("/feed", rss(site, [link_item(site, "/flaky", "Flaky")]), ETag='"f1"')
    site.put("/flaky", "down", status=503)
    first = collector.fetch(site.url + "/feed")
    assert first.reports[0].status == "failed" and "503" in first.reports[0].reason
    site.put("/flaky", page("Flaky"))
    second = collector.fetch(site.url + "/feed")
    assert second.reports[0].status == "added"


def test_broken_xml_fails_the_feed_with_the_reason(site, collector):
    site.put("/feed", '<?xml version="1.0"?><rss><channel><item><title>Oops</item></rss>',
             content_type="application/rss+xml")
    outcome = collector.fetch(site.url + "/feed")
    assert outcome.status == "failed" and "not well-formed XML" in outcome.error


def test_a_feed_declaring_entities_is_refused(site, collector):
    site.put("/feed", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                      '<rss><channel><item><title>&b;</title><link>http://x/</link></item></channel></rss>',
             content_type="application/rss+xml")
    outcome = collector.fetch(site.url + "/feed")
    assert outcome.status == "failed" and "declares XML entities" in outcome.error


def test_what_is_neither_page_feed_nor_sitemap_is_refused_by_its_type(site, collector):
    site.put("/photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, content_type="image/jpeg")
    outcome = collector.fetch(site.url + "/photo.jpg")
    assert outcome.status == "failed" and "not a page, a feed or a sitemap" in outcome.error
    site.put("/config.xml", '<?xml version="1.0"?><config><a/></config>', content_type="application/xml")
    assert "neither a feed nor a sitemap" in collector.fetch(site.url + "/config.xml").error


def test_a_page_robots_txt_forbids_is_reported_and_not_fetched(site, collector):
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.put("/private/a", page("Secret"))
    site.put("/feed", rss(site, [link_item(site, "/private/a", "Secret")]))
    outcome = collector.fetch(site.url + "/feed")
    assert outcome.reports[0].status == "failed" and "robots.txt" in outcome.reports[0].reason
    assert "/private/a" not in site.paths()


def test_an_empty_page_is_a_failed_entry_and_the_others_are_stored(site, collector):
    site.put("/a", page("Bridge vote"))
    site.put("/empty", "<html><body></body></html>")
    site.put("/feed", rss(site, [link_item(site, "/empty", "Empty"), link_item(site, "/a", "Bridge vote")]))
    outcome = collector.fetch(site.url + "/feed")
    assert [r.status for r in outcome.reports] == ["failed", "added"]
