"""Every use of Whoosh's private API, in one place.

Written against whoosh-reloaded 2.7.5 (WRITTEN_FOR; requirements.in pins it). Whoosh
promises nothing about underscored names, its codec's classes or its storage module, so
the rest of index/ reaches them only through this module, and RELIED_ON lists each name
used here with the signature it had in 2.7.5. tests/test_whoosh_internals.py checks the
installed version and every one of them (and the instance attributes, on a real index):
an upgrade that changes any fails there, by name, instead of in a search.

What each access is for:
- storage: segment files read in place from their memory map (MappedBufferFile, installed
  by `read_segments_in_place` when an index is opened; see index.storage);
- writing: a cheaper segment writer (CheapSegmentWriter: field lengths decoded once per
  field, small posting blocks left uncompressed);
- per-document columns: each segment's field lengths and stored fields read as whole
  columns, for numpy (index.columns);
- postings: posting blocks decoded whole, and skipped block by block (index.postings);
- patterns: the words a wildcard, prefix, fuzzy word or range of words expands to
  (index.postings);
- ranking: BM25F's per-field B (index.ranking);
- queries: the null query Whoosh's parser makes of a query with no words (index.search);
- snippets: the stem filter's own cached stemmer (index.snippets);
- segments: how many segments an index has (index.writer).
"""
from __future__ import annotations

import io

import numpy as np
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, STORED_COLUMN, W3Codec, W3LeafMatcher, W3PostingsWriter,
                                  _lenfield)
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.query.qcore import _NullQuery
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from index.storage import MemoryReader

WRITTEN_FOR = "2.7.5"
DISTRIBUTION = "whoosh-reloaded"

# Each name this module reads from Whoosh, with its signature in 2.7.5 (None: a class or
# a constant, whose presence is what counts).
RELIED_ON: dict[str, str | None] = {
    "whoosh.filedb.compound.BufferFile": None,
    "whoosh.filedb.structfile.BufferFile.__init__": "(self, buf, name=None, onclose=None)",
    "whoosh.codec.whoosh3.LENGTHS_COLUMN": None,
    "whoosh.codec.whoosh3.STORED_COLUMN": None,
    "whoosh.codec.whoosh3._lenfield": "(fieldname)",
    "whoosh.codec.whoosh3.W3PerDocReader._cached_reader": "(self, fieldname, column)",
    "whoosh.codec.whoosh3.W3Codec.__init__": "(self, blocklimit=128, compression=3, inlinelimit=1)",
    "whoosh.codec.whoosh3.W3Codec.postings_writer": "(self, dbfile, byteids=False)",
    "whoosh.codec.whoosh3.W3PostingsWriter.__init__":
        "(self, postfile, blocklimit, byteids=False, compression=3, inlinelimit=1)",
    "whoosh.codec.whoosh3.W3PostingsWriter._write_block": "(self, last=False)",
    "whoosh.codec.whoosh3.W3LeafMatcher._read_data": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._read_ids": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._read_values": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._next_block": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._skip_to_block": "(self, skipwhile)",
    "whoosh.codec.whoosh3.W3LeafMatcher.block_max_id": "(self)",
    "whoosh.writing.SegmentWriter.__init__": "(self, ix, poolclass=None, timeout=0.0, delay=0.1, _lk=True, "
                                             "limitmb=128, docbase=0, codec=None, compound=True, **kwargs)",
    "whoosh.writing.SegmentWriter.per_document_reader": "(self)",
    "whoosh.index.FileIndex._segments": "(self)",
    "whoosh.query.MultiTerm._btexts": "(self, ixreader)",
    "whoosh.query.qcore._NullQuery": None,
    "whoosh.system._INT_SIZE": None,
    "whoosh.util.numeric.byte_to_length": None,
}
# Attributes of instances this module reads or sets, by the class that makes them.
INSTANCE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "whoosh.filedb.structfile.BufferFile": ("_buf", "file"),
    "whoosh.reading.SegmentReader": ("_perdoc",),
    "whoosh.codec.whoosh3.W3Codec": ("_blocklimit", "_compression", "_inlinelimit"),
    "whoosh.codec.whoosh3.W3PostingsWriter": ("_compression", "_ids", "_values"),
    "whoosh.codec.whoosh3.W3LeafMatcher": ("_data", "_byteids", "_ids", "_values"),
    "whoosh.scoring.BM25F": ("_field_B", "B", "K1"),
    "whoosh.analysis.StemFilter": ("_stem", "ignore"),
}


# Storage ---------------------------------------------------------------------

class MappedBufferFile(BufferFile):
    """A file inside a compound segment, read through the segment's memory map instead of
    Whoosh's private copy of it (index.storage says why)."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = io.BufferedReader(MemoryReader(memoryview(buf)))


def read_segments_in_place() -> None:
    """Make Whoosh open the files inside compound segments as MappedBufferFile, from now on
    and for the whole process (every index opened: index.writer.open_index calls this)."""
    compound.BufferFile = MappedBufferFile


def reads_segments_in_place() -> bool:
    return compound.BufferFile is MappedBufferFile


# Writing ---------------------------------------------------------------------

def segments_of(ix) -> list:
    """The segments of an index as its latest generation lists them."""
    return ix._segments()


class CheapSegmentWriter(SegmentWriter):
    """Whoosh's segment writer, cheaper when it commits.

    - Writing out the postings, Whoosh asks the new segment for the field length of every
      posting: for a field that keeps no lengths (ids, facet values) it looks on disk, for
      every posting again, whether the lengths file exists, and otherwise decodes the
      length from its column. The segment's files are all written by then and do not
      change, so each field's lengths are decoded once, into a list, with the same answers.
    - Small posting blocks are written uncompressed (_Codec, _PostingsWriter).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, codec=_Codec(), **kwargs)

    def per_document_reader(self):
        reader = super().per_document_reader()
        reader.doc_field_length = _FieldLengths(reader)
        return reader


