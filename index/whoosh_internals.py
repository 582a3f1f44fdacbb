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
- writing: a cheaper segment writer (CheapSegmentWriter: documents added by a loop of its
  own into a pool of postings by term, terms written by a writer of their own in
  Whoosh's block format, field lengths decoded once per field, small posting blocks left
  uncompressed), proven to write the same segment files by tests/test_segment_writing.py;
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
import zlib
from array import array
from itertools import groupby
from operator import itemgetter, sub
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, STORED_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher,
                                  W3PostingsWriter, W3TermInfo, _lenfield)
from whoosh.fields import FieldType
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.query.qcore import _NullQuery
from whoosh.system import _INT_SIZE, pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

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
    "whoosh.codec.whoosh3.WHOOSH3_HEADER_MAGIC": None,
    "whoosh.codec.whoosh3.W3TermInfo._struct": None,
    "whoosh.codec.whoosh3.W3Codec.length_stats": None,
    "whoosh.codec.whoosh3.W3LeafMatcher._read_data": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._read_ids": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._read_values": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._next_block": "(self)",
    "whoosh.codec.whoosh3.W3LeafMatcher._skip_to_block": "(self, skipwhile)",
    "whoosh.codec.whoosh3.W3LeafMatcher.block_max_id": "(self)",
    "whoosh.writing.SegmentWriter.__init__": "(self, ix, poolclass=None, timeout=0.0, delay=0.1, _lk=True, "
                                             "limitmb=128, docbase=0, codec=None, compound=True, **kwargs)",
    "whoosh.writing.SegmentWriter.per_document_reader": "(self)",
    "whoosh.writing.SegmentWriter.add_document": "(self, **fields)",
    "whoosh.writing.SegmentWriter._check_state": "(self)",
    "whoosh.writing.SegmentWriter._flush_segment": "(self)",
    "whoosh.writing.PostingPool.__init__": "(self, tempstore, segment, limitmb=128, **kwargs)",
    "whoosh.writing.PostingPool.save": "(self)",
    "whoosh.externalsort.SortingPool.items": "(self, maxfiles=128)",
    "whoosh.system.pack_int": None,
    "whoosh.system.pack_long": None,
    "whoosh.system.pack_ushort": None,
    "whoosh.util.numeric.length_to_byte": "(length)",
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
    "whoosh.codec.whoosh3.W3FieldWriter": ("_fieldmap", "_tindex", "_postfile"),
    "whoosh.writing.SegmentWriter": ("_tempstorage", "newsegment", "perdocwriter", "fieldwriter", "pool", "codec",
                                     "schema", "docnum", "_added"),
    "whoosh.writing.PostingPool": ("current", "runs", "currentsize", "limit", "fieldnames"),
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
    """Whoosh's segment writer, writing the same segment for less CPU.

    - Postings are pooled by field and term (_TermPool) instead of as one tuple sorted
      with all the others, and a document of plain fields is added by add_document's
      own loop (_FieldPlan): Whoosh's generic one asks every field for boosts,
      spelling, vectors and custom stored values none of ours have.
    - The pooled terms are written out term by term (_TermsWriter), each block encoded
      in one function, where Whoosh makes several method calls for every posting.
    - Small posting blocks are written uncompressed (_Codec, _PostingsWriter).
    - The field length of every posting is read from lists decoded once per field
      (_FieldLengths), where Whoosh looks on disk again for every posting of a field
      that keeps no lengths.
    What it cannot do faster (a document with `_boost` or `_stored_` keywords, a field
    with spelling or vectors, a codec that inlines postings) it leaves to Whoosh.
    """

    def __init__(self, ix, codec=None, limitmb=128, **kwargs):
        super().__init__(ix, codec=codec or _Codec(), limitmb=limitmb, **kwargs)
        self.pool = _TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self._plans: dict[str, _FieldPlan] = {}

    def per_document_reader(self):
        reader = super().per_document_reader()
        reader.doc_field_length = _FieldLengths(reader)
        return reader

    def add_document(self, **fields):
        plans = self._plans_for(fields)
        if plans is None:
            super().add_document(**fields)
            return
        self._check_state()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        perdocwriter.start_doc(docnum)
        try:
            for plan in plans:
                value = fields[plan.name]
                if value is not None:
                    length = self.pool.add_field_postings(plan, value, docnum) if plan.indexed else 0
                    plan.add_per_document(perdocwriter, value, length)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _plans_for(self, fields) -> list | None:
        """Each field's plan, in the order Whoosh adds them (sorted by name); None when
        Whoosh's own add_document must add this document."""
        plans = self._plans
        try:
            return [plans[name] for name in sorted(fields)]
        except KeyError:
            pass
        for name in fields:
            if name not in plans:
                if name.startswith("_") or name not in self.schema:
                    return None
                plans[name] = _FieldPlan(name, self.schema[name])
        if not all(plans[name].plain for name in fields):
            return None
        return [plans[name] for name in sorted(fields)]

    def _flush_segment(self):
        codec = self.codec
        if not (isinstance(codec, _Codec) and codec.length_stats and codec._inlinelimit <= 1
                and all(_FieldPlan.is_plain(field) for _, field in self.schema.items())):
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        _TermsWriter(self.fieldwriter, self.schema, lengths.doc_field_length, codec).write(self.pool.terms())
        self.fieldwriter.close()
        lengths.close()


