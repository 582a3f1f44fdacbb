"""archive.allocator: a bulk ingest's workers keep large freed blocks instead of faulting
them in again for every batch. Each case runs in a fresh interpreter, since the setting
lasts for the life of the process."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the thresholds are glibc's")

# Allocates and frees a 48 MB block ten times, as the model does with its arrays batch after
# batch, and prints the page faults that cost. glibc's own threshold adapts to blocks up to
# 32 MB that a process frees; larger ones always get (and give back) a memory map of their own.
CYCLES = """
import resource, sys
from archive import allocator
BLOCK = 48 * 1024 * 1024
if sys.argv[1] == "keep":
    assert allocator.keep_freed_memory()
if sys.argv[1] == "worker":  # what each worker process of a bulk ingest runs first
    import os
    from archive.pipeline import _worker_init
    _worker_init(os.getppid())
block = bytearray(BLOCK)  # the first allocation faults its pages in either way
del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    block = bytearray(BLOCK)
    del block
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""
PAGES_PER_BLOCK = 48 * 1024 * 1024 // 4096


def page_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", CYCLES, mode], capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def test_glibc_gives_large_freed_blocks_back_by_default():
    assert page_faults("default") > 5 * PAGES_PER_BLOCK


def test_kept_blocks_are_reused_without_faulting_in_again():
    assert page_faults("keep") < 2 * PAGES_PER_BLOCK


def test_bulk_ingest_workers_keep_freed_memory():
    assert page_faults("worker") < 2 * PAGES_PER_BLOCK
