"""The JSON API (documented in README.md, "The JSON API"). Every answer is JSON, errors included:
`{"error": "...", "status": 400}`."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from index.search import QueryError
from web import articles, security, shapes, speakers, upload
from web.errors import json_error
from web.facets import SearchState
from web.ingest import UploadProblem, read_upload, receive
from web.paging import paged_json
from web.results import run_search

bp = Blueprint("api", __name__)


def _runtime():
    return current_app.extensions["archive"]


def _results(kind: str):
    state = SearchState.from_args(request.args)
    try:
        found = run_search(_runtime().search, state, kind)
    except QueryError as exc:
        return json_error(str(exc), 400)
    return paged_json(shapes.results(found))


@bp.get("/search")
def search():
    return _results("articles")


@bp.get("/quotes")
def quotes():
    return _results("quotes")


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    return articles.article_json(article_id)


@bp.post("/articles")
def add_articles():
    if not security.may_change(api=True):
        response = json_error("This archive needs the upload token: send 'Authorization: Bearer <token>'.", 401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="archive"'
        return response
    try:
        received = read_upload(request.files.getlist("files"), request.form, _runtime().settings)
    except UploadProblem as problem:
        return json_error(problem.message, problem.status)
    outcome = receive(_runtime(), received, request.form.get("background") or request.args.get("background"))
    return jsonify(outcome), 202 if "job" in outcome else 200


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    return upload.job_json(job_id)


@bp.get("/speakers")
def speaker_list():
    return speakers.speakers_json()


@bp.get("/speakers/<slug>")
def speaker(slug: str):
    return speakers.speaker_json(slug)
