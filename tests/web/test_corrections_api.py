"""Corrections through the JSON API of the real app over a real archive (SQLite, Whoosh and
the index thread): each correction shows in the article JSON, in search, facets, speakers
and exports; undo puts the machine's value back; writes need the token; bad input is a
clear 4xx; every answer matches /openapi.json."""
from __future__ import annotations

import csv
import io

import pytest
from jsonschema import Draft202012Validator

from sample_archive import csrf_of

TOKEN = "a-reviewer-token-long-enough"
PESKOV_QUOTE = "/api/articles/1/quotes/0"


def facet(answer: dict, name: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in answer["facets"][name]}


def fix(client, path: str, body: dict, method: str = "post", **headers):
    body = {"reviewer": "Ana", **body}
    return getattr(client, method)(path, json=body, headers=headers)


def check_answer(client, path: str, method: str, response) -> None:
    spec = client.get("/openapi.json").get_json()
    described = spec["paths"][path][method]["responses"][str(response.status_code)]
    schema = described["content"]["application/json"]["schema"]
    errors = list(Draft202012Validator({**schema, "components": spec["components"]}).iter_errors(response.get_json()))
    assert not errors, (path, response.status_code, [error.message for error in errors[:3]])


def test_a_speaker_set_by_a_reviewer_is_shown_searched_faceted_and_exported_as_corrected(client):
    answer = fix(client, PESKOV_QUOTE, {"speaker": "Maria Zakharova", "note": "she said it, per the video"},
                 method="patch")
    assert answer.status_code == 200, answer.get_json()
    made = answer.get_json()
    assert made["articles_updated"] == 1 and made["searchable"] is True
    assert made["corrections"][0]["before"] == {"speaker": "Dmitry Peskov", "machine_speaker": "Dmitry Peskov"}

    quote = client.get("/api/articles/1").get_json()["quotes"][0]
    assert quote["seq"] == 0 and quote["speaker"] == "Maria Zakharova"
    assert quote["corrected"] is True and quote["machine_speaker"] == "Dmitry Peskov"

    hits = client.get("/api/quotes?q=divergent").get_json()
    assert [(h["speaker"], h["corrected"], h["machine_speaker"]) for h in hits["hits"]] == [
        ("Maria Zakharova", True, "Dmitry Peskov")]
    everything = client.get("/api/quotes").get_json()
    assert facet(everything, "speaker") == {"Dmitry Peskov": 1, "Maria Zakharova": 1,
                                            "<img src=x onerror=alert(1)>": 1}
    assert client.get("/api/search?speaker=Maria+Zakharova").get_json()["total"] == 1
    assert client.get("/api/speakers/maria-zakharova").get_json()["quotes_total"] == 1

    rows = list(csv.DictReader(io.StringIO(client.get("/quotes/export.csv?q=divergent").get_data(as_text=True)
                                           .lstrip("\ufeff"))))
    assert [(r["speaker"], r["corrected"], r["machine_speaker"]) for r in rows] == [
        ("Maria Zakharova", "True", "Dmitry Peskov")]
    check_answer(client, "/api/articles/{article_id}/quotes/{seq}", "patch", answer)
    check_answer(client, "/api/articles/{article_id}", "get", client.get("/api/articles/1"))
    check_answer(client, "/api/quotes", "get", client.get("/api/quotes?q=divergent"))


def test_a_speaker_cleared_and_an_undo(client):
    made = fix(client, PESKOV_QUOTE, {"speaker": None}, method="patch").get_json()
    assert client.get("/api/articles/1").get_json()["quotes"][0]["speaker"] is None
    undo = fix(client, made["corrections"][0]["undo_url"], {})
    assert undo.status_code == 200
    check_answer(client, "/api/corrections/{correction_id}/undo", "post", undo)
    quote = client.get("/api/articles/1").get_json()["quotes"][0]
    assert (quote["speaker"], quote["corrected"]) == ("Dmitry Peskov", False)
    again = fix(client, made["corrections"][0]["undo_url"], {})
    assert again.status_code == 409
    listed = client.get("/api/corrections").get_json()
    assert listed["total"] == 1 and listed["corrections"][0]["undone_by"] == "Ana"
    check_answer(client, "/api/corrections", "get", client.get("/api/corrections"))


