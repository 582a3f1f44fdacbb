"""Cursors: how far a walk through a search's results has got, as an opaque token.

A cursor names the last hit a client has been given by its place in the order (the
sort key: the score in relevance order, the date in date order) and its identity (the
article id; a quote's article id and seq), never by its position in a list. The next
page is the hits that come after that place in the order (key, identity), found by one
comparison over the matching set: page N of a walk costs what page 1 does.

The token is URL-safe base64 (without padding) of compact JSON, e.g.

    {"v": 1, "o": "newest", "k": -1641909720, "i": 42, "n": 20, "s": "3f2a…", "x": "9c1d…"}

`o` the sort, `k` the key (smaller comes first: a date in `newest` order and a score are
negated), `i` the identity, `n` how many hits came before the next page, `s` a fingerprint
of the search (a cursor only continues the search it came from), `x` the state of the index
when the walk began (relevance order only: scores depend on the whole archive).
Clients treat it as opaque; its contents may change between versions.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from index.budget import QueryError

VERSION = 1
MAX_CURSOR_CHARS = 1000


@dataclass(frozen=True)
class Cursor:
    sort: str
    key: int | float
    identity: int
    offset: int  # hits before the page that follows the cursor
    search: str  # fingerprint of the search (search_fingerprint)
    index_state: str | None = None  # relevance order: the index the scores were made on


def encode(cursor: Cursor) -> str:
    fields = {"v": VERSION, "o": cursor.sort, "k": cursor.key, "i": cursor.identity, "n": cursor.offset,
              "s": cursor.search}
    if cursor.index_state is not None:
        fields["x"] = cursor.index_state
    return pack(fields)


def decode(token: str) -> Cursor:
    """Raises QueryError (a 400 for the client) for a token this server did not make."""
    fields = unpack(token)
    key, identity, offset = fields.get("k"), fields.get("i"), fields.get("n")
    numbers = isinstance(key, (int, float)) and not isinstance(key, bool) and key == key  # not NaN
    if fields.get("v") != VERSION or not numbers or type(identity) is not int or type(offset) is not int \
            or offset < 0:
        raise unreadable()
    sort, search, state = fields.get("o"), fields.get("s"), fields.get("x")
    if not isinstance(sort, str) or not isinstance(search, str) or not isinstance(state, (str, type(None))):
        raise unreadable()
    return Cursor(sort, key, identity, offset, search, state)


def pack(fields: dict) -> str:
    """A JSON object as an opaque token for a URL."""
    data = json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unpack(token: str) -> dict:
    """The JSON object of a token made by `pack`; QueryError for anything else."""
    if len(token) > MAX_CURSOR_CHARS:
        raise unreadable()
    try:
        fields = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise unreadable() from None
    if not isinstance(fields, dict):
        raise unreadable()
    return fields


def unreadable() -> QueryError:
    return QueryError("The 'next' cursor cannot be read: pass on the value a previous answer gave "
                      "(its next_url), or start again without it.")


def search_fingerprint(kind: str, sort: str, q: str, filters: dict, excludes: dict,
                       date_from: str | None, date_to: str | None) -> str:
    """What a cursor must continue: the same results in the same order (not the page size)."""
    described = json.dumps([kind, sort, q.strip(), sorted((k, sorted(v)) for k, v in filters.items() if v),
                            sorted((k, sorted(v)) for k, v in excludes.items() if v), date_from or "",
                            date_to or ""], ensure_ascii=False)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]
