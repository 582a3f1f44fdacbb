"""The hostile-file corpus (tests/hostile/): every broken or hostile file gets a clear
error of its own or a correct article, and never stops the rest of a batch.

The files are written by tests/hostile/make_corpus.py and listed in tests/hostile/README.md.
Big cases (over the size limit, a 5 MB line, too many ZIP entries) are made here at test time.
"""
from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

from archive.normalize import normalize
from archive.pipeline import IngestOptions, Ingester, prepare_chunk
from archive.readers import Limits, read_file
from archive.store import Store
from index.feeder import IndexFeeder
from index.rebuild import recover
from index.search import SearchRequest, SearchService

HOSTILE = Path(__file__).resolve().parent / "hostile"
FILES = HOSTILE / "files"

# File -> a phrase its error must contain. Every item the file gives fails.
REFUSED = {
    "empty.txt": "empty file",
    "whitespace_only.txt": "empty file",
    "bom_only.txt": "no article text found",
    "nul_bytes.bin": "binary content",
    "image.png": "binary content: a PNG image",
    "document.pdf": "binary content: a PDF document",
    "archive.gz": "binary content: a gzip file",
    "control_flood.txt": "binary content",
    "scripts_only.html": "not an article: the page has no main text",
    "login_page.html": "not an article: the page is a login form",
    "redirect_only.html": "not an article: the page only redirects to https://example.org/story",
    "deeply_nested.html": "not an article",
    "xml_not_a_feed.xml": "not an article: an XML document (<config>) that is neither a web page nor a feed",
    "json_wrong_types.json": "field 'title' should be text, found an array",
    "json_booleans.json": "field 'title' should be text, found true/false",
    "json_nan.json": "not valid JSON (NaN is not a JSON value)",
    "json_deep_list.json": "JSON nested too deeply",
    "json_deep_object.json": "JSON nested too deeply",
    "json_null.json": "not an article: expected a JSON object, found null",
    "json_empty_object.json": "not an article: no 'text' or 'title'",
    "json_truncated.json": "not valid JSON (Unterminated string",
    "json_huge_integer.json": "not valid JSON (a number with more than 4,300 digits)",
    "json_source_wrong_type.json": "field 'source' should be text, found an array",
    "feed_billion_laughs.xml": "feed refused: it declares XML entities",
    "feed_external_entity.xml": "feed refused: it declares XML entities",
    "feed_malformed.xml": "not a well-formed feed",
    "feed_no_items.xml": "not an article: the feed has no items",
    "feed_undeclared_entity.xml": "not a well-formed feed (undefined entity",
    "zip_absolute_path.zip": "ZIP entry with an absolute path: refused",
    "zip_symlink.zip": "ZIP entry is a symbolic link: refused",
    "zip_bomb_ratio.zip": "refused as a ZIP bomb",
    "zip_bomb_nested.zip": "ZIP entry too large: 62,914,560 bytes (the limit is 52,428,800)",
    "zip_lying_size.zip": "unreadable ZIP entry (Bad CRC-32",
    "zip_three_deep.zip": "ZIP nested inside a ZIP inside a ZIP: refused",
    "zip_truncated.zip": "damaged ZIP file",
    "zip_encrypted.zip": "ZIP entry is encrypted: refused",
    "zip_unknown_method.zip": "unreadable ZIP entry (That compression method is not supported)",
    "zip_empty.zip": "ZIP holds no files",
    "only_punctuation.txt": "no article text found",
}

