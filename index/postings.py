"""A term's postings as numpy arrays, and phrase matches from word positions.

Whoosh's matchers hand out one posting per Python call; here the posting blocks
(up to 128 postings each) are decoded whole, and the most frequent terms are kept
decoded between searches (FrequentTerms). Deleted documents are included: the
caller removes them once from the final matching set.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate
from pickle import loads

import numpy as np
from whoosh import formats, query as wq
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader

from index.budget import SearchBudget
from index.docnums import EMPTY, distinct
from index.segment_cache import segment_id
from index.whoosh_internals import (POSITIONS_COUNT_BYTES, block_postings, block_values, next_block,
                                    reads_blocks, skip_blocks_before, words_of_pattern)

NO_WEIGHTS = np.zeros(0, dtype=np.float64)


def term_bytes(reader, fieldname: str, text) -> bytes | None:
    """The indexed form of a query term, or None when the field does not exist."""
    if fieldname not in reader.schema:
        return None
    return text if isinstance(text, bytes) else reader.schema[fieldname].to_bytes(text)


def _leaf_matcher(reader, fieldname: str, text: bytes):
    matcher = reader.postings(fieldname, text)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def read_postings(reader, fieldname: str, text: bytes, values: bool = False, budget: SearchBudget | None = None
                  ) -> tuple[np.ndarray, np.ndarray, list | None]:
    """(segment-local document numbers, posting weights, and with `values` each
    posting's encoded value: positions for phrases) of one term, each block charged
    to the budget."""
    if (fieldname, text) not in reader:
        return EMPTY, NO_WEIGHTS, [] if values else None
    budget = budget or SearchBudget.unlimited()
    matcher = _leaf_matcher(reader, fieldname, text)
    if not reads_blocks(matcher):  # another codec: one posting at a time
        ids, weights, value_list = [], [], []
        while matcher.is_active():
            budget.read(1)
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                value_list.append(matcher.value())
            matcher.next()
        return (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64),
                value_list if values else None)
    id_blocks, weight_blocks, value_list = [], [], []
    while matcher.is_active():
        ids, weights = block_postings(matcher)
        budget.read(len(ids))
        id_blocks.append(ids)
        weight_blocks.append(weights)
        if values:
            value_list.extend(block_values(matcher))
        next_block(matcher)
    if not id_blocks:
        return EMPTY, NO_WEIGHTS, value_list if values else None
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list if values else None


def read_blocks(reader, fieldname: str, text: bytes, docs: np.ndarray, budget: SearchBudget
                ) -> tuple[np.ndarray, np.ndarray, list]:
    """(document numbers, weights, values) of the posting blocks of one term that can hold
    any of these sorted documents; the other blocks are skipped without being decoded."""
    matcher = _leaf_matcher(reader, fieldname, text)
    if not reads_blocks(matcher):
        return read_postings(reader, fieldname, text, values=True, budget=budget)
    id_blocks, weight_blocks, value_list = [], [], []
    i = 0
    while i < len(docs) and matcher.is_active():
        target = int(docs[i])
        if matcher.block_max_id() < target:
            skip_blocks_before(matcher, target)
            if not matcher.is_active():
                break
        ids, weights = block_postings(matcher)
        budget.read(len(ids))
        id_blocks.append(ids)
        weight_blocks.append(weights)
        value_list.extend(block_values(matcher))
        i = int(np.searchsorted(docs, ids[-1], side="right"))
        next_block(matcher)
    if not id_blocks:
        return EMPTY, NO_WEIGHTS, []
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list


# A term in at least this many of a segment's documents (and this share of them) is
# decoded once, whole, and kept for later searches, up to FREQUENT_BYTES per index:
# reading "the" at 100,000 articles means unpickling some 800 posting blocks.
FREQUENT_MIN_DOCS = 2000
FREQUENT_SHARE = 0.2
FREQUENT_BYTES = 64 * 2 ** 20


@dataclass
class DecodedTerm:
    """A term's postings in one segment, decoded: document numbers, weights, and for a
    field with positions each posting's positions (`counts` of them, starting at `offsets`
    in `positions`)."""

    ids: np.ndarray
    weights: np.ndarray
    counts: np.ndarray | None = None
    offsets: np.ndarray | None = None
    positions: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        arrays = (self.ids, self.weights, self.counts, self.offsets, self.positions)
        return sum(a.nbytes for a in arrays if a is not None)

    def positions_of(self, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(count of positions, the positions laid end to end) of the postings at `where`."""
        counts = self.counts[where].astype(np.int64)
        starts = self.offsets[where].astype(np.int64)
        # Each chosen posting's slice of `positions`, gathered in one indexing step.
        shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        return counts, self.positions[np.arange(int(counts.sum()), dtype=np.int64) + shift]


