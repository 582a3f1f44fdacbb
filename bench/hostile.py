"""Hostile load against a real server (issue 25): what an attacker or a careless client can
cost everyone else. Three parts, each on its own `python -m archive serve` on loopback:

    .venv/bin/python bench/hostile.py search  [--duration 60] [--attackers 8] [--searchers 32]
    .venv/bin/python bench/hostile.py uploads
    .venv/bin/python bench/hostile.py restart
    .venv/bin/python bench/hostile.py all     # the three, one after the other

- search: the BBC corpus (../shared/corpora/bbc, ingested once into bench/.cache/hostile-bbc)
  served with ARCHIVE_PROXIES=1, every simulated client sending its own X-Forwarded-For
  address (as behind a reverse proxy). First the normal searchers alone, then beside
  attackers sending `q=*`, `title:*`, leading wildcards, fuzzy words, ranges, deep pages
  and exports as fast as they are answered. Normal latency (median, p95, max) both ways,
  5xx count, the attackers' answers by status and their slowest answer, and the server's
  CPU time in the 10 s after every client stopped.
- uploads: a fresh archive; a nested ZIP bomb (3 inner ZIPs of 499 entries of 1 MiB of
  spaces), a larger one (20 inner ZIPs), a flat one (5,000 such entries) and a 49 MB
  single-line JSON article, each with a good article in the same request, while a small
  uploader sends one new article a second and times how long each takes to be
  searchable. The server's peak resident memory over its baseline (psutil, every 50 ms).
- restart: a 49 MB article and a small one stored but not indexed (as after a kill -9),
  then the server started: seconds until it answers, until the small one is searchable,
  and until the big one is.

Prints one JSON object per part (and a line of text per figure with --text).
"""
from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_server import PROJECT, LiveServer, call  # noqa: E402
from bench.locations import BBC_CORPUS, CACHE  # noqa: E402

NORMAL_QUERIES = ("election", "Blair", "music award", '"prime minister"', "mobile phone", "economy growth",
                  "film", "chelsea", "tax", "speaker:blair", "court ruling", "oil price", "")
NORMAL_FILTERS = ("", "&sort=newest", "&person=Tony+Blair", "&place=London")
ATTACKS = ("/api/search?q=*&per_page=1", "/api/search?q=title:*", "/api/search?q=body:*", "/api/search?q=*ab",
           "/api/search?q=*e*", "/api/search?q=?ar*", "/api/search?q=gove~2", "/api/search?q=body:[a+TO+zz]",
           "/api/quotes?q=*", "/api/search?q=the&page=500&per_page=100", "/search/export.csv?q=the",
           "/api/search?q=" + urllib.parse.quote(" OR ".join(f"{c}{d}*" for c in "abcdefgh" for d in "aeiou")),
           "/api/search?q=" + urllib.parse.quote('"the * of"~10'))
MIB_OF_SPACES = b" " * 2 ** 20


def percentile(values: list[float], p: float) -> float:
    return sorted(values)[min(len(values) - 1, int(p * len(values)))] if values else 0.0


def latency_summary(values: list[float]) -> dict:
    return {"count": len(values), "median_ms": round(1000 * statistics.median(values or [0])),
            "p95_ms": round(1000 * percentile(values, 0.95)), "max_ms": round(1000 * max(values or [0]))}


def forwarded(address: str) -> dict:
    return {"X-Forwarded-For": address}


# Search ------------------------------------------------------------------------------

def bbc_archive(log) -> Path:
    """bench/.cache/hostile-bbc: the BBC corpus ingested once, reused by later runs."""
    folder = CACHE / "hostile-bbc"
    marker = folder / "ingested.json"
    if marker.exists():
        return folder / "data"
    if not BBC_CORPUS.is_dir():
        raise SystemExit(f"the BBC corpus is not at {BBC_CORPUS} (set BENCH_BBC): the search part needs it")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    log(f"ingesting {BBC_CORPUS} into {folder} (once) ...")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "archive", "ingest", str(BBC_CORPUS), "--data", str(folder / "data")],
                   cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)
    marker.write_text(json.dumps({"corpus": str(BBC_CORPUS), "seconds": round(time.monotonic() - started)}))
    return folder / "data"


