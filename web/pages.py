"""The two result lists: article search (`/`) and quote search (`/quotes`), each with
its JSON twin and its CSV / JSON export."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from index.search import MAX_PAGE, QueryError
from web import exports, histogram, shapes
from web.errors import json_error
from web.facets import SearchState, chips, facet_boxes
from web.paging import paged_json
from web.results import run_search

bp = Blueprint("pages", __name__)

JSON_ENDPOINTS = {"articles": "pages.search_json", "quotes": "pages.quotes_json"}
KINDS = {
    "articles": {"endpoint": "pages.search", "noun": "article", "title": "Search the archive"},
    "quotes": {"endpoint": "pages.quotes", "noun": "quote", "title": "Search quotes"},
}


@bp.get("/")
def search():
    return listing("articles", request.args.get("format"))


@bp.get("/search.json")
def search_json():
    return listing("articles", "json")


@bp.get("/quotes")
def quotes():
    return listing("quotes", request.args.get("format"))


@bp.get("/quotes.json")
def quotes_json():
    return listing("quotes", "json")


@bp.get("/search/export.<any(csv, json):fmt>")
def export_articles(fmt):
    return export("articles", fmt)


@bp.get("/quotes/export.<any(csv, json):fmt>")
def export_quotes(fmt):
    return export("quotes", fmt)


def listing(kind: str, fmt: str | None):
    if fmt == "csv":
        return export(kind, fmt)
    runtime = current_app.extensions["archive"]
    state = SearchState.from_args(request.args)
    try:
        found = run_search(runtime.search, state, kind)
    except QueryError as exc:
        if fmt == "json":
            return json_error(str(exc), 400)
        context = page_context(kind, state, None)
        context["error"] = str(exc)
        return render_template("search.html", **context), 400
    if fmt == "json":
        return paged_json(shapes.results(found))
    return render_template("search.html", **page_context(kind, state, found))


def export(kind: str, fmt: str):
    runtime = current_app.extensions["archive"]
    state = SearchState.from_args(request.args)
    try:
        return exports.download(runtime.search, state, kind, fmt, rows=exports.EXPORT_ROWS,
                                seconds=exports.EXPORT_SECONDS)
    except QueryError as exc:
        return json_error(str(exc), 400) if fmt == "json" else _text_error(str(exc))


def _text_error(message: str):
    return message + "\n", 400, {"Content-Type": "text/plain; charset=utf-8"}


def page_context(kind: str, state: SearchState, found) -> dict:
    path = url_for(KINDS[kind]["endpoint"])
    context = {
        "kind": kind,
        "info": KINDS[kind],
        "state": state,
        "found": found,
        "path": path,
        "chips": chips(state, path),
        "clear_url": state.without_facets().href(path),
        "sorts": sort_choices(state),
        "other_kind_url": state.for_export().href(url_for(KINDS["quotes" if kind == "articles" else "articles"]
                                                          ["endpoint"])),
        "json_url": state.href(url_for(JSON_ENDPOINTS[kind])),
        "export_urls": {fmt: state.for_export().href(url_for(
            "pages.export_quotes" if kind == "quotes" else "pages.export_articles", fmt=fmt))
            for fmt in ("csv", "json")},
        "boxes": [],
        "chart": "",
        "pages": [],
        "error": None,
    }
    if found is not None:
        context["boxes"] = facet_boxes(state, found.facets, path)
        context["chart"] = histogram.svg(
            histogram.bars(found.months, state.date_from, state.date_to),
            lambda key: state.with_dates(key, key).href(path),
            noun=KINDS[kind]["noun"])
        context["pages"] = page_links(state, found.response, path)
    return context


def sort_choices(state: SearchState) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu. The first choice is the default, sent as
    no value, so a query typed on a page that was browsing by date is ranked by relevance."""
    default = "relevance" if state.q else "newest"
    chosen = "" if state.sort == default else state.sort
    choices = [("", default, chosen == "")]
    choices += [(name, name, chosen == name) for name in ("relevance", "newest", "oldest") if name != default]
    return choices


def page_links(state: SearchState, response, path: str) -> list[tuple[str, str | None, bool]]:
    """(label, url or None for a gap, is current) for a pager: first, last, and a window."""
    last = min(response.pages, MAX_PAGE)
    if last <= 1:
        return []
    current = response.page
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    links: list[tuple[str, str | None, bool]] = []
    if current > 1:
        links.append(("‹ Previous", state.with_page(current - 1).href(path), False))
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append(("…", None, False))
        links.append((str(number), state.with_page(number).href(path), number == current))
        previous = number
    if current < last:
        links.append(("Next ›", state.with_page(current + 1).href(path), False))
    return links
