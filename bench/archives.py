"""Synthetic archives at benchmark scale, built once with the real Store and IndexWriter
and reused between runs.

An archive folder (bench/.cache/archive-10k, archive-100k) is an ordinary data
folder: `python -m archive serve --data bench/.cache/archive-100k` serves it.
`recipe.json` in it records what it was built from; a folder whose recipe
differs from the current one (or that has none: an interrupted build) is
rebuilt from scratch.
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from bench.annotated import load_annotations
from bench.fts5 import build_fts, fts_is_built
from bench.locations import CACHE
from bench.synthetic import RECIPE_VERSION, SEED, SyntheticCorpus

SCALES = {"10k": 10_000, "100k": 100_000}
STORE_BATCH = 1_000
INDEX_BATCH = 10_000
RECIPE_FILE = "recipe.json"


def archive_dir(scale: str) -> Path:
    return CACHE / f"archive-{scale}"


def recipe_for(scale: str, annotations: dict) -> dict:
    return {"recipe_version": RECIPE_VERSION, "articles": SCALES[scale], "seed": SEED,
            "corpus": annotations["corpus"], "corpus_hash": annotations["corpus_hash"]}


def built_recipe(folder: Path) -> dict | None:
    marker = folder / RECIPE_FILE
    return json.loads(marker.read_text()) if marker.exists() else None


def ensure_archive(scale: str, rebuild: bool = False, log=print) -> tuple[Path, dict]:
    """The archive folder for this scale, built if missing or stale; and its recipe with build figures."""
    annotations = load_annotations(log=log)
    folder = archive_dir(scale)
    wanted = recipe_for(scale, annotations)
    existing = built_recipe(folder)
    if existing and not rebuild and all(existing.get(k) == v for k, v in wanted.items()):
        if not fts_is_built(folder):
            _rebuild_fts(folder, existing, log)
        return folder, existing
    log(f"building the {scale} archive in {folder} (once; reused by later runs) ...")
    shutil.rmtree(folder, ignore_errors=True)
    figures = build_archive(folder, SCALES[scale], SyntheticCorpus(annotations), log)
    recipe = {**wanted, "corpus_description": annotations["description"], "build": figures}
    (folder / RECIPE_FILE).write_text(json.dumps(recipe, indent=2))
    return folder, recipe


def build_archive(folder: Path, count: int, corpus: SyntheticCorpus, log) -> dict:
    from archive.store import Store
    from index.writer import IndexWriter

    figures = {}
    started = time.perf_counter()
    store = Store(folder)
    try:
        for first in range(0, count, STORE_BATCH):
            with store.transaction() as db:
                for number in range(first, min(first + STORE_BATCH, count)):
                    store.put(db, corpus.article(number), corpus.identity(number), f"synthetic/{number}")
            _progress(log, "stored", min(first + STORE_BATCH, count), count, started)
        figures["store_seconds"] = round(time.perf_counter() - started, 1)

        # Indexed from the store after everything is stored, so speaker names the
        # store renamed on the way (a fuller name arriving later) are indexed as stored.
        started = time.perf_counter()
        writer = IndexWriter(folder / "index")
        ids = store.all_ids()
        for first in range(0, len(ids), INDEX_BATCH):
            writer.write(store.get_many(ids[first:first + INDEX_BATCH]), merge=False)
            _progress(log, "indexed", min(first + INDEX_BATCH, len(ids)), len(ids), started)
        figures["index_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        writer.optimize()
        figures["optimize_seconds"] = round(time.perf_counter() - started, 1)
        store.dequeue(store.queued_ids())

        started = time.perf_counter()
        build_fts(folder, store, log)
        figures["fts5_seconds"] = round(time.perf_counter() - started, 1)
        figures["articles"] = store.count()
        figures["quotes"] = store.stats()["quotes"]
    finally:
        store.close()
    figures["sizes_mb"] = {
        "store": _megabytes(folder / "archive.sqlite3"),
        "index": _megabytes(folder / "index"),
        "fts5": _megabytes(folder / "fts5.sqlite3"),
    }
    log(f"built: {figures}")
    return figures


def _rebuild_fts(folder: Path, recipe: dict, log) -> None:
    """Only the SQLite peer changed: rebuild it from the archive's store."""
    from archive.store import Store

    log(f"rebuilding the FTS5 peer of {folder} ...")
    started = time.perf_counter()
    store = Store(folder)
    try:
        build_fts(folder, store, log)
    finally:
        store.close()
    recipe["build"]["fts5_seconds"] = round(time.perf_counter() - started, 1)
    recipe["build"]["sizes_mb"]["fts5"] = _megabytes(folder / "fts5.sqlite3")
    (folder / RECIPE_FILE).write_text(json.dumps(recipe, indent=2))


def _megabytes(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def _progress(log, what: str, done: int, total: int, started: float) -> None:
    if done == total or done % (total // 10 or 1) < STORE_BATCH:
        log(f"  {what} {done:,}/{total:,} ({time.perf_counter() - started:.0f} s)")
