"""Cross-origin reading of the JSON answers, for pages on other sites (opt-in:
Settings.cors_origins, from ARCHIVE_CORS_ORIGINS; off by default).

Only reading: GET and HEAD of the JSON routes (/api/…, any address ending in .json), and
the preflight OPTIONS a browser sends before a GET carrying If-None-Match. Never with
credentials (no Access-Control-Allow-Credentials), so another site's page reads only what
anyone may read without logging in; changing the archive stays same-site (web/security.py
refuses a change that comes from another site's page, whatever this module allows).
"""
from __future__ import annotations

from flask import current_app, request

READ_METHODS = ("GET", "HEAD")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Headers a script may send beyond the CORS-safelisted ones: revalidation with an ETag.
ALLOWED_REQUEST_HEADERS = frozenset({"if-none-match", "if-modified-since", "cache-control"})
EXPOSED_HEADERS = "ETag, Link, Retry-After, X-Total-Results, Content-Disposition"
PREFLIGHT_MAX_AGE = 600


def register(app) -> None:
    if app.extensions["archive"].settings.cors_origins:
        app.before_request(answer_preflight)
        app.after_request(add_cors_headers)


def json_route() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def allowed_origin() -> str | None:
    """The value of Access-Control-Allow-Origin for this request, or None to allow nothing."""
    origins = current_app.extensions["archive"].settings.cors_origins
    origin = request.headers.get("Origin")
    if not origin or not json_route():
        return None
    if "*" in origins:
        return "*"
    return origin if origin.lower() in origins else None


def answer_preflight():
    """before_request: a browser's preflight for reading a JSON route from an allowed origin."""
    if request.method != "OPTIONS" or request.url_rule is None:
        return None
    method = request.headers.get("Access-Control-Request-Method", "")
    origin = allowed_origin()
    if origin is None or method not in READ_METHODS:
        return None  # Flask's own answer to OPTIONS, without leave to read
    asked = {h.strip().lower() for h in request.headers.get("Access-Control-Request-Headers", "").split(",")}
    asked.discard("")
    response = current_app.make_response(("", 204))
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    if asked <= ALLOWED_REQUEST_HEADERS and asked:
        response.headers["Access-Control-Allow-Headers"] = ", ".join(sorted(asked))
    response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def add_cors_headers(response):
    """after_request: leave to read a JSON answer (errors included: a script should see a 429's
    Retry-After) for an allowed origin."""
    if not json_route():
        return response
    if "*" not in current_app.extensions["archive"].settings.cors_origins:
        response.vary.add("Origin")  # the answer names the origin it was made for
    origin = allowed_origin()
    if origin is None or request.method not in READ_METHODS:
        return response  # a preflight has its headers from answer_preflight, or none
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response
