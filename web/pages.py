"""HTML pages (placeholder until the web issue lands: one search page)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from index.search import QueryError, SearchRequest

bp = Blueprint("pages", __name__)


@bp.get("/")
def search():
    runtime = current_app.extensions["archive"]
    q = request.args.get("q", "")
    error, response = None, None
    try:
        response = runtime.search.search(SearchRequest(q=q))
    except QueryError as exc:
        error = str(exc)
    return render_template("search.html", q=q, response=response, error=error)
