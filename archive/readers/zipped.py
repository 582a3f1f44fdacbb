"""ZIP archives of article files, read lazily, entry by entry, with hard limits.

`read_zip` yields one ReadItem at a time and holds one entry in memory at most (an
entry is never larger than the file size limit); a ZIP inside a ZIP is unpacked to a
temporary file and opened from there. What an upload may unpack is bounded as a whole
by its `Unpacking` (decompressed bytes and entries, every level counted against one
budget), by the nesting depth, and by the compression ratio of every entry.

Refused entries (absolute paths, "..", symlinks, encrypted, bombs) get their
own error; the other entries are still read.
"""
from __future__ import annotations

import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import PurePosixPath
from typing import BinaryIO

from archive.readers import Limits, ReadItem, read_bytes
from archive.readers.unpacking import Unpacking

SKIPPED_PREFIXES = ("__MACOSX/",)
SKIPPED_NAMES = (".DS_Store", "Thumbs.db")
ZIP_MAGIC = b"PK\x03\x04"
COPY_CHUNK = 1024 * 1024
# zipfile reads a ZIP's whole central directory into memory (a record of 46 bytes plus the
# name per entry) before any entry can be refused; its size is checked first.
DIRECTORY_BYTES_PER_ENTRY = 512
UNREADABLE = (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError)


def read_zip(name: str, source: bytes | BinaryIO, limits: Limits, unpacking: Unpacking | None = None,
             depth: int = 0) -> Iterator[ReadItem]:
    """The articles in a ZIP (bytes, or a seekable binary file), one by one."""
    unpacking = unpacking or Unpacking.of(limits)
    if unpacking.exhausted:
        yield ReadItem(name, b"", error=f"not read: {unpacking.exhausted}")
        return
    fileobj = BytesIO(source) if isinstance(source, bytes) else source
    refusal = _directory_refusal(fileobj, limits)
    if refusal:
        yield ReadItem(name, b"", error=refusal)
        return
    try:
        archive = zipfile.ZipFile(fileobj)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        yield ReadItem(name, b"", error=f"damaged ZIP file ({exc})")
        return
    except NotImplementedError as exc:  # "zip file version 6.4", multi-disk archives
        yield ReadItem(name, b"", error=f"unsupported ZIP file ({exc})")
        return
    with archive:
        if len(infos) > limits.max_zip_entries:
            yield ReadItem(name, b"", error=f"ZIP has {len(infos):,} entries "
                                            f"(the limit is {limits.max_zip_entries:,})")
            return
        # An entry without a name is refused, not skipped (and is_dir() cannot be asked of it).
        files = [info for info in infos if not info.filename
                 or not (info.is_dir() or _skipped(info.filename))]
        if not files:
            yield ReadItem(name, b"", error="ZIP holds no files")
            return
        unpacking.entries_total += len(files)
        for info in files:
            if unpacking.exhausted:
                return
            yield from _read_entry(archive, info, f"{name}/{info.filename}", limits, unpacking, depth)
            unpacking.entries_done += 1


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits,
                unpacking: Unpacking, depth: int) -> Iterator[ReadItem]:
    if not info.filename:
        yield ReadItem(name, b"", error="ZIP entry without a name: refused")
        return
    refusal = _refusal(info, limits)
    if refusal:
        yield ReadItem(name, b"", error=refusal)
        return
    if unpacking.entries_used >= unpacking.max_entries:
        unpacking.exhausted = f"the upload's ZIPs reached the limit of {unpacking.max_entries:,} entries"
        yield ReadItem(name, b"", error=f"more ZIP entries than one upload may hold "
                                        f"({unpacking.max_entries:,}); rest not read")
        return
    if info.file_size > unpacking.bytes_left:
        unpacking.exhausted = f"the upload's ZIPs reached the limit of {unpacking.max_bytes:,} unpacked bytes"
        yield ReadItem(name, b"", error=f"ZIP uncompressed size over the limit "
                                        f"({unpacking.max_bytes:,} bytes); rest not read")
        return
    unpacking.entries_used += 1
    # Never more than the header promised: an entry inflating past it is a bomb.
    cap = min(limits.max_file_bytes, info.file_size)
    nested = None
    try:
        with archive.open(info) as stream:
            head = stream.read(len(ZIP_MAGIC))
            if head == ZIP_MAGIC and depth + 1 >= limits.max_zip_depth:
                unpacking.bytes_used += len(head)
                yield ReadItem(name, b"", error="ZIP nested inside a ZIP inside a ZIP: refused")
                return
            if head == ZIP_MAGIC:
                nested, size = _unpack_to_disk(stream, head, cap, unpacking)
            else:
                data = head + stream.read(cap + 1 - len(head))
                size = len(data)
    except UNREADABLE as exc:
        yield ReadItem(name, b"", error=f"unreadable ZIP entry ({exc})")
        return
    except zlib.error as exc:  # a damaged compressed stream
        yield ReadItem(name, b"", error=f"unreadable ZIP entry (damaged data: {exc})")
        return
    unpacking.bytes_used += size
    if size > cap:
        if nested is not None:
            nested.close()
        yield ReadItem(name, b"", error="ZIP entry larger than its header says, "
                                        "or over the size limit (refused as a ZIP bomb)")
        return
    if nested is not None:
        with nested:
            yield from read_zip(name, nested, limits, unpacking, depth + 1)
    else:
        yield from read_bytes(name, data, limits, unpacking)


