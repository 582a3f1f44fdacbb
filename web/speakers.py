"""People who are quoted: a list of them, and one page per person with their quotes
over time, their aliases, and who and what they talk about most.

A speaker's address is a slug of the canonical name ("dmitry-peskov"). It is
resolved back through the names the store holds in `quotes.speaker`; should two
spellings share a slug, the page covers both.

Both JSON answers page with a cursor (`next`, as the searches do): the list by keyset on
(quotes, name) of the last speaker given, a speaker's quotes by the search's own cursor.
"""
from __future__ import annotations

import json
import math

from flask import Blueprint, abort, current_app, render_template, request, url_for

from archive.people_resolution import written_as
from index.cursors import pack, unpack, unreadable
from web import histogram, shapes
from web.facets import SearchState, page_number
from web.formatting import slugify
from web.paging import next_url, paged_json
from web.results import run_search

bp = Blueprint("speakers", __name__)

SPEAKERS_PER_PAGE = 100
QUOTES_PER_PAGE = 20
TOPICS = ("person", "org", "place")
MAX_SLUG_CHARS = 200


# Reading the store ---------------------------------------------------------------

def names_for(db, slug: str) -> list[str]:
    """The canonical speaker names whose slug is `slug`, most quoted first."""
    if not slug or len(slug) > MAX_SLUG_CHARS:
        return []
    rows = db.execute("SELECT speaker, count(*) AS quotes FROM quotes WHERE speaker IS NOT NULL "
                      "GROUP BY speaker ORDER BY quotes DESC, speaker")
    return [row["speaker"] for row in rows if slugify(row["speaker"]) == slug]


def aliases_of(db, names: list[str]) -> list[str]:
    marks = ", ".join("?" for _ in names)
    found: dict[str, None] = {}
    for row in db.execute(f"SELECT aliases FROM entities WHERE type = 'person' AND name IN ({marks})", names):
        for alias in json.loads(row["aliases"] or "[]"):
            if alias not in names:
                found.setdefault(alias)
    return sorted(found, key=str.casefold)


