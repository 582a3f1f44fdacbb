"""Per-segment numpy copies of the numbers searches sort, filter and score by:
the sort columns (date_newest, date_oldest, seq), each document's identity and Whoosh's stored field lengths."""
from __future__ import annotations

import numpy as np

from index.segment_cache import SegmentCache
from index.whoosh_internals import length_of_code, lengths_column, stored_fields_column

# Whoosh stores a field's length in one byte; this is the length each byte stands for.
LENGTH_OF_BYTE = np.array([length_of_code(b) if b else 0 for b in range(256)], dtype=np.float64)


def sort_column(cache: SegmentCache, reader, column: str) -> np.ndarray:
    def build():
        return np.fromiter(reader.column_reader(column), dtype=np.int64, count=reader.doc_count_all())
    return cache.get(reader, f"column:{column}", build)


def field_lengths(cache: SegmentCache, reader, fieldname: str) -> np.ndarray:
    """Each document's length in the field as BM25F sees it (Whoosh's byte-coded approximation)."""
    def build():
        column = lengths_column(reader, fieldname)
        if column is None:
            return np.zeros(reader.doc_count_all(), dtype=np.float64)
        codes = np.fromiter(column, dtype=np.uint8, count=reader.doc_count_all())
        return LENGTH_OF_BYTE[codes]
    return cache.get(reader, f"lengths:{fieldname}", build)


# A quote's identity packs (article id, seq) in one number that sorts as the pair.
QUOTE_SEQ_BITS = 24


def identities(cache: SegmentCache, reader, kind: str) -> np.ndarray:
    """Each document's identity, stable across commits and merges (unlike its document
    number): the article id, or for a quote its article id and seq packed by
    `quote_identity`. Read once per segment from the stored ids."""
    def build():
        stored = stored_fields_column(reader)
        if kind == "quotes":
            pairs = (value["id"].split(":") for value in stored)
            return np.fromiter((quote_identity(int(a), int(s)) for a, s in pairs), dtype=np.int64,
                               count=reader.doc_count_all())
        return np.fromiter((int(value["id"]) for value in stored), dtype=np.int64, count=reader.doc_count_all())
    return cache.get(reader, f"identity:{kind}", build)


def quote_identity(article_id: int, seq: int) -> int:
    return (article_id << QUOTE_SEQ_BITS) | seq
