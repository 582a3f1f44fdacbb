"""Uploads are bounded as a whole: one budget of unpacked bytes for every ZIP of an upload
at every level, a nesting depth, the compression ratio of every entry, entries read one
at a time (a ZIP inside a ZIP from a temporary file), and one bad file never costs the
good ones. Also the smaller reader findings: a stray NUL byte, and invisible characters
in a file's name. The bombs are built here, small, with zipfile."""
from __future__ import annotations

import io
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

import psutil
import pytest

from archive.pipeline import IngestOptions, prepare_chunk
from archive.readers import Limits, read_file
from archive.readers.zipped import read_zip
from web.ingest import display_name

PROJECT = Path(__file__).resolve().parent.parent
WORDS = ("harbour bridge council mayor budget vote river school hospital election tram library museum "
         "ferry tunnel station market square parliament minister").split()
STORY = ("Harbour bridge reopens\n\nThe harbour bridge reopened on Monday after repairs. "
         "“We are glad it is done,” said Mayor Ann Lee.").encode()


def prose(size: int, seed: int) -> bytes:
    """Words in no particular order: text that compresses about as well as an article does."""
    chooser = random.Random(seed)
    words = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(chooser.choice(WORDS))
    return ("Story\n\n" + " ".join(words)).encode()[:size]


