"""Helpers the tests share: paths and hand-written articles (fixtures live in conftest.py)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from archive.model import Article, Entity, Quote, Timestamp

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = PROJECT / "seeds" / "000_1e0aafcb7a64bb82.txt"


def make_article(title: str, body: str, *, published: str | None = None, source: str | None = None,
                 url: str | None = None, quotes: list[Quote] | None = None,
                 entities: list[Entity] | None = None, precision: str = "minute") -> Article:
    """An Article as the pipeline would make it, for store and index tests."""
    value = datetime.fromisoformat(published) if published else None
    return Article(
        title=title, body=body, source=source, url=url,
        published=Timestamp(value=value, precision=precision if value else None,
                            source="field" if value else None, raw=published,
                            reason=None if value else "no publication date found"),
        quotes=quotes or [], entities=entities or [],
        ingested_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
    )


def quote_in(body: str, text: str, speaker: str | None, cue: str = "said") -> Quote:
    start = body.index(text)
    return Quote(text=text, start=start, end=start + len(text), speaker=speaker,
                 speaker_mention=speaker, cue=cue, confidence=0.9 if speaker else 0.0)




def speaker_quote_hits(data: Path, speaker: str) -> int:
    """How many quotations the search of the archive at `data` credits to `speaker`."""
    from archive.store import Store
    from index.search import SearchRequest, SearchService

    store = Store(data)
    try:
        return SearchService(data / "index", store).search(
            SearchRequest(kind="quotes", filters={"speaker": [speaker]})).total
    finally:
        store.close()
