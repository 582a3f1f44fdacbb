"""The source corpus run once through the archive's own pipeline, kept as JSON.

Every synthetic archive is made of these articles' paragraphs, so their quotes
and entities are what the real extractor found (speakers and person names as
the store canonicalized them), not invented. Annotating takes a minute or two;
the result is cached in bench/.cache/ and reused until the corpus changes or
`--rebuild` is asked for.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

from bench.corpus import SourceCorpus, load_source_corpus
from bench.locations import CACHE, PROJECT

ANNOTATION_VERSION = 1
# The code whose output the cache holds, every module of it: the annotations come through the
# whole ingest side (readers, normalization, the model and its rules, the store's canonical
# names), so a list of files would miss the next one split off. A change is reported, not acted
# on, since every archive built from the cache would have to be rebuilt too.
EXTRACTION_FOLDERS = ("archive",)


def extraction_code_hash() -> str:
    digest = hashlib.sha256()
    for folder in EXTRACTION_FOLDERS:
        for path in sorted((PROJECT / folder).rglob("*.py")):
            relative = path.relative_to(PROJECT).as_posix()
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def corpus_hash(corpus: SourceCorpus) -> str:
    digest = hashlib.sha256()
    for name, data in corpus.files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:16]


def cache_file(kind: str) -> Path:
    return CACHE / f"annotations-{kind}.json"


def load_annotations(rebuild: bool = False, log=print) -> dict:
    """{"corpus": kind, "description", "corpus_hash", "extraction_hash", "seconds", "articles": [...]}."""
    corpus = load_source_corpus()
    path = cache_file(corpus.kind)
    wanted = corpus_hash(corpus)
    if path.exists() and not rebuild:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("version") == ANNOTATION_VERSION and cached.get("corpus_hash") == wanted:
            if cached.get("extraction_hash") != extraction_code_hash():
                log(f"note: {path.name} was made by older extraction code; --rebuild refreshes it "
                    f"(and every archive built from it)")
            return cached
    log(f"annotating {corpus.description} through the pipeline (once; cached in {path}) ...")
    started = time.perf_counter()
    articles = annotate_corpus(corpus)
    annotations = {
        "version": ANNOTATION_VERSION,
        "corpus": corpus.kind,
        "description": corpus.description,
        "corpus_hash": wanted,
        "extraction_hash": extraction_code_hash(),
        "seconds": round(time.perf_counter() - started, 1),
        "articles": articles,
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(annotations, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    log(f"annotated {len(articles):,} articles in {annotations['seconds']} s")
    return annotations


def annotate_corpus(corpus: SourceCorpus) -> list[dict]:
    """Ingest into a scratch store (no index) and read the stored articles back."""
    from archive.pipeline import Ingester
    from archive.store import Store

    scratch = CACHE / f"annotating-{corpus.kind}"
    shutil.rmtree(scratch, ignore_errors=True)
    store = Store(scratch)
    try:
        Ingester(store).ingest(corpus.files, n_process=2)
        stored = store.get_many(store.all_ids())
    finally:
        store.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return [{
        "file": article.file,
        "title": article.title,
        "body": article.body,
        "quotes": [quote.to_dict() for quote in article.quotes],
        "entities": [entity.to_dict() for entity in article.entities],
    } for article in stored]
