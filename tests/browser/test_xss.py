"""An article made of script payloads, shown on every page in headless Chromium: no script runs,
and the payloads are shown as the text they are."""
from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.browser

RUN = "window.__pwned = (window.__pwned || []).concat"
PAYLOADS = {
    "title": f"<script>{RUN}(['title'])</script>Harbour <img src=x onerror=\"{RUN}(['title-img'])\">",
    "source": f"<svg onload=\"{RUN}(['source'])\"></svg>Gazette",
    "lead": f"The mayor said <script>{RUN}(['body'])</script> nothing <iframe src=\"javascript:{RUN}(['frame'])\">.",
    "quote": f"“<img src=x onerror=\"{RUN}(['quote'])\"> We will win the harbour vote,” said John Smith.",
    "tail": f"\"><svg/onload={RUN}(['attr'])> Smith added that the xsskestrel plan is ready.",
}


def upload_hostile_article(server: str) -> int:
    article = {"title": PAYLOADS["title"], "source": PAYLOADS["source"], "url": f"javascript:{RUN}(['url'])",
               "authors": [f"<b onmouseover=\"{RUN}(['author'])\">Ann</b>"],
               "text": "\n\n".join([PAYLOADS["lead"], PAYLOADS["quote"], PAYLOADS["tail"]]),
               "published": "2022-01-16T11:02:00+01:00"}
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.json\"\r\n"
            f"Content-Type: application/json\r\n\r\n{json.dumps(article)}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(server + "/api/articles", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        [report] = json.load(answer)["files"]
    assert report["status"] == "added", report
    return report["article_id"]


def test_no_payload_runs_on_any_page(page, server):
    article_id = upload_hostile_article(server)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/?q=xsskestrel", "/?q=harbour&sort=newest", "/quotes?q=harbour", f"/articles/{article_id}",
                 "/speakers", "/speakers/john-smith", "/?q=gazette&source=" + PAYLOADS["source"]):
        page.goto(path)
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        assert page.evaluate("window.__pwned === undefined"), (path, page.evaluate("window.__pwned"))
    assert dialogs == []
    page.goto(f"/articles/{article_id}")
    text = page.locator("body").inner_text()
    assert "<script>" in text and "onerror=" in text  # shown as text, not run
    assert page.locator("a[href^='javascript:']").count() == 0
