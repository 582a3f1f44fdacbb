"""The page and the JSON of a huge article show its annotated part, say how long the whole
body is, and link to the whole body as plain text; an ordinary article is shown whole."""
from __future__ import annotations

from archive.normalize import ANNOTATED_CHARS, annotated_end
from sample_archive import article, sample_articles

PARAGRAPH = ("The harbour board met on Tuesday to discuss the new ferry timetable. "
             "“We will publish it before the summer,” said Ann Lee, the board's chair. "
             "Residents of the old town asked for an earlier boat on Sundays.")
LATE = "At the very end the clerk read a note about the osprey nest on the pier."


def huge_article():
    body = "\n\n".join([PARAGRAPH] * (1_500_000 // len(PARAGRAPH)) + [LATE])
    return article("Harbour board", body, published="2022-01-16T11:02:00+01:00", source="Harbour Gazette",
                   quotes=[("We will publish it before the summer,", "Ann Lee", "said")])


def test_the_page_of_a_huge_article_shows_its_first_part_and_says_so(make_client):
    huge = huge_article()
    client = make_client([huge, *sample_articles()])
    page = client.get("/articles/1").get_data(as_text=True)
    shown = annotated_end(huge.body)
    assert len(page) < 2 * ANNOTATED_CHARS
    assert (f"This article is {len(huge.body):,} characters long; the first {shown:,} are shown, searched "
            f"and annotated.") in page
    assert 'href="/articles/1/text"' in page
    assert "osprey" not in page
    assert 'id="q0"' in page and "Ann Lee" in page


def test_the_whole_text_of_a_huge_article_is_served_as_plain_text(make_client):
    huge = huge_article()
    client = make_client([huge])
    answer = client.get("/articles/1/text")
    assert answer.status_code == 200
    assert answer.get_data(as_text=True) == huge.body
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.headers["Content-Length"] == str(len(huge.body.encode("utf-8")))
    assert answer.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/articles/2/text").status_code == 404


def test_the_json_of_a_huge_article_cuts_its_body_and_says_where_the_rest_is(make_client):
    huge = huge_article()
    client = make_client([huge])
    for path in ("/api/articles/1", "/articles/1.json"):
        answer = client.get(path)
        shape = answer.get_json()
        shown = annotated_end(huge.body)
        assert len(answer.get_data()) < 2 * ANNOTATED_CHARS
        assert shape["body"] == huge.body[:shown]
        assert shape["body_truncated"] is True
        assert shape["body_chars"] == len(huge.body)
        assert shape["annotated_chars"] == shape["indexed_chars"] == shown
        assert shape["text_url"] == "/articles/1/text"
        assert [quote["text"] for quote in shape["quotes"]] == ["We will publish it before the summer,"]


def test_a_word_past_the_annotated_part_is_not_searched(make_client):
    client = make_client([huge_article()])
    assert client.get("/api/search?q=osprey").get_json()["total"] == 0
    hit, = client.get("/api/search?q=timetable").get_json()["hits"]
    assert len(hit["snippet"]) < 1_000


def test_an_ordinary_article_is_shown_whole_and_says_how_long_it_is(client):
    shape = client.get("/api/articles/1").get_json()
    assert shape["body_truncated"] is False
    assert shape["body_chars"] == shape["annotated_chars"] == shape["indexed_chars"] == len(shape["body"])
    assert shape["text_url"] == "/articles/1/text"
    page = client.get("/articles/1").get_data(as_text=True)
    assert "characters long" not in page
    assert client.get("/articles/1/text").get_data(as_text=True) == shape["body"]
