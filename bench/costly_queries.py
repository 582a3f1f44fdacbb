"""What the costly kinds of query cost (bare `*`, wildcards, ranges of words, slop
phrases, long OR lists) beside a few ordinary ones, through SearchService.search
directly, the call the web app makes, on a benchmark archive (bench/archives.py).

    .venv/bin/python -m bench.build_archives --scales 10k      # once
    .venv/bin/python -m bench.costly_queries [--scale 10k | --data DIR] [--repeats 3] [--only Q,Q]

Each query runs `--repeats` times (the first also warms the caches); the table gives
the best and the worst time, and what the search answered: its total, or the error
the user would read. Not a test: nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.store import Store  # noqa: E402
from bench.archives import archive_dir  # noqa: E402
from index.search import QueryError, SearchRequest, SearchService  # noqa: E402

# `wor~2` is not a fuzzy word to this parser (no FuzzyTermPlugin): it reads "wor" AND "2".
COSTLY = ["*", "title:*", "body:*", "speaker:*", "* OR budget", "NOT *", "budget *",
          "*ab", "?ab*", "*tion", "ab*", "wor~2", "body:[a TO zz]", "body:[ab TO ad]",
          '"the of"~10', '"minister said"~3', "published:2021", "published:2021-03",
          "published:[2020 TO 2021]", "(the OR of)^2",
          " OR ".join(["the", "of", "and", "to", "in", "a", "is", "that", "for", "on"] * 4)]
ORDINARY = ["budget", "prime minister", '"prime minister"', "election NOT labour", "the",
            "speaker:blair", "title:football"]


def run(service: SearchService, q: str, repeats: int) -> tuple[list[float], str]:
    times, outcome = [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        try:
            response = service.search(SearchRequest(q=q, per_page=20))
            outcome = f"{response.total:,} hits"
        except QueryError as error:
            outcome = f"{type(error).__name__}: {error}"
        times.append(time.perf_counter() - started)
    return times, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="10k")
    parser.add_argument("--data", help="an archive folder instead of the benchmark archive of --scale")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", help="comma-separated queries of the list to run")
    args = parser.parse_args()
    folder = Path(args.data) if args.data else archive_dir(args.scale)
    if not (folder / "index").exists():
        print(f"no archive in {folder}: run .venv/bin/python -m bench.build_archives --scales {args.scale}")
        return 1
    queries = [("costly", q) for q in COSTLY] + [("ordinary", q) for q in ORDINARY]
    if args.only:
        chosen = args.only.split(",")
        queries = [(kind, q) for kind, q in queries if q in chosen]
    store = Store(folder)
    service = SearchService(folder / "index", store)
    print(f"{folder}: {service.searcher('articles').doc_count():,} articles, repeats {args.repeats}")
    print(f"{'kind':9} {'query':42} {'best s':>8} {'worst s':>8}  answer")
    for kind, q in queries:
        times, outcome = run(service, q, args.repeats)
        shown = q if len(q) <= 40 else q[:37] + "..."
        print(f"{kind:9} {shown!r:42} {min(times):8.3f} {max(times):8.3f}  {outcome[:110]}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
