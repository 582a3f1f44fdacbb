"""The proposed index/ changes (bench/proposed/) against the current SearchService:
same answers (total, facet counts, hit order, snippets) for every query, and the times.

    .venv/bin/python -m bench.compare_proposed [--scales 10k,100k] [--passes 3]

Each variant runs in its own process on the same archive, like bench/query.py;
writes bench/out/prototype-latest.json (read by bench/report.py).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import build_figures, ensure_archive  # noqa: E402
from bench.locations import OUT, ensure_dirs  # noqa: E402
from bench.machine import machine  # noqa: E402
from bench.query import run_side, summarize  # noqa: E402

COMPARED = ("total", "facets", "hit_keys", "snippets")
DESCRIPTION = (
    "`bench/proposed/service.py`: SearchService with (1) the matching set computed once, as a numpy array, "
    "from posting blocks and set operations (`docsets.py`) instead of a second run of the query through "
    "`q.docs()`; (2) facet counts summed into one array per facet and the top values picked in numpy "
    "(`facet_counts.py`) instead of a Counter of every value and a sort; (3) date sorts from a cached column "
    "over the matching set instead of Whoosh's sorting collector; date ranges from the same column instead of "
    "expanding a numeric range into terms; (4) snippets from one regular expression pass, each distinct word "
    "stemmed once, and only the words near a match given to Whoosh's own fragmenter (`snippets.py`). "
    "Relevance top-k is still Whoosh's scorer.")


def differences(current: dict, proposed: dict) -> list[dict]:
    found = []
    for mine, theirs in zip(current["queries"], proposed["queries"]):
        differing = [k for k in COMPARED if mine["answer"][k] != theirs["answer"][k]]
        if differing:
            found.append({"id": mine["id"], "differ": differing,
                          "example": {k: [mine["answer"][k], theirs["answer"][k]] for k in differing
                                      if k in ("total", "hit_keys")}})
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10k,100k")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    ensure_dirs()
    started = time.perf_counter()
    results = {"command": "python -m bench.compare_proposed " + " ".join(sys.argv[1:]), "machine": machine(),
               "description": DESCRIPTION, "scales": {}}
    latest_query = OUT / "query-latest.json"
    peer = json.loads(latest_query.read_text())["scales"] if latest_query.exists() else {}
    for scale in args.scales.split(","):
        folder, recipe = ensure_archive(scale)
        current = run_side("ours", folder, args.passes, scale, tag="compare")
        proposed = run_side("proposed", folder, args.passes, scale, tag="compare")
        found = differences(current, proposed)
        figures = {
            "articles": build_figures(recipe)["articles"],
            "current": summarize(current)["overall"], "proposed_summary": summarize(proposed),
            "prototype": summarize(proposed)["overall"],
            "current_by_kind": summarize(current)["by_kind"],
            "rss_mb": {"current": current["rss_mb"], "proposed": proposed["rss_mb"]},
            "equal": "all" if not found else f"{len(found)} of {len(current['queries'])} differ",
            "differences": found,
        }
        if scale in peer:
            figures["fts5_p95_ms"] = peer[scale]["fts5"]["overall"]["p95_ms"]
        results["scales"][scale] = figures
        c, p = figures["current"], figures["prototype"]
        print(f"{scale}: current p50 {c['p50_ms']} p95 {c['p95_ms']} ms; proposed p50 {p['p50_ms']} p95 {p['p95_ms']} ms;"
              f" answers equal: {figures['equal']}", flush=True)
        for difference in found[:10]:
            print("   ", json.dumps(difference)[:300])
    results["seconds"] = round(time.perf_counter() - started, 1)
    for name in (f"prototype-{time.strftime('%Y%m%d-%H%M%S')}.json", "prototype-latest.json"):
        (OUT / name).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