# Files that give a mix: item name -> None for an article, or a phrase of its error.
MIXED = {
    "json_mixed_list.json": {
        "json_mixed_list.json#1": None,
        "json_mixed_list.json#2": "expected a JSON object, found a string",
        "json_mixed_list.json#3": "expected a JSON object, found a number",
        "json_mixed_list.json#4": "expected a JSON object, found an array",
        "json_mixed_list.json#5": "expected a JSON object, found null",
    },
    "jsonl_mixed.jsonl": {
        "jsonl_mixed.jsonl#1": None,
        "jsonl_mixed.jsonl#2": "line 2: not valid JSON",
        "jsonl_mixed.jsonl#3": "expected a JSON object, found an array",
        "jsonl_mixed.jsonl#4": None,
    },
    "atom_half_empty.xml": {
        "atom_half_empty.xml#1": None,
        "atom_half_empty.xml#2": "feed item without title or content",
    },
    "zip_slip.zip": {
        "zip_slip.zip/../../evil.txt": "ZIP entry with '..' in its path: refused",
        "zip_slip.zip/good/story.txt": None,
    },
    "zip_nameless_entry.zip": {
        "zip_nameless_entry.zip/": "ZIP entry without a name: refused",
        "zip_nameless_entry.zip/story.txt": None,
    },
    "zip_mixed.zip": {
        "zip_mixed.zip/stories/good.txt": None,
        "zip_mixed.zip/stories/empty.txt": "empty file",
        "zip_mixed.zip/stories/blob.bin": "binary content",
    },
}

# Files read into one good article each; what else is true of it is tested below.
ARTICLES = {
    "cp1252.txt", "utf16_bom.txt", "utf16_no_bom.txt", "mixed_encodings.txt",
    "declared_latin1_is_cp1252.html", "declared_utf8_is_cp1252.html", "declared_utf16_is_utf8.html",
    "declared_unknown_charset.html", "json_cp1252.json", "script_laden.html", "svg_onload.html",
    "unclosed_comment.html", "html_entity_declarations.html", "not_closed_tags.html",
    "json_number_text.json", "json_lone_surrogate.json", "json_bad_authors.json",
    "feed_external_dtd.xml", "feed_script_content.xml", "date_32_13_2022.txt", "date_year_9999.json",
    "date_year_9999_rfc.xml", "date_zeros.html", "date_epoch.json", "date_future.json",
    "date_february_30.json", "date_garbage.json", "quote_never_closed.txt", "quote_marks_flood.txt",
    "control_characters.txt", "rtl_arabic.txt", "rtl_hebrew_mixed.txt", "bidi_override.txt",
    "zero_width.txt", "decomposed_accents.txt", "old_mac_newlines.txt", "long_title_line.txt",
    "text_named_json.json", "html_named_txt.txt", "good_article.txt",
}

def data_of(name: str) -> bytes:
    return (FILES / name).read_bytes()


def articles_of(name: str, options: IngestOptions | None = None) -> list:
    """Read, normalize and annotate one corpus file as an ingest would (nothing stored)."""
    prepared = prepare_chunk([(name, data_of(name))], options or IngestOptions(), Limits())
    return [p.article for p in prepared if p.article is not None]


def the_article(name: str):
    [article] = articles_of(name)
    return article


# ----------------------------------------------------------------- the corpus itself

def test_the_corpus_has_at_least_fifty_small_files_each_with_an_expected_outcome():
    names = {p.name for p in FILES.iterdir()}
    assert len(names) >= 50
    assert names == set(REFUSED) | set(MIXED) | ARTICLES | {"navigation_only.html"}
    assert all((FILES / n).stat().st_size < 100_000 for n in names)
    assert sum((FILES / n).stat().st_size for n in names) < 1_000_000


def test_the_readme_lists_every_file_and_the_files_are_what_the_script_writes():
    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    assert readme == make_corpus.write_readme(make_corpus.CORPUS)
    for name, data, _ in make_corpus.CORPUS:
        assert f"`{name}`" in readme
        assert data_of(name) == data, f"{name} differs from what make_corpus.py writes"


# ----------------------------------------------------------------- refused files

@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_file_gets_its_own_clear_reason(name):
    items = read_file(name, data_of(name))
    assert items and not any(item.ok for item in items)
    assert all(REFUSED[name] in item.error for item in items), [item.error for item in items]
    assert all(item.name.startswith(name) for item in items)


@pytest.mark.parametrize("name", sorted(MIXED))
def test_a_file_with_good_and_bad_parts_reports_each_part(name):
    items = read_file(name, data_of(name))
    assert [item.name for item in items] == list(MIXED[name])
    for item in items:
        expected = MIXED[name][item.name]
        if expected is None:
            assert item.ok, item.error
        else:
            assert not item.ok and expected in item.error, item.error


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_readable_file_gives_one_article(name):
    items = read_file(name, data_of(name))
    assert [item.ok for item in items] == [True], [item.error for item in items]