def speaker_totals(db, names: list[str]) -> dict:
    marks = ", ".join("?" for _ in names)
    row = db.execute(
        f"SELECT count(*) AS quotes, count(DISTINCT q.article_id) AS articles, "
        f"min(a.published_utc) AS first, max(a.published_utc) AS last "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker IN ({marks})", names).fetchone()
    return dict(row)


def speaker_list(db, page: int, name_filter: str = "", after: tuple[int, str] | None = None
                 ) -> tuple[int, list[dict], bool]:
    """(how many speakers, one page of them, whether more follow), most quoted first: page
    `page`, or with `after` (quotes, name) the page after that speaker."""
    where, params = "speaker IS NOT NULL", []
    if name_filter:
        escaped = name_filter.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where += " AND speaker LIKE ? ESCAPE '\\'"
        params.append(f"%{escaped}%")
    total = db.execute(f"SELECT count(DISTINCT speaker) FROM quotes WHERE {where}", params).fetchone()[0]
    having, skip = "", (page - 1) * SPEAKERS_PER_PAGE
    if after is not None:
        having, skip = " HAVING count(*) < ? OR (count(*) = ? AND speaker > ?)", 0
        params += [after[0], after[0], after[1]]
    rows = db.execute(
        f"SELECT speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles FROM quotes "
        f"WHERE {where} GROUP BY speaker{having} ORDER BY quotes DESC, speaker LIMIT ? OFFSET ?",
        [*params, SPEAKERS_PER_PAGE + 1, skip]).fetchall()
    return total, [{"name": row["speaker"], "quotes": row["quotes"], "articles": row["articles"],
                    "url": url_for("speakers.speaker", slug=slugify(row["speaker"]))}
                   for row in rows[:SPEAKERS_PER_PAGE]], len(rows) > SPEAKERS_PER_PAGE


def speaker_cursor(last: dict, offset: int) -> str:
    return pack({"quotes": last["quotes"], "name": last["name"], "n": offset})


def read_speaker_cursor(token: str) -> tuple[int, str, int]:
    """(quotes, name, speakers before the next page); QueryError for anything else."""
    fields = unpack(token)
    quotes, name, offset = fields.get("quotes"), fields.get("name"), fields.get("n")
    if type(quotes) is not int or not isinstance(name, str) or type(offset) is not int:
        raise unreadable()
    return quotes, name, offset


# Pages -------------------------------------------------------------------------

@bp.get("/speakers")
def speakers():
    if request.args.get("format") == "json":
        return speakers_json()
    return render_template("speakers.html", **speakers_data())


@bp.get("/speakers.json")
def speakers_json():
    data = speakers_data()
    return paged_json({k: data[k] for k in ("total", "page", "pages", "q", "next", "next_url", "speakers")})


def speakers_data() -> dict:
    db = current_app.extensions["archive"].store.db
    page = page_number(request.args.get("page"))
    name_filter = request.args.get("q", "").strip()[:MAX_SLUG_CHARS]
    token = request.args.get("next", "").strip()
    after = read_speaker_cursor(token) if token else None
    total, listed, more = speaker_list(db, page, name_filter, after=after[:2] if after else None)
    offset = after[2] if after else (page - 1) * SPEAKERS_PER_PAGE
    cursor = speaker_cursor(listed[-1], offset + len(listed)) if more else None
    pages = max(1, math.ceil(total / SPEAKERS_PER_PAGE))
    return {"total": total, "page": offset // SPEAKERS_PER_PAGE + 1, "pages": pages, "q": name_filter,
            "next": cursor, "next_url": next_url(cursor), "speakers": listed}


@bp.get("/speakers/<slug>")
def speaker(slug: str):
    if request.args.get("format") == "json":
        return speaker_json(slug)
    data = speaker_data(slug)
    return render_template("speaker.html", **data)


@bp.get("/speakers/<slug>.json")
def speaker_json(slug: str):
    data = speaker_data(slug)
    found = data["found"]
    cursor = found.response.next_cursor
    return paged_json({
        "name": data["name"],
        "names": data["names"],
        "aliases": data["aliases"],
        "written_as": data["written_as"],
        "slug": slug,
        "quotes_total": data["totals"]["quotes"],
        "articles_total": data["totals"]["articles"],
        "first_quoted": data["totals"]["first"],
        "last_quoted": data["totals"]["last"],
        "talks_about": {kind: [{"value": v.value, "count": v.count, "url": data["topic_url"](kind, v.value)}
                               for v in values]
                        for kind, values in data["topics"].items()},
        "months": [{"value": v.value, "count": v.count} for v in found.months],
        "page": found.response.page,
        "pages": found.response.pages,
        "next": cursor,
        "next_url": next_url(cursor),
        "quotes": [shapes.quote_hit(hit) for hit in found.response.hits],
    })


def speaker_data(slug: str) -> dict:
    runtime = current_app.extensions["archive"]
    db = runtime.store.db
    names = names_for(db, slug)
    if not names:
        abort(404, description="Nobody with that name is quoted in this archive.")
    state = SearchState(filters={"speaker": names}, sort="newest", page=page_number(request.args.get("page")),
                        cursor=request.args.get("next", "").strip())
    found = run_search(runtime.search, state, "quotes", per_page=QUOTES_PER_PAGE)
    topics = {kind: [v for v in found.facets.get(kind, []) if v.value not in names][:10] for kind in TOPICS}
    quotes_path = url_for("pages.quotes")
    page_path = url_for("speakers.speaker", slug=slug)
    return {
        "slug": slug,
        "name": names[0],
        "names": names,
        "aliases": aliases_of(db, names),
        "written_as": [{"name": w["name"], "articles": w["articles"]} for w in written_as(db, names)],
        "totals": speaker_totals(db, names),
        "found": found,
        "topics": topics,
        "topic_url": lambda kind, value: state.adding(kind, value).with_sort("newest").href(quotes_path),
        "quotes_url": state.with_page(1).href(quotes_path),
        "chart": histogram.svg(histogram.bars(found.months),
                               lambda key: state.with_dates(key, key).href(quotes_path), noun="quote"),
        "pages": _pager(found.response, page_path),
    }


def _pager(response, path: str) -> dict:
    page, pages = response.page, response.pages
    return {
        "page": page,
        "pages": pages,
        "previous": f"{path}?page={page - 1}" if page > 1 else None,
        "next": f"{path}?page={page + 1}" if page < pages else None,
    }
