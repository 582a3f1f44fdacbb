"""The current results as a file to keep: CSV for a spreadsheet, JSON for a program.

Up to results.EXPORT_LIMIT rows; the file says when there were more. Cells that
a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an
apostrophe, the usual defence against CSV formula injection.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

from flask import Response

from web import shapes
from web.facets import SearchState
from web.results import all_hits

ARTICLE_COLUMNS = ("id", "title", "date", "published", "published_precision", "source", "dateline",
                   "url", "archive_url", "snippet")
QUOTE_COLUMNS = ("id", "speaker", "text", "cue", "confidence", "speaker_mention", "article_id", "title",
                 "date", "published", "published_precision", "source", "url", "archive_url")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def download(service, state: SearchState, kind: str, fmt: str) -> Response:
    total, hits = all_hits(service, state, kind)
    rows = [shapes.hit_shape(kind)(hit) for hit in hits]
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    filename = f"{kind}-{stamp}.{fmt}"
    if fmt == "csv":
        body = as_csv(rows, QUOTE_COLUMNS if kind == "quotes" else ARTICLE_COLUMNS)
        mimetype = "text/csv; charset=utf-8"
    else:
        body = json.dumps({"kind": kind, "query": state.params(), "total": total, "exported": len(rows),
                           "truncated": total > len(rows), "hits": rows}, ensure_ascii=False, indent=1)
        mimetype = "application/json"
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Total-Results"] = str(total)
    response.headers["X-Exported-Results"] = str(len(rows))
    return response


def as_csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return "\ufeff" + out.getvalue()  # the BOM tells spreadsheets the file is UTF-8


def safe_cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
