"""Where the benchmarks read their corpus and keep caches and results."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
CACHE = BENCH / ".cache"
OUT = BENCH / "out"
QUERIES_FILE = BENCH / "queries.json"
PLOT_FILE = BENCH / "latency.png"
REPORT_FILE = PROJECT / "BENCHMARKS.md"
BBC_CORPUS = Path(os.environ.get("BENCH_BBC", PROJECT.parent / "shared" / "corpora" / "bbc"))


def ensure_dirs() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
