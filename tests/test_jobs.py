"""Background jobs and turns at the NLP model, with real components: a Runtime over a real
archive (SQLite, Whoosh, the index and job threads), the Flask app (behind waitress on a
real port where the request threads matter), and `python -m archive serve` killed with
SIGKILL where a crash is the point.

- No request thread waits behind a long job: a small upload answered in the request
  becomes a job when its turn at the model does not come quickly; searches answer all
  the while. Jobs take turns, and report progress inside a ZIP.
- A job's articles and its reports are stored together; a job that fails says why and
  its spooled files go; a job the server stopped twice on is failed, not run again; at
  start, spooled files of jobs that will not run are removed.
"""
from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest
from waitress.server import create_server

from archive.config import Settings
from archive.pipeline import IngestOptions
from web import create_app
from web.runtime import Runtime

PROJECT = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 120  # generous: the job and index threads run at their own pace on a busy machine


def story(n: int, word: str = "harbour") -> tuple[str, bytes]:
    return f"story{n:05d}.json", json.dumps({
        "title": f"Board report {word}{n:05d}", "published": "2022-01-16T09:30:00+01:00",
        "text": f"The {word} board met on Monday about berth {n}. “We will decide soon,” said Ann Lee."}).encode()


def zip_of(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def files(*named: tuple[str, bytes]):
    return [(io.BytesIO(data), name) for name, data in named]


def wait_for(check, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while not (found := check()):
        assert time.monotonic() < deadline, f"waited {WAIT_SECONDS} s for {what}"
        time.sleep(0.05)
    return found


@pytest.fixture
def runtime(tmp_path):
    made = Runtime(Settings(data_dir=tmp_path / "data"))
    yield made
    made.close()


@pytest.fixture
def client(runtime):
    return create_app({"TESTING": True, "SECRET_KEY": "test secret"}, runtime=runtime).test_client()


@pytest.fixture
def served(runtime):
    """The app behind waitress, 8 threads as `serve` runs it, on a free loopback port."""
    server = create_server(create_app({"SECRET_KEY": "test secret"}, runtime=runtime),
                           host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


def http(url: str, files_: list[tuple[str, bytes]] | None = None) -> tuple[int, dict]:
    """GET, or POST these files as multipart `files`; (status, JSON)."""
    body, headers = None, {}
    if files_ is not None:
        boundary = uuid.uuid4().hex
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                        f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
                        for name, data in files_) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


# ----------------------------------------------------------------- no request waits behind a job

def test_a_small_upload_becomes_a_job_while_the_model_is_busy_and_searches_still_answer(runtime, served):
    with runtime.turns.job_unit():  # a job's unit of work holds the model
        status, answer = http(f"{served}/api/articles?background=0", [story(1)])
        assert status == 202 and "busy" in answer["message"]
        assert set(answer) >= {"job", "status_url", "api_status_url"}
        assert http(f"{served}/api/search?q=harbour")[0] == 200
        assert http(served + answer["api_status_url"])[1]["status"] in ("queued", "running")
    job = wait_for(lambda: (j := http(served + answer["api_status_url"])[1])["settled"] and j, "the job")
    assert job["status"] == "done" and job["counts"] == {"added": 1}
    assert http(f"{served}/api/search?q=harbour00001")[1]["total"] == 1


def test_uploads_and_searches_are_answered_while_a_long_job_runs(runtime, served):
    status, big = http(f"{served}/api/articles?background=1", [("big.zip", zip_of(story(n) for n in range(3000)))])
    assert status == 202
    big_url = served + big["api_status_url"]
    wait_for(lambda: (http(big_url)[1]["entries_done"] or 0) > 0, "the big job to start")

    answers: list[tuple[int, dict]] = []

    def tiny_upload(n: int) -> None:
        answers.append(http(f"{served}/api/articles?background=0", [story(n, word="tram")]))

    uploaders = [threading.Thread(target=tiny_upload, args=(n,)) for n in range(10)]
    for thread in uploaders:
        thread.start()
    search_status, found = http(f"{served}/api/search?q=harbour")
    for thread in uploaders:
        thread.join()

    job = http(big_url)[1]
    # Everyone was answered, and not by waiting for the big job: it is still running.
    assert job["status"] == "running" and 0 < job["entries_done"] < job["entries_total"] == 3000, job
    assert search_status == 200
    assert sorted({status for status, _ in answers}) in ([200], [202], [200, 202])
    for status, answer in answers:
        if status == 200:
            assert [r["status"] for r in answer["files"]] == ["added"]
        else:
            assert answer["api_status_url"].startswith("/api/jobs/")


def test_a_small_job_is_not_stuck_behind_a_big_zip_and_the_big_one_shows_its_progress(client):
    big = client.post("/api/articles", data={"files": files(("big.zip", zip_of(story(n) for n in range(300))))})
    assert big.status_code == 202
    big_url = big.get_json()["api_status_url"]
    wait_for(lambda: client.get(big_url).get_json()["status"] == "running", "the big job to start")
    small = client.post("/api/articles", data={"files": files(story(1, word="ferry")), "background": "1"})
    small_url = small.get_json()["api_status_url"]
    wait_for(lambda: client.get(small_url).get_json()["finished"], "the small job")

    assert client.get(small_url).get_json()["counts"] == {"added": 1}
    job = client.get(big_url).get_json()
    assert job["status"] == "running" and job["done"] == 0 and job["total"] == 1
    assert job["current_file"] == "big.zip" and 0 < job["entries_done"] < job["entries_total"] == 300
    assert job["progress"] == f"{job['entries_done']:,} of 300 entries of big.zip"
    page = client.get(big.get_json()["status_url"]).get_data(as_text=True)
    assert "entries of big.zip" in page


def test_an_upload_of_more_than_a_megabyte_answers_with_a_job(client):
    three = [(f"long{n}.txt", b"Long story\n\n" + b"The council met and talked at length. " * 12_000)
             for n in range(3)]  # about 450 KB each
    response = client.post("/api/articles", data={"files": files(*three), "background": "0"})
    assert response.status_code == 202 and response.get_json()["job"]
    one = client.post("/api/articles", data={"files": files(story(7)), "background": "0"})
    assert one.status_code == 200 and one.get_json()["files"][0]["status"] == "added"


# ----------------------------------------------------------------- what a job stores and keeps

def test_a_job_stores_its_articles_and_their_reports_together(runtime, client, tmp_path):
    # A crash between storing a unit and recording its reports, made repeatable: recording fails.
    runtime.store.db.execute("CREATE TRIGGER no_reports BEFORE INSERT ON job_reports "
                             "BEGIN SELECT RAISE(ABORT, 'the job stopped before recording its reports'); END")
    three = [story(n, word="osprey") for n in range(3)]
    first = client.post("/api/articles", data={"files": files(*three), "background": "1"}).get_json()
    job = wait_for(lambda: (j := client.get(first["api_status_url"]).get_json())["finished"] and j, "the job")
    assert job["status"] == "failed" and job["error"]
    assert runtime.store.count() == 0  # nothing stored that the job has no report of
    wait_for(lambda: not (tmp_path / "data" / "spool" / first["job"]).exists(), "a failed job's files to go")

    runtime.store.db.execute("DROP TRIGGER no_reports")
    again = client.post("/api/articles", data={"files": files(*three), "background": "1"}).get_json()
    job = wait_for(lambda: (j := client.get(again["api_status_url"]).get_json())["finished"] and j, "the job")
    assert job["counts"] == {"added": 3}  # not "duplicate": its own articles were never stored


def test_a_finished_job_counts_every_file_done(client):
    eight = [story(n, word="heron") for n in range(8)]  # one unit's worth exactly
    accepted = client.post("/api/articles", data={"files": files(*eight), "background": "1"}).get_json()
    job = wait_for(lambda: (j := client.get(accepted["api_status_url"]).get_json())["finished"] and j, "the job")
    assert (job["status"], job["done"], job["total"], job["progress"]) == ("done", 8, 8, None)


def test_at_start_the_spooled_files_of_jobs_that_will_not_run_are_removed(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    runtime = Runtime(settings, start_threads=False)
    done, waiting, failed = (runtime.jobs.submit([story(n)], IngestOptions()) for n in range(3))
    with runtime.store.transaction() as db:  # the server stopped while cleaning up after these
        db.execute("UPDATE jobs SET status = 'done' WHERE id = ?", (done,))
        db.execute("UPDATE jobs SET status = 'failed', error = 'x' WHERE id = ?", (failed,))
    spool = tmp_path / "data" / "spool"
    (spool / "0123456789abcdef").mkdir()  # stopped while receiving: the job was never recorded
    (spool / "0123456789abcdef" / "000000").write_bytes(b"half an upload")
    runtime.close()

    runtime = Runtime(settings, start_threads=False)
    try:
        assert sorted(p.name for p in spool.iterdir()) == [waiting]
        assert runtime.jobs.status(waiting)["status"] == "queued"
    finally:
        runtime.close()


# ----------------------------------------------------------------- a job the server stops on

class Server:
    """`python -m archive serve` on a free port, with no seed articles."""

    def __init__(self, data: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ, PYTHONPATH=str(PROJECT), ARCHIVE_SEEDS=str(data.parent / "no-seeds"))
        env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        self.process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port),
                                         "--data", str(data)], cwd=PROJECT, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: self._answers(), "the server to start")

    def _answers(self) -> bool:
        assert self.process.poll() is None, "the server stopped"
        try:
            return http(f"{self.base}/api/search?q=")[0] == 200
        except OSError:
            return False

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def test_a_job_the_server_stopped_on_twice_is_failed_and_not_run_again(tmp_path):
    data = tmp_path / "data"
    server = Server(data)
    status, accepted = http(f"{server.base}/api/articles?background=1",
                            [("long.zip", zip_of(story(n, word="kestrel") for n in range(2000)))])
    assert status == 202
    job_path = accepted["api_status_url"]

    def running_past(reported: int):
        job = http(server.base + job_path)[1]
        return job["status"] == "running" and len(job["files"]) > reported and job

    reported = 0
    for _ in range(2):  # killed while it runs, each time after it has stored more
        reported = len(wait_for(lambda: running_past(reported), "the job to run")["files"])
        server.kill()
        server = Server(data)
    try:
        job = http(server.base + job_path)[1]
        assert job["status"] == "failed" and job["interruptions"] == 2
        assert job["error"] == "the server stopped twice while this job ran; it was not tried again"
        assert not (data / "spool" / accepted["job"]).exists()
        # What it did before it stopped is kept, each article reported once, none as its own duplicate.
        statuses = [r["status"] for r in job["files"]]
        assert statuses and set(statuses) == {"added"}
        assert len({r["article_id"] for r in job["files"]}) == len(statuses)
        wait_for(lambda: http(f"{server.base}/api/search?q=kestrel")[1]["total"] == len(statuses), "the index")
    finally:
        server.kill()

