"""Synthetic archives at benchmark scale, built once with the real Store and IndexWriter
and reused between runs.

An archive folder (bench/.cache/archive-10k, archive-100k) is an ordinary data
folder: `python -m archive serve --data bench/.cache/archive-100k` serves it.
It is built in three stages, each recorded in `recipe.json` when it completes:
- store: the synthetic articles put with Store.put, in batches, one transaction each;
  redone when the corpus or the recipe of synthetic articles changes;
- index: written from the store with IndexWriter.write(merge=False) in batches
  of up to 100k articles, then optimize() if that left more than one segment; redone when index/schema.py or index/documents.py
  change or the index would not pass the server's own health check (which would
  otherwise rebuild it, slowly, the first time the archive is opened);
- fts5: the SQLite peer (bench/fts5.py), redone with the index or when its format changes.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

from bench.annotated import load_annotations
from bench.fts5 import FTS_FILE, FTS_VERSION, build_fts
from bench.locations import CACHE, PROJECT
from bench.synthetic import RECIPE_VERSION, SEED, SyntheticCorpus

SCALES = {"10k": 10_000, "100k": 100_000}
STORE_BATCH = 1_000
# One write() for the whole archive: one segment, the shape optimize() would give, without
# paying for the merge (at 100k articles it costs about as much as the indexing itself).
INDEX_BATCH = 100_000
RECIPE_FILE = "recipe.json"
INDEX_SOURCES = ("index/schema.py", "index/documents.py")


def archive_dir(scale: str) -> Path:
    return CACHE / f"archive-{scale}"


def store_recipe(scale: str, annotations: dict) -> dict:
    return {"recipe_version": RECIPE_VERSION, "articles": SCALES[scale], "seed": SEED,
            "corpus": annotations["corpus"], "corpus_hash": annotations["corpus_hash"]}


def index_fingerprint() -> str:
    digest = hashlib.sha256()
    for relative in INDEX_SOURCES:
        digest.update((PROJECT / relative).read_bytes())
    return digest.hexdigest()[:16]


def read_recipe(folder: Path) -> dict:
    marker = folder / RECIPE_FILE
    return json.loads(marker.read_text()) if marker.exists() else {}


def write_recipe(folder: Path, recipe: dict) -> None:
    (folder / RECIPE_FILE).write_text(json.dumps(recipe, indent=2))


def ensure_archive(scale: str, rebuild: bool = False, log=print) -> tuple[Path, dict]:
    """The archive folder for this scale with every stage current; and its recipe with build figures."""
    from index.writer import index_is_healthy

    annotations = load_annotations(log=log)
    folder = archive_dir(scale)
    recipe = {} if rebuild else read_recipe(folder)
    wanted = store_recipe(scale, annotations)
    if {k: recipe.get("store", {}).get(k) for k in wanted} != wanted:
        log(f"building the {scale} archive in {folder} (once; reused by later runs) ...")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        recipe = {"corpus_description": annotations["description"],
                  "store": {**wanted, **build_store(folder, SCALES[scale], SyntheticCorpus(annotations), log)}}
        write_recipe(folder, recipe)
    fingerprint = index_fingerprint()
    if recipe.get("index", {}).get("fingerprint") != fingerprint or not index_is_healthy(folder / "index"):
        log(f"indexing the {scale} archive (index/schema.py or index/documents.py changed, or no index yet) ...")
        recipe.pop("fts5", None)
        recipe["index"] = {"fingerprint": fingerprint, **build_index(folder, log)}
        write_recipe(folder, recipe)
    fts_key = f"{fingerprint}-{FTS_VERSION}"
    if recipe.get("fts5", {}).get("fingerprint") != fts_key or not (folder / FTS_FILE).exists():
        log(f"building the SQLite FTS5 peer of the {scale} archive ...")
        recipe["fts5"] = {"fingerprint": fts_key, **build_peer(folder, log)}
        write_recipe(folder, recipe)
    return folder, recipe


def build_figures(recipe: dict) -> dict:
    """The one-off build figures of an archive, flat, for reports."""
    return {
        "articles": recipe["store"]["stored_articles"], "quotes": recipe["store"]["stored_quotes"],
        "store_seconds": recipe["store"]["seconds"], "index_seconds": recipe["index"]["write_seconds"],
        "optimize_seconds": recipe["index"]["optimize_seconds"], "fts5_seconds": recipe["fts5"]["seconds"],
        "sizes_mb": {"store": recipe["store"]["size_mb"], "index": recipe["index"]["size_mb"],
                     "fts5": recipe["fts5"]["size_mb"]},
    }


def build_store(folder: Path, count: int, corpus: SyntheticCorpus, log) -> dict:
    from archive.store import Store

    started = time.perf_counter()
    store = Store(folder)
    try:
        for first in range(0, count, STORE_BATCH):
            with store.transaction() as db:
                for number in range(first, min(first + STORE_BATCH, count)):
                    store.put(db, corpus.article(number), corpus.identity(number), f"synthetic/{number}")
            _progress(log, "stored", min(first + STORE_BATCH, count), count, started)
        stats = store.stats()
    finally:
        store.close()
    return {"seconds": round(time.perf_counter() - started, 1), "stored_articles": stats["articles"],
            "stored_quotes": stats["quotes"], "size_mb": _megabytes(folder / "archive.sqlite3")}


def build_index(folder: Path, log) -> dict:
    """Index the whole store the way a bulk load does: large uncommitted-merge batches, then optimize.
    Indexed from the store after everything is stored, so speaker names the store renamed on the
    way (a fuller name arriving later) are indexed as stored."""
    from archive.store import Store
    from index.writer import IndexWriter

    shutil.rmtree(folder / "index", ignore_errors=True)
    store = Store(folder)
    try:
        started = time.perf_counter()
        writer = IndexWriter(folder / "index")
        ids = store.all_ids()
        for first in range(0, len(ids), INDEX_BATCH):
            writer.write(store.get_many(ids[first:first + INDEX_BATCH]), merge=False)
            _progress(log, "indexed", min(first + INDEX_BATCH, len(ids)), len(ids), started)
        write_seconds = time.perf_counter() - started
        started = time.perf_counter()
        segments = _segment_count(writer)
        if segments > 1:  # one batch is one segment already: what optimize() would leave
            writer.optimize()
        optimize_seconds = time.perf_counter() - started
        store.dequeue(store.queued_ids())
    finally:
        store.close()
    log(f"  optimized in {optimize_seconds:.0f} s")
    return {"write_seconds": round(write_seconds, 1), "optimize_seconds": round(optimize_seconds, 1),
            "batch": INDEX_BATCH, "segments_before_optimize": segments, "size_mb": _megabytes(folder / "index")}


def _segment_count(writer) -> int:
    return max(len(ix._segments()) for ix in writer.indexes.values())


def build_peer(folder: Path, log) -> dict:
    from archive.store import Store

    started = time.perf_counter()
    store = Store(folder)
    try:
        build_fts(folder, store, log)
    finally:
        store.close()
    return {"seconds": round(time.perf_counter() - started, 1), "size_mb": _megabytes(folder / FTS_FILE)}


def _megabytes(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def _progress(log, what: str, done: int, total: int, started: float) -> None:
    if done == total or done % (total // 10 or 1) < STORE_BATCH:
        log(f"  {what} {done:,}/{total:,} ({time.perf_counter() - started:.0f} s)")
