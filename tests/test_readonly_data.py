"""A full disk or a read-only data folder: uploads fail with a clear message, nothing
half-written is left behind, and the archive keeps serving searches.

Tests run as root, which ignores permission bits, so the failures here are real: the
data folder lives on a small tmpfs that is filled up, or is seen through a read-only
bind mount. Both need `mount`; without it the tests are skipped and say so.
"""
from __future__ import annotations

import errno
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive.config import Settings
from archive.pipeline import IngestOptions
from index.search import SearchRequest

PROJECT = Path(__file__).resolve().parent.parent


def mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip() or 'mount failed'}); "
                    "a full or read-only disk needs a filesystem of its own")


def unmount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB filesystem of its own."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk))
    yield disk
    unmount(disk)


def story(n: int) -> tuple[str, bytes]:
    return f"story{n}.json", json.dumps({
        "title": f"Harbour report kestrel{n}",
        "text": f"The council met on Monday to discuss item {n}. “We will fund it,” said Mayor Ann Lee.",
        "published": "2022-01-16T09:30:00+01:00"}).encode()


def fill(disk: Path) -> None:
    """Write until the filesystem says it is full."""
    with open(disk / "filler", "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def snapshot(data: Path) -> dict:
    """What is on disk: article ids, the index queue, the original files, left-over temp files."""
    connection = sqlite3.connect(f"file:{data / 'archive.sqlite3'}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
        queue = [row[0] for row in connection.execute("SELECT article_id FROM index_queue")]
        missing = [sha for (sha,) in connection.execute("SELECT original_sha256 FROM articles")
                   if not (data / "originals" / sha[:2] / sha).is_file()]
    finally:
        connection.close()
    originals = sorted(p.name for p in (data / "originals").rglob("*") if p.is_file())
    return {"ids": ids, "queue": queue, "originals": originals, "missing_originals": missing}


def searchable(runtime, word: str) -> int:
    return runtime.search.search(SearchRequest(q=word)).total


@pytest.fixture
def server_on_small_disk(small_disk):
    """The server's runtime (index thread and all) on the small disk, with two articles."""
    from web.runtime import Runtime

    runtime = Runtime(Settings.from_env(small_disk / "data"))
    reports = runtime.ingest([story(1), story(2)], IngestOptions())
    assert [r.status for r in reports] == ["added", "added"] and all(r.searchable for r in reports)
    yield runtime
    runtime.close()


def test_a_full_disk_fails_the_upload_leaves_nothing_half_written_and_searches_go_on(server_on_small_disk,
                                                                                    small_disk):
    runtime = server_on_small_disk
    data = small_disk / "data"
    before = snapshot(data)
    fill(small_disk)

    try:
        reports = runtime.ingest([story(3)], IngestOptions())
    except OSError as exc:  # the whole batch refused: its transaction rolled back
        assert exc.errno == errno.ENOSPC
    else:
        assert [r.status for r in reports] == ["failed"] and "space" in reports[0].reason

    after = snapshot(data)
    assert after == before, "the failed upload left something behind"
    assert not any(p.name.startswith(".tmp-") for p in (data / "originals").rglob("*"))
    assert searchable(runtime, "kestrel1") == 1 and searchable(runtime, "kestrel2") == 1

    (small_disk / "filler").unlink()  # space again: the same upload now goes through
    [report] = runtime.ingest([story(3)], IngestOptions())
    assert report.status == "added" and report.searchable
    assert searchable(runtime, "kestrel3") == 1


def test_an_upload_on_a_full_disk_gets_a_clear_answer(server_on_small_disk, small_disk):
    from web import create_app

    client = create_app(runtime=server_on_small_disk).test_client()
    fill(small_disk)
    response = client.post("/api/articles", data={"files": [(io.BytesIO(story(3)[1]), "story3.json")]},
                           content_type="multipart/form-data")
    assert client.get("/api/search?q=kestrel1").get_json()["total"] == 1
    assert response.status_code == 507
    assert "disk" in response.get_json()["error"].lower()


def test_the_cli_on_a_full_disk_fails_and_leaves_nothing_half_written(server_on_small_disk, small_disk, tmp_path):
    data = small_disk / "data"
    server_on_small_disk.close()
    before = snapshot(data)
    batch = tmp_path / "batch"
    batch.mkdir()
    for n in (3, 4):
        name, content = story(n)
        (batch / name).write_bytes(content)
    fill(small_disk)
    result = subprocess.run([sys.executable, "-m", "archive", "ingest", str(batch), "--data", str(data)],
                            cwd=PROJECT, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    assert result.returncode != 0
    assert re.search(r"No space left on device|disk is full", result.stderr + result.stdout)
    assert snapshot(data) == before
    assert "Traceback" not in result.stderr


@pytest.fixture
def read_only_view(tmp_path):
    """An archive of two articles, then the same folder seen through a read-only bind mount."""
    from web.runtime import Runtime

    data = tmp_path / "data"
    runtime = Runtime(Settings.from_env(data), start_threads=False)
    runtime.ingest([story(1), story(2)], IngestOptions(), wait_seconds=0)
    runtime.indexer.index_queued()
    runtime.close()
    view = tmp_path / "view"
    view.mkdir()
    mount("--bind", str(data), str(view))
    try:
        mount("-o", "remount,bind,ro", str(view))
        with pytest.raises(OSError):
            (view / "probe").write_bytes(b"")
        yield view
    finally:
        unmount(view)


def test_a_read_only_data_folder_still_serves_searches_and_refuses_uploads(read_only_view):
    from web.runtime import Runtime

    runtime = Runtime(Settings.from_env(read_only_view), start_threads=False)
    try:
        assert searchable(runtime, "kestrel1") == 1
        with pytest.raises(OSError):
            runtime.ingest([story(3)], IngestOptions(), wait_seconds=0)
        assert searchable(runtime, "kestrel2") == 1
    finally:
        runtime.close()
