"""Following feeds: a local site of FEEDS feeds x ITEMS link-only items over real pages
(BBC News articles from ../shared/corpora/bbc, served as generated HTML pages), each
feed on its own host name (127.0.0.2, 127.0.0.3, ...: one server thread each), polled
as `python -m archive watch --once` polls.

First pass (an empty archive): pages stored per second, and where the time goes: in the
fetches (network and the local servers), waiting for hosts' turns (politeness), reading
the pages (the HTML reader and normalization), the NLP model, the store. The model runs
one batch at a time, so its share of the wall time says whether it is the limit.
Second pass (nothing changed): requests, bytes received and seconds; every answer should
be a 304.

    .venv/bin/python -m bench.feeds [--feeds 50] [--items 20] [--hosts 50] [--interval 1.0] [--concurrency 4]

--hosts 1 puts every feed on one host: politeness then bounds the rate at 1 / interval.
Results: bench/out/feeds-latest.json (and a dated copy).
"""
from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import html
import json
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import archive.collect.collector as collector_module  # noqa: E402
import archive.collect.sink as sink_module  # noqa: E402
from archive.collect.client import Fetcher  # noqa: E402
from archive.collect.collector import Collector  # noqa: E402
from archive.collect.settings import FetchSettings  # noqa: E402
from archive.collect.sink import Sink  # noqa: E402
from archive.collect.state import CollectState  # noqa: E402
from archive.collect.watcher import Watcher  # noqa: E402
from archive.pipeline import Ingester  # noqa: E402
from archive.store import Store  # noqa: E402
from bench.locations import BBC_CORPUS, OUT, ensure_dirs  # noqa: E402
from bench.machine import machine  # noqa: E402

FIRST_DAY = datetime(2005, 3, 1, 6, 0, tzinfo=timezone.utc)


