"""Languages and charsets on the pages: the article page says what language its text is in
and how its bytes were read; the search sidebar has a language facet that filters."""
from __future__ import annotations

import html
import re

from archive.model import Decoding
from helpers import make_article


def articles():
    french = make_article("Grève des cheminots", "Les cheminots ont voté une nouvelle grève nationale.")
    french.language = "fr"
    french.decoding = Decoding("cp1252", "detected")
    german = make_article("Streik", "Die Gewerkschaft hat den Streik verlängert.")
    german.language = "de"
    german.decoding = Decoding("iso8859_2", "detected", doubt="cp1250 reads these bytes about as well as iso8859_2")
    return [french, german]


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_article_page_shows_the_language_and_how_the_text_was_read(make_client):
    client = make_client(articles())
    french = text_of(client, "/articles/1")
    assert re.search(r'<dd class="language">fr</dd>', french)
    assert "read as cp1252" in french and "(detected)" in french
    assert "Some characters may be wrong" not in french
    german = text_of(client, "/articles/2")
    assert "Some characters may be wrong: cp1250 reads these bytes about as well as iso8859_2" in german
    assert client.get("/api/articles/2").get_json()["encoding_doubt"].startswith("cp1250 reads")


def test_the_language_facet_lists_and_filters(make_client):
    client = make_client(articles())
    everything = text_of(client, "/")
    box = re.search(r'<section class="facet facet-language".*?</section>', everything, re.S)
    assert box, "no language facet"
    links = {html.unescape(value): html.unescape(href) for href, value in
             re.findall(r'<a class="facet-value" href="([^"]+)" data-value="([^"]+)"', box.group(0))}
    assert set(links) == {"fr", "de"}
    only_french = text_of(client, links["fr"])
    assert "Grève des cheminots" in only_french and "Streik" not in only_french
    api = client.get("/api/search?language=de").get_json()
    assert [hit["title"] for hit in api["hits"]] == ["Streik"]
    assert {f["value"] for f in api["facets"]["language"]} == {"fr", "de"}


def test_an_article_in_a_language_no_model_reads_says_it_is_not_attributed(make_client):
    client = make_client(articles())
    german = text_of(client, "/articles/2")
    assert "Speakers and names: not attributed for this language" in german
    assert client.get("/api/articles/2").get_json()["attribution"] == "not attributed for this language"
    assert client.get("/openapi.json").get_json()["components"]["schemas"]["Article"]["properties"]["attribution"]
