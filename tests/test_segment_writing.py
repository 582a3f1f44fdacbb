"""CheapSegmentWriter, with index.schema's fields, writes the segment Whoosh's own
SegmentWriter writes with Whoosh's own formats and analyzers (whooshs_schema).

Each scenario is written twice, into two folders, by the same sequence of writers with
the same segment names (FixedNames): once by Whoosh's SegmentWriter with our codec (which
leaves small posting blocks uncompressed) and Whoosh's own field formats and analyzers,
once by CheapSegmentWriter with ours. Every segment file of the two folders must be byte
for byte the same (the table of contents holds the pickled schema, whose classes differ:
its segments are compared instead). Whoosh's stock codec compresses small posting blocks,
so against it the index is compared as read back: every term, term info, posting, field
length, stored field and column value.
"""
from __future__ import annotations

import pickle
import struct
from datetime import datetime
from pathlib import Path

import pytest
from whoosh import formats
from whoosh import index as whoosh_index
from whoosh.analysis import CompositeAnalyzer
from whoosh.codec.whoosh3 import W3Codec, W3Segment
from whoosh.writing import SegmentWriter

from index.schema import (VALUE_SEPARATOR, FusedAnalyzer, TextPositions, ValuesFrequency, article_schema,
                          quote_schema)
from index.whoosh_internals import CheapSegmentWriter, _Codec

SENTENCES = [
    "The council met on Tuesday and the council agreed the harbour budget.",
    "Residents asked about the harbour wall; the wall, they said, is failing.",
    "Naïve café owners in Zürich and the mayor of İstanbul spoke about straße repairs.",
    "Дмитрий Песков said the talks were “not a question of hours”, the Kremlin added.",
    "La grève des cheminots continue: les grèves touchent Paris et Lyon.",
    "Running runs ran: RUNNERS ran the council race, council by council.",
    "",
]
SPEAKERS = ["Ann Lee", "Дмитрий Песков", "Élise Dupont", ""]
PLACES = ["Zürich", "Paris", "London", ""]


def article_doc(i: int, version: int = 0) -> dict:
    """A varied article document: every article says "council" (more than one block of
    postings once there are over 128), some say it often, some fields are empty."""
    body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))
    body += f" council item{i} v{version}" + " council" * (i % 5)
    speakers = VALUE_SEPARATOR.join(dict.fromkeys(s for s in SPEAKERS[i % 4:i % 4 + 2] if s))
    place = PLACES[i % len(PLACES)]
    doc = {
        "id": str(i),
        "title": f"Council meeting {i} — {SENTENCES[i % len(SENTENCES)][:30]}",
        "body": body,
        "language": "fr" if i % 5 == 4 else "en",
        "language_col": (b"fr" if i % 5 == 4 else b"en"),
        "speaker": speakers, "speaker_col": speakers.encode(),
        "speaker_names": speakers.replace(VALUE_SEPARATOR, " "),
        "place": place, "place_col": place.encode(), "place_names": place,
        "source": "Wire" if i % 2 else "Agency", "source_col": b"Wire" if i % 2 else b"Agency",
        "person": "", "person_col": b"",
        "date_newest": 1_600_000_000 + i, "date_oldest": 1_600_000_000 + i,
    }
    if i % 5 == 4:
        doc["body_fr"] = body
    if i % 7:
        doc["published"] = datetime(2021, 1 + i % 12, 1 + i % 28, i % 24)
        doc["month"] = f"2021-{1 + i % 12:02d}"
        doc["month_col"] = doc["month"].encode()
    return doc


