"""An upload request -> files and IngestOptions, checked; then stored now or as a job.

Shared by the browser's upload page and `POST /api/articles`. A small upload (at most
`BACKGROUND_FILES` files and `INLINE_MAX_BYTES` in all, ZIPs counted unpacked) may be
stored in the request (durable before the response), and the response says whether it
is searchable yet; anything larger, and a ZIP unless `background=0`, is streamed to a
background job's spool and the response points at its status page. So is a small
upload whose turn at the NLP model does not come within a second or two
(web.extraction): no request thread waits behind a long job.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from archive.pipeline import IngestOptions
from archive.readers.zipped import ZIP_MAGIC, unpacked_size
from archive.timestamps import parse_timestamp, zone_from
from web.extraction import REQUEST_WAIT_SECONDS, ModelBusy

BACKGROUND_FILES = 20
INLINE_MAX_BYTES = 1024 * 1024
MAX_NAME_CHARS = 255
MAX_OPTION_CHARS = 200
# Unicode categories left out of a file's name as shown: controls, invisible format
# characters (bidi overrides such as U+202E, zero-width characters), lone surrogates,
# and line and paragraph separators.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


class UploadProblem(Exception):
    """The upload cannot be taken as sent; the message is for the user."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class ReceivedFile:
    """One file of the request, where the form parser put it (memory when small, else a
    temporary file): never read whole unless it is answered in the request."""

    name: str
    stream: BinaryIO
    size: int
    is_zip: bool

    def read(self) -> bytes:
        self.stream.seek(0)
        return self.stream.read()

    def unpacked_size(self) -> int | None:
        """Its size once unpacked, when that is known without unpacking it (see unpacked_size)."""
        if not self.is_zip:
            return self.size
        if self.size > INLINE_MAX_BYTES:
            return None
        self.stream.seek(0)
        return unpacked_size(self.stream)


@dataclass
class Upload:
    files: list[ReceivedFile]
    options: IngestOptions

    @property
    def has_zip(self) -> bool:
        return any(f.is_zip for f in self.files)

    def small(self) -> bool:
        """Few enough files, and little enough in them, to be answered in the request."""
        if len(self.files) > BACKGROUND_FILES:
            return False
        total = 0
        for received in self.files:
            size = received.unpacked_size()
            if size is None:
                return False
            total += size
        return total <= INLINE_MAX_BYTES

    def goes_to_background(self, choice: str | None) -> bool:
        """`choice`: "1"/"yes" always; "0"/"no" not for a small upload, even a ZIP; anything
        else: anything but a small upload without a ZIP. An upload that is not small
        always goes to a job: no request hangs on it."""
        choice = (choice or "").strip().lower()
        if choice in ("1", "yes", "true", "on"):
            return True
        if choice in ("0", "no", "false", "off"):
            return not self.small()
        return self.has_zip or not self.small()


def read_upload(files, form, settings) -> Upload:
    """`files`: the request's FileStorage list; `form`: its fields. Raises UploadProblem."""
    chosen = [f for f in files if f is not None and (f.filename or "").strip()]
    if not chosen:
        raise UploadProblem("No files were sent. Send them as the multipart form field 'files'.")
    if len(chosen) > settings.max_upload_files:
        raise UploadProblem(f"Too many files in one upload: {len(chosen):,} (the limit is "
                            f"{settings.max_upload_files:,}). Send them in smaller batches, or as a ZIP.", 413)
    options = read_options(form)
    return Upload([_received(storage) for storage in chosen], options)


def _received(storage) -> ReceivedFile:
    stream = storage.stream
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(len(ZIP_MAGIC))
    stream.seek(0)
    name = display_name(storage.filename)
    return ReceivedFile(name, stream, size, head == ZIP_MAGIC or name.lower().endswith(".zip"))


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
    """The name as the user sent it, minus anything that looks like a path outside it and
    any character that is invisible or reorders the text around it."""
    name = (filename or "").replace("\\", "/")
    name = "".join(c for c in name if unicodedata.category(c) not in HIDDEN_CATEGORIES)
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
    from web import shapes

    if upload.goes_to_background(background_choice):
        job_id = runtime.jobs.submit(((f.name, f.stream) for f in upload.files), upload.options)
        return _job_answer(job_id, len(upload.files))
    files = [(f.name, f.read()) for f in upload.files]
    try:
        stored = runtime.ingest(files, upload.options, turn_wait=REQUEST_WAIT_SECONDS,
                                unpacked_bytes=INLINE_MAX_BYTES)
    except ModelBusy:
        return _job_answer(runtime.jobs.submit(files, upload.options), len(files), busy=True)
    reports = [shapes.report(r.to_dict()) for r in stored]
    counts = summary(reports)
    added = [r for r in reports if r["status"] in ("added", "updated")]
    return {
        "files": reports,
        "counts": counts,
        "summary": summary_text(counts),
        "searchable": all(r.get("searchable") for r in added),
        "message": searchable_text(reports),
    }


def _job_answer(job_id: str, count: int, busy: bool = False) -> dict:
    from flask import url_for

    why = "the archive is busy with other uploads, so " if busy else ""
    return {
        "job": job_id,
        "status": "queued",
        "files_received": count,
        "status_url": url_for("upload.job", job_id=job_id),
        "api_status_url": url_for("api.job", job_id=job_id),
        "message": f"{count} file(s) received; {why}they are being processed in the background.",
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
        "current_file": job["current_file"],
        "entries_done": job["entries_done"],
        "entries_total": job["entries_total"],
        "progress": progress_text(job),
        "interruptions": job["interruptions"],
        "summary": summary_text(job["counts"]),
        "finished": job["status"] in ("done", "failed"),
        # finished, and every article it stored is searchable: nothing left to follow
        "settled": job["status"] in ("done", "failed") and all(
            r["searchable"] for r in reports if r["status"] not in ("failed", "duplicate")),
        "files": reports,
        "status_url": url_for("upload.job", job_id=job["id"]),
    }


def progress_text(job: dict) -> str | None:
    """How far a running job is inside the file it is reading: "1,200 of 5,000 entries of batch.zip"."""
    if job["status"] != "running" or not job["entries_total"]:
        return None
    return f"{job['entries_done']:,} of {job['entries_total']:,} entries of {job['current_file']}"
