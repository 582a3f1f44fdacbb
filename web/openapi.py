"""GET /openapi.json: an OpenAPI 3.1 description of the JSON API (every /api route, and the
exports), made in code from the same names the routes use (facets, sorts, limits).

Schemas are JSON Schema 2020-12, as OpenAPI 3.1 has them: a value that may be missing is
`["string", "null"]`. Objects list the fields a client can rely on and allow more, so a new
field is not a breaking change. tests/web/test_api_conventions.py checks the description
with a validator and checks real answers of the real app against its schemas.
"""
from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, jsonify

from archive import __version__
from index.cursors import MAX_CURSOR_CHARS
from index.search import MAX_PAGE, MAX_QUERY_CHARS, SORTS
from web.facets import FACETS, FILTERABLE, MAX_PER_PAGE, PER_PAGE

bp = Blueprint("openapi", __name__)


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(description())


# Schema helpers ------------------------------------------------------------------

def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(kind: str, **more) -> dict:
    return {"type": [kind, "null"], **more}


def obj(required: dict, optional: dict | None = None, description: str | None = None) -> dict:
    """An object with these fields (required ones always present), open to more."""
    schema = {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}
    if description:
        schema["description"] = description
    return schema


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
PATH = {"type": "string", "description": "a path on this server"}


# Schemas ---------------------------------------------------------------------------

