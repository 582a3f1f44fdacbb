"""Corrections by reviewers: the JSON API, the Corrections page (newest first, with undo)
and the forms of the article page. What each correction does is in archive.corrections;
reading requests and applying them in web.correcting.

    PATCH /api/articles/<id>/quotes/<seq>   {"speaker": "Name" | null, "not_a_quote": false, "reviewer", "note"}
    POST  /api/people/merge                 {"into": "Tony Blair", "names": ["Blair"], "reviewer", "note"}
    POST  /api/people/split                 {"name": "Tony Blair", "alias": "Blair", "reviewer", "note"}
    POST  /api/entities/retype              {"name": "Glasgow", "from": "person", "to": "place" | null, ...}
    GET   /api/corrections                  newest first, `next_url` to walk them
    POST  /api/corrections/<id>/undo        {"reviewer", "note"}
"""
from __future__ import annotations

import sqlite3

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from archive.corrections import articles_changed, count_corrections, list_corrections
from web import correcting, security
from web.correcting import CorrectionProblem
from web.errors import answer as error_answer
from web.errors import json_error
from web.paging import next_url, paged_json

bp = Blueprint("corrections", __name__)

PER_PAGE = 50
FORM_KINDS = {"merge": correcting.merge_correction, "split": correcting.split_correction,
              "retype": correcting.retype_correction}


def _db():
    return current_app.extensions["archive"].store.db


def _json_body() -> dict:
    values = request.get_json(silent=True)
    if not isinstance(values, dict):
        raise CorrectionProblem("Send a JSON object (Content-Type: application/json); the README's "
                                "'Corrections' section shows each one.")
    return values


def _api_write(make):
    """Run a write of the API: refused without the token (401, 403), a clear 4xx for what
    cannot be used, else the answer of web.correcting.answer."""
    refused = correcting.refusal(api=True)
    if refused:
        response = json_error(*refused)
        if refused[1] == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="archive"'
        return response
    current_app.extensions["archive"].store.ensure_writable()  # else 503 (web.errors)
    try:
        return jsonify(make())
    except CorrectionProblem as problem:
        return json_error(problem.message, problem.status)


# The API ----------------------------------------------------------------------------------------

@bp.patch("/api/articles/<int:article_id>/quotes/<int:seq>")
def api_quote(article_id: int, seq: int):
    def make():
        made, undone = correcting.quote_corrections(article_id, seq, _json_body())
        reviewer = correcting.signed(_json_body())["reviewer"]
        return correcting.apply(made, undone, reviewer)
    return _api_write(make)


@bp.post("/api/people/merge")
def api_merge():
    return _api_write(lambda: correcting.apply([correcting.merge_correction(_json_body())]))


@bp.post("/api/people/split")
def api_split():
    return _api_write(lambda: correcting.apply([correcting.split_correction(_json_body())]))


@bp.post("/api/entities/retype")
def api_retype():
    return _api_write(lambda: correcting.apply([correcting.retype_correction(_json_body())]))


@bp.post("/api/corrections/<int:correction_id>/undo")
def api_undo(correction_id: int):
    return _api_write(lambda: correcting.undo(correction_id, _json_body()))


@bp.get("/api/corrections")
def api_list():
    return corrections_json()


# The Corrections page --------------------------------------------------------------------------

def listing() -> dict:
    """A page of corrections, newest first; `next` is the id below which the next page starts."""
    token = request.args.get("next", "").strip()
    if token and (not token.isdigit() or len(token) > 18):
        raise CorrectionProblem("'next' must be a cursor from a previous answer.")
    before = int(token) if token else None
    try:
        found = list_corrections(_db(), PER_PAGE + 1, before)
    except sqlite3.OperationalError:  # an archive made before corrections, served read-only
        return {"total": 0, "next": None, "next_url": None, "corrections": []}
    shown = found[:PER_PAGE]
    counts = articles_changed(_db(), [c.id for c in shown])
    cursor = str(shown[-1].id) if len(found) > PER_PAGE else None
    return {"total": count_corrections(_db()), "next": cursor, "next_url": next_url(cursor),
            "corrections": [correcting.shape(c, counts.get(c.id, 0)) for c in shown]}


@bp.get("/corrections.json")
def corrections_json():
    try:
        return paged_json(listing())
    except CorrectionProblem as problem:
        return json_error(problem.message, problem.status)


@bp.get("/corrections")
def corrections_page():
    if request.args.get("format") == "json":
        return corrections_json()
    try:
        data = listing()
    except CorrectionProblem as problem:
        return error_answer(problem.message, problem.status)
    return render_template("corrections.html", **data, section="corrections", done=session.pop("corrected", None),
                           reviewer=session.get("reviewer", ""), may_correct=correcting.may_correct())


# Forms ---------------------------------------------------------------------------------------------

def _form_write(make, back: str):
    """Run a form's write: to the login without it, the page again with what happened."""
    refused = correcting.refusal(api=False)
    if refused:
        if refused[1] == 401:
            return redirect(url_for("upload.login", next=back))
        return error_answer(*refused)
    current_app.extensions["archive"].store.ensure_writable()  # else 503 (web.errors)
    try:
        outcome = make()
    except CorrectionProblem as problem:
        return error_answer(problem.message, problem.status)
    session["reviewer"] = request.form.get("reviewer", "").strip()[:correcting.MAX_REVIEWER_CHARS]
    session["corrected"] = outcome["message"]
    return redirect(back, code=303)


@bp.post("/corrections")
def correct_from_form():
    kind = request.form.get("kind", "")
    if kind not in FORM_KINDS:
        return error_answer("Choose what to correct: merge, split or retype.", 400)
    back = request.form.get("next")  # the article page a retype was made from: a path on this site only
    if not back or security.same_site_path(back) != back:
        back = url_for("corrections.corrections_page")
    return _form_write(lambda: correcting.apply([FORM_KINDS[kind](request.form.to_dict())]), back)


@bp.post("/corrections/<int:correction_id>/undo")
def undo_from_form(correction_id: int):
    return _form_write(lambda: correcting.undo(correction_id, request.form.to_dict()),
                       url_for("corrections.corrections_page"))


@bp.post("/articles/<int:article_id>/quotes/<int:seq>")
def quote_from_form(article_id: int, seq: int):
    def make():
        values = request.form.to_dict()
        if values.get("not_a_quote") != "1":
            values["not_a_quote"] = "0"
            values["speaker"] = values.get("speaker", "").strip() or None
        else:
            values.pop("speaker", None)
        made, undone = correcting.quote_corrections(article_id, seq, values)
        return correcting.apply(made, undone, correcting.signed(values)["reviewer"])
    return _form_write(make, url_for("articles.article", article_id=article_id, _anchor=f"q{seq}"))
