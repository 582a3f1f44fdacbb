"""The JSON API (placeholder until the web issue lands: search only)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from index.search import QueryError, SearchRequest

bp = Blueprint("api", __name__)


@bp.get("/search")
def search():
    runtime = current_app.extensions["archive"]
    try:
        response = runtime.search.search(SearchRequest(q=request.args.get("q", "")))
    except QueryError as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify(response.to_dict())
