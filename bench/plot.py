"""bench/latency.png: p50 and p95 of the full search response against archive size,
ours and SQLite FTS5, from a bench/query.py result."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLES = {"ours": ("#1f5fa8", "ours (Whoosh, SearchService.search)"), "fts5": ("#c0562b", "SQLite FTS5 peer")}


def plot_latency(query_results: dict, path: Path, target_ms: float) -> None:
    scales = sorted(query_results["scales"].items(), key=lambda item: item[1]["articles"])
    sizes = [figures["articles"] for _, figures in scales]
    fig, ax = plt.subplots(figsize=(6.4, 3.8), dpi=100)
    for side, (color, label) in STYLES.items():
        ax.plot(sizes, [f[side]["overall"]["p95_ms"] for _, f in scales], "-o", color=color, label=f"{label} p95")
        ax.plot(sizes, [f[side]["overall"]["p50_ms"] for _, f in scales], "--o", color=color, alpha=0.7,
                label=f"{label} p50")
    ax.axhline(target_ms, color="#555555", linewidth=0.8, linestyle=":", label=f"target p95 {target_ms:.0f} ms")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(sizes, [f"{n:,}" for n in sizes])
    ax.set_xlabel("articles in the archive")
    ax.set_ylabel("full search response (ms)")
    ax.set_title(f"Search latency, {query_results['queries']} queries x {query_results['passes']} passes")
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(True, which="both", alpha=0.25)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
