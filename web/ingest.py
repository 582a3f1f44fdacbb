"""An upload request -> files and IngestOptions, checked; then stored now or as a job.

Shared by the browser's upload page and `POST /api/articles`. Small uploads are
stored in the request (durable before the response) and the response says
whether they are searchable yet; large batches and ZIPs are spooled to a
background job and the response points at its status page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.pipeline import IngestOptions
from archive.timestamps import parse_timestamp, zone_from

BACKGROUND_FILES = 20
MAX_NAME_CHARS = 255
MAX_OPTION_CHARS = 200
ZIP_MAGIC = b"PK\x03\x04"


class UploadProblem(Exception):
    """The upload cannot be taken as sent; the message is for the user."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Upload:
    files: list[tuple[str, bytes]]
    options: IngestOptions

    @property
    def has_zip(self) -> bool:
        return any(name.lower().endswith(".zip") or data[:4] == ZIP_MAGIC for name, data in self.files)

    def goes_to_background(self, choice: str | None) -> bool:
        """`choice`: "1"/"yes" always; "0"/"no" not for a few files, even a ZIP; anything
        else: many files or a ZIP. Many files always go to a job: no request hangs on them."""
        choice = (choice or "").strip().lower()
        many = len(self.files) > BACKGROUND_FILES
        if choice in ("1", "yes", "true", "on"):
            return True
        if choice in ("0", "no", "false", "off"):
            return many
        return many or self.has_zip


def read_upload(files, form, settings) -> Upload:
    """`files`: the request's FileStorage list; `form`: its fields. Raises UploadProblem."""
    chosen = [f for f in files if f is not None and (f.filename or "").strip()]
    if not chosen:
        raise UploadProblem("No files were sent. Send them as the multipart form field 'files'.")
    if len(chosen) > settings.max_upload_files:
        raise UploadProblem(f"Too many files in one upload: {len(chosen):,} (the limit is "
                            f"{settings.max_upload_files:,}). Send them in smaller batches, or as a ZIP.", 413)
    options = read_options(form)
    received = []
    for storage in chosen:
        received.append((display_name(storage.filename), storage.read()))
    return Upload(received, options)


def read_options(form) -> IngestOptions:
    published = _field(form, "published")
    tz = _field(form, "timezone") or _field(form, "tz")
    source = _field(form, "source")
    if tz:
        try:
            zone_from(tz)
        except ValueError as exc:
            raise UploadProblem(_sentence(str(exc))) from None
    if published:
        try:
            stamp = parse_timestamp(published, "upload", tz=tz)
        except (ValueError, OverflowError):
            stamp = None
        if stamp is None or stamp.value is None:
            raise UploadProblem(f"Could not read the publication date {published!r}. Write it like "
                                f"2022-01-16 or 2022-01-16T11:02+01:00 (and not in the future).")
    return IngestOptions(published=published, tz=tz, source=source)


def _field(form, name: str) -> str | None:
    value = (form.get(name) or "").strip()
    if len(value) > MAX_OPTION_CHARS:
        raise UploadProblem(f"The field '{name}' is too long (at most {MAX_OPTION_CHARS} characters).")
    return value or None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def display_name(filename: str) -> str:
    """The name as the user sent it, minus anything that looks like a path outside it."""
    name = (filename or "").replace("\\", "/")
    name = re.sub(r"[\x00-\x1f\x7f]", "", name)
    parts = [p for p in name.split("/") if p not in ("", ".", "..")]
    name = "/".join(parts) or "unnamed"
    return name[-MAX_NAME_CHARS:]


def summary(reports: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for report in reports:
        counts[report["status"]] = counts.get(report["status"], 0) + 1
    return counts


def summary_text(counts: dict[str, int]) -> str:
    order = ("added", "updated", "duplicate", "failed")
    parts = [f"{counts[s]} {s}" for s in order if counts.get(s)]
    parts += [f"{n} {s}" for s, n in counts.items() if s not in order]
    return ", ".join(parts) or "nothing"


def searchable_text(reports: list[dict]) -> str:
    stored = [r for r in reports if r["status"] in ("added", "updated")]
    if not stored:
        return ""
    if all(r.get("searchable") for r in stored):
        return "Searchable now."
    return "Stored safely; indexing is still running, so search will find them within seconds."


def receive(runtime, upload: Upload, background_choice: str | None = None) -> dict:
    """Store the upload now, or hand it to a background job; the JSON answer either way."""
    from flask import url_for

    from web import shapes

    if upload.goes_to_background(background_choice):
        job_id = runtime.jobs.submit(upload.files, upload.options)
        return {
            "job": job_id,
            "status": "queued",
            "files_received": len(upload.files),
            "status_url": url_for("upload.job", job_id=job_id),
            "api_status_url": url_for("api.job", job_id=job_id),
            "message": f"{len(upload.files)} file(s) received; they are being processed in the background.",
        }
    reports = [shapes.report(r.to_dict()) for r in runtime.ingest(upload.files, upload.options)]
    counts = summary(reports)
    stored = [r for r in reports if r["status"] in ("added", "updated")]
    return {
        "files": reports,
        "counts": counts,
        "summary": summary_text(counts),
        "searchable": all(r.get("searchable") for r in stored),
        "message": searchable_text(reports),
    }


def job_status(runtime, job_id: str) -> dict | None:
    from flask import url_for

    from web import shapes

    if not re.fullmatch(r"[0-9a-f]{1,64}", job_id or ""):
        return None
    job = runtime.jobs.status(job_id)
    if job is None:
        return None
    queued = set(runtime.store.queued_ids())
    reports = []
    for item in job["reports"]:
        item = dict(item)
        item["searchable"] = item["status"] != "failed" and item.get("article_id") not in queued
        reports.append(shapes.report(item))
    return {
        "job": job["id"],
        "status": job["status"],
        "total": job["total"],
        "done": job["done"],
        "created_at": job["created_at"],
        "finished_at": job["finished_at"],
        "error": job["error"],
        "options": job["options"],
        "counts": job["counts"],
        "summary": summary_text(job["counts"]),
        "finished": job["status"] in ("done", "failed"),
        # finished, and every article it stored is searchable: nothing left to follow
        "settled": job["status"] in ("done", "failed") and all(
            r["searchable"] for r in reports if r["status"] not in ("failed", "duplicate")),
        "files": reports,
        "status_url": url_for("upload.job", job_id=job["id"]),
    }
