"""The collecting commands: fetch, feeds add/list/remove, watch (README, "Following feeds")."""
from __future__ import annotations

import json
import logging
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from archive.collect.state import STATE_FILE, CollectState, now

log = logging.getLogger("archive")

EXIT_OK = 0
EXIT_FAILED = 1
INDEX_EVERY = 200  # stored articles per index commit within a round (each round ends with one)


def add_commands(command) -> None:
    """`command(name, run, help)` makes a subcommand parser (archive.__main__.build_parser)."""
    fetch = command("fetch", run_fetch, "fetch pages, feeds or sitemaps by URL once and store the articles found")
    fetch.add_argument("urls", nargs="+", metavar="URL", help="a page, a feed or a sitemap (detected)")
    fetch.add_argument("--source", metavar="NAME", help="publication name, wins over the pages'")

    feeds = command("feeds", None, "the feeds and sitemaps the archive follows")
    actions = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="follow a feed or sitemap", description="follow a feed or sitemap")
    add.add_argument("url", metavar="URL", help="the feed (RSS, Atom, JSON Feed) or sitemap to follow")
    add.add_argument("--every", metavar="MINUTES", type=float, default=None,
                     help="minutes between polls (default: 30)")
    add.add_argument("--source", metavar="NAME", help="publication name, wins over the pages'")
    add.set_defaults(run=run_feeds_add)
    listing = actions.add_parser("list", help="one JSON object per feed", description="one JSON object per feed")
    listing.set_defaults(run=run_feeds_list)
    remove = actions.add_parser("remove", help="stop following a feed", description="stop following a feed")
    remove.add_argument("url", metavar="URL", help="the URL as it was added")
    remove.set_defaults(run=run_feeds_remove)

    watch = command("watch", run_watch, "poll the feeds that are due, forever (one watcher per archive folder)")
    watch.add_argument("--once", action="store_true", help="poll every feed once now, then exit")


def _settings(args):
    from archive.config import Settings
    return Settings.from_env(args.data)


def _collector(settings):
    """A collector storing into this archive, and the feeder indexing what it stores (None
    when a running server holds the index writer: its index thread indexes the queue)."""
    from archive.collect.client import Fetcher
    from archive.collect.collector import Collector
    from archive.collect.settings import FetchSettings
    from archive.collect.sink import Sink
    from archive.pipeline import Ingester
    from archive.store import Store
    from index.feeder import IndexFeeder
    from index.rebuild import recover
    from index.writer import IndexBusy

    store = Store(settings.data_dir)
    try:
        feeder = IndexFeeder(store, recover(store, settings.index_dir), every=INDEX_EVERY)
    except IndexBusy:
        log.warning("the index is busy (is the server running?): articles are stored and the server will index them")
        feeder = None
    fetch_settings = FetchSettings.from_env()
    collector = Collector(Fetcher(fetch_settings), CollectState(settings.data_dir), Sink(Ingester(store, feeder)),
                          fetch_settings, settings.limits)
    return collector, feeder


def _finish(collector, feeder) -> None:
    if feeder is not None:
        feeder.finish()
    collector.fetcher.close()
    collector.state.close()
    collector.sink.ingester.store.close()


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _print_outcome(outcome) -> None:
    for report in outcome.reports:
        detail = report.reason if report.status == "failed" else f"#{report.article_id} {report.title or ''}"
        print(f"{report.status:9} {report.file}  {detail}")
    print(f"{outcome.url}: {outcome.kind or 'unknown'}, {outcome.summary()}", flush=True)


def run_fetch(args) -> int:
    from archive.pipeline import IngestOptions

    collector, feeder = _collector(_settings(args))
    failed = 0
    try:
        for url in args.urls:
            outcome = collector.fetch(url, IngestOptions(source=args.source))
            _print_outcome(outcome)
            if outcome.error:
                print(f"archive: {url}: {outcome.error}", file=sys.stderr)
                failed += 1
    finally:
        _finish(collector, feeder)
    return EXIT_FAILED if failed else EXIT_OK


def run_feeds_add(args) -> int:
    from archive.collect.guard import FetchRefused, check_url
    from archive.collect.settings import FetchSettings

    fetch_settings = FetchSettings.from_env()
    try:
        check_url(args.url, fetch_settings.allows_private(urlsplit(args.url).hostname))
    except FetchRefused as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_FAILED
    every = args.every if args.every is not None else fetch_settings.every_minutes
    if every <= 0:
        print("archive: --every must be a positive number of minutes", file=sys.stderr)
        return 2
    state = CollectState(_settings(args).data_dir)
    added = state.add_feed(args.url, every, args.source)
    print(f"{'following' if added else 'updated'} {args.url} every {every:g} minutes")
    state.close()
    return EXIT_OK


def run_feeds_list(args) -> int:
    state = CollectState(_settings(args).data_dir)
    new = state.new_articles_since(now() - timedelta(days=1))
    for feed in state.feeds():
        _print(feed_record(feed, new.get(feed["url"], 0)))
    state.close()
    return EXIT_OK


def feed_record(feed: dict, new_last_day: int) -> dict:
    """A followed feed as `feeds list` and the Sources page's JSON give it."""
    return {"url": feed["url"], "every": feed["every_minutes"], "source": feed["source"], "kind": feed["kind"],
            "last_fetch": feed["last_fetch"], "status": feed["last_status"], "next_due": feed["next_due"],
            "failures": feed["failures"], "error": feed["last_error"], "new_last_fetch": feed["last_new"],
            "new_last_day": new_last_day}


def run_feeds_remove(args) -> int:
    state = CollectState(_settings(args).data_dir)
    removed = state.remove_feed(args.url)
    state.close()
    if not removed:
        print(f"archive: not following {args.url}", file=sys.stderr)
        return EXIT_FAILED
    print(f"stopped following {args.url}")
    return EXIT_OK


def run_watch(args) -> int:
    from archive.collect.watcher import Watcher, WatcherRunning, hold_watch_lock

    settings = _settings(args)
    try:
        lock = hold_watch_lock(settings.data_dir)
    except WatcherRunning as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_FAILED
    collector, feeder = _collector(settings)
    # Each round's articles are searchable when it ends.
    watcher = Watcher(collector, after_round=feeder.flush if feeder is not None else None)

    def show(outcomes) -> None:
        for outcome in outcomes:
            print(f"{_now()} {outcome.url}: {outcome.summary()}", flush=True)

    try:
        if args.once:
            show(watcher.poll_all())
        else:
            watcher.run(on_round=show)
    finally:
        _finish(collector, feeder)
        lock.close()
    return EXIT_OK


def _now() -> str:
    return now().isoformat(timespec="seconds")


def count_feeds(data_dir: Path) -> int:
    """For `stats`: the feeds followed (0 without a collect state, which stats does not create)."""
    path = Path(data_dir) / STATE_FILE
    if not path.exists():
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # stats also reads a read-only archive
    try:
        return db.execute("SELECT COUNT(*) FROM feeds").fetchone()[0]
    finally:
        db.close()
