"""Shared fixtures: temporary archives. Helpers to import are in helpers.py."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
