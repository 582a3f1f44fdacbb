"""Nothing lost: `python -m archive ingest` killed with SIGKILL at random points, then
started again, keeps every acknowledged article, stores nothing twice, and after the
recovery at start-up every article is searchable. A deleted or damaged index folder is
rebuilt from the store at start-up, and says so.

bench/crash.py runs the same on the 2,225 BBC articles with more kill points.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from archive.store import Store
from index.search import SearchRequest, SearchService
from index.writer import index_is_healthy

PROJECT = Path(__file__).resolve().parent.parent
ACKNOWLEDGED = re.compile(r"^(added|updated|duplicate)\s+(\S+)\s+#(\d+)")
ARTICLES = 200  # the ingester's batches of 64 commit at 64, 128, 192 and 200 stored
KILLS = 4


def write_articles(folder: Path, count: int) -> dict[str, str]:
    """`count` small distinct articles; returns file name -> the unique word in its title."""
    folder.mkdir()
    words = {}
    for n in range(count):
        word = f"kestrel{n:04d}"
        name = f"story{n:04d}.json"
        (folder / name).write_text(json.dumps({
            "title": f"Harbour report {word}",
            "text": f"The council met on Monday to discuss item {n}. “We will fund item {n},” said Mayor Ann Lee.",
            "published": f"2022-01-{1 + n % 28:02d}T09:30:00+01:00",
            "source": "Harbour Gazette"}), encoding="utf-8")
        words[name] = word
    return words


class Run:
    """One `python -m archive` process, its output read line by line as it comes."""

    def __init__(self, *args: str):
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(PROJECT))
        self.process = subprocess.Popen([sys.executable, "-u", "-m", "archive", *args], cwd=PROJECT, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [threading.Thread(target=self._read, args=(self.process.stdout, self.lines), daemon=True),
                         threading.Thread(target=self._read, args=(self.process.stderr, self.errors), daemon=True)]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def kill_when(self, data: Path, stored: int, then: float) -> bool:
        """SIGKILL `then` seconds after the store holds `stored` articles (or after start-up when it
        already does); True when it was killed, False when it ended first."""
        while self.process.poll() is None and len(assert_consistent(data)) < stored:
            time.sleep(0.02)
        return self.kill_after(then)

    def kill_after(self, seconds: float) -> bool:
        """SIGKILL after `seconds` unless it ended first; True when it was killed."""
        try:
            self.process.wait(timeout=seconds)
            killed = False
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            killed = True
        self._finish()
        return killed

    def wait(self, timeout: float = 300) -> int:
        code = self.process.wait(timeout=timeout)
        self._finish()
        return code

    def _finish(self) -> None:
        for reader in self._readers:
            reader.join(timeout=10)

    def acknowledged(self) -> dict[int, str]:
        """Article id -> file, from the report lines printed so far."""
        return {int(m[3]): m[2] for m in map(ACKNOWLEDGED.match, self.lines) if m}


def store_rows(data: Path) -> list[sqlite3.Row]:
    connection = sqlite3.connect(data / "archive.sqlite3")
    connection.row_factory = sqlite3.Row
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return []  # a process killed (or looked at) before it made the schema
        return connection.execute("SELECT id, file, content_hash, original_sha256 FROM articles").fetchall()
    finally:
        connection.close()


def assert_consistent(data: Path) -> list[sqlite3.Row]:
    """What a SIGKILL may never leave: a damaged database, a duplicate, an article without its original."""
    if not (data / "archive.sqlite3").exists():
        return []
    rows = store_rows(data)
    assert len({row["content_hash"] for row in rows}) == len(rows)
    assert len({row["file"] for row in rows}) == len(rows)
    for row in rows:
        original = data / "originals" / row["original_sha256"][:2] / row["original_sha256"]
        assert original.is_file(), f"article #{row['id']} has no original"
    return rows


def wait_until_indexed(data: Path, timeout: float = 120) -> None:
    """Until a running server's index thread has emptied the store's index queue."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = sqlite3.connect(data / "archive.sqlite3")
        try:
            if not connection.execute("SELECT count(*) FROM index_queue").fetchone()[0]:
                return
        finally:
            connection.close()
        time.sleep(0.2)


