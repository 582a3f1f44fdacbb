"""What one correction does to an article's quotes and entities: pure functions over the
machine's output, applied in the order the corrections were made (a later one wins).

A quote correction finds its quotation by what it says and where (`find_quote`), so a
re-extraction that numbers the quotes differently still finds it; the others name people
and entities, which a re-extraction names alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from archive.model import Entity, Quote

KINDS = ("speaker", "not_a_quote", "merge", "split", "retype")
QUOTE_KINDS = ("speaker", "not_a_quote")
ENTITY_TYPES = ("person", "org", "place")


@dataclass
class Correction:
    id: int
    kind: str  # one of KINDS
    reviewer: str
    made_at: str
    note: str = ""
    # speaker, not_a_quote: the quotation, by article, number, words and place
    article_id: int | None = None
    seq: int | None = None
    quote_text: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    speaker: str | None = None  # speaker: who said it (None: nobody is credited)
    # merge: `name` is the person the `names` go into; split: `name` is the person the alias
    # `names[0]` is taken from; retype: `name` is the entity, `from_type` -> `to_type` (None: no entity)
    name: str | None = None
    names: list[str] = field(default_factory=list)
    from_type: str | None = None
    to_type: str | None = None
    before: dict = field(default_factory=dict)  # what was shown before it, and the machine's value
    undone_at: str | None = None
    undone_by: str | None = None


@dataclass
class Corrected:
    quotes: list[Quote]  # the quotations to show, each keeping its seq
    entities: list[Entity]
    applied: set[int] = field(default_factory=set)  # ids of the corrections that changed something


def find_quote(correction: Correction, quotes: list[Quote]) -> Quote | None:
    """The quotation a quote correction is about: the same words at the same offsets; else the
    same words nearest their old place (the text around them changed), first as written,
    then ignoring case and punctuation (the extractor now draws the edges a little
    differently); else a quotation overlapping the old span whose words contain, or are
    contained in, the old words. None when the words are gone."""
    text, start, end = correction.quote_text or "", correction.quote_start or 0, correction.quote_end or 0
    for quote in quotes:
        if (quote.start, quote.end, quote.text) == (start, end, text):
            return quote
    core = _core(text)
    for same in (lambda q: q.text == text, lambda q: core and _core(q.text) == core):
        same_words = [q for q in quotes if same(q)]
        if same_words:
            return min(same_words, key=lambda q: abs(q.start - start))
    overlapping = [q for q in quotes if q.start < end and start < q.end and core
                   and (_core(q.text) in core or core in _core(q.text)) and _core(q.text)]
    if overlapping:
        return max(overlapping, key=lambda q: min(q.end, end) - max(q.start, start))
    return None


def _core(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def names_in_full(body: str, name: str) -> bool:
    """Whether the body has this name as whole words (any case)."""
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body, re.IGNORECASE) is not None


def apply_corrections(body: str, quotes: list[Quote], entities: list[Entity],
                      corrections: list[Correction]) -> Corrected:
    """The article's quotes and entities with these corrections applied, in order. The
    machine's lists are not changed. `quotes` must carry their seq."""
    result = Corrected([replace(q) for q in quotes],
                       [Entity(e.name, e.type, e.count, list(e.aliases)) for e in entities])
    for correction in corrections:
        if correction.undone_at:
            continue
        changed = APPLY[correction.kind](correction, result, body)
        if changed:
            result.applied.add(correction.id)
    return result


def _set_speaker(correction: Correction, result: Corrected, body: str) -> bool:
    quote = find_quote(correction, result.quotes)
    if quote is None:
        return False
    quote.speaker = correction.speaker
    return True


def _not_a_quote(correction: Correction, result: Corrected, body: str) -> bool:
    quote = find_quote(correction, result.quotes)
    if quote is None:
        return False
    result.quotes = [q for q in result.quotes if q is not quote]
    return True


def _merge(correction: Correction, result: Corrected, body: str) -> bool:
    into, names = correction.name, set(correction.names) - {correction.name}
    changed = False
    for quote in result.quotes:
        if quote.speaker in names:
            quote.speaker, changed = into, True
    people = [e for e in result.entities if e.type == "person" and e.name in names]
    if people:
        result.entities = _joined(result.entities, people, Entity(into, "person", 0))
        changed = True
    return changed


def _split(correction: Correction, result: Corrected, body: str) -> bool:
    """The alias is someone else where the article never names the person in full: there the
    archive's people registry, not the article, made them one."""
    person, alias = correction.name, correction.names[0]
    if names_in_full(body, person):
        return False
    changed = False
    for entity in [e for e in result.entities if e.type == "person" and e.name == person]:
        if alias in entity.aliases:
            result.entities = [e for e in result.entities if e is not entity]
            renamed = Entity(alias, "person", entity.count, [a for a in entity.aliases if a != alias])
            result.entities = _joined(result.entities, [renamed], Entity(alias, "person", 0))
            changed = True
    for quote in result.quotes:
        if quote.speaker == person:
            quote.speaker, changed = alias, True
    return changed


def _retype(correction: Correction, result: Corrected, body: str) -> bool:
    found = [e for e in result.entities if e.type == correction.from_type and e.name == correction.name]
    if not found:
        return False
    if correction.to_type is None:
        result.entities = [e for e in result.entities if all(e is not f for f in found)]
    else:
        result.entities = _joined(result.entities, found, Entity(correction.name, correction.to_type, 0))
    return True


def _joined(entities: list[Entity], parts: list[Entity], into: Entity) -> list[Entity]:
    """`entities` with `parts` taken out and added to `into` (or to the entity of that name
    and type already there): counts summed, names kept as aliases."""
    rest = [e for e in entities if all(e is not p for p in parts)]
    target = next((e for e in rest if (e.type, e.name) == (into.type, into.name)), None)
    if target is None:
        target = into
        rest.append(target)
    for part in parts:
        target.count += part.count
        target.aliases = list(dict.fromkeys(a for a in [*target.aliases, part.name, *part.aliases]
                                            if a and a != target.name))
    return rest


APPLY = {"speaker": _set_speaker, "not_a_quote": _not_a_quote, "merge": _merge, "split": _split,
         "retype": _retype}
