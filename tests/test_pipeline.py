"""The ingest pipeline end to end: real files, the real NLP model, a real store and index."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.pipeline import IngestOptions, Ingester
from archive.store import Store
from helpers import PROJECT, SEED
from index.feeder import IndexFeeder
from index.rebuild import recover
from index.search import SearchRequest, SearchService


def run_cli(*args, cwd=PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def story(url: str, text: str, title: str = "Council vote") -> tuple[str, bytes]:
    return f"{title}.json", json.dumps({"title": title, "text": text, "url": url,
                                        "published": "2022-03-01T09:30:00+01:00", "source": "Gazette"}).encode()


@pytest.fixture
def archive(data_dir):
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    yield store, Ingester(store, IndexFeeder(store, writer)), SearchService(data_dir / "index", store)
    store.close()


def test_added_then_duplicate_then_updated(archive):
    store, ingester, search = archive
    first = ingester.ingest([story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")])
    assert [(r.status, r.searchable) for r in first] == [("added", True)]
    again = ingester.ingest([story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")])
    assert [(r.status, r.article_id, r.quotes) for r in again] == [("duplicate", first[0].article_id, 1)]
    changed = ingester.ingest([story("https://gazette.example/vote", "“We lost,” said Mayor Ann Lee.")])
    assert [(r.status, r.article_id) for r in changed] == [("updated", first[0].article_id)]
    assert store.count() == 1
    assert [v["version"] for v in store.versions(first[0].article_id)] == [1, 2]
    assert search.search(SearchRequest(q="lost")).total == 1
    assert search.search(SearchRequest(q="won")).total == 0
    quotes = search.search(SearchRequest(kind="quotes", q="lost"))
    assert [h["speaker"] for h in quotes.hits] == ["Ann Lee"]


def test_originals_are_kept_byte_for_byte(archive):
    store, ingester, _ = archive
    data = SEED.read_bytes()
    [report] = ingester.ingest([("seed.txt", data)])
    article = store.get(report.article_id)
    assert store.original_path(article.original_sha256).read_bytes() == data


def test_a_bad_file_fails_alone(archive):
    store, ingester, _ = archive
    reports = ingester.ingest([("empty.txt", b""), ("seed.txt", SEED.read_bytes()), ("bin.dat", bytes(300))])
    assert sorted((r.file, r.status) for r in reports) == [("bin.dat", "failed"), ("empty.txt", "failed"),
                                                           ("seed.txt", "added")]
    assert store.count() == 1


def test_user_date_and_source_win(archive):
    store, ingester, _ = archive
    [report] = ingester.ingest([("seed.txt", SEED.read_bytes())],
                               IngestOptions(published="2022-01-16", tz="Europe/Paris", source="AFP"))
    article = store.get(report.article_id)
    assert article.source == "AFP"
    assert article.published.source == "upload"
    assert article.published.iso().startswith("2022-01-16")


def test_a_lost_index_is_rebuilt_and_a_queue_caught_up(data_dir):
    store = Store(data_dir)
    Ingester(store).ingest([("seed.txt", SEED.read_bytes())])  # stored, not indexed
    assert len(store.queued_ids()) == 1
    recover(store, data_dir / "index")
    assert store.queued_ids() == []
    assert SearchService(data_dir / "index", store).search(SearchRequest(q="NATO")).total == 1
    shutil.rmtree(data_dir / "index")
    (data_dir / "index").mkdir()
    (data_dir / "index" / "_articles_1.toc").write_bytes(b"garbage")
    recover(store, data_dir / "index")
    assert SearchService(data_dir / "index", store).search(SearchRequest(q="NATO")).total == 1
    store.close()


def test_cli_extract_prints_one_line_per_jsonl_line_in_order(tmp_path):
    lines = [json.dumps({"title": "One", "text": "First story.", "published": "2021-05-01"}),
             "not json",
             json.dumps({"title": "Three", "text": "Third story."})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines))
    result = run_cli("extract", str(path))
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("title") for o in out] == ["One", None, "Three"]
    assert "error" in out[1]
    assert out[0]["published"] == "2021-05-01T00:00:00+00:00" and out[0]["published_precision"] == "day"
    assert out[2]["published"] is None and out[2]["published_reason"]
    for key in ("file", "published_utc", "published_source", "dateline", "source", "url", "authors",
                "language", "body", "quotes", "entities"):
        assert key in out[0]


def test_cli_extract_seed_contract():
    result = run_cli("extract", str(SEED), "--source", "AFP")
    [article] = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["published"] is None
    assert article["published_precision"] == "time" and article["published_raw"] == "Posted at 11:02"
    assert article["dateline"] == "Washington" and article["source"] == "AFP"
    assert len(article["quotes"]) == 13
    assert {"text", "speaker", "speaker_mention", "cue", "confidence"} <= set(article["quotes"][0])


def test_cli_ingest_reindex_stats(tmp_path):
    data = tmp_path / "data"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run_cli("ingest", "--data", str(data), str(SEED), str(bad))
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout and "empty file" in result.stdout
    assert run_cli("ingest", "--data", str(data), str(bad)).returncode != 0
    assert "reindexed 1 articles" in run_cli("reindex", "--data", str(data)).stdout
    stats = json.loads(run_cli("stats", "--data", str(data)).stdout)
    assert stats["articles"] == 1 and stats["quotes"] == 13 and stats["index_queue"] == 0


# ---------------------------------------------------------------- bulk ingest: one index load

def index_total(data_dir, q: str = "", kind: str = "articles", **filters) -> int:
    store = Store(data_dir)
    try:
        return SearchService(data_dir / "index", store).search(SearchRequest(q=q, kind=kind, filters=filters)).total
    finally:
        store.close()


def test_a_bulk_ingest_in_two_worker_processes_stores_and_indexes_everything_as_one_segment(data_dir):
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    files = [story(f"https://gazette.example/{n}", f"“Item {n} is funded,” said Mayor Ann Lee. Heron{n} nests.",
                   title=f"Vote {n}") for n in range(12)]
    feeder = IndexFeeder(store, writer, bulk=True)
    reports = Ingester(store, feeder).ingest(files, n_process=2, batch_size=4)
    feeder.finish()
    assert [r.status for r in reports] == ["added"] * 12 and all(r.searchable for r in reports)
    assert store.stats()["index_queue"] == 0
    assert writer.segment_counts() == {"articles": 1, "quotes": 1}
    store.close()
    assert index_total(data_dir) == 12
    assert index_total(data_dir, "heron7") == 1
    assert index_total(data_dir, kind="quotes", q="funded") == 12


def test_a_bulk_load_longer_than_the_workers_queue_commits_when_every_file_is_handed_out(data_dir):
    """The articles stored by then are committed while the workers annotate the last ones, which
    go into a second load with the articles renamed so far (their speaker's name made fuller)."""
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    files = [story(f"https://gazette.example/{n}", f"The harbour opened. Heron{n} nests.", title=f"Harbour {n}")
             for n in range(12)]
    files[0] = story("https://gazette.example/0", "“No comment,” Peskov said on Monday.", title="Kremlin zero")
    files[2] = story("https://gazette.example/2", "“It would be madness,” said Dmitry Peskov.", title="Kremlin two")
    files[9] = story("https://gazette.example/9", "“Never,” Lavrov said.", title="Kremlin nine")
    files[11] = story("https://gazette.example/11", "“We will see,” said Sergei Lavrov.", title="Kremlin eleven")
    feeder = IndexFeeder(store, writer, bulk=True)
    reports = Ingester(store, feeder).ingest(files, n_process=2, batch_size=1)
    feeder.finish()
    assert [r.status for r in reports] == ["added"] * 12
    assert store.stats()["index_queue"] == 0
    assert writer.segment_counts()["articles"] == 3  # the two loads, the article renamed in the last one
    store.close()
    assert index_total(data_dir) == 12 and index_total(data_dir, "heron5") == 1
    assert index_total(data_dir, kind="quotes", speaker=["Dmitry Peskov"]) == 2
    assert index_total(data_dir, kind="quotes", speaker=["Sergei Lavrov"]) == 2
    assert index_total(data_dir, kind="quotes", speaker=["Peskov"]) == 0


def test_a_bulk_ingest_indexes_the_last_version_of_an_article_updated_on_the_way(data_dir):
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    url = "https://gazette.example/vote"
    files = [story(url, "“We won,” said Mayor Ann Lee."), story(url, "“We lost,” said Mayor Ann Lee."),
             story("https://gazette.example/other", "The harbour opened."),
             story(url, "“We drew,” said Mayor Ann Lee.")]
    feeder = IndexFeeder(store, writer, bulk=True)
    reports = Ingester(store, feeder).ingest(files, n_process=1, batch_size=2)
    feeder.finish()
    assert [r.status for r in reports] == ["added", "updated", "added", "updated"]
    assert store.stats()["index_queue"] == 0
    store.close()
    assert index_total(data_dir) == 2
    assert index_total(data_dir, "drew") == 1 and index_total(data_dir, "won") == index_total(data_dir, "lost") == 0
    assert index_total(data_dir, kind="quotes") == 1


def test_a_speaker_renamed_by_a_later_article_of_the_same_load_is_indexed_with_the_fuller_name(data_dir):
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    files = [story("https://gazette.example/1", "“No comment,” Peskov said on Monday.", title="Kremlin one"),
             story("https://gazette.example/2", "“It would be madness,” said Dmitry Peskov, the Kremlin spokesman.",
                   title="Kremlin two")]
    feeder = IndexFeeder(store, writer, bulk=True)
    Ingester(store, feeder).ingest(files, n_process=1)
    feeder.finish()
    stored = {q.speaker for a in store.get_many(store.all_ids()) for q in a.quotes}
    assert stored == {"Dmitry Peskov"}
    assert store.stats()["index_queue"] == 0
    store.close()
    assert index_total(data_dir, kind="quotes", speaker=["Dmitry Peskov"]) == 2
    assert index_total(data_dir, speaker=["Dmitry Peskov"]) == 2
    assert index_total(data_dir, speaker=["Peskov"]) == 0


def test_optimize_leaves_a_single_segment_as_it_is_and_merges_several(data_dir):
    store = Store(data_dir)
    writer = recover(store, data_dir / "index")
    Ingester(store, IndexFeeder(store, writer)).ingest([story("https://gazette.example/1", "The harbour opened.")])
    files_before = sorted(p.name for p in (data_dir / "index").iterdir())
    writer.optimize()
    assert sorted(p.name for p in (data_dir / "index").iterdir()) == files_before
    Ingester(store, IndexFeeder(store, writer)).ingest([story("https://gazette.example/2", "The bridge closed.",
                                                               title="Bridge")])
    assert writer.segment_counts()["articles"] == 2
    writer.optimize()
    assert writer.segment_counts()["articles"] == 1
    store.close()
    assert index_total(data_dir, "bridge") == 1 and index_total(data_dir) == 2


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes in /proc")
def test_the_workers_of_a_killed_bulk_ingest_end_with_it_and_the_next_run_stores_everything(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(300):
        (folder / f"story{n:04d}.json").write_text(json.dumps({
            "title": f"Harbour report kestrel{n:04d}", "published": "2022-01-05T09:30:00+01:00",
            "text": f"The council met on Monday about item {n}. “We will fund item {n},” said Mayor Ann Lee."}))
    data = tmp_path / "data"
    ingest = subprocess.Popen([sys.executable, "-m", "archive", "ingest", str(folder), "--data", str(data),
                               "--jobs", "2"], cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    while ingest.poll() is None and len(workers) < 2:
        workers = children_of(ingest.pid)
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    assert len(workers) == 2
    waited = 0
    while any(map(running, workers)) and waited < 600:  # each worker notices within a second
        time.sleep(0.1)
        waited += 1
    assert not any(map(running, workers))
    result = run_cli("ingest", str(folder), "--data", str(data), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    stats = json.loads(run_cli("stats", "--data", str(data)).stdout)
    assert stats["articles"] == 300 and stats["index_queue"] == 0
    assert index_total(data) == 300 and index_total(data, "kestrel0123") == 1


def test_a_file_repeated_byte_for_byte_in_another_worker_batch_is_a_duplicate_not_annotated_again(data_dir):
    store = Store(data_dir)
    original = story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")
    others = [story(f"https://gazette.example/{n}", f"“Item {n},” said Clerk Bo Ray.", f"Item {n}") for n in range(5)]
    files = [original, *others, ("copy of vote.json", original[1])]
    reports = Ingester(store).ingest(files, n_process=2, batch_size=2)
    assert [r.status for r in reports] == ["added"] * 6 + ["duplicate"]
    assert reports[-1].article_id == reports[0].article_id and reports[-1].file == "copy of vote.json"
    assert reports[-1].quotes == reports[0].quotes == 1  # the quotations of the article it repeats
    assert store.count() == 6
    store.close()


def test_a_repeated_file_is_read_but_left_unannotated_until_its_twin_is_found(data_dir):
    from archive.pipeline import prepare_chunk

    store = Store(data_dir)
    first = story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")
    chunk = [first, ("again.json", first[1])]
    prepared = prepare_chunk(chunk, IngestOptions(), None, str(store.path), frozenset({1}))
    assert [p.same_as_earlier for p in prepared] == [False, True]
    assert [q.speaker for q in prepared[0].article.quotes] == ["Ann Lee"]
    assert prepared[1].article.quotes == [] and prepared[1].article.title == "Council vote"
    store.close()


def test_a_repeat_whose_twin_is_not_stored_is_annotated_and_stored_itself(data_dir):
    from archive.pipeline import prepare_chunk

    store = Store(data_dir)
    first = story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")
    # The twin was handed to another batch, which failed before it was stored.
    [alone] = prepare_chunk([first], IngestOptions(), None, str(store.path), frozenset({0}))
    [report] = Ingester(store).store_batch([alone]).reports
    assert report.status == "added"
    assert [q.speaker for q in store.get(report.article_id).quotes] == ["Ann Lee"]
    store.close()


def test_the_same_article_twice_in_one_batch_is_annotated_once_and_stored_once(data_dir):
    store = Store(data_dir)
    text = "“We won,” said Mayor Ann Lee."
    reports = Ingester(store).ingest([story("https://gazette.example/vote", text),
                                      ("vote again.json", story("https://gazette.example/vote", text)[1] + b"\n")])
    assert [r.status for r in reports] == ["added", "duplicate"]
    assert reports[1].article_id == reports[0].article_id
    store.close()


def test_byte_copies_are_found_across_the_batches_of_one_ingest():
    from archive.pipeline import _ByteCopies

    copies = _ByteCopies()
    assert copies.of([("a", b"one"), ("b", b"two"), ("c", b"one")]) == {2}
    assert copies.of([("d", b"two"), ("e", b"three")]) == {0}
    assert _ByteCopies().of([("d", b"two")]) == set()  # each ingest starts afresh


def test_an_article_repeated_within_a_batch_is_marked_and_only_the_first_is_annotated(data_dir):
    from archive.pipeline import annotate_prepared, mark_duplicates, prepare_file

    store = Store(data_dir)
    name, data = story("https://gazette.example/vote", "“We won,” said Mayor Ann Lee.")
    prepared = prepare_file(name, data, IngestOptions()) + prepare_file("again.json", data + b" ", IngestOptions())
    mark_duplicates(prepared, store.path)
    annotate_prepared(prepared)
    assert [p.same_as_earlier for p in prepared] == [False, True]
    assert [len(p.article.quotes) for p in prepared] == [1, 0]
    store.close()
