"""The Whoosh index/ was written against is the one installed, and every private name
index.whoosh_internals relies on is still there, with the signature it was written for.
A failure here names what changed: read index/whoosh_internals.py before upgrading."""
from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version

import pytest
import whoosh
from whoosh import formats
from whoosh.analysis import StemFilter
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher
from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F
from whoosh.writing import SegmentWriter

from helpers import make_article
from index import whoosh_internals as internals
from index.writer import IndexWriter, open_index


def resolve(dotted: str):
    """The object a dotted name stands for: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(dotted)


def test_the_installed_whoosh_is_the_version_the_internals_were_written_for():
    assert version(internals.DISTRIBUTION) == internals.WRITTEN_FOR
    assert whoosh.versionstring() == internals.WRITTEN_FOR


@pytest.mark.parametrize("dotted", sorted(internals.RELIED_ON))
def test_every_private_name_relied_on_is_there_with_its_signature(dotted):
    try:
        target = resolve(dotted)
    except AttributeError:
        pytest.fail(f"{dotted} is gone from the installed Whoosh")
    expected = internals.RELIED_ON[dotted]
    if expected is not None:
        assert str(inspect.signature(target)) == expected, f"{dotted} changed its signature"


def test_the_positions_count_is_four_bytes():
    assert internals.POSITIONS_COUNT_BYTES == 4  # index.postings decodes the pickle after it


@pytest.fixture
def small_index(tmp_path):
    articles = []
    for i in range(200):
        body = f"The council met on day {i}. Residents asked about the harbour wall."
        articles.append(make_article(f"Council meeting {i}", body))
        articles[-1].id = i + 1
    IndexWriter(tmp_path).write(articles)
    ix = open_index(tmp_path, "articles")
    with ix.searcher() as searcher:
        yield ix, searcher


def leaf_matcher(reader, fieldname: str, word: str):
    matcher = reader.postings(fieldname, reader.schema[fieldname].to_bytes(word))
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def test_the_instance_attributes_relied_on_are_there(small_index):
    ix, searcher = small_index
    reader = searcher.reader()
    matcher = leaf_matcher(reader, "body", "council")
    internals.block_postings(matcher)
    internals.block_values(matcher)
    postings_writer = W3Codec().postings_writer(BufferFile(b""))
    postings_writer.start_postings(formats.Frequency(), object())  # a term being written
    writer = SegmentWriter(ix)
    examples = {
        "whoosh.writing.SegmentWriter": writer,
        "whoosh.writing.PostingPool": writer.pool,
        "whoosh.codec.whoosh3.W3FieldWriter": writer.fieldwriter,
        "whoosh.filedb.structfile.BufferFile": BufferFile(b"abc"),
        "whoosh.reading.SegmentReader": reader,
        "whoosh.codec.whoosh3.W3Codec": W3Codec(),
        "whoosh.codec.whoosh3.W3PostingsWriter": postings_writer,
        "whoosh.codec.whoosh3.W3LeafMatcher": matcher,
        "whoosh.scoring.BM25F": BM25F(),
        "whoosh.analysis.StemFilter": StemFilter(),
    }
    assert set(examples) == set(internals.INSTANCE_ATTRIBUTES)
    for dotted, example in examples.items():
        assert isinstance(example, resolve(dotted))
        for attribute in internals.INSTANCE_ATTRIBUTES[dotted]:
            assert hasattr(example, attribute), f"{dotted} instances no longer have {attribute}"
    assert isinstance(reader, SegmentReader) and isinstance(matcher, W3LeafMatcher)
    writer.cancel()


def test_the_accessors_read_what_whoosh_itself_reads(small_index):
    ix, searcher = small_index
    reader = searcher.reader()
    assert len(internals.segments_of(ix)) == 1
    stored = list(internals.stored_fields_column(reader))
    assert [fields["id"] for fields in stored] == [str(i) for i in range(1, 201)]
    codes = list(internals.lengths_column(reader, "body"))
    assert [internals.length_of_code(c) for c in codes] == [reader.doc_field_length(d, "body")
                                                         for d in range(reader.doc_count_all())]
    matcher = leaf_matcher(reader, "body", "council")
    ids, weights = internals.block_postings(matcher)
    assert list(ids) == list(range(128)) and len(weights) == 128  # the first block of 128
    internals.skip_blocks_before(matcher, 150)
    ids, _ = internals.block_postings(matcher)
    assert ids[0] == 128 and len(internals.block_values(matcher)) == len(ids)
    internals.next_block(matcher)
    assert not matcher.is_active()
    from whoosh.query import Prefix
    assert sorted(internals.words_of_pattern(Prefix("body", "harb"), reader)) == [b"harbour"]
    assert internals.bm25_b(BM25F(body_B=0.5), "body") == 0.5 and internals.bm25_b(BM25F(), "title") == 0.75
    assert internals.cached_stemmer(StemFilter())("councils") == "council"


def test_segments_are_read_in_place_once_an_index_is_opened(small_index):
    assert internals.reads_segments_in_place()
    assert compound.BufferFile is internals.MappedBufferFile
