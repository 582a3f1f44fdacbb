"""Search over an index that grows by commits, as the server's index worker writes it:
new segments, replaced and deleted articles, merges. Every answer is checked against
what Whoosh itself says about the same index."""
from __future__ import annotations

import pytest

from archive.model import Entity
from index import postings
from archive.pipeline import Ingester, Prepared
from archive.store import Store, sha256_of
from helpers import make_article, quote_in
from index.search import SearchRequest, SearchService
from index.writer import IndexWriter

TOPICS = [
    ("Budget vote", "The finance minister defended the budget. “Taxes will not rise,” said Ann Lee.",
     "Ann Lee", "Wire", "2021-03-02T10:00:00+00:00", "London"),
    ("Budget talks", "Talks on the budget went on late. “We need more time,” said Bob Stone.",
     "Bob Stone", "Agency", "2021-04-11T09:30:00+00:00", "Paris"),
    ("Cup final", "The club won the cup final. “A great night for the club,” said Ann Lee.",
     "Ann Lee", "Sports Desk", "2022-05-20T20:00:00+00:00", "London"),
    ("Rail strike", "Rail workers walked out over pay. “Pay must rise,” said Cy Park.",
     "Cy Park", "Wire", "2022-06-01T07:00:00+00:00", "Leeds"),
    ("Budget passes", "The budget passed after a long night. “Taxes will rise after all,” said Bob Stone.",
     "Bob Stone", "Agency", None, "Paris"),
    ("Night trains", "Night trains return to the rail network. “The rail is back,” said Cy Park.",
     "Cy Park", "Sports Desk", "2020-01-15T12:00:00+00:00", "Leeds"),
]


def article(i: int, source: str | None = None):
    title, body, speaker, default_source, published, place = TOPICS[i]
    text = body[body.index("“") + 1:body.index("”")]
    return make_article(title, body, published=published, source=source or default_source,
                        quotes=[quote_in(body, text, speaker)],
                        entities=[Entity(speaker, "person"), Entity(place, "place")])


class Archive:
    """A store and its index, written batch by batch with one commit each (new segments)."""

    def __init__(self, data_dir):
        self.store = Store(data_dir)
        self.writer = IndexWriter(data_dir / "index")
        self.service = SearchService(data_dir / "index", self.store)
        self.ids: list[int] = []

    def add(self, *numbers: int) -> None:
        prepared = []
        for i in numbers:
            item = article(i)
            data = f"{i}:{item.body}".encode()
            item.original_sha256 = sha256_of(data)
            prepared.append(Prepared(f"a{i}.txt", data, "#0", item))
        result = Ingester(self.store).store_batch(prepared)
        new_ids = [r.article_id for r in result.reports]
        self.writer.write(self.store.get_many(new_ids), merge=False)
        self.ids += new_ids

    def segments(self, kind: str = "articles") -> int:
        return len(self.service.searcher(kind).reader().leaf_readers())


@pytest.fixture(params=["decoded per search", "every term kept decoded"])
def archive(request, data_dir, monkeypatch):
    if request.param == "every term kept decoded":
        # Every term counts as frequent: searches read the shared decoded postings.
        monkeypatch.setattr(postings, "FREQUENT_MIN_DOCS", 0)
        monkeypatch.setattr(postings, "FREQUENT_SHARE", 0.0)
    archive = Archive(data_dir)
    yield archive
    archive.store.close()


REQUESTS = [
    SearchRequest(q="budget"),
    SearchRequest(q="budget", sort="newest"),
    SearchRequest(q="rail OR taxes"),
    SearchRequest(q="(budget AND night) OR club"),
    SearchRequest(q='"taxes will"'),
    SearchRequest(q='"the budget"'),
    SearchRequest(kind="quotes", q='"will rise after"'),
    SearchRequest(q='"budget night"~4'),
    SearchRequest(q="budgit~"),
    SearchRequest(q="bud*"),
    SearchRequest(q="budget NOT taxes"),
    SearchRequest(q="body:[bu TO bz]"),  # a range of words: Whoosh's own matcher
    SearchRequest(q="budget ANDMAYBE night"),
    SearchRequest(q="speaker:lee"),
    SearchRequest(q="", sort="oldest"),
    SearchRequest(filters={"speaker": ["Ann Lee", "Cy Park"]}),
    SearchRequest(q="the", filters={"place": ["London"]}, excludes={"source": ["Sports Desk"]}),
    SearchRequest(q="the", date_from="2021", date_to="2022-05"),
    SearchRequest(kind="quotes", q="rise"),
    SearchRequest(kind="quotes", filters={"speaker": ["Bob Stone"]}, sort="newest"),
]


def whoosh_answer(service: SearchService, request: SearchRequest) -> tuple[int, list[str]]:
    """Total and the first page's ids by Whoosh's own search over every match. Ties (equal
    scores, equal dates) go by identity, the article id (a quote's article id, then seq), as
    in the search: Whoosh breaks them by document number, which a replaced article changes."""
    kind = "quotes" if request.kind == "quotes" else "articles"
    searcher = service.searcher(kind)
    parts, _, _ = service.parse(request, kind, searcher)
    results = searcher.search(parts.combined(), limit=None)
    column = {"newest": "date_newest", "oldest": "date_oldest"}.get(request.sort)

    def order(hit):
        identity = [int(part) for part in searcher.stored_fields(hit.docnum)["id"].split(":")]
        if column is None:
            return -hit.score, identity
        date = searcher.reader().column_reader(column)[hit.docnum]
        return (-date if request.sort == "newest" else date), identity

    ids = [searcher.stored_fields(hit.docnum)["id"] for hit in sorted(results, key=order)]
    return len(ids), ids[:request.per_page]


