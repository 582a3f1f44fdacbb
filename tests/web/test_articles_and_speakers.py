"""The article page, the original file, the speaker pages, and their JSON twins."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from archive.model import Entity, Timestamp
from sample_archive import TALKS, article


def test_the_article_marks_its_quotes_and_links_their_speakers(client):
    text = client.get("/articles/1").get_data(as_text=True)
    assert "<h1>Geneva talks end</h1>" in text
    quote = re.search(r'<mark class="quoted" id="q0"\s+title="Dmitry Peskov">(.*?)</mark>', text, re.S)
    assert quote.group(1) == "We remain on divergent positions,"
    assert '<a class="speaker-tag" href="/speakers/dmitry-peskov">Dmitry Peskov</a>' in text
    # The rest of the body is there, unmarked.
    assert "said Dmitry Peskov. The spokesman added that NATO must listen." in text


def test_the_article_gives_its_date_with_where_it_came_from(client):
    text = client.get("/articles/1").get_data(as_text=True)
    assert '<time datetime="2022-01-16T11:02:00+01:00">16 January 2022, 11:02 (UTC+01:00)</time>' in text
    assert "(from the page&#39;s JSON-LD: 2022-01-16T11:02:00+01:00)" in text
    undated = client.get("/articles/3").get_data(as_text=True)
    assert "date unknown" in undated and "no publication date found" in undated


def test_an_update_time_is_shown_apart_from_the_publication(make_client):
    undated = article("Revised guide", "A guide to the river paths.")
    undated.updated = Timestamp(value=datetime(2017, 8, 9, tzinfo=timezone.utc), precision="day",
                                source="text", raw="Date of Last Revision: August 9, 2017")
    client = make_client([undated, article("Never revised", "Nothing changed here.")])
    text = client.get("/articles/1").get_data(as_text=True)
    assert "date unknown" in text
    assert ('Updated <time datetime="2017-08-09T00:00:00+00:00">9 August 2017</time>\n'
            '      <span class="provenance">(from the text: Date of Last Revision: August 9, 2017)</span>') in text
    data = client.get("/api/articles/1").get_json()
    assert data["published"] is None
    assert (data["updated"], data["updated_precision"]) == ("2017-08-09T00:00:00+00:00", "day")
    assert data["updated_raw"] == "Date of Last Revision: August 9, 2017"
    assert "Updated" not in client.get("/articles/2").get_data(as_text=True)


def test_entities_link_to_a_search(client):
    text = client.get("/articles/2").get_data(as_text=True)
    assert '<a href="/?place=Moscow">Moscow</a>' in text
    assert '<a href="/?org=European+Union">European Union</a>' in text
    assert 'also “Peskov”, “Dmitri Peskov”' in text


def test_a_quote_over_two_paragraphs_is_marked_in_both(make_client):
    body = "He began: “First part of it.\n\nSecond part,” said Anna Smith."
    quoted = "First part of it.\n\nSecond part,"
    client = make_client([article("Two paragraphs", body, quotes=[(quoted, "Anna Smith", "said")])])
    text = client.get("/articles/1").get_data(as_text=True)
    marks = re.findall(r'<mark class="quoted"[^>]*>(.*?)</mark>', text, re.S)
    assert marks == ["First part of it.", "Second part,"]
    assert text.count('id="q0"') == 1 and text.count('class="speaker-tag"') == 1


def test_the_original_file_is_a_download_never_a_page(client):
    response = client.get("/articles/4/original")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Disposition"] == "attachment; filename=003.txt"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"<script>alert('body')</script>" in response.data  # byte for byte, as uploaded


def test_missing_articles_are_404_pages_and_json(client):
    for url in ("/articles/999", "/articles/0", "/articles/99999999999999999999999999", "/articles/abc",
                "/articles/-1", "/articles/999/original"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "text/html" in response.content_type
    response = client.get("/api/articles/999")
    assert response.status_code == 404 and "no article 999" in response.get_json()["error"]
    assert client.get("/articles/99999999999999999999.json").status_code == 404


def test_article_json_is_the_whole_normalized_article(client):
    data = client.get("/api/articles/2").get_json()
    assert data == client.get("/articles/2.json").get_json() == client.get("/articles/2?format=json").get_json()
    assert data["title"] == "Sanctions threat" and data["published"] == "2022-02-03T09:00:00-05:00"
    assert data["body"].startswith("Washington prepared")
    assert data["quotes"][0]["speaker"] == "Dmitry Peskov"
    assert data["quotes"][0]["speaker_url"] == "/speakers/dmitry-peskov"
    assert {e["name"] for e in data["entities"]} >= {"Moscow", "European Union"}
    assert data["original_url"] == "/articles/2/original"
    assert data["date_provenance"].startswith("from the page's JSON-LD")


def test_the_speaker_page_lists_quotes_aliases_and_topics(make_client):
    peskov = Entity("Dmitry Peskov", "person", 1, aliases=["Peskov", "Dmitri Peskov"])
    body = "“NATO must listen to Moscow,” said Dmitry Peskov. “Washington knows,” Peskov added."
    client = make_client([
        article("Talks", TALKS, published="2022-01-16T11:02:00+01:00",
                quotes=[("We remain on divergent positions,", "Dmitry Peskov", "said")], entities=[peskov]),
        article("Listen", body, published="2022-03-02T10:00:00+00:00",
                quotes=[("NATO must listen to Moscow,", "Dmitry Peskov", "said"),
                        ("Washington knows,", "Dmitry Peskov", "added")],
                entities=[peskov, Entity("NATO", "org"), Entity("Moscow", "place"), Entity("Washington", "place")]),
    ])
    text = client.get("/speakers/dmitry-peskov").get_data(as_text=True)
    assert '<h1 class="speaker-name">Dmitry Peskov</h1>' in text
    assert "Also written: Peskov, Dmitri Peskov" in text or "Also written: Dmitri Peskov, Peskov" in text
    assert "3 quotes in 2 articles" in text
    quotes = re.findall(r"<blockquote[^>]*><p>(.*?)</p></blockquote>", text)
    assert quotes[-1] == "We remain on divergent positions,"  # newest first
    assert '<a class="facet-value" href="/quotes?speaker=Dmitry+Peskov&amp;org=NATO&amp;sort=newest">NATO</a>' in text
    assert "Quotes over time" in text and text.count('class="bar') == 3  # January to March
    assert "No person, organization or place is named" not in text
    data = client.get("/speakers/dmitry-peskov.json").get_json()
    assert data == client.get("/api/speakers/dmitry-peskov").get_json()
    assert data["quotes_total"] == 3 and data["articles_total"] == 2
    assert {v["value"] for v in data["talks_about"]["place"]} == {"Moscow", "Washington"}
    assert [m["value"] for m in data["months"]] == ["2022-01", "2022-03"]


def test_unknown_speakers_are_404(client):
    for slug in ("nobody", "x" * 500, "%00"):
        assert client.get(f"/speakers/{slug}").status_code == 404
    assert client.get("/api/speakers/nobody").get_json()["status"] == 404


def test_speaker_slugs_fold_accents_and_keep_other_scripts(make_client):
    client = make_client([article("Two voices", "“Oui,” dit Sergueï Lavrov. “Да,” сказал Владимир Путин.",
                                  quotes=[("Oui,", "Sergueï Lavrov", "dit"), ("Да,", "Владимир Путин", "сказал")])])
    lavrov_page = client.get("/speakers/serguei-lavrov").get_data(as_text=True)
    assert "Sergueï Lavrov" in lavrov_page
    assert "No person, organization or place is named in these quotes." in lavrov_page
    assert client.get("/speakers/владимир-путин").status_code == 200
    listing = client.get("/speakers.json").get_json()
    assert {s["name"] for s in listing["speakers"]} == {"Sergueï Lavrov", "Владимир Путин"}
    assert client.get("/speakers.json?q=lavrov").get_json()["total"] == 1
    assert client.get("/speakers?q=100%25_").status_code == 200
