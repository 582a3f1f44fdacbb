"""What corrections cost, on a synthetic archive made with the real Store and index
(hand-made articles, no language model): a third of the articles credit a plain "Blair",
the rest name other people (a "Tony Blair" and a "Cherie Blair" first keep the people
registry from folding "Blair" into either on its own).

Measured:
- a merge of "Blair" into "Tony Blair": the one transaction that records it and rewrites
  every article concerned (and queues them), then the index writer's rounds that make
  search have them (Runtime's index thread, run on this thread);
- its undo, the same two ways;
- one speaker correction of one quotation, and its indexing;
- what the corrections add to storing new articles: Store.put of the same articles into an
  archive without corrections and into one with 20 active merges and retypes.

    .venv/bin/python -m bench.corrections [--articles 5000]

Results: bench/out/corrections-latest.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.config import Settings  # noqa: E402
from archive.corrections import Correction, add_correction, undo_correction  # noqa: E402
from archive.model import Article, Entity, Quote, Timestamp  # noqa: E402
from bench.locations import OUT, ensure_dirs  # noqa: E402
from bench.machine import machine  # noqa: E402
from web.runtime import Runtime  # noqa: E402

PEOPLE = ["Gordon Brown", "Cherie Blair", "John Prescott", "Michael Howard", "Charles Kennedy"]


def synthetic_article(number: int) -> Article:
    # The first two make the registry know two Blairs, so a plain "Blair" stays as it is.
    speaker = {0: "Tony Blair", 1: "Cherie Blair"}.get(number) or \
        ("Blair" if number % 3 == 0 else PEOPLE[number % len(PEOPLE)])
    body = (f"Report {number} from the council. “We will look at item {number} again,” {speaker} said. "
            f"Officials in Leeds agreed. “The budget for {number} holds,” said Gordon Brown.")
    quotes = []
    for text, who in ((f"We will look at item {number} again,", speaker), (f"The budget for {number} holds,",
                                                                             "Gordon Brown")):
        start = body.index(text)
        quotes.append(Quote(text, start, start + len(text), speaker=who, speaker_mention=who, cue="said",
                            confidence=0.9))
    people = {speaker, "Gordon Brown"}
    return Article(title=f"Council report {number}", body=body, quotes=quotes,
                   entities=[*(Entity(p, "person", 1) for p in sorted(people)), Entity("Leeds", "place", 1)],
                   published=Timestamp(value=datetime(2005, 1 + number % 12, 1 + number % 28, tzinfo=timezone.utc),
                                       precision="day", source="field"),
                   ingested_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def store_all(runtime: Runtime, articles: list[Article], batch: int = 500) -> float:
    """Store.put every article, a transaction a batch; the seconds it took."""
    store = runtime.store
    started = time.perf_counter()
    for first in range(0, len(articles), batch):
        with store.transaction() as db:
            for number, item in enumerate(articles[first:first + batch], first):
                store.put(db, item, f"bench-{number}", "bench.txt")
    return time.perf_counter() - started


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def correct(runtime: Runtime, **fields) -> tuple[float, float, int, int]:
    """(seconds to record and rewrite, seconds to index, articles rewritten, correction id)."""
    def make():
        with runtime.store.transaction() as db:
            return add_correction(db, Correction(id=0, reviewer="bench", made_at=datetime.now(timezone.utc)
                                                 .isoformat(), **fields))
    seconds, (made, rewritten) = timed(make)
    indexing, _ = timed(runtime.indexer.index_queued)
    return seconds, indexing, len(rewritten), made.id


def undo(runtime: Runtime, correction_id: int) -> tuple[float, float, int]:
    def make():
        with runtime.store.transaction() as db:
            return undo_correction(db, correction_id, "bench")
    seconds, (_, rewritten) = timed(make)
    indexing, _ = timed(runtime.indexer.index_queued)
    return seconds, indexing, len(rewritten)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    ensure_dirs()
    results: dict = {"machine": machine(), "articles": args.articles}
    with tempfile.TemporaryDirectory() as folder:
        runtime = Runtime(Settings(data_dir=Path(folder) / "data"), start_threads=False)
        try:
            results["store_seconds"] = round(store_all(runtime, [synthetic_article(n) for n in range(args.articles)]),
                                             3)
            results["index_seconds"] = round(timed(runtime.indexer.index_queued)[0], 3)
            seconds, indexing, count, merge_id = correct(runtime, kind="merge", name="Tony Blair", names=["Blair"])
            results["merge"] = {"articles_rewritten": count, "record_and_rewrite_seconds": round(seconds, 3),
                                "index_seconds": round(indexing, 3)}
            seconds, indexing, count = undo(runtime, merge_id)
            results["merge_undo"] = {"articles_rewritten": count, "record_and_rewrite_seconds": round(seconds, 3),
                                     "index_seconds": round(indexing, 3)}
            quote = runtime.store.get(1).quotes[0]
            seconds, indexing, count, _ = correct(runtime, kind="speaker", article_id=1, seq=0, quote_text=quote.text,
                                                  quote_start=quote.start, quote_end=quote.end, speaker="Someone Else")
            results["speaker"] = {"articles_rewritten": count, "record_and_rewrite_seconds": round(seconds, 4),
                                  "index_seconds": round(indexing, 4)}
            for number in range(10):
                correct(runtime, kind="merge", name=f"Person {number}", names=[PEOPLE[number % len(PEOPLE)]])
                correct(runtime, kind="retype", name="Leeds", from_type="place" if number % 2 == 0 else "org",
                        to_type="org" if number % 2 == 0 else "place")
        finally:
            runtime.close()
    results["put_seconds_per_1000"] = put_cost()
    print(json.dumps(results, indent=2))
    (OUT / "corrections-latest.json").write_text(json.dumps(results, indent=2) + "\n")


def put_cost(count: int = 2000) -> dict:
    """Seconds to Store.put `count` new articles (per 1,000), without and with 20 active corrections."""
    costs = {}
    for label, corrections in (("no corrections", 0), ("20 active corrections", 10)):
        with tempfile.TemporaryDirectory() as folder:
            runtime = Runtime(Settings(data_dir=Path(folder) / "data"), start_threads=False)
            try:
                with runtime.store.transaction() as db:
                    for number in range(corrections):
                        add_correction(db, Correction(id=0, kind="merge", reviewer="bench", made_at="",
                                                      name=f"Person {number}", names=[f"Other {number}"]))
                        add_correction(db, Correction(id=0, kind="retype", reviewer="bench", made_at="",
                                                      name=f"Place {number}", from_type="place", to_type="org"))
                seconds = store_all(runtime, [synthetic_article(n) for n in range(count)])
            finally:
                runtime.close()
        costs[label] = round(seconds * 1000 / count, 3)
    return costs


if __name__ == "__main__":
    main()
