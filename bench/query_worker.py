"""One side of the query benchmark in a process of its own (so its memory is its own):
`ours` holds the server's Runtime (store, index writer, SearchService) as `archive serve`
does; `fts5` holds the SQLite peer. Runs the query set (one untimed pass, then timed
passes) and writes per-query times, answers and peak RSS as JSON.

    .venv/bin/python -m bench.query_worker {ours,fts5} ARCHIVE_FOLDER OUT.json [--passes N]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402

from bench.locations import QUERIES_FILE  # noqa: E402
from index.search import SearchRequest  # noqa: E402


def peak_rss_bytes() -> int:
    """This process's own high-water RSS. Not getrusage's ru_maxrss: Linux carries that over
    from the parent across fork and exec, so a worker would report the bench's own size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def load_queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def open_ours(folder: Path):
    """The same SearchService object the web app keeps: the serving Runtime's."""
    from archive.config import Settings
    from web.runtime import Runtime

    runtime = Runtime(Settings(data_dir=folder), start_threads=False)

    def answer(request: SearchRequest) -> dict:
        response = runtime.search.search(request)
        return {"total": response.total, "hits": len(response.hits),
                "facets": {name: [[v.value, v.count] for v in values] for name, values in response.facets.items()},
                "hit_keys": [[h.get("id", h.get("article_id")), h.get("seq")] for h in response.hits],
                "snippets": [h["snippet"] for h in response.hits]}

    return runtime.search.search, answer, runtime.close


def open_fts5(folder: Path):
    from bench.fts5 import FtsSearch

    fts = FtsSearch(folder)

    def answer(request: SearchRequest) -> dict:
        response = fts.search(request)
        return {"total": response.total, "hits": len(response.hits),
                "facets": {name: [[v, c] for v, c in values] for name, values in response.facets.items()}}

    return fts.search, answer, fts.close


def run(side: str, folder: Path, passes: int) -> dict:
    rss_before_open = psutil.Process().memory_info().rss
    started = time.perf_counter()
    if side == "fts5":
        search, answer, close = open_fts5(folder)
    else:
        search, answer, close = open_ours(folder)
    open_seconds = time.perf_counter() - started
    rss_opened = psutil.Process().memory_info().rss
    queries = load_queries()
    requests = [SearchRequest(**q["request"]) for q in queries]
    answers = [answer(r) for r in requests]  # also the untimed warm-up pass
    times: list[list[float]] = [[] for _ in requests]
    for _ in range(passes):
        for i, request in enumerate(requests):
            t0 = time.perf_counter()
            search(request)
            times[i].append(time.perf_counter() - t0)
    result = {
        "side": side,
        "folder": str(folder),
        "passes": passes,
        "open_seconds": round(open_seconds, 3),
        "rss_mb": {
            "before_open": round(rss_before_open / 1e6, 1),
            "after_open": round(rss_opened / 1e6, 1),
            "end": round(psutil.Process().memory_info().rss / 1e6, 1),
            "peak": round(peak_rss_bytes() / 1e6, 1),
        },
        "queries": [{"id": q["id"], "kind": q["kind"], "seconds": t, "answer": a}
                    for q, t, a in zip(queries, times, answers)],
    }
    close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("side", choices=("ours", "fts5"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    args.out.write_text(json.dumps(run(args.side, args.folder, args.passes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