def test_a_span_marked_as_not_a_quotation_leaves_search_and_comes_back(client):
    assert fix(client, "/api/articles/2/quotes/0", {"not_a_quote": True}, method="patch").status_code == 200
    shown = client.get("/api/articles/2").get_json()
    assert shown["quotes"] == []
    assert shown["not_quotes"][0]["text"] == "It would be a big mistake,"
    assert client.get("/api/quotes?q=mistake").get_json()["total"] == 0
    assert fix(client, "/api/articles/2/quotes/0", {"not_a_quote": True}, method="patch").status_code == 409
    back = fix(client, "/api/articles/2/quotes/0", {"not_a_quote": False}, method="patch")
    assert back.status_code == 200
    assert client.get("/api/quotes?q=mistake").get_json()["total"] == 1


def test_people_merged_and_an_entity_retyped_are_one_value_in_every_facet(client):
    merged = fix(client, "/api/people/merge", {"into": "D. Peskov", "names": ["Dmitry Peskov"]})
    assert merged.status_code == 200 and merged.get_json()["articles_updated"] == 2
    check_answer(client, "/api/people/merge", "post", merged)
    articles = client.get("/api/search").get_json()
    assert "Dmitry Peskov" not in facet(articles, "person") and facet(articles, "person")["D. Peskov"] == 2
    assert facet(articles, "speaker")["D. Peskov"] == 2
    assert client.get("/api/search?q=speaker:%22dmitry+peskov%22").get_json()["total"] == 2  # an alias now
    entity = client.get("/api/articles/1").get_json()["entities"][0]
    assert entity["name"] == "D. Peskov" and entity["corrected"] is True
    assert entity["machine"] == [{"name": "Dmitry Peskov", "type": "person"}]

    retyped = fix(client, "/api/entities/retype", {"name": "NATO", "from": "org", "to": "place"})
    assert retyped.status_code == 200
    check_answer(client, "/api/entities/retype", "post", retyped)
    articles = client.get("/api/search").get_json()
    assert "NATO" in facet(articles, "place") and "NATO" not in facet(articles, "org")
    removed = fix(client, "/api/entities/retype", {"name": "Moscow", "from": "place", "to": None})
    assert removed.get_json()["articles_updated"] == 1
    assert "Moscow" not in facet(client.get("/api/search").get_json(), "place")
    assert client.get("/api/articles/2").get_json()["removed_entities"] == [
        {"name": "Moscow", "type": "place", "corrected": True}]


def test_an_alias_split_off_a_person(client):
    answer = fix(client, "/api/people/split", {"name": "Dmitry Peskov", "alias": "Peskov"})
    assert answer.status_code == 200
    check_answer(client, "/api/people/split", "post", answer)
    # The second article calls him "Peskov" only; the first names him in full and keeps him.
    assert answer.get_json()["articles_updated"] == 1
    assert client.get("/api/articles/2").get_json()["quotes"][0]["speaker"] == "Peskov"
    assert client.get("/api/articles/1").get_json()["quotes"][0]["speaker"] == "Dmitry Peskov"
    assert facet(client.get("/api/quotes").get_json(), "speaker")["Peskov"] == 1


