"""Write BENCHMARKS.md (and bench/latency.png) from the latest results in bench/out/.

    .venv/bin/python -m bench.report

Every figure in BENCHMARKS.md comes from a JSON file a benchmark run wrote; the
file is regenerated, never edited by hand.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.locations import OUT, PLOT_FILE, PROJECT, REPORT_FILE  # noqa: E402
from bench.plot import plot_latency  # noqa: E402
from bench.query import TARGET_P95_MS  # noqa: E402

INGEST_TARGET = 0.85  # as bench.ingest.TARGET_RATIO


def load(name: str) -> dict | None:
    path = OUT / name
    return json.loads(path.read_text()) if path.exists() else None


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def machine_section(machine: dict, what: str) -> list[str]:
    return [f"- {what}: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM, "
            f"Python {machine['python']}, {machine['platform']}; {machine['date']}; commit {machine['commit']}; "
            f"load average at the start {machine['load_average']} (other work on the machine shows up here)"]


def ingest_section(ingest: dict) -> list[str]:
    pipeline, bare = ingest["pipeline"], ingest["bare_spacy"]
    lines = [
        "## Ingest", "",
        f"Command: `.venv/bin/python -m bench.ingest` ({ingest['corpus_description']}).", "",
        *machine_section(ingest["machine"], "Machine"), "",
        "| measure | articles | seconds | articles/s | CPU seconds (all processes) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| whole pipeline: read, normalize, extract, store, index (the CLI's bulk load: `Ingester.ingest`, "
        f"n_process=2, with a bulk `IndexFeeder`, then its `finish()`) "
        f"| {pipeline['articles']:,} | {pipeline['seconds']} | "
        f"{pipeline['articles_per_second']} | {pipeline.get('cpu_seconds', '')} |",
        f"| bare `nlp.pipe` (components {', '.join(bare['components'])}; n_process=2, batch_size "
        f"{bare['batch_size']}) | {bare['articles']:,} | {bare['seconds']} | {bare['articles_per_second']} "
        f"| {bare.get('cpu_seconds', '')} |",
        "",
        f"Pipeline / bare spaCy, best run of each: **{ingest['ratio']}** (target >= {INGEST_TARGET}: {verdict(ingest['ratio'] >= INGEST_TARGET)}). "
        f"The pipeline figure includes loading the model (once, before the workers fork) "
        f"(bare spaCy: model loaded before the clock, {bare['model_load_seconds']:.1f} s). "
        f"Runs, the two sides in turn: pipeline {pipeline['all_runs_articles_per_second']}, bare "
        f"{bare['all_runs_articles_per_second']} articles/s"
        + (f"; each turn's ratio {ingest['turn_ratios']}. " if "turn_ratios" in ingest else ". ") +
        f"Articles counted: every article read ({pipeline.get('stored', pipeline['articles']):,} distinct stored; the corpus repeats some).",
        "",
    ]
    if "cpu_ratio" in ingest:
        lines += [f"In CPU time per article (what a busy machine does not distort): bare spaCy / pipeline = "
                  f"**{ingest['cpu_ratio']}**.", ""]
    serve = ingest.get("serve")
    if serve:
        lines += [
            f"`make run` (fresh data folder, ARCHIVE_SEEDS=seeds/) to the first 200 of `GET /`: "
            f"**{serve['first_page_seconds']} s** (target < 10 s: {verdict(serve['first_page_seconds'] < 10)}).", "",
            "| seed search (20 calls after one warm-up) | median ms | max ms |", "| --- | ---: | ---: |",
            *[f"| `{url}` | {f['median_ms']} | {f['max_ms']} |" for url, f in serve["seed_searches"].items()],
            "", "Seed search target: < 50 ms (over HTTP, page rendering included).", "",
        ]
    return lines


def query_section(results: dict) -> list[str]:
    scales = results["scales"]
    first = next(iter(scales.values()))
    lines = [
        "## Query", "",
        f"Command: `.venv/bin/python -m {results['command'].split('python -m ', 1)[1]}`; "
        f"{results['queries']} fixed queries (`bench/queries.json`), one untimed pass then {results['passes']} "
        f"timed passes each, per scale; whole run {results['seconds']:.0f} s (archives already built).", "",
        *machine_section(results["machine"], "Machine"), "",
        f"Archives: {first['corpus_description']}, recombined into new articles (whole real paragraphs of "
        f"different articles, their quotes and entities carried along, new titles, ids, dates 2019-2025 with "
        f"minute / day / no precision, 8 invented sources); built once with the real Store (`put` in batches "
        f"of 1,000, one transaction each) and IndexWriter (`write(merge=False)` over the whole store in one "
        f"batch, so one segment and no `optimize()` needed) and reused.", "",
        "Ours: `SearchService.search(SearchRequest)` of the serving Runtime, top 20 hits with snippets + the "
        "facets speaker, person, org, place, source + the month histogram, as the search page shows them "
        "(speaker and source counted without their own filter, months without the date range). "
        "SQLite FTS5: a contentless FTS5 table over the same analyzed words, a (doc_id, value) table per facet, "
        "matching ids with bm25 in a temporary table, count(*), facets by GROUP BY, top 20 by bm25 or date, "
        "20 rows read for Python-cut snippets, and the page's unfiltered counts from a second temporary table "
        "each (see `bench/fts5.py`). Each side in its own process.", "",
        "| articles | quotes | ours p50 | ours p95 | ours max | FTS5 p50 | FTS5 p95 | FTS5 max | ours/FTS5 p50 | ours/FTS5 p95 | answers agree |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for figures in scales.values():
        o, f = figures["ours"]["overall"], figures["fts5"]["overall"]
        agree = "all" if not figures["mismatches"] else f"{len(figures['mismatches'])} differ"
        lines.append(f"| {figures['articles']:,} | {figures['quotes']:,} | {o['p50_ms']} | {o['p95_ms']} | "
                     f"{o['max_ms']} | {f['p50_ms']} | {f['p95_ms']} | {f['max_ms']} | {figures['ratio']['p50']}x | "
                     f"{figures['ratio']['p95']}x | {agree} |")
    lines += ["", "Times in milliseconds.", "", "![latency against archive size](bench/latency.png)", ""]
    largest_name, largest = max(scales.items(), key=lambda item: item[1]["articles"])
    p95 = largest["ours"]["overall"]["p95_ms"]
    lines += [
        f"Targets at {largest['articles']:,} articles: p95 <= {TARGET_P95_MS:.0f} ms: {p95} ms, "
        f"{verdict(p95 <= TARGET_P95_MS)}; ours/FTS5 p95 <= 1.0x: {largest['ratio']['p95']}x, "
        f"{verdict(largest['ratio']['p95'] <= 1.0)} (first milestone 2x: {verdict(largest['ratio']['p95'] <= 2.0)}).", "",
        f"Peak RSS of the serving process (Runtime + SearchService) over the query run at {largest['articles']:,} "
        f"articles: **{largest['ours']['rss_mb']['peak']} MB** (after opening: {largest['ours']['rss_mb']['after_open']} MB; "
        f"the FTS5 process: {largest['fts5']['rss_mb']['peak']} MB).", "",
        f"### By kind of query at {largest['articles']:,} articles", "",
        "| kind | queries x passes | ours p50 | ours p95 | FTS5 p50 | FTS5 p95 |", "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, mine in largest["ours"]["by_kind"].items():
        theirs = largest["fts5"]["by_kind"][kind]
        lines.append(f"| {kind} | {mine['n']} | {mine['p50_ms']} | {mine['p95_ms']} | {theirs['p50_ms']} | {theirs['p95_ms']} |")
    lines += ["", f"Slowest of ours at {largest['articles']:,}: " + ", ".join(
        f"{q['id']} {q['max_ms']} ms ({q['total']:,} hits)" for q in largest["ours"]["slowest"]) + ".", ""]
    if any(f["mismatches"] for f in scales.values()):
        lines += ["Queries whose totals or facet counts differ between the two:", ""]
        for name, figures in scales.items():
            lines += [f"- {name}: `{json.dumps(m, ensure_ascii=False)[:300]}`" for m in figures["mismatches"]]
        lines.append("")
    lines += ["One-off archive builds (seconds; sizes in MB):", ""]
    for name, figures in scales.items():
        build = figures["build"]
        lines.append(f"- {name}: store {build['store_seconds']}, index {build['index_seconds']}, optimize "
                     f"{build['optimize_seconds']}, FTS5 {build['fts5_seconds']}; sizes {build['sizes_mb']}")
    return lines + [""]


def profile_section(profile: dict, scale: str) -> list[str]:
    steps = list(next(iter(profile.values()))["steps_ms"])
    lines = [f"## Where our time goes ({scale}, `python -m bench.profile_query --scale {scale}`)", "",
             "Median of 3 runs of each step of `SearchService.search`, in milliseconds.", "",
             "| query | matching | " + " | ".join(steps) + " | search() |",
             "| --- | ---: | " + " | ".join("---:" for _ in steps) + " | ---: |"]
    for query_id, entry in profile.items():
        lines.append(f"| {query_id} `{json.dumps(entry['request'], ensure_ascii=False)}` | {entry['matching']:,} | "
                     + " | ".join(str(entry["steps_ms"][s]) for s in steps) + f" | {entry['search_ms']} |")
    return lines + [""]


def main() -> int:
    ingest, queries = load("ingest-latest.json"), load("query-latest.json")
    lines = ["# Benchmarks", "",
             "Generated by `.venv/bin/python -m bench.report` from the latest results in `bench/out/`; "
             "do not edit by hand. How the figures are made: `bench/__init__.py` and the module docstrings.", ""]
    if queries:
        plot_latency(queries, PLOT_FILE, TARGET_P95_MS)
        lines += query_section(queries)
    if ingest:
        lines += ingest_section(ingest)
    for scale in ("100k", "10k"):
        profile = load(f"profile-{scale}.json")
        if profile:
            lines += profile_section(profile, scale)
            break
    from bench.feeds import report_section as feeds_section
    lines += feeds_section()
    REPORT_FILE.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {REPORT_FILE.relative_to(PROJECT)}" + (f" and {PLOT_FILE.relative_to(PROJECT)}" if queries else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
