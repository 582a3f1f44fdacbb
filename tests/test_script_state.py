"""Article text that a page ships as JSON data in a script, read only when the page's HTML
has none (hand-written pages)."""
from __future__ import annotations

import json

import pytest

from archive.readers import ReadError, script_state
from archive.readers.html import read_html
from archive.readers.script_state import belongs_to_the_page, reads_as_prose
from archive.timestamps import resolve_published

TITLE = "Harbour ferry returns after winter repairs"
DESCRIPTION = "The island ferry is back in service after three months in dry dock at the north quay."
PARAGRAPHS = [
    "The island ferry is back in service after three months in dry dock at the north quay, the harbour board said on Monday.",
    "Engineers replaced both propeller shafts and refitted the passenger deck, which had been closed since a storm in October.",
    "Commuters who had relied on a replacement bus over the causeway welcomed the return of the ferry and its shorter crossing.",
    "The board said the first sailing would leave the south pier at seven in the morning, with the usual timetable after that.",
]
RELATED = [
    "A new bakery has opened beside the market hall, selling bread made with flour from the mill upriver and cakes for the fair.",
    "Its owners said they had waited two years for the lease and hoped to hire four people from the town before the summer.",
    "The market hall itself will close for a week in May while the council repaints the roof and mends the old clock tower.",
]


def shell(script: str, *, head: str = "") -> bytes:
    """A page as a JavaScript site sends it: a head that describes the article, an empty body."""
    return f"""<!DOCTYPE html><html lang="en"><head><title>{TITLE} | Island News</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:description" content="{DESCRIPTION}">
<meta property="article:published_time" content="2023-02-06T09:30:00+00:00">{head}</head>
<body><div id="app"></div><noscript>Please enable JavaScript to read this site.</noscript>
{script}</body></html>""".encode()


def rich_text(paragraph: str) -> dict:
    """A paragraph as a rich-text tree, with a link in the middle of its words."""
    words = paragraph.split(" ")
    return {"type": "p", "children": [
        {"type": "text", "data": " ".join(words[:3]) + " "},
        {"type": "a", "attribs": {"href": "https://islandnews.example/ferry"},
         "children": [{"type": "text", "data": " ".join(words[3:5])}]},
        {"type": "text", "data": " " + " ".join(words[5:])},
    ]}


def apollo_state() -> dict:
    return {
        "Article:1": {"headline": TITLE, "summary": DESCRIPTION,
                      "body": {"type": "json", "json": [rich_text(p) for p in PARAGRAPHS]},
                      "image": {"url": "https://islandnews.example/ferry.jpg", "caption": "The ferry at the quay."}},
        "Article:2": {"headline": "Bakery opens by the market hall",
                      "body": {"type": "json", "json": [rich_text(p) for p in RELATED]}},
    }


def test_rich_text_in_a_window_state_is_the_article_and_its_date_counts():
    page = shell(f"<script>window.__APOLLO_STATE__={json.dumps(apollo_state())};</script>")
    draft = read_html(page)
    assert draft.paragraphs == PARAGRAPHS  # the link's words in place, the related story left out
    assert resolve_published(draft.date_candidates).value.date().isoformat() == "2023-02-06"


