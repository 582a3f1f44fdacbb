"""Shared fixtures: temporary archives. Helpers to import are in helpers.py."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tables derived from installed packages (archive.derived_cache) are kept in a folder of this
# test run, not in the user's own cache; the commands the tests start inherit it.
os.environ.setdefault("ARCHIVE_CACHE", tempfile.mkdtemp(prefix="archive-test-cache-"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
