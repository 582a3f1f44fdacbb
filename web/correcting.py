"""Making and undoing corrections from a request: who may, reading what they sent into a
Correction (a clear 400 or 404 for anything that cannot be used), applying it in one
transaction, and getting the articles it rewrote indexed by the server's one writer.

The same functions serve the JSON API (a JSON body, `Authorization: Bearer <token>`) and
the pages' forms (form fields, the login and the session's CSRF token).
"""
from __future__ import annotations

import unicodedata

from flask import current_app, url_for

from archive.corrections import (ENTITY_TYPES, Correction, add_correction, articles_changed, get_correction,
                                 known_names, machine_annotations, undo_correction)
from archive.corrections.records import now
from archive.model import Quote
from web import security

SQLITE_MAX_INTEGER = 2 ** 63 - 1
MAX_NAME_CHARS = 200
MAX_REVIEWER_CHARS = 100
MAX_NOTE_CHARS = 2000
MAX_MERGED_NAMES = 50
# Characters that reorder the text around them ("txt.exe" shown as "exe.txt").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
KIND_WORDS = {"person": "a person", "org": "an organization", "place": "a place"}
# A correction that rewrote at most this many articles waits this long for the index, as an
# upload does; a larger one is indexed in the background, in the index writer's batches.
WAIT_FOR_INDEX_ARTICLES = 50
WAIT_FOR_INDEX_SECONDS = 10.0


