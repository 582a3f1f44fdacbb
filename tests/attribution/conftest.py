"""The model every attribution test reads with, loaded once for the session, and quotes_of(body):
the quotations of a body as ingest finds them (spaCy reads nlp_text(body); the rules may fall
back on the sentence parser)."""
from __future__ import annotations

import pytest

from archive.nlp import load_model, parse_sentences
from archive.quotes import extract_quotes, nlp_text


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    def run(body: str):
        return extract_quotes(body, nlp(nlp_text(body)), parse=parse_sentences)  # what ingest gives spaCy
    return run
