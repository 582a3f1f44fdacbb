"""Readers for text, JSON, JSON Lines, feeds and ZIPs, on small hand-written files."""
from __future__ import annotations

import io
import json
import zipfile

from archive.readers import Limits, read_file
from archive.readers.detect import detect_format
from helpers import SEED


def only_draft(name: str, data: bytes):
    items = read_file(name, data)
    assert len(items) == 1 and items[0].ok, [i.error for i in items]
    return items[0].draft


def test_seed_text_has_a_timestamp_line_and_one_paragraph_a_line():
    draft = only_draft("seed.txt", SEED.read_bytes())
    assert draft.title is None
    assert [(c.raw, c.source) for c in draft.date_candidates] == [("Posted at 11:02", "text")]
    assert len(draft.paragraphs) == 7
    assert draft.paragraphs[0].startswith("(Washington) Russians and Westerners remain on “totally divergent”")
    assert not any("Posted at" in p for p in draft.paragraphs)


def test_title_blank_line_body_export():
    text = ("Council approves budget\n\nBy Ann Lee\n\nThe council approved the budget on Monday.\n\n"
            "“It is a fair deal,” the mayor said.\n").encode()
    draft = only_draft("budget.txt", text)
    assert draft.title == "Council approves budget"
    assert draft.authors == ["Ann Lee"]
    assert draft.paragraphs == ["The council approved the budget on Monday.", "“It is a fair deal,” the mayor said."]


def test_text_in_cp1252_and_with_bom_decodes():
    cp1252 = b"Caf\xe9 owners \x93welcome\x94 the rule\n\nBody line here."
    assert only_draft("a.txt", cp1252).title == "Café owners “welcome” the rule"
    bom = "\ufeffTitle\n\nBody é".encode("utf-8")
    assert only_draft("b.txt", bom).paragraphs == ["Body é"]
    utf16 = "Title\n\nBody in UTF-16 with “marks”.".encode("utf-16")
    assert only_draft("c.txt", utf16).paragraphs == ["Body in UTF-16 with “marks”."]


def test_json_one_article_a_list_and_wrong_types():
    one = json.dumps({"title": "T", "text": "Para one.\n\nPara two.", "published": "2022-01-16",
                      "source": "Daily", "url": "https://example.org/a", "authors": ["A. Writer"]}).encode()
    draft = only_draft("one.json", one)
    assert (draft.title, draft.paragraphs, draft.source, draft.url, draft.authors) == \
        ("T", ["Para one.", "Para two."], "Daily", "https://example.org/a", ["A. Writer"])
    assert [(c.raw, c.source) for c in draft.date_candidates] == [("2022-01-16", "field")]

    listed = json.dumps([{"title": "A", "text": "x"}, {"title": ["not", "text"]}, "nope"]).encode()
    items = read_file("list.json", listed)
    assert [i.ok for i in items] == [True, False, False]
    assert "should be text" in items[1].error and "expected a JSON object" in items[2].error


def test_jsonl_keeps_one_item_per_line_in_order_with_bad_lines_reported():
    lines = [json.dumps({"title": "First", "text": "one"}), "{broken", json.dumps({"title": "Third", "text": "3"})]
    items = read_file("batch.jsonl", "\n".join(lines).encode())
    assert [i.name for i in items] == ["batch.jsonl#1", "batch.jsonl#2", "batch.jsonl#3"]
    assert [i.draft.title if i.ok else None for i in items] == ["First", None, "Third"]
    assert "not valid JSON" in items[1].error


