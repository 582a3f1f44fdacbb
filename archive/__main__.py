"""python -m archive (installed: news-archive) {extract,ingest,fetch,feeds,watch,reannotate,reindex,stats,serve}
— see README.md."""
from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sqlite3
import sys
from pathlib import Path

from archive import __version__
from archive.config import Settings, port_from_env
from archive.pipeline import FileReport, IngestOptions, Ingester, files_under, prepare_chunk

log = logging.getLogger("archive")
INDEX_EVERY = 1000  # articles per index commit in an ingest of fewer than BULK_FILES files
BULK_FILES = 20  # from this many files: every core, and one index commit for the whole ingest
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_CODES = f"""exit codes:
  {EXIT_OK}    done (extract and ingest: also when some files failed; each failure has its line)
  {EXIT_FAILED}    ingest could read none of the files; the data folder or the disk refused
       (not a folder, read-only, full); a setting in the environment cannot be used; serve
       could not listen (the port is taken) or another serve already serves the folder;
       another reannotate is at work on the folder
  {EXIT_USAGE}    the command line is wrong; serve refused to listen beyond this machine
       without ARCHIVE_UPLOAD_TOKEN
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); what was stored before stays stored"""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.run(args)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a read-only or vanished folder
        print(f"archive: {_plain(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("archive: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "database or disk is full" in str(exc):
        return "the disk is full (No space left on device); nothing more was stored"
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc)