# ----------------------------------------------------------------- encodings

def test_windows_1252_json_and_text_keep_curly_quotes_and_accents():
    assert the_article("cp1252.txt").body.startswith("“We cannot pay,” said René Dubois")
    assert the_article("json_cp1252.json").body.startswith("“Trop cher,” said René")


def test_utf16_with_or_without_a_byte_order_mark_reads_as_text():
    for name in ("utf16_bom.txt", "utf16_no_bom.txt"):
        article = the_article(name)
        assert article.title == "Harbour bridge to reopen in spring"
        assert "said Mayor Ann Lee" in article.body


def test_a_file_mixing_utf8_and_windows_1252_reads_each_part_right():
    article = the_article("mixed_encodings.txt")
    assert article.title == "Zürich council vote"
    assert article.body.split("\n\n") == [
        "“Grüezi,” said the mayor of Zürich on Monday.",
        "The café owner René said prices rose.", "Überall in der Stadt wurde gefeiert, sagte sie."]


@pytest.mark.parametrize("name", ["declared_latin1_is_cp1252.html", "declared_utf8_is_cp1252.html",
                                  "declared_utf16_is_utf8.html"])
def test_a_wrong_charset_declaration_does_not_garble_the_page(name):
    article = the_article(name)
    assert article.title == "Harbour bridge to reopen in spring"
    assert article.body.split("\n\n")[0] in ("“Très bien,” said Mme Thérèse Martin.", "“Grüezi,” said the mayor.")


def test_an_unknown_charset_falls_back_to_utf8():
    assert "said Mayor Ann Lee" in the_article("declared_unknown_charset.html").body


# ----------------------------------------------------------------- HTML and feeds

@pytest.mark.parametrize("name", ["script_laden.html", "svg_onload.html", "feed_script_content.xml"])
def test_scripts_and_event_handlers_never_reach_the_article(name):
    article = the_article(name)
    everything = json.dumps(article.to_dict(), ensure_ascii=False)
    assert "INJECTED" not in everything
    assert "alert(" not in everything and "javascript:" not in everything
    assert "said Mayor Ann Lee" in article.body


def test_html_entity_declarations_are_not_expanded():
    article = the_article("html_entity_declarations.html")
    assert "AAAAAAAAAA" not in article.body and "said Mayor Ann Lee" in article.body


def test_an_unclosed_comment_hides_what_follows_it_and_nothing_else():
    body = the_article("unclosed_comment.html").body
    assert "said Mayor Ann Lee" in body and "HIDDEN-TEXT" not in body


def test_tags_never_closed_still_give_the_text():
    assert "said Mayor Ann Lee" in the_article("not_closed_tags.html").body


def test_a_feed_naming_an_external_dtd_is_read_without_fetching_it():
    article = the_article("feed_external_dtd.xml")  # the DTD's address is a closed local port
    assert article.title == "Harbour bridge to reopen" and article.source == "Harbour Gazette"


def test_a_page_of_links_is_not_an_article():
    [item] = read_file("navigation_only.html", data_of("navigation_only.html"))
    assert not item.ok and "not an article" in item.error


# ----------------------------------------------------------------- JSON

def test_json_numbers_are_text_but_authors_of_the_wrong_type_are_dropped():
    numbers = the_article("json_number_text.json")
    assert (numbers.title, numbers.body) == ("12345", "678.9")
    assert the_article("json_bad_authors.json").authors == ["Real Name"]


def test_an_unpaired_surrogate_becomes_a_replacement_character():
    article = the_article("json_lone_surrogate.json")
    assert article.title == "Harbour \ufffd bridge"
    article.to_dict()  # and the article can be encoded: json.dumps, SQLite and the index need UTF-8
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------- dates

@pytest.mark.parametrize("name, rejected", [
    ("date_32_13_2022.txt", "month must be in 1..12"),
    ("date_zeros.html", "year 0 is out of range"),
    ("date_epoch.json", "the Unix epoch itself"),
    ("date_future.json", "2999-01-01T00:00:00+00:00 is in the future"),
    ("date_february_30.json", "day is out of range for month"),
    ("date_garbage.json", "not a usable date"),
    ("date_year_9999.json", "9999-12-31T23:59:59-05:00 is in the future"),
    ("date_year_9999_rfc.xml", "9999-12-31T23:00:00-05:00 is in the future"),
])
def test_an_impossible_date_leaves_published_empty_and_says_why(name, rejected):
    article = the_article(name)
    assert article.published.value is None
    assert article.published.reason.startswith("no publication date found in the file (rejected: ")
    assert rejected in article.published.reason
    assert "said Mayor Ann Lee" in article.body


