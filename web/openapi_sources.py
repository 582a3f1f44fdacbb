"""The OpenAPI description of /api/sources (web/sources.py), added to web/openapi.py's."""
from __future__ import annotations

NULLABLE_STRING = {"type": ["string", "null"]}
FEED = {"type": "object", "required": ["url", "every", "status", "next_due", "error"], "properties": {
    "url": {"type": "string"}, "every": {"type": "number", "description": "minutes between polls"},
    "source": NULLABLE_STRING, "kind": NULLABLE_STRING, "last_fetch": NULLABLE_STRING,
    "status": {**NULLABLE_STRING, "description": "ok, not modified, failed; null before the first poll"},
    "next_due": {"type": "string"}, "failures": {"type": "integer", "description": "in a row"},
    "error": NULLABLE_STRING, "new_last_fetch": {"type": "integer"}, "new_last_day": {"type": "integer"}}}
FETCH = {"type": "object", "required": ["id", "url", "status"], "properties": {
    "id": {"type": "integer"}, "url": {"type": "string"}, "requested_at": {"type": "string"},
    "finished_at": NULLABLE_STRING, "status": {"enum": ["queued", "done", "failed"]},
    "summary": NULLABLE_STRING, "error": NULLABLE_STRING}}
SOURCES = {"type": "object", "required": ["feeds", "fetches", "watching"], "properties": {
    "feeds": {"type": "array", "items": FEED}, "fetches": {"type": "array", "items": FETCH},
    "watching": {"type": "boolean"}, "read_only": {"type": "boolean"}}}
CHANGED = {"type": "object", "required": ["url", "status"], "properties": {
    "url": {"type": "string"}, "status": {"type": "string"}, "fetch": {"type": "integer"},
    "status_url": {"type": "string"}}}


def _form(required: list[str], properties: dict) -> dict:
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema},
                                          "application/json": {"schema": schema}}}


def _change(summary: str, body: dict, done: str, problem) -> dict:
    unauthorized = problem("the archive has an upload token and the request did not carry it")
    return {"post": {
        "summary": summary, "tags": ["sources"], "security": [{}, {"bearerAuth": []}], "requestBody": body,
        "responses": {"202" if "fetch" in summary.lower() else "200": {
            "description": done, "content": {"application/json": {"schema": CHANGED}}},
            "400": problem("no URL, a URL that may not be fetched (not http or https, an address on this "
                           "machine's networks), or an interval that cannot be used"),
            "401": unauthorized, "403": problem("the request came from a page on another site"),
            "404": problem("(remove) the archive does not follow that URL"),
            "409": problem("the data folder is read-only"),
            "503": problem("(fetch) too many fetches are waiting already; try again in a minute")}}}


def source_paths(reading, ok_schema, problem) -> dict:
    url = {"url": {"type": "string", "description": "http or https"}}
    return {
        "/api/sources": reading("The feeds and sitemaps followed, with their health, and recent fetches",
                                {"200": ok_schema}, tags=["sources"]),
        "/api/sources/add": _change("Follow a feed or sitemap (due at once)", _form(["url"], {
            **url, "every": {"type": "number", "description": "minutes between polls (default 30)"},
            "source": {"type": "string", "description": "the publication's name"}}),
            "followed (status: following, or updated for one followed already)", problem),
        "/api/sources/remove": _change("Stop following a feed or sitemap", _form(["url"], url),
                                       "no longer followed", problem),
        "/api/sources/fetch": _change("Fetch a page, a feed or a sitemap now, in the background",
                                      _form(["url"], {**url, "source": {"type": "string"}}),
                                      "queued; the Sources page and /api/sources say how it went", problem),
    }
