"""Hostile uploads against the real server: how much a ZIP of ZIPs grows it, and whether
small uploads and searches still get answered while a long job runs.

    .venv/bin/python bench/upload_bounds.py nested [--inner 3] [--entries 499] [--background 0]
    .venv/bin/python bench/upload_bounds.py starvation [--job-entries 1000] [--uploads 10]

`nested` starts `python -m archive serve` on a fresh archive, sends one request holding a
ZIP of `--inner` ZIPs, each of `--entries` entries of 1 MiB of spaces (about 1 KB each
compressed; `--content sparse`: 1 MiB that compresses 170 to 1, under the ratio check,
to spend the upload's budget of unpacked bytes), and beside it one good article; it samples the server's resident memory
(psutil, every 50 ms) from before the request until the answer (and, for a job, until the
job is finished), and says whether the good article was stored.

`starvation` sends a ZIP of `--job-entries` small articles as a background job, waits for
it to run, then sends `--uploads` one-article uploads with `background=0` at once and,
a moment later, one search; it reports each answer's status and time, and the job's
progress when they were answered. Both print one JSON object.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.concurrency import multipart, request  # noqa: E402
from bench.hostile import PeakMemory, zip_of  # noqa: E402
from bench.live_server import LiveServer  # noqa: E402

GOOD = json.dumps({"title": "Lighthouse keeper retires", "published": "2022-01-16T09:30:00+01:00",
                   "text": "The last keeper of the Eastholm lighthouse retired on Friday. "
                           "“It was a quiet life,” said Ruth Abernethy."}).encode()


def start_server(folder: Path) -> LiveServer:
    server = LiveServer(folder / "data", folder / "server.log").start()
    server.wait_until_answering()
    return server


def entry_content(kind: str) -> bytes:
    """1 MiB: spaces (deflate: about 1,000 to 1), or control bytes with a letter every 600
    bytes (about 170 to 1: under the ratio check, so it is unpacked and spends the
    upload's budget, then refused as binary without reaching the model)."""
    if kind == "spaces":
        return b" " * (1024 * 1024)
    content = bytearray(b"\x01" * (1024 * 1024))
    chooser = random.Random(1)
    for i in range(0, len(content), 600):
        content[i] = chooser.choice(b"abcdefghijklmnopqrstuvwxyz")
    return bytes(content)


def nested_bomb(inner: int, entries: int, kind: str = "spaces") -> bytes:
    content = entry_content(kind)
    one_inner = zip_of((f"{kind}{n:04d}.txt", content) for n in range(entries))
    return zip_of((f"inner{n}.zip", one_inner) for n in range(inner))


def follow_job(server: LiveServer, answer: dict, timeout: float = 1800) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status, job = request(server.base + answer["api_status_url"])
        if status == 200 and job["finished"] or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def run_nested(args) -> dict:
    bomb = nested_bomb(args.inner, args.entries, args.content)
    with tempfile.TemporaryDirectory(prefix="upload-bounds-") as folder:
        server = start_server(Path(folder))
        try:
            before = server.rss()
            peak = PeakMemory(server)
            peak.start()
            body, content_type = multipart([("nested.zip", bomb), ("good.json", GOOD)])
            started = time.monotonic()
            status, answer = request(f"{server.base}/api/articles?background={args.background}", body,
                                     content_type, timeout=1800)
            answered = time.monotonic() - started
            job = follow_job(server, answer) if status == 202 and answer else None
            finished = time.monotonic() - started
            peak.stopping.set()
            peak.join()
            found = request(f"{server.base}/api/search?q=lighthouse+keeper")[1]
            reports = (job or answer or {}).get("files") or []
            counts: dict[str, int] = {}
            for report in reports:
                counts[report["status"]] = counts.get(report["status"], 0) + 1
            return {
                "upload_bytes": len(bomb),
                "inner_zips": args.inner, "entries_each": args.entries, "content": args.content,
                "status": status, "answered_s": round(answered, 1), "finished_s": round(finished, 1),
                "job_status": job and job["status"], "job_error": job and job.get("error"),
                "server_rss_before_mb": round(before / 2**20), "server_rss_peak_mb": round(peak.peak / 2**20),
                "rss_growth_mb": round((peak.peak - before) / 2**20),
                "report_counts": counts,
                "reasons": sorted({r.get("reason") for r in reports if r.get("reason")})[:5],
                "good_article_searchable": bool(found and found.get("total")),
            }
        finally:
            server.stop()


def run_starvation(args) -> dict:
    articles = [(f"story{n:05d}.json", json.dumps({
        "title": f"Harbour report {n}", "published": "2022-01-16T09:30:00+01:00",
        "text": f"The harbour board met on Monday about berth {n}. “We will decide soon,” said Ann Lee."}).encode())
        for n in range(args.job_entries)]
    with tempfile.TemporaryDirectory(prefix="upload-bounds-") as folder:
        server = start_server(Path(folder))
        try:
            body, content_type = multipart([("big.zip", zip_of(articles))])
            status, accepted = request(f"{server.base}/api/articles?background=1", body, content_type)
            job_url = server.base + accepted["api_status_url"]
            while request(job_url)[1]["status"] == "queued":
                time.sleep(0.1)
            time.sleep(2)  # well into the job
            answers: list[dict] = []

            def small_upload(n: int) -> None:
                one = json.dumps({"title": f"Tiny note {n}", "text": f"A tiny note number {n} about the tram."})
                body, content_type = multipart([(f"tiny{n}.json", one.encode())])
                started = time.monotonic()
                status, answer = request(f"{server.base}/api/articles?background=0", body, content_type, timeout=600)
                answers.append({"status": status, "seconds": round(time.monotonic() - started, 2),
                                "job": bool(answer and answer.get("job"))})

            threads = [threading.Thread(target=small_upload, args=(n,)) for n in range(args.uploads)]
            for thread in threads:
                thread.start()
            time.sleep(0.5)
            started = time.monotonic()
            search_status, _ = request(f"{server.base}/api/search?q=harbour", timeout=600)
            search_seconds = time.monotonic() - started
            for thread in threads:
                thread.join()
            job = request(job_url)[1]
            return {
                "job_entries": args.job_entries, "uploads": args.uploads,
                "search_status": search_status, "search_s": round(search_seconds, 2),
                "upload_statuses": sorted(a["status"] for a in answers),
                "upload_s_max": max(a["seconds"] for a in answers),
                "uploads_turned_into_jobs": sum(a["job"] for a in answers),
                "big_job_when_answered": {k: job.get(k) for k in ("status", "done", "total", "entries_done",
                                                                  "entries_total", "progress")},
            }
        finally:
            server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scenarios = parser.add_subparsers(dest="scenario", required=True)
    nested = scenarios.add_parser("nested")
    nested.add_argument("--inner", type=int, default=3)
    nested.add_argument("--entries", type=int, default=499)
    nested.add_argument("--background", default="0")
    nested.add_argument("--content", choices=("spaces", "sparse"), default="spaces")
    starvation = scenarios.add_parser("starvation")
    starvation.add_argument("--job-entries", type=int, default=1000)
    starvation.add_argument("--uploads", type=int, default=10)
    args = parser.parse_args()
    result = run_nested(args) if args.scenario == "nested" else run_starvation(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
