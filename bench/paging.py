"""Walking every result of a search: by cursor (`next`, what next_url carries) against by
page number (`page`, capped at MAX_PAGE), on a benchmark archive, through the serving
Runtime's SearchService.search as the API calls it (100 hits a page, with facet counts).

For each walk: the whole walk's seconds, and the median time of the first ten and of the
last ten pages: by cursor the last pages cost what the first do; by page number each page
ranks every page before it. Both walks are checked to give the same hits in the same order.

    .venv/bin/python -m bench.paging [--scale 10k] [--per-page 100]

Results: bench/out/paging-latest.json (and a dated copy).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import ensure_archive  # noqa: E402
from bench.locations import OUT, ensure_dirs  # noqa: E402
from bench.machine import machine  # noqa: E402
from index.search import MAX_PAGE, SearchRequest  # noqa: E402

WALKS = [
    {"name": "every article, newest first", "kind": "articles", "q": "", "sort": "newest"},
    {"name": "articles with 'said', by relevance", "kind": "articles", "q": "said", "sort": "relevance"},
    {"name": "every quote, oldest first", "kind": "quotes", "q": "", "sort": "oldest"},
]


def hit_key(hit: dict) -> str:
    return f"{hit['article_id']}:{hit['seq']}" if "seq" in hit else str(hit["id"])


def walk(search, base: SearchRequest, by_cursor: bool) -> tuple[list[str], list[float]]:
    """(every hit's key in order, each page's seconds)."""
    keys: list[str] = []
    seconds: list[float] = []
    page, cursor = 1, None
    while True:
        request = SearchRequest(**{**base.__dict__, "page": page, "after": cursor})
        started = time.perf_counter()
        response = search(request)
        seconds.append(time.perf_counter() - started)
        keys += [hit_key(hit) for hit in response.hits]
        if by_cursor:
            cursor = response.next_cursor
            if cursor is None:
                return keys, seconds
        else:
            page += 1
            if page > min(response.pages, MAX_PAGE):
                return keys, seconds


def figures(seconds: list[float]) -> dict:
    return {"pages": len(seconds), "walk_s": round(sum(seconds), 2),
            "first_10_median_ms": round(statistics.median(seconds[:10]) * 1000, 1),
            "last_10_median_ms": round(statistics.median(seconds[-10:]) * 1000, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="10k")
    parser.add_argument("--per-page", type=int, default=100)
    args = parser.parse_args()
    ensure_dirs()
    folder, _ = ensure_archive(args.scale)

    from archive.config import Settings
    from web.runtime import Runtime

    runtime = Runtime(Settings(data_dir=folder), start_threads=False)
    results = {"command": "python -m bench.paging " + " ".join(sys.argv[1:]), "machine": machine(),
               "scale": args.scale, "per_page": args.per_page, "walks": []}
    try:
        for spec in WALKS:
            base = SearchRequest(q=spec["q"], kind=spec["kind"], sort=spec["sort"], per_page=args.per_page)
            runtime.search.search(base)  # warm: columns, identities, postings
            by_cursor, cursor_seconds = walk(runtime.search.search, base, by_cursor=True)
            by_page, page_seconds = walk(runtime.search.search, base, by_cursor=False)
            total = runtime.search.search(base).total
            same = by_cursor[:len(by_page)] == by_page and len(set(by_cursor)) == len(by_cursor) == total
            row = {"walk": spec["name"], "results": total, "cursor": figures(cursor_seconds),
                   "page": figures(page_seconds), "page_reaches": len(by_page), "same_hits_in_order": same}
            results["walks"].append(row)
            print(f"{spec['name']}: {total:,} results; by cursor {row['cursor']}; by page {row['page']} "
                  f"(reaches {len(by_page):,}); same hits in the same order: {same}", flush=True)
    finally:
        runtime.close()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"paging-{stamp}.json", "paging-latest.json"):
        (OUT / name).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
