"""The model the entity tests read with, loaded once for the session."""
from __future__ import annotations

import pytest

from archive.nlp import load_model


@pytest.fixture(scope="session")
def nlp():
    return load_model()
