"""Every failure answers in the reader's terms: a page for a browser, JSON for the
API and the `.json` twins. Nothing unexpected reaches the user as a stack trace;
it is logged here with the request that caused it.
"""
from __future__ import annotations

import errno
import logging
import sqlite3

from flask import Response, jsonify, make_response, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from index.search import QueryError

log = logging.getLogger(__name__)

TITLES = {
    400: "That request could not be used",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    405: "Not possible here",
    413: "Upload too large",
    429: "Too many requests",
    500: "Something went wrong",
    503: "Busy",
}


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        return True
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def json_error(message: str, status: int, **extra):
    response = jsonify({"error": message, "status": status, **extra})
    response.status_code = status
    return response


def error_page(message: str, status: int, title: str | None = None):
    title = title or TITLES.get(status, "Something went wrong")
    if request_ctx.url_adapter is None:
        # A Host werkzeug cannot route ('.'): the page's links cannot be built, so the words alone.
        return Response(f"{title}\n\n{message}\n", status=status, mimetype="text/plain")
    return render_template("error.html", title=title, message=message, status=status), status


def answer(message: str, status: int, title: str | None = None):
    return json_error(message, status) if wants_json() else error_page(message, status, title)


def too_large_message(settings) -> str:
    from web.formatting import human_size
    size = human_size(settings.max_upload_bytes)
    return (f"The upload is too large: one upload may hold at most {size} and "
            f"{settings.max_upload_files:,} files. Send fewer files at a time, or split the ZIP.")


def storage_problem(error: BaseException) -> tuple[int, str] | None:
    """A full or read-only disk, in the reader's terms: (status, message); None for anything else."""
    text = str(error).lower()
    if (isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)) or \
            (isinstance(error, sqlite3.OperationalError) and "disk is full" in text):
        return 507, ("The archive's disk is full, so nothing was added. Free some space and try again; "
                     "searching still works.")
    if (isinstance(error, OSError) and error.errno == errno.EROFS) or \
            (isinstance(error, sqlite3.OperationalError) and "readonly" in text):
        return 503, ("The archive's data folder is read-only, so nothing can be added. "
                     "Searching still works.")
    return None


def register(app) -> None:
    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        from flask import current_app
        return answer(too_large_message(current_app.extensions["archive"].settings), 413)

    @app.errorhandler(QueryError)
    def bad_query(error):
        return answer(str(error), 400, "The search could not be run")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        messages = {
            404: "There is nothing at this address. Check the link, or search the archive.",
            405: "This address does not take that kind of request.",
        }
        message = messages.get(error.code) if error.description == type(error).description else None
        response = answer(message or error.description or TITLES.get(error.code, ""), error.code)
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response = make_response(response)
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        problem = storage_problem(error)
        if problem is not None:
            log.error("%s %s: %s", request.method, request.full_path, error)
            status, message = problem
            return answer(message, status, "Nothing was added")
        log.exception("unexpected error on %s %s", request.method, request.full_path)
        return answer("Something went wrong on our side; it has been logged. "
                      "Try again, or go back to the search.", 500)
