"""Corrections in the browser's pages (the real app over a real archive): the article page's
form, the Corrections page with its forms and undo, the marks a corrected value carries,
and the login the forms need when the archive has a token."""
from __future__ import annotations

import re

from sample_archive import csrf_of

TOKEN = "a-reviewer-token-long-enough"


def form(client, path: str, fields: dict, page: str = "/articles/1"):
    return client.post(path, data={"csrf_token": csrf_of(client, page), "reviewer": "Ana", **fields})


def test_the_article_page_corrects_a_speaker_and_shows_the_machines_guess(client):
    page = client.get("/articles/1").get_data(as_text=True)
    assert 'action="/articles/1/quotes/0"' in page and 'id="q0"' in page
    answer = form(client, "/articles/1/quotes/0", {"speaker": "Maria Zakharova", "note": "the video"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/articles/1#q0"
    page = client.get("/articles/1").get_data(as_text=True)
    assert re.search(r'class="corrected"[^>]*>corrected</span>\s*<span class="machine-guess">'
                     r'\(the machine said: Dmitry Peskov\)', page)
    assert 'value="Ana"' in page  # the reviewer's name is remembered for the next form
    listed = client.get("/corrections").get_data(as_text=True)
    assert "“We remain on divergent positions,”: said by Maria Zakharova" in listed
    assert "by Ana" in listed and "the video" in listed


def test_a_span_marked_as_not_a_quotation_is_listed_apart_and_put_back(client):
    form(client, "/articles/2/quotes/0", {"not_a_quote": "1"}, "/articles/2")
    page = client.get("/articles/2").get_data(as_text=True)
    assert "Not quotations" in page and 'class="article-quotes"' not in page
    assert "(the machine said: a quotation by Dmitry Peskov)" in page
    form(client, "/articles/2/quotes/0", {"speaker": "Dmitry Peskov"}, "/articles/2")
    page = client.get("/articles/2").get_data(as_text=True)
    assert "Not quotations" not in page and 'class="article-quotes"' in page


def test_the_corrections_page_merges_retypes_and_undoes_newest_first(client):
    assert form(client, "/corrections", {"kind": "merge", "names": "Dmitry Peskov", "into": "D. Peskov"},
                "/corrections").status_code == 303
    assert "Corrected in 2 articles" in client.get("/corrections").get_data(as_text=True)
    assert form(client, "/corrections", {"kind": "retype", "name": "NATO", "from": "org", "to": ""},
                "/corrections").status_code == 303
    page = client.get("/corrections").get_data(as_text=True)
    assert page.index("“NATO” is not an organization") < page.index("“Dmitry Peskov” merged into “D. Peskov”")
    entities = client.get("/articles/1").get_data(as_text=True)
    assert "(the machine said: an organization)" in entities and "Removed by a reviewer" in entities
    merged_id = re.findall(r'action="/corrections/(\d+)/undo"', page)[-1]
    assert form(client, f"/corrections/{merged_id}/undo", {}, "/corrections").status_code == 303
    page = client.get("/corrections").get_data(as_text=True)
    assert "Undone by Ana" in page
    assert client.get("/api/articles/1").get_json()["entities"][0]["name"] == "Dmitry Peskov"


def test_a_form_that_cannot_be_used_says_why(client):
    assert form(client, "/corrections", {"kind": "merge", "names": "", "into": "X"},
                "/corrections").status_code == 400
    assert form(client, "/corrections", {"kind": "nonsense"}, "/corrections").status_code == 400
    assert form(client, "/corrections", {"kind": "retype", "name": "Nowhere", "from": "place", "to": "org"},
                "/corrections").status_code == 404
    refused = client.post("/articles/1/quotes/0", data={"reviewer": "Ana", "speaker": "X"})  # no CSRF token
    assert refused.status_code == 403 and "expired" in refused.get_data(as_text=True)
    assert client.get("/api/corrections").get_json()["total"] == 0


def test_with_a_token_the_forms_ask_for_the_login(make_client):
    client = make_client(upload_token=TOKEN)
    page = client.get("/articles/1").get_data(as_text=True)
    assert "Correct this quotation" not in page
    assert "Log in</a> to correct" in client.get("/corrections").get_data(as_text=True)
    answer = client.post("/articles/1/quotes/0", data={"reviewer": "Ana", "speaker": "X"})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    token = csrf_of(client, "/login")
    client.post("/login", data={"csrf_token": token, "token": TOKEN})
    assert "Correct this quotation" in client.get("/articles/1").get_data(as_text=True)
    assert form(client, "/articles/1/quotes/0", {"speaker": "X"}).status_code == 303


def test_quote_hits_say_a_reviewer_corrected_them(client):
    form(client, "/articles/1/quotes/0", {"speaker": "Maria Zakharova"})
    page = client.get("/quotes?q=divergent").get_data(as_text=True)
    assert "the machine said: Dmitry Peskov" in page


def test_an_entity_is_retyped_from_the_article_page_and_the_page_comes_back(client):
    page = client.get("/articles/1").get_data(as_text=True)
    assert '<input type="hidden" name="name" value="Geneva">' in page
    answer = form(client, "/corrections", {"kind": "retype", "name": "Geneva", "from": "place", "to": "org",
                                           "next": "/articles/1"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/articles/1"
    assert "Geneva" in [e["name"] for e in client.get("/api/articles/1").get_json()["entities"] if e["type"] == "org"]
    elsewhere = form(client, "/corrections", {"kind": "retype", "name": "NATO", "from": "org", "to": "place",
                                              "next": "//evil.example/"})
    assert elsewhere.headers["Location"] == "/corrections"  # only a path on this site