def schemas() -> dict:
    from web.openapi_corrections import ARTICLE_FIELDS, ENTITY_FIELDS, QUOTE_FIELDS, correction_schemas
    dated = {"published": nullable("string", description="ISO 8601 with the source's own offset"),
             "published_precision": nullable("string"), "date": STRING}
    facet_value = obj({"value": STRING, "count": INTEGER}, {
        "selected": BOOLEAN,
        "url": {**PATH, "description": "the same search with this value applied"},
        "exclude_url": {**PATH, "description": "the same search with this value excluded"},
        "toggle_url": {**PATH, "description": "applies the value, or removes it when selected"}})
    paging = {
        "total": INTEGER, "page": INTEGER, "per_page": INTEGER, "pages": INTEGER,
        "next": nullable("string", description="cursor of the next page (pass as `next`); null on the last"),
        "next_url": nullable("string", format="uri", description="absolute URL of the next page; null on the last"),
    }
    results = {
        "kind": {"enum": ["articles", "quotes"]},
        "query": obj({"q": STRING, "filters": {"type": "object", "additionalProperties": array(STRING)},
                      "excludes": {"type": "object", "additionalProperties": array(STRING)},
                      "from": nullable("string"), "to": nullable("string"), "sort": {"enum": list(SORTS)}}),
        **paging,
        "message": nullable("string"), "searched": nullable("string"),
        "facets": obj({name: array(ref("FacetValue")) for name in FILTERABLE}),
        "facets_with_more": array({"enum": list(FACETS)}),
    }
    article_hit = obj({"id": INTEGER, "title": STRING, **dated, "source": nullable("string"),
                       "dateline": nullable("string"), "snippet": STRING, "snippet_html": STRING,
                       "url": nullable("string"), "archive_url": PATH})
    quote_hit = obj({"id": {"type": "string", "pattern": r"^\d+:\d+$"}, "text": STRING,
                     "speaker": nullable("string"), "speaker_mention": nullable("string"),
                     "speaker_url": nullable("string"), "cue": nullable("string"), "confidence": NUMBER,
                     "partial": BOOLEAN, "corrected": BOOLEAN, "machine_speaker": QUOTE_FIELDS["machine_speaker"],
                     "snippet": STRING, "snippet_html": STRING, "article_id": INTEGER,
                     "title": nullable("string"), **dated, "source": nullable("string"),
                     "url": nullable("string"), "archive_url": PATH})
    report = obj({"file": STRING, "status": {"enum": ["added", "duplicate", "updated", "failed"]},
                  "article_id": nullable("integer"), "title": nullable("string"), "reason": nullable("string"),
                  "searchable": BOOLEAN, "published": nullable("string"), "quotes": INTEGER,
                  "archive_url": nullable("string"), "api_url": nullable("string")})
    quote = obj({"text": STRING, "start": INTEGER, "end": INTEGER, "speaker": nullable("string"),
                 "speaker_mention": nullable("string"), "cue": nullable("string"), "confidence": NUMBER,
                 "partial": BOOLEAN, "speaker_url": nullable("string"), **QUOTE_FIELDS})
    entity = obj({"name": STRING, "type": {"enum": ["person", "org", "place"]}, "count": INTEGER,
                  "aliases": array(STRING), "search_url": PATH, **ENTITY_FIELDS})
    value_count = obj({"value": STRING, "count": INTEGER}, {"url": PATH})
    return {
        "Error": obj({"error": STRING, "status": INTEGER},
                     description="Every error answer, whatever the route: the reason in plain words."),
        "FacetValue": facet_value,
        "ArticleHit": article_hit,
        "QuoteHit": quote_hit,
        "ArticleResults": obj({**results, "hits": array(ref("ArticleHit"))}),
        "QuoteResults": obj({**results, "hits": array(ref("QuoteHit"))}),
        "Quote": quote,
        "Entity": entity,
        "Article": obj({
            "id": INTEGER, "file": nullable("string"), "title": STRING, **dated,
            "published_utc": nullable("string"), "published_source": nullable("string"),
            "published_raw": nullable("string"), "source": nullable("string"), "dateline": nullable("string"),
            "url": nullable("string"), "authors": array(STRING), "language": nullable("string"),
            "attribution": {"enum": ["attributed", "not attributed for this language"],
                            "description": "whether speakers and names were looked for: not for a language "
                                           "no model reads (quotations are still found)"},
            "body": STRING, "body_chars": INTEGER, "annotated_chars": INTEGER, "indexed_chars": INTEGER,
            "body_truncated": BOOLEAN, "text_url": PATH, "date_provenance": STRING,
            "quotes": array(ref("Quote")), "entities": array(ref("Entity")), "archive_url": PATH,
            "original_url": nullable("string"), **ARTICLE_FIELDS,
            "versions": array(obj({"version": INTEGER, "file": nullable("string"), "received_at": STRING,
                                   "original_sha256": nullable("string")}))}),
        "UploadReport": report,
        "UploadResult": obj({"files": array(ref("UploadReport")),
                             "counts": {"type": "object", "additionalProperties": INTEGER},
                             "summary": STRING, "searchable": BOOLEAN, "message": STRING}),
        "JobAccepted": obj({"job": STRING, "status": {"const": "queued"}, "files_received": INTEGER,
                            "status_url": PATH, "api_status_url": PATH, "message": STRING}),
        "Job": obj({"job": STRING, "status": {"enum": ["queued", "running", "done", "failed"]},
                    "total": INTEGER, "done": INTEGER, "error": nullable("string"),
                    "counts": {"type": "object", "additionalProperties": INTEGER},
                    "current_file": nullable("string"), "entries_done": nullable("integer"),
                    "entries_total": nullable("integer"), "progress": nullable("string"),
                    "interruptions": INTEGER, "summary": STRING, "finished": BOOLEAN, "settled": BOOLEAN,
                    "files": array(ref("UploadReport")), "status_url": PATH}),
        "SpeakerList": obj({"total": INTEGER, "page": INTEGER, "pages": INTEGER, "q": STRING,
                            "next": paging["next"], "next_url": paging["next_url"],
                            "speakers": array(obj({"name": STRING, "quotes": INTEGER, "articles": INTEGER,
                                                   "url": PATH}))}),
        "Speaker": obj({"name": STRING, "names": array(STRING), "aliases": array(STRING), "slug": STRING,
                        "written_as": array(obj({"name": STRING, "articles": INTEGER})),
                        "quotes_total": INTEGER, "articles_total": INTEGER,
                        "first_quoted": nullable("string"), "last_quoted": nullable("string"),
                        "talks_about": obj({name: array(value_count) for name in ("person", "org", "place")}),
                        "months": array(value_count), "page": INTEGER, "pages": INTEGER,
                        "next": paging["next"], "next_url": paging["next_url"], "quotes": array(ref("QuoteHit"))}),
        **correction_schemas(),
        "Export": obj({"kind": {"enum": ["articles", "quotes"]}, "query": array(array(STRING)),
                       "total": INTEGER, "hits": {"type": "array"}, "exported": INTEGER, "truncated": BOOLEAN,
                       "next": nullable("string"), "next_url": nullable("string")}),
    }


