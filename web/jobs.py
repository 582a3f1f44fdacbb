"""Background upload jobs: a large batch is spooled to disk, acknowledged at once,
and ingested by one thread while the user watches a status page.

Jobs and their per-file reports live in the archive's SQLite file, so a job
interrupted by a restart resumes where it stopped.
"""
from __future__ import annotations

import json
import os
import logging
import shutil
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path

from archive.pipeline import IngestOptions, Ingester

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
FILES_PER_STEP = 16


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class JobRunner(threading.Thread):
    def __init__(self, runtime):
        super().__init__(name="upload-jobs", daemon=True)
        self.runtime = runtime
        self.store = runtime.store
        self.spool = Path(runtime.settings.data_dir) / "spool"
        if not self.store.read_only:
            self.store.db.executescript(JOBS_SCHEMA)
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def submit(self, files: list[tuple[str, bytes]], options: IngestOptions) -> str:
        """Spool the files (synced to disk) and queue a job; returns its id."""
        job_id = uuid.uuid4().hex[:16]
        folder = self.spool / job_id
        folder.mkdir(parents=True)
        names = []
        for seq, (name, data) in enumerate(files):
            path = folder / f"{seq:06d}"
            with open(path, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            names.append(name)
        (folder / "names.json").write_text(json.dumps(names), encoding="utf-8")
        with self.store.transaction() as db:
            db.execute("INSERT INTO jobs (id, created_at, status, total, options) VALUES (?, ?, 'queued', ?, ?)",
                       (job_id, _now(), len(files), json.dumps(options.__dict__)))
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

    def run(self) -> None:
        while not self._stopping.is_set():
            job = self.store.db.execute(
                "SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT 1").fetchone()
            if job is None:
                self._wake.wait(5)
                self._wake.clear()
                continue
            try:
                self._run_job(dict(job))
            except Exception as exc:
                log.exception("upload job %s failed", job["id"])
                with self.store.transaction() as db:
                    db.execute("UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
                               (str(exc), _now(), job["id"]))

    def _run_job(self, job: dict) -> None:
        folder = self.spool / job["id"]
        names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        options = IngestOptions(**json.loads(job["options"]))
        with self.store.transaction() as db:
            db.execute("UPDATE jobs SET status = 'running' WHERE id = ?", (job["id"],))
        done = job["done"]
        seq = self.store.db.execute("SELECT count(*) FROM job_reports WHERE job_id = ?", (job["id"],)).fetchone()[0]
        while done < len(names) and not self._stopping.is_set():
            step = range(done, min(done + FILES_PER_STEP, len(names)))
            files = [(names[i], (folder / f"{i:06d}").read_bytes()) for i in step]
            result = Ingester(self.store, writer=None).store_batch(self.runtime.prepare(files, options))
            self.runtime.indexer.notify()
            done = step.stop
            with self.store.transaction() as db:
                for report in result.reports:
                    db.execute("INSERT INTO job_reports (job_id, seq, report) VALUES (?, ?, ?)",
                               (job["id"], seq, json.dumps(report.to_dict(), ensure_ascii=False)))
                    seq += 1
                db.execute("UPDATE jobs SET done = ? WHERE id = ?", (done, job["id"]))
        if done >= len(names):
            with self.store.transaction() as db:
                db.execute("UPDATE jobs SET status = 'done', finished_at = ? WHERE id = ?", (_now(), job["id"]))
            shutil.rmtree(folder, ignore_errors=True)
