"""The seed article: 13 quotations, 11 of them Dmitry Peskov's, none Vladimir Putin's."""
from __future__ import annotations

from pathlib import Path

import pytest

from archive.model import Article
from archive.nlp import annotate

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1e0aafcb7a64bb82.txt"


def seed_body() -> str:
    """The body as the text reader makes it: no dateline, no "Posted at" line."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines[0] = lines[0].removeprefix("(Washington) ")
    return "\n\n".join(line for line in lines if not line.startswith("Posted at"))


@pytest.fixture(scope="module")
def seed() -> Article:
    article = Article(title="seed", body=seed_body(), dateline="Washington")
    annotate([article])
    return article


def test_thirteen_quotations(seed):
    assert len(seed.quotes) == 13
    for quote in seed.quotes:
        assert seed.body[quote.start:quote.end] == quote.text


def test_eleven_are_peskovs(seed):
    peskov = [q for q in seed.quotes if q.speaker == "Dmitry Peskov"]
    assert len(peskov) == 11
    assert not [q for q in seed.quotes if q.speaker == "Vladimir Putin"]


def test_sabotage_and_pretext_are_not_peskovs(seed):
    words = {q.text: q for q in seed.quotes}
    for word in ("sabotage", "pretext"):
        assert words[word].speaker in (None, "US intelligence")
        assert words[word].partial


def test_the_spokesman_description_is_peskov(seed):
    described = [q for q in seed.quotes if q.speaker_mention and "spokesman" in q.speaker_mention
                 and "Putin" in q.speaker_mention]
    assert len(described) >= 2
    assert {q.speaker for q in described} == {"Dmitry Peskov"}


def test_partial_quotes_are_flagged(seed):
    partial = {q.text for q in seed.quotes if q.partial}
    assert {"totally divergent", "disturbing", "sabotage", "pretext"} <= partial


def test_entities(seed):
    names = {e.name: e for e in seed.entities}
    for name in ("Dmitry Peskov", "Vladimir Putin", "Kremlin", "NATO", "CNN", "Ukraine", "Russia",
                 "Moscow", "Washington", "United States"):
        assert name in names, name
    assert names["Dmitry Peskov"].type == "person"
    assert "Dmitri Peskov" in names["Dmitry Peskov"].aliases
    assert names["Kremlin"].type == "org"
    assert names["NATO"].count == 3  # "the Atlantic Alliance" included
    assert not any(e.type == "place" and e.name in ("Russian", "Russians", "American") for e in seed.entities)
