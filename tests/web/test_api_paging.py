"""Walking every result of a search with `next_url`, over a real archive with more hits
than a page: each sort order, articles and quotes, complete and without repeats; the same
order as the numbered pages; cursors that stay valid while the archive grows."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from archive.config import RateLimits
from sample_archive import article, store_articles

UNLIMITED = RateLimits(requests_per_minute=0)


def bulletins(count: int, start: int = 0) -> list:
    """Articles sharing the word "bulletin", with ties everywhere an order can have them: the
    same day for many, no date for some, the same words (so the same score) for most, and two
    quotes each."""
    made = []
    for number in range(start, start + count):
        day = f"2023-0{1 + number % 3}-{1 + number % 7:02d}T08:00:00+00:00"
        extra = " storm" * (number % 4)  # four different scores for "bulletin storm"
        body = f"Weather bulletin {number}{extra}. “Rain will come,” said Ann Lee. “Then sun,” said Bob Stone."
        made.append(article(f"Bulletin {number}", body, published=None if number % 10 == 9 else day,
                            quotes=[("Rain will come,", "Ann Lee", "said"), ("Then sun,", "Bob Stone", "said")]))
    return made


def walk(client, url: str) -> list[dict]:
    """Every hit, following next_url (and checking the Link header says the same) to the end."""
    hits: list[dict] = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        data = answer.get_json()
        hits += data["hits"]
        if data["next_url"]:
            assert answer.headers["Link"] == f'<{data["next_url"]}>; rel="next"'
            assert data["next"] == parse_qs(urlsplit(data["next_url"]).query)["next"][0]
        else:
            assert "Link" not in answer.headers and data["next"] is None
        url = data["next_url"]
    return hits


def key(hit: dict) -> str:
    return str(hit["id"])


@pytest.fixture
def archive(make_client):
    return make_client(bulletins(130), rate_limits=UNLIMITED)


# Relevance with four different scores and many ties, newest, oldest, and everything by relevance
# (every score the same).
ARTICLE_WALKS = ["q=bulletin+storm", "q=bulletin&sort=newest", "sort=oldest", "sort=relevance"]
QUOTE_WALKS = ["q=rain+OR+sun", "q=rain&sort=newest", "sort=oldest", "sort=relevance"]
WALKS = ([(path, query) for path in ("/api/search", "/search.json") for query in ARTICLE_WALKS]
         + [(path, query) for path in ("/api/quotes", "/quotes.json") for query in QUOTE_WALKS])


@pytest.mark.parametrize("path,query", WALKS)
def test_next_url_walks_every_result_once_in_the_order_of_the_pages(archive, path, query):
    first = archive.get(f"{path}?{query}&per_page=9").get_json()
    walked = walk(archive, f"{path}?{query}&per_page=9")
    assert first["total"] > 9 and len(walked) == first["total"]
    assert len({key(hit) for hit in walked}) == len(walked)
    paged = [hit for page in range(1, first["pages"] + 1)
             for hit in archive.get(f"{path}?{query}&per_page=9&page={page}").get_json()["hits"]]
    assert [key(hit) for hit in walked] == [key(hit) for hit in paged]


def test_every_page_of_a_walk_says_where_it_is(archive):
    url, seen = "/api/search?q=bulletin&per_page=50", []
    while url:
        data = archive.get(url).get_json()
        seen.append((data["page"], len(data["hits"])))
        url = data["next_url"]
    assert seen == [(1, 50), (2, 50), (3, 30)]


def test_undated_articles_come_last_in_a_walk_by_date_either_way(archive):
    for sort in ("newest", "oldest"):
        dates = [hit["published"] for hit in walk(archive, f"/api/search?sort={sort}&per_page=25")]
        assert dates[-13:] == [None] * 13 and None not in dates[:-13]
        assert dates[:-13] == sorted(dates[:-13], reverse=sort == "newest")


def test_a_walk_keeps_its_filters_and_the_page_size(archive):
    walked = walk(archive, "/api/quotes?q=rain&speaker=Ann+Lee&-month=2023-02&per_page=40")
    assert len(walked) == len({key(hit) for hit in walked}) > 40
    assert {hit["speaker"] for hit in walked} == {"Ann Lee"}
    assert not any((hit["published"] or "").startswith("2023-02") for hit in walked)


def test_a_walk_goes_past_the_last_numbered_page(make_client):
    client = make_client(bulletins(12), rate_limits=UNLIMITED)
    capped = client.get("/api/search?q=bulletin&per_page=1&page=100000").get_json()
    assert capped["page"] == 500 and capped["hits"] == []  # page= stops at 500, as before
    assert len(walk(client, "/api/search?q=bulletin&per_page=1")) == 12


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_cursor_stays_valid_while_articles_are_added(make_client, sort):
    client = make_client(bulletins(40), rate_limits=UNLIMITED)
    runtime = client.application.extensions["archive"]
    first = client.get(f"/api/search?q=bulletin&sort={sort}&per_page=15").get_json()
    second = client.get(first["next_url"]).get_json()
    given = [key(hit) for hit in first["hits"] + second["hits"]]
    store_articles(runtime, bulletins(30, start=40))  # dates before, between and after those given
    rest = walk(client, second["next_url"])
    everything = walk(client, f"/api/search?q=bulletin&sort={sort}&per_page=15")
    assert len(everything) == 70
    # Nothing given twice, nothing of the 40 missed; of the new ones, those that sort after
    # where the walk had got to, exactly as a walk begun now lists them.
    assert len(set(given) | {key(hit) for hit in rest}) == len(given) + len(rest)
    after_position = [key(hit) for hit in everything][[key(hit) for hit in everything].index(given[-1]) + 1:]
    assert [key(hit) for hit in rest] == after_position
    assert {str(i) for i in range(1, 41)} <= set(given) | {key(hit) for hit in rest}


def test_a_relevance_walk_says_when_the_archive_changed_under_it(make_client):
    client = make_client(bulletins(30), rate_limits=UNLIMITED)
    first = client.get("/api/search?q=bulletin+storm&per_page=10").get_json()
    assert client.get(first["next_url"]).get_json()["message"] is None
    store_articles(client.application.extensions["archive"], bulletins(5, start=30))
    assert "changed" in client.get(first["next_url"]).get_json()["message"]


def test_a_cursor_only_continues_its_own_search(archive):
    cursor = archive.get("/api/search?q=bulletin&per_page=5").get_json()["next"]
    other = archive.get(f"/api/search?q=storm&per_page=5&next={cursor}")
    assert other.status_code == 400 and "another search" in other.get_json()["error"]
    assert archive.get(f"/api/search?q=bulletin&sort=oldest&next={cursor}").status_code == 400
    assert archive.get(f"/api/quotes?q=bulletin&next={cursor}").status_code == 400
    for broken in ("nonsense", "e30", cursor[:-3], "x" * 2000):
        answer = archive.get(f"/api/search?q=bulletin&next={broken}")
        assert answer.status_code == 400 and "cursor" in answer.get_json()["error"], broken


def test_the_html_pages_keep_their_numbered_pager(archive):
    page = archive.get("/?q=bulletin&page=2").get_data(as_text=True)
    assert "page=3" in page and "next=" not in page


def test_the_speaker_list_and_a_speakers_quotes_walk_with_next_url(make_client):
    speakers = [article(f"Report {n}", f"“Words {n},” said Person {n:03d}.",
                        quotes=[(f"Words {n},", f"Person {n:03d}", "said")]) for n in range(230)]
    client = make_client(speakers + bulletins(45), rate_limits=UNLIMITED)
    listed = walk_key(client, "/api/speakers", "speakers")
    assert len(listed) == len(set(listed)) == 232
    assert listed[:3] == ["Ann Lee", "Bob Stone", "Person 000"]  # most quoted first, then by name
    assert listed == walk_key(client, "/speakers.json", "speakers")
    quotes = walk_key(client, "/api/speakers/ann-lee", "quotes")
    assert len(quotes) == len(set(quotes)) == 45


def walk_key(client, url: str, field: str) -> list:
    items = []
    while url:
        answer = client.get(url)
        data = answer.get_json()
        items += [item.get("name") or item.get("id") for item in data[field]]
        assert (answer.headers.get("Link") is None) == (data["next_url"] is None)
        url = data["next_url"]
    return items
