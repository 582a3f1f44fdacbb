"""Concurrency against the real server: `python -m archive serve` (waitress, loopback
only) on a fresh archive, N uploaders POSTing small generated articles to
/api/articles and M searchers GETting /api/search, for a while. An upload sent with
background=0 may still be answered 202 when the model is busy (a background job): the
uploader then follows the job to its reports, counted in the upload's latency.

    .venv/bin/python bench/concurrency.py                          # 8 uploaders, 32 searchers, 60 s
    .venv/bin/python bench/concurrency.py --duration 5 --uploaders 2 --searchers 4 --json

Counts answers by class (2xx/4xx/5xx; a 503 from the costly-search gate apart) and latencies, looks for LockError in the
server's log, and at the end compares the store (`python -m archive stats`, after the
server has stopped) with the uploads the server acknowledged as added. Exit status 0
when there was no 5xx, no LockError, nothing lost or duplicated, and searches kept
answering. tests/test_concurrency.py runs a short version.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORDS = ("harbour bridge council mayor budget vote river school hospital election tram "
         "library museum harbourmaster ferry tunnel").split()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(url: str, body: bytes | None = None, content_type: str | None = None,
            timeout: float = 120) -> tuple[int, dict | None]:
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"null")
        except ValueError:
            return error.code, None


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[str, int] = {}
        self.latencies: dict[str, list[float]] = {"upload": [], "search": []}
        self.added: dict[int, str] = {}  # article id -> file name, as acknowledged
        self.duplicate_acks = 0
        self.jobs = 0  # uploads answered 202 (as a background job) and followed to the end
        self.failures: list[str] = []
        self.search_times: list[float] = []  # when each search answered (monotonic)

    def count(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            # A 503 is the costly-search gate refusing a wildcard search while two run (with
            # Retry-After): an answer by design, counted apart from server errors.
            key = "503 busy" if status == 503 else f"{status // 100}xx"
            self.statuses[key] = self.statuses.get(key, 0) + 1
            self.latencies[kind].append(seconds)
            if kind == "search" and status == 200:
                self.search_times.append(time.monotonic())


def uploader(base: str, stop: threading.Event, tally: Tally, number: int) -> None:
    sequence = 0
    while not stop.is_set():
        sequence += 1
        name = f"u{number:02d}-{sequence:05d}.json"
        token = f"zq{number:02d}x{sequence:05d}"
        article = {"title": f"Council report {token}",
                   "text": f"The council met on Monday about the {random.choice(WORDS)} ({token}). "
                           f"“We will decide soon,” said Mayor Ann Lee.",
                   "published": "2022-01-16T09:30:00+01:00", "source": "Harbour Gazette"}
        body, content_type = multipart([(name, json.dumps(article).encode())])
        started = time.monotonic()
        status, answer = request(f"{base}/api/articles?background=0", body, content_type)
        if status == 202 and answer:  # the model was busy: the upload became a job, followed here
            with tally.lock:
                tally.jobs += 1
            status, answer = follow_job(base, answer["api_status_url"])
        tally.count("upload", status, time.monotonic() - started)
        if status != 200 or not answer:
            tally.failures.append(f"upload {name}: {status} {answer}")
            continue
        for report in answer.get("files", []):
            with tally.lock:
                if report["status"] == "added":
                    if report["article_id"] in tally.added:
                        tally.duplicate_acks += 1
                    tally.added[report["article_id"]] = name
                else:
                    tally.failures.append(f"upload {name}: {report['status']} {report.get('reason')}")


def follow_job(base: str, status_url: str, timeout: float = 300) -> tuple[int, dict | None]:
    """(200, the job's answer with its `files`) once it is done; (500, it) if it failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, job = request(base + status_url)
        if status == 200 and job["finished"]:
            return (200 if job["status"] == "done" else 500), job
        time.sleep(0.1)
    return 504, None


def searcher(base: str, stop: threading.Event, tally: Tally) -> None:
    while not stop.is_set():
        q = random.choice(WORDS + ["", "mayor AND council", '"Ann Lee"', "zq0*", "speaker:lee", "(", "date:2022"])
        started = time.monotonic()
        status, answer = request(f"{base}/api/search?" + urllib.parse.urlencode({"q": q}))
        tally.count("search", status, time.monotonic() - started)
        if status >= 500 and status != 503:
            tally.failures.append(f"search {q!r}: {status} {answer}")


def percentile(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(p * len(values)))] if values else 0.0


