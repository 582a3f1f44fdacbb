"""Property tests: on any input, the readers, the timestamp parser, the quote
extractor and the query parser answer; no exception escapes (QueryError aside,
which is the query parser's answer to the user).
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from archive.entities import find_people
from archive.attribution import attribute
from archive.dates.arbitration import ONLY_REVISION_REASON
from archive.model import DateCandidate, Draft
from archive.nlp import load_model
from archive.normalize import normalize
from archive.quote_spans import find_quote_spans
from archive.quotes import extract_quotes
from archive.readers import Limits, read_file
from archive.store import Store
from archive.timestamps import parse_timestamp, resolve_published, resolve_updated
from helpers import make_article, quote_in
from index.schema import article_schema, quote_schema
from index.search import QueryError, SearchRequest, SearchService, parse_query
from index.writer import IndexWriter

# ARCHIVE_PROPERTY_EXAMPLES=2000 (and a random seed) for a longer hunt than CI's.
EXAMPLES = int(os.environ.get("ARCHIVE_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
SMALL_LIMITS = Limits(max_file_bytes=200_000, max_zip_entries=50, max_zip_total_bytes=400_000)
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

# ----------------------------------------------------------------- strategies

QUOTE_MARKS = "“”\"＂„‟«»‘’'‚‛‹›「」『』"
text_with_quotes = st.lists(st.one_of(
    st.sampled_from(QUOTE_MARKS), st.sampled_from([" ", " ", "\n", "\n\n", ".", ",", ";", ":", "!", "?", "—", "("]),
    st.sampled_from(["said", "he", "she", "told", "Ann", "Lee", "Putin", "Peskov", "the", "mayor", "’s",
                     "according to", "Mayor Ann Lee", "his spokesman"]),
    st.characters(blacklist_categories=("Cs",))), max_size=150).map("".join)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "text", "body", "published", "date", "source", "url", "authors",
                         "author", "language", "dateline", "articles", "name", "x"]) | st.text(max_size=8),
        children, max_size=6),
    max_leaves=25)

date_words = st.sampled_from([
    "2022-01-16", "2022-01-16T11:02:00+01:00", "9999-12-31", "0000-00-00", "32/13/2022", "16.01.2022",
    "Jan. 5, 2022", "5 January 2022", "Posted at 11:02", "11:02 a.m. ET", "Mon, 17 Jan 2022 09:30:00 +0000",
    "1642330920", "noon", "midnight", "GMT+1", "UTC-05:00", "EST", "CEST", "p.m.", "16 janvier 2022",
    "Updated", "-", "T", "Z", "+14:00", "-23:59", "9999", "1800", "1799", "yesterday", " ", ":", "/"])
date_like = st.lists(date_words | st.text(alphabet="0123456789:-/.+ TZapmAPM", max_size=12),
                     max_size=5).map(" ".join)


def mangled(data: bytes, edits) -> bytes:
    """`data` with a few bytes replaced, deleted or inserted at the positions drawn."""
    buffer = bytearray(data)
    for kind, position, byte in edits:
        if not buffer:
            break
        i = position % len(buffer)
        if kind == 0:
            buffer[i] = byte
        elif kind == 1:
            del buffer[i]
        else:
            buffer.insert(i, byte)
    return bytes(buffer)


byte_edits = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), max_size=6)


def html_page(title: str, paragraphs: list[str], extra: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title>{extra}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8", "replace")


html_extras = st.sampled_from([
    "", '<meta property="article:published_time" content="2022-01-16T11:02:00Z">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "9999-12-31T23:59-05:00"}</script>',
    '<script type="application/ld+json">[[[[{"@graph": [{"@type": "Article"}]}]]]]</script>',
    '<meta charset="utf-16">', "<time datetime='32/13/2022'>", "<!--", "<![CDATA[", "<svg onload=x>"])


def feed(title: str, content: str, date: str) -> bytes:
    from xml.sax.saxutils import escape
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item>'
            f"<title>{escape(title)}</title><pubDate>{escape(date)}</pubDate>"
            f"<description>{escape(content)}</description></item></channel></rss>").encode("utf-8", "replace")


def zipped(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name or "unnamed", data)
    return buffer.getvalue()


def answered(items) -> None:
    """Every item is an article or a failure with a reason, never both, never neither."""
    assert items
    for item in items:
        assert (item.draft is None) != (item.error is None)
        assert item.error is None or item.error.strip()


# ----------------------------------------------------------------- readers

@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.xml", "a.zip", "a"]))
def test_any_bytes_give_articles_or_reasons(data, name):
    answered(read_file(name, data, SMALL_LIMITS))


@SETTINGS
@given(json_values, byte_edits, st.booleans())
def test_mangled_json_and_json_lines_give_articles_or_reasons(value, edits, as_lines):
    if as_lines:
        items = value if isinstance(value, list) else [value]
        data = "\n".join(json.dumps(v) for v in items).encode()
        name = "a.jsonl"
    else:
        data, name = json.dumps(value).encode(), "a.json"
    answered(read_file(name, mangled(data, edits), SMALL_LIMITS))


@SETTINGS
@given(st.text(max_size=60), st.lists(st.text(max_size=200), max_size=4), html_extras, byte_edits)
def test_mangled_html_gives_an_article_or_a_reason(title, paragraphs, extra, edits):
    answered(read_file("a.html", mangled(html_page(title, paragraphs, extra), edits), SMALL_LIMITS))


@SETTINGS
@given(st.text(max_size=60), st.text(max_size=300), date_like, byte_edits)
def test_mangled_feeds_give_articles_or_reasons(title, content, date, edits):
    answered(read_file("a.xml", mangled(feed(title, content, date), edits), SMALL_LIMITS))


@SETTINGS
@given(st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=300)), max_size=4), byte_edits)
def test_mangled_zips_give_articles_or_reasons(entries, edits):
    answered(read_file("a.zip", mangled(zipped(entries), edits), SMALL_LIMITS))


@SETTINGS
@given(st.text(max_size=100), st.lists(st.text(max_size=300), max_size=4), st.text(max_size=30),
       st.text(max_size=30), st.lists(st.text(max_size=30), max_size=3))
def test_normalize_cleans_any_draft(title, paragraphs, url, language, authors):
    draft = Draft(title=title, paragraphs=paragraphs, url=url, language=language, authors=authors)
    article = normalize(draft, now=NOW)
    (article.title + article.body + (article.url or "")).encode("utf-8")  # storable and indexable


# ----------------------------------------------------------------- timestamps

@SETTINGS
@given(st.text(max_size=80) | date_like, st.sampled_from([None, "Europe/Paris", "+05:30", "-12:00", "UTC"]))
@example("9999-12-31T23:59:59-05:00", None)
def test_parse_timestamp_answers_any_text(text, tz):
    stamp = parse_timestamp(text, "field", tz=tz, now=NOW)
    assert stamp is None or stamp.value is not None or stamp.precision == "time"


@SETTINGS
@given(st.lists(st.tuples(st.text(max_size=40) | date_like,
                          st.sampled_from(["field", "json-ld", "meta", "time", "url", "text", "feed"]),
                          st.sampled_from(["published", "modified"])), max_size=5))
@example([("9999-12-31T23:59:59-05:00", "field", "published")])
def test_resolving_any_candidates_gives_a_timestamp_or_a_reason(candidates):
    found = [DateCandidate(raw, source, kind) for raw, source, kind in candidates]
    published = resolve_published(found, now=NOW)
    # A date comes with a reason only when taken with a caveat (the file's only revision).
    caveat = published.value is not None and published.reason == ONLY_REVISION_REASON
    assert (published.value is None) == bool(published.reason) or published.precision == "time" or caveat
    if caveat:
        assert any(kind == "modified" for _, _, kind in candidates)
    resolve_updated(found, now=NOW)


# ----------------------------------------------------------------- quotes

@pytest.fixture(scope="module")
def nlp():
    return load_model()


@SETTINGS
@given(text_with_quotes)
def test_quote_spans_lie_inside_the_text_in_order_and_never_overlap(text):
    spans = find_quote_spans(text)
    end = 0
    for span in spans:
        assert end <= span.start <= span.text_start <= span.text_end <= span.end <= len(text)
        if not span.terminated and span.paragraphs == 1:
            assert "\n" not in text[span.start:span.end]  # an open quote stops at its paragraph
        end = span.end


@SETTINGS
@given(text_with_quotes)
def test_extracted_quotes_point_at_their_text_in_the_body(nlp, text):
    body = normalize(Draft(paragraphs=text.split("\n\n")), now=NOW).body
    for quote in extract_quotes(body, nlp(body)):
        assert body[quote.start:quote.end] == quote.text
        assert 0 <= quote.confidence <= 1


@SETTINGS
@given(text_with_quotes)
def test_attribution_itself_answers_any_text(nlp, text):
    """extract_quotes() hides attribution errors (quotes then lose their speakers); this calls it directly."""
    body = normalize(Draft(paragraphs=text.split("\n\n")), now=NOW).body
    doc = nlp(body)
    spans = find_quote_spans(body)
    assert len(attribute(doc, spans, find_people(doc))) == len(spans)


# ----------------------------------------------------------------- queries

query_text = st.text(max_size=120) | st.lists(st.sampled_from([
    "AND", "OR", "NOT", "(", ")", '"', "*", "?", "~", "^2", "[", "]", "{", "}", "TO", ":", "speaker:", "date:",
    "published:", "person:", "title:", "2022", "20220116", "[2022 TO]", "yesterday", "-", "+", "\\", "'",
    "bridge", "mayor", "é", "日本", "ab*", "*c", "a?b", "lee~2", "' '"]), max_size=12).map(" ".join)


@SETTINGS
@given(query_text, st.sampled_from(["articles", "quotes"]))
def test_parse_query_answers_any_text_or_says_why_not(text, kind):
    schema = quote_schema() if kind == "quotes" else article_schema()
    try:
        query, message, searched = parse_query(text, kind, schema)
    except QueryError as exc:
        assert str(exc)
    else:
        assert query is not None


@pytest.fixture(scope="module")
def search_service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    store = Store(folder)
    body = "“We are on time,” said Mayor Ann Lee."
    article = make_article("Harbour bridge", body, published="2022-01-16T11:02:00+01:00", source="Gazette",
                           quotes=[quote_in(body, "We are on time", "Ann Lee")])
    article.id = 1
    IndexWriter(folder / "index").write([article])
    yield SearchService(folder / "index", store)
    store.close()


@SETTINGS
@given(query_text, st.sampled_from(["articles", "quotes"]), st.sampled_from([None, "2022", "2022-13", "x", "0"]),
       st.sampled_from(["relevance", "newest", "oldest", "sideways"]), st.integers(-5, 10**6))
def test_search_answers_any_query_or_says_why_not(search_service, text, kind, date_from, sort, page):
    request = SearchRequest(q=text, kind=kind, date_from=date_from, sort=sort, page=page)
    try:
        response = search_service.search(request)
    except QueryError as exc:
        assert str(exc)
    else:
        assert response.total >= 0


def test_a_search_on_an_empty_archive_does_not_break_later_searches(tmp_path):
    store = Store(tmp_path)
    writer = IndexWriter(tmp_path / "index")
    search = SearchService(tmp_path / "index", store)
    assert search.search(SearchRequest(q="")).total == 0
    article = make_article("Harbour bridge", "The bridge opens.", published="2022-01-16T11:02:00+01:00")
    article.id = 1
    writer.write([article])
    assert search.search(SearchRequest(q="")).total == 1


def test_re_indexing_an_article_does_not_count_it_twice(tmp_path):
    store = Store(tmp_path)
    writer = IndexWriter(tmp_path / "index")
    search = SearchService(tmp_path / "index", store)
    articles = []
    for n in (1, 2, 3):
        article = make_article(f"Harbour bridge {n}", "The bridge opens.", published="2022-01-16T11:02:00+01:00")
        article.id = n
        articles.append(article)
    writer.write(articles)
    assert search.search(SearchRequest(q="")).total == 3  # a server has searched before the update
    writer.write(articles[:1], merge=False)  # an update, or a speaker renamed: the same article again
    writer.write(articles[:1], merge=False)
    assert search.search(SearchRequest(q="")).total == 3
    assert search.search(SearchRequest(q="bridge")).total == 3
