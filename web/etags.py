"""ETags on the HTML and JSON answers, and `304 Not Modified` for a client that already
has the answer (`If-None-Match`).

- The search answers in JSON (/api/search, /api/quotes, /search.json, /quotes.json,
  `?format=json`) carry a weak ETag of the request and of what the indexes hold (their
  segments and live document counts, index.search.index_state), checked before the search
  runs: a client revalidating an unchanged result costs no search. An article updated in
  place changes the tag when it is indexed (moments after it is stored).
- Every other 200 answer to a GET or HEAD that is HTML or JSON carries a strong ETag of its
  body, computed once it is made: it saves the transfer. A page holds its session's CSRF
  token, so its tag is per session (its answers say `Vary: Cookie`).

Not on errors, on streamed downloads (exports), on answers not to be stored (/healthz), nor
where a route set its own (original files).
"""
from __future__ import annotations

import hashlib
import secrets

from flask import current_app, g, request

# Part of every index ETag: a restart (perhaps new code, new shapes) makes new tags.
SERVER_START = secrets.token_hex(8)
SEARCH_ENDPOINTS = ("api.search", "api.quotes", "pages.search_json", "pages.quotes_json")
PAGE_ENDPOINTS = ("pages.search", "pages.quotes")  # with ?format=json
TAGGED_TYPES = ("application/json", "text/html")


def register(app) -> None:
    app.before_request(answer_unchanged_search)
    app.after_request(add_etag)


def is_search_answer() -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return request.endpoint in SEARCH_ENDPOINTS or (
        request.endpoint in PAGE_ENDPOINTS and request.args.get("format") == "json")


def index_etag() -> str:
    search = current_app.extensions["archive"].search
    described = "|".join([SERVER_START, search.index_state("articles"), search.index_state("quotes"), request.url])
    return "i-" + hashlib.sha256(described.encode("utf-8")).hexdigest()[:24]


def answer_unchanged_search():
    """before_request: 304 for a search answer the client has, told from the index alone."""
    if not is_search_answer():
        return None
    g.index_etag = index_etag()
    if not request.if_none_match.contains_weak(g.index_etag):
        return None
    response = current_app.response_class(status=304)
    response.set_etag(g.index_etag, weak=True)
    return response


def add_etag(response):
    """after_request: the ETag of a 200 HTML or JSON answer, and 304 when the client has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if response.is_streamed or "ETag" in response.headers or response.mimetype not in TAGGED_TYPES \
            or response.cache_control.no_store:
        return response
    if g.get("index_etag"):
        response.set_etag(g.index_etag, weak=True)
    else:
        response.add_etag()
    return response.make_conditional(request)