def unpacked_size(fileobj: BinaryIO, limits: Limits | None = None) -> int | None:
    """What a ZIP's entries add up to as its directory declares them (reading never goes
    past a declared size): 0 for a ZIP that will be refused whole, None for one holding
    ZIPs, which unpack further."""
    limits = limits or Limits()
    if _directory_refusal(fileobj, limits):
        return 0
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return 0
    if any(info.filename.lower().endswith(".zip") for info in infos):
        return None
    return sum(info.file_size for info in infos)


def _unpack_to_disk(stream: BinaryIO, head: bytes, cap: int, unpacking: Unpacking) -> tuple[BinaryIO, int]:
    """Copy a ZIP entry that is itself a ZIP to a temporary file (gone when closed, or
    when the process ends); stops one byte past `cap`, which the caller refuses."""
    copy = tempfile.TemporaryFile(dir=unpacking.scratch_dir)
    try:
        copy.write(head)
        size = len(head)
        while size <= cap:
            chunk = stream.read(min(COPY_CHUNK, cap + 1 - size))
            if not chunk:
                break
            copy.write(chunk)
            size += len(chunk)
        copy.seek(0)
    except BaseException:
        copy.close()
        raise
    return copy, size


def _directory_refusal(fileobj: BinaryIO, limits: Limits) -> str | None:
    """Refuse a ZIP whose central directory is too big to read, before zipfile reads it.
    The declared count may lie; the directory's size bounds what the records can cost."""
    try:
        end = zipfile._EndRecData(fileobj)  # the record zipfile itself starts from
    except (OSError, ValueError, EOFError, struct.error):
        return None  # zipfile says what is wrong with it
    if not end:
        return None
    entries, size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > limits.max_zip_entries:
        return f"ZIP has {entries:,} entries (the limit is {limits.max_zip_entries:,})"
    if size > limits.max_zip_entries * DIRECTORY_BYTES_PER_ENTRY:
        return (f"ZIP directory of {size:,} bytes: refused (at most "
                f"{limits.max_zip_entries * DIRECTORY_BYTES_PER_ENTRY:,})")
    return None


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
    # Every entry, whatever its size; a small file may compress unevenly, hence the allowance.
    if info.file_size > limits.max_zip_ratio * max(info.compress_size, 1) + limits.zip_ratio_allowance:
        return "ZIP entry compressed more than any article would be (refused as a ZIP bomb)"
    return None