def quote_doc(i: int) -> dict:
    text = SENTENCES[i % len(SENTENCES)] or "council"
    return {"id": f"{i // 3}:{i % 3}", "article_id": str(i // 3), "text": text, "cue": "said" if i % 2 else "",
            "seq": i % 3, "speaker": SPEAKERS[i % 4], "speaker_col": SPEAKERS[i % 4].encode(),
            "speaker_names": SPEAKERS[i % 4], "date_newest": i, "date_oldest": i}


class FixedNames(_Codec):
    """Our codec, naming its segment as told (Whoosh picks a random name)."""

    def __init__(self, segid: str, **kwargs):
        super().__init__(**kwargs)
        self._segid = segid

    def new_segment(self, storage, indexname):
        return W3Segment(self, indexname, segid=self._segid)


class StockNames(W3Codec):
    """Whoosh's own codec, naming its segment as told."""

    def __init__(self, segid: str):
        super().__init__()
        self._segid = segid

    def new_segment(self, storage, indexname):
        return W3Segment(self, indexname, segid=self._segid)


def whooshs_schema(schema):
    """The schema with Whoosh's own formats and analyzer chains where index.schema has
    its faster ones."""
    for name in schema.names():
        field = schema[name]
        if isinstance(field.format, TextPositions):
            field.format = formats.Positions(field_boost=field.format.field_boost)
        elif isinstance(field.format, ValuesFrequency):
            field.format = formats.Frequency(field_boost=field.format.field_boost)
        if isinstance(field.analyzer, FusedAnalyzer):
            field.analyzer = CompositeAnalyzer(*field.analyzer.items)
    return schema


def whooshs_writer(ix, segid, **kwargs):
    return SegmentWriter(ix, codec=FixedNames(segid), **kwargs)


def cheap_writer(ix, segid, **kwargs):
    return CheapSegmentWriter(ix, codec=FixedNames(segid), **kwargs)


def stock_writer(ix, segid, **kwargs):
    return SegmentWriter(ix, codec=StockNames(segid), **kwargs)


def one_commit(ix, make_writer, schema_name):
    writer = make_writer(ix, "s1")
    for doc in documents(schema_name, range(150)):
        writer.add_document(**doc)
    writer.commit()


def replaced_across_commits(ix, make_writer, schema_name, merge=True):
    """Documents added, then some deleted and replaced, some new, in a second commit
    that merges the first segment into the new one (or, merge=False, keeps both and a
    third commit optimizes them into one)."""
    writer = make_writer(ix, "s1")
    for doc in documents(schema_name, range(140)):
        writer.add_document(**doc)
    writer.commit(merge=False)
    writer = make_writer(ix, "s2")
    for i in range(0, 140, 9):
        writer.delete_by_term("id", documents(schema_name, [i])[0]["id"])
    for doc in documents(schema_name, range(0, 140, 9), version=1):
        writer.add_document(**doc)
    for doc in documents(schema_name, range(140, 170)):
        writer.add_document(**doc)
    writer.commit(merge=merge)
    if not merge:
        writer = make_writer(ix, "s3")
        writer.delete_by_term("id", documents(schema_name, [3])[0]["id"])
        writer.commit(optimize=True)


def documents(schema_name, numbers, version=0) -> list[dict]:
    if schema_name == "quotes":
        return [quote_doc(i) for i in numbers]
    return [article_doc(i, version) for i in numbers]


SCHEMAS = {"articles": article_schema, "quotes": quote_schema}
SCENARIOS = {
    "one commit": one_commit,
    "replaced and merged": replaced_across_commits,
    "replaced, kept, optimized": lambda ix, make, name: replaced_across_commits(ix, make, name, merge=False),
}


def build(folder: Path, scenario, make_writer, schema_name, whooshs=False) -> Path:
    folder.mkdir()
    schema = SCHEMAS[schema_name]()
    ix = whoosh_index.create_in(str(folder), whooshs_schema(schema) if whooshs else schema, indexname=schema_name)
    SCENARIOS[scenario](ix, make_writer, schema_name)
    return folder


def files_of(folder: Path) -> dict:
    """Each file's bytes; of a compound segment file, its directory apart, without the
    times its parts were modified."""
    files = {}
    for path in sorted(folder.iterdir()):
        if not path.name.endswith((".lock", ".toc")):
            data = path.read_bytes()
            files[path.name] = compound_parts(data) if path.name.endswith(".seg") else data
    return files


def compound_parts(data: bytes) -> tuple[bytes, dict]:
    """A compound file (whoosh.filedb.compound.CompoundStorage.assemble) as its contents
    and its directory, less each file's time of modification."""
    directory_at, = struct.unpack("!q", data[:8])
    directory = pickle.loads(data[directory_at:])
    for entry in directory.values():
        entry.pop("modified")
    return data[:directory_at], directory


@pytest.mark.parametrize("schema_name", sorted(SCHEMAS))
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("compound", [True, False])
def test_the_cheap_writer_writes_the_same_files(tmp_path, scenario, schema_name, compound):
    whooshs = build(tmp_path / "whoosh", scenario, lambda ix, segid: whooshs_writer(ix, segid, compound=compound),
                    schema_name, whooshs=True)
    cheap = build(tmp_path / "cheap", scenario, lambda ix, segid: cheap_writer(ix, segid, compound=compound),
                  schema_name)
    expected, written = files_of(whooshs), files_of(cheap)
    assert sorted(written) == sorted(expected)
    assert any(name.endswith(".pst") or name.endswith(".seg") for name in written)
    for name in expected:
        assert written[name] == expected[name], f"{name} differs"
    assert segments(cheap, schema_name) == segments(whooshs, schema_name)


def segments(folder: Path, schema_name: str) -> list:
    """What the table of contents says of each segment: its name, documents, deletions
    and field lengths."""
    ix = whoosh_index.open_dir(str(folder), indexname=schema_name)
    with ix.reader() as reader:
        totals = {name: reader.field_length(name) for name in ix.schema.scorable_names()}
    return [(segment.segid, segment.doc_count_all(), sorted(segment.deleted_docs()), segment.is_compound())
            for segment in ix._segments()] + [totals]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_a_pool_that_saves_runs_to_disk_writes_the_same_files(tmp_path, scenario):
    # A limit of a few kilobytes: the pool saves a run every few documents.
    whooshs = build(tmp_path / "whoosh", scenario, lambda ix, segid: whooshs_writer(ix, segid, compound=False),
                    "articles", whooshs=True)
    cheap = build(tmp_path / "cheap", scenario,
                  lambda ix, segid: cheap_writer(ix, segid, compound=False, limitmb=0.01), "articles")
    assert files_of(cheap) == files_of(whooshs)
    assert segments(cheap, "articles") == segments(whooshs, "articles")


def contents(folder: Path, schema_name: str) -> dict:
    """Everything a reader reads of the index: terms with their term info and postings,
    field lengths, stored fields and column values."""
    ix = whoosh_index.open_dir(str(folder), indexname=schema_name)
    with ix.reader() as reader:
        schema = ix.schema
        terms = {}
        for fieldname, tbytes in reader.all_terms():
            info = reader.term_info(fieldname, tbytes)
            matcher = reader.postings(fieldname, tbytes)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            terms[fieldname, tbytes] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                        info.max_weight(), info.min_id(), info.max_id(), postings)
        docnums = list(reader.all_doc_ids())
        lengths = {name: [reader.doc_field_length(d, name) for d in docnums] for name in schema.scorable_names()}
        stored = [reader.stored_fields(d) for d in docnums]
        columns = {name: [reader.column_reader(name)[d] for d in docnums]
                   for name in schema.names() if schema[name].column_type and reader.has_column(name)}
        return {"terms": terms, "lengths": lengths, "stored": stored, "columns": columns,
                "field totals": {name: reader.field_length(name) for name in schema.scorable_names()}}