class _FieldPlan:
    """What adding one field of a document takes, worked out once per writer: what
    Whoosh's add_document finds out again for every field of every document."""

    def __init__(self, name: str, field):
        self.name = name
        self.field = field
        self.indexed = field.indexed
        self.scorable = field.scorable
        self.stored = field.stored
        self.column = field.column_type
        self.plain = self.is_plain(field)
        # A field type that keeps FieldType.index has its words from its format: asked
        # directly, without the generator FieldType.index wraps around them (a format of
        # index.schema gives them as bytes itself, in index_postings).
        self.word_values = self.index_postings = None
        if field.indexed and field.format and type(field).index is FieldType.index:
            self.word_values = field.format.word_values
            self.index_postings = getattr(field.format, "index_postings", None)

    @staticmethod
    def is_plain(field) -> bool:
        """Whether the field needs nothing of add_document but postings, a length, a
        stored value and a column value (no spelling words, no term vectors)."""
        return not field.separate_spelling() and not field.vector

    def postings(self, value):
        """(word bytes, frequency, weight, encoded value) of each word, as field.index gives."""
        if self.word_values is None or not isinstance(value, (str, list, tuple)):
            return self.field.index(value)
        if self.index_postings is not None:
            return self.index_postings(value, self.field.analyzer, mode="index")
        return ((word.encode("utf-8"), freq, weight, vbytes)
                for word, freq, weight, vbytes in self.word_values(value, self.field.analyzer, mode="index"))

    def add_per_document(self, perdocwriter, value, length: int) -> None:
        perdocwriter.add_field(self.name, self.field, value if self.stored else None, length)
        if self.column:
            perdocwriter.add_column_value(self.name, self.column, self.field.to_column_value(value))


# Roughly the memory one pooled posting takes besides its term and value (the tuple,
# its docnum and weight, a list slot): what _TermPool counts against its limit.
POSTING_BYTES = 150