class CorrectionProblem(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _runtime():
    return current_app.extensions["archive"]


# Who may ------------------------------------------------------------------------------------

def refusal(api: bool) -> tuple[str, int] | None:
    """Why this request may not correct the archive, with the status (401: no credentials,
    403: wrong ones, or a logged-in browser without the session's CSRF token); None if it may.
    The API takes the upload token as a bearer token, or the browser's login with the CSRF
    header; a form takes the login and its CSRF field."""
    if not security.token_required():
        return None if api or security.csrf_ok() else _no_csrf()
    given = security.bearer_token()
    if given is not None:
        return None if security.checked_token(given) else ("That is not the upload token.", 403)
    if not security.may_change():
        return ("Correcting the archive needs the upload token: send 'Authorization: Bearer <token>', "
                "or log in.", 401)
    return None if security.csrf_ok() else _no_csrf()


def may_correct() -> bool:
    """Whether the pages should offer this browser the forms (the token is open, or it logged in)."""
    return not security.token_required() or security.logged_in()


def _no_csrf() -> tuple[str, int]:
    return "This form has expired or did not come from this site. Reload the page and try again.", 403


# Reading what was sent ------------------------------------------------------------------------

def text_field(values: dict, name: str, limit: int = MAX_NAME_CHARS, required: bool = True) -> str | None:
    value = values.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CorrectionProblem(f"'{name}' is missing: give it as text.")
        return None
    if not isinstance(value, str):
        raise CorrectionProblem(f"'{name}' must be text.")
    value = " ".join(value.split())
    if any(unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS for c in value):
        raise CorrectionProblem(f"'{name}' holds control characters; give plain text.")
    if len(value) > limit:
        raise CorrectionProblem(f"'{name}' is too long: at most {limit:,} characters.")
    return value


def signed(values: dict) -> dict:
    """Who made a correction and why."""
    return {"reviewer": text_field(values, "reviewer", MAX_REVIEWER_CHARS),
            "note": text_field(values, "note", MAX_NOTE_CHARS, required=False) or ""}


def boolean(values: dict, name: str) -> bool:
    value = values.get(name) or False
    if isinstance(value, str) and value.lower() in ("", "0", "false", "no", "off", "1", "true", "yes", "on"):
        return value.lower() in ("1", "true", "yes", "on")
    if not isinstance(value, bool):
        raise CorrectionProblem(f"'{name}' must be true or false.")
    return value


def quote_corrections(article_id: int, seq: int, values: dict) -> tuple[list[Correction], list[int]]:
    """What a PATCH of one quotation asks for: (corrections to make, corrections to undo). A
    speaker (a name, or null for nobody), or that it is not a quotation; `not_a_quote: false`
    on one marked so takes that mark back."""
    if not isinstance(values, dict):
        raise CorrectionProblem("Send a JSON object: {\"speaker\": \"Name\" | null, \"not_a_quote\": false, "
                                "\"reviewer\": \"...\", \"note\": \"...\"}.")
    db = _runtime().store.db
    quote = machine_quote(db, article_id, seq)
    who = signed(values)
    not_a_quote = boolean(values, "not_a_quote")
    wants_speaker = "speaker" in values
    if not_a_quote and wants_speaker and values["speaker"] is not None:
        raise CorrectionProblem("A span that is not a quotation has no speaker: send one or the other.")
    if not wants_speaker and "not_a_quote" not in values:
        raise CorrectionProblem("Nothing to correct: send 'speaker' (a name, or null) or 'not_a_quote'.")
    shown = db.execute("SELECT speaker FROM quotes WHERE article_id = ? AND seq = ?", (article_id, seq)).fetchone()
    where = {"article_id": article_id, "seq": seq, "quote_text": quote.text, "quote_start": quote.start,
             "quote_end": quote.end, **who}
    if not_a_quote:
        if shown is None:
            raise CorrectionProblem(f"Quotation {seq} is marked as not a quotation already.", 409)
        return [Correction(id=0, kind="not_a_quote", made_at="", **where,
                           before={"speaker": shown["speaker"], "machine_speaker": quote.speaker})], []
    undone = [] if shown else not_a_quote_marks(db, article_id, seq)  # a quotation again
    made = []
    current = shown["speaker"] if shown else quote.speaker
    speaker = text_field(values, "speaker", required=False) if wants_speaker else current
    if speaker != current:
        made.append(Correction(id=0, kind="speaker", made_at="", speaker=speaker, **where,
                               before={"speaker": current, "machine_speaker": quote.speaker}))
    if not made and not undone:
        raise CorrectionProblem(f"Nothing changes: quotation {seq} is shown that way already.")
    return made, undone


def machine_quote(db, article_id: int, seq: int) -> Quote:
    """The machine's quotation `seq` of an article (also one a reviewer said is not one)."""
    if not 0 < article_id <= SQLITE_MAX_INTEGER or \
            db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise CorrectionProblem(f"There is no article {article_id} in this archive.", 404)
    machine = machine_annotations(db, article_id)
    if machine:
        found = next((q for q in machine[0] if q.seq == seq), None)
    else:
        row = db.execute("SELECT * FROM quotes WHERE article_id = ? AND seq = ?",
                         (article_id, min(seq, SQLITE_MAX_INTEGER))).fetchone()
        found = Quote(row["text"], row["start"], row["end"], speaker=row["speaker"], seq=seq) if row else None
    if found is None:
        raise CorrectionProblem(f"Article {article_id} has no quotation {seq}.", 404)
    return found


def not_a_quote_marks(db, article_id: int, seq: int) -> list[int]:
    rows = db.execute("SELECT id FROM corrections WHERE kind = 'not_a_quote' AND undone_at IS NULL "
                      "AND article_id = ? AND seq = ?", (article_id, seq))
    return [row[0] for row in rows]


def merge_correction(values: dict) -> Correction:
    into = text_field(values, "into")
    names = values.get("names")
    if isinstance(names, str):
        names = [part for part in names.split("\n")]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise CorrectionProblem("'names' must be a list of the names to merge into 'into'.")
    names = list(dict.fromkeys(text_field({"names": n}, "names") for n in names if n.strip()))
    names = [n for n in names if n != into]
    if not names or len(names) > MAX_MERGED_NAMES:
        raise CorrectionProblem(f"Give 1 to {MAX_MERGED_NAMES} names other than 'into' to merge into it.")
    db = _runtime().store.db
    unknown = [n for n in names if n not in known_names(db, [n])]
    if unknown:
        raise CorrectionProblem(f"Nobody in this archive is named {_listed(unknown)}.", 404)
    return Correction(id=0, kind="merge", made_at="", name=into, names=names, **signed(values),
                      before={"names": names})


def split_correction(values: dict) -> Correction:
    person, alias = text_field(values, "name"), text_field(values, "alias")
    if alias == person:
        raise CorrectionProblem("The alias to split off must differ from the person's name.")
    if not known_names(_runtime().store.db, [person]):
        raise CorrectionProblem(f"Nobody in this archive is named {_listed([person])}.", 404)
    return Correction(id=0, kind="split", made_at="", name=person, names=[alias], **signed(values),
                      before={"name": person, "alias": alias})


def retype_correction(values: dict) -> Correction:
    name = text_field(values, "name")
    from_type = values.get("from")
    to_type = values.get("to") or None
    if from_type not in ENTITY_TYPES:
        raise CorrectionProblem(f"'from' must be one of {', '.join(ENTITY_TYPES)}.")
    if to_type is not None and to_type not in ENTITY_TYPES:
        raise CorrectionProblem(f"'to' must be one of {', '.join(ENTITY_TYPES)}, or null to say it is none of them.")
    if to_type == from_type:
        raise CorrectionProblem("'to' is the type it has already.")
    if not known_names(_runtime().store.db, [name], from_type):
        raise CorrectionProblem(f"This archive has no {from_type} named {_listed([name])}.", 404)
    return Correction(id=0, kind="retype", made_at="", name=name, from_type=from_type, to_type=to_type,
                      **signed(values), before={"type": from_type})


def _listed(names: list[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


# Applying ------------------------------------------------------------------------------------

def apply(corrections: list[Correction], to_undo: list[int] = (), reviewer: str = "") -> dict:
    """Make these corrections (and undo those) in one transaction; the answer of a write."""
    store = _runtime().store
    made, rewritten = [], set()
    with store.transaction() as db:
        for correction_id in to_undo:
            undone, ids = undo_correction(db, correction_id, reviewer)
            made.append(undone)
            rewritten.update(ids)
        for correction in corrections:
            correction.made_at = now()
            correction, ids = add_correction(db, correction)
            made.append(correction)
            rewritten.update(ids)
    return answer(made, sorted(rewritten))


def undo(correction_id: int, values: dict) -> dict:
    store = _runtime().store
    reviewer = signed(values)["reviewer"]
    found = get_correction(store.db, correction_id)
    if found is None:
        raise CorrectionProblem(f"There is no correction {correction_id}.", 404)
    if found.undone_at:
        raise CorrectionProblem(f"Correction {correction_id} was undone already ({found.undone_at}, "
                                f"by {found.undone_by}).", 409)
    with store.transaction() as db:
        undone, rewritten = undo_correction(db, correction_id, reviewer)
    return answer([undone], rewritten)


def answer(made: list[Correction], rewritten: list[int]) -> dict:
    """The corrections made, how many articles they rewrote, and whether search has them yet."""
    runtime = _runtime()
    runtime.indexer.notify()
    searchable = not rewritten
    if rewritten and len(rewritten) <= WAIT_FOR_INDEX_ARTICLES:
        searchable = runtime.wait_until_searchable(rewritten, WAIT_FOR_INDEX_SECONDS)
    count = len(rewritten)
    articles = f"{count:,} article{'s' if count != 1 else ''}"
    if not count:
        message = "Recorded; no stored article changes."
    elif searchable:
        message = f"Corrected in {articles}; search has the change."
    else:
        message = f"Corrected in {articles}; search is being updated in the background."
    changed = articles_changed(runtime.store.db, [c.id for c in made])
    return {"corrections": [shape(c, changed.get(c.id, 0)) for c in made], "articles_updated": count,
            "article_ids": rewritten[:100], "searchable": searchable, "message": message}


# Shapes ----------------------------------------------------------------------------------------

def describe(correction: Correction) -> str:
    """The correction in a sentence."""
    if correction.kind == "speaker":
        said = f"“{_short(correction.quote_text)}”"
        return f"{said}: said by {correction.speaker}" if correction.speaker else f"{said}: speaker unknown"
    if correction.kind == "not_a_quote":
        return f"“{_short(correction.quote_text)}” is not a quotation"
    if correction.kind == "merge":
        return f"{_listed(correction.names)} merged into “{correction.name}”"
    if correction.kind == "split":
        return f"“{correction.names[0]}” split off “{correction.name}”"
    was = KIND_WORDS[correction.from_type]
    if correction.to_type is None:
        return f"“{correction.name}” is not {was}, nor any other kind of name listed"
    return f"“{correction.name}” is {KIND_WORDS[correction.to_type]}, not {was}"


def _short(text: str | None, limit: int = 80) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def shape(correction: Correction, articles: int) -> dict:
    quote_url = (url_for("articles.article", article_id=correction.article_id, _anchor=f"q{correction.seq}")
                 if correction.article_id is not None else None)
    return {
        "id": correction.id, "kind": correction.kind, "summary": describe(correction),
        "reviewer": correction.reviewer, "note": correction.note, "made_at": correction.made_at,
        "undone_at": correction.undone_at, "undone_by": correction.undone_by,
        "article_id": correction.article_id, "seq": correction.seq, "quote_text": correction.quote_text,
        "speaker": correction.speaker, "name": correction.name, "names": correction.names,
        "from": correction.from_type, "to": correction.to_type, "before": correction.before,
        "articles": articles, "article_url": quote_url,
        "undo_url": None if correction.undone_at else url_for("corrections.api_undo", correction_id=correction.id),
    }

