"""The way to the next page of a JSON answer: `next_url` in the body and the same URL in an
RFC 8288 `Link: <…>; rel="next"` header, as Datasette and GitHub's APIs give it.

`next_url` is absolute, ready to fetch; it is this request's URL with the cursor of the
answer's last hit as `next` (and without `page`), so the walk keeps every other parameter.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import jsonify, request


def next_url(cursor: str | None, params: list[tuple[str, str]] | None = None) -> str | None:
    """This request's URL (or these parameters at its path) continued at `cursor`."""
    if not cursor:
        return None
    pairs = request.args.items(multi=True) if params is None else params
    kept = [(name, value) for name, value in pairs if name not in ("next", "page")]
    return request.base_url + "?" + urlencode([*kept, ("next", cursor)])


def paged_json(body: dict):
    """A JSON answer whose `next_url`, when it has one, is also its Link header."""
    response = jsonify(body)
    if body.get("next_url"):
        response.headers["Link"] = f'<{body["next_url"]}>; rel="next"'
    return response