def program_name() -> str:
    """'news-archive' when run as the installed command, 'python -m archive' otherwise."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m archive" if name in ("", "__main__.py", "-c") else name


def add_global_options(parser: argparse.ArgumentParser, is_subcommand: bool) -> None:
    """--data and --verbose, accepted before the subcommand and after it. On a subcommand
    they default to SUPPRESS so that one given before the subcommand is not reset."""
    unset = {"default": argparse.SUPPRESS} if is_subcommand else {}
    parser.add_argument("--data", metavar="DIR", **({"default": None} | unset),
                        help="the archive folder (default: $ARCHIVE_DATA, else ./data)")
    parser.add_argument("-v", "--verbose", action="store_true", **({"default": False} | unset),
                        help="log what happens (INFO and above) on stderr")


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or program_name(), description="A searchable news archive: who said what, when.",
        epilog=EXIT_CODES + "\n\nSee README.md for the details of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="print the version and exit")
    add_global_options(parser, is_subcommand=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     title="commands")

    def command(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text,
                                  epilog=f"Exit codes: see {parser.prog} --help.")
        add_global_options(sub, is_subcommand=True)
        sub.set_defaults(run=run)
        return sub

    def article_options(sub):
        sub.add_argument("--published", metavar="ISO",
                         help="publication date/time to use (ISO 8601), wins over the file's")
        sub.add_argument("--timezone", metavar="TZ",
                         help="timezone for times given without one (e.g. Europe/Paris, +01:00)")
        sub.add_argument("--source", metavar="NAME", help="publication name, wins over the file's")

    extract = command("extract", run_extract, "print the normalized articles of files as JSON Lines; store nothing")
    extract.add_argument("files", nargs="+", metavar="FILE",
                         help="files or folders to read (HTML, text, JSON, JSON Lines, feeds, ZIPs)")
    article_options(extract)

    ingest = command("ingest", run_ingest, "store and index files, folders and ZIPs")
    ingest.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, folders (read recursively) or ZIPs to add to the archive")
    article_options(ingest)
    ingest.add_argument("--jobs", metavar="N", type=int, default=None,
                        help="worker processes for reading and NLP (default: number of cores, for 20+ files)")

    from archive.collect.cli import add_commands as add_collect_commands
    add_collect_commands(command)

    reannotate = command("reannotate", run_reannotate,
                         "re-extract stored articles from their originals with the current extractor")
    reannotate.add_argument("--all", action="store_true",
                            help="every article, not only those an older extraction version made")
    reannotate.add_argument("--jobs", metavar="N", type=int, default=None,
                            help="worker processes for reading and NLP (default: number of cores, for 20+ articles)")
    reannotate.add_argument("--batch", metavar="N", type=int, default=32,
                            help="articles per transaction (default: 32); a stopped run keeps every batch done")

    command("reindex", run_reindex, "rebuild the search index from the store")
    command("stats", run_stats, "print what the archive holds, as JSON")

    serve = command("serve", run_serve, "serve the web app and the JSON API (one process per archive folder)")
    serve.add_argument("--host", default=os.environ.get("ARCHIVE_HOST", "127.0.0.1"),
                       help="address to listen on (default: $ARCHIVE_HOST, else 127.0.0.1); anything "
                            "but this machine needs ARCHIVE_UPLOAD_TOKEN")
    serve.add_argument("--port", type=int, default=None,
                       help="port to listen on (default: $ARCHIVE_PORT, else 5000)")
    serve.add_argument("--threads", metavar="N", type=int, default=8,
                       help="request threads (default: 8); the way to serve more clients at once, "
                            "since one archive folder takes one serving process")
    serve.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True,
                       help="log one line per request on stderr (logger web.access; default: on)")
    serve.add_argument("--watch", action=argparse.BooleanOptionalAction, default=True,
                       help="poll the followed feeds that are due in the background (default: on)")
    return parser


def _options(args) -> IngestOptions:
    return IngestOptions(published=args.published, tz=args.timezone, source=args.source)


def run_extract(args) -> int:
    settings = Settings.from_env(args.data)
    options = _options(args)
    failures = 0
    for name, path in files_under(args.files):
        try:
            data = path.read_bytes()
        except OSError as exc:
            _print_json({"file": name, "error": f"cannot read the file ({exc.strerror or exc})"})
            failures += 1
            continue
        for item in prepare_chunk([(name, data)], options, settings.limits):
            if item.article is None:
                failures += 1
                _print_json({"file": item.name, "error": item.error})
            else:
                _print_json(item.article.to_dict())
    return 0


def _print_json(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def run_ingest(args) -> int:
    """Each report line is printed (and flushed) as soon as its batch is committed, so a
    line saying "added" means the article is in the store, whatever happens next."""
    from archive.store import Store
    from index.feeder import IndexFeeder

    settings = Settings.from_env(args.data)
    store = Store(settings.data_dir)
    writer = _writer_or_none(store, settings)
    paths = list(files_under(args.paths))
    jobs = args.jobs if args.jobs is not None else ((os.cpu_count() or 1) if len(paths) >= BULK_FILES else 1)
    progress = Progress(len(paths)) if sys.stderr.isatty() else None
    unreadable: list[FileReport] = []

    def show(batch: list[FileReport]) -> None:
        if progress:
            progress.clear()
        for report in batch:
            _print_report(report)
        sys.stdout.flush()

    files = _read_files(paths, progress, unreadable)
    # 20 files or more: a bulk load (worker processes, one index commit at the end).
    feeder = IndexFeeder(store, writer, every=INDEX_EVERY, bulk=len(paths) >= BULK_FILES) \
        if writer is not None else None
    reports = Ingester(store, feeder).ingest(files, _options(args), settings.limits, n_process=jobs, on_batch=show)
    show(unreadable)
    reports += unreadable
    if feeder is not None:
        feeder.finish()
    _print_summary(reports, indexed=writer is not None)
    store.close()
    ok = [r for r in reports if r.status != "failed"]
    return EXIT_OK if ok or not reports else EXIT_FAILED


def _writer_or_none(store, settings):
    """The index writer, or None when a running server holds it (it will index the queue)."""
    from index.rebuild import recover
    from index.writer import IndexBusy
    try:
        return recover(store, settings.index_dir)
    except IndexBusy:
        log.warning("the index is busy (is the server running?): articles are stored and "
                    "the server will index them")
        return None


def _read_files(paths, progress, unreadable: list[FileReport]):
    """(name, bytes) of each path; files the disk refuses go to `unreadable` with the reason."""
    for count, (name, path) in enumerate(paths, start=1):
        try:
            yield name, path.read_bytes()
        except OSError as exc:
            unreadable.append(FileReport(name, "failed", reason=f"cannot read the file ({exc.strerror or exc})"))
        if progress:
            progress.update(count)


def _print_report(report: FileReport) -> None:
    detail = report.reason if report.status == "failed" else f"#{report.article_id} {report.title or ''}"
    print(f"{report.status:9} {report.file}  {detail}")


def _print_summary(reports: list[FileReport], indexed: bool) -> None:
    counts: dict[str, int] = {}
    for report in reports:
        counts[report.status] = counts.get(report.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no files"
    print(f"\n{summary}" + ("" if indexed else " (stored; indexing waits for the server)"))


class Progress:
    """A one-line bar on stderr, for terminals only."""

    def __init__(self, total: int):
        self.total = total
        self.count = 0

    def update(self, count: int) -> None:
        self.count = count
        width = 30
        filled = int(width * count / max(1, self.total))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {count}/{self.total} files")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def run_reannotate(args) -> int:
    """Writes the store and its index queue; indexes the queue itself unless a server holds
    the index writer (its index thread then does)."""
    from archive.reannotate import Reannotator, ReannotateBusy, hold_lock, progress_printer
    from archive.store import Store
    from index.feeder import IndexFeeder

    settings = Settings.from_env(args.data)
    store = Store(settings.data_dir)
    store.ensure_writable()
    try:
        lock = hold_lock(settings.data_dir)
    except ReannotateBusy as exc:
        print(f"archive: {exc}", file=sys.stderr)
        return EXIT_FAILED
    writer = _writer_or_none(store, settings)
    feeder = IndexFeeder(store, writer, every=INDEX_EVERY) if writer is not None else None
    reannotator = Reannotator(store, feeder, settings.limits)
    ids = reannotator.start(everything=args.all)
    jobs = args.jobs if args.jobs is not None else ((os.cpu_count() or 1) if len(ids) >= BULK_FILES else 1)
    summary = reannotator.run(ids, jobs=jobs, batch_size=max(1, args.batch), on_batch=progress_printer(sys.stderr))
    if feeder is not None:
        feeder.finish()
    print("\n".join(summary.lines()) + ("" if writer is not None else "\n(stored; the running server indexes them)"))
    store.close()
    lock.close()
    return EXIT_OK


def run_reindex(args) -> int:
    from archive.store import Store
    from index.rebuild import rebuild

    settings = Settings.from_env(args.data)
    store = Store(settings.data_dir)
    count = rebuild(store, settings.index_dir)
    print(f"reindexed {count} articles into {settings.index_dir}")
    return 0


def run_stats(args) -> int:
    from archive.store import Store

    settings = Settings.from_env(args.data)
    store = Store(settings.data_dir)
    from archive.collect.cli import count_feeds
    from archive.extraction_version import extraction_version
    version = extraction_version()
    _print_json({"data": str(Path(settings.data_dir).resolve()), **store.stats(),
                 "feeds": count_feeds(settings.data_dir), "extraction_version": version,
                 "stale_articles": len(store.stale_ids(version))})
    return 0


def run_serve(args) -> int:
    from web.serve import serve
    port = args.port if args.port is not None else port_from_env()
    return serve(Settings.from_env(args.data), host=args.host, port=port, threads=args.threads,
                 access_log=args.access_log, watch=args.watch)


if __name__ == "__main__":
    sys.exit(main())
