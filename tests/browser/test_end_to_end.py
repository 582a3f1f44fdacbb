"""What a user does, in headless Chromium against the real server and the seed article."""
from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PESKOV = "Dmitry Peskov"


def test_search_a_word_from_the_seed(page, screenshot):
    page.goto("/")
    page.fill("#q", "divergent")
    page.press("#q", "Enter")
    expect(page.locator(".results .total")).to_have_text("1 article")
    expect(page.locator(".article-hits h3 a")).to_contain_text("Russians and Westerners")
    expect(page.locator(".snippet mark").first).to_have_text(re.compile("divergent", re.I))
    expect(page.locator(".article-hits .date")).to_have_text("Posted at 11:02, date unknown")
    expect(page.locator('.facet-speaker a.facet-value[data-value="Dmitry Peskov"]')).to_be_visible()
    expect(page.locator("select[name=sort] option:checked")).to_have_text("relevance")
    screenshot(page, "search")
    page.select_option("select[name=sort]", "oldest")  # applies at once (static/search.js)
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator("#q")).to_have_value("divergent")
    assert page.problems == []


def test_the_speaker_facet_keeps_only_his_quotes_and_back_undoes_it(page, screenshot):
    page.goto("/quotes")
    everyone = page.locator(".quote-hits > li")
    expect(everyone.first).to_be_visible()
    before = everyone.count()
    expect(page.locator(".quote-hits .speaker.unknown").first).to_be_visible()  # "US intelligence" claims

    page.click(f'.facet-speaker a.facet-value[data-value="{PESKOV}"]')
    expect(page).to_have_url(re.compile(r"speaker=Dmitry\+Peskov"))
    expect(page.locator(".chip")).to_contain_text(f"Speaker: {PESKOV}")
    speakers = page.locator(".quote-hits figcaption .speaker")
    expect(speakers.first).to_be_visible()
    names = speakers.all_inner_texts()
    assert names and {n.strip().lower() for n in names} == {PESKOV.lower()}  # small caps are CSS only
    assert len(names) < before
    screenshot(page, "quotes-peskov")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/quotes$"))
    expect(everyone).to_have_count(before)
    assert page.problems == []


def test_the_speaker_page(page, screenshot):
    page.goto("/quotes")
    page.locator(".quote-hits a.speaker", has_text=PESKOV).first.click()
    expect(page).to_have_url(re.compile(r"/speakers/dmitry-peskov$"))
    expect(page.locator("h1.speaker-name")).to_have_text(PESKOV)
    expect(page.locator(".speaker-head .aliases")).to_contain_text("Dmitri Peskov")
    expect(page.locator(".quote-hits > li").first).to_be_visible()
    screenshot(page, "speaker")
    assert page.problems == []


def test_the_article_page_marks_quotes(page, screenshot):
    page.goto("/?q=divergent")
    page.locator(".article-hits h3 a").first.click()
    expect(page.locator(".article-body mark.quoted").first).to_be_visible()
    expect(page.locator(".published")).to_contain_text("from the text: Posted at 11:02")
    expect(page.locator(".article-body a.speaker-tag").first).to_have_text(PESKOV)
    screenshot(page, "article")
    assert page.problems == []


def test_upload_two_files_through_the_form_and_find_them(page, screenshot, tmp_path):
    first = tmp_path / "quokka.txt"
    first.write_text("Quokkas on Rottnest\n\n“The quokkas are thriving this year,” said Jane Doe, "
                     "a ranger on Rottnest Island.", encoding="utf-8")
    second = tmp_path / "axolotl.html"
    second.write_text("<html><head><title>Axolotls in Mexico City</title></head><body><article>"
                      "<h1>Axolotls in Mexico City</h1><p>“We counted more axolotls than last spring,” "
                      "said Luis Romero, a biologist in Mexico City.</p></article></body></html>",
                      encoding="utf-8")
    page.goto("/upload")
    page.set_input_files("#files", [str(first), str(second)])
    expect(page.locator("#chosen")).to_contain_text("2 files chosen")
    page.click("#upload-button")
    rows = page.locator("#upload-rows tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#upload-rows .badge-added")).to_have_count(2, timeout=60_000)
    expect(page.locator("#upload-summary")).to_contain_text("2 added")
    screenshot(page, "upload")

    for word, title in (("quokkas", "Quokkas on Rottnest"), ("axolotls", "Axolotls in Mexico City")):
        page.goto("/")
        page.fill("#q", word)
        page.press("#q", "Enter")
        expect(page.locator(".article-hits h3 a")).to_have_text(title)
    page.goto("/quotes?q=thriving")
    expect(page.locator(".quote-hits .speaker")).to_have_text("Jane Doe")
    assert page.problems == []


def test_a_phone_sees_one_column(browser, server, screenshot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    phone = context.new_page()
    phone.goto("/?q=peskov")
    results = phone.locator(".results").bounding_box()
    facets = phone.locator(".facets").bounding_box()
    assert facets["y"] > results["y"]  # the facets come after the results
    assert results["width"] <= 390
    screenshot(phone, "search-phone")
    context.close()


def test_a_dropped_file_is_uploaded(page):
    page.goto("/upload")
    drop = page.evaluate_handle("""() => {
        const data = new DataTransfer();
        data.items.add(new File(["Otters in Norfolk\\n\\n“The otters are back,” said Tom Hale in Norwich."],
                                "otters.txt", {type: "text/plain"}));
        return data;
    }""")
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": drop})
    expect(page.locator("#chosen")).to_contain_text("1 file chosen")
    page.click("#upload-button")
    expect(page.locator("#upload-rows .badge-added")).to_have_count(1, timeout=60_000)
    expect(page.locator("#upload-rows a")).to_have_text("Otters in Norfolk")
    assert page.problems == []


def test_a_zip_goes_to_the_status_page_which_follows_the_job(page, tmp_path, screenshot):
    batch = tmp_path / "batch.zip"
    with zipfile.ZipFile(batch, "w") as zipped:
        for i, town in enumerate(("Leeds", "York", "Hull")):
            zipped.writestr(f"notes/{town.lower()}.txt",
                            f"Flood warning for {town}\n\n“Stay away from the river,” said officer Kim Park{i} "
                            f"in {town}.")
        zipped.writestr("notes/broken.bin", b"\x00\x01\x02 not an article")
    page.goto("/upload")
    page.set_input_files("#files", str(batch))
    page.click("#upload-button")
    expect(page).to_have_url(re.compile(r"/upload/jobs/[0-9a-f]+$"), timeout=60_000)
    expect(page.locator("#job-state")).to_have_text("done", timeout=60_000)
    expect(page.locator("#job-rows .badge-added")).to_have_count(3)
    expect(page.locator("#job-rows .badge-failed")).to_have_count(1)
    # The index worker commits in the background; on a loaded CI machine that can take a while.
    expect(page.locator("#job-rows")).to_contain_text("searchable", timeout=60_000)
    screenshot(page, "upload-job")
    assert page.problems == []