def stats(data: Path) -> dict:
    run = Run("stats", "--data", str(data))
    assert run.wait() == 0, run.errors
    return json.loads(run.lines[0])


def test_ingest_killed_at_random_points_loses_and_duplicates_nothing(tmp_path):
    words = write_articles(tmp_path / "batch", ARTICLES)
    data = tmp_path / "data"
    chooser = random.Random(20220116)
    acknowledged: dict[int, str] = {}
    kills = 0
    # Kill points: once during start-up (loading, recovery, the first batch), then once within
    # each later batch: after a random stored count is reached (a batch has committed), a random
    # moment while the next batch is read, annotated, stored or indexed.
    points = [(0, chooser.uniform(0.3, 2.0))] + [(chooser.randint(low, low + 63), chooser.uniform(0.0, 0.25))
                                                  for low in (1, 65, 129)]
    for stored, then in points:
        run = Run("ingest", str(tmp_path / "batch"), "--data", str(data), "--jobs", "1")
        kills += run.kill_when(data, stored, then)
        acknowledged.update(run.acknowledged())
        assert_consistent(data)
    final = Run("ingest", str(tmp_path / "batch"), "--data", str(data), "--jobs", "1")
    assert final.wait() == 0, final.errors
    acknowledged.update(final.acknowledged())

    print(f"\ncrash test: {ARTICLES} articles, {kills} of {KILLS} runs killed, "
          f"{len(acknowledged)} acknowledged")
    assert kills >= KILLS - 1, "runs ended before their kill points: the kills came too late to test anything"
    rows = assert_consistent(data)
    stored = {row["id"]: Path(row["file"]).name for row in rows}
    assert {i: Path(f).name for i, f in acknowledged.items()}.items() <= stored.items()
    assert sorted(stored.values()) == sorted(words)
    assert stats(data)["index_queue"] == 0

    assert index_is_healthy(data / "index")
    store = Store(data)
    search = SearchService(data / "index", store)
    try:
        assert search.search(SearchRequest(q="")).total == ARTICLES
        for article_id, name in stored.items():
            hits = search.search(SearchRequest(q=words[name])).hits
            assert [hit["id"] for hit in hits] == [article_id], name
    finally:
        store.close()


def test_the_cli_acknowledges_each_batch_as_soon_as_it_is_stored(tmp_path):
    """A report printed only at the very end would acknowledge nothing to a run that is killed:
    'added' lines must come while the ingest is still running, and only for stored articles."""
    write_articles(tmp_path / "batch", ARTICLES)
    data = tmp_path / "data"
    run = Run("ingest", str(tmp_path / "batch"), "--data", str(data), "--jobs", "1")
    acknowledged_while_running: dict[int, str] = {}
    while run.process.poll() is None and not acknowledged_while_running:
        acknowledged_while_running = run.acknowledged()
        time.sleep(0.02)
    assert run.wait() == 0
    assert 0 < len(acknowledged_while_running) < ARTICLES
    stored = {row["id"]: row["file"] for row in assert_consistent(data)}
    assert acknowledged_while_running.items() <= stored.items()


@pytest.fixture(scope="module")
def archive_of_20(tmp_path_factory):
    """An archive of 20 articles, stored and indexed once for the tests that damage a copy of it."""
    folder = tmp_path_factory.mktemp("archive20")
    write_articles(folder / "batch", 20)
    assert Run("ingest", str(folder / "batch"), "--data", str(folder / "data"), "--jobs", "1").wait() == 0
    return folder / "data"


