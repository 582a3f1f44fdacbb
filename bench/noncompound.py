"""Measure the proposed non-compound segments: a copy of an archive whose index is
rewritten with `writer(compound=False)` (one file per segment part), then the query
set timed on it with the serving SearchService, and its RSS.

Whoosh-Reloaded reads a compound segment (.seg) through a BufferFile that copies each
part it opens (postings, terms, every column) into a BytesIO: the whole index ends up
in the server's memory on top of the mapped file. Separate files are read in place.

    .venv/bin/python -m bench.noncompound [--scale 100k]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import archive_dir, ensure_archive  # noqa: E402
from bench.locations import CACHE, OUT  # noqa: E402
from bench.query import run_side, summarize  # noqa: E402


def noncompound_copy(scale: str, log=print) -> tuple[Path, float]:
    """bench/.cache/archive-<scale>-noncompound: the store copied, the index rewritten; reused."""
    from whoosh import index as whoosh_index

    source = archive_dir(scale)
    target = CACHE / f"archive-{scale}-noncompound"
    marker = target / "rewritten.json"
    if marker.exists() and json.loads(marker.read_text()).get("source_recipe") == (source / "recipe.json").read_text():
        return target, json.loads(marker.read_text())["seconds"]
    log(f"rewriting a copy of {source.name}'s index without compound segments ...")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "archive.sqlite3", target / "archive.sqlite3")
    shutil.copytree(source / "index", target / "index")
    started = time.perf_counter()
    for name in ("articles", "quotes"):
        ix = whoosh_index.open_dir(str(target / "index"), indexname=name)
        ix.writer(compound=False).commit(optimize=True)
    seconds = round(time.perf_counter() - started, 1)
    marker.write_text(json.dumps({"source_recipe": (source / "recipe.json").read_text(), "seconds": seconds}))
    return target, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="100k")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    folder, _ = ensure_archive(args.scale)
    copy, seconds = noncompound_copy(args.scale)
    compound = run_side("ours", folder, args.passes, args.scale, tag="compound")
    separate = run_side("ours", copy, args.passes, args.scale, tag="noncompound")
    differing = [a["id"] for a, b in zip(compound["queries"], separate["queries"]) if a["answer"] != b["answer"]]
    result = {"scale": args.scale, "rewrite_seconds": seconds,
              "compound": {"overall": summarize(compound)["overall"], "rss_mb": compound["rss_mb"]},
              "noncompound": {"overall": summarize(separate)["overall"], "rss_mb": separate["rss_mb"]},
              "answers_differ": differing}
    (OUT / "noncompound-latest.json").write_text(json.dumps(result, indent=1))
    for name in ("compound", "noncompound"):
        print(f"{name:12} {result[name]['overall']}  peak RSS {result[name]['rss_mb']['peak']} MB")
    print(f"answers differ for {len(differing)} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