def test_next_data_with_a_body_as_a_list_of_strings():
    data = {"props": {"pageProps": {"article": {"title": TITLE, "body": PARAGRAPHS},
                                    "promo": {"teasers": RELATED}}}}
    page = shell(f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>')
    assert read_html(page).paragraphs == PARAGRAPHS


def test_a_body_given_as_one_string_with_line_breaks_and_html_escapes():
    body = "\n\n".join(PARAGRAPHS).replace("harbour board", "harbour&#039;s board")
    data = {"story": {"headline": TITLE, "text": body}}
    page = shell(f"<script>\nvar x = 1;\nwindow.__INITIAL_STATE__ = {json.dumps(data)};\n</script>")
    paragraphs = read_html(page).paragraphs
    assert len(paragraphs) == 4 and "harbour's board" in paragraphs[0]


def test_exact_repeats_are_dropped():
    data = {"article": {"body": PARAGRAPHS + PARAGRAPHS[:2]}}
    page = shell(f"<script>window.__PRELOADED_STATE__={json.dumps(data)}</script>")
    assert read_html(page).paragraphs == PARAGRAPHS


def test_the_pages_own_text_wins_over_its_data():
    page = shell(f"<script>window.__APOLLO_STATE__={json.dumps(apollo_state())};</script>").replace(
        b'<div id="app"></div>', b"<article><h1>Ferry</h1>" + b"".join(
            f"<p>{p}</p>".encode() for p in RELATED) + b"</article>")
    assert read_html(page).paragraphs == RELATED


def test_a_shell_without_data_is_still_refused():
    page = shell("<script>window.dataLayer = window.dataLayer || [];</script>")
    with pytest.raises(ReadError, match="its text is not in the file"):
        read_html(page)


def test_prose_that_is_not_this_pages_article_is_refused():
    data = {"site": {"about": RELATED}}
    with pytest.raises(ReadError, match="not an article"):
        read_html(shell(f"<script>window.__INITIAL_STATE__={json.dumps(data)}</script>"))


def test_a_teaser_holding_only_the_description_is_not_the_article():
    data = {"teasers": [DESCRIPTION, RELATED[0], RELATED[1], RELATED[2]]}
    with pytest.raises(ReadError, match="not an article"):
        read_html(shell(f"<script>window.__INITIAL_STATE__={json.dumps(data)}</script>"))


@pytest.mark.parametrize("script", [
    "window.__INITIAL_STATE__ = {body: " + json.dumps(PARAGRAPHS) + "};",  # JavaScript, not JSON: never run
    "window.__INITIAL_STATE__ = {\"body\": " + json.dumps(PARAGRAPHS)[:-30],  # cut short
    "window.__INITIAL_STATE__ = " + "[" * 100_000,  # nested past any parser's depth
])
def test_data_that_does_not_parse_gives_nothing(script):
    with pytest.raises(ReadError, match="not an article"):
        read_html(shell(f"<script>{script}</script>"))


def test_a_script_over_the_size_bound_is_not_parsed(monkeypatch):
    script = f"<script>window.__APOLLO_STATE__={json.dumps(apollo_state())};</script>"
    monkeypatch.setattr(script_state, "MAX_SCRIPT_CHARS", 1_000)
    with pytest.raises(ReadError, match="not an article"):
        read_html(shell(script))


@pytest.mark.parametrize("text", [
    "https://islandnews.example/2023/02/06/harbour-ferry-returns-after-winter-repairs.html",
    "<p>The island ferry is back in service after three months in dry dock.</p>",
    "&lt;p&gt;The island ferry is back in service after three months in dry dock.&lt;/p&gt;",
    ".article-body p { margin: 0 0 1em; font-family: Georgia, serif; line-height: 1.5; }",
    "d8f1c2a0-4b6e-11ed-9a1c-0242ac120002-d8f1c2a0-4b6e-11ed-9a1c",
    "Harbour ferry returns after winter repairs to the north quay",  # a headline: no sentence's end
    "The ferry is back.",  # too short to tell
])
def test_what_is_not_prose(text):
    import html
    assert not reads_as_prose(html.unescape(text))


def test_what_is_prose():
    assert all(reads_as_prose(p) for p in PARAGRAPHS)
    assert reads_as_prose("“We waited all winter for this,” said one commuter, who crosses every day.")


def test_belonging_by_the_description_or_by_most_headline_words():
    assert belongs_to_the_page(PARAGRAPHS, None, [DESCRIPTION])
    later = "The ferry returns to its berth each winter for repairs, a board member said."
    assert belongs_to_the_page(PARAGRAPHS[1:] + [later], TITLE, [])  # 5 of harbour, ferry, returns, after...
    assert not belongs_to_the_page(PARAGRAPHS[1:], TITLE, [])  # ferry, after: 2 of 6
    assert not belongs_to_the_page(RELATED, TITLE, [DESCRIPTION])
    # the description standing in the data on its own is no evidence
    assert not belongs_to_the_page([DESCRIPTION] + RELATED, None, [DESCRIPTION])