class _TermPool(PostingPool):
    """Whoosh's posting pool, holding each field's terms in a dict of posting lists
    ((docnum, weight, encoded value) each) instead of one list of 5-tuples: adding a
    posting is an append, and only the terms are sorted at the end. When it holds more
    than its limit it saves a run to disk as Whoosh's pool does (as sorted 5-tuples), and
    the runs are merged the same way."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._fields: dict[str, dict[bytes, list]] = {}

    def add(self, item):
        fieldname, tbytes, docnum, weight, vbytes = item
        if not isinstance(tbytes, bytes):
            raise TypeError(f"tbytes={tbytes!r}")
        if vbytes is not None and not isinstance(vbytes, bytes):
            raise TypeError(f"vbytes={vbytes!r}")
        self._terms_of(fieldname).setdefault(tbytes, []).append((docnum, weight, vbytes))
        self._grew(POSTING_BYTES + len(fieldname) + 2 * len(tbytes) + len(vbytes or b""))

    def add_field_postings(self, plan: _FieldPlan, value, docnum: int) -> int:
        """Pool the postings of one field of a document; its length (the sum of its
        words' frequencies, for a scorable field, else 0)."""
        terms = self._terms_of(plan.name)
        length = size = 0
        for tbytes, freq, weight, vbytes in plan.postings(value):
            postings = terms.get(tbytes)
            if postings is None:
                postings = terms[tbytes] = []
            # * 1.0: Whoosh multiplies each weight by the document's boost (1.0 here).
            postings.append((docnum, weight * 1.0, vbytes))
            length += freq
            size += POSTING_BYTES + 2 * len(tbytes) + len(vbytes or b"")
        self._grew(size)
        return length if plan.scorable else 0

    def _terms_of(self, fieldname: str) -> dict[bytes, list]:
        terms = self._fields.get(fieldname)
        if terms is None:
            self.fieldnames.add(fieldname)
            terms = self._fields[fieldname] = {}
        return terms

    def _grew(self, size: int) -> None:
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()

    def save(self):
        self.current = list(self._pooled_items())
        self._fields = {}
        super().save()

    def items(self, maxfiles=128):
        if not self.runs:
            return self._pooled_items()
        return super().items(maxfiles)

    def _pooled_items(self):
        for fieldname, tbytes, postings in self._pooled_terms():
            for docnum, weight, vbytes in postings:
                yield fieldname, tbytes, docnum, weight, vbytes

    def _pooled_terms(self):
        fields = self._fields
        for fieldname in sorted(fields):
            terms = fields[fieldname]
            for tbytes in sorted(terms):
                postings = terms[tbytes]
                postings.sort()  # in docnum order already, but made certain (and cheaply)
                yield fieldname, tbytes, postings

    def terms(self):
        """(fieldname, term bytes, postings) of every term, in the order Whoosh writes
        them, each term's postings sorted as Whoosh sorts them."""
        if not self.runs:
            return self._pooled_terms()
        return self._grouped_terms(self.items())

    @staticmethod
    def _grouped_terms(items):
        for (fieldname, tbytes), group in groupby(items, key=itemgetter(0, 1)):
            yield fieldname, tbytes, [(docnum, weight, vbytes) for _, _, docnum, weight, vbytes in group]


class _TermsWriter:
    """Writes a segment's terms and postings (W3FieldWriter.add_postings' work, into the
    same files and byte for byte the same): each term's blocks encoded in one pass over
    its postings, its term info packed directly, the postings file written in chunks."""

    FLUSH_BYTES = 1 << 16

    def __init__(self, fieldwriter, schema, field_lengths, codec):
        self._schema = schema
        self._field_lengths = field_lengths
        self._fieldmap = fieldwriter._fieldmap
        self._terms_table = fieldwriter._tindex
        self._postfile = fieldwriter._postfile
        self._blocklimit = codec._blocklimit
        self._compression = codec._compression
        self._written = self._postfile.tell()  # offset of the start of the buffer
        self._buffer = bytearray()

    def write(self, terms) -> None:
        fieldname = None
        for name, tbytes, postings in terms:
            if name != fieldname:
                fieldname = name
                key_prefix, lengths, fixed_size = self._start_field(name)
            self._terms_table.add(key_prefix + tbytes, self._write_postings(postings, lengths, fixed_size))
        self._flush()

    def _start_field(self, fieldname: str):
        fieldmap = self._fieldmap
        if fieldname not in fieldmap:
            fieldmap[fieldname] = len(fieldmap)
        return (pack_ushort(fieldmap[fieldname]), self._field_lengths.of_field(fieldname),
                self._schema[fieldname].format.fixed_value_size())

    def _write_postings(self, postings: list, lengths: list | None, fixed_size) -> bytes:
        """Write one term's postings in blocks; its term info, as W3TermInfo.to_bytes."""
        start = self._written + len(self._buffer)
        out = self._buffer
        out += WHOOSH3_HEADER_MAGIC
        weight = df = maxlength = maxweight = 0
        minlength = None
        limit = self._blocklimit
        count = len(postings)
        for begin in range(0, count, limit):
            block = postings if count <= limit else postings[begin:begin + limit]
            last = begin + limit >= count
            docnums, weights, values = zip(*block)
            block_weights = array("f", weights)
            block_min, block_max = _length_range(docnums, lengths)
            block_maxweight = _max_weight(weights)
            out += self._block_bytes(docnums, block_weights, values, block_maxweight, block_min, block_max,
                                     fixed_size, last)
            weight += sum(block_weights)
            df += len(docnums)
            minlength = block_min if minlength is None else min(minlength, block_min)
            maxlength = max(maxlength, block_max)
            maxweight = max(maxweight, block_maxweight)
        if len(out) >= self.FLUSH_BYTES:
            self._flush()
        end = self._written + len(out)
        return TERM_INFO.pack(0, weight, df, 0 if minlength is None else length_to_byte(minlength),
                              length_to_byte(maxlength), maxweight, postings[0][0], postings[-1][0]) \
            + pack_long(start) + pack_int(end - start)

    def _block_bytes(self, docnums, weights, values, maxweight, minlength, maxlength, fixed_size, last) -> bytes:
        """One block as W3PostingsWriter._write_block writes it (with _PostingsWriter's
        choice of compression): its length, its info and its data, pickled."""
        values = [value for value in values if value]
        compression = self._compression
        if compression and 8 * len(docnums) + sum(map(len, values)) < MIN_COMPRESSED_BLOCK:
            compression = 0
        data = dumps((_gaps(docnums), _mini_weights(weights), _mini_values(values, fixed_size)), 2)
        if compression:
            data = zlib.compress(data, compression)
        info = dumps((len(docnums), docnums[-1], maxweight, compression,
                      length_to_byte(minlength), length_to_byte(maxlength)), 2)
        length = len(info) + len(data)
        return pack_int(-length if last else length) + info + data

    def _flush(self) -> None:
        self._postfile.write(bytes(self._buffer))
        self._written += len(self._buffer)
        self._buffer.clear()


# A term's info as W3TermInfo.to_bytes packs it, before its postings' offset and length.
TERM_INFO = W3TermInfo._struct


def _gaps(docnums: tuple) -> tuple:
    """The block's ids as Whoosh stores them: the first, then each one's distance from the last."""
    return (docnums[0], *map(sub, docnums[1:], docnums[:-1]))


def _mini_weights(weights: array):
    """None when every weight is 1, the weight when all are the same, else all of them."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)


def _mini_values(values: list, fixed_size):
    if fixed_size is None or fixed_size < 0:
        return tuple(values)
    if fixed_size == 0:
        return None
    return b"".join(values)


def _max_weight(weights: tuple):
    """The highest weight, or 0 when none is above 0 (Whoosh starts from 0)."""
    highest = max(weights)
    return highest if highest > 0 else 0


def _length_range(docnums: tuple, lengths: list | None) -> tuple:
    """The shortest (None when no posting has a length) and longest field length."""
    if lengths is None:
        return None, 0
    known = [length for length in map(lengths.__getitem__, docnums) if length]
    if not known:
        return None, 0
    return min(known), max(known)


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
        lengths = self.of_field(fieldname)
        if lengths is None:
            return default
        return lengths[docnum]

    def of_field(self, fieldname: str) -> list | None:
        """Each document's length of this field (and None for docnum == doc count, which
        Whoosh allows asking for); None for a field without lengths."""
        lengths = self._lengths.get(fieldname, _UNREAD)
        if lengths is _UNREAD:
            lengths = self._lengths[fieldname] = self._read(fieldname)
        return lengths

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
