"""The conventions a client of the JSON API relies on, against the real app over a real
archive: facet values that link to the search with them applied or excluded, ETags and
304, opt-in CORS, an OpenAPI description that validates and that real answers match, and
exports streamed to the end or cut with the way to the rest."""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from archive.config import RateLimits, Settings, SettingsError
from sample_archive import article, sample_articles, store_articles
from web import exports

UNLIMITED = RateLimits(requests_per_minute=0)
APP = "https://app.example.org"


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Facets ------------------------------------------------------------------------------

def test_each_facet_value_links_to_the_search_with_it_applied_and_excluded(client):
    answer = client.get("/api/search?q=peskov OR football").get_json()
    assert answer["total"] == 3
    moscow = next(v for v in answer["facets"]["place"] if v["value"] == "Moscow")
    applied = client.get(moscow["url"]).get_json()
    assert applied["total"] == moscow["count"] == 1 and applied["query"]["filters"] == {"place": ["Moscow"]}
    excluded = client.get(moscow["exclude_url"]).get_json()
    assert excluded["total"] == 2 and excluded["query"]["excludes"] == {"place": ["Moscow"]}
    assert "Moscow" not in [v["value"] for v in excluded["facets"]["place"]]
    chosen = next(v for v in applied["facets"]["place"] if v["value"] == "Moscow")
    assert chosen["selected"] and client.get(chosen["toggle_url"]).get_json()["total"] == 3
    assert not moscow["selected"] and moscow["toggle_url"] == moscow["url"]


def test_facet_links_keep_the_query_and_page_size_and_start_again_at_the_first_page(client):
    answer = client.get("/quotes.json?q=mistake OR positions&per_page=1&sort=oldest").get_json()
    assert answer["next_url"]
    link = answer["facets"]["speaker"][0]["exclude_url"]
    assert link.startswith("/api/quotes?") and "per_page=1" in link and "sort=oldest" in link
    assert "next=" not in link and "page=" not in link.replace("per_page", "")


# ETags ---------------------------------------------------------------------------------

