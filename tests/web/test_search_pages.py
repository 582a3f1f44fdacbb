"""The article and quote search pages, their facets, their JSON twins and exports."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from urllib.parse import parse_qsl, urlsplit

from werkzeug.datastructures import MultiDict

from archive.model import Entity
from sample_archive import article
from web.facets import SearchState


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def hit_titles(text: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<h3><a href="/articles/\d+">(.*?)</a></h3>', text)]


def facet_links(text: str, facet: str) -> dict[str, str]:
    """value -> href of the facet's value links in the sidebar."""
    box = re.search(rf'<section class="facet facet-{facet}".*?</section>', text, re.S)
    if not box:
        return {}
    return {html.unescape(value): html.unescape(href) for href, value in
            re.findall(r'<a class="facet-value" href="([^"]+)" data-value="([^"]+)"', box.group(0))}


def test_keyword_search_shows_title_source_date_and_marked_snippet(client):
    text = page(client, "/?q=positions")
    assert hit_titles(text) == ["Geneva talks end"]
    assert "Agency" in text
    assert "16 January 2022, 11:02 (UTC+01:00)" in text
    assert "<mark>positions</mark>" in text


def test_an_empty_search_lists_everything_newest_first_with_undated_last(client):
    titles = hit_titles(page(client, "/"))
    assert titles[:3] == ["<script>alert('title')</script> & more", "Sanctions threat", "Geneva talks end"]
    assert titles[-1] == "Cup final"
    assert hit_titles(page(client, "/?sort=oldest"))[0] == "Geneva talks end"


def test_phrases_booleans_and_typed_fields(client):
    assert hit_titles(page(client, '/?q="big mistake"')) == ["Sanctions threat"]
    assert hit_titles(page(client, "/?q=peskov NOT sanctions")) == ["Geneva talks end"]
    assert sorted(hit_titles(page(client, "/?q=speaker:peskov"))) == ["Geneva talks end", "Sanctions threat"]
    assert hit_titles(page(client, "/?q=source:wire")) == ["Sanctions threat"]
    assert hit_titles(page(client, "/?q=place:geneva OR place:moscow&sort=oldest")) == \
        ["Geneva talks end", "Sanctions threat"]


def test_facet_links_narrow_and_their_counts_follow_the_query(client):
    text = page(client, "/")
    speakers = facet_links(text, "speaker")
    assert set(speakers) == {"Dmitry Peskov", "<img src=x onerror=alert(1)>"}
    assert re.search(r'data-value="Dmitry Peskov"[^>]*>Dmitry Peskov</a>\s*<span class="count">2</span>', text)
    narrowed = page(client, speakers["Dmitry Peskov"])
    assert sorted(hit_titles(narrowed)) == ["Geneva talks end", "Sanctions threat"]
    # The place facet now counts only Peskov's articles.
    assert set(facet_links(narrowed, "place")) == {"Geneva", "Moscow", "Washington"}
    # The chosen value is shown as a removable chip that leads back.
    chip = re.search(r'Speaker: Dmitry Peskov\s*<a href="([^"]+)" class="chip-remove"', narrowed)
    assert len(hit_titles(page(client, html.unescape(chip.group(1))))) == 4


def test_several_values_and_exclusions_live_in_the_url(client):
    both = page(client, "/?place=Moscow&place=Washington")
    assert hit_titles(both) == ["Sanctions threat"]
    assert "Place: Moscow" in both and "Place: Washington" in both
    without = page(client, "/?-source=Wire&sort=oldest")
    assert hit_titles(without) == ["Geneva talks end", "<script>alert('title')</script> & more", "Cup final"]
    assert "not Source: Wire" in without
    any_source = page(client, "/?source=Wire&source=Agency&sort=oldest")
    assert hit_titles(any_source) == ["Geneva talks end", "Sanctions threat"]


def test_an_any_of_facet_still_offers_the_other_values_once_one_is_chosen(client):
    text = page(client, "/?source=Wire")
    sources = facet_links(text, "source")
    assert {"Wire", "Agency", "Sports Desk"} <= set(sources)
    assert "source=Agency" in sources["Agency"] and "source=Wire" in sources["Agency"]
    # A chosen value's link removes it.
    assert "source=Wire" not in sources["Wire"]