def test_deeply_nested_json_is_refused_cleanly():
    items = read_file("deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert not items[0].ok and "nested" in items[0].error


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Gazette</title>
<item><title>Mayor speaks</title><link>https://gazette.example/mayor</link>
<pubDate>Sun, 16 Jan 2022 11:02:00 +0100</pubDate><dc:creator>Ann Lee</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The mayor spoke.</p><p>&#8220;We will build,&#8221; she said.</p>
<script>alert(1)</script>]]></content:encoded></item>
<item><title>Second</title><description>Only a summary here.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Atom story</title><link rel="alternate" href="https://atom.example/s"/>
<published>2022-01-16T11:02:00Z</published><updated>2022-01-17T08:00:00Z</updated>
<author><name>Bo Chen</name></author><content type="html">&lt;p&gt;Body text.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_with_full_content():
    items = read_file("feed.xml", RSS)
    assert detect_format("feed.xml", RSS) == "feed"
    first, second = (i.draft for i in items)
    assert first.title == "Mayor speaks" and first.source == "The Gazette"
    assert first.paragraphs == ["The mayor spoke.", "“We will build,” she said."]
    assert first.url == "https://gazette.example/mayor" and first.authors == ["Ann Lee"]
    assert [(c.raw, c.source) for c in first.date_candidates] == [("Sun, 16 Jan 2022 11:02:00 +0100", "feed")]
    assert second.paragraphs == ["Only a summary here."] and second.date_candidates == []


def test_atom_entry():
    draft = only_draft_of_feed(ATOM)
    assert (draft.title, draft.url, draft.authors, draft.paragraphs) == \
        ("Atom story", "https://atom.example/s", ["Bo Chen"], ["Body text."])
    assert [(c.raw, c.kind) for c in draft.date_candidates] == [("2022-01-16T11:02:00Z", "published"),
                                                              ("2022-01-17T08:00:00Z", "modified")]


def only_draft_of_feed(data: bytes):
    items = read_file("atom.xml", data)
    assert len(items) == 1
    return items[0].draft


def test_feed_with_entity_expansion_is_refused():
    laughs = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title></item></channel></rss>"""
    items = read_file("laughs.xml", laughs)
    assert not items[0].ok and "entities" in items[0].error


def make_zip(entries: dict[str, bytes], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_zip_reads_good_entries_and_refuses_bad_ones():
    data = make_zip({
        "good.txt": b"Good title\n\nGood body.",
        "../escape.txt": b"Evil\n\nBody.",
        "/abs.txt": b"Evil\n\nBody.",
        "empty.txt": b"",
        "nested/story.json": json.dumps({"title": "Nested", "text": "Body"}).encode(),
        "__MACOSX/._good.txt": b"junk",
    }, symlink="link.txt")
    items = {i.name: i for i in read_file("batch.zip", data)}
    assert items["batch.zip/good.txt"].draft.title == "Good title"
    assert items["batch.zip/nested/story.json"].draft.title == "Nested"
    assert "'..'" in items["batch.zip/../escape.txt"].error
    assert "absolute path" in items["batch.zip//abs.txt"].error
    assert items["batch.zip/empty.txt"].error == "empty file"
    assert "symbolic link" in items["batch.zip/link.txt"].error
    assert not any("MACOSX" in name for name in items)


def test_zip_bomb_is_refused():
    bomb = make_zip({"bomb.txt": b"0" * (20 * 1024 * 1024)})
    items = read_file("bomb.zip", bomb, Limits(max_file_bytes=50 * 1024 * 1024))
    assert not items[0].ok and "ZIP bomb" in items[0].error


def test_bad_files_get_clear_errors():
    assert read_file("e.txt", b"  \n ")[0].error == "empty file"
    assert "binary" in read_file("x.bin", bytes(range(256)) * 10)[0].error
    assert "too large" in read_file("big.txt", b"x" * 2000, Limits(max_file_bytes=1000))[0].error
    assert "damaged ZIP" in read_file("bad.zip", b"PK\x03\x04" + b"\x00" * 50)[0].error


def test_format_is_decided_by_content_not_name():
    assert detect_format("story.txt", b"<!doctype html><html><body><p>x</p></body></html>") == "html"
    assert detect_format("story.html", b"Just text.\n\nMore text.") == "text"
    assert detect_format("data.txt", b'{"title": "a"}\n{"title": "b"}\n') == "jsonl"
    assert detect_format("data.json", b'{\n "title": "a"\n}') == "json"
    assert detect_format("a.json", RSS) == "feed"