class _FieldLengths:
    """W3PerDocReader.doc_field_length over lists built once per field: None for a
    document without the field (as Whoosh answers), `default` for a field without lengths."""

    def __init__(self, reader):
        self._reader = reader
        self._count = reader.doc_count_all()
        self._lengths: dict[str, list | None] = {}

    def __call__(self, docnum: int, fieldname: str, default=0):
        if docnum > self._count:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._count}")
        lengths = self._lengths.get(fieldname, _UNREAD)
        if lengths is _UNREAD:
            lengths = self._lengths[fieldname] = self._read(fieldname)
        if lengths is None:
            return default
        return lengths[docnum]

    def _read(self, fieldname: str) -> list | None:
        column = perdoc_lengths_column(self._reader, fieldname)
        if column is None:
            return None
        return [byte_to_length(code) if code else None for code in column] + [None]


_UNREAD = object()

# Posting blocks smaller than this are stored uncompressed: zlib's fixed cost per call
# outweighs what it saves on them (most terms of a segment have one small block).
MIN_COMPRESSED_BLOCK = 256


class _Codec(W3Codec):
    """Whoosh's codec, writing posting blocks with _PostingsWriter. Pickled (into the
    index's table of contents, with each segment) as the plain W3Codec: readers need
    nothing from here, since each block records whether it is compressed."""

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def __reduce__(self):
        return W3Codec, (self._blocklimit, self._compression, self._inlinelimit)


class _PostingsWriter(W3PostingsWriter):
    """Whoosh means to leave small blocks uncompressed, but a slip in _write_block
    compresses every block."""

    def _write_block(self, last=False):
        compression = self._compression
        # About 8 bytes a posting for its id and weight, plus its encoded positions.
        if compression and 8 * len(self._ids) + sum(map(len, self._values)) < MIN_COMPRESSED_BLOCK:
            self._compression = 0
            try:
                super()._write_block(last)
            finally:
                self._compression = compression
        else:
            super()._write_block(last)


# Per-document columns --------------------------------------------------------

def perdoc_lengths_column(perdoc, fieldname: str):
    """The byte-coded lengths of one field in a per-document reader (a segment's, or a
    segment being written), as a column reader; None when the field keeps none."""
    return perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)


def lengths_column(segment_reader, fieldname: str):
    """perdoc_lengths_column of a segment reader."""
    return perdoc_lengths_column(segment_reader._perdoc, fieldname)


def stored_fields_column(segment_reader):
    """Each document's stored fields (a dict), as a column reader."""
    return segment_reader._perdoc._cached_reader("_stored", STORED_COLUMN)


def length_of_code(code: int) -> int:
    """The field length a length column's byte stands for (Whoosh's lossy one-byte code)."""
    return byte_to_length(code)


# Postings --------------------------------------------------------------------

# A Positions posting's value starts with the count of positions in this many bytes.
POSITIONS_COUNT_BYTES = _INT_SIZE


def reads_blocks(matcher) -> bool:
    """Whether this leaf matcher is the codec's own, whose blocks the functions below read."""
    return isinstance(matcher, W3LeafMatcher)


def block_postings(matcher) -> tuple[np.ndarray, np.ndarray]:
    """The current block's document numbers and weights: Whoosh's own decoding of the
    block's data, with the gaps summed and the weights expanded in numpy."""
    if matcher._data is None:
        matcher._read_data()
    gaps, weights = matcher._data[0], matcher._data[1]
    if matcher._byteids:
        matcher._read_ids()
        ids = np.asarray(matcher._ids, dtype=np.int64)
    else:
        ids = np.cumsum(np.asarray(gaps, dtype=np.int64))
    if weights is None:
        return ids, np.ones(len(ids))
    if isinstance(weights, float):
        return ids, np.full(len(ids), weights)
    return ids, np.asarray(weights, dtype=np.float64)


def block_values(matcher) -> list:
    """The current block's encoded posting values (positions, for a Positions field)."""
    matcher._read_values()
    return matcher._values


def next_block(matcher) -> None:
    matcher._next_block()


def skip_blocks_before(matcher, target: int) -> None:
    """Move to the first block that can hold `target` (or past the last), undecoded."""
    matcher._skip_to_block(lambda: matcher.block_max_id() < target)


def words_of_pattern(node, reader):
    """The lexicon words (bytes) a MultiTerm query node stands for in this reader, read
    through the reader's terms_from (so a metered reader sees every word looked at)."""
    return node._btexts(reader)


# Ranking, queries, snippets ----------------------------------------------------

def bm25_b(weighting, fieldname: str) -> float:
    """BM25F's B for this field (its per-field setting, else the default)."""
    return weighting._field_B.get(fieldname, weighting.B)


def is_null_query(q) -> bool:
    """Whether this is the query Whoosh's parser makes of text with no words in it."""
    return isinstance(q, _NullQuery)


def cached_stemmer(stem_filter):
    """A StemFilter's own stemming function, with its cache."""
    return stem_filter._stem
