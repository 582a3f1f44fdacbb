"""The Sources page: the feeds the archive follows, with their health, and the fetches
asked for on the web; a holder of the upload token adds and removes feeds and fetches a
feed, a page or a sitemap now. JSON twin at /sources.json; the same actions at /api/sources."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for

from archive.collect.cli import feed_record
from archive.collect.guard import FetchRefused, check_url
from archive.collect.state import now
from web import security
from web.collecting import Collecting, TooManyFetches
from web.errors import answer, json_error

bp = Blueprint("sources", __name__)
MAX_URL_CHARS = 2000
MAX_EVERY_MINUTES = 7 * 24 * 60


def register(app) -> None:
    app.extensions["collect"] = Collecting(app.extensions["archive"])
    app.register_blueprint(bp)


def _collecting():
    return current_app.extensions["collect"]


def sources_state() -> dict:
    collecting = _collecting()
    if collecting.state is None:
        return {"feeds": [], "fetches": [], "watching": False, "read_only": True}
    new = collecting.state.new_articles_since(now() - timedelta(days=1))
    return {"feeds": [feed_record(feed, new.get(feed["url"], 0)) for feed in collecting.state.feeds()],
            "fetches": collecting.state.recent_fetches(),
            "watching": collecting.watching, "read_only": False}


@bp.get("/sources")
def sources():
    if request.args.get("format") == "json":
        return jsonify(sources_state())
    return _page()


def _page(error: str | None = None):
    return render_template("sources.html", section="sources", error=error, may_change=security.may_change(),
                           **sources_state())


@bp.get("/sources.json")
def sources_json():
    return jsonify(sources_state())


class Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def _checked_url(value: str | None) -> str:
    url = (value or "").strip()
    if not url:
        raise Refused("Give the URL of a feed, a sitemap or a page.")
    if len(url) > MAX_URL_CHARS:
        raise Refused(f"That URL is longer than {MAX_URL_CHARS:,} characters.")
    try:
        check_url(url, _collecting().settings.allows_private(urlsplit(url).hostname))
    except FetchRefused as exc:
        raise Refused(f"That URL cannot be fetched: {exc}.") from None
    return url


def _every(value: str | None) -> float:
    if not value or not value.strip():
        return _collecting().settings.every_minutes
    try:
        minutes = float(value)
    except ValueError:
        raise Refused("Poll every … minutes: give a number.") from None
    if not 1 <= minutes <= MAX_EVERY_MINUTES:
        raise Refused(f"Poll every 1 to {MAX_EVERY_MINUTES:,} minutes.")
    return minutes


def _source(value: str | None) -> str | None:
    return (value or "").strip()[:200] or None


def add(form) -> dict:
    url = _checked_url(form.get("url"))
    added = _collecting().state.add_feed(url, _every(form.get("every")), _source(form.get("source")))
    _collecting().wake()
    return {"url": url, "status": "following" if added else "updated"}


def remove(form) -> dict:
    url = (form.get("url") or "").strip()
    if not _collecting().state.remove_feed(url):
        raise Refused("The archive does not follow that URL.", 404)
    return {"url": url, "status": "removed"}


def fetch(form) -> dict:
    url = _checked_url(form.get("url"))
    try:
        fetch_id = _collecting().ask_fetch(url, _source(form.get("source")))
    except TooManyFetches as exc:
        raise Refused(f"Too many fetches are waiting ({exc}); try again in a minute.", 503) from None
    return {"url": url, "status": "queued", "fetch": fetch_id, "status_url": url_for("sources.sources")}


ACTIONS = {"add": add, "remove": remove, "fetch": fetch}


@bp.post("/sources/<action>")
def change(action: str):
    """The forms of the Sources and upload pages (a login and the CSRF token)."""
    if action not in ACTIONS:
        return answer("There is no such action.", 404)
    if not security.may_change():
        return answer("Changing the sources needs the upload token: log in first.", 401, "Please log in")
    security.require_csrf()
    if _collecting().state is None:
        return answer("This archive is read-only.", 409)
    try:
        ACTIONS[action](request.form)
    except Refused as refused:
        return _page(refused.message), refused.status
    return redirect(url_for("sources.sources"), code=303)


@bp.post("/api/sources/add")
def api_add():
    return _api_change("add")


@bp.post("/api/sources/remove")
def api_remove():
    return _api_change("remove")


@bp.post("/api/sources/fetch")
def api_fetch():
    return _api_change("fetch")


def _api_change(action: str):
    """The same actions for scripts: the token as a bearer token, a form or a JSON body."""
    if not security.may_change(api=True):
        response = json_error("This archive needs the upload token: send 'Authorization: Bearer <token>'.", 401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="archive"'
        return response
    if _collecting().state is None:
        return json_error("This archive is read-only.", 409)
    try:
        result = ACTIONS[action](request.form or _json_fields())
    except Refused as refused:
        return json_error(refused.message, refused.status)
    return jsonify(result), 202 if action == "fetch" else 200


def _json_fields() -> dict:
    """A JSON body's fields as a form's: strings (numbers written out), nothing else."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return {}
    return {key: str(value) for key, value in data.items()
            if isinstance(value, (str, int, float)) and not isinstance(value, bool)}


@bp.get("/api/sources")
def api_sources():
    return jsonify(sources_state())