def zip_of(entries, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


# ----------------------------------------------------------------- one budget for all levels

def test_a_zip_and_the_zips_inside_it_share_one_budget_of_unpacked_bytes():
    # Three inner ZIPs of 10,000 bytes each, against a limit of 15,000 for the whole upload:
    # each inner ZIP alone is under it, together they are not.
    inner = [zip_of((f"story{n}.txt", prose(2_000, seed=10 * i + n)) for n in range(5)) for i in range(3)]
    outer = zip_of((f"inner{i}.zip", data) for i, data in enumerate(inner))
    items = read_file("nested.zip", outer, Limits(max_zip_total_bytes=15_000))
    read = [item for item in items if item.ok]
    refused = [item for item in items if not item.ok]
    assert 0 < len(read) < 15
    assert [item.error for item in refused] == ["ZIP uncompressed size over the limit (15,000 bytes); rest not read"]


def test_the_files_of_one_upload_share_the_budget_too():
    from archive.readers.unpacking import Unpacking

    limits = Limits(max_zip_total_bytes=15_000)
    unpacking = Unpacking.of(limits)
    first = zip_of((f"a{n}.txt", prose(2_000, seed=n)) for n in range(5))
    second = zip_of((f"b{n}.txt", prose(2_000, seed=100 + n)) for n in range(5))
    items = list(read_zip("first.zip", first, limits, unpacking)) + list(read_zip("second.zip", second, limits, unpacking))
    assert [item.ok for item in items] == [True] * 7 + [False]
    assert unpacking.bytes_used <= 15_000
    [third] = read_zip("third.zip", first, limits, unpacking)
    assert third.error == "not read: the upload's ZIPs reached the limit of 15,000 unpacked bytes"


def test_the_entries_of_all_levels_count_against_one_limit():
    inner = zip_of((f"inner{n}.txt", prose(300, seed=n)) for n in range(4))
    outer = zip_of([*((f"outer{n}.txt", prose(300, seed=10 + n)) for n in range(3)), ("more.zip", inner)])
    items = read_file("nested.zip", outer, Limits(max_upload_entries=5))
    assert [item.ok for item in items] == [True] * 3 + [True] + [False]  # more.zip itself is an entry
    assert items[-1].error == "more ZIP entries than one upload may hold (5); rest not read"


def test_zips_nest_two_deep_at_most():
    three_deep = zip_of([("b.zip", zip_of([("c.zip", zip_of([("story.txt", STORY)]))]))])
    [item] = read_file("a.zip", three_deep)
    assert item.error == "ZIP nested inside a ZIP inside a ZIP: refused"
    [story] = read_file("a.zip", zip_of([("b.zip", zip_of([("story.txt", STORY)]))]))
    assert story.ok and story.name == "a.zip/b.zip/story.txt"


# ----------------------------------------------------------------- the ratio of every entry

def test_every_entry_has_its_compression_ratio_checked_whatever_its_size():
    half_a_mebibyte_of_spaces = b" " * (512 * 1024)  # under the 1 MiB the check once started at
    [item] = read_file("spaces.zip", zip_of([("spaces.txt", half_a_mebibyte_of_spaces)]))
    assert item.error == "ZIP entry compressed more than any article would be (refused as a ZIP bomb)"


def test_small_real_articles_pass_the_ratio_check_however_they_compress():
    entries = [
        ("tiny.txt", b"Vote\n\nThe council voted."),  # 25 bytes: deflate makes it larger
        ("repetitive.txt", b"Tram news\n\n" + b"The tram runs late again today. " * 100),  # ratio about 40
        ("short.json", json.dumps({"title": "Ferry", "text": "The ferry sails at noon. " * 30}).encode()),
        ("normal.txt", prose(3_800, seed=7)),
    ]
    items = read_file("small.zip", zip_of(entries))
    assert [(item.name, item.error) for item in items if not item.ok] == []
    assert len(items) == 4


# ----------------------------------------------------------------- entries streamed, not held

def test_read_zip_yields_one_entry_at_a_time():
    from archive.readers.unpacking import Unpacking

    limits = Limits()
    unpacking = Unpacking.of(limits)
    entries = [(f"story{n}.txt", prose(5_000, seed=n)) for n in range(20)]
    items = read_zip("batch.zip", zip_of(entries), limits, unpacking)
    first = next(items)
    assert first.ok and first.name == "batch.zip/story0.txt"
    assert unpacking.bytes_used == 5_000  # the other 19 entries are not unpacked yet
    assert (unpacking.entries_done, unpacking.entries_total) == (0, 20)
    assert len(list(items)) == 19 and unpacking.bytes_used == 100_000


def open_files() -> list[str]:
    """What this process's file descriptors point at (unlinked files included, unlike psutil)."""
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the descriptor listdir itself used
            pass
    return targets


def test_a_zip_inside_a_zip_is_read_from_a_temporary_file(tmp_path):
    from archive.readers.unpacking import Unpacking

    limits = Limits()
    unpacking = Unpacking.of(limits, scratch_dir=tmp_path)
    inner = zip_of((f"story{n}.txt", prose(2_000, seed=n)) for n in range(3))
    items = read_zip("outer.zip", zip_of([("inner.zip", inner)]), limits, unpacking)
    assert next(items).name == "outer.zip/inner.zip/story0.txt"
    # While its entries are read, the inner ZIP is an open file in the scratch folder (already
    # unlinked, so nothing is left behind even by a killed process).
    open_there = [target for target in open_files() if target.startswith(str(tmp_path))]
    assert len(open_there) == 1 and open_there[0].endswith("(deleted)")
    assert len(list(items)) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_zip_directory_too_large_to_read_is_refused_before_it_is_read():
    limits = Limits(max_zip_entries=10)
    names = [(f"{'n' * 600}{i}.txt", b"x") for i in range(9)]  # 9 entries, each with a 600-character name
    [item] = read_file("long_names.zip", zip_of(names), limits)
    assert item.error.startswith("ZIP directory of") and "refused" in item.error


# ----------------------------------------------------------------- the smaller findings

def test_one_nul_byte_does_not_make_a_text_file_binary():
    text = prose(3_800, seed=3)
    damaged = text[:2_000] + b"\x00" + text[2_000:]
    [prepared] = prepare_chunk([("damaged.txt", damaged)], IngestOptions(), Limits())
    assert prepared.error is None
    assert "\x00" not in prepared.article.body and prepared.article.title == "Story"
    # NUL bytes throughout are still binary, and UTF-16 (half NULs) is still read as text.
    assert "binary content" in read_file("nul.bin", b"\x00" * 64 + b"hello" + b"\x00" * 64)[0].error
    [utf16] = read_file("utf16.txt", "Tram news\n\nThe tram runs late.".encode("utf-16-le"))
    assert utf16.ok and utf16.draft.title == "Tram news"


def test_a_file_name_loses_bidi_overrides_and_invisible_characters():
    assert display_name("invoice\u202egpj.exe") == "invoicegpj.exe"
    assert display_name("a\u200bb\u2066c\u2069\u200fd\u2028e\x85f.txt") == "abcdef.txt"
    assert display_name("Gen\u00e8ve \u05e9\u05dc\u05d5\u05dd.txt") == "Gen\u00e8ve \u05e9\u05dc\u05d5\u05dd.txt"
    assert display_name("\u202e\u200b") == "unnamed"


# ----------------------------------------------------------------- the real server

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post_files(url: str, files: list[tuple[str, bytes]]) -> tuple[int, dict]:
    boundary = uuid.uuid4().hex
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                    f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
                    for name, data in files) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=600) as response:
        return json.loads(response.read())


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(PROJECT), ARCHIVE_SEEDS=str(tmp_path / "no-seeds"))
    env.pop("ARCHIVE_UPLOAD_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", str(port),
                                "--data", str(tmp_path / "data")], cwd=PROJECT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            get_json(f"{base}/api/search?q=")
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    yield base, psutil.Process(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_zip_of_zips_of_spaces_neither_grows_the_server_nor_costs_the_good_file(server):
    """The upload that once grew the server by 1.5 GB: three ZIPs of 499 entries of 1 MiB of
    spaces each, in one ZIP, sent beside a good article and asked to be answered at once."""
    base, process = server
    spaces = zip_of((f"spaces{n:03d}.txt", b" " * (1024 * 1024)) for n in range(499))
    bomb = zip_of((f"inner{n}.zip", spaces) for n in range(3))
    warm = STORY.replace(b"Harbour bridge reopens", b"Tram line opens").replace(b"harbour bridge", b"tram line")
    assert post_files(f"{base}/api/articles?background=0", [("warm.txt", warm)])[0] == 200  # the model is loaded
    before = process.memory_info().rss
    peak = before
    stop = threading.Event()

    def watch():
        nonlocal peak
        while not stop.wait(0.05):
            peak = max(peak, process.memory_info().rss)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        status, answer = post_files(f"{base}/api/articles?background=0", [("nested.zip", bomb), ("good.txt", STORY)])
        if status == 202:  # an upload holding ZIPs that unpack further goes to a job
            deadline, job_url = time.monotonic() + 300, base + answer["api_status_url"]
            while not (answer := get_json(job_url))["settled"]:  # finished, and its articles indexed
                assert time.monotonic() < deadline, answer
                time.sleep(0.2)
            assert answer["status"] == "done"
    finally:
        stop.set()
        watcher.join()
    assert peak - before < 200 * 1024 * 1024, f"the server grew by {(peak - before) // 2**20} MB"
    print(f"\nnested ZIP of spaces: the server grew by {(peak - before) / 2**20:.0f} MB")
    assert status in (200, 202)
    reports = answer["files"]
    [good] = [r for r in reports if r["file"] == "good.txt"]
    assert good["status"] == "added"
    refused = [r for r in reports if r["file"].startswith("nested.zip/")]
    assert len(refused) == 3 * 499 and all("ZIP bomb" in r["reason"] for r in refused)
    assert get_json(f"{base}/api/search?q=harbour+bridge")["total"] == 1
