"""`python -m archive reannotate`: stored articles re-extracted from their originals with the
current extractor, in place, corrections kept; the extraction version each article records."""
from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from archive.__main__ import main
from archive.corrections import Correction, add_correction, machine_annotations
from archive.extraction_version import ARCHIVE, extraction_files, extraction_version, version_of
from archive.pipeline import IngestOptions, Ingester
from archive.reannotate import hold_lock
from archive.store import Store
from helpers import speaker_quote_hits

BUDGET = ("Mayor defends budget\n\n(Springfield) \u201cWe will not cut the library,\u201d said Mayor Ann Lopez "
          "on Tuesday. \u201cBooks matter.\u201d\n\nThe council member Tom Reyes disagreed. "
          "\u201cThis budget is a fantasy,\u201d he said.\n")
PORT = [{"title": "Port reopens", "published": "2024-02-01T10:00:00+01:00",
         "text": "\u201cThe port is open again,\u201d said harbour master Jan Smit in Rotterdam."},
        {"title": "Rain in Lyon",
         "text": "\u201cIt has not stopped for a week,\u201d said Marie Dubois, a baker in Lyon."}]


def archive_of(data: Path, options: IngestOptions | None = None) -> Store:
    files = [("budget.txt", BUDGET.encode()),
             ("port.jsonl", "".join(json.dumps(item) + "\n" for item in PORT).encode())]
    store = Store(data)
    Ingester(store).ingest(files, options)
    return store


def mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip() or 'mount failed'})")


def sql(data: Path, statement: str, *params) -> list[tuple]:
    connection = sqlite3.connect(data / "archive.sqlite3")
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def reannotate(data: Path, capsys, *options: str) -> str:
    assert main(["reannotate", "--data", str(data), "--jobs", "1", *options]) == 0
    return capsys.readouterr().out


def stats(data: Path, capsys) -> dict:
    assert main(["stats", "--data", str(data)]) == 0
    return json.loads(capsys.readouterr().out)



# The version ------------------------------------------------------------------------------

def test_the_version_covers_the_extraction_code_and_the_model_but_not_the_store_or_the_cli():
    names = {path.relative_to(ARCHIVE).as_posix() for path in extraction_files()}
    assert {"nlp.py", "quotes.py", "people.py", "lexicon/cues.py", "readers/html.py"} <= names
    assert not names & {"store.py", "__main__.py", "reannotate.py", "pipeline.py"}
    assert not any(name.startswith(("collect/", "corrections/")) for name in names)


def test_the_version_changes_when_a_lexicon_or_the_model_changes(tmp_path):
    root = tmp_path / "archive"
    (root / "lexicon").mkdir(parents=True)
    (root / "lexicon" / "cues.py").write_text("CUES = ['said']\n")
    (root / "store.py").write_text("# the store\n")
    first = version_of(root, "model 1.0")
    assert version_of(root, "model 1.0") == first
    (root / "store.py").write_text("# the store, changed\n")
    assert version_of(root, "model 1.0") == first
    assert version_of(root, "model 1.1") != first
    (root / "lexicon" / "cues.py").write_text("CUES = ['said', 'warned']\n")
    assert version_of(root, "model 1.0") != first


def test_stored_articles_record_the_version_and_stats_count_the_stale_ones(data_dir, capsys):
    archive_of(data_dir).close()
    assert {row[0] for row in sql(data_dir, "SELECT extraction_version FROM articles")} == {extraction_version()}
    shown = stats(data_dir, capsys)
    assert (shown["extraction_version"], shown["stale_articles"]) == (extraction_version(), 0)
    sql(data_dir, "UPDATE articles SET extraction_version = 'older' WHERE id = 1")
    sql(data_dir, "UPDATE articles SET extraction_version = NULL WHERE id = 2")  # before versions were kept
    assert stats(data_dir, capsys)["stale_articles"] == 2


# Re-extraction ------------------------------------------------------------------------------

