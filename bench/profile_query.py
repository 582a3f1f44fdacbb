"""Where the time of one search goes: SearchService.search taken apart step by step
(the same calls, in the same order, timed one by one), and optionally a cProfile of
the whole call.

    .venv/bin/python -m bench.profile_query [--scale 100k] [--top 8] [--ids ID,ID] [--cprofile]

Without --ids, the `--top` slowest queries of the latest bench/query.py run at that
scale are taken apart. Writes bench/out/profile-<scale>.json.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import archive_dir  # noqa: E402
from bench.locations import OUT, QUERIES_FILE  # noqa: E402
from index.search import SearchRequest  # noqa: E402

STEPS = ("parse", "docsets", "top_k", "facets", "stored_ids", "store_rows", "snippets")
REPEATS = 3


def timed_steps(service, request: SearchRequest) -> dict[str, float]:
    """Seconds per step of one search: SearchService.search's own steps, called in its order."""
    times: dict[str, float] = {}
    clock = time.perf_counter
    kind = "quotes" if request.kind == "quotes" else "articles"
    searcher = service.searcher(kind)

    t = clock()
    parts, _, _ = service.parse(request, kind, searcher)
    times["parse"] = clock() - t

    t = clock()
    sets = service.matching_sets(kind, searcher, parts, widen=request.with_facets)
    times["docsets"] = clock() - t

    t = clock()
    top = service.top(kind, searcher, parts, sets, request.sort, request.per_page)
    times["top_k"] = clock() - t

    t = clock()
    service.facet_counts(kind, searcher, sets, request)
    times["facets"] = clock() - t

    t = clock()
    stored_ids = [searcher.stored_fields(d)["id"] for d in top]
    words = service.query_words(parts.combined(), "text" if kind == "quotes" else "body", searcher)
    times["stored_ids"] = clock() - t

    t = clock()
    if kind == "quotes":
        from index.documents import parse_quote_id
        rows = service.store.quote_rows([parse_quote_id(i) for i in stored_ids])
        texts = [row["text"] for row in rows]
    else:
        rows = service.store.article_summaries([int(i) for i in stored_ids])
        texts = [row["body"] for row in rows]
    times["store_rows"] = clock() - t

    t = clock()
    for text in texts:
        service.snippet_maker(kind, searcher).snippet(text, words)
    times["snippets"] = clock() - t
    times["total_matching"] = len(sets.matching)
    return times


def profile_text(service, request: SearchRequest, lines: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    service.search(request)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def slowest_ids(scale: str, top: int) -> list[str]:
    latest = json.loads((OUT / f"query-{scale}-ours.json").read_text())
    ranked = sorted(latest["queries"], key=lambda q: -statistics.median(q["seconds"]))
    return [q["id"] for q in ranked[:top]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="100k")
    parser.add_argument("--folder", type=Path, help="an archive folder other than the scale's")
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--ids", help="query ids from bench/queries.json, comma-separated")
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()

    from archive.config import Settings
    from web.runtime import Runtime

    folder = args.folder or archive_dir(args.scale)
    queries = {q["id"]: q for q in json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]}
    ids = args.ids.split(",") if args.ids else slowest_ids(args.scale, args.top)
    runtime = Runtime(Settings(data_dir=folder), start_threads=False)
    service = runtime.search
    report = {}
    print(f"{'query':20}{'matching':>9}" + "".join(f"{s:>14}" for s in STEPS) + f"{'search()':>10}   (ms)")
    for query_id in ids:
        request = SearchRequest(**queries[query_id]["request"])
        service.search(request)  # warm
        runs = [timed_steps(service, request) for _ in range(REPEATS)]
        steps = {s: round(statistics.median(r[s] for r in runs) * 1000, 1) for s in STEPS}
        whole = []
        for _ in range(REPEATS):
            t = time.perf_counter()
            service.search(request)
            whole.append(time.perf_counter() - t)
        report[query_id] = {"request": queries[query_id]["request"], "matching": runs[0]["total_matching"],
                            "steps_ms": steps, "search_ms": round(statistics.median(whole) * 1000, 1)}
        print(f"{query_id:20}{runs[0]['total_matching']:9,}" + "".join(f"{steps[s]:14.1f}" for s in STEPS)
              + f"{report[query_id]['search_ms']:10.1f}")
        if args.cprofile:
            report[query_id]["cprofile"] = profile_text(service, request)
            print(report[query_id]["cprofile"])
    (OUT / f"profile-{args.scale if not args.folder else 'custom'}.json").write_text(json.dumps(report, indent=1))
    runtime.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
