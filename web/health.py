"""GET /healthz: whether this server can do its work, for a load balancer, a container's
HEALTHCHECK or a service manager.

200 {"status": "ok", ...} when the store answers a query and the index can be searched;
503 {"status": "failing", "problems": [...], ...} saying what is wrong otherwise. Both
carry the lengths of the index queue (stored, not yet searchable) and of the upload jobs
waiting or running. Cheap enough to call every few seconds: two counts in SQLite and the
searchers that search requests reuse. Free of the per-client rate limit (web.guards).
"""
from __future__ import annotations

import sqlite3

from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)
INDEXES = ("articles", "quotes")


@bp.get("/healthz")
def healthz():
    runtime = current_app.extensions["archive"]
    report, problems = check(runtime)
    report = {"status": "failing" if problems else "ok", **({"problems": problems} if problems else {}),
              **report}
    answer = jsonify(report)
    answer.status_code = 503 if problems else 200
    answer.headers["Cache-Control"] = "no-store"
    return answer


def check(runtime) -> tuple[dict, list[str]]:
    """(what was found, what is wrong)."""
    report: dict = {"store": "ok", "index": "ok", "read_only": runtime.store.read_only}
    problems: list[str] = []
    try:
        report["index_queue"] = index_queue_length(runtime.store)
        report["jobs_queue"] = jobs_queue_length(runtime.store)
    except (sqlite3.Error, OSError) as exc:
        report["store"] = "failing"
        problems.append(f"store: {exc}")
    try:
        report["indexed"] = {kind: runtime.search.searcher(kind).doc_count() for kind in INDEXES}
    except Exception as exc:  # whoosh's own errors have no common base; any means no search
        report["index"] = "failing"
        problems.append(f"index: {type(exc).__name__}: {exc}")
    if runtime.indexer.last_error:
        report["indexing"] = runtime.indexer.last_error  # a CLI load holding the writer, or a retry
    return report, problems


def index_queue_length(store) -> int:
    if not store.path.is_file():  # the folder was removed or unmounted under the server
        raise FileNotFoundError(f"the database {store.path.name} is gone from the data folder")
    return store.db.execute("SELECT count(*) FROM index_queue").fetchone()[0]


def jobs_queue_length(store) -> int:
    try:
        return store.db.execute("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')").fetchone()[0]
    except sqlite3.OperationalError:
        if store.read_only:  # an archive served read-only may predate upload jobs
            return 0
        raise