def test_stale_articles_get_the_current_extraction_in_place_and_search_serves_it(data_dir, capsys):
    archive_of(data_dir).close()
    originals = sorted(path.name for path in (data_dir / "originals").rglob("*") if path.is_file())
    before = sql(data_dir, "SELECT id, identity, version, original_sha256, ingested_at FROM articles ORDER BY id")
    versions = sql(data_dir, "SELECT * FROM article_versions ORDER BY article_id")
    # What an older extractor made of the first article: another speaker, a place missed.
    sql(data_dir, "UPDATE quotes SET speaker = 'Old Guess' WHERE article_id = 1 AND seq = 0")
    sql(data_dir, "DELETE FROM entities WHERE article_id = 3 AND name = 'Lyon'")
    sql(data_dir, "UPDATE articles SET extraction_version = 'older' WHERE id IN (1, 3)")

    out = reannotate(data_dir, capsys)

    assert "reannotated 2 of 2 articles" in out
    assert "changed: 2 articles; 1 quotations' speakers, 0 quotations found, 0 no longer found; " \
           "1 entities added, 0 removed; 0 dates" in out
    assert "budget.txt #1: \u201cWe will not cut the library\u201d Old Guess -> Ann Lopez" in out
    assert "entities added, most often: Lyon (" in out
    assert "people across the archive: 0 articles rewritten" in out  # the archive-wide pass ran after
    assert sql(data_dir, "SELECT speaker FROM quotes WHERE article_id = 1 ORDER BY seq") == [
        ("Ann Lopez",), ("Ann Lopez",), ("Tom Reyes",)]
    assert sql(data_dir, "SELECT id, identity, version, original_sha256, ingested_at FROM articles ORDER BY id") \
        == before
    assert sql(data_dir, "SELECT * FROM article_versions ORDER BY article_id") == versions
    assert sorted(path.name for path in (data_dir / "originals").rglob("*") if path.is_file()) == originals
    assert stats(data_dir, capsys)["stale_articles"] == 0
    assert stats(data_dir, capsys)["index_queue"] == 0
    assert speaker_quote_hits(data_dir, "Ann Lopez") == 2 and speaker_quote_hits(data_dir, "Old Guess") == 0
    again = reannotate(data_dir, capsys)
    assert "reannotated 0 of 0 articles" in again and "people across" not in again  # nothing left to do


def test_an_improved_reader_applies_to_stored_articles_and_the_users_date_and_source_stay(data_dir, capsys):
    archive_of(data_dir, IngestOptions(published="2023-03-07", tz="Europe/Paris", source="Given Source")).close()
    kept = sql(data_dir, "SELECT published, published_precision, published_source, source FROM articles "
                         "ORDER BY id")
    # An older reader: a wrong title, no dateline.
    sql(data_dir, "UPDATE articles SET title = 'Mayor defends', dateline = NULL WHERE id = 1")

    out = reannotate(data_dir, capsys, "--all")

    assert "reannotated 3 of 3 articles" in out and "(3 from their originals, 0 from the stored text)" in out
    assert sql(data_dir, "SELECT title, dateline FROM articles WHERE id = 1") == [
        ("Mayor defends budget", "Springfield")]
    assert sql(data_dir, "SELECT published, published_precision, published_source, source FROM articles "
                         "ORDER BY id") == kept
    assert kept[0] == ("2023-03-07T00:00:00+01:00", "day", "upload", "Given Source")


def test_a_date_the_original_gives_again_is_read_again(data_dir, capsys):
    archive_of(data_dir).close()
    sql(data_dir, "UPDATE articles SET published = NULL, published_precision = NULL, published_source = NULL "
                  "WHERE id = 2")
    out = reannotate(data_dir, capsys, "--all")
    assert "1 dates (published or updated)" in out
    assert sql(data_dir, "SELECT published, published_source FROM articles WHERE id = 2") == [
        ("2024-02-01T10:00:00+01:00", "field")]


def test_an_article_whose_original_is_gone_is_reannotated_from_its_stored_text(data_dir, capsys):
    store = archive_of(data_dir)
    original = store.original_path(store.get(1).original_sha256)
    store.close()
    original.unlink()
    sql(data_dir, "UPDATE quotes SET speaker = NULL WHERE article_id = 1")
    out = reannotate(data_dir, capsys, "--all")
    assert "(2 from their originals, 1 from the stored text)" in out
    assert sql(data_dir, "SELECT speaker FROM quotes WHERE article_id = 1 ORDER BY seq") == [
        ("Ann Lopez",), ("Ann Lopez",), ("Tom Reyes",)]