# Parameters, answers ------------------------------------------------------------------

def search_parameters() -> list[dict]:
    def query(name: str, schema: dict, description: str, **more) -> dict:
        return {"name": name, "in": "query", "required": False, "schema": schema, "description": description,
                **more}

    repeatable = {"style": "form", "explode": True}
    parameters = [
        query("q", {"type": "string", "maxLength": MAX_QUERY_CHARS},
              "words, \"a phrase\", AND / OR / NOT, -word, +word, word*, and fields such as speaker:peskov"),
    ]
    for name in FILTERABLE:
        parameters.append(query(name, array(STRING), f"keep results with this {name} (repeatable)", **repeatable))
        parameters.append(query(f"-{name}", array(STRING), f"leave out results with this {name} (repeatable)",
                                **repeatable))
    parameters += [
        query("from", STRING, "first publication date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD"),
        query("to", STRING, "last publication date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD"),
        query("sort", {"enum": list(SORTS)}, "relevance (the default with a query) or newest (without), oldest"),
        query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": PER_PAGE},
              "results per page"),
        query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
              "page number, for a pager; to walk everything follow next_url instead"),
        query("next", {"type": "string", "maxLength": MAX_CURSOR_CHARS},
              "a cursor from a previous answer's `next`: the page after it (`page` is then ignored)"),
        query("more", array({"enum": list(FACETS)}), "a facet to list 100 values of instead of 10", **repeatable),
    ]
    return parameters


def problem(description: str, retry: bool = False) -> dict:
    answer = {"description": description, "content": {"application/json": {"schema": ref("Error")}}}
    if retry:
        answer["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": INTEGER}}
    return answer


def ok(schema_name: str, description: str, paged: bool = False) -> dict:
    headers = {"ETag": {"description": "for If-None-Match", "schema": STRING}}
    if paged:
        headers["Link"] = {"description": 'RFC 8288: <next_url>; rel="next", when there is a next page',
                           "schema": STRING}
    return {"description": description, "headers": headers,
            "content": {"application/json": {"schema": ref(schema_name)}}}


NOT_MODIFIED = {"description": "the answer is unchanged since the ETag sent in If-None-Match"}
RATE = problem("too many requests from this address", retry=True)
BUSY = problem("the server is busy with costly searches (wildcards, ranges, exports); try again", retry=True)
BAD_QUERY = problem("the query, a date or the cursor cannot be used; the error says what to change")


def reading(summary: str, answers: dict, parameters: list[dict] | None = None, tags: list[str] | None = None):
    return {"get": {"summary": summary, "tags": tags or [], "parameters": parameters or [],
                    "responses": {**answers, "304": NOT_MODIFIED, "429": RATE}}}


def search_path(kind: str) -> dict:
    schema = "QuoteResults" if kind == "quotes" else "ArticleResults"
    return reading(f"{kind.capitalize()} matching a search, a page at a time, with facet counts",
                   {"200": ok(schema, "a page of results", paged=True), "400": BAD_QUERY, "503": BUSY},
                   search_parameters(), ["search"])


def export_path(kind: str, fmt: str) -> dict:
    content = ({"text/csv": {"schema": STRING}} if fmt == "csv"
               else {"application/json": {"schema": ref("Export")}})
    answer = {"description": "every result, streamed; a file cut at its bounds ends by saying where the rest is",
              "headers": {"X-Total-Results": {"schema": INTEGER, "description": "all results of the search"}},
              "content": content}
    operation = {"summary": f"All {kind} of a search as {fmt.upper()} (a download)", "tags": ["export"],
                 "parameters": search_parameters(),
                 "responses": {"200": answer, "400": BAD_QUERY, "429": RATE, "503": BUSY}}
    return {"get": operation}


def identifier(name: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema}


