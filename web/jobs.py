"""Background upload jobs: a large upload is spooled to disk, acknowledged at once,
and ingested by one thread while the user watches a status page.

The thread works on up to `ACTIVE_JOBS` jobs in turn, one small unit of each (a few
articles: see web.running_job), so a small job is not stuck behind a 5,000-entry ZIP;
before each unit it waits for its turn at the model (web.extraction), where uploads
answered in the request come first. Each unit's articles and its reports are stored in
one transaction, with the job's new position.

Jobs and their per-file reports live in the archive's SQLite file, so a job interrupted
by a restart resumes where it stopped; one found running at start was interrupted, and
after `MAX_INTERRUPTIONS` it is failed rather than tried again (a file that kills the
server must not do so at every start). A job that fails says why, and its spooled files
are removed at once; at start, so are those of every job that is not waiting to run.
"""
from __future__ import annotations

import errno
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from archive.pipeline import FileReport, IngestOptions, Ingester, annotate_prepared, mark_duplicates
from web.running_job import RunningJob
from web.spool import Spool

log = logging.getLogger(__name__)

JOBS_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,           -- queued, running, done, failed
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    options TEXT NOT NULL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS job_reports (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    seq INTEGER NOT NULL,
    report TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);
"""
# Added since the first jobs table (archives made before get them at start).
JOB_COLUMNS = {
    "interruptions": "INTEGER NOT NULL DEFAULT 0",  # times the server stopped while it ran
    "file_items_done": "INTEGER NOT NULL DEFAULT 0",  # articles of file `done` already recorded
    "unpacked_bytes": "INTEGER NOT NULL DEFAULT 0",  # what its ZIPs had unpacked when that file began
    "unpacked_entries": "INTEGER NOT NULL DEFAULT 0",
    "current_file": "TEXT",
    "entries_done": "INTEGER",  # ZIP entries of the current file read so far
    "entries_total": "INTEGER",  # ZIP entries of the current file (nested ZIPs counted once opened)
}
ACTIVE_JOBS = 4
MAX_INTERRUPTIONS = 2
STOPPED_TWICE = "the server stopped twice while this job ran; it was not tried again"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class JobRunner(threading.Thread):
    def __init__(self, runtime):
        super().__init__(name="upload-jobs", daemon=True)
        self.runtime = runtime
        self.store = runtime.store
        self.spool = Spool(Path(runtime.settings.data_dir) / "spool")
        self._wake = threading.Event()
        self._stopping = threading.Event()
        if not self.store.read_only:
            self.store.db.executescript(JOBS_SCHEMA)
            self._add_missing_columns()
            self._recover()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def submit(self, files: Iterable[tuple[str, bytes | BinaryIO]], options: IngestOptions) -> str:
        """Spool the files (synced to disk) and queue a job; returns its id."""
        job_id = uuid.uuid4().hex[:16]
        total = self.spool.write(job_id, files)
        with self.store.transaction() as db:
            db.execute("INSERT INTO jobs (id, created_at, status, total, options) VALUES (?, ?, 'queued', ?, ?)",
                       (job_id, _now(), total, json.dumps(options.__dict__)))
        self._wake.set()
        return job_id

    def status(self, job_id: str) -> dict | None:
        if self.store.read_only:
            return None  # a read-only archive runs no jobs (and may have no jobs table)
        row = self.store.db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        reports = [json.loads(r["report"]) for r in self.store.db.execute(
            "SELECT report FROM job_reports WHERE job_id = ? ORDER BY seq", (job_id,))]
        job = dict(row)
        job["options"] = json.loads(job["options"])
        job["reports"] = reports
        counts: dict[str, int] = {}
        for report in reports:
            counts[report["status"]] = counts.get(report["status"], 0) + 1
        job["counts"] = counts
        return job

    # The thread --------------------------------------------------------------

    def run(self) -> None:
        active: dict[str, RunningJob] = {}
        try:
            while not self._stopping.is_set():
                try:
                    self._take_on(active)
                except Exception:  # the store is busy or failing: the jobs wait, the thread goes on
                    log.exception("could not look for upload jobs to start")
                    self._stopping.wait(5)
                if not active:
                    self._wake.wait(5)
                    self._wake.clear()
                    continue
                for job in list(active.values()):
                    if self._stopping.is_set():
                        break
                    if not self._work_on(job):
                        del active[job.id]
        finally:
            # A clean stop is no interruption: these jobs wait for the next start.
            for job in active.values():
                job.close()
                with self.store.transaction() as db:
                    db.execute("UPDATE jobs SET status = 'queued' WHERE id = ? AND status = 'running'", (job.id,))

    def _take_on(self, active: dict[str, RunningJob]) -> None:
        """Start on the oldest waiting jobs, up to ACTIVE_JOBS at a time."""
        if len(active) >= ACTIVE_JOBS:
            return
        rows = self.store.db.execute(
            "SELECT jobs.*, (SELECT count(*) FROM job_reports WHERE job_id = jobs.id) AS reports FROM jobs "
            "WHERE status = 'queued' ORDER BY created_at LIMIT ?", (ACTIVE_JOBS - len(active),)).fetchall()
        for row in rows:
            try:
                job = RunningJob(dict(row), self.spool, self.runtime.settings.limits)
            except (OSError, ValueError) as exc:
                log.error("upload job %s cannot start: %s", row["id"], exc)
                self._fail(row["id"], "its files are missing from the spool folder")
                continue
            with self.store.transaction() as db:
                db.execute("UPDATE jobs SET status = 'running' WHERE id = ?", (job.id,))
            active[job.id] = job

    def _work_on(self, job: RunningJob) -> bool:
        """One unit of a job; False once the job is finished or failed."""
        try:
            unit = job.next_unit()  # reading and normalizing need no turn at the model
            if unit:
                mark_duplicates(unit, self.store.path)
                with self.runtime.turns.job_unit():
                    annotate_prepared(unit)
                result = Ingester(self.store, self.runtime.indexer).store_batch(
                    unit, also=lambda db, reports: self._record(db, job, reports))
                job.reports_recorded += len(result.reports)
            if not job.finished:
                return True
            job.close()
            with self.store.transaction() as db:
                db.execute("UPDATE jobs SET status = 'done', finished_at = ?, done = ?, current_file = NULL, "
                           "entries_done = NULL, entries_total = NULL WHERE id = ?", (_now(), job.files_done, job.id))
            self.spool.remove(job.id)
        except Exception as exc:
            log.exception("upload job %s failed", job.id)
            job.close()
            try:
                self._fail(job.id, _reason(exc))
            except Exception:  # the store cannot be written: the next start finds it interrupted
                log.exception("could not record that upload job %s failed", job.id)
        return False

    def _record(self, db: sqlite3.Connection, job: RunningJob, reports: list[FileReport]) -> None:
        """In the transaction that stores the unit: its reports and the job's new position."""
        for seq, report in enumerate(reports, start=job.reports_recorded):
            db.execute("INSERT INTO job_reports (job_id, seq, report) VALUES (?, ?, ?)",
                       (job.id, seq, json.dumps(report.to_dict(), ensure_ascii=False)))
        progress = job.progress()
        assignments = ", ".join(f"{column} = ?" for column in progress)
        db.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", [*progress.values(), job.id])

    def _fail(self, job_id: str, reason: str) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
                       (reason, _now(), job_id))
        self.spool.remove(job_id)

    # Start-up ----------------------------------------------------------------

    def _add_missing_columns(self) -> None:
        have = {row[1] for row in self.store.db.execute("PRAGMA table_info(jobs)")}
        for column, definition in JOB_COLUMNS.items():
            if column not in have:
                self.store.db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {definition}")

    def _recover(self) -> None:
        """Jobs found running were interrupted: they wait to run again, unless that has
        happened MAX_INTERRUPTIONS times. Spooled files of jobs that will not run go."""
        with self.store.transaction() as db:
            db.execute("UPDATE jobs SET status = 'queued', interruptions = interruptions + 1 "
                       "WHERE status = 'running'")
            given_up = [row[0] for row in db.execute(
                "SELECT id FROM jobs WHERE status = 'queued' AND interruptions >= ?", (MAX_INTERRUPTIONS,))]
            db.executemany("UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
                           [(STOPPED_TWICE, _now(), job_id) for job_id in given_up])
            waiting = {row[0] for row in db.execute("SELECT id FROM jobs WHERE status = 'queued'")}
        for job_id in given_up:
            log.error("upload job %s: %s", job_id, STOPPED_TWICE)
        removed = self.spool.remove_all_but(waiting)
        if removed:
            log.info("removed the spooled files of %d finished, failed or unrecorded upload jobs", len(removed))


def _reason(error: Exception) -> str:
    """Why a job stopped, for its status page."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the archive's disk is full; nothing more of this job was added"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return "the archive's data folder is read-only; nothing more of this job was added"
    return f"it stopped on an unexpected error ({type(error).__name__}: {error}); nothing more of it was added"
