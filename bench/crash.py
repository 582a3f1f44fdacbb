"""Crash test on a real batch: `python -m archive ingest` killed with SIGKILL at random
points, started again until it finishes; then checks that nothing acknowledged is
lost, nothing is stored twice, the index opens and every article is searchable.

    .venv/bin/python bench/crash.py                      # the BBC corpus in ../shared, 8 kills
    .venv/bin/python bench/crash.py --kills 12 --seed 7
    .venv/bin/python bench/crash.py --corpus FOLDER      # any folder of article files

Without ../shared/corpora/bbc (and no --corpus) it says so and stops. The kill points are
drawn (seeded) over the time an uninterrupted ingest takes, measured first on a copy.
Prints the figures RELIABILITY.md quotes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BBC = PROJECT.parent / "shared" / "corpora" / "bbc"
ACKNOWLEDGED = re.compile(r"^(added|updated|duplicate)\s+(\S+)\s+#(\d+)")
sys.path.insert(0, str(PROJECT))


def archive(*args: str, kill_after: float | None = None) -> tuple[int | None, list[str], str]:
    """Run `python -m archive ARGS`; (exit code or None when killed, stdout lines, stderr)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(PROJECT))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-u", "-m", "archive", *args], cwd=PROJECT, env=env,
                                   stdout=out, stderr=err, text=True)
        try:
            code = process.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            code = None
        out.seek(0)
        err.seek(0)
        return code, out.read().splitlines(), err.read()


def take_acknowledgements(lines: list[str], by_file: dict[int, str], ids: set[int]) -> None:
    for match in map(ACKNOWLEDGED.match, lines):
        if match:
            ids.add(int(match[3]))
            if match[1] != "duplicate":
                by_file[int(match[3])] = match[2]


def distinct_articles(lines: list[str]) -> int:
    """Articles a run acknowledged; files with the same content (the BBC set has some) are one."""
    return len({m[3] for m in map(ACKNOWLEDGED.match, lines) if m})


def stored(data: Path) -> list[tuple[int, str, str, str]]:
    """(id, file, content_hash, original sha256) of every stored article; checks the database too."""
    path = data / "archive.sqlite3"
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise SystemExit(f"FAIL: database damaged after a kill: {check}")
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return []
        return connection.execute("SELECT id, file, content_hash, original_sha256 FROM articles").fetchall()
    finally:
        connection.close()


def check_consistent(data: Path) -> int:
    rows = stored(data)
    if len({r[2] for r in rows}) != len(rows) or len({r[1] for r in rows}) != len(rows):
        raise SystemExit("FAIL: an article is stored twice")
    for article_id, _, _, sha in rows:
        if not (data / "originals" / sha[:2] / sha).is_file():
            raise SystemExit(f"FAIL: article #{article_id} has no original file")
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20220116)
    parser.add_argument("--jobs", type=int, default=None, help="passed to ingest (default: its own choice)")
    parser.add_argument("--full-run-seconds", type=float, default=None,
                        help="how long an uninterrupted ingest takes, if known (skips measuring it)")
    args = parser.parse_args()
    corpus = args.corpus or BBC
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: the BBC articles live in ../shared/corpora/bbc; pass --corpus FOLDER")
        return 2
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and not p.name.startswith(".")
             and not p.name.upper().startswith("README")]
    batch = Path(tempfile.mkdtemp(prefix="crash-batch-"))
    for n, path in enumerate(files):
        (batch / f"{n:05d}_{path.name}").write_bytes(path.read_bytes())
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"corpus: {corpus} ({len(files)} files)")

    if args.full_run_seconds:
        full_run, expected = args.full_run_seconds, None
        print(f"uninterrupted ingest: about {full_run:.0f} s (given)")
    else:
        started = time.monotonic()
        code, lines, _ = archive("ingest", str(batch), "--data", str(Path(tempfile.mkdtemp()) / "data"), *jobs)
        full_run = time.monotonic() - started
        expected = distinct_articles(lines)
        print(f"uninterrupted ingest: {full_run:.1f} s, {expected} distinct articles acknowledged")

    data = Path(tempfile.mkdtemp(prefix="crash-data-")) / "data"
    chooser = random.Random(args.seed)
    acknowledged: dict[int, str] = {}  # id -> file, from "added"/"updated" lines
    acknowledged_ids: set[int] = set()  # also "duplicate" lines (a file whose content is stored)
    kills = 0
    count = 0
    for round_ in range(1, args.kills + 1):
        # A point in what is left to do, so that later runs are killed too.
        remaining = max(5.0, full_run * (1 - count / len(files)))
        at = chooser.uniform(5.0, max(6.0, 0.7 * remaining))
        code, lines, _ = archive("ingest", str(batch), "--data", str(data), *jobs, kill_after=at)
        take_acknowledgements(lines, acknowledged, acknowledged_ids)
        count = check_consistent(data)
        kills += code is None
        print(f"run {round_}: {'killed' if code is None else f'ended ({code})'} at {at:.1f} s; "
              f"{count} stored, {len(acknowledged_ids)} acknowledged so far")
    code, lines, err = archive("ingest", str(batch), "--data", str(data), *jobs)
    take_acknowledgements(lines, acknowledged, acknowledged_ids)
    if code != 0:
        raise SystemExit(f"FAIL: the final run ended with {code}: {err[-2000:]}")
    count = check_consistent(data)
    if expected is None:  # not measured: every article of the final, uninterrupted run
        expected = distinct_articles(lines)
    rows = {r[0]: r[1] for r in stored(data)}
    lost = [i for i, name in acknowledged.items() if rows.get(i) != name] + \
        [i for i in acknowledged_ids if i not in rows]
    _, stats_lines, _ = archive("stats", "--data", str(data))
    stats = json.loads(stats_lines[0])

    from archive.store import Store
    from index.search import SearchRequest, SearchService
    from index.writer import index_is_healthy
    healthy = index_is_healthy(data / "index")
    store = Store(data)
    search = SearchService(data / "index", store)
    indexed = search.search(SearchRequest(q="")).total
    unfound = 0
    for article_id, title in store.db.execute("SELECT id, title FROM articles"):
        phrase = '"' + re.sub(r'["\\]', " ", title) + '"'
        hits = search.search(SearchRequest(q=phrase, per_page=100)).hits
        unfound += article_id not in [h["id"] for h in hits]
    store.close()

    print(f"\nkills survived: {kills} of {args.kills} runs (the rest ended before their kill point)")
    print(f"articles stored: {count} (uninterrupted run: {expected}); duplicates: 0")
    print(f"acknowledged: {len(acknowledged_ids)} articles, lost: {len(lost)}")
    print(f"index_queue after recovery: {stats['index_queue']}; index opens: {healthy}; "
          f"indexed: {indexed}; articles not found by their title: {unfound}")
    ok = not lost and count == expected and stats["index_queue"] == 0 and healthy and indexed == count \
        and unfound == 0
    print("errors: 0" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
