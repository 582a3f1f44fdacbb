"""ZIP archives of article files, read entry by entry with hard limits.

Refused entries (absolute paths, "..", symlinks, encrypted, bombs) get their
own error; the other entries are still read.
"""
from __future__ import annotations

import stat
import zipfile
import zlib
from io import BytesIO
from pathlib import PurePosixPath

from archive.readers import Limits, ReadItem, read_file

SKIPPED_PREFIXES = ("__MACOSX/",)
SKIPPED_NAMES = (".DS_Store", "Thumbs.db")
MAX_NESTING = 2


def read_zip(name: str, data: bytes, limits: Limits, depth: int = 0) -> list[ReadItem]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return [ReadItem(name, data, error=f"damaged ZIP file ({exc})")]
    except NotImplementedError as exc:  # "zip file version 6.4", multi-disk archives
        return [ReadItem(name, data, error=f"unsupported ZIP file ({exc})")]
    if len(infos) > limits.max_zip_entries:
        return [ReadItem(name, data, error=f"ZIP has {len(infos):,} entries "
                                           f"(the limit is {limits.max_zip_entries:,})")]
    items: list[ReadItem] = []
    total = 0
    for info in infos:
        entry_name = f"{name}/{info.filename}"
        if not info.filename:
            items.append(ReadItem(entry_name, b"", error="ZIP entry without a name: refused"))
            continue
        if info.is_dir() or _skipped(info.filename):
            continue
        refusal = _refusal(info, limits)
        if refusal:
            items.append(ReadItem(entry_name, b"", error=refusal))
            continue
        try:
            entry = _read_bounded(archive, info, limits.max_file_bytes)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError,
                RuntimeError) as exc:
            items.append(ReadItem(entry_name, b"", error=f"unreadable ZIP entry ({exc})"))
            continue
        except zlib.error as exc:  # a damaged compressed stream
            items.append(ReadItem(entry_name, b"", error=f"unreadable ZIP entry (damaged data: {exc})"))
            continue
        if entry is None:
            items.append(ReadItem(entry_name, b"", error="ZIP entry larger than its header says, "
                                                         "or over the size limit (refused as a ZIP bomb)"))
            continue
        total += len(entry)
        if total > limits.max_zip_total_bytes:
            items.append(ReadItem(entry_name, b"", error="ZIP uncompressed size over the limit "
                                                         f"({limits.max_zip_total_bytes:,} bytes); rest not read"))
            break
        if entry.startswith(b"PK\x03\x04") and depth + 1 >= MAX_NESTING:
            items.append(ReadItem(entry_name, entry, error="ZIP nested inside a ZIP inside a ZIP: refused"))
        elif entry.startswith(b"PK\x03\x04"):
            items.extend(read_zip(entry_name, entry, limits, depth + 1))
        else:
            items.extend(read_file(entry_name, entry, limits))
    if not items:
        return [ReadItem(name, data, error="ZIP holds no files")]
    return items


def _skipped(filename: str) -> bool:
    return filename.startswith(SKIPPED_PREFIXES) or PurePosixPath(filename).name in SKIPPED_NAMES


def _refusal(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    path = info.filename.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "ZIP entry with an absolute path: refused"
    if ".." in PurePosixPath(path).parts:
        return "ZIP entry with '..' in its path: refused"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "ZIP entry is a symbolic link: refused"
    if info.flag_bits & 0x1:
        return "ZIP entry is encrypted: refused"
    if info.file_size > limits.max_file_bytes:
        return f"ZIP entry too large: {info.file_size:,} bytes (the limit is {limits.max_file_bytes:,})"
    if info.compress_size and info.file_size / info.compress_size > limits.max_zip_ratio \
            and info.file_size > 1024 * 1024:
        return "ZIP entry compressed more than any article would be (refused as a ZIP bomb)"
    return None


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The entry's bytes, or None when it inflates past its declared size or the limit."""
    cap = min(limit, info.file_size)
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    return None if len(data) > cap else data
