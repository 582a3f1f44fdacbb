"""Keeping freed memory in the worker processes of a bulk ingest or a re-annotation
(archive.pipeline._worker_init; glibc's malloc only).

The NER model allocates and frees arrays of several megabytes for every batch of texts.
glibc serves blocks that large from fresh memory maps and gives them back to the system
when they are freed (and trims the heap's free top), so every batch faults its pages in
again: measured on 1,200 BBC files, some 1,370 page faults and 3.4 ms of system time per
article, the two workers together. Raising the two thresholds keeps that memory in the
worker for the next batch. The peak size of a worker does not change (its largest batch sets it), only
how long it holds it: until the ingest ends and the worker exits. Long-lived processes
(the server) keep glibc's defaults.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

# mallopt's parameter numbers (glibc's malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# Blocks up to this size come from the heap, not from a memory map of their own...
MMAP_THRESHOLD_BYTES = 64 * 1024 * 1024
# ...and the heap gives back its free top only beyond this.
TRIM_THRESHOLD_BYTES = 256 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Tell this process's allocator to keep large freed blocks for reuse; False where the
    C library is not glibc (musl, macOS), which is left as it is."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return False
    # glibc's own function: musl has a mallopt too, which does nothing.
    if not hasattr(libc, "gnu_get_libc_version") or not hasattr(libc, "mallopt"):
        return False
    mallopt = libc.mallopt
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    done = (mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
            and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1)
    if not done:
        log.warning("the allocator refused the thresholds; freed memory is given back as usual")
    return done