def test_exclude_links_leave_a_value_out(client):
    text = page(client, "/")
    href = html.unescape(re.search(r'<a class="facet-exclude" href="([^"]+)"[^>]*aria-label="Leave out Moscow"',
                                   text).group(1))
    assert ("-place", "Moscow") in parse_qsl(urlsplit(href).query)
    assert "Sanctions threat" not in hit_titles(page(client, href))


def test_the_date_histogram_is_an_svg_whose_bars_narrow_the_dates(client):
    text = page(client, "/")
    chart = re.search(r'<svg class="histogram".*?</svg>', text, re.S).group(0)
    bars = re.findall(r'<a href="([^"]+)" class="bar[^"]*"><title>([^<]+)</title>', chart)
    assert [title for _, title in bars] == ["January 2022: 1 article", "February 2022: 1 article",
                                           "March 2022: 1 article"]
    january = page(client, html.unescape(bars[0][0]))
    assert hit_titles(january) == ["Geneva talks end"]
    assert "Dates: 2022-01" in january
    # With a range chosen the chart still spans every month, the chosen one marked.
    chart = re.search(r'<svg class="histogram".*?</svg>', january, re.S).group(0)
    assert chart.count('class="bar selected"') == 1 and chart.count('class="bar') == 3


def test_date_range_fields(client):
    assert hit_titles(page(client, "/?from=2022-02&to=2022-02-28")) == ["Sanctions threat"]
    assert hit_titles(page(client, "/?from=2022-01-16&to=2022-01-16")) == ["Geneva talks end"]


def test_more_shows_the_rest_of_a_long_facet(make_client):
    places = [f"Town {i:02d}" for i in range(14)]
    articles = [article(f"Report {i}", f"Report number {i} from {place}.", entities=[Entity(place, "place")])
                for i, place in enumerate(places)]
    client = make_client(articles)
    text = page(client, "/")
    assert len(facet_links(text, "place")) == 10
    more = html.unescape(re.search(r'<section class="facet facet-place".*?<a class="facet-more" href="([^"]+)">more…',
                                   text, re.S).group(1))
    assert ("more", "place") in parse_qsl(urlsplit(more).query)
    expanded = page(client, more)
    assert len(facet_links(expanded, "place")) == 14
    assert ">fewer</a>" in expanded


def test_pages_of_results(make_client):
    articles = [article(f"Bulletin {i:02d}", f"Weather bulletin {i}.", published=f"2021-{1 + i % 12:02d}-01",
                        precision="day") for i in range(45)]
    client = make_client(articles)
    first = page(client, "/?q=bulletin&sort=oldest")
    assert "45 articles" in first and "page 1 of 3" in first
    assert len(hit_titles(first)) == 20
    third = page(client, "/?q=bulletin&sort=oldest&page=3")
    assert len(hit_titles(third)) == 5
    assert 'aria-current="page">3</span>' in third
    # Past the end: a clear note, not an error.
    beyond = page(client, "/?q=bulletin&page=7")
    assert "There are only 3 pages" in beyond


def test_state_round_trips_through_the_url():
    state = SearchState.from_args(MultiDict([
        ("q", "peskov"), ("speaker", "A"), ("speaker", "B"), ("-place", "X"), ("from", "2022"),
        ("to", "2022-03"), ("sort", "oldest"), ("page", "2"), ("more", "person"), ("bogus", "1"),
        ("-bogus", "2"), ("more", "bogus")]))
    assert state.filters == {"speaker": ["A", "B"]} and state.excludes == {"place": ["X"]}
    assert state.more == ("person",)
    again = SearchState.from_args(MultiDict(parse_qsl(state.query_string()[1:])))
    assert again == state
    assert state.adding("person", "C").page == 1
    assert state.removing("speaker", "A").filters == {"speaker": ["B"]}
    assert state.excluding("speaker", "B").excludes == {"place": ["X"], "speaker": ["B"]}


def test_queries_whoosh_cannot_read_get_a_message_and_a_literal_search(client):
    text = page(client, "/?q=mistake date:2022-13-45")
    assert "could not be read" in text and hit_titles(text) == ["Sanctions threat"]
    assert "Nothing searchable" in page(client, "/?q=(((")
    text = page(client, '/?q=big mistake"')
    assert "Sanctions threat" in hit_titles(text)