def test_a_reviewers_speaker_stays_corrected_after_reannotate_all(data_dir, capsys):
    store = archive_of(data_dir)
    quote = store.get(1).quotes[2]
    with store.transaction() as db:
        add_correction(db, Correction(id=0, kind="speaker", reviewer="Ana", made_at="2026-12-07T19:00:00+00:00",
                                      article_id=1, seq=2, quote_text=quote.text, quote_start=quote.start,
                                      quote_end=quote.end, speaker="Tom Reyes Jr"))
    store.close()

    out = reannotate(data_dir, capsys, "--all")

    assert "0 quotations' speakers" in out  # the machine's own guess did not change
    store = Store(data_dir)
    try:
        assert [q.speaker for q in store.get(1).quotes] == ["Ann Lopez", "Ann Lopez", "Tom Reyes Jr"]
        machine_quotes, _ = machine_annotations(store.db, 1)
        assert [q.speaker for q in machine_quotes] == ["Ann Lopez", "Ann Lopez", "Tom Reyes"]
        assert store.quote_rows([(1, 2)])[0]["corrected"] is True
    finally:
        store.close()
    assert speaker_quote_hits(data_dir, "Tom Reyes Jr") == 1


def test_a_second_reannotate_on_the_same_folder_is_refused(data_dir, capsys):
    archive_of(data_dir).close()
    held = hold_lock(data_dir)
    try:
        assert main(["reannotate", "--data", str(data_dir), "--all"]) == 1
        assert "another reannotate" in capsys.readouterr().err
    finally:
        held.close()


def test_a_read_only_archive_is_refused_with_a_reason(data_dir, capsys, tmp_path):
    archive_of(data_dir).close()
    view = tmp_path / "view"
    view.mkdir()
    mount("--bind", str(data_dir), str(view))  # as root, only a read-only mount refuses writes
    try:
        mount("-o", "remount,bind,ro", str(view))
        assert main(["reannotate", "--data", str(view)]) == 1
        assert "read-only" in capsys.readouterr().err
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True)


def test_a_reextraction_never_overwrites_a_newer_version_nor_takes_another_articles_content(data_dir):
    store = archive_of(data_dir)
    try:
        first, second = store.get(1), store.get(2)
        hashes = store.content_hashes([1, 2])
        with store.transaction() as db:
            newer = store.put_reextracted(db, 1, first, replacing="the hash before an upload replaced it")
            twin = store.put_reextracted(db, 1, second, replacing=hashes[1])
        assert "new version" in newer and "article #2" in twin
        assert store.get(1).title == "Mayor defends budget" and store.content_hashes([1]) == {1: hashes[1]}
    finally:
        store.close()


def test_reannotate_all_right_after_an_ingest_changes_nothing_where_the_order_of_names_matters(data_dir, capsys):
    """'Blair' joins 'Tony Blair' only while he is the one Blair known: --all remakes the
    people registry article by article, as the ingest made it, rather than starting from
    the whole archive's (where 'Blair' could also be Cherie Blair)."""
    texts = ["\u201cWe will win,\u201d said Blair in London.",
             "\u201cThe economy is strong,\u201d said Tony Blair on Monday.",
             "\u201cI am proud of the team,\u201d said Cherie Blair at the event."]
    store = Store(data_dir)
    Ingester(store).ingest([(f"{n}.txt", f"Story {n}\n\n{text}\n".encode()) for n, text in enumerate(texts)])
    store.close()
    before = sql(data_dir, "SELECT article_id, speaker FROM quotes ORDER BY article_id")
    assert before == [(1, "Tony Blair"), (2, "Tony Blair"), (3, "Cherie Blair")]
    out = reannotate(data_dir, capsys, "--all")
    assert "changed: 0 articles" in out
    assert sql(data_dir, "SELECT article_id, speaker FROM quotes ORDER BY article_id") == before


def test_a_publication_taken_from_a_feeds_only_revision_keeps_its_caveat_when_read_again(tmp_path):
    from datetime import datetime, timezone

    from archive.dates.arbitration import ONLY_REVISION_REASON
    from archive.model import Article, Timestamp
    from archive.reannotate import Target, reread

    page = tmp_path / "original.html"
    page.write_text("<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1><p>"
                    + "The council met for three hours to discuss the budget and the new bridge. " * 4
                    + "</p></article></body></html>", encoding="utf-8")
    revision = Timestamp(datetime(2024, 3, 2, 9, 0, tzinfo=timezone.utc), "minute", "feed", "2024-03-02T09:00:00Z")
    stored = Article(title="Bridge vote", body="", file="https://gazette.example/a",
                     published=Timestamp(**{**revision.__dict__, "reason": ONLY_REVISION_REASON}), updated=revision)
    article, why = reread(Target(stored, str(page), "hash"))
    assert why is None
    assert article.published.iso() == "2024-03-02T09:00:00+00:00" and article.published.source == "feed"
    assert article.published.reason == ONLY_REVISION_REASON  # not made a plain publication date
    assert article.updated.iso() == "2024-03-02T09:00:00+00:00"
