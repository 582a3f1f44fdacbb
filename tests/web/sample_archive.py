"""Hand-written articles for the web tests, and how to put them into a real archive."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from archive.model import Article, Entity, Quote, Timestamp
from archive.pipeline import Ingester, Prepared
from archive.store import sha256_of
from index.feeder import IndexFeeder
from web.runtime import Runtime

TALKS = ("Talks in Geneva ended without agreement. “We remain on divergent positions,” "
         "said Dmitry Peskov. The spokesman added that NATO must listen.")
SANCTIONS = ("Washington prepared new sanctions against Moscow. “It would be a big mistake,” "
             "Peskov warned. Officials in Brussels said the European Union agreed.")
FOOTBALL = "The football club won the cup final in extra time after a goalless draw."
HOSTILE = ("A page that tries <script>alert('body')</script> tricks. “<b>bold</b> & <i>sly</i>,” "
           "said <img src=x onerror=alert(1)>.")


def article(title: str, body: str, *, published: str | None = None, precision: str = "minute",
            source: str | None = None, quotes: list[tuple[str, str | None, str]] = (),
            entities: list[Entity] = (), url: str | None = None, date_source: str = "json-ld",
            raw: str | None = None) -> Article:
    """An Article as the pipeline makes it; quotes are (text in the body, speaker, cue)."""
    value = datetime.fromisoformat(published) if published else None
    made = []
    for text, speaker, cue in quotes:
        start = body.index(text)
        made.append(Quote(text=text, start=start, end=start + len(text), speaker=speaker,
                          speaker_mention=speaker, cue=cue, confidence=0.9 if speaker else 0.0))
    return Article(
        title=title, body=body, source=source, url=url,
        published=Timestamp(value=value, precision=precision if value else None,
                            source=date_source if value else None, raw=raw or published,
                            reason=None if value else "no publication date found"),
        quotes=made, entities=list(entities), format="text",
        ingested_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def peskov() -> Entity:
    return Entity("Dmitry Peskov", "person", 1, aliases=["Peskov", "Dmitri Peskov"])


def sample_articles() -> list[Article]:
    return [
        article("Geneva talks end", TALKS, published="2022-01-16T11:02:00+01:00", source="Agency",
                quotes=[("We remain on divergent positions,", "Dmitry Peskov", "said")],
                entities=[peskov(), Entity("NATO", "org"), Entity("Geneva", "place")],
                url="https://example.org/geneva"),
        article("Sanctions threat", SANCTIONS, published="2022-02-03T09:00:00-05:00", source="Wire",
                quotes=[("It would be a big mistake,", "Dmitry Peskov", "warned")],
                entities=[peskov(), Entity("Moscow", "place"), Entity("Washington", "place"),
                          Entity("European Union", "org")]),
        article("Cup final", FOOTBALL, source="Sports Desk"),
        article("<script>alert('title')</script> & more", HOSTILE, published="2022-03-01", precision="day",
                source="<i>Evil</i> Source",
                quotes=[("<b>bold</b> & <i>sly</i>,", "<img src=x onerror=alert(1)>", "said")],
                entities=[Entity("<img src=x onerror=alert(1)>", "person")], url="javascript:alert(1)"),
    ]


def store_articles(runtime: Runtime, articles: list[Article]) -> list[int]:
    """Store and index hand-written articles with the runtime's own writer."""
    prepared = []
    for position, item in enumerate(articles):
        data = f"{item.title}\n\n{item.body}".encode("utf-8")
        item.original_sha256 = sha256_of(data)
        item.file = f"hand/{position:03d}.txt"
        prepared.append(Prepared(item.file, data, "#0", item))
    result = Ingester(runtime.store, IndexFeeder(runtime.store, runtime.writer)).store_batch(prepared)
    return [report.article_id for report in result.reports]


def csrf_of(client, path: str = "/upload") -> str:
    """The CSRF token of the form on a page (the session cookie stays in the client)."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
