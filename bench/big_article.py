"""One huge article against a real server: what storing, indexing, searching and showing
it cost, whether small uploads sent after it wait for it, and how long a restart with it
still queued for the index takes before the server listens.

A generated JSON Lines file of one article (hand-written sentences with quotations
repeated to ~49 MB, under the 50 MB file limit; a word only in its first paragraph and
another only in its last) is uploaded to `python -m archive serve` on a fresh archive:

    .venv/bin/python bench/big_article.py                # this checkout
    .venv/bin/python bench/big_article.py --json         # the figures as JSON

`--project DIR` runs the server (and the store step of the restart) from another checkout,
so the same figures can be taken before a change, e.g. the code before bodies were bounded:

    mkdir /tmp/before && git archive 0f6d0a5 | tar -x -C /tmp/before
    .venv/bin/python bench/big_article.py --project /tmp/before

Times are wall-clock on whatever else the machine is doing; run it on an idle machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SENTENCES = (
    "The minister said “we will act on the budget” on Tuesday, and officials in Leeds agreed.",
    "Maria Lopez, a spokeswoman for the council, told reporters the plan would cost three million pounds.",
    "“Nothing has been decided yet,” said John Carter, the union leader, after the meeting.",
    "Talks resumed in Brussels after a pause of several months.",
    "Residents wrote to the council about the closure of the library on Market Street.",
)
FIRST_WORD = "zephyrine"  # only in the first paragraph
LAST_WORD = "quillwort"  # only in the last
SMALL_UPLOADS = 5
DEADLINE_SECONDS = 900
READ_TIMEOUT_SECONDS = 300  # a search or a page taking longer is reported as timed out


def big_article(chars: int) -> bytes:
    """One JSON line: paragraphs of five sentences, `chars` characters of body in all."""
    paragraph = " ".join(SENTENCES)
    count = max(2, chars // (len(paragraph) + 2))
    paragraphs = [f"The {FIRST_WORD} report opened the session. {paragraph}"]
    paragraphs += [paragraph] * (count - 2)
    paragraphs.append(f"{paragraph} The {LAST_WORD} motion closed it.")
    record = {"title": "A very long record of the council", "text": "\n\n".join(paragraphs),
              "published": "2024-03-01T09:00:00+00:00", "source": "Bench Gazette"}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def small_article(n: int) -> bytes:
    return json.dumps({"title": f"Ferry timetable osprey{n:03d}", "published": "2024-03-02T09:00:00+00:00",
                       "text": f"The ferry ran late on Monday, trip {n}. “We are sorry,” said Captain Tom Okafor."}
                      ).encode("utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url: str, files: list[tuple[str, bytes]] | None = None, timeout: float = 600) -> tuple[int, bytes]:
    body, headers = None, {}
    if files is not None:
        boundary = "big-article-bench"
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'
                        .encode() + data + b"\r\n" for name, data in files) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def timed(url: str) -> tuple[int | None, bytes, float | None]:
    """(status, body, seconds) of a GET; (None, b"", None) when it took over READ_TIMEOUT_SECONDS."""
    started = time.perf_counter()
    try:
        status, body = request(url, timeout=READ_TIMEOUT_SECONDS)
    except TimeoutError:
        return None, b"", None
    return status, body, round(time.perf_counter() - started, 2)


class Server:
    """`python -m archive serve` from `project` on a free port, killed with SIGKILL."""

    def __init__(self, project: Path, data: Path, seeds: Path):
        self.base = f"http://127.0.0.1:{free_port()}"
        env = dict(os.environ, PYTHONPATH=str(project), ARCHIVE_SEEDS=str(seeds))
        env.pop("ARCHIVE_UPLOAD_TOKEN", None)
        self.log = open(data.parent / f"{data.name}-server.log", "w")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "archive", "serve", "--port", self.base.rsplit(":", 1)[1], "--data", str(data)],
            cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_listening(self) -> float:
        """Seconds from start until /api/search answers."""
        while time.perf_counter() - self.started < DEADLINE_SECONDS:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server ended; see {self.log.name}")
            try:
                if request(f"{self.base}/api/search?q=", timeout=5)[0] == 200:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not listen")

    def total(self, query: str) -> int:
        status, body = request(f"{self.base}/api/search?{urllib.parse.urlencode({'q': query})}")
        return json.loads(body)["total"] if status == 200 else -1

    def wait_found(self, query: str, since: float) -> float:
        """Seconds from `since` until a search for `query` finds an article."""
        while time.perf_counter() - since < DEADLINE_SECONDS:
            if self.total(query) > 0:
                return time.perf_counter() - since
            time.sleep(0.2)
        return float("nan")

    def upload(self, name: str, data: bytes) -> tuple[dict, float]:
        """POST one file; its report and the seconds until it is stored (following a job)."""
        started = time.perf_counter()
        status, body = request(f"{self.base}/api/articles", files=[(name, data)])
        if status not in (200, 202):
            raise RuntimeError(f"upload of {name}: {status} {body[:300]!r}")
        answer = json.loads(body)
        if status == 202:  # a background job: follow it until it is done
            job_url = self.base + answer["api_status_url"]
            while answer.get("status") in ("queued", "running"):
                time.sleep(0.2)
                answer = json.loads(request(job_url)[1])
        return answer["files"][0], time.perf_counter() - started

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.log.close()


def store_without_indexing(project: Path, data: Path, name: str, path: Path) -> None:
    """Store the file with `project`'s code and leave it queued for the index, as a server
    killed before it indexed it leaves it."""
    script = ("import sys; from pathlib import Path; from archive.store import Store; "
              "from archive.pipeline import Ingester; "
              "store = Store(sys.argv[1]); "
              "Ingester(store).ingest([(sys.argv[2], Path(sys.argv[3]).read_bytes())]); store.close()")
    subprocess.run([sys.executable, "-c", script, str(data), name, str(path)], cwd=project, check=True,
                   env=dict(os.environ, PYTHONPATH=str(project)))


def measure(project: Path, chars: int, work: Path, say) -> dict:
    seeds = work / "no-seeds"
    seeds.mkdir()
    big = big_article(chars)
    big_file = work / "big.jsonl"
    big_file.write_bytes(big)
    figures: dict = {"project": str(project), "file_bytes": len(big)}
    say(f"file: {len(big):,} bytes")

    server = Server(project, work / "data", seeds)
    try:
        figures["fresh_start_seconds"] = round(server.wait_listening(), 1)
        report, seconds = server.upload("big.jsonl", big)
        stored_at = time.perf_counter()
        article_id = report["article_id"]
        figures["store_seconds"] = round(seconds, 1)
        figures["quotes_found"] = report.get("quotes")
        say(f"stored in {seconds:.1f} s ({report['status']}, {report.get('quotes')} quotations)")
        small_stored = []
        for n in range(SMALL_UPLOADS):
            server.upload(f"small{n}.json", small_article(n))
            small_stored.append(time.perf_counter())
        small_waits = [server.wait_found(f"osprey{n:03d}", at) for n, at in enumerate(small_stored)]
        figures["small_uploads_searchable_after_seconds_max"] = round(max(small_waits), 1)
        figures["index_seconds"] = round(server.wait_found(FIRST_WORD, stored_at), 1)
        say(f"searchable {figures['index_seconds']} s after it was stored; small uploads sent after it: "
            f"searchable within {figures['small_uploads_searchable_after_seconds_max']} s")
        # A word only in its first paragraph, and words in every one (a snippet's worst case).
        searches = (("search_rare_word_seconds", FIRST_WORD), ("search_common_words_seconds", "minister+council"))
        for key, query in searches:
            figures[key] = timed(f"{server.base}/api/search?q={query}")[2]
        figures["last_word_found"] = server.total(LAST_WORD) > 0
        for key, path in (("page", f"/articles/{article_id}"), ("json", f"/api/articles/{article_id}"),
                          ("text", f"/articles/{article_id}/text")):
            status, body, seconds = timed(server.base + path)
            figures[f"{key}_status"], figures[f"{key}_bytes"], figures[f"{key}_seconds"] = status, len(body), seconds
        say(f"search {figures['search_rare_word_seconds']} s (a rare word), {figures['search_common_words_seconds']} s "
            f"(words in every paragraph; None: over {READ_TIMEOUT_SECONDS} s); page {figures['page_bytes']:,} bytes in "
            f"{figures['page_seconds']} s; JSON {figures['json_bytes']:,} bytes in {figures['json_seconds']} s; "
            f"text {figures['text_status']} {figures['text_bytes']:,} bytes; "
            f"a word only at the end found: {figures['last_word_found']}")
    finally:
        server.kill()

    queued = work / "queued"
    store_without_indexing(project, queued, "big.jsonl", big_file)
    server = Server(project, queued, seeds)
    try:
        figures["restart_to_listening_seconds"] = round(server.wait_listening(), 1)
        figures["restart_to_searchable_seconds"] = round(server.wait_found(FIRST_WORD, server.started), 1)
        say(f"restart with it queued: listening after {figures['restart_to_listening_seconds']} s, "
            f"it searchable after {figures['restart_to_searchable_seconds']} s")
    finally:
        server.kill()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=48_000_000, help="characters of body (default 48,000,000)")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the checkout to run (default: this one)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the archives and server logs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="big-article-"))
    say = (lambda line: None) if args.json else print
    try:
        figures = measure(args.project.resolve(), args.chars, work, say)
    finally:
        if args.keep:
            print(f"kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
