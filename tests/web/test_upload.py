"""Uploads through the browser form and the API: real files through the real
pipeline (readers, NLP, store, index thread), with the token, CSRF and limits."""
from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

from sample_archive import csrf_of
from web import create_app

LONDON = ("Budget row in London\n\nPosted at 09:15\n\n"
          "“We will not raise taxes on working families,” said Rachel Reeves in London on Monday. "
          "The chancellor spoke to reporters outside the Treasury.")
PARIS = ("Strike in Paris\n\n"
         "“The strike will continue until the reform is withdrawn,” said Sophie Binet, "
         "leader of the CGT union, in Paris.")
WAIT_SECONDS = 60  # generous: the job thread and the index thread run at their own pace


def files(*named: tuple[str, str | bytes]):
    return [(io.BytesIO(data.encode() if isinstance(data, str) else data), name) for name, data in named]


def upload(client, named, **fields):
    token = csrf_of(client)
    return client.post("/upload", data={"csrf_token": token, "files": files(*named), **fields},
                       headers={"Accept": "application/json"})


def test_the_form_stores_files_and_reports_each_one(client):
    token = csrf_of(client)
    response = client.post("/upload", data={"csrf_token": token,
                                            "files": files(("london.txt", LONDON), ("paris.txt", PARIS))})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "2 added" in text
    assert re.search(r'<a href="/articles/\d+">Budget row in London</a>', text)
    assert re.search(r'<a href="/articles/\d+">Strike in Paris</a>', text)
    # Searchable: the response waited for the index thread.
    found = client.get("/api/search?q=chancellor").get_json()
    assert [h["title"] for h in found["hits"]] == ["Budget row in London"]
    quotes = client.get("/api/quotes?q=taxes").get_json()
    assert quotes["hits"][0]["speaker"] == "Rachel Reeves"


def test_script_uploads_get_json_with_searchable_and_links(client):
    response = upload(client, [("london.txt", LONDON)], source="The Courier", published="2024-10-28",
                      timezone="Europe/London")
    assert response.status_code == 200
    data = response.get_json()
    report = data["files"][0]
    assert report["status"] == "added" and report["searchable"] is True and data["searchable"] is True
    assert report["archive_url"] == f"/articles/{report['article_id']}"
    article = client.get(report["api_url"]).get_json()
    assert article["source"] == "The Courier"
    assert article["published"].startswith("2024-10-28T09:15") and article["published_source"] == "upload"
    again = upload(client, [("copy.txt", LONDON)], source="The Courier", published="2024-10-28",
                   timezone="Europe/London").get_json()
    assert again["files"][0]["status"] == "duplicate"
    assert again["files"][0]["article_id"] == report["article_id"]


def test_failures_are_reported_in_plain_words(client):
    data = upload(client, [("empty.txt", b""), ("paris.txt", PARIS)]).get_json()
    by_file = {r["file"]: r for r in data["files"]}
    assert by_file["paris.txt"]["status"] == "added"
    assert by_file["empty.txt"]["status"] == "failed" and by_file["empty.txt"]["reason"]
    assert data["counts"] == {"failed": 1, "added": 1}


def test_bad_requests_say_why(client):
    token = csrf_of(client)
    nothing = client.post("/api/articles", data={})
    assert nothing.status_code == 400 and "No files" in nothing.get_json()["error"]
    bad_date = upload(client, [("a.txt", PARIS)], published="the day before yesterday-ish")
    assert bad_date.status_code == 400 and "publication date" in bad_date.get_json()["error"]
    bad_zone = client.post("/api/articles", data={"files": files(("a.txt", PARIS)), "timezone": "Mars/Olympus"})
    assert bad_zone.status_code == 400 and "time zone" in bad_zone.get_json()["error"]
    page = client.post("/upload", data={"csrf_token": token, "files": files(("a.txt", PARIS)),
                                        "published": "31/31/2022"})
    assert page.status_code == 400 and "Could not read the publication date" in page.get_data(as_text=True)


def test_the_form_needs_its_csrf_token(client):
    missing = client.post("/upload", data={"files": files(("a.txt", PARIS))})
    assert missing.status_code == 400 and "Reload the page" in missing.get_data(as_text=True)
    csrf_of(client)
    wrong = client.post("/upload", data={"csrf_token": "guess", "files": files(("a.txt", PARIS))})
    assert wrong.status_code == 400
    not_ascii = client.post("/upload", data={"csrf_token": "gu\u00e9ss", "files": files(("a.txt", PARIS))})
    assert not_ascii.status_code == 400


def test_other_sites_cannot_post(client):
    token = csrf_of(client)
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        response = client.post("/api/articles", data={"files": files(("a.txt", PARIS))}, headers=headers)
        assert response.status_code == 403, headers
        response = client.post("/upload", data={"csrf_token": token, "files": files(("a.txt", PARIS))},
                               headers=headers)
        assert response.status_code == 403, headers
    same = client.post("/api/articles", data={"files": files(("a.txt", PARIS))},
                       headers={"Origin": "http://localhost"})
    assert same.status_code == 200