@pytest.fixture
def stored_archive(archive_of_20, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(archive_of_20, copy)
    return copy


def search_total(data: Path) -> int:
    store = Store(data)
    try:
        return SearchService(data / "index", store).search(SearchRequest(q="kestrel*")).total
    finally:
        store.close()


@pytest.mark.parametrize("damage", ["deleted", "emptied", "garbage"])
def test_a_lost_or_damaged_index_is_rebuilt_at_start_up_and_says_so(stored_archive, damage, tmp_path):
    index = stored_archive / "index"
    if damage == "deleted":
        shutil.rmtree(index)
    for path in index.glob("*") if damage != "deleted" else []:
        if damage == "emptied":
            path.write_bytes(b"")
        else:
            path.write_bytes(os.urandom(max(64, path.stat().st_size)))
    (tmp_path / "nothing").mkdir()
    start = Run("ingest", str(tmp_path / "nothing"), "--data", str(stored_archive))
    assert start.wait() == 0, start.errors
    rebuilt = re.compile(r"WARNING index\.rebuild: index at .* is missing.*: rebuilding it from the store \(20 articles\)")
    assert any(rebuilt.search(line) for line in start.errors), start.errors
    assert index_is_healthy(index)
    assert search_total(stored_archive) == 20


# ----------------------------------------------------------------- the server killed during uploads

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def api(url: str, files: list[tuple[str, bytes]] | None = None) -> tuple[int, dict | None]:
    body, headers = None, {}
    if files is not None:
        boundary = "archive-crash-test"
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'
                        .encode() + data + b"\r\n" for name, data in files) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, None


class Server:
    def __init__(self, data: Path):
        self.base = f"http://127.0.0.1:{free_port()}"
        # Many uploads and checks from one address: the per-client rate limit is not what this test is about.
        env = dict(os.environ, PYTHONPATH=str(PROJECT), ARCHIVE_SEEDS=str(PROJECT / "seeds"), ARCHIVE_RATE_LIMIT="0")
        env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        self.process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", self.base.rsplit(":", 1)[1],
                                         "--data", str(data)], cwd=PROJECT, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if api(f"{self.base}/api/search?q=")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def test_the_server_killed_during_uploads_keeps_every_acknowledged_article(tmp_path):
    data = tmp_path / "data"
    chooser = random.Random(7)
    acknowledged: dict[int, str] = {}
    sent = 0
    for _ in range(2):
        server = Server(data)
        stop = threading.Event()

        def upload_until_stopped():
            nonlocal sent
            while not stop.is_set():
                sent += 1
                name = f"upload{sent:04d}.json"
                article = {"title": f"Ferry report osprey{sent:04d}", "published": "2022-01-16T09:30:00+01:00",
                           "text": f"The ferry ran late on Monday, trip {sent}. “We are sorry,” said Captain Tom Okafor."}
                try:
                    status, answer = api(f"{server.base}/api/articles?background=0",
                                         [(name, json.dumps(article).encode())])
                except OSError:
                    return  # the server is gone: this upload was never acknowledged
                if status == 200:
                    acknowledged.update({r["article_id"]: name for r in answer["files"] if r["status"] == "added"})

        uploader = threading.Thread(target=upload_until_stopped)
        uploader.start()
        time.sleep(chooser.uniform(1.0, 4.0))
        server.kill()
        stop.set()
        uploader.join()
    assert acknowledged
    print(f"\nserver crash test: {sent} uploads sent, {len(acknowledged)} acknowledged, 2 kills")

    server = Server(data)  # it listens at once; its index thread indexes what is queued
    try:
        wait_until_indexed(data)
        for article_id, name in acknowledged.items():
            status, article = api(f"{server.base}/api/articles/{article_id}")
            assert status == 200 and article["file"] == name
            word = f"osprey{name[6:10]}"
            status, found = api(f"{server.base}/api/search?q={word}")
            assert [hit["id"] for hit in found["hits"]] == [article_id], word
    finally:
        server.kill()
    rows = assert_consistent(data)
    assert stats(data)["index_queue"] == 0
    assert len(rows) == 1 + len({r["file"] for r in rows if r["file"].startswith("upload")})
