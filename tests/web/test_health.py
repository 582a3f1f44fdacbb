"""GET /healthz over real archives: healthy, then broken for real (index files removed,
the database overwritten, the whole folder gone)."""
from __future__ import annotations

import shutil

import pytest

from archive.config import RateLimits, Settings
from sample_archive import sample_articles, store_articles
from web import create_app
from web.runtime import Runtime


@pytest.fixture
def archive(tmp_path):
    """(runtime, client) over a stored and indexed archive; no background threads, so
    breaking its files underneath is seen by the request alone."""
    runtime = Runtime(Settings(data_dir=tmp_path / "data"), start_threads=False)
    store_articles(runtime, sample_articles())
    client = create_app({"TESTING": True, "SECRET_KEY": "test secret"}, runtime=runtime).test_client()
    yield runtime, client
    runtime.close()


def test_a_healthy_archive_answers_ok_with_its_queues(archive):
    runtime, client = archive
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json["status"] == "ok"
    assert answer.json["store"] == "ok" and answer.json["index"] == "ok"
    assert answer.json["index_queue"] == 0
    assert answer.json["jobs_queue"] == 0
    assert answer.json["indexed"]["articles"] == len(sample_articles())
    assert answer.headers["Cache-Control"] == "no-store"


def test_the_index_queue_counts_what_is_stored_but_not_yet_searchable(archive):
    runtime, client = archive
    with runtime.store.transaction() as db:
        db.execute("INSERT INTO index_queue (article_id, queued_at) SELECT id, '2026-01-01' FROM articles")
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json["index_queue"] == len(sample_articles())


def test_an_index_that_cannot_be_opened_is_a_503_saying_so(archive):
    runtime, client = archive
    assert client.get("/healthz").status_code == 200  # a searcher is open and cached
    shutil.rmtree(runtime.settings.index_dir)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json["status"] == "failing"
    assert answer.json["index"] == "failing" and answer.json["store"] == "ok"
    assert [p for p in answer.json["problems"] if p.startswith("index: ")]


def test_an_unreadable_database_is_a_503_saying_so(archive):
    runtime, client = archive
    runtime.store.close()
    db_path = runtime.store.path
    for leftover in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database, it was overwritten" * 100)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json["store"] == "failing"
    assert any(p.startswith("store: ") and "not a database" in p for p in answer.json["problems"])


def test_a_data_folder_gone_from_under_the_server_is_a_503(archive):
    runtime, client = archive
    shutil.rmtree(runtime.settings.data_dir)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json["store"] == "failing" and answer.json["index"] == "failing"
    assert not runtime.settings.data_dir.exists()  # the check made nothing anew


def test_health_checks_are_not_rate_limited(make_client):
    client = make_client(rate_limits=RateLimits(requests_per_minute=1, requests_burst=1))
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 429
    assert all(client.get("/healthz").status_code == 200 for _ in range(5))


def test_a_health_checker_without_a_host_header_is_answered(client):
    answer = client.get("/healthz", headers={"Host": ""})
    assert answer.status_code == 200