# ----------------------------------------------------------------- quotes and text

def test_a_quote_never_closed_does_not_swallow_the_rest():
    article = the_article("quote_never_closed.txt")
    first_paragraph_end = article.body.index("\n\n")
    unclosed, closed = article.quotes
    assert unclosed.start == 1 and unclosed.end <= first_paragraph_end
    assert closed.text == "We are proud of it"
    assert "The council voted 7 to 2" not in "".join(q.text for q in article.quotes)


def test_a_flood_of_quote_marks_still_finds_the_real_quote():
    article = the_article("quote_marks_flood.txt")
    assert any(q.text == "We are on time and on budget" and q.speaker == "Ann Lee" for q in article.quotes)


def test_control_characters_are_removed_and_do_not_break_lines():
    article = the_article("control_characters.txt")
    assert article.title == "Harbour bridge to reopen"
    assert article.body.startswith("The harbour bridge will reopen in April after two years")
    assert "\n" not in article.body  # VT and NEL are not line breaks
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in article.title + article.body)


def test_right_to_left_text_is_kept():
    arabic = the_article("rtl_arabic.txt")
    assert arabic.title == "افتتاح الجسر في الربيع"
    assert arabic.body.startswith("قال رئيس البلدية يوم الاثنين")
    hebrew = the_article("rtl_hebrew_mixed.txt")
    assert [q.text for q in hebrew.quotes] == ["הגשר ייפתח באפריל"]


def test_direction_overrides_are_removed_so_they_cannot_disguise_text():
    body = the_article("bidi_override.txt").body
    assert "\u202e" not in body and "\u202c" not in body
    assert body.startswith("The file gnp.exe was attached.")


def test_invisible_characters_inside_words_are_removed():
    article = the_article("zero_width.txt")
    assert article.title == "Harbour bridge"
    assert "the city council said" in article.body


def test_combining_accents_are_composed():
    article = the_article("decomposed_accents.txt")
    assert (article.title, article.body) == ("Café prices", "René said the café would close.")


def test_bare_carriage_returns_separate_lines():
    assert the_article("old_mac_newlines.txt").title == "Harbour bridge to reopen in spring"


def test_a_very_long_first_line_is_not_taken_for_a_title():
    article = the_article("long_title_line.txt")
    assert len(article.title) <= 121 and article.title.endswith("…")
    assert "said Mayor Ann Lee" in article.body


def test_content_decides_the_format_not_the_name():
    assert the_article("text_named_json.json").format == "text"
    assert the_article("html_named_txt.txt").format == "html"


# ----------------------------------------------------------------- big files, made here

def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    limits = Limits()
    [item] = read_file("huge.txt", b"a" * (limits.max_file_bytes + 1), limits)
    assert item.error == "file too large: 52,428,801 bytes (the limit is 52,428,800)"


def test_a_5_mb_single_line_is_read_as_one_article(tmp_path):
    # Read and normalized here; the NLP pass over it (spaCy on its first million characters)
    # takes about half a minute, so it is measured in RELIABILITY.md rather than run here.
    line = ("The council met again and nothing was decided. " * 110_000)[:5_000_000]
    path = tmp_path / "one_line.txt"
    path.write_text(line, encoding="utf-8")
    [item] = read_file(path.name, path.read_bytes())
    article = normalize(item.draft)
    assert len(article.body) == len(line.strip())
    assert article.title == "The council met again and nothing was decided."


def test_a_zip_with_more_entries_than_the_limit_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(Limits().max_zip_entries + 1):
            archive.writestr(f"{i}.txt", b"")
    [item] = read_file("many.zip", buffer.getvalue())
    assert item.error == "ZIP has 10,001 entries (the limit is 10,000)"