class Clients:
    """Threads that send requests until stopped, each as its own client address."""

    def __init__(self):
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        self.latencies: dict[str, list[float]] = {}
        self.statuses: dict[str, dict[int, int]] = {}
        self.messages: dict[str, dict[str, int]] = {}  # kind -> "status: error" -> count

    def record(self, kind: str, status: int, seconds: float, answer) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            by_status = self.statuses.setdefault(kind, {})
            by_status[status] = by_status.get(status, 0) + 1
            if status != 200:
                error = (answer or {}).get("error", "") if isinstance(answer, dict) else ""
                key = f"{status}: {error[:70]}"
                messages = self.messages.setdefault(kind, {})
                messages[key] = messages.get(key, 0) + 1

    def add(self, kind: str, base: str, paths, address: str) -> None:
        def loop():
            rng = random.Random(address)
            while not self.stop.is_set():
                path = rng.choice(paths)
                started = time.monotonic()
                try:
                    status, answer, _ = call(base + path, headers=forwarded(address), timeout=120)
                except OSError:
                    status, answer = 0, None  # no answer at all
                self.record(kind, status, time.monotonic() - started, answer)
                if status == 429:  # a well-behaved client waits a little; an attacker does not
                    self.stop.wait(0.05 if kind == "attack" else 1.0)
        self.threads.append(threading.Thread(target=loop, daemon=True))

    def run(self, seconds: float) -> None:
        for thread in self.threads:
            thread.start()
        time.sleep(seconds)
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=180)


def normal_paths() -> list[str]:
    return [f"/api/search?q={urllib.parse.quote(q)}{f}" for q in NORMAL_QUERIES for f in NORMAL_FILTERS]


def search_part(duration: float, attackers: int, searchers: int, baseline: float, log) -> dict:
    data = bbc_archive(log)
    work = Path(tempfile.mkdtemp(prefix="hostile-search-"))
    server = LiveServer(data, work / "server.log", env={"ARCHIVE_PROXIES": "1"}, seeds=False).start()
    try:
        server.wait_until_answering()
        articles = call(f"{server.base}/api/search?q=&per_page=1")[1]["total"]
        log(f"{articles:,} articles; {searchers} normal searchers alone for {baseline:.0f} s ...")
        calm = Clients()
        for n in range(searchers):
            calm.add("normal", server.base, normal_paths(), f"10.77.0.{n + 1}")
        calm.run(baseline)
        log(f"... then beside {attackers} attackers for {duration:.0f} s ...")
        stormy = Clients()
        for n in range(searchers):
            stormy.add("normal", server.base, normal_paths(), f"10.77.0.{n + 1}")
        for n in range(attackers):
            stormy.add("attack", server.base, list(ATTACKS), f"10.66.0.{n + 1}")
        stormy.run(duration)
        before = server.cpu_seconds()
        time.sleep(10)
        after_stop = server.cpu_seconds() - before
        tracebacks = server.log_text().count("Traceback")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    five_hundreds = sum(n for kind in stormy.statuses.values() for s, n in kind.items() if s >= 500 and s != 503)
    return {
        "part": "search", "articles": articles, "attackers": attackers, "searchers": searchers,
        "normal_alone": latency_summary(calm.latencies.get("normal", [])),
        "normal_under_attack": latency_summary(stormy.latencies.get("normal", [])),
        "normal_statuses_under_attack": stormy.statuses.get("normal", {}),
        "attack_statuses": stormy.statuses.get("attack", {}),
        "refusals": stormy.messages,
        "attack_latency": latency_summary(stormy.latencies.get("attack", [])),
        "server_errors_5xx_not_503": five_hundreds,
        "server_cpu_s_in_10_s_after_clients_stopped": round(after_stop, 2),
        "tracebacks_in_log": tracebacks,
    }


# Uploads --------------------------------------------------------------------------------

