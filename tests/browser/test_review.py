"""A reviewer corrects a speaker in headless Chromium against the real server, sees the
mark and the machine's guess, finds the correction on the Corrections page and undoes it.
The article is this test's own upload, so the seed stays as the other tests expect it."""
from __future__ import annotations

import json
import re
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def upload(server: str, name: str, text: str) -> int:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n").encode("utf-8")
    request = urllib.request.Request(f"{server}/api/articles", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)["files"][0]["article_id"]


def test_a_reviewer_corrects_a_speaker_and_undoes_it(page, server, screenshot):
    article_id = upload(server, "pier.txt", "Pier reopens in Brightsea\n\n“The pier will reopen in May,” "
                                            "said Harriet Vane, the harbour master of Brightsea.")
    page.goto(f"/articles/{article_id}")
    quote = page.locator(".article-quotes li").first
    machine = quote.locator(".speaker").inner_text().strip()
    quote.locator("details.correct summary").click()
    quote.locator("input[name=speaker]").fill("Peter Wimsey")
    quote.locator("input[name=reviewer]").fill("Ana Reviewer")
    quote.locator("input[name=note]").fill("the council's minutes say so")
    quote.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/articles/{article_id}#q0$"))
    corrected = page.locator(".article-quotes li").first
    expect(corrected.locator("a.speaker")).to_have_text("Peter Wimsey")
    expect(corrected.locator(".corrected")).to_be_visible()
    expect(corrected.locator(".machine-guess")).to_contain_text(machine or "speaker unknown")
    screenshot(page, "corrected-quote")

    page.goto("/quotes?q=pier")
    expect(page.locator(".quote-hits .speaker").first).to_have_text("Peter Wimsey")

    page.click("nav >> text=Corrections")
    newest = page.locator(".corrections > li").first
    expect(newest).to_contain_text("said by Peter Wimsey")
    expect(newest).to_contain_text("by Ana Reviewer")
    expect(newest.locator("input[name=reviewer]")).to_have_value("Ana Reviewer")  # remembered
    screenshot(page, "corrections")
    newest.locator("button", has_text="Undo").click()
    expect(page.locator(".corrections > li").first).to_contain_text("Undone by Ana Reviewer")

    page.goto(f"/articles/{article_id}")
    expect(page.locator(".article-quotes li .corrected")).to_have_count(0)
    assert page.problems == []
