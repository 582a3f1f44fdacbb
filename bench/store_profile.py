"""Where the storing process's CPU goes in a bulk ingest (the part bench.ingest counts
beside the two worker processes), step by step, without a profiler.

    .venv/bin/python -m bench.store_profile [--limit N]

Runs what bench.ingest's pipeline measurement runs (the CLI's bulk load over the BBC
corpus in ../shared, n_process=2, a bulk IndexFeeder), with each step below wrapped to add
its CPU time (this process only; the workers are not counted here) and prints milliseconds
per article read. Steps nest (storing a batch includes the people pass), so they do not
add up; "this process" is the whole.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.locations import BBC_CORPUS  # noqa: E402

# (module, attribute path, label): what is timed, by where its caller looks it up.
STEPS = (
    ("archive.pipeline", "Ingester.store_batch", "storing a batch (all of it)"),
    ("archive.store", "Store.put", "  one article's rows"),
    ("archive.store", "canonicalize_people", "    people registry and people pass"),
    ("archive.people", "resolve_name", "      registry: one name"),
    ("archive.people", "resolve_new_article", "      people pass: one article"),
    ("archive.store", "Store.keep_original", "  the original file (written, synced)"),
    ("index.feeder", "IndexFeeder.stored", "  handing the batch to the index"),
    ("index.writer", "article_document", "    article documents"),
    ("index.writer", "quote_documents", "    quotation documents"),
    ("index.whoosh_internals", "CheapSegmentWriter.add_document", "    Whoosh: adding documents"),
    ("index.feeder", "IndexFeeder.flush", "committing the index"),
    ("whoosh.writing", "SegmentWriter._finalize_segment", "  Whoosh: writing segments"),
    ("archive.nlp", "load_for_workers", "loading the models before the workers fork"),
    ("archive.gazetteer", "_places", "loading the gazetteer"),
)


def wrap(module_name: str, path: str, label: str, totals: dict[str, float]) -> None:
    owner = __import__(module_name, fromlist=["_"])
    *classes, name = path.split(".")
    for class_name in classes:
        owner = getattr(owner, class_name)
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - started

    setattr(owner, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N files of the corpus")
    args = parser.parse_args()
    from archive.__main__ import INDEX_EVERY
    from archive.pipeline import Ingester, files_under
    from archive.store import Store
    from index.feeder import IndexFeeder
    from index.rebuild import recover

    totals: dict[str, float] = collections.Counter()
    for module_name, path, label in STEPS:
        wrap(module_name, path, label, totals)
    paths = list(files_under([BBC_CORPUS]))[:args.limit]
    with tempfile.TemporaryDirectory(prefix="bench-store-") as scratch:
        started, wall = time.process_time(), time.perf_counter()
        store = Store(Path(scratch))
        writer = recover(store, Path(scratch) / "index")
        feeder = IndexFeeder(store, writer, every=INDEX_EVERY, bulk=True)
        reports = Ingester(store, feeder).ingest(((name, p.read_bytes()) for name, p in paths), n_process=2)
        feeder.finish()
        whole, wall = time.process_time() - started, time.perf_counter() - wall
        store.close()
    count = len(reports)
    print(f"{count} articles read in {wall:.1f} s; CPU ms per article in the storing process:")
    print(f"  {'this process (the whole)':48s} {1000 * whole / count:5.2f}")
    for _, _, label in STEPS:
        print(f"  {label:48s} {1000 * totals[label] / count:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