class FrequentTerms:
    """The decoded postings of the most frequent terms searches have asked for, shared by
    the request threads of one index, least recently used dropped past `budget` bytes.
    Keyed by segment: a segment never changes, and entries of merged-away segments go
    with `keep_only`."""

    def __init__(self, budget: int = FREQUENT_BYTES):
        self.budget = budget
        self._entries: OrderedDict[tuple, DecodedTerm] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def is_frequent(reader, fieldname: str, text: bytes) -> bool:
        docs = reader.doc_frequency(fieldname, text)
        return docs >= FREQUENT_MIN_DOCS and docs >= FREQUENT_SHARE * reader.doc_count_all()

    def get(self, reader, fieldname: str, text: bytes, positions: bool,
            search_budget: SearchBudget | None = None) -> DecodedTerm:
        """The term decoded (with its positions when asked and the field has them); a
        decoding is charged to the budget of the search that needs it first."""
        positions = positions and isinstance(reader.schema[fieldname].format, formats.Positions)
        key = (segment_id(reader), fieldname, text)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (entry.positions is not None or not positions):
                self._entries.move_to_end(key)
                return entry
        entry = decode_term(reader, fieldname, text, positions, search_budget)  # outside the lock
        if entry.nbytes > self.budget:
            return entry  # for this search only
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes -= old.nbytes if old is not None else 0
            self._entries[key] = entry
            self._bytes += entry.nbytes
            while self._bytes > self.budget and len(self._entries) > 1:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.nbytes
        return entry

    def keep_only(self, live_ids) -> None:
        live = set(live_ids)
        with self._lock:
            for key in [key for key in self._entries if key[0] not in live]:
                self._bytes -= self._entries.pop(key).nbytes


def decode_term(reader, fieldname: str, text: bytes, positions: bool,
                search_budget: SearchBudget | None = None) -> DecodedTerm:
    ids, weights, values = read_postings(reader, fieldname, text, values=positions, budget=search_budget)
    if not positions:
        return DecodedTerm(ids, weights)
    counts, flat = decode_positions_batch(values)
    offsets = np.cumsum(counts) - counts
    return DecodedTerm(ids, weights, counts.astype(np.int32), offsets.astype(np.int32), flat.astype(np.int32))


@dataclass
class PhraseMatch:
    docs: np.ndarray  # segment-local documents holding the phrase
    weights: list[np.ndarray]  # for each word of the phrase, its posting weight in each of those documents


class MeteredLexicon:
    """A segment reader as a query node's own term expansion sees it: every lexicon
    word the expansion reads is charged to the search's budget. Whoosh's Prefix,
    Wildcard, Regex and TermRange read the lexicon through terms_from; a FuzzyTerm's
    automaton skips through it on its own, and only the words it yields are counted
    (as expansions)."""

    def __init__(self, reader, node: wq.Query, budget: SearchBudget):
        self._reader, self._node, self._budget = reader, node, budget

    def __getattr__(self, name):
        return getattr(self._reader, name)

    def __contains__(self, term) -> bool:
        return term in self._reader

    def terms_from(self, fieldname: str, prefix):
        for term in self._reader.terms_from(fieldname, prefix):
            self._budget.scan(self._node)
            yield term

    # IndexReader's own, so that they read through the metered terms_from above.
    expand_prefix = IndexReader.expand_prefix
    lexicon = IndexReader.lexicon


