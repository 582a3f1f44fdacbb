"""The current results as a file to keep: CSV for a spreadsheet, JSON for a program.

A file is written as its rows are made (streamed), from one finding of the matching set and
its order (SearchService.export). Every export is a costly search: it holds one of the
server's two costly-search slots (web/guards.py) while its rows are made, so one file is
bounded: at most EXPORT_ROWS rows and EXPORT_SECONDS of making them. A file cut short ends
by saying so, with the URL of the rest: the same export continued at a cursor (`next`),
as the JSON API's `next_url` continues a search.

- CSV: a last row of one cell, `# truncated: 20,000 of 51,234 results; the rest: <url>`.
- JSON: `"truncated": true`, `"next"` (the cursor) and `"next_url"` after the hits.

Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an
apostrophe, the usual defence against CSV formula injection.
"""
from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime, timezone

from flask import Response, request, stream_with_context

from index.budget import QueryError
from web import shapes
from web.facets import SearchState
from web.guards import costly_search
from web.paging import next_url

EXPORT_ROWS = 50_000
EXPORT_PAGE = 100
# The rows of one file are made for at most this long (then it says it was cut): the export
# holds a costly-search slot meanwhile, and there are two.
EXPORT_SECONDS = 20.0

ARTICLE_COLUMNS = ("id", "title", "date", "published", "published_precision", "source", "dateline",
                   "url", "archive_url", "snippet")
QUOTE_COLUMNS = ("id", "speaker", "text", "cue", "confidence", "speaker_mention", "article_id", "title",
                 "date", "published", "published_precision", "source", "url", "archive_url", "corrected",
                 "machine_speaker")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportRows:
    """The rows of one export file as they are made, then where they stopped."""

    def __init__(self, export, kind: str, seconds: float, release):
        self.export = export
        self.shape = shapes.hit_shape(kind)
        self.seconds = seconds
        self.release = release
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        deadline = time.monotonic() + self.seconds
        try:
            for page in self.export.pages:
                for hit in page:
                    self.count += 1
                    yield self.shape(hit)
                if time.monotonic() > deadline:
                    break
        except QueryError:
            pass  # a page past its search budget: the file ends here and says where to go on
        finally:
            self.release()  # the slot is free for others while the file's end is written

    @property
    def truncated(self) -> bool:
        return self.count < self.export.following

    @property
    def next_cursor(self) -> str | None:
        return self.export.cursor_after(self.count)

    def rest_url(self) -> str:
        """Where the rest is: this export continued after its last row (or again, if it has none)."""
        return next_url(self.next_cursor) or request.url


def download(service, state: SearchState, kind: str, fmt: str, rows: int = EXPORT_ROWS,
             seconds: float = EXPORT_SECONDS) -> Response:
    """The export of this search (from its cursor, `state.cursor`, when it has one) as a
    streamed download. Raises QueryError (the query or the cursor cannot be used) and the
    costly-search gate's 429 / 503 before anything is sent."""
    slot = ExitStack()
    slot.enter_context(costly_search())
    try:
        request = state.to_request(kind, per_page=EXPORT_PAGE, with_facets=False)
        export = service.export(request, rows, page_size=EXPORT_PAGE)
    except BaseException:
        slot.close()
        raise
    made = ExportRows(export, kind, seconds, slot.close)
    if fmt == "csv":
        body, mimetype = csv_lines(made, QUOTE_COLUMNS if kind == "quotes" else ARTICLE_COLUMNS), "text/csv"
    else:
        body, mimetype = json_parts(made, kind, state), "application/json"
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.call_on_close(slot.close)  # a download abandoned before its end
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.{fmt}"'
    response.headers["X-Total-Results"] = str(export.total)
    return response


def csv_lines(made: ExportRows, columns: tuple[str, ...]) -> Iterator[str]:
    yield "\ufeff" + csv_row(columns)  # the BOM tells spreadsheets the file is UTF-8
    for row in made:
        yield csv_row([safe_cell(row.get(column)) for column in columns])
    if made.truncated:
        yield csv_row([f"# truncated: {made.count:,} of {made.export.total:,} results; the rest: {made.rest_url()}"])


def csv_row(cells) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


def json_parts(made: ExportRows, kind: str, state: SearchState) -> Iterator[str]:
    head = {"kind": kind, "query": state.for_export().params(), "total": made.export.total}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": ['
    for number, row in enumerate(made):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    tail = {"exported": made.count, "truncated": made.truncated, "next": made.next_cursor,
            "next_url": made.rest_url() if made.truncated else None}
    yield "\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n"


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
