"""Positions read in bulk give what Whoosh's own decoder gives, for every shape of value."""
from __future__ import annotations

from whoosh.formats import Positions

from index.postings import decode_positions_batch

SHAPES = [
    [0],  # a single position: the item and APPEND
    [7, 9],
    [300, 301, 70_000, 70_001],  # gaps of two and four bytes
    list(range(0, 5000, 3)),  # over 1000 positions: pickled in batches
    list(range(1500)),
    [2 ** 31 + 5],  # past what four signed bytes hold
]


def test_positions_read_in_bulk_equal_whooshs_decoding():
    fmt = Positions()
    values = [fmt.encode(positions) for positions in SHAPES]
    # Whoosh's codec stores the pickle without its final STOP; both forms occur.
    for batch in (values, [v[:-1] for v in values], values[::-1]):
        counts, flat = decode_positions_batch(batch)
        expected = [fmt.decode_positions(v) for v in batch]
        assert counts.tolist() == [len(p) for p in expected]
        assert flat.tolist() == [p for positions in expected for p in positions]


def test_no_values_no_positions():
    counts, flat = decode_positions_batch([])
    assert len(counts) == 0 and len(flat) == 0
