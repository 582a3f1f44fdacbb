"""One article: its text with the quotes marked, its entities, its timestamp and
where that came from, and the original file as it was uploaded.

Of a huge body the page and the JSON show the annotated part (what is annotated and
searched, archive.normalize.ANNOTATED_CHARS), say so, and link to the whole body as
plain text (`/articles/<id>/text`); the body is never loaded whole for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, send_file

from archive.model import Article
from archive.normalize import annotated_end
from archive.store import ANNOTATED_PREFIX_CHARS
from web import shapes
from web.correcting import may_correct
from web.formatting import date_provenance, published_text, slugify
from web.ingest import display_name
from web.review import mark_article_json, review_of

bp = Blueprint("articles", __name__)

SQLITE_MAX_INTEGER = 2 ** 63 - 1
ENTITY_HEADINGS = {"person": "People", "org": "Organizations", "place": "Places"}


@dataclass
class Segment:
    text: str
    quote: int | None = None  # position in article.quotes when this text is quoted
    quote_starts: bool = False  # the first segment of its quote (carries the anchor)
    quote_ends: bool = False  # the last one
    speaker_tag: bool = False  # followed by the speaker's name (once per run of one speaker's quotes)


@dataclass
class Shown:
    """What the page and the JSON show of an article: `article` with its body cut to the
    annotated part and the quotes in it (all of an ordinary article), and how long the
    whole body is."""

    article: Article
    body_chars: int  # the whole body's length
    annotated_chars: int  # how much of it quotes and entities were looked for in

    @property
    def truncated(self) -> bool:
        return len(self.article.body) < self.body_chars

    def note(self) -> str:
        """What a page says of a cut body."""
        shown = len(self.article.body)
        done = "shown, searched and annotated" if self.annotated_chars <= shown else "shown and searched"
        return f"This article is {self.body_chars:,} characters long; the first {shown:,} are {done}."


def not_found(article_id: int):
    abort(404, description=f"There is no article {article_id} in this archive.")


def find_article(article_id: int, body_chars: int | None = None) -> Article:
    """The stored article (404 when there is none); `body_chars`: only that start of its body."""
    found = current_app.extensions["archive"].store.get(article_id, body_chars) \
        if 0 < article_id <= SQLITE_MAX_INTEGER else None
    if found is None:
        not_found(article_id)
    return found


def shown_article(article_id: int) -> Shown:
    """The article as its page and JSON show it; of a huge body only the start is read."""
    item = find_article(article_id, body_chars=ANNOTATED_PREFIX_CHARS)
    extent = current_app.extensions["archive"].store.body_extent(article_id)
    if extent is None:  # removed between the two reads
        not_found(article_id)
    end = annotated_end(item.body)
    if end < len(item.body):
        item.body = item.body[:end]
        # Quotes are in text order; one annotated before bodies were bounded may lie beyond.
        item.quotes = list(takewhile(lambda quote: quote.end <= end, item.quotes))
    return Shown(item, extent.body_chars, extent.annotated_chars)


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    if request.args.get("format") == "json":
        return article_json(article_id)
    shown = shown_article(article_id)
    item = shown.article
    versions = current_app.extensions["archive"].store.versions(article_id)
    record = item.to_dict()
    return render_template(
        "article.html", article=item, shown=shown, paragraphs=marked_paragraphs(item),
        review=review_of(current_app.extensions["archive"].store.db, item), may_correct=may_correct(),
        date=published_text(record), provenance=date_provenance(record),
        updated=published_text(record, "updated_"), updated_provenance=date_provenance(record, "updated_"),
        entities=entity_groups(item), versions=versions, slugify=slugify)


@bp.get("/articles/<int:article_id>.json")
def article_json(article_id: int):
    shown = shown_article(article_id)
    store = current_app.extensions["archive"].store
    return jsonify(mark_article_json(shapes.article(shown, store.versions(article_id)), shown.article,
                                     review_of(store.db, shown.article)))


@bp.get("/articles/<int:article_id>/text")
def text(article_id: int):
    """The whole body as plain UTF-8 text, streamed from the store (a huge one is never held
    in memory whole); shown by the browser, with nothing it may run or load."""
    found = current_app.extensions["archive"].store.body_utf8(article_id) \
        if 0 < article_id <= SQLITE_MAX_INTEGER else None
    if found is None:
        not_found(article_id)
    size, chunks = found
    response = Response(chunks, content_type="text/plain; charset=utf-8")
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.get("/articles/<int:article_id>/original")
def original(article_id: int):
    """The file as uploaded, always as a download: never rendered by the browser."""
    item = find_article(article_id, body_chars=0)
    store = current_app.extensions["archive"].store
    path = store.original_path(item.original_sha256) if item.original_sha256 else None
    if path is None or not path.is_file():
        abort(404, description="The original file of this article is not kept in this archive.")
    response = send_file(path, mimetype="application/octet-stream", as_attachment=True,
                         download_name=download_name(item), max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def download_name(item: Article) -> str:
    """The uploaded file's own name, without folders, the "#2" of an item inside a feed, or
    characters that hide or reorder text (a right-to-left override makes "txt.exe" look like
    "exe.txt"): names stored by a CLI ingest or before uploads were cleaned may hold them."""
    name = display_name((item.file or "").split("#", 1)[0]).rsplit("/", 1)[-1].strip()
    return name if item.file and name != "unnamed" else f"article-{item.id}"


def marked_paragraphs(item: Article) -> list[list[Segment]]:
    """The body's paragraphs, cut into plain and quoted segments.

    Quote offsets index into the body; a quote running over a paragraph break is
    marked in each paragraph it touches. Overlapping or out-of-range spans are
    left unmarked rather than guessed at.
    """
    body = item.body or ""
    spans = []
    covered_until = 0
    for number, quote in sorted(enumerate(item.quotes), key=lambda pair: (pair[1].start, pair[1].end)):
        if 0 <= quote.start < quote.end <= len(body) and quote.start >= covered_until:
            spans.append((quote.start, quote.end, number))
            covered_until = quote.end
    paragraphs: list[list[Segment]] = []
    position = 0
    for text in body.split("\n\n"):
        start, end = position, position + len(text)
        position = end + 2
        segments: list[Segment] = []
        cursor = start
        for span_start, span_end, number in spans:
            if span_end <= start or span_start >= end:
                continue
            lo, hi = max(span_start, start), min(span_end, end)
            if lo > cursor:
                segments.append(Segment(body[cursor:lo]))
            segments.append(Segment(body[lo:hi], number, quote_starts=span_start >= start,
                                    quote_ends=span_end <= end))
            cursor = hi
        if cursor < end:
            segments.append(Segment(body[cursor:end]))
        _tag_speakers(segments, item)
        if segments:
            paragraphs.append(segments)
    return paragraphs


def _tag_speakers(segments: list[Segment], item: Article) -> None:
    """Name the speaker after the last of consecutive quotes by the same person in a paragraph."""
    endings = [s for s in segments if s.quote is not None and s.quote_ends]
    for this, following in zip(endings, endings[1:] + [None]):
        speaker = item.quotes[this.quote].speaker
        this.speaker_tag = bool(speaker) and (following is None or item.quotes[following.quote].speaker != speaker)


def entity_groups(item: Article) -> list[tuple[str, str, list]]:
    """(type, heading, entities) for each type the article names, most mentioned first."""
    groups = []
    for kind, heading in ENTITY_HEADINGS.items():
        found = sorted((e for e in item.entities if e.type == kind), key=lambda e: (-e.count, e.name))
        if found:
            groups.append((kind, heading, found))
    return groups