def test_the_upload_token_guards_every_change(make_client):
    client = make_client(upload_token="s3cret token, long enough")
    assert client.get("/upload").headers["Location"].startswith("/login")
    api = client.post("/api/articles", data={"files": files(("a.txt", PARIS))})
    assert api.status_code == 401 and api.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.post("/api/articles", data={"files": files(("a.txt", PARIS))},
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = client.post("/api/articles", data={"files": files(("a.txt", PARIS))},
                        headers={"Authorization": "Bearer s3cret token, long enough"})
    assert right.status_code == 200 and right.get_json()["files"][0]["status"] == "added"
    # The browser logs in once; its session then may upload (with the form's CSRF token).
    token = csrf_of(client, "/login")
    assert client.post("/upload", data={"csrf_token": token, "files": files(("b.txt", LONDON))},
                       headers={"Accept": "application/json"}).status_code == 401
    assert client.post("/login", data={"csrf_token": token, "token": "wrong"}).status_code == 403
    login = client.post("/login", data={"csrf_token": token, "token": "s3cret token, long enough", "next": "/upload"})
    assert login.status_code == 303 and login.headers["Location"] == "/upload"
    ok = client.post("/upload", data={"csrf_token": csrf_of(client), "files": files(("b.txt", LONDON))},
                     headers={"Accept": "application/json"})
    assert ok.status_code == 200
    # Searching needs no token.
    assert client.get("/?q=strike").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert client.get("/upload").status_code == 302


def test_limits_answer_413_with_a_clear_message(make_client):
    client = make_client(max_upload_files=2, max_upload_bytes=64 * 1024)
    three = client.post("/api/articles", data={"files": files(("a.txt", PARIS), ("b.txt", LONDON),
                                                                ("c.txt", "third"))})
    assert three.status_code == 413 and "Too many files" in three.get_json()["error"]
    big = client.post("/api/articles", data={"files": files(("big.txt", "x" * 100_000))})
    assert big.status_code == 413 and "at most 64 KB" in big.get_json()["error"]
    page = client.post("/upload", data={"csrf_token": csrf_of(client), "files": files(("big.txt", "x" * 100_000))})
    assert page.status_code == 413 and "The upload is too large" in page.get_data(as_text=True)
    assert "text/html" in page.content_type


def wait_for_job(client, url: str) -> dict:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        status = client.get(url).get_json()
        if status["settled"]:
            assert status["finished"]
            assert all(r["searchable"] for r in status["files"] if r["status"] in ("added", "updated"))
            return status
        if time.monotonic() > deadline:
            pytest.fail(f"the job did not finish: {status}")
        time.sleep(0.1)


def test_a_zip_goes_to_a_background_job_with_a_status_page(client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("batch/london.txt", LONDON)
        zipped.writestr("batch/paris.txt", PARIS)
    response = client.post("/api/articles", data={"files": files(("batch.zip", archive.getvalue()))})
    assert response.status_code == 202
    accepted = response.get_json()
    assert accepted["status"] == "queued" and accepted["status_url"].startswith("/upload/jobs/")
    status = wait_for_job(client, accepted["api_status_url"])
    assert status["status"] == "done" and status["counts"] == {"added": 2}
    assert {r["title"] for r in status["files"]} == {"Budget row in London", "Strike in Paris"}
    page = client.get(accepted["status_url"]).get_data(as_text=True)
    assert 'data-finished="true"' in page and "Strike in Paris" in page
    assert client.get("/api/search?q=reform").get_json()["total"] == 1


def test_a_finished_job_page_keeps_following_articles_still_being_indexed(make_runtime):
    runtime = make_runtime()
    runtime.indexer.stop()  # the job finishes; its articles stay in the index queue
    runtime.indexer.join(timeout=30)
    client = create_app({"TESTING": True, "SECRET_KEY": "test secret"}, runtime=runtime).test_client()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("batch/london.txt", LONDON)
    accepted = client.post("/api/articles", data={"files": files(("batch.zip", archive.getvalue()))}).get_json()
    deadline = time.monotonic() + WAIT_SECONDS
    while not (status := client.get(accepted["api_status_url"]).get_json())["finished"]:
        assert time.monotonic() < deadline, status
        time.sleep(0.1)
    assert status["settled"] is False and [r["searchable"] for r in status["files"]] == [False]
    page = client.get(accepted["status_url"]).get_data(as_text=True)
    assert 'data-finished="false"' in page and "being indexed" in page
    runtime.indexer.index_queued()
    assert client.get(accepted["api_status_url"]).get_json()["settled"] is True
    assert 'data-finished="true"' in client.get(accepted["status_url"]).get_data(as_text=True)


def test_the_browser_form_sends_big_batches_to_the_status_page(client):
    token = csrf_of(client)
    many = [(f"note{i}.txt", f"Note {i}\n\nA short note about item number {i} of the batch.") for i in range(21)]
    response = client.post("/upload", data={"csrf_token": token, "files": files(*many)})
    assert response.status_code == 303
    status = wait_for_job(client, response.headers["Location"] + ".json")
    assert status["counts"] == {"added": 21}
    assert json.loads(json.dumps(status))["total"] == 21


def test_unknown_jobs_are_404(client):
    for job in ("nope", "0123456789abcdef", "../../etc"):
        assert client.get(f"/upload/jobs/{job}").status_code == 404
        assert client.get(f"/api/jobs/{job}").status_code == 404


def test_a_small_zip_can_be_answered_in_the_request(client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("paris.txt", PARIS)
    data = client.post("/api/articles", data={"files": files(("one.zip", archive.getvalue())),
                                              "background": "0"}).get_json()
    assert data["files"][0]["status"] == "added" and data["files"][0]["file"] == "one.zip/paris.txt"
    many = [(f"n{i}.txt", f"Note {i}\n\nItem {i}.") for i in range(21)]
    assert client.post("/api/articles", data={"files": files(*many), "background": "0"}).status_code == 202
