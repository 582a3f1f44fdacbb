"""Uploading in the browser: the form (with drag and drop and per-file progress in
static/upload.js), the report, the status page of a background job, and the
login that the upload token asks for."""
from __future__ import annotations

from flask import (Blueprint, current_app, jsonify, redirect, render_template, request, url_for)

from web import security
from web.formatting import human_size
from web.errors import answer, json_error, wants_json
from web.ingest import BACKGROUND_FILES, INLINE_MAX_BYTES, UploadProblem, job_status, read_upload, receive

bp = Blueprint("upload", __name__)


def _runtime():
    return current_app.extensions["archive"]


def _form_context(**extra) -> dict:
    settings = _runtime().settings
    return {"max_bytes": settings.max_upload_bytes, "max_files": settings.max_upload_files,
            "max_size": human_size(settings.max_upload_bytes),
            "background_files": BACKGROUND_FILES, "inline_bytes": INLINE_MAX_BYTES,
            "inline_size": human_size(INLINE_MAX_BYTES), "section": "upload", **extra}


@bp.get("/upload")
def upload_form():
    if not security.may_change():
        return redirect(url_for("upload.login", next=url_for("upload.upload_form")))
    return render_template("upload.html", **_form_context())


@bp.post("/upload")
def upload():
    if not security.may_change():
        return answer("Uploading needs the upload token: log in first.", 401, "Please log in")
    security.require_csrf()
    try:
        received = read_upload(request.files.getlist("files"), request.form, _runtime().settings)
    except UploadProblem as problem:
        if wants_json():
            return json_error(problem.message, problem.status)
        return render_template("upload.html", **_form_context(error=problem.message)), problem.status
    outcome = receive(_runtime(), received, request.form.get("background"))
    if wants_json():
        return jsonify(outcome), 202 if "job" in outcome else 200
    if "job" in outcome:
        return redirect(outcome["status_url"], code=303)
    return render_template("upload_report.html", outcome=outcome)


@bp.get("/upload/jobs/<job_id>")
def job(job_id: str):
    status = job_status(_runtime(), job_id)
    if status is None:
        return answer("There is no upload job with that number.", 404)
    if request.args.get("format") == "json":
        return jsonify(status)
    return render_template("job.html", job=status)


@bp.get("/upload/jobs/<job_id>.json")
def job_json(job_id: str):
    status = job_status(_runtime(), job_id)
    if status is None:
        return json_error("There is no upload job with that number.", 404)
    return jsonify(status)


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = security.same_site_path(request.values.get("next"))
    if not security.token_required():
        return redirect(next_url)
    if request.method == "GET":
        return render_template("login.html", next_url=next_url, error=None)
    security.require_csrf()
    if security.log_in(request.form.get("token", "")):
        return redirect(next_url, code=303)
    return render_template("login.html", next_url=next_url, error="That is not the upload token."), 403


@bp.post("/logout")
def logout():
    security.require_csrf()
    security.log_out()
    return redirect(url_for("pages.search"), code=303)
