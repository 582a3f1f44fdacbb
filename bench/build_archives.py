"""Build (or check) the benchmark archives without running any query.

    .venv/bin/python -m bench.build_archives [--scales 10k,100k] [--rebuild]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archives import build_figures, ensure_archive  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10k,100k")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    for scale in args.scales.split(","):
        started = time.perf_counter()
        folder, recipe = ensure_archive(scale, rebuild=args.rebuild, log=lambda m: print(m, flush=True))
        print(f"{scale}: {folder} ready ({time.perf_counter() - started:.0f} s); build figures: {build_figures(recipe)}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