def hit_ids(response) -> list[str]:
    return [f"{h['article_id']}:{h['seq']}" if "seq" in h else str(h["id"]) for h in response.hits]


def assert_same_as_whoosh(service: SearchService) -> None:
    for request in REQUESTS:
        response = service.search(request)
        total, ids = whoosh_answer(service, request)
        assert (response.total, hit_ids(response)) == (total, ids), request


def counts(response, facet: str) -> dict[str, int]:
    return {v.value: v.count for v in response.facets[facet]}


def test_articles_committed_later_are_found_with_their_facets(archive):
    archive.add(0, 1)
    assert counts(archive.service.search(SearchRequest(q="budget")), "speaker") == {"Ann Lee": 1, "Bob Stone": 1}
    archive.add(2, 3)
    archive.add(4, 5)
    assert archive.segments() == 3 and archive.segments("quotes") == 3
    response = archive.service.search(SearchRequest(q="budget"))
    assert response.total == 3
    assert counts(response, "speaker") == {"Ann Lee": 1, "Bob Stone": 2}
    assert counts(response, "place") == {"London": 1, "Paris": 2}
    assert_same_as_whoosh(archive.service)


def test_a_replaced_article_counts_once_with_its_new_values(archive):
    archive.add(0, 1, 2)
    archive.add(3)
    replaced = archive.store.get_many([archive.ids[0]])[0]
    replaced.source = "Evening Post"
    archive.writer.write([replaced], merge=False)
    response = archive.service.search(SearchRequest(q="budget"))
    assert response.total == 2
    assert counts(response, "source") == {"Agency": 1, "Evening Post": 1}
    quotes = archive.service.search(SearchRequest(kind="quotes", q="taxes"))
    assert quotes.total == 1 and counts(quotes, "source") == {"Evening Post": 1}
    assert_same_as_whoosh(archive.service)


def test_a_deleted_article_leaves_results_and_counts(archive):
    archive.add(0, 1)
    archive.add(2, 3)
    archive.writer.delete([archive.ids[2]])  # the cup final, in the second segment
    response = archive.service.search(SearchRequest())
    assert response.total == 3
    assert "Sports Desk" not in counts(response, "source")
    assert archive.service.search(SearchRequest(q="club")).total == 0
    assert archive.service.search(SearchRequest(kind="quotes", q="club")).total == 0
    assert_same_as_whoosh(archive.service)


def test_merged_segments_are_searched_and_their_cached_arrays_dropped(archive):
    archive.add(0, 1)
    archive.add(2, 3)
    archive.add(4, 5)
    assert_same_as_whoosh(archive.service)
    before = archive.service.caches["articles"].segment_ids()
    assert len(before) == 3
    archive.writer.optimize()
    assert archive.segments() == 1
    assert_same_as_whoosh(archive.service)
    after = archive.service.caches["articles"].segment_ids()
    assert len(after) == 1 and not after & before


def test_a_search_thread_sees_commits_made_while_it_holds_a_searcher(archive):
    archive.add(0)
    assert archive.service.search(SearchRequest(q="rail")).total == 0
    archive.add(3)
    archive.add(5)
    response = archive.service.search(SearchRequest(q="rail"))
    assert response.total == 2
    assert counts(response, "month") == {"2020-01": 1, "2022-06": 1}


def test_an_empty_index_answers_nothing(archive):
    response = archive.service.search(SearchRequest(q="budget", filters={"speaker": ["Ann Lee"]},
                                                    date_from="2021"))
    assert response.total == 0 and response.hits == []
    assert all(values == [] for values in response.facets.values())


def test_segment_sub_files_read_in_place_read_as_a_copy_would():
    import io
    import pickle

    from index.storage import MemoryReader

    data = b"head" + pickle.dumps(("block", [1, 2, 3]), 2) + b"tail"
    mapped, copied = io.BufferedReader(MemoryReader(memoryview(data))), io.BytesIO(data)
    for f in (mapped, copied):
        f.seek(4)
    assert pickle.load(mapped) == pickle.load(copied) == ("block", [1, 2, 3])
    assert mapped.tell() == copied.tell() and mapped.read() == copied.read() == b"tail"
    mapped.seek(-4, io.SEEK_END)
    assert mapped.read(2) == b"ta"


def test_kept_terms_stay_within_their_budget_and_go_with_their_segments(archive, monkeypatch):
    monkeypatch.setattr(postings, "FREQUENT_MIN_DOCS", 0)
    monkeypatch.setattr(postings, "FREQUENT_SHARE", 0.0)
    archive.add(0, 1)
    archive.add(2, 3)
    kept = archive.service.frequent_terms["articles"]
    for q in ('"the budget"', "budget", "rail", '"the club"'):
        archive.service.search(SearchRequest(q=q))
    segments = {key[0] for key in kept._entries}
    assert len(segments) == 2 and kept._bytes == sum(e.nbytes for e in kept._entries.values())
    archive.writer.optimize()
    assert_same_as_whoosh(archive.service)
    assert {key[0] for key in kept._entries}.isdisjoint(segments)
    kept.budget = max(e.nbytes for e in kept._entries.values())
    archive.service.search(SearchRequest(q='"the budget" OR "rail workers" OR club'))
    assert kept._bytes <= kept.budget or len(kept._entries) == 1
    assert_same_as_whoosh(archive.service)