class Timers:
    """Seconds spent in each stage, summed over threads."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                with self._lock:
                    self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
        return timed


def bbc_articles(count: int) -> list[tuple[str, list[str]]]:
    files = sorted(BBC_CORPUS.glob("*/*.txt"))[:count]
    if len(files) < count:
        raise SystemExit(f"{BBC_CORPUS} holds {len(files)} articles; {count} are needed")
    articles = []
    for path in files:
        lines = [line.strip() for line in path.read_text(encoding="latin-1").splitlines()]
        paragraphs = [line for line in lines[1:] if line]
        articles.append((lines[0], paragraphs))
    return articles


def page_html(title: str, paragraphs: list[str], published: datetime | None) -> bytes:
    """A news page as sites make them; every other page gives its date only in the feed."""
    meta = f'<meta property="article:published_time" content="{published.isoformat()}">' if published else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="og:site_name" content="BBC News">{meta}</head><body><header><nav>'
            f'<a href="/">Home</a></nav></header><main><article><h1>{html.escape(title)}</h1>{body}'
            f'</article></main><footer>Copyright</footer></body></html>').encode("utf-8")


def feed_xml(base: str, number: int, items: list[tuple[str, str, datetime]]) -> bytes:
    entries = "".join(f"<item><title>{html.escape(title)}</title><link>{base}{path}</link>"
                      f"<guid>{base}{path}</guid><pubDate>{email.utils.format_datetime(when)}</pubDate></item>"
                      for title, path, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {number}</title>'
            f'<link>{base}/</link>{entries}</channel></rss>').encode("utf-8")


class Host:
    """One host name's server: its feed, its pages, robots.txt; ETags, gzip when asked."""

    def __init__(self, address: str):
        self.documents: dict[str, tuple[bytes, str]] = {"/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain")}
        self.server = ThreadingHTTPServer((address, 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://{address}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        documents = self.documents

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path not in documents:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, kind = documents[self.path]
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", etag)
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = gzip.compress(body, 6)
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def build_site(feeds: int, items: int, hosts: int) -> tuple[list[Host], list[str]]:
    servers = [Host(f"127.0.0.{2 + n}") for n in range(hosts)]  # Linux answers all of 127/8
    articles = iter(bbc_articles(feeds * items))
    feed_urls = []
    for number in range(feeds):
        host = servers[number % hosts]
        listed = []
        for item in range(items):
            title, paragraphs = next(articles)
            when = FIRST_DAY + timedelta(hours=number * items + item)
            path = f"/news/{number}-{item}.html"
            dated = when if item % 2 else None
            host.documents[path] = (page_html(title, paragraphs, dated), "text/html; charset=utf-8")
            listed.append((title, path, when))
        host.documents[f"/feed{number}.xml"] = (feed_xml(host.base, number, listed), "application/rss+xml")
        feed_urls.append(f"{host.base}/feed{number}.xml")
    return servers, feed_urls


def timed_pass(watcher: Watcher, fetcher: Fetcher) -> dict:
    fetcher.counters.requests, fetcher.counters.raw_bytes, fetcher.counters.statuses = 0, 0, {}
    fetcher.politeness.waited = 0.0
    started = time.perf_counter()
    outcomes = watcher.poll_all()
    seconds = time.perf_counter() - started
    stored = sum(o.new for o in outcomes)
    return {"seconds": round(seconds, 2), "requests": fetcher.counters.requests,
            "bytes_received": fetcher.counters.raw_bytes,
            "statuses": {str(k): v for k, v in sorted(fetcher.counters.statuses.items())},
            "articles_stored": stored, "failed": sum(1 for o in outcomes for r in o.reports if r.status == "failed"),
            "feeds_failed": [o.error for o in outcomes if o.error],
            "pages_per_second": round(stored / seconds, 2) if seconds else None,
            "waiting_for_hosts_seconds": round(fetcher.politeness.waited, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=50, help="host names the feeds are spread over")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between requests to one host")
    parser.add_argument("--concurrency", type=int, default=4, help="hosts fetched at once")
    args = parser.parse_args()
    ensure_dirs()
    servers, feed_urls = build_site(args.feeds, args.items, args.hosts)
    timers = Timers()
    # Where the sink's time goes (read+normalize, the model, the store), and the network's.
    collector_module.page_items = timers.wrap("read the pages (HTML reader)", collector_module.page_items)
    sink_module.prepare_item = timers.wrap("normalize (language, dates)", sink_module.prepare_item)
    sink_module.annotate_prepared = timers.wrap("nlp (quotes, speakers, entities)", sink_module.annotate_prepared)
    sink_module.mark_duplicates = timers.wrap("store", sink_module.mark_duplicates)
    Ingester.store_batch = timers.wrap("store", Ingester.store_batch)
    Fetcher._once = timers.wrap("http (one request, answered by the local servers)", Fetcher._once)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        settings = FetchSettings(allow_private=True, host_interval=args.interval, max_hosts=args.concurrency)
        fetcher = Fetcher(settings)
        state = CollectState(data)
        store = Store(data)
        collector = Collector(fetcher, state, Sink(Ingester(store)), settings)
        for url in feed_urls:
            state.add_feed(url, 30, None)
        watcher = Watcher(collector)
        first = timed_pass(watcher, fetcher)
        first["stage_seconds"] = {k: round(v, 2) for k, v in sorted(timers.seconds.items(), key=lambda kv: -kv[1])}
        from index.rebuild import recover
        started = time.perf_counter()
        recover(store, data / "index")
        first["index_seconds_after"] = round(time.perf_counter() - started, 2)
        second = timed_pass(watcher, fetcher)
        result = {"benchmark": "feeds", "machine": machine(), "feeds": args.feeds, "items_per_feed": args.items,
                  "hosts": args.hosts, "interval_seconds": args.interval, "hosts_at_once": args.concurrency,
                  "first_pass": first, "second_pass_nothing_changed": second}
        fetcher.close()
        state.close()
        store.close()
    for server in servers:
        server.server.shutdown()
    text = json.dumps(result, indent=2)
    print(text)
    defaults = (50, 20, 50, 1.0, 4)
    chosen = (args.feeds, args.items, args.hosts, args.interval, args.concurrency)
    label = "default" if chosen == defaults else \
        f"{args.feeds}x{args.items}-hosts{args.hosts}-interval{args.interval:g}-at-once{args.concurrency}"
    (OUT / f"feeds-{label}-latest.json").write_text(text + "\n")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    (OUT / f"feeds-{label}-{stamp}.json").write_text(text + "\n")


def report_section() -> list[str]:
    """BENCHMARKS.md's section (bench/report.py): every feeds-*-latest.json in bench/out/."""
    runs = [json.loads(path.read_text()) for path in sorted(OUT.glob("feeds-*-latest.json"))]
    if not runs:
        return []
    runs.sort(key=lambda run: -run["interval_seconds"])
    lines = ["## Following feeds", "",
             "Command: `.venv/bin/python -m bench.feeds [--interval 1.0] [--hosts 50] [--concurrency 4]` (50 feeds x 20 "
             "link-only items over BBC News articles from ../shared/corpora/bbc served as HTML pages, each feed on its "
             "own host name, polled as `watch --once` polls; then the same again with nothing changed).", ""]
    for run in runs:
        m = run["machine"]
        lines.append(f"- Machine ({run['interval_seconds']:g} s run): {m['cpu']}, {m['cores']} cores, Python "
                     f"{m['python']}; {m['date']}; commit {m['commit']}; load average at the start "
                     f"{m['load_average']} (other work on the machine shows up here)")
    lines += ["", "First pass, an empty archive: where the time goes (stage seconds are summed over the threads; the "
              "model runs one batch at a time, so its seconds are wall seconds).", "",
              "| host interval, hosts at once | pages stored | seconds | pages/s | requests | waiting for hosts' "
              "turns (thread-s) | NLP s | normalize s | HTML reader s | store s | HTTP s | indexing after s |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for run in runs:
        first, stages = run["first_pass"], run["first_pass"]["stage_seconds"]

        def stage(prefix: str) -> str:
            return str(next((v for k, v in stages.items() if k.startswith(prefix)), ""))

        lines.append(f"| {run['interval_seconds']:g} s, {run['hosts_at_once']} | {first['articles_stored']:,} | "
                     f"{first['seconds']} | {first['pages_per_second']} | {first['requests']:,} | "
                     f"{first['waiting_for_hosts_seconds']} | {stage('nlp')} | {stage('normalize')} | "
                     f"{stage('read')} | {stage('store')} | {stage('http')} | {first['index_seconds_after']} |")
    lines.append("")
    for run in runs:
        first = run["first_pass"]
        nlp = next((v for k, v in first["stage_seconds"].items() if k.startswith("nlp")), 0.0)
        waiting = first["waiting_for_hosts_seconds"] / (run["hosts_at_once"] * first["seconds"])
        busy = nlp / first["seconds"]
        limit = "politeness" if waiting > busy else "the NLP model"
        lines.append(f"- {run['interval_seconds']:g} s between requests to a host: the limit is **{limit}**: the "
                     f"threads spent {waiting:.0%} of their time waiting for hosts' turns, the model was busy "
                     f"{busy:.0%} of the time (at most {run['hosts_at_once']} hosts at once, one request each per "
                     f"{run['interval_seconds']:g} s, allow {run['hosts_at_once'] / run['interval_seconds']:g} "
                     f"requests/s).")
    lines += ["", "Second pass, nothing changed (every answer should be a 304):", "",
              "| host interval | requests | answers | bytes received | seconds | pages stored |",
              "| --- | ---: | --- | ---: | ---: | ---: |"]
    for run in runs:
        second = run["second_pass_nothing_changed"]
        answers = ", ".join(f"{n} x {status}" for status, n in second["statuses"].items())
        lines.append(f"| {run['interval_seconds']:g} s | {second['requests']} | {answers} | "
                     f"{second['bytes_received']:,} | {second['seconds']} | {second['articles_stored']} |")
    return lines + [""]


if __name__ == "__main__":
    main()