def test_a_zip_whose_entries_add_up_past_the_total_limit_stops_there():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(5):
            archive.writestr(f"{i}.txt", f"Story {i}\n\nThe council met on Monday. ".encode() * 40)
    items = read_file("big.zip", buffer.getvalue(), Limits(max_zip_total_bytes=3000))
    assert [item.ok for item in items] == [True, True, False]  # 1,320 bytes each
    assert "ZIP uncompressed size over the limit (3,000 bytes); rest not read" in items[2].error


# ----------------------------------------------------------------- the whole corpus in one batch

CORPUS = sorted(p.name for p in FILES.iterdir())


@pytest.fixture
def archive(tmp_path):
    store = Store(tmp_path / "data")
    writer = recover(store, tmp_path / "data" / "index")
    yield store, Ingester(store, IndexFeeder(store, writer)), SearchService(tmp_path / "data" / "index", store)
    store.close()


def ingest_corpus(ingester, names, good):
    files = [(name, data_of(name)) for name in names] + [good]
    return ingester.ingest(files, IngestOptions(), Limits(), batch_size=16)


def file_of(item_name: str) -> str:
    """The received file an item came from: "feed.xml#2" and "batch.zip/a/b.txt" -> "feed.xml", "batch.zip"."""
    return item_name.split("#")[0].split("/")[0]


GOOD = ("lighthouse.txt", "Lighthouse keeper retires\n\nThe last keeper of the Eastholm lighthouse retired "
                          "on Friday. “It was a quiet life,” said Ruth Abernethy.\n".encode())


def test_the_whole_corpus_and_a_good_article_in_one_batch(archive):
    store, ingester, search = archive
    reports = ingest_corpus(ingester, CORPUS, GOOD)
    assert {file_of(r.file) for r in reports} == set(CORPUS) | {"lighthouse.txt"}
    assert all(r.status in ("added", "duplicate", "failed") for r in reports)
    assert all(r.reason for r in reports if r.status == "failed")
    [good] = [r for r in reports if r.file == "lighthouse.txt"]
    assert good.status == "added" and good.searchable
    assert [h["id"] for h in search.search(SearchRequest(q="lighthouse keeper")).hits] == [good.article_id]
    stored = [r for r in reports if r.status == "added"]
    assert store.count() == len(stored) and store.stats()["index_queue"] == 0
    assert search.search(SearchRequest(q="")).total == len(stored)


# ----------------------------------------------------------------- reader fixes, one example each

def test_a_jsonl_string_holding_a_line_separator_stays_one_record():
    lines = [json.dumps({"title": "One", "text": "a\u2028b\x85c"}, ensure_ascii=False),
             json.dumps({"title": "Two", "text": "d"})]
    items = read_file("two.jsonl", "\n".join(lines).encode())
    assert [item.draft.title for item in items] == ["One", "Two"]


def test_a_url_loses_control_characters_and_surrogates():
    [prepared] = prepare_chunk([("u.json", b'{"title": "T", "text": "Some words.", '
                                           b'"url": " https://example.org/a\\u0000b\\ud800 "}')],
                               IngestOptions(), Limits())
    assert prepared.article.url == "https://example.org/ab\ufffd"


def test_a_few_stray_control_bytes_do_not_make_text_binary():
    text = b"Council news\n\nThe council met\x07 on Monday\x0b and voted 7 to 2 for the final payment.\x1c\n"
    [item] = read_file("stray.txt", text)
    assert item.ok and item.draft.paragraphs == ["The council met\x07 on Monday\x0b and voted 7 to 2 for the "
                                                 "final payment."]


def test_a_zip_needing_a_newer_zip_version_is_refused_not_raised():
    data = bytearray(zip_of_one("story.txt", b"Harbour\n\nThe bridge opens."))
    end = data.rindex(b"PK\x05\x06")
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract": 6.4, which Python's zipfile refuses
    [item] = read_file("new.zip", bytes(data[:end]) + bytes(data[end:]))
    assert item.error.startswith("unsupported ZIP file (zip file version 6.4")


def zip_of_one(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_quote_marks_around_nothing_are_not_quotations():
    article = the_article("quote_marks_flood.txt")
    assert all(any(c.isalnum() for c in q.text) for q in article.quotes)
