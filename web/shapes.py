"""The JSON shapes of results, articles, speakers and upload reports.

The API and each page's JSON twin (`.json` / `?format=json`) give the same
shapes. Snippets come plain (`snippet`) and as escaped HTML with <mark>
around matched words (`snippet_html`). `url` is the article's address at its
source (null when the file gave none); `archive_url` is its page here.
"""
from __future__ import annotations

from flask import url_for

from web.facets import FACETS
from web.formatting import date_provenance, marked, plain, published_text, slugify
from web.paging import next_url
from web.results import Results


def speaker_url(name: str | None) -> str | None:
    return url_for("speakers.speaker", slug=slugify(name)) if name else None


def article_hit(hit: dict) -> dict:
    return {
        "id": hit["id"],
        "title": hit["title"],
        "published": hit.get("published"),
        "published_precision": hit.get("published_precision"),
        "date": published_text(hit),
        "source": hit.get("source"),
        "dateline": hit.get("dateline"),
        "snippet": plain(hit.get("snippet")),
        "snippet_html": str(marked(hit.get("snippet"))),
        "url": hit.get("url"),
        "archive_url": url_for("articles.article", article_id=hit["id"]),
    }


def quote_hit(hit: dict) -> dict:
    return {
        "id": f"{hit['article_id']}:{hit['seq']}",
        "text": hit["text"],
        "speaker": hit.get("speaker"),
        "speaker_mention": hit.get("speaker_mention"),
        "speaker_url": speaker_url(hit.get("speaker")),
        "cue": hit.get("cue"),
        "confidence": hit.get("confidence"),
        "partial": bool(hit.get("partial")),
        "corrected": bool(hit.get("corrected")),  # a reviewer changed the speaker
        "machine_speaker": hit.get("machine_speaker"),  # the machine's guess, when corrected
        "snippet": plain(hit.get("snippet")),
        "snippet_html": str(marked(hit.get("snippet"))),
        "article_id": hit["article_id"],
        "title": hit.get("title"),
        "published": hit.get("published"),
        "published_precision": hit.get("published_precision"),
        "date": published_text(hit),
        "source": hit.get("source"),
        "url": hit.get("url"),
        "archive_url": url_for("articles.article", article_id=hit["article_id"], _anchor=f"q{hit['seq']}"),
    }


def hit_shape(kind: str):
    return quote_hit if kind == "quotes" else article_hit


def facet_values(facets: dict, state=None, path: str | None = None) -> dict:
    """Each facet's values as {"value", "count"}, cut to the size a page shows. With a
    state and the path of the answer, each also links to the same search with the value
    applied (`url`), excluded (`exclude_url`), and toggled (`toggle_url`: removed when it
    is `selected`), as the page's facet links do."""
    shaped = {}
    for name, values in facets.items():
        if state is not None and name in FACETS:
            values = values[:state.facet_size(name)]
        shaped[name] = [facet_value(v, name, state, path) for v in values]
    return shaped


def facet_value(value, name: str, state=None, path: str | None = None) -> dict:
    shaped = {"value": value.value, "count": value.count}
    if state is None or path is None:
        return shaped
    selected = value.value in state.filters.get(name, [])
    applied = state.adding(name, value.value).href(path)
    shaped.update(selected=selected, url=applied, exclude_url=state.excluding(name, value.value).href(path),
                  toggle_url=state.removing(name, value.value).href(path) if selected else applied)
    return shaped


def facets_with_more(facets: dict, state) -> list[str]:
    return [name for name in FACETS if len(facets.get(name, [])) > state.facet_size(name)]


def results(found: Results) -> dict:
    """A page of search results. Its facet values link to the same search in the API (so the
    JSON twins of the pages answer alike), its `next_url` to this request's URL continued."""
    response, state = found.response, found.state
    path = url_for("api.quotes" if found.kind == "quotes" else "api.search")
    return {
        "kind": found.kind,
        "query": {
            "q": state.q,
            "filters": state.filters,
            "excludes": state.excludes,
            "from": state.date_from or None,
            "to": state.date_to or None,
            "sort": state.effective_sort,
        },
        "total": response.total,
        "page": response.page,
        "per_page": response.per_page,
        "pages": response.pages,
        "message": response.message,
        "searched": response.searched,
        "next": response.next_cursor,
        "next_url": next_url(response.next_cursor),
        "hits": [hit_shape(found.kind)(hit) for hit in response.hits],
        "facets": facet_values(found.facets, state, path),
        "facets_with_more": facets_with_more(found.facets, state),
    }


def article(shown, versions: list[dict]) -> dict:
    """An article's JSON (`shown`: web.articles.Shown). Of a huge body `body` holds the
    annotated part, the part searched, and says so: `body_truncated`, `body_chars` (the
    whole body's length); the whole body is at `text_url`."""
    item = shown.article
    shape = item.to_dict()
    shape["body_chars"] = shown.body_chars
    shape["annotated_chars"] = shown.annotated_chars
    shape["indexed_chars"] = len(item.body)
    shape["body_truncated"] = shown.truncated
    shape["text_url"] = url_for("articles.text", article_id=item.id)
    shape["date"] = published_text(shape)
    shape["date_provenance"] = date_provenance(shape)
    shape["archive_url"] = url_for("articles.article", article_id=item.id)
    shape["original_url"] = url_for("articles.original", article_id=item.id) if item.original_sha256 else None
    for quote in shape["quotes"]:
        quote["speaker_url"] = speaker_url(quote["speaker"])
    for entity in shape["entities"]:
        entity["search_url"] = url_for("pages.search", **{entity["type"]: entity["name"]})
    shape["versions"] = [{"version": v["version"], "file": v["file"], "received_at": v["received_at"],
                          "original_sha256": v["original_sha256"]} for v in versions]
    return shape


def report(item: dict) -> dict:
    """A per-file upload report with links to the article."""
    shaped = dict(item)
    article_id = item.get("article_id")
    shaped["archive_url"] = url_for("articles.article", article_id=article_id) if article_id else None
    shaped["api_url"] = url_for("api.article", article_id=article_id) if article_id else None
    return shaped