@pytest.mark.parametrize("schema_name", sorted(SCHEMAS))
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_cheap_writer_writes_what_whooshs_stock_codec_writes(tmp_path, scenario, schema_name):
    stock = build(tmp_path / "stock", scenario, stock_writer, schema_name, whooshs=True)
    cheap = build(tmp_path / "cheap", scenario, cheap_writer, schema_name)
    expected, written = contents(stock, schema_name), contents(cheap, schema_name)
    assert written == expected
    council = written["terms"].get(("body", b"council")) or written["terms"][("text", b"council")]
    assert len(council[-1]) > 128 or schema_name == "quotes"  # more than one block


def test_the_fixtures_cover_what_they_are_for(tmp_path):
    docs = documents("articles", range(150))
    assert sum("council" in doc["body"] for doc in docs) > 128
    assert any(doc["speaker"] == "" for doc in docs) and any("published" not in doc for doc in docs)
    assert any(not doc["body"].isascii() for doc in docs) and any("body_fr" in doc for doc in docs)


def test_whooshs_schema_has_none_of_ours():
    schema = whooshs_schema(article_schema())
    assert not any(isinstance(schema[name].format, (TextPositions, ValuesFrequency))
                   or isinstance(schema[name].analyzer, FusedAnalyzer) for name in schema.names())
    assert isinstance(article_schema()["speaker"].format, ValuesFrequency)
    assert isinstance(article_schema()["speaker_names"].format, TextPositions)
