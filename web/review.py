"""What reviewers changed in one article, for its page and its JSON: which shown values are
corrected and what the machine had guessed (the stored annotations are already corrected;
the machine's own are kept in archive.corrections' `machine_annotations`)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from archive.corrections import machine_annotations
from archive.model import Article, Entity, Quote


@dataclass
class Review:
    machine_speakers: dict[int, str | None] = field(default_factory=dict)  # seq -> the machine's, where changed
    not_quotes: list[Quote] = field(default_factory=list)  # the machine's quotations a reviewer said are not
    machine_entities: list[Entity] = field(default_factory=list)  # all of them, when any was corrected
    removed_entities: list[Entity] = field(default_factory=list)  # the machine's, of a type a reviewer took away
    corrected_entities: set[tuple[str, str]] = field(default_factory=set)  # (type, name) of those changed

    def quote_corrected(self, quote: Quote) -> bool:
        return quote.seq in self.machine_speakers

    def entity_corrected(self, entity: Entity) -> bool:
        return (entity.type, entity.name) in self.corrected_entities

    def machine_entities_of(self, entity: Entity) -> list[Entity]:
        """The machine's entities this shown one was made of, when a reviewer changed it."""
        if not self.entity_corrected(entity):
            return []
        names = {entity.name, *entity.aliases}
        return [e for e in self.machine_entities if e.name in names]


def review_of(db: sqlite3.Connection, item: Article) -> Review:
    """How the shown article (its quotes cut to the shown body) differs from the machine's."""
    try:
        machine = machine_annotations(db, item.id)
    except sqlite3.OperationalError:  # an archive made before corrections, served read-only
        machine = None
    if machine is None:
        return Review()
    quotes, entities = machine
    shown = {quote.seq: quote for quote in item.quotes}
    review = Review(machine_entities=entities)
    for quote in quotes:
        if quote.seq in shown and shown[quote.seq].speaker != quote.speaker:
            review.machine_speakers[quote.seq] = quote.speaker
        elif quote.seq not in shown and quote.end <= len(item.body):
            review.not_quotes.append(quote)
    machine_keys = {_key(e) for e in entities}
    review.corrected_entities = {(e.type, e.name) for e in item.entities if _key(e) not in machine_keys}
    shown_names = {name for e in item.entities for name in (e.name, *e.aliases)}
    kept = {(e.type, e.name) for e in item.entities}
    review.removed_entities = [e for e in entities if e.name not in shown_names and (e.type, e.name) not in kept]
    return review


def _key(entity: Entity) -> tuple:
    return entity.type, entity.name, entity.count, tuple(sorted(entity.aliases))


def mark_article_json(shape: dict, item: Article, review: Review) -> dict:
    """The article JSON with `seq` and `corrected` on each quote and entity, the machine's guess
    beside what a reviewer changed, and the spans a reviewer said are not quotations."""
    for quote, shown in zip(shape["quotes"], item.quotes):
        corrected = review.quote_corrected(shown)
        quote.update(seq=shown.seq, corrected=corrected,
                     machine_speaker=review.machine_speakers.get(shown.seq) if corrected else None)
    for entity, shown in zip(shape["entities"], item.entities):
        entity["corrected"] = review.entity_corrected(shown)
        entity["machine"] = [{"name": e.name, "type": e.type} for e in review.machine_entities_of(shown)]
    shape["not_quotes"] = [{"seq": q.seq, "text": q.text, "start": q.start, "end": q.end,
                            "machine_speaker": q.speaker, "corrected": True} for q in review.not_quotes]
    shape["removed_entities"] = [{"name": e.name, "type": e.type, "corrected": True}
                                 for e in review.removed_entities]
    return shape
