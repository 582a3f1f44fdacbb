"""The corrections routes (web/corrections.py) in /openapi.json: their bodies, answers and
schemas, added to the description web/openapi.py makes."""
from __future__ import annotations

from archive.corrections import ENTITY_TYPES, KINDS
from web.correcting import MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_REVIEWER_CHARS
from web.openapi import BOOLEAN, INTEGER, PATH, RATE, STRING, array, identifier, nullable, obj, ok, problem, ref

NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME_CHARS}
SIGNED = {"reviewer": {"type": "string", "minLength": 1, "maxLength": MAX_REVIEWER_CHARS,
                       "description": "who makes the correction"},
          "note": {"type": "string", "maxLength": MAX_NOTE_CHARS, "description": "why"}}


def correction_schemas() -> dict:
    """Schemas the corrections add, and fields they add to the article's quotes and entities."""
    correction = obj({
        "id": INTEGER, "kind": {"enum": list(KINDS)}, "summary": STRING, "reviewer": STRING, "note": STRING,
        "made_at": STRING, "undone_at": nullable("string"), "undone_by": nullable("string"),
        "article_id": nullable("integer"), "seq": nullable("integer"), "quote_text": nullable("string"),
        "speaker": nullable("string"), "name": nullable("string"), "names": array(STRING),
        "from": nullable("string"), "to": nullable("string"),
        "before": {"type": "object", "description": "what was shown before it, and the machine's value"},
        "articles": {**INTEGER, "description": "how many stored articles it changes now"},
        "article_url": nullable("string"), "undo_url": nullable("string")})
    return {
        "Correction": correction,
        "CorrectionResult": obj({
            "corrections": array(ref("Correction")),
            "articles_updated": {**INTEGER, "description": "stored articles rewritten and queued for the index"},
            "article_ids": {**array(INTEGER), "description": "the first 100 of them"},
            "searchable": {**BOOLEAN, "description": "whether search has the change yet (else moments later)"},
            "message": STRING}),
        "CorrectionList": obj({"total": INTEGER, "next": nullable("string"),
                               "next_url": nullable("string", format="uri"),
                               "corrections": array(ref("Correction"))}),
    }


QUOTE_FIELDS = {"seq": {**INTEGER, "description": "the quotation's number, for PATCH …/quotes/{seq}"},
                "corrected": {**BOOLEAN, "description": "a reviewer changed the speaker"},
                "machine_speaker": nullable("string", description="the machine's guess, when corrected")}
ENTITY_FIELDS = {"corrected": {**BOOLEAN, "description": "a reviewer changed this name or its type"},
                 "machine": array(obj({"name": STRING, "type": STRING}))}
ARTICLE_FIELDS = {
    "not_quotes": array(obj({"seq": INTEGER, "text": STRING, "start": INTEGER, "end": INTEGER,
                             "machine_speaker": nullable("string"), "corrected": BOOLEAN})),
    "removed_entities": array(obj({"name": STRING, "type": STRING, "corrected": BOOLEAN})),
}


def _write(summary: str, body: dict, parameters: list | None = None, conflict: bool = False) -> dict:
    unauthorized = problem("the archive has an upload token and the request did not carry it")
    unauthorized["headers"] = {"WWW-Authenticate": {"schema": STRING}}
    answers = {
        "200": {"description": "made; the stored articles it changes are rewritten and re-indexed",
                "content": {"application/json": {"schema": ref("CorrectionResult")}}},
        "400": problem("the body cannot be used; the error says what to change"),
        "401": unauthorized,
        "403": problem("a wrong token, a request from another site, or a login without its CSRF token"),
        "404": problem("no such article, quotation, person or name in this archive"),
        "429": RATE,
        "503": problem("the data folder is read-only"),
    }
    if conflict:
        answers["409"] = problem("it is that way already")
    return {"summary": summary, "tags": ["corrections"], "security": [{}, {"bearerAuth": []}],
            "parameters": parameters or [],
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": answers}


def correction_paths() -> dict:
    quote_body = obj({**SIGNED}, {"speaker": nullable("string", maxLength=MAX_NAME_CHARS,
                                                      description="who said it; null: nobody known"),
                                  "not_a_quote": {**BOOLEAN, "description": "true: the span is not a quotation; "
                                                                             "false takes that back"}})
    quote_body["required"] = ["reviewer"]
    listing = {"get": {"summary": "Every correction, newest first (undone ones too)", "tags": ["corrections"],
                       "parameters": [{"name": "next", "in": "query", "schema": STRING,
                                       "description": "a cursor from `next`"}],
                       "responses": {"200": ok("CorrectionList", "a page of corrections", paged=True),
                                     "400": problem("a cursor that cannot be read"), "429": RATE}}}
    return {
        "/api/articles/{article_id}/quotes/{seq}": {"patch": _write(
            "Correct one quotation: its speaker, or that it is not a quotation", quote_body,
            [identifier("article_id", INTEGER), identifier("seq", INTEGER)], conflict=True)},
        "/api/people/merge": {"post": _write(
            "Merge people: these names are the person `into`, in every article and those added later",
            obj({"into": NAME, "names": {**array(NAME), "minItems": 1}, "reviewer": SIGNED["reviewer"]},
                {"note": SIGNED["note"]}))},
        "/api/people/split": {"post": _write(
            "Split an alias off a person where an article never names them in full",
            obj({"name": NAME, "alias": NAME, "reviewer": SIGNED["reviewer"]}, {"note": SIGNED["note"]}))},
        "/api/entities/retype": {"post": _write(
            "Change an entity's type (`to`), or say it is none of them (null)",
            obj({"name": NAME, "from": {"enum": list(ENTITY_TYPES)}, "reviewer": SIGNED["reviewer"]},
                {"to": {"enum": [*ENTITY_TYPES, None]}, "note": SIGNED["note"]}))},
        "/api/corrections": listing,
        "/api/corrections/{correction_id}/undo": {"post": _write(
            "Undo a correction: the articles it changed get the machine's value (or an earlier correction's)",
            obj({"reviewer": SIGNED["reviewer"]}, {"note": SIGNED["note"]}),
            [identifier("correction_id", INTEGER)], conflict=True)},
    }