def longest_gap(times: list[float], start: float, end: float) -> float:
    """The longest stretch in which no search answered."""
    points = [start] + sorted(t for t in times if start <= t <= end) + [end]
    return max(b - a for a, b in zip(points, points[1:]))


def run(duration: float, uploaders: int, searchers: int, keep: bool = False) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="concurrency-"))
    data = folder / "data"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = folder / "server.log"
    # Every client here is one loopback address: the per-client rate limit is off, as this
    # measures concurrency (bench/hostile.py measures the limits, one address per client).
    env = dict(os.environ, PYTHONPATH=str(PROJECT), ARCHIVE_SEEDS=str(PROJECT / "seeds"), PYTHONUNBUFFERED="1",
               ARCHIVE_RATE_LIMIT="0", ARCHIVE_COSTLY_SEARCH_RATE="0")
    env.pop("ARCHIVE_UPLOAD_TOKEN", None)
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--host", "127.0.0.1",
                                   "--port", str(port), "--data", str(data)],
                                  cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if request(f"{base}/api/search?q=", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        seeded = request(f"{base}/api/search?q=")[1]["total"]

        tally = Tally()
        stop = threading.Event()
        threads = [threading.Thread(target=uploader, args=(base, stop, tally, n)) for n in range(uploaders)]
        threads += [threading.Thread(target=searcher, args=(base, stop, tally)) for _ in range(searchers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        ended = time.monotonic()

        expected = seeded + len(tally.added)
        deadline = time.monotonic() + 60  # the index thread catches up within seconds
        while request(f"{base}/api/search?q=")[1]["total"] < expected and time.monotonic() < deadline:
            time.sleep(0.5)
        indexed = request(f"{base}/api/search?q=")[1]["total"]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stats = json.loads(subprocess.run([sys.executable, "-m", "archive", "stats", "--data", str(data)], cwd=PROJECT,
                                      env=env, capture_output=True, text=True, check=True).stdout)
    server_log = log_path.read_text(errors="replace")
    result = {
        "duration_s": round(ended - started, 1),
        "uploaders": uploaders,
        "searchers": searchers,
        "requests": sum(tally.statuses.values()),
        "uploads": len(tally.latencies["upload"]),
        "searches": len(tally.latencies["search"]),
        "statuses": tally.statuses,
        "upload_latency_ms": {"median": round(1000 * statistics.median(tally.latencies["upload"] or [0])),
                              "p95": round(1000 * percentile(tally.latencies["upload"], 0.95)),
                              "max": round(1000 * max(tally.latencies["upload"] or [0]))},
        "search_latency_ms": {"median": round(1000 * statistics.median(tally.latencies["search"] or [0])),
                              "p95": round(1000 * percentile(tally.latencies["search"], 0.95)),
                              "max": round(1000 * max(tally.latencies["search"] or [0]))},
        "longest_search_gap_ms": round(1000 * longest_gap(tally.search_times, started, ended)),
        "seed_articles": seeded,
        "uploads_acknowledged_added": len(tally.added),
        "uploads_answered_as_jobs": tally.jobs,
        "duplicate_acknowledgements": tally.duplicate_acks,
        "store_articles": stats["articles"],
        "index_queue": stats["index_queue"],
        "api_total_before_stop": indexed,
        "lock_errors_in_log": server_log.count("LockError"),
        "tracebacks_in_log": server_log.count("Traceback"),
        "failures": tally.failures[:20],
        "data": str(data),
    }
    result["lost_or_duplicated"] = stats["articles"] - expected
    result["ok"] = (tally.statuses.get("5xx", 0) == 0 and result["lock_errors_in_log"] == 0
                    and result["lost_or_duplicated"] == 0 and tally.duplicate_acks == 0
                    and indexed >= expected and result["searches"] > 0 and not tally.failures)
    # What GET /api/search says against what is stored (re-indexed articles once counted twice).
    result["api_total_minus_store"] = indexed - stats["articles"]
    if not keep and result["ok"]:
        subprocess.run(["rm", "-rf", str(folder)])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--uploaders", type=int, default=8)
    parser.add_argument("--searchers", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--keep", action="store_true", help="keep the archive folder")
    args = parser.parse_args()
    result = run(args.duration, args.uploaders, args.searchers, keep=args.keep)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:28} {value}")
        print("errors: 0" if result["ok"] else "FAIL")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