@pytest.mark.parametrize("path, method, body, status", [
    (PESKOV_QUOTE, "patch", None, 400),
    (PESKOV_QUOTE, "patch", {"speaker": "X"}, 400),  # no reviewer
    (PESKOV_QUOTE, "patch", {"speaker": 7, "reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"speaker": "X" * 201, "reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"speaker": "A\u202eB", "reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"speaker": "A\x00B", "reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"speaker": "Dmitry Peskov", "reviewer": "Ana"}, 400),  # nothing changes
    (PESKOV_QUOTE, "patch", {"speaker": "X", "not_a_quote": True, "reviewer": "Ana"}, 400),
    (PESKOV_QUOTE, "patch", {"not_a_quote": "perhaps", "reviewer": "Ana"}, 400),
    ("/api/articles/999/quotes/0", "patch", {"speaker": "X", "reviewer": "Ana"}, 404),
    ("/api/articles/99999999999999999999/quotes/0", "patch", {"speaker": "X", "reviewer": "Ana"}, 404),
    ("/api/articles/1/quotes/5", "patch", {"speaker": "X", "reviewer": "Ana"}, 404),
    ("/api/people/merge", "post", {"into": "A", "names": "Blair", "reviewer": "Ana"}, 404),
    ("/api/people/merge", "post", {"into": "A", "names": [], "reviewer": "Ana"}, 400),
    ("/api/people/merge", "post", {"into": "A", "names": [3], "reviewer": "Ana"}, 400),
    ("/api/people/merge", "post", {"into": "Nobody", "names": ["Nobody Else"], "reviewer": "Ana"}, 404),
    ("/api/people/split", "post", {"name": "Dmitry Peskov", "alias": "Dmitry Peskov", "reviewer": "Ana"}, 400),
    ("/api/entities/retype", "post", {"name": "NATO", "from": "org", "to": "planet", "reviewer": "Ana"}, 400),
    ("/api/entities/retype", "post", {"name": "NATO", "from": "org", "to": "org", "reviewer": "Ana"}, 400),
    ("/api/entities/retype", "post", {"name": "NATO", "from": "place", "to": "org", "reviewer": "Ana"}, 404),
    ("/api/corrections/12/undo", "post", {"reviewer": "Ana"}, 404),
])
def test_what_cannot_be_used_is_a_clear_error_and_changes_nothing(client, path, method, body, status):
    answer = getattr(client, method)(path, json=body) if body is not None else \
        getattr(client, method)(path, data="not json", content_type="text/plain")
    assert answer.status_code == status, answer.get_json()
    assert answer.get_json()["error"]
    assert client.get("/api/corrections").get_json()["total"] == 0
    assert client.get("/api/articles/1").get_json()["quotes"][0]["speaker"] == "Dmitry Peskov"


def test_the_corrections_list_is_walked_newest_first(client, monkeypatch):
    from web import corrections
    monkeypatch.setattr(corrections, "PER_PAGE", 2)
    for name in ("A One", "B Two", "C Three"):
        fix(client, PESKOV_QUOTE, {"speaker": name}, method="patch")
    first = client.get("/api/corrections").get_json()
    assert [c["speaker"] for c in first["corrections"]] == ["C Three", "B Two"]
    rest = client.get(first["next_url"]).get_json()
    assert [c["speaker"] for c in rest["corrections"]] == ["A One"] and rest["next_url"] is None
    assert client.get("/api/corrections?next=zz").status_code == 400


def test_writes_need_the_token_as_a_bearer_or_a_login(make_client):
    client = make_client(upload_token=TOKEN)
    refused = fix(client, PESKOV_QUOTE, {"speaker": "X"}, method="patch")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
    check_answer(client, "/api/articles/{article_id}/quotes/{seq}", "patch", refused)
    assert fix(client, "/api/people/merge", {"into": "A", "names": ["Dmitry Peskov"]},
               Authorization="Bearer wrong-token-wrong-token").status_code == 403
    assert fix(client, "/api/people/merge", {"into": "A", "names": ["Dmitry Peskov"]},
               Authorization=f"Bearer {TOKEN}", Origin="https://elsewhere.example").status_code == 403
    assert client.get("/api/corrections").get_json()["total"] == 0  # reading needs nothing
    assert fix(client, PESKOV_QUOTE, {"speaker": "X"}, method="patch",
               Authorization=f"Bearer {TOKEN}").status_code == 200

    token = csrf_of(client, "/login")
    client.post("/login", data={"csrf_token": token, "token": TOKEN})
    assert fix(client, PESKOV_QUOTE, {"speaker": "Y"}, method="patch").status_code == 403  # no CSRF header
    assert fix(client, PESKOV_QUOTE, {"speaker": "Y"}, method="patch", **{"X-CSRF-Token": token}).status_code == 200


def test_a_read_only_archive_refuses_corrections_plainly(make_client):
    client = make_client()
    client.application.extensions["archive"].store.read_only = True
    refused = fix(client, PESKOV_QUOTE, {"speaker": "X"}, method="patch")
    assert refused.status_code == 503 and "read-only" in refused.get_json()["error"]
    assert client.get("/api/corrections").status_code == 200
