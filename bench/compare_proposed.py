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
from bench.locations import OUT, QUERIES_FILE, ensure_dirs  # noqa: E402
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
    "(5) relevance top-k from BM25F scores computed in numpy for the matching set (`ranking.py`; prefixes "
    "still ranked by Whoosh, in one pass that also records the matching set); (6) phrases matched from the "
    "rarest word's documents, reading the other words' positions only in the posting blocks that can hold a "
    "candidate. Caches hold per-segment data only (columns, facet value arrays, field lengths), never results.")


def differences(current: dict, proposed: dict) -> list[dict]:
    found = []
    for mine, theirs in zip(current["queries"], proposed["queries"]):
        differing = [k for k in COMPARED if mine["answer"][k] != theirs["answer"][k]]
        if differing:
            found.append({"id": mine["id"], "differ": differing,
                          "example": {k: [mine["answer"][k], theirs["answer"][k]] for k in differing
                                      if k in ("total", "hit_keys")}})
    return found


def _equality(found: list[dict], count: int) -> str:
    if not found:
        return "all"
    explained = sum(1 for d in found if d.get("proposed_equals_exhaustive_whoosh_ranking"))
    text = f"{count - len(found)} of {count}"
    if explained:
        text += (f"; the other {explained} differ only in hit order, where the proposed order is Whoosh's own "
                 f"ranking of every match (the current limit-20 search misses higher-scoring documents)")
    if len(found) > explained:
        text += f"; {len(found) - explained} differ otherwise"
    return text


def exhaustive_ranking(folder: Path, request_fields: dict, limit: int = 20) -> list[list]:
    """Hit keys of Whoosh's own ranking of every match (searcher.search(limit=None)), for
    checking an order that differs from SearchService's limit-20 search."""
    from whoosh import query as wq

    from archive.store import Store
    from index.documents import parse_quote_id
    from index.search import SearchRequest, SearchService, exclusion_query, filter_query, parse_query

    request = SearchRequest(**request_fields)
    kind = "quotes" if request.kind == "quotes" else "articles"
    store = Store(folder)
    try:
        searcher = SearchService(folder / "index", store).searcher(kind)
        user_query, _, _ = parse_query(request.q, kind, searcher.schema)
        clauses = [user_query, *filter_query(request)]
        q = wq.And(clauses) if len(clauses) > 1 else user_query
        excluded = exclusion_query(request)
        if excluded is not None:
            q = wq.AndNot(q, excluded)
        ids = [searcher.stored_fields(hit.docnum)["id"] for hit in searcher.search(q, limit=None)[:limit]]
    finally:
        store.close()
    if kind == "quotes":
        return [list(parse_quote_id(i)) for i in ids]
    return [[int(i), None] for i in ids]


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
        queries = {q["id"]: q for q in json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]}
        proposed_answers = {q["id"]: q["answer"] for q in proposed["queries"]}
        for difference in found:
            request = queries[difference["id"]]["request"]
            if set(difference["differ"]) <= {"hit_keys", "snippets"} and request.get("sort", "relevance") == "relevance":
                exhaustive = exhaustive_ranking(folder, request)
                difference["proposed_equals_exhaustive_whoosh_ranking"] = \
                    proposed_answers[difference["id"]]["hit_keys"] == exhaustive
        figures = {
            "articles": build_figures(recipe)["articles"],
            "current": summarize(current)["overall"], "proposed_summary": summarize(proposed),
            "prototype": summarize(proposed)["overall"],
            "current_by_kind": summarize(current)["by_kind"],
            "rss_mb": {"current": current["rss_mb"], "proposed": proposed["rss_mb"]},
            "equal": _equality(found, len(current["queries"])),
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
