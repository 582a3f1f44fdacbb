"""How long `reannotate --all` takes next to a fresh ingest of the same corpus.

    .venv/bin/python -m bench.reannotate                   # the BBC corpus in ../shared (2,225 files)
    .venv/bin/python -m bench.reannotate --corpus FOLDER   # any folder of article files
    .venv/bin/python -m bench.reannotate --data DIR        # keep the archive there (default: a temporary folder)

Runs the real commands one after the other, each as its own process, on a fresh data folder:
`ingest` of the corpus (reading, NLP, store, index), `reannotate --all` (every article read
again from its original, annotated and rewritten, then re-indexed), and `reannotate` once
more (nothing is stale unless the code changed meanwhile: what a run costs when there is
nothing to do). Both heavy commands
use their default --jobs (every core). Prints each command's wall-clock time and the
reannotate summary. Figures depend on the machine's load: say what else ran.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.locations import BBC_CORPUS, PROJECT


def archive(data: Path, *args: str) -> tuple[float, list[str]]:
    """Run `python -m archive --data DATA ARGS`; (seconds, stdout lines). Fails loudly on an error."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "archive", "--data", str(data), *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"archive {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout.splitlines()


def corpus_parts(corpus: Path) -> list[str]:
    """The corpus's folders (the BBC set keeps its articles in one folder per section, beside a README)."""
    folders = sorted(str(path) for path in corpus.iterdir() if path.is_dir())
    return folders or [str(corpus)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC_CORPUS)
    parser.add_argument("--data", type=Path, default=None, help="an empty or new folder for the archive")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus} (../shared is for the project's developers); --corpus FOLDER")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-reannotate-") as scratch:
        data = args.data or Path(scratch) / "data"
        if data.exists() and any(data.iterdir()):
            raise SystemExit(f"{data} is not empty")
        files = sum(1 for part in corpus_parts(args.corpus) for path in Path(part).rglob("*") if path.is_file())
        print(f"corpus: {args.corpus} ({files:,} files); cores: {os.cpu_count()}; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        ingest_seconds, ingest_lines = archive(data, "ingest", *corpus_parts(args.corpus))
        print(f"ingest:            {ingest_seconds:7.1f} s  ({ingest_lines[-1]})")
        all_seconds, all_lines = archive(data, "reannotate", "--all")
        print(f"reannotate --all:  {all_seconds:7.1f} s  ({all_seconds / ingest_seconds:.2f} x the ingest)")
        again_seconds, again_lines = archive(data, "reannotate")
        print(f"reannotate again:  {again_seconds:7.1f} s  ({again_lines[0]})")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        print("\n".join(all_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