def upload_path() -> dict:
    form = {"type": "object", "required": ["files"], "properties": {
        "files": {**array({"type": "string", "format": "binary"}), "description": "the files (repeat the field)"},
        "published": {"type": "string", "description": "publication date for all: 2022-01-16 or "
                                                       "2022-01-16T11:02+01:00"},
        "timezone": {"type": "string", "description": "for dates given without one: Europe/Paris, +01:00"},
        "source": {"type": "string", "description": "the publication's name"},
        "background": {"enum": ["0", "1"], "description": "1: always a job; 0: a ZIP answered in the request"},
    }}
    unauthorized = problem("the archive has an upload token and the request did not carry it")
    unauthorized["headers"] = {"WWW-Authenticate": {"schema": STRING}}
    operation = {
        "summary": "Add files: a report per article, or a background job for large batches",
        "tags": ["upload"],
        "security": [{}, {"bearerAuth": []}],
        "requestBody": {"required": True, "content": {"multipart/form-data": {
            "schema": form, "encoding": {"files": {"contentType": "application/octet-stream"}}}}},
        "responses": {
            "200": {"description": "stored; a report per file",
                    "content": {"application/json": {"schema": ref("UploadResult")}}},
            "202": {"description": "accepted as a background job",
                    "content": {"application/json": {"schema": ref("JobAccepted")}}},
            "400": problem("no files, or a date or time zone that cannot be read"),
            "401": unauthorized,
            "403": problem("the request came from a page on another site"),
            "413": problem("more bytes or files than one upload may hold"),
            "429": RATE,
            "503": problem("the data folder is read-only"),
            "507": problem("the disk is full"),
        },
    }
    return {"post": operation}


@lru_cache(maxsize=1)
def description() -> dict:
    from web.openapi_corrections import correction_paths
    from web.openapi_sources import SOURCES, source_paths
    not_found = problem("nothing at this address")
    articles = reading("One whole normalized article, its quotes and entities",
                       {"200": ok("Article", "the article"), "404": not_found},
                       [identifier("article_id", INTEGER)], ["articles"])
    return {
        "openapi": "3.1.0",
        "info": {"title": "News archive", "version": __version__,
                 "description": "Who said what, when: search articles and quotes, read articles, add files. "
                                "Paged answers carry `next_url` (and a Link header); follow it to walk every "
                                "result. See README.md, \"The JSON API\"."},
        "paths": {
            "/api/search": search_path("articles"),
            "/api/quotes": search_path("quotes"),
            "/api/articles": upload_path(),
            "/api/articles/{article_id}": articles,
            "/api/jobs/{job_id}": reading("The status and per-file reports of a background upload",
                                          {"200": ok("Job", "the job"), "404": not_found},
                                          [identifier("job_id", {"type": "string", "pattern": "^[0-9a-f]+$"})],
                                          ["upload"]),
            "/api/speakers": reading(
                "People who are quoted, most quoted first",
                {"200": ok("SpeakerList", "a page of speakers", paged=True), "400": BAD_QUERY},
                [{"name": "q", "in": "query", "schema": STRING, "description": "part of a name"},
                 {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                 {"name": "next", "in": "query", "schema": STRING, "description": "a cursor from `next`"}],
                ["speakers"]),
            "/api/speakers/{slug}": reading(
                "One person: quotes (newest first), aliases, who and what they talk about",
                {"200": ok("Speaker", "the person and a page of their quotes", paged=True), "400": BAD_QUERY,
                 "404": not_found},
                [identifier("slug", STRING),
                 {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                 {"name": "next", "in": "query", "schema": STRING, "description": "a cursor from `next`"}],
                ["speakers"]),
            **correction_paths(),
            **source_paths(reading, {"description": "the sources", "content": {"application/json": {
                "schema": SOURCES}}}, problem),
            **{f"/{route}/export.{fmt}": export_path(kind, fmt)
               for kind, route in (("articles", "search"), ("quotes", "quotes")) for fmt in ("csv", "json")},
        },
        "components": {
            "schemas": schemas(),
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "ARCHIVE_UPLOAD_TOKEN; needed to add files only when the server has one"}},
        },
    }