def zip_of(entries) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def nested_bomb(inner: int, entries: int) -> bytes:
    one = zip_of((f"page-{n:04d}.txt", MIB_OF_SPACES) for n in range(entries))
    return zip_of((f"inner-{n:02d}.zip", one) for n in range(inner))


def flat_bomb(entries: int) -> bytes:
    return zip_of((f"page-{n:05d}.txt", MIB_OF_SPACES) for n in range(entries))


def big_article(megabytes: int = 49) -> bytes:
    sentence = ("The council met on Tuesday and “we will decide on the harbour soon,” said Mayor Ann Lee, "
                "while officials in Eastholm agreed. ")
    text = sentence * (megabytes * 2 ** 20 // len(sentence.encode()))
    return json.dumps({"title": "A very long council report", "text": text,
                       "published": "2022-01-16T09:30:00+01:00"}, ensure_ascii=False).encode()


def good_article(token: str) -> bytes:
    return json.dumps({"title": f"Lighthouse keeper {token} retires", "published": "2022-01-16T09:30:00+01:00",
                       "text": f"The keeper {token} of the Eastholm light retired on Friday. "
                               "“It was a quiet life,” said Ruth Abernethy."}).encode()


def multipart(files: list[tuple[str, bytes]], fields: dict | None = None) -> tuple[bytes, dict]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in (fields or {}).items()]
    for name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


class PeakMemory(threading.Thread):
    def __init__(self, server: LiveServer):
        super().__init__(daemon=True)
        self.server = server
        self.baseline = server.rss()
        self.peak = self.baseline
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.05):
            try:
                self.peak = max(self.peak, self.server.rss())
            except Exception:  # the process is gone
                return


def searchable(base: str, token: str) -> bool:
    query = urllib.parse.quote(token)
    return (call(f"{base}/api/search?q={query}&per_page=1", timeout=60)[1] or {}).get("total", 0) > 0


def eventually_searchable(base: str, token: str, limit: float = 60) -> bool:
    """Searchable within `limit` seconds (the index thread commits what a job stored)."""
    deadline = time.monotonic() + limit
    while not searchable(base, token):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def wait_for_job(base: str, answer: dict, limit: float) -> dict:
    deadline = time.monotonic() + limit
    status = answer
    while time.monotonic() < deadline:
        status = call(base + answer["api_status_url"], timeout=60)[1] or {}
        if status.get("finished"):
            break
        time.sleep(0.5)
    return status


def file_outcomes(answer: dict) -> dict:
    files = answer.get("files") or []
    counts: dict[str, int] = {}
    for report in files:
        counts[report["status"]] = counts.get(report["status"], 0) + 1
    reasons = sorted({r.get("reason") for r in files if r.get("reason")})[:3]
    return {"counts": counts, "reasons": reasons}


def small_uploader(base: str, stop: threading.Event, times: list[float], statuses: dict) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        token = f"smallz{number:04d}q"
        started = time.monotonic()
        body, headers = multipart([(f"{token}.json", good_article(token))])
        status, answer, _ = call(f"{base}/api/articles", body, headers={**headers, **forwarded("10.88.0.1")})
        statuses[status] = statuses.get(status, 0) + 1
        while not stop.is_set() and time.monotonic() - started < 600:
            if searchable(base, token):
                times.append(time.monotonic() - started)
                break
            time.sleep(0.25)
        stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))