def test_a_search_answer_is_revalidated_without_a_search_until_the_index_changes(make_client):
    client = make_client(sample_articles())
    first = client.get("/api/search?q=peskov")
    tag = first.headers["ETag"]
    assert tag.startswith('W/"')
    unchanged = client.get("/api/search?q=peskov", headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.data == b"" and unchanged.headers["ETag"] == tag
    assert client.get("/api/search?q=peskov&per_page=5").headers["ETag"] != tag
    assert client.get("/search.json?q=peskov", headers={"If-None-Match": tag}).status_code == 200
    store_articles(client.application.extensions["archive"],
                   [article("Peskov again", "Dmitry Peskov spoke again on Monday.")])
    changed = client.get("/api/search?q=peskov", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.get_json()["total"] == 3 and changed.headers["ETag"] != tag


def test_pages_and_other_json_answers_carry_an_etag_of_their_body(client):
    for url in ("/api/articles/1", "/api/speakers", "/speakers/dmitry-peskov", "/?q=peskov", "/openapi.json"):
        first = client.get(url)
        tag = first.headers["ETag"]
        assert not tag.startswith("W/"), url
        again = client.get(url, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.data == b"", url
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    form = client.get("/upload")  # a form holds its session's CSRF token: its tag is the session's
    assert "Cookie" in form.headers["Vary"]
    assert client.get("/upload", headers={"If-None-Match": form.headers["ETag"]}).status_code == 304
    stranger = client.application.test_client()
    assert stranger.get("/upload", headers={"If-None-Match": form.headers["ETag"]}).status_code == 200


def test_errors_exports_and_changes_carry_no_etag(client):
    assert "ETag" not in client.get("/api/search?from=nonsense").headers
    assert "ETag" not in client.get("/api/articles/999").headers
    assert "ETag" not in client.get("/search/export.csv?q=peskov").headers
    assert "ETag" not in client.post("/api/articles").headers


# CORS ------------------------------------------------------------------------------------

def test_cors_is_off_unless_configured(client):
    answer = client.get("/api/search?q=peskov", headers={"Origin": APP})
    assert "Access-Control-Allow-Origin" not in answer.headers
    preflight = client.options("/api/search", headers={"Origin": APP, "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_configured_origins_may_read_the_json_routes_and_nothing_else(make_client):
    client = make_client(cors_origins=(APP,))
    answer = client.get("/api/search?q=peskov", headers={"Origin": APP})
    assert answer.headers["Access-Control-Allow-Origin"] == APP
    assert "Origin" in answer.headers["Vary"]
    assert {"ETag", "Link", "Retry-After"} <= set(answer.headers["Access-Control-Expose-Headers"].split(", "))
    assert "Access-Control-Allow-Credentials" not in answer.headers
    for url in ("/search.json?q=peskov", "/api/articles/1", "/api/articles/999", "/openapi.json"):
        assert client.get(url, headers={"Origin": APP}).headers["Access-Control-Allow-Origin"] == APP, url
    assert "Access-Control-Allow-Origin" not in client.get("/?q=peskov", headers={"Origin": APP}).headers
    other = client.get("/api/search?q=peskov", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers and "Origin" in other.headers["Vary"]

    preflight = client.options("/api/search", headers={
        "Origin": APP, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "If-None-Match"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == APP
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight.headers["Access-Control-Allow-Headers"] == "if-none-match"
    writing = client.options("/api/articles", headers={"Origin": APP, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in writing.headers
    # Writes stay same-site whatever CORS allows.
    upload = client.post("/api/articles", headers={"Origin": APP},
                         data={"files": (io.BytesIO(b"Title\n\nBody."), "a.txt")})
    assert upload.status_code == 403 and "Access-Control-Allow-Origin" not in upload.headers


def test_any_origin_may_read_with_a_star(make_client):
    client = make_client(cors_origins=("*",))
    answer = client.get("/api/quotes?q=mistake", headers={"Origin": "https://anyone.example"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "Origin" not in answer.headers.get("Vary", "")
    assert "Access-Control-Allow-Origin" not in client.get("/api/quotes?q=mistake").headers  # not a browser


def test_cors_origins_come_from_the_environment_and_are_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_CORS_ORIGINS", "https://App.example.org/, http://localhost:3000")
    assert Settings.from_env(tmp_path).cors_origins == (APP, "http://localhost:3000")
    assert Settings(data_dir=tmp_path).cors_origins == ()
    with pytest.raises(SettingsError, match="ARCHIVE_CORS_ORIGINS"):
        Settings(data_dir=tmp_path, cors_origins=("app.example.org",))


# OpenAPI -----------------------------------------------------------------------------------

@pytest.fixture
def spec(client) -> dict:
    return client.get("/openapi.json").get_json()


def test_the_openapi_description_is_valid_and_covers_every_api_route(client, spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    for rule in client.application.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            assert path in spec["paths"], path
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert method.lower() in spec["paths"][path], (method, path)
    upload = spec["paths"]["/api/articles"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "Retry-After" in spec["paths"]["/api/search"]["get"]["responses"]["503"]["headers"]


def check_answer(spec: dict, path: str, method: str, response) -> None:
    """The answer matches what the description says of this route, method and status."""
    described = spec["paths"][path][method]["responses"][str(response.status_code)]
    for header in described.get("headers", {}):
        if header not in ("ETag", "Link"):  # Link only when there is a next page
            assert header in response.headers, (path, response.status_code, header)
    schema = described["content"]["application/json"]["schema"]
    errors = list(Draft202012Validator({**schema, "components": spec["components"]}).iter_errors(response.get_json()))
    assert not errors, (path, response.status_code, [error.message for error in errors[:3]])


def test_real_answers_match_the_description(make_client, spec):
    client = make_client(sample_articles() + [article(f"Extra {n}", f"Dmitry Peskov said it {n} times.")
                                              for n in range(25)], rate_limits=UNLIMITED)
    answers = [
        ("/api/search", "get", client.get("/api/search?q=peskov&per_page=3")),
        ("/api/search", "get", client.get("/api/search?speaker=Dmitry+Peskov&-place=Moscow&more=place")),
        ("/api/search", "get", client.get("/api/search?from=nonsense")),
        ("/api/search", "get", client.get("/api/search?q=peskov&next=garbage")),
        ("/api/quotes", "get", client.get("/api/quotes?q=mistake&sort=newest")),
        ("/api/articles/{article_id}", "get", client.get("/api/articles/1")),
        ("/api/articles/{article_id}", "get", client.get("/api/articles/999")),
        ("/api/jobs/{job_id}", "get", client.get("/api/jobs/abc123")),
        ("/api/speakers", "get", client.get("/api/speakers")),
        ("/api/speakers/{slug}", "get", client.get("/api/speakers/dmitry-peskov")),
        ("/api/speakers/{slug}", "get", client.get("/api/speakers/nobody")),
        ("/api/articles", "post", client.post("/api/articles")),
        ("/api/articles", "post", client.post("/api/articles", data={
            "files": (io.BytesIO("Harbour news\n\nThe harbour in Oslo reopened on Monday.".encode()), "oslo.txt"),
            "background": "1"})),
    ]
    for path, method, response in answers:
        check_answer(spec, path, method, response)
    assert {response.status_code for _, _, response in answers} == {200, 202, 400, 404}

    exported = client.get("/search/export.json?q=peskov")
    check_answer(spec, "/search/export.json", "get", exported)


def test_refusals_match_the_description(make_client, spec):
    guarded = make_client(upload_token="a-token-long-enough-123",
                          rate_limits=RateLimits(requests_per_minute=60, requests_burst=2))
    check_answer(spec, "/api/articles", "post", guarded.post("/api/articles"))  # 401
    slots = guarded.application.extensions["guards"].costly_slots
    held = [slots.acquire(blocking=False) for _ in range(2)]
    try:
        check_answer(spec, "/api/search", "get", guarded.get("/api/search?q=pesk*"))  # 503
    finally:
        for _ in held:
            slots.release()
    refused = guarded.get("/api/quotes?q=mistake")
    assert refused.status_code == 429
    check_answer(spec, "/api/quotes", "get", refused)


# Exports -------------------------------------------------------------------------------------

@pytest.fixture
def bulletins(make_client):
    return make_client([article(f"Bulletin {i:03d}", f"Weather bulletin {i}.", published=f"2023-01-{1 + i % 28:02d}")
                        for i in range(130)], rate_limits=UNLIMITED)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_an_export_is_streamed_and_frees_its_slot_when_done(bulletins):
    response = bulletins.get("/search/export.csv?q=bulletin&sort=oldest")
    assert response.is_streamed and response.headers["X-Total-Results"] == "130"
    rows = csv_rows(response)
    assert rows[0][:2] == ["id", "title"] and len(rows) == 131 and not rows[-1][0].startswith("#")
    slots = bulletins.application.extensions["guards"].costly_slots
    held = [slots.acquire(blocking=False) for _ in range(2)]
    assert held == [True, True]
    for _ in held:
        slots.release()


def test_an_abandoned_export_frees_its_slot(bulletins):
    unread = bulletins.get("/search/export.json?q=bulletin", buffered=False)
    assert unread.status_code == 200
    unread.close()
    assert bulletins.get("/search/export.csv?q=bulletin").status_code == 200
    slots = bulletins.application.extensions["guards"].costly_slots
    assert all(slots.acquire(blocking=False) for _ in range(2))
    slots.release()
    slots.release()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_cut_at_its_bounds_says_where_the_rest_is(bulletins, monkeypatch, fmt):
    monkeypatch.setattr(exports, "EXPORT_ROWS", 50)
    url, ids, files = f"/search/export.{fmt}?q=bulletin&sort=newest", [], 0
    while url:
        response = bulletins.get(url)
        files += 1
        if fmt == "csv":
            rows = csv_rows(response)
            marker = rows[-1][0] if rows[-1][0].startswith("# truncated") else None
            ids += [row[0] for row in rows[1:len(rows) - bool(marker)]]
            url = local(marker.split("the rest: ")[1]) if marker else None
            if marker:
                assert marker.startswith("# truncated: 50 of 130 results")
        else:
            data = json.loads(response.get_data(as_text=True))
            ids += [str(hit["id"]) for hit in data["hits"]]
            assert data["truncated"] == bool(data["next_url"]) and data["total"] == 130
            url = local(data["next_url"]) if data["next_url"] else None
    assert files == 3 and len(ids) == len(set(ids)) == 130
    pages = (bulletins.get(f"/api/search?q=bulletin&sort=newest&per_page=20&page={n}").get_json() for n in range(1, 8))
    walked = [str(hit["id"]) for page in pages for hit in page["hits"]]
    assert ids == walked  # the same order as the search's


def test_an_export_past_its_time_ends_after_the_page_it_was_making(bulletins, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_SECONDS", 0)
    data = json.loads(bulletins.get("/quotes/export.json").get_data(as_text=True) or "{}")
    assert data["total"] == 0 and not data["truncated"]  # nothing to cut
    data = json.loads(bulletins.get("/search/export.json?q=bulletin").get_data(as_text=True))
    assert data["exported"] == exports.EXPORT_PAGE and data["truncated"] and data["next"]
    rest = json.loads(bulletins.get(local(data["next_url"])).get_data(as_text=True))
    assert rest["exported"] == 30 and not rest["truncated"] and rest["next_url"] is None
