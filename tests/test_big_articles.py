"""A huge article is stored whole but annotated, indexed and shown only as far as its
annotated part (archive.normalize.ANNOTATED_CHARS), and it never holds up the rest: the
index reads a bounded start of each body, batches are bounded by characters, and a
server restarted with it still queued listens at once and indexes it in the background.

Bodies are a few hundred thousand to a few million characters of hand-written sentences;
the bounds are read from the modules, not written here.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from archive.config import Settings
from archive.normalize import ANNOTATED_CHARS, annotated_end, annotated_part
from archive.store import ANNOTATED_PREFIX_CHARS, Store, content_hash
from helpers import PROJECT, make_article, quote_in
from index.documents import article_document
from index.feeder import BATCH_CHARS, IndexFeeder, next_batch
from index.rebuild import recover
from index.search import SearchRequest, SearchService
from index.writer import FORMAT_FILE, INDEX_FORMAT, IndexWriter, index_format

PARAGRAPH = ("The harbour board met on Tuesday to discuss the new ferry timetable. "
             "“We will publish it before the summer,” said Ann Lee, the board's chair. "
             "Residents of the old town asked for an earlier boat on Sundays.")
EARLY = "The lighthouse keeper, Tom Okafor, opened the meeting with a kestrel story."
LATE = "At the very end the clerk read a note about the osprey nest on the pier."


def long_body(chars: int) -> str:
    """Paragraphs of hand-written sentences, `chars` long or a little more; EARLY opens it,
    LATE closes it."""
    count = chars // (len(PARAGRAPH) + 2) + 1
    return "\n\n".join([EARLY, *[PARAGRAPH] * count, LATE])


def found(store: Store, index_dir: Path, q: str, kind: str = "articles") -> int:
    return SearchService(index_dir, store).search(SearchRequest(q=q, kind=kind)).total


def put(store: Store, article, identity: str) -> int:
    with store.transaction() as db:
        return store.put(db, article, identity=identity, original_name=f"{identity}.txt").article_id


# ----------------------------------------------------------------- the annotated part

def test_the_annotated_part_ends_at_a_paragraph_break_within_the_bound():
    body = long_body(ANNOTATED_CHARS * 2)
    end = annotated_end(body)
    assert end <= ANNOTATED_CHARS
    assert body[end:end + 2] == "\n\n"
    assert annotated_part(body) == body[:end]
    # What the store hands out of a long body is enough to find the same end.
    assert annotated_end(body[:ANNOTATED_PREFIX_CHARS]) == end


def test_a_short_body_is_all_annotated():
    body = long_body(5_000)
    assert annotated_end(body) == len(body) and annotated_part(body) == body


def test_a_body_with_no_paragraph_break_is_cut_at_a_space():
    body = " ".join(["ferry"] * (ANNOTATED_CHARS // 3))
    end = annotated_end(body)
    assert end <= ANNOTATED_CHARS and body[end] == " "


def test_quotes_past_the_annotated_part_of_a_long_body_are_not_looked_for():
    from archive.nlp import annotate

    late_quote = "The pier will reopen in May,"
    body = long_body(ANNOTATED_CHARS + 20_000) + f"\n\n“{late_quote}” said the harbour master."
    article = make_article("Harbour board", body)
    annotate([article])
    end = annotated_end(body)
    assert article.quotes and all(quote.end <= end for quote in article.quotes)
    assert "We will publish it before the summer" in article.quotes[0].text
    assert article.quotes[0].speaker == "Ann Lee"
    assert not any(late_quote in quote.text for quote in article.quotes)


def test_a_page_with_millions_of_characters_is_read_by_its_paragraphs_alone():
    import lxml.html

    from archive.readers.html import HUGE_PAGE_CHARS, _is_huge, read_html

    count = HUGE_PAGE_CHARS // len(PARAGRAPH) + 10
    page = ("<html><head><title>Harbour board</title>"
            "<meta property='article:published_time' content='2024-03-01T09:00:00+00:00'></head>"
            "<body><article><h1>Harbour board</h1>"
            + "".join(f"<p>Item {n}. {PARAGRAPH}</p>" for n in range(count)) + "</article></body></html>")
    assert _is_huge(lxml.html.document_fromstring(page))
    draft = read_html(page.encode("utf-8"))
    assert len(draft.paragraphs) == count and draft.paragraphs[-1].startswith(f"Item {count - 1}. ")
    assert [c.raw for c in draft.date_candidates] == ["2024-03-01T09:00:00+00:00"]
    # Megabytes of JSON in a script are no text: such a page is read as any other.
    state = "<script>window.state = {" + '"a": 1, ' * (HUGE_PAGE_CHARS // 8) + "};</script>"
    assert not _is_huge(lxml.html.document_fromstring(f"<html><body>{state}<p>{PARAGRAPH}</p></body></html>"))


# ----------------------------------------------------------------- the store

def test_the_store_keeps_the_whole_body_and_records_how_much_was_annotated(data_dir):
    store = Store(data_dir)
    body = long_body(ANNOTATED_CHARS * 3)
    article_id = put(store, make_article("Harbour board", body), "long")
    assert store.get(article_id).body == body
    extent = store.body_extent(article_id)
    assert (extent.body_chars, extent.annotated_chars) == (len(body), annotated_end(body))
    start = store.get(article_id, body_chars=ANNOTATED_PREFIX_CHARS)
    assert start.body == body[:ANNOTATED_PREFIX_CHARS]
    size, chunks = store.body_utf8(article_id, chunk_bytes=65_536)
    whole = b"".join(chunks)
    assert size == len(whole) and whole.decode("utf-8") == body
    assert store.body_utf8(article_id + 1) is None
    store.close()


def test_the_content_hash_of_a_huge_body_is_the_sha256_of_its_fields_joined():
    article = make_article("Harbour board", long_body(3_000_000), source="Harbour Gazette",
                           published="2022-01-16T09:30:00+01:00")
    article.authors = ["Ann Lee", "Tom Okafor"]
    joined = "\x1e".join([article.title, article.body, "", "Harbour Gazette", "2022-01-16T09:30:00+01:00", "",
                          "", "Ann Lee\x1fTom Okafor"])
    assert content_hash(article) == hashlib.sha256(joined.encode("utf-8")).hexdigest()


def test_an_older_archive_learns_the_length_of_its_bodies(data_dir):
    store = Store(data_dir)
    body = long_body(ANNOTATED_CHARS + 5_000)
    article_id = put(store, make_article("Harbour board", body), "long")
    store.close()
    import sqlite3
    with sqlite3.connect(store.path) as db:
        db.execute("ALTER TABLE articles DROP COLUMN body_chars")
        db.execute("ALTER TABLE articles DROP COLUMN annotated_chars")
    reopened = Store(data_dir)
    extent = reopened.body_extent(article_id)
    # Annotated before bodies were bounded: the whole body was.
    assert (extent.body_chars, extent.annotated_chars) == (len(body), len(body))
    reopened.close()


# ----------------------------------------------------------------- the index

def test_a_long_article_is_searchable_by_its_first_part_only(data_dir):
    store = Store(data_dir)
    body = long_body(ANNOTATED_CHARS * 3)
    late_quote = "The osprey nest stays where it is,"
    body += f"\n\n“{late_quote}” said Ann Lee."
    quotes = [quote_in(body, "We will publish it before the summer,", "Ann Lee"),
              quote_in(body, late_quote, "Ann Lee")]  # as an article annotated before the bound
    put(store, make_article("Harbour board", body, quotes=quotes), "long")
    put(store, make_article("Pier repairs", "The osprey nest on the pier was moved."), "short")
    writer = recover(store, data_dir / "index")
    assert found(store, data_dir / "index", "kestrel") == 1
    assert found(store, data_dir / "index", "osprey") == 1  # only the short article
    assert found(store, data_dir / "index", "summer", kind="quotes") == 1
    assert found(store, data_dir / "index", "nest", kind="quotes") == 0
    assert writer.doc_count() == 2
    store.close()


def test_search_hits_on_a_long_article_carry_a_snippet_from_its_first_part(data_dir):
    store = Store(data_dir)
    body = long_body(ANNOTATED_CHARS * 3)
    put(store, make_article("Harbour board", body), "long")
    recover(store, data_dir / "index")
    summary, = store.article_summaries([1])
    assert summary["body"] == annotated_part(body)
    hit, = SearchService(data_dir / "index", store).search(SearchRequest(q="kestrel")).hits
    assert "kestrel" in hit["snippet"] and len(hit["snippet"]) < 1_000
    store.close()


def test_the_index_batches_are_bounded_by_characters(data_dir):
    store = Store(data_dir)
    long_ids = [put(store, make_article(f"Board {n}", long_body(ANNOTATED_CHARS + 1_000)), f"long{n}")
                for n in range(BATCH_CHARS // ANNOTATED_CHARS + 2)]
    small_ids = [put(store, make_article(f"Ferry {n}", "The ferry ran late."), f"small{n}") for n in range(3)]
    first = next_batch(store)
    assert list(first) == long_ids[:BATCH_CHARS // ANNOTATED_CHARS]
    writer = IndexWriter(data_dir / "index")
    assert IndexFeeder(store, writer).index_queued() == len(long_ids) + len(small_ids)
    assert store.queued() == {}
    store.close()


def test_a_huge_article_queued_first_is_indexed_with_the_small_ones_after_it(data_dir):
    store = Store(data_dir)
    big = put(store, make_article("Harbour board", long_body(3_000_000)), "big")
    small = [put(store, make_article(f"Ferry {n}", f"The ferry ran late, trip {n}."), f"small{n}")
             for n in range(5)]
    assert list(next_batch(store)) == [big, *small]
    store.close()


# ----------------------------------------------------------------- an older index

def test_an_index_holding_whole_bodies_is_brought_up_to_date_without_a_rebuild(data_dir):
    store = Store(data_dir)
    body = long_body(ANNOTATED_CHARS * 2)
    long_id = put(store, make_article("Harbour board", body), "long")
    put(store, make_article("Pier repairs", "The pier reopened on Monday."), "short")
    recover(store, data_dir / "index")
    # As an earlier version left it: the whole body indexed, and no format recorded.
    article = store.get(long_id)
    ix = whoosh_index.open_dir(str(data_dir / "index"), indexname="articles")
    with ix.writer() as raw:
        raw.update_document(**dict(article_document(article), body=article.body))
    (data_dir / "index" / FORMAT_FILE).unlink()
    assert index_format(data_dir / "index") == 1
    assert found(store, data_dir / "index", "osprey") == 1
    recover(store, data_dir / "index")
    assert index_format(data_dir / "index") == INDEX_FORMAT
    assert found(store, data_dir / "index", "osprey") == 0
    assert found(store, data_dir / "index", "kestrel") == 1
    assert found(store, data_dir / "index", "pier") == 1
    store.close()


def test_a_new_index_records_its_format(data_dir):
    IndexWriter(data_dir / "index")
    assert index_format(data_dir / "index") == INDEX_FORMAT


# ----------------------------------------------------------------- restarts

def test_a_restarted_runtime_serves_before_its_queue_is_indexed(data_dir):
    from web import create_app
    from web.runtime import Runtime

    store = Store(data_dir)
    put(store, make_article("Pier repairs", "The pier reopened on Monday."), "indexed")
    recover(store, data_dir / "index")
    queued = [put(store, make_article("Harbour board", long_body(1_000_000)), "big"),
              put(store, make_article("Trams", "The tram ran late on Monday."), "small")]
    store.close()
    runtime = Runtime(Settings(data_dir=data_dir), start_threads=False)
    try:
        assert sorted(runtime.store.queued()) == queued  # left to the index thread
        client = create_app({"TESTING": True, "SECRET_KEY": "test"}, runtime=runtime).test_client()
        answer = client.get("/api/search?q=pier")
        assert answer.status_code == 200 and answer.get_json()["total"] == 1
        assert client.get("/api/search?q=tram").get_json()["total"] == 0
        runtime.start()
        assert runtime.indexer.wait_until_indexed(queued, timeout=120)
        assert client.get("/api/search?q=tram").get_json()["total"] == 1
        assert client.get("/api/search?q=kestrel").get_json()["total"] == 1
    finally:
        runtime.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def search_total(base: str, q: str) -> int:
    status, body, _ = fetch(f"{base}/api/search?q={q}")
    return json.loads(body)["total"] if status == 200 else -1


@pytest.fixture
def server_after_a_kill(data_dir):
    """A server started on an archive left as `kill -9` leaves it while a huge article waited
    to be indexed (stored, queued, not in the index); yields the base URL, the article's id,
    its body and the server process."""
    store = Store(data_dir)
    put(store, make_article("Pier repairs", "The pier reopened on Monday."), "indexed")
    recover(store, data_dir / "index")
    body = long_body(2_000_000)
    article_id = put(store, make_article("Harbour board", body), "big")
    store.close()
    base = f"http://127.0.0.1:{free_port()}"
    env = dict(os.environ, PYTHONPATH=str(PROJECT), ARCHIVE_SEEDS=str(data_dir / "no-seeds"))
    env.pop("ARCHIVE_UPLOAD_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--port", base.rsplit(":", 1)[1],
                                "--data", str(data_dir)], cwd=PROJECT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield base, article_id, body, process
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def wait_for(condition, process, what: str, attempts: int = 600):
    for _ in range(attempts):
        if process.poll() is not None:
            raise AssertionError(f"the server ended while waiting for {what}")
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_server_restarted_with_a_huge_article_queued_serves_it_cut_and_whole(server_after_a_kill):
    base, article_id, body, process = server_after_a_kill
    wait_for(lambda: search_total(base, "pier") == 1, process, "the server to answer")
    wait_for(lambda: search_total(base, "kestrel") == 1, process, "the article to be indexed")
    assert search_total(base, "osprey") == 0  # only past the annotated part
    status, page, _ = fetch(f"{base}/articles/{article_id}")
    page = page.decode("utf-8")
    assert status == 200 and len(page) < 3 * ANNOTATED_CHARS
    assert f"This article is {len(body):,} characters long" in page
    assert f'href="/articles/{article_id}/text"' in page
    status, text, headers = fetch(f"{base}/articles/{article_id}/text")
    assert status == 200 and text.decode("utf-8") == body
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "sandbox" in headers["Content-Security-Policy"]