class SearchPostings:
    """The postings one search reads, each decoded once although the matching set,
    the facets' widened sets and the ranking all need it; and the words each of its
    patterns (wildcards, prefixes, fuzzy words, ranges of words) expands to in each
    segment. Made afresh for every search, with the search's budget; only the index's
    FrequentTerms, which it reads and fills, outlive it."""

    def __init__(self, frequent: FrequentTerms | None = None, budget: SearchBudget | None = None):
        self._terms: dict[tuple, tuple[np.ndarray, np.ndarray, list | None]] = {}
        self._phrases: dict[tuple, PhraseMatch] = {}
        self._expansions: dict[tuple, list[bytes]] = {}
        self._pattern_words: dict[wq.Query, set[bytes]] = {}  # over all segments
        self.frequent = frequent
        self.budget = budget or SearchBudget.unlimited()

    def expansion(self, reader, node: wq.MultiTerm) -> list[bytes]:
        """The words of this segment a pattern stands for, in lexicon order. Raises
        SearchTooCostly past the budget of words looked through or expanded to."""
        key = (segment_id(reader), node)
        known = self._expansions.get(key)
        if known is not None:
            return known
        words: list[bytes] = []
        if node.fieldname in reader.schema:
            pattern_words = self._pattern_words.setdefault(node, set())
            for word in words_of_pattern(node, MeteredLexicon(reader, node, self.budget)):
                if word:  # as Whoosh's matcher, which leaves out the empty word
                    words.append(word)
                    pattern_words.add(word)
                    self.budget.check_expansions(node, len(pattern_words), self.expanded_words())
        self._expansions[key] = words
        return words

    def expanded_words(self) -> int:
        return sum(len(words) for words in self._pattern_words.values())

    def pattern_words(self, node: wq.MultiTerm) -> set[bytes]:
        """The words a pattern stood for in the segments expanded so far."""
        return self._pattern_words.get(node, set())

    def read(self, reader, fieldname: str, text, values: bool = False):
        """(document numbers, weights, and with `values` the encoded positions) of one term."""
        text = term_bytes(reader, fieldname, text)
        if text is None:
            return EMPTY, NO_WEIGHTS, []
        key = (reader.segment().segment_id(), fieldname, text)
        known = self._terms.get(key)
        if known is None or (values and known[2] is None):
            known = self._terms[key] = read_postings(reader, fieldname, text, values, self.budget)
        return known

    def decoded(self, reader, fieldname: str, text: bytes, positions: bool = False) -> DecodedTerm | None:
        """The shared decoded form of a frequent term; None for any other term."""
        if self.frequent is None or (fieldname, text) not in reader \
                or not self.frequent.is_frequent(reader, fieldname, text):
            return None
        return self.frequent.get(reader, fieldname, text, positions, self.budget)

    def term(self, reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        text = term_bytes(reader, fieldname, text)
        if text is None:
            return EMPTY, NO_WEIGHTS
        decoded = self.decoded(reader, fieldname, text)
        if decoded is not None:
            return decoded.ids, decoded.weights
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
    pickled = value[POSITIONS_COUNT_BYTES:]
    return list(accumulate(loads(pickled if value.endswith(b".") else pickled + b".")))


# A Positions value is the count (4 bytes, big-endian) and a pickle (protocol 2) of the gaps
# between positions: PROTO 2, EMPTY_LIST, BINPUT 0, then MARK, the gaps and APPENDS ("e"),
# or for a single gap the gap and APPEND ("a"). A gap is BININT1 ("K", one byte), BININT2
# ("M", two bytes, little-endian) or BININT ("J", four). Lists over 1000 long are pickled
# in batches; those, and anything else unexpected, are unpickled one by one.
_HEADER = POSITIONS_COUNT_BYTES + 5
_OPCODE_WIDTH = np.zeros(256, dtype=np.int64)
_OPCODE_WIDTH[[ord("K"), ord("M"), ord("J")]] = [2, 3, 5]
_BININT1, _APPENDS, _APPEND = ord("K"), ord("e"), ord("a")
_BATCH = 1000


def decode_positions_batch(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(count of positions of each value, all their positions laid end to end), for values
    of a Positions field, without a Python call per value."""
    if not values:
        return EMPTY, EMPTY
    sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    data = np.frombuffer(b"".join(values) + bytes(8), dtype=np.uint8)
    counts = (data[starts].astype(np.int64) << 24) | (data[starts + 1].astype(np.int64) << 16) \
        | (data[starts + 2].astype(np.int64) << 8) | data[starts + 3]
    firsts = np.cumsum(counts) - counts  # where each value's gaps start among all gaps
    item = starts + _HEADER + (counts > 1)  # the first gap's opcode, after the MARK when several
    gaps = np.zeros(int(counts.sum()), dtype=np.int64)
    unread = _read_one_byte_gaps(data, item, counts, firsts, gaps)
    unread = _read_gaps(data, item, counts, firsts, gaps, unread)
    for i in unread.tolist():
        gaps[firsts[i]:firsts[i] + counts[i]] = np.diff(_decode_positions(values[i]), prepend=0)
    running = np.cumsum(gaps)
    before = np.zeros(len(values), dtype=np.int64)
    nonempty = counts > 0
    before[nonempty] = running[firsts[nonempty]] - gaps[firsts[nonempty]]
    return counts, running - np.repeat(before, counts)


def _read_one_byte_gaps(data, item, counts, firsts, gaps) -> np.ndarray:
    """Fill in the values whose gaps are all one byte (nearly all), in one pass; the others'."""
    owner = np.repeat(np.arange(len(counts)), counts)
    place = np.arange(len(owner)) - np.repeat(firsts, counts)
    opcodes = np.minimum(np.repeat(item, counts) + 2 * place, len(data) - 2)
    closing = data[np.minimum(item + 2 * counts, len(data) - 1)]
    readable = closing == np.where(counts > 1, _APPENDS, _APPEND)
    readable[owner[data[opcodes] != _BININT1]] = False
    chosen = readable[owner]
    gaps[chosen] = data[opcodes[chosen] + 1]
    return np.flatnonzero(~readable)


def _read_gaps(data, item, counts, firsts, gaps, which: np.ndarray) -> np.ndarray:
    """Fill in these values gap by gap (all of them at once for each place); the ones left."""
    too_long = which[counts[which] > _BATCH]
    which = which[counts[which] <= _BATCH]
    pointer = item[which].copy()
    failed = np.zeros(len(counts), dtype=bool)
    active = np.arange(len(which))
    place = 0
    while len(active):
        at = pointer[active]
        opcode = data[at]
        width = _OPCODE_WIDTH[opcode]
        value = data[at + 1].astype(np.int64) | np.where(width > 2, data[at + 2].astype(np.int64) << 8, 0) \
            | np.where(width > 3, (data[at + 3].astype(np.int64) << 16) | (data[at + 4].astype(np.int64) << 24), 0)
        bad = (width == 0) | (value >= 2 ** 31)
        failed[which[active[bad]]] = True
        good = active[~bad]
        gaps[firsts[which[good]] + place] = value[~bad]
        pointer[good] += width[~bad]
        place += 1
        active = good[counts[which[good]] > place]
    return np.union1d(too_long, np.flatnonzero(failed))


def phrase_supported(q: wq.Phrase) -> bool:
    """Exact phrases; phrases with slop are left to Whoosh."""
    return q.slop == 1


def match_phrase(reader, q: wq.Phrase, postings: SearchPostings) -> PhraseMatch:
    """Segment-local documents holding the phrase's words one after the other.

    Each (document, position where the phrase would start) is one number; a word's
    numbers are its positions less its place in the phrase, and the phrase matches
    where every word has the same number. The candidates are the rarest word's documents;
    each further word, rarest first, is read only in the posting blocks that can hold a
    document still standing, so a common word is skipped block by block where it can be."""
    nothing = PhraseMatch(EMPTY, [NO_WEIGHTS for _ in q.words])
    if q.fieldname not in reader.schema:
        return nothing
    field = reader.schema[q.fieldname]
    words = [field.to_bytes(w) for w in q.words]
    if not words or any((q.fieldname, w) not in reader for w in words):
        return nothing
    by_rarity = sorted(range(len(words)), key=lambda i: reader.doc_frequency(q.fieldname, words[i]))
    positional = isinstance(field.format, formats.Positions)
    decoded = {place: postings.decoded(reader, q.fieldname, words[place], positions=True) if positional else None
               for place in by_rarity}
    rarest = by_rarity[0]
    full = {} if decoded[rarest] is not None else {rarest: postings.read(reader, q.fieldname, words[rarest], values=True)}
    candidates = decoded[rarest].ids if decoded[rarest] is not None else full[rarest][0]
    decode = decode_positions_batch if positional else _decode_each(field.format)
    starts: np.ndarray | None = None
    read: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for place in by_rarity:
        term = decoded[place]
        if term is not None:
            ids, weights = term.ids, term.weights
        else:
            ids, weights, values = full.get(place) or read_blocks(reader, q.fieldname, words[place], candidates,
                                                                  postings.budget)
        read[place] = (ids, weights)
        where = np.minimum(np.searchsorted(ids, candidates), max(len(ids) - 1, 0))
        present = ids[where] == candidates if len(ids) else np.zeros(len(candidates), dtype=bool)
        if term is not None:
            counts, positions = term.positions_of(where[present])
        else:
            counts, positions = decode([values[i] for i in where[present].tolist()])
        word_starts = (np.repeat(candidates[present], counts) << 32) + positions - place
        word_starts = word_starts[positions >= place]
        starts = word_starts if starts is None else np.intersect1d(starts, word_starts, assume_unique=True)
        candidates = distinct(starts >> 32)
        if not len(candidates):
            return nothing
    weights = [read[place][1][np.searchsorted(read[place][0], candidates)] for place in range(len(words))]
    return PhraseMatch(candidates, weights)


def _decode_each(fmt):
    def decode(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        decoded = [fmt.decode_positions(v) for v in values]
        flat = [p for positions in decoded for p in positions]
        return np.array([len(p) for p in decoded], dtype=np.int64), np.array(flat, dtype=np.int64)
    return decode
