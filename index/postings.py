"""A term's postings as numpy arrays, and phrase matches from word positions.

Whoosh's matchers hand out one posting per Python call; here the posting blocks
(up to 128 postings each) are decoded whole. Deleted documents are included: the
caller removes them once from the final matching set.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from pickle import loads

import numpy as np
from whoosh import formats, query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE

from index.docnums import EMPTY

NO_WEIGHTS = np.zeros(0, dtype=np.float64)


def term_bytes(reader, fieldname: str, text) -> bytes | None:
    """The indexed form of a query term, or None when the field does not exist."""
    if fieldname not in reader.schema:
        return None
    return text if isinstance(text, bytes) else reader.schema[fieldname].to_bytes(text)


def _leaf_matcher(reader, fieldname: str, text: bytes):
    matcher = reader.postings(fieldname, text)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def read_postings(reader, fieldname: str, text: bytes, values: bool = False
                  ) -> tuple[np.ndarray, np.ndarray, list | None]:
    """(segment-local document numbers, posting weights, and with `values` each
    posting's encoded value: positions for phrases) of one term."""
    if (fieldname, text) not in reader:
        return EMPTY, NO_WEIGHTS, [] if values else None
    matcher = _leaf_matcher(reader, fieldname, text)
    if not isinstance(matcher, W3LeafMatcher):  # another codec: one posting at a time
        ids, weights, value_list = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                value_list.append(matcher.value())
            matcher.next()
        return (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                value_list if values else None)
    id_blocks, weight_blocks, value_list = [], [], []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        id_blocks.append(np.asarray(matcher._ids, dtype=np.int64))
        weight_blocks.append(np.asarray(matcher._weights, dtype=np.float64))
        if values:
            matcher._read_values()
            value_list.extend(matcher._values)
        matcher._next_block()
    if not id_blocks:
        return EMPTY, NO_WEIGHTS, value_list if values else None
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list if values else None


def read_blocks(reader, fieldname: str, text: bytes, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray, list]:
    """(document numbers, weights, values) of the posting blocks of one term that can hold
    any of these sorted documents; the other blocks are skipped without being decoded."""
    matcher = _leaf_matcher(reader, fieldname, text)
    if not isinstance(matcher, W3LeafMatcher):
        return read_postings(reader, fieldname, text, values=True)
    id_blocks, weight_blocks, value_list = [], [], []
    i = 0
    while i < len(docs) and matcher.is_active():
        target = int(docs[i])
        if matcher.block_max_id() < target:
            matcher._skip_to_block(lambda: matcher.block_max_id() < target)
            if not matcher.is_active():
                break
        matcher._read_ids()
        matcher._read_weights()
        matcher._read_values()
        ids = np.asarray(matcher._ids, dtype=np.int64)
        id_blocks.append(ids)
        weight_blocks.append(np.asarray(matcher._weights, dtype=np.float64))
        value_list.extend(matcher._values)
        i = int(np.searchsorted(docs, ids[-1], side="right"))
        matcher._next_block()
    if not id_blocks:
        return EMPTY, NO_WEIGHTS, []
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list


@dataclass
class PhraseMatch:
    docs: np.ndarray  # segment-local documents holding the phrase
    weights: list[np.ndarray]  # for each word of the phrase, its posting weight in each of those documents


class SearchPostings:
    """The postings one search reads, each decoded once although the matching set,
    the facets' widened sets and the ranking all need it. Made afresh for every
    search: nothing here outlives it."""

    def __init__(self):
        self._terms: dict[tuple, tuple[np.ndarray, np.ndarray, list | None]] = {}
        self._phrases: dict[tuple, PhraseMatch] = {}

    def read(self, reader, fieldname: str, text, values: bool = False):
        """(document numbers, weights, and with `values` the encoded positions) of one term."""
        text = term_bytes(reader, fieldname, text)
        if text is None:
            return EMPTY, NO_WEIGHTS, []
        key = (reader.segment().segment_id(), fieldname, text)
        known = self._terms.get(key)
        if known is None or (values and known[2] is None):
            known = self._terms[key] = read_postings(reader, fieldname, text, values)
        return known

    def term(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        ids, weights, _ = self.read(reader, fieldname, text)
        return ids, weights

    def docs(self, reader, fieldname: str, text) -> np.ndarray:
        return self.term(reader, fieldname, text)[0]

    def phrase(self, reader, q: wq.Phrase) -> PhraseMatch:
        key = (reader.segment().segment_id(), q.fieldname, tuple(q.words))
        if key not in self._phrases:
            self._phrases[key] = match_phrase(reader, q, self)
        return self._phrases[key]


def _decode_positions(value: bytes) -> list[int]:
    """formats.Positions.decode_positions, with the running sum done in C."""
    return list(accumulate(loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")))


def phrase_supported(q: wq.Phrase) -> bool:
    """Exact phrases; phrases with slop or a boost are left to Whoosh."""
    return q.slop == 1 and q.boost == 1.0


def match_phrase(reader, q: wq.Phrase, postings: SearchPostings) -> PhraseMatch:
    """Segment-local documents holding the phrase's words one after the other.

    The rarest word's documents are the candidates. Word by word, rarest first, the
    positions are decoded for the candidates still standing, from only the posting
    blocks that can hold one, and a candidate stays while some start position fits
    every word read so far: a common word like "the" is mostly skipped block by block."""
    nothing = PhraseMatch(EMPTY, [NO_WEIGHTS for _ in q.words])
    if q.fieldname not in reader.schema:
        return nothing
    field = reader.schema[q.fieldname]
    decode = _decode_positions if isinstance(field.format, formats.Positions) else field.format.decode_positions
    words = [field.to_bytes(w) for w in q.words]
    if not words or any((q.fieldname, w) not in reader for w in words):
        return nothing
    candidates: np.ndarray | None = None
    starts: list[set[int]] = []
    read: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for offset in sorted(range(len(words)), key=lambda i: reader.doc_frequency(q.fieldname, words[i])):
        if candidates is None:
            ids, weights, values = postings.read(reader, q.fieldname, words[offset], values=True)
            candidates = ids
            starts = [{p - offset for p in decode(value)} for value in values]
        else:
            ids, weights, values = read_blocks(reader, q.fieldname, words[offset], candidates)
            where = np.minimum(np.searchsorted(ids, candidates), max(len(ids) - 1, 0))
            present = ids[where] == candidates if len(ids) else np.zeros(len(candidates), dtype=bool)
            candidates = candidates[present]
            starts = [possible for possible, keep in zip(starts, present.tolist()) if keep]
            for possible, j in zip(starts, where[present].tolist()):
                possible.intersection_update(p - offset for p in decode(values[j]))
        read[offset] = (ids, weights)
        alive = [i for i, possible in enumerate(starts) if possible]
        if len(alive) < len(candidates):
            candidates = candidates[alive]
            starts = [starts[i] for i in alive]
        if not len(candidates):
            return nothing
    weights = [read[offset][1][np.searchsorted(read[offset][0], candidates)] for offset in range(len(words))]
    return PhraseMatch(candidates, weights)