def uploads_part(log) -> dict:
    work = Path(tempfile.mkdtemp(prefix="hostile-uploads-"))
    server = LiveServer(work / "data", work / "server.log", env={"ARCHIVE_PROXIES": "1"}).start()
    attacks = {
        "nested bomb, 3 x 499 x 1 MiB": lambda: nested_bomb(3, 499),
        "nested bomb, 20 x 499 x 1 MiB": lambda: nested_bomb(20, 499),
        "flat bomb, 5,000 x 1 MiB": lambda: flat_bomb(5000),
        "49 MB JSON article": big_article,
    }
    results = {}
    try:
        server.wait_until_answering()
        memory = PeakMemory(server)
        memory.start()
        stop, times, small_statuses = threading.Event(), [], {}
        small = threading.Thread(target=small_uploader, args=(server.base, stop, times, small_statuses), daemon=True)
        small.start()
        for n, (label, make) in enumerate(attacks.items()):
            payload = make()
            token = f"goodz{n:02d}q"
            body, headers = multipart([(f"attack-{n}.zip" if "bomb" in label else "big.json", payload),
                                       (f"{token}.json", good_article(token))])
            log(f"{label}: {len(payload):,} bytes sent ...")
            peak_before = memory.peak
            memory.peak = memory.server.rss()
            started = time.monotonic()
            status, answer, _ = call(f"{server.base}/api/articles", body,
                                     headers={**headers, **forwarded(f"10.99.0.{n + 1}")}, timeout=900)
            answered = time.monotonic() - started
            answer = answer or {}
            if status == 202 and "api_status_url" in answer:
                answer = wait_for_job(server.base, answer, 900)
            results[label] = {"sent_bytes": len(payload), "status": status, "answered_s": round(answered, 1),
                              "done_s": round(time.monotonic() - started, 1), **file_outcomes(answer),
                              "good_file_searchable": eventually_searchable(server.base, token),
                              "peak_rss_over_baseline_mb": round((memory.peak - memory.baseline) / 2 ** 20)}
            memory.peak = max(memory.peak, peak_before)
        stop.set()
        small.join(timeout=600)
        memory.stopping.set()
        tracebacks = server.log_text().count("Traceback")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "part": "uploads", "attacks": results,
        "baseline_rss_mb": round(memory.baseline / 2 ** 20),
        "peak_rss_over_baseline_mb": round((memory.peak - memory.baseline) / 2 ** 20),
        "small_uploads": {"statuses": small_statuses, "searchable_after": latency_summary(times)},
        "tracebacks_in_log": tracebacks,
    }


# Restart ---------------------------------------------------------------------------------

def store_without_indexing(data: Path, files: list[tuple[str, bytes]]) -> None:
    """Store these files the way an upload does, and leave them in the index queue."""
    from archive.config import Settings
    from archive.pipeline import IngestOptions, Ingester, prepare_chunk
    from archive.store import Store

    store = Store(data)
    try:
        settings = Settings(data_dir=data)
        for name, payload in files:
            Ingester(store).store_batch(
                prepare_chunk([(name, payload)], IngestOptions(), settings.limits, str(store.path)))
    finally:
        store.close()


def restart_part(log) -> dict:
    work = Path(tempfile.mkdtemp(prefix="hostile-restart-"))
    try:
        first = LiveServer(work / "data", work / "server.log").start()  # seeds and indexes the new archive
        first.wait_until_answering()
        first.stop()
        log("storing a 49 MB article and a small one without indexing them ...")
        started = time.monotonic()
        store_without_indexing(work / "data", [("big.json", big_article()), ("small.json", good_article("afterz1q"))])
        stored = time.monotonic() - started
        server = LiveServer(work / "data", work / "server.log").start()
        try:
            listening = server.wait_until_answering()
            small_at = big_at = None
            while time.monotonic() - server.started_at < 900 and (small_at is None or big_at is None):
                if small_at is None and searchable(server.base, "afterz1q"):
                    small_at = time.monotonic() - server.started_at
                if big_at is None and searchable(server.base, '"very long council report"'):
                    big_at = time.monotonic() - server.started_at
                time.sleep(0.25)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"part": "restart", "stored_in_s": round(stored, 1), "answering_after_s": round(listening, 1),
            "small_searchable_after_s": small_at and round(small_at, 1),
            "big_searchable_after_s": big_at and round(big_at, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=("search", "uploads", "restart", "all"))
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--baseline", type=float, default=20)
    parser.add_argument("--attackers", type=int, default=8)
    parser.add_argument("--searchers", type=int, default=32)
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    parts = ("search", "uploads", "restart") if args.part == "all" else (args.part,)
    for part in parts:
        if part == "search":
            result = search_part(args.duration, args.attackers, args.searchers, args.baseline, log)
        elif part == "uploads":
            result = uploads_part(log)
        else:
            result = restart_part(log)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