def test_bad_input_gives_a_message_not_an_error(client):
    assert "dates are written" in page(client, "/?from=16/01/2022", status=400)
    assert "is not a date" in page(client, "/?from=2022-02-31", status=400)
    assert "too long" in page(client, "/?q=" + "word+" * 200, status=400)
    assert "too broad" in page(client, "/quotes?q=a*", status=400)
    for odd in ("page=abc", "page=-4", "page=99999999999999999999", "sort=sideways", "nonsense=1",
                "-nonsense=1", "more=nothing", "speaker=", "q=%00", "month=zzzz"):
        assert client.get(f"/?{odd}").status_code == 200, odd
        assert client.get(f"/quotes?{odd}").status_code == 200, odd


def test_quote_search_shows_quotes_with_their_speakers(client):
    text = page(client, "/quotes?q=mistake")
    assert "<mark>mistake</mark>" in text
    assert re.search(r'<a class="speaker" href="/speakers/dmitry-peskov">Dmitry Peskov</a>, warned', text)
    assert 'href="/articles/2#q0"' in text
    assert "3 February 2022, 09:00 (UTC-05:00)" in text


def test_the_speaker_facet_on_quotes_keeps_only_that_persons_quotes(client):
    everything = page(client, "/quotes")
    assert "3 quotes" in everything
    href = facet_links(everything, "speaker")["Dmitry Peskov"]
    his = page(client, href)
    assert "2 quotes" in his
    assert his.count('<a class="speaker"') == 2 and "Speaker unknown" not in his


def test_json_twins_match_the_api(client):
    for url in ("/search.json?q=peskov", "/?q=peskov&format=json", "/api/search?q=peskov"):
        data = client.get(url).get_json()
        assert data["total"] == 2
        assert set(data["hits"][0]) >= {"id", "title", "published", "source", "snippet", "url"}
        assert set(data["facets"]) == {"speaker", "person", "org", "place", "source", "month", "language"}
    quotes = client.get("/quotes.json?speaker=Dmitry Peskov").get_json()
    assert quotes == client.get("/api/quotes?speaker=Dmitry Peskov").get_json()
    assert {(h["speaker"], h["article_id"]) for h in quotes["hits"]} == {("Dmitry Peskov", 1), ("Dmitry Peskov", 2)}
    assert quotes["facets"]["speaker"][0].items() >= {"value": "Dmitry Peskov", "count": 2}.items()


def test_exports_hold_every_result(make_client):
    articles = [article(f"Bulletin {i:02d}", f"Weather bulletin {i}.", source="=HYPERLINK(\"x\")")
                for i in range(130)]
    client = make_client(articles)
    response = client.get("/search/export.csv?q=bulletin")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 130
    assert rows[0]["source"] == "'=HYPERLINK(\"x\")"  # not run as a formula
    exported = json.loads(client.get("/search/export.json?q=bulletin").get_data(as_text=True))
    assert exported["total"] == exported["exported"] == 130 and not exported["truncated"]
    quotes = client.get("/quotes/export.csv").get_data(as_text=True)
    assert quotes.lstrip("\ufeff").startswith("id,speaker,text")
    assert client.get("/search/export.csv?from=nonsense").status_code == 400


def test_api_facets_stop_at_ten_and_say_when_there_are_more(make_client):
    articles = [article(f"Report {i}", f"Report number {i}.", entities=[Entity(f"Town {i:02d}", "place")])
                for i in range(12)]
    client = make_client(articles)
    data = client.get("/api/search").get_json()
    assert len(data["facets"]["place"]) == 10 and data["facets_with_more"] == ["place"]
    data = client.get("/api/search?more=place").get_json()
    assert len(data["facets"]["place"]) == 12 and data["facets_with_more"] == []


def test_the_sort_menu_sends_no_sort_for_the_default(client):
    browsing = page(client, "/")
    assert '<option value="" selected>newest</option>' in browsing
    assert '<option value="relevance">relevance</option>' in browsing
    searching = page(client, "/?q=peskov&sort=oldest")
    assert '<option value="">relevance</option>' in searching
    assert '<option value="oldest" selected>oldest</option>' in searching


def test_an_empty_archive_says_so(make_client):
    client = make_client([])
    assert "The archive holds no articles yet" in page(client, "/")
    assert "The archive holds no quotes yet" in page(client, "/quotes")
    assert "Nothing found" in page(client, "/?q=anything")
    assert client.get("/speakers").status_code == 200
