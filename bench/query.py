"""Query latency at 10k and 100k articles, ours (SearchService.search, the function the
web app calls: everything a search page needs, the hits with snippets and every facet
count it shows) side by side with SQLite FTS5 (bench/fts5.py), on the fixed query
set bench/queries.json. Each side runs in a process of its own; the answers of both
are checked to agree (total hits and every facet's counts) for every query.

    .venv/bin/python -m bench.query [--scales 10k,100k] [--passes 3] [--rebuild]

The archives are built once into bench/.cache/ (see bench/archives.py) and reused.
Results: bench/out/query-latest.json (and a dated copy); BENCHMARKS.md via bench/report.py.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import build_figures, ensure_archive  # noqa: E402
from bench.locations import OUT, PROJECT, QUERIES_FILE, ensure_dirs  # noqa: E402
from bench.machine import machine  # noqa: E402
from bench.stats import summary_ms  # noqa: E402

TARGET_P95_MS = 100.0
SIDES = ("ours", "fts5")


def run_side(side: str, folder: Path, passes: int, scale: str, tag: str = "query") -> dict:
    out = OUT / f"{tag}-{scale}-{side}.json"
    command = [sys.executable, "-m", "bench.query_worker", side, str(folder), str(out), "--passes", str(passes)]
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT, check=True)
    result = json.loads(out.read_text())
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result


def compare_answers(ours: dict, fts5: dict) -> list[dict]:
    """Queries whose total or facet counts differ between the two sides."""
    mismatches = []
    for mine, theirs in zip(ours["queries"], fts5["queries"]):
        a, b = mine["answer"], theirs["answer"]
        differing = [name for name in a["facets"] if a["facets"][name] != b["facets"].get(name)]
        if a["total"] != b["total"] or differing or a["hits"] != b["hits"]:
            mismatches.append({"id": mine["id"], "total": [a["total"], b["total"]], "hits": [a["hits"], b["hits"]],
                               "facets": {name: [a["facets"][name][:5], b["facets"].get(name, [])[:5]]
                                          for name in differing}})
    return mismatches


def summarize(side_result: dict) -> dict:
    all_times = [t for q in side_result["queries"] for t in q["seconds"]]
    by_kind = defaultdict(list)
    for q in side_result["queries"]:
        by_kind[q["kind"]].extend(q["seconds"])
    slowest = sorted(side_result["queries"], key=lambda q: -max(q["seconds"]))[:8]
    return {
        "overall": summary_ms(all_times),
        "by_kind": {kind: summary_ms(times) for kind, times in by_kind.items()},
        "slowest": [{"id": q["id"], "max_ms": round(max(q["seconds"]) * 1000, 1),
                     "total": q["answer"]["total"]} for q in slowest],
        "rss_mb": side_result["rss_mb"],
        "open_seconds": side_result["open_seconds"],
        "wall_seconds": side_result["wall_seconds"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10k,100k")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the archives even if they are current")
    args = parser.parse_args()
    ensure_dirs()
    started = time.perf_counter()
    queries = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
    results = {"command": "python -m bench.query " + " ".join(sys.argv[1:]), "machine": machine(),
               "queries": len(queries), "passes": args.passes, "scales": {}}
    for scale in args.scales.split(","):
        folder, recipe = ensure_archive(scale, rebuild=args.rebuild)
        build = build_figures(recipe)
        print(f"\n== {scale}: {build['articles']:,} articles, {build['quotes']:,} quotes "
              f"({recipe['corpus_description']}, recombined) ==", flush=True)
        sides = {side: run_side(side, folder, args.passes, scale) for side in SIDES}
        summary = {side: summarize(sides[side]) for side in SIDES}
        mismatches = compare_answers(sides["ours"], sides["fts5"])
        ours, peer = summary["ours"]["overall"], summary["fts5"]["overall"]
        results["scales"][scale] = {
            "articles": build["articles"], "quotes": build["quotes"],
            "corpus": recipe["store"]["corpus"], "corpus_description": recipe["corpus_description"],
            "build": build, **summary,
            "ratio": {"p50": round(ours["p50_ms"] / peer["p50_ms"], 2), "p95": round(ours["p95_ms"] / peer["p95_ms"], 2)},
            "mismatches": mismatches,
        }
        print_scale(scale, results["scales"][scale])
    results["seconds"] = round(time.perf_counter() - started, 1)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"query-{stamp}.json", "query-latest.json"):
        (OUT / name).write_text(json.dumps(results, indent=1))
    print(f"\nwhole run: {results['seconds']} s; results in {OUT / 'query-latest.json'}")
    return 0


def print_scale(scale: str, figures: dict) -> None:
    print(f"{'':14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for side in SIDES:
        o = figures[side]["overall"]
        print(f"{side:14}{o['p50_ms']:9.1f}{o['p95_ms']:9.1f}{o['max_ms']:9.1f}")
    print(f"ours / FTS5: p50 {figures['ratio']['p50']}x, p95 {figures['ratio']['p95']}x "
          f"(target p95 <= {TARGET_P95_MS:.0f} ms and <= 1.0x)")
    print(f"peak RSS: ours {figures['ours']['rss_mb']['peak']} MB, FTS5 {figures['fts5']['rss_mb']['peak']} MB")
    kinds = figures["ours"]["by_kind"]
    print(f"{'kind':16}{'ours p50':>10}{'ours p95':>10}{'fts5 p50':>10}{'fts5 p95':>10}")
    for kind in kinds:
        mine, theirs = kinds[kind], figures["fts5"]["by_kind"][kind]
        print(f"{kind:16}{mine['p50_ms']:10.1f}{mine['p95_ms']:10.1f}{theirs['p50_ms']:10.1f}{theirs['p95_ms']:10.1f}")
    if figures["mismatches"]:
        print(f"ANSWERS DIFFER for {len(figures['mismatches'])} queries:")
        for mismatch in figures["mismatches"][:20]:
            print("  ", json.dumps(mismatch, ensure_ascii=False)[:300])
    else:
        print("answers agree: same total hits, hit count and facet counts for every query")


if __name__ == "__main__":
    sys.exit(main())
