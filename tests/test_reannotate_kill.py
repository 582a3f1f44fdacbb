"""`python -m archive reannotate` as a real process: killed with SIGKILL half-way and run
again it finishes, losing nothing; run beside a real server, the server keeps answering and
serves the new annotations once they are committed."""
from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from archive.pipeline import Ingester
from archive.store import Store
from helpers import speaker_quote_hits
from test_crash_recovery import Run, Server, api, assert_consistent, wait_until_indexed, write_articles

PROGRESS = re.compile(r"reannotated (\d+)/(\d+) articles")


def older_archive(tmp_path: Path, count: int) -> Path:
    """`count` articles stored, then made to look like an older extractor's work: each
    quotation credited to 'Old Guess' (the extractor credits Mayor Ann Lee)."""
    folder, data = tmp_path / "in", tmp_path / "data"
    write_articles(folder, count)
    store = Store(data)
    Ingester(store).ingest([(path.name, path.read_bytes()) for path in sorted(folder.iterdir())])
    store.close()
    execute(data, "UPDATE quotes SET speaker = 'Old Guess'")
    execute(data, "UPDATE articles SET extraction_version = 'older'")
    return data


def execute(data: Path, statement: str) -> list[tuple]:
    connection = sqlite3.connect(data / "archive.sqlite3")
    try:
        with connection:
            return connection.execute(statement).fetchall()
    finally:
        connection.close()


def credited(data: Path) -> dict[int, tuple[str | None, str]]:
    """Article id -> (its extraction version, its quotation's speaker)."""
    rows = execute(data, "SELECT a.id, a.extraction_version, q.speaker FROM articles a "
                         "JOIN quotes q ON q.article_id = a.id")
    return {article_id: (version, speaker) for article_id, version, speaker in rows}



def test_reannotate_all_killed_half_way_finishes_when_run_again_and_loses_nothing(tmp_path):
    data = older_archive(tmp_path, 120)
    first = Run("reannotate", "--all", "--data", str(data), "--jobs", "1", "--batch", "2")
    while first.process.poll() is None and not any(PROGRESS.search(line) for line in first.errors):
        time.sleep(0.01)
    assert first.kill_after(0), "the run ended before it could be killed"

    assert len(assert_consistent(data)) == 120
    after_kill = credited(data)
    done = [i for i, (version, _) in after_kill.items() if version is not None]
    assert 0 < len(done) < 120
    # Each batch is one transaction: an article has the new version exactly when it has the new speaker.
    assert all((version is not None) == (speaker == "Ann Lee") for version, speaker in after_kill.values())

    second = Run("reannotate", "--all", "--data", str(data), "--jobs", "1")
    assert second.wait() == 0, second.errors
    left = 120 - len(done)
    assert any(f"reannotated {left} of {left} articles" in line for line in second.lines), second.lines
    assert any(f"changed: {left} articles; {left} quotations' speakers" in line for line in second.lines)

    assert len(assert_consistent(data)) == 120
    assert {speaker for _, speaker in credited(data).values()} == {"Ann Lee"}
    assert execute(data, "SELECT count(*) FROM articles WHERE extraction_version IS NULL") == [(0,)]
    assert execute(data, "SELECT count(*) FROM reannotate_runs") == [(0,)]  # the --all run is over
    assert execute(data, "SELECT count(*) FROM index_queue") == [(0,)]
    assert speaker_quote_hits(data, "Ann Lee") == 120 and speaker_quote_hits(data, "Old Guess") == 0


def test_a_running_server_keeps_answering_and_serves_the_new_annotations_once_committed(tmp_path):
    data = older_archive(tmp_path, 30)
    server = Server(data)
    try:
        execute(data, "INSERT OR REPLACE INTO index_queue (article_id, queued_at) "
                      "SELECT id, strftime('%Y-%m-%dT%H:%M:%f', 'now') FROM articles")
        wait_until_indexed(data)
        assert api(f"{server.base}/api/quotes?speaker={quote('Old Guess')}")[1]["total"] == 30

        run = Run("reannotate", "--data", str(data), "--jobs", "1", "--batch", "5")
        answered = 0
        while run.process.poll() is None:
            status, body = api(f"{server.base}/api/search?q=harbour")
            assert status == 200 and body["total"] == 30
            answered += 1
            time.sleep(0.2)  # well within the per-client rate
        assert run.wait() == 0, run.errors
        assert answered
        assert any("reannotated 30 of 30 articles" in line for line in run.lines), run.lines

        wait_until_indexed(data)
        assert api(f"{server.base}/api/quotes?speaker={quote('Ann Lee')}")[1]["total"] == 30
        assert api(f"{server.base}/api/quotes?speaker={quote('Old Guess')}")[1]["total"] == 0
        assert api(f"{server.base}/api/articles/1")[1]["quotes"][0]["speaker"] == "Ann Lee"
    finally:
        server.kill()
