"""Synthetic articles for archives of any size, recombined from real annotated paragraphs.

A source article is cut into units: paragraphs, except that paragraphs a quotation
runs across stay together. Each unit keeps the quotes inside it (offsets made
relative to the unit) and the entities it mentions (by canonical name or alias;
an entity the text never spells out goes with the article's first unit). A
synthetic article is a few units of different source articles, with the quotes
shifted to their new offsets, entity counts summed, a title from a unit's first
words, a date, a precision and a source of its own. Article number i depends
only on (seed, i), so the 10k archive is the first tenth of the 100k one.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from archive.model import Article, Entity, Quote, Timestamp

RECIPE_VERSION = 1
SEED = 20_250_101
SOURCES = ("The Morning Ledger", "Northern Courier", "Evening Dispatch", "Coastal Gazette",
           "Metro Wire", "Capital Chronicle", "Valley Herald", "Daily Sentinel")
SOURCE_WEIGHTS = (30, 20, 14, 10, 9, 7, 6, 4)
FIRST_DAY = datetime(2019, 1, 1)
DAYS_SPANNED = 7 * 365
OFFSETS_MINUTES = (0, 0, 0, 60, 120, -300, -240, 330)
UNDATED_SHARE, DAY_PRECISION_SHARE = 0.03, 0.12
TITLE_WORDS = (5, 11)
INGESTED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


@dataclass
class Unit:
    text: str
    quotes: list[dict]  # Quote fields, start/end relative to `text`
    entities: dict[tuple[str, str], tuple[int, list[str]]] = field(default_factory=dict)  # (type, name) -> count, aliases


def source_units(article: dict) -> list[Unit]:
    body = article["body"]
    spans = _paragraph_spans(body)
    runs = _runs_kept_whole(spans, article["quotes"])
    units = []
    for first, last in runs:
        start, end = spans[first][0], spans[last][1]
        quotes = [dict(q, start=q["start"] - start, end=q["end"] - start)
                  for q in article["quotes"] if start <= q["start"] and q["end"] <= end]
        units.append(Unit(body[start:end], quotes))
    _spread_entities(article["entities"], units)
    return units


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for paragraph in body.split("\n\n"):
        spans.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    return spans


def _runs_kept_whole(spans: list[tuple[int, int]], quotes: list[dict]) -> list[tuple[int, int]]:
    """(first, last) paragraph numbers of each unit: a quote spanning paragraphs joins them."""
    def paragraph_at(offset: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if offset <= e), len(spans) - 1)

    join_until = list(range(len(spans)))
    for quote in quotes:
        first, last = paragraph_at(quote["start"]), paragraph_at(max(quote["start"], quote["end"] - 1))
        join_until[first] = max(join_until[first], last)
    runs, first = [], 0
    while first < len(spans):
        last = first
        i = first
        while i <= last:
            last = max(last, join_until[i])
            i += 1
        runs.append((first, last))
        first = last + 1
    return runs


def _spread_entities(entities: list[dict], units: list[Unit]) -> None:
    for entity in entities:
        key = (entity["type"], entity["name"])
        forms = sorted({entity["name"], *entity["aliases"]}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
        counts = [len(pattern.findall(unit.text)) for unit in units]
        if not any(counts):
            counts[0] = entity["count"]
        for unit, count in zip(units, counts):
            if count:
                unit.entities[key] = (count, entity["aliases"])


class SyntheticCorpus:
    def __init__(self, annotations: dict, seed: int = SEED):
        self.seed = seed
        self.units = [source_units(article) for article in annotations["articles"]]
        self.units = [units for units in self.units if units]
        self.unit_counts = [len(units) for units in self.units]

    def article(self, number: int) -> Article:
        rng = random.Random(self.seed * 1_000_003 + number)
        length = min(rng.choice(self.unit_counts), len(self.units))
        sources = rng.sample(range(len(self.units)), length)
        units = [rng.choice(self.units[s]) for s in sources]
        return Article(
            title=_title(rng.choice(units).text, rng),
            body="\n\n".join(unit.text for unit in units),
            published=_published(rng),
            source=rng.choices(SOURCES, SOURCE_WEIGHTS)[0],
            language="en",
            format="text",
            quotes=_shifted_quotes(units),
            entities=_summed_entities(units),
            file=f"synthetic/{number:06d}.txt",
            ingested_at=INGESTED_AT,
        )

    @staticmethod
    def identity(number: int) -> str:
        return f"synthetic:{number}"


def _title(text: str, rng: random.Random) -> str:
    words = re.sub(r"[“”\"‘’«»]", "", text).split()[:rng.randint(*TITLE_WORDS)]
    title = " ".join(words).rstrip(",;:.")
    return title[:1].upper() + title[1:]


def _published(rng: random.Random) -> Timestamp:
    roll = rng.random()
    if roll < UNDATED_SHARE:
        return Timestamp(reason="no publication date found in the file")
    offset = timezone(timedelta(minutes=rng.choice(OFFSETS_MINUTES)))
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS_SPANNED))
    if roll < UNDATED_SHARE + DAY_PRECISION_SHARE:
        value = day.replace(tzinfo=offset)
        return Timestamp(value=value, precision="day", source="field", raw=value.date().isoformat())
    value = (day + timedelta(minutes=rng.randrange(24 * 60))).replace(tzinfo=offset)
    return Timestamp(value=value, precision="minute", source="field", raw=value.isoformat())


def _shifted_quotes(units: list[Unit]) -> list[Quote]:
    quotes, offset = [], 0
    for unit in units:
        for q in unit.quotes:
            quotes.append(Quote(**dict(q, start=q["start"] + offset, end=q["end"] + offset)))
        offset += len(unit.text) + 2
    return quotes


def _summed_entities(units: list[Unit]) -> list[Entity]:
    merged: dict[tuple[str, str], Entity] = {}
    for unit in units:
        for (kind, name), (count, aliases) in unit.entities.items():
            entity = merged.setdefault((kind, name), Entity(name, kind, 0, []))
            entity.count += count
            entity.aliases = list(dict.fromkeys(entity.aliases + aliases))
    for quote in (q for unit in units for q in unit.quotes):
        speaker = quote.get("speaker")
        if speaker and ("person", speaker) not in merged:  # as archive.nlp.merge_speakers does
            merged[("person", speaker)] = Entity(speaker, "person", 1, [])
    return sorted(merged.values(), key=lambda e: (-e.count, e.type, e.name))
