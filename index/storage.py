"""Segment files read in place from their memory map, not copied.

Whoosh maps each compound segment file (.seg) into memory, then opens the files
inside it (postings, term index, columns) as BufferFile objects, and
Whoosh-Reloaded's BufferFile copies its whole buffer into a BytesIO. So every
segment reader held a private copy of the segment's postings and term index: at
100,000 articles about 600 MB for the articles index and 350 MB for the quotes,
per searcher (each request thread has its own, and a new one after every
commit), on top of the mapped pages the copy was read from. Here the sub-files
read through a buffered reader over the mapped bytes instead; the operating
system's page cache holds the one copy, shared by every reader and process.

MemoryReader is that file; index.whoosh_internals.MappedBufferFile puts it under Whoosh's
BufferFile, and index.writer.open_index installs it before any index is opened.
"""
from __future__ import annotations

import io


class MemoryReader(io.RawIOBase):
    """A seekable read-only file over a memoryview, without copying it."""

    def __init__(self, view: memoryview):
        self._view = view
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        count = max(0, min(len(target), len(self._view) - self._position))
        target[:count] = self._view[self._position:self._position + count]
        self._position += count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._view)}[whence]
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position
