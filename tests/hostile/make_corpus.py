"""Write the hostile-file corpus: small, hand-made files that are broken or hostile
on purpose, one per way a received file can go wrong.

    .venv/bin/python tests/hostile/make_corpus.py      # rewrites tests/hostile/files/ and README.md

Deterministic: the same bytes on every run (ZIP entries carry a fixed date), so the
committed files only change when this script does. Nothing here is big: files that
must be big to be hostile (over the size limit, a 5 MB line) are made at test time
by tests/test_hostile_files.py; the ZIP bombs here are a few kilobytes that inflate
past the limits. What each file must give is asserted in tests/test_hostile_files.py.
"""
from __future__ import annotations

import codecs
import io
import json
import stat
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
ZIP_DATE = (2022, 1, 16, 11, 2, 0)

GOOD_TEXT = (
    "Harbour bridge to reopen in spring\n\n"
    "(Portsmouth) The harbour bridge will reopen in April after two years of repairs, "
    "the city council said on Monday.\n\n"
    "“We are on time and on budget,” said Mayor Ann Lee. The council voted 7 to 2 for the final "
    "payment.\n"
)
GOOD_PARAGRAPH = ("The harbour bridge will reopen in April after two years of repairs, the city council "
                  "said on Monday. “We are on time and on budget,” said Mayor Ann Lee.")

CORPUS: list[tuple[str, bytes, str]] = []  # (file name, bytes, what it tests)


def hostile(name: str, what: str):
    def register(make):
        data = make()
        CORPUS.append((name, data if isinstance(data, bytes) else data.encode("utf-8"), what))
        return make
    return register


def html_page(body: str, head: str = "<title>Harbour bridge to reopen</title>") -> str:
    return f"<!doctype html>\n<html><head><meta charset=\"utf-8\">{head}</head>\n<body>{body}</body></html>\n"


def article_html(extra: str = "", title: str = "Harbour bridge to reopen in spring") -> str:
    return html_page(f"<article><h1>{title}</h1>{extra}"
                     f"<p>{GOOD_PARAGRAPH}</p><p>The council voted 7 to 2 for the final payment, "
                     f"and the first cars will cross on the first Monday of April.</p></article>",
                     head=f"<title>{title}</title>")


def zip_of(entries: list[tuple[str | zipfile.ZipInfo, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in entries:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = method if not isinstance(name, zipfile.ZipInfo) else info.compress_type
            archive.writestr(info, data)
    return buffer.getvalue()


def rss(items: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel>'
            f"<title>Harbour Gazette</title>{items}</channel></rss>\n")


def rss_item(title: str, content: str, date: str = "Mon, 17 Jan 2022 09:30:00 +0000") -> str:
    return f"<item><title>{title}</title><pubDate>{date}</pubDate><description>{content}</description></item>"


# ----------------------------------------------------------------- empty and binary

hostile("empty.txt", "zero bytes")(lambda: b"")
hostile("whitespace_only.txt", "only spaces, tabs and newlines")(lambda: b" \t \n\n  \r\n\t\n")
hostile("bom_only.txt", "a UTF-8 byte-order mark and nothing else")(lambda: codecs.BOM_UTF8)
hostile("nul_bytes.bin", "NUL bytes with a little text between them")(lambda: b"\x00" * 64 + b"hello" + b"\x00" * 64)
hostile("image.png", "a PNG image renamed, not text")(
    lambda: b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(range(256)) * 2)
hostile("document.pdf", "a PDF: a text header, then a compressed binary stream")(
    lambda: b"%PDF-1.4\n1 0 obj\n<< /Length 300 /Filter /FlateDecode >>\nstream\n"
            + zlib.compress(bytes(range(256)) * 4) + b"\nendstream\nendobj\n%%EOF\n")
hostile("archive.gz", "a gzip file (compressed bytes, not a ZIP)")(
    lambda: b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + zlib.compress(GOOD_TEXT.encode() * 3)[2:])
hostile("control_flood.txt", "text where every other character is a control character")(
    lambda: "".join(c + chr(1 + i % 8) for i, c in enumerate(GOOD_PARAGRAPH)).encode())

# ----------------------------------------------------------------- encodings

hostile("cp1252.txt", "Windows-1252 with curly quotes and accents, no declaration")(
    lambda: ("Café owners protest\n\n“We cannot pay,” said René Dubois, who runs a café "
             "in the old town. Prices rose by 30 % this year.\n").encode("cp1252"))
hostile("utf16_bom.txt", "UTF-16 (little-endian) with its byte-order mark")(
    lambda: codecs.BOM_UTF16_LE + GOOD_TEXT.encode("utf-16-le"))
hostile("utf16_no_bom.txt", "UTF-16 without a byte-order mark (every other byte NUL)")(
    lambda: GOOD_TEXT.encode("utf-16-le"))
hostile("mixed_encodings.txt", "UTF-8 paragraphs and a Windows-1252 paragraph in one file")(
    lambda: "Zürich council vote\n\n“Grüezi,” said the mayor of Zürich on Monday.\n\n".encode("utf-8")
    + "The café owner René said prices rose.\n".encode("cp1252")
    + "Überall in der Stadt wurde gefeiert, sagte sie.\n".encode("utf-8"))
hostile("declared_latin1_is_cp1252.html", "declares ISO-8859-1 but uses Windows-1252 curly quotes")(
    lambda: article_html("<p>“Très bien,” said Mme Thérèse Martin.</p>").replace(
        'charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252"))
hostile("declared_utf8_is_cp1252.html", "declares UTF-8 but the bytes are Windows-1252")(
    lambda: article_html("<p>“Très bien,” said Mme Thérèse Martin.</p>").encode("cp1252"))
hostile("declared_utf16_is_utf8.html", "a meta tag claims UTF-16 for a page written in UTF-8")(
    lambda: article_html("<p>“Grüezi,” said the mayor.</p>").replace('charset="utf-8"', 'charset="utf-16"'))
hostile("declared_unknown_charset.html", "a charset no one has heard of")(
    lambda: article_html().replace('charset="utf-8"', 'charset="x-klingon-9"'))
hostile("json_cp1252.json", "JSON encoded in Windows-1252 instead of UTF-8")(
    lambda: json.dumps({"title": "Café prices", "text": "“Trop cher,” said René, the owner of a café. "
                        "Prices rose again this month."}, ensure_ascii=False).encode("cp1252"))

# ----------------------------------------------------------------- HTML

hostile("script_laden.html", "an article full of <script>, event handlers, javascript: links and <style>")(
    lambda: article_html(
        '<script>document.write("INJECTED-SCRIPT-TEXT")</script>'
        '<p onclick="alert(\'INJECTED-HANDLER\')">Readers can <a href="javascript:alert(\'INJECTED-LINK\')">'
        'comment below</a> on the harbour bridge.</p>'
        '<img src="x" onerror="alert(\'INJECTED-ONERROR\')">'
        '<style>p { background: url("javascript:INJECTED-STYLE") }</style>'
        '<noscript>INJECTED-NOSCRIPT</noscript>'
        '<iframe srcdoc="<script>INJECTED-IFRAME</script>"></iframe>'))
hostile("svg_onload.html", "inline SVG with onload and a script inside the article")(
    lambda: article_html('<svg onload="alert(\'INJECTED-SVG\')"><script>INJECTED-SVG-SCRIPT</script></svg>'))
hostile("scripts_only.html", "a page that is nothing but scripts")(
    lambda: html_page("<script>var a = 'INJECTED'; for (;;) {}</script><script src=app.js></script>"))
hostile("login_page.html", "a login form, not an article")(
    lambda: html_page('<form action="/login" method="post"><input name="user">'
                      '<input type="password" name="pw"><button>Log in</button></form>',
                      head="<title>Log in</title>"))
hostile("navigation_only.html", "a site menu with links and no article text")(
    lambda: html_page("<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
                      + "</ul></nav>", head="<title>Home</title>"))
hostile("redirect_only.html", "a page that only redirects elsewhere")(
    lambda: html_page("", head='<meta http-equiv="refresh" content="0; url=https://example.org/story">'))
hostile("deeply_nested.html", "5,000 nested <div>s around one paragraph")(
    lambda: html_page("<div>" * 5000 + f"<p>{GOOD_PARAGRAPH}</p>" + "</div>" * 5000))
hostile("unclosed_comment.html", "an HTML comment that never closes, swallowing the page")(
    lambda: html_page(f"<p>{GOOD_PARAGRAPH}</p><!-- a comment that never ends <p>HIDDEN-TEXT</p>"))
hostile("html_entity_declarations.html", "HTML with a DOCTYPE declaring entities (no expansion in HTML)")(
    lambda: '<!DOCTYPE html [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            + article_html("<p>&b;&b;&b;</p>").split("\n", 1)[1])
hostile("xml_not_a_feed.xml", "an XML document that is neither a feed nor a page")(
    lambda: '<?xml version="1.0"?><config><setting name="a">1</setting><setting name="b">2</setting></config>')
hostile("not_closed_tags.html", "tags never closed, attributes without quotes or ends")(
    lambda: f"<html><body><article><h1>Harbour bridge<p>{GOOD_PARAGRAPH}<p class=x id=<p>More text "
            f"about the bridge and the vote of the council on Monday")

# ----------------------------------------------------------------- JSON

hostile("json_wrong_types.json", "title is a list, text a dict")(
    lambda: json.dumps({"title": ["Harbour", "bridge"], "text": {"p": GOOD_PARAGRAPH}}))
hostile("json_booleans.json", "title and text are booleans")(lambda: json.dumps({"title": True, "text": False}))
hostile("json_nan.json", "NaN and Infinity where text should be (Python's json accepts them)")(
    lambda: '{"title": NaN, "text": Infinity}')
hostile("json_number_text.json", "the text is a number")(lambda: json.dumps({"title": 12345, "text": 678.9}))
hostile("json_deep_list.json", "a list nested 20,000 deep")(lambda: "[" * 20000 + "]" * 20000)
hostile("json_deep_object.json", "an article whose authors field is nested 5,000 objects deep")(
    lambda: '{"title": "Deep", "text": "' + GOOD_PARAGRAPH.replace('"', '\\"') + '", "authors": '
            + '{"name": ' * 5000 + '"x"' + "}" * 5000 + "}")
hostile("json_null.json", "the JSON value null")(lambda: "null")
hostile("json_empty_object.json", "an empty object")(lambda: "{}")
hostile("json_truncated.json", "a JSON file cut off in the middle")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH})[:60])
hostile("json_lone_surrogate.json", "a title with an unpaired UTF-16 surrogate escape (\\ud800)")(
    lambda: '{"title": "Harbour \\ud800 bridge", "text": "' + GOOD_PARAGRAPH.replace('"', '\\"') + '"}')
hostile("json_huge_integer.json", "a 5,000-digit number as the date")(
    lambda: '{"title": "Big", "text": "Some text about the council.", "published": ' + "9" * 5000 + "}")
hostile("json_mixed_list.json", "a list: one good article, a string, a number, a list, null")(
    lambda: json.dumps([{"title": "Harbour bridge to reopen", "text": GOOD_PARAGRAPH,
                         "published": "2022-01-17T09:30:00+00:00"}, "an article?", 42, [1, 2], None]))
hostile("json_bad_authors.json", "authors given as numbers, dicts without names and nested lists")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH,
                        "authors": [1, {"x": "y"}, [["Ann"]], {"name": 5}, "  Real   Name  "]}))
hostile("json_source_wrong_type.json", "source given as an object whose name is a list")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH, "source": {"name": ["a", "b"]}}))
hostile("jsonl_mixed.jsonl", "JSON Lines: good, broken, an array, blank, good")(
    lambda: "\n".join([json.dumps({"title": "First story", "text": "The council met on Monday."}),
                       '{"title": "broken", "text": ',
                       "[1, 2, 3]", "",
                       json.dumps({"title": "Second story", "text": "The mayor spoke on Tuesday."})]) + "\n")

# ----------------------------------------------------------------- feeds

hostile("feed_billion_laughs.xml", "an RSS feed with nested entity definitions (billion laughs)")(
    lambda: rss(rss_item("Laughs", "&lol9;"), prolog=(
        '<!DOCTYPE rss [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                  for i in range(1, 10)) + "]>\n")))
hostile("feed_external_entity.xml", "an RSS feed with an external entity pointing at /etc/passwd")(
    lambda: rss(rss_item("XXE", "&xxe;"), prolog='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'))
hostile("feed_external_dtd.xml", "an RSS feed referring to an external DTD on the network")(
    lambda: rss(rss_item("Harbour bridge to reopen", GOOD_PARAGRAPH),
                prolog='<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">\n'))
hostile("feed_malformed.xml", "an RSS feed with tags that never close")(
    lambda: rss(rss_item("Harbour", GOOD_PARAGRAPH))[:-40] + "<item><title>cut")
hostile("feed_no_items.xml", "an RSS channel with no items")(lambda: rss(""))
hostile("feed_script_content.xml", "feed content (escaped HTML) carrying scripts and event handlers")(
    lambda: rss(rss_item("Harbour bridge to reopen",
                         "&lt;script&gt;INJECTED-FEED-SCRIPT&lt;/script&gt;&lt;p onmouseover=\"alert(1)\"&gt;"
                         + GOOD_PARAGRAPH + "&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;")))
hostile("atom_half_empty.xml", "an Atom feed: one good entry, one with neither title nor content")(
    lambda: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Harbour Gazette</title><entry><title>Harbour bridge to reopen</title>"
            "<published>2022-01-17T09:30:00Z</published>"
            f'<content type="html">&lt;p&gt;{GOOD_PARAGRAPH}&lt;/p&gt;</content></entry>'
            "<entry><id>urn:empty</id></entry></feed>")
hostile("feed_undeclared_entity.xml", "an RSS feed using &nbsp; (an HTML entity XML does not know)")(
    lambda: rss(rss_item("Harbour&nbsp;bridge", GOOD_PARAGRAPH)))

# ----------------------------------------------------------------- ZIP


def _symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.create_system = 3  # Unix, so the mode bits count
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _encrypted_zip() -> bytes:
    data = bytearray(zip_of([("story.txt", GOOD_TEXT.encode())], method=zipfile.ZIP_STORED))
    # Set the "encrypted" flag in the local header and the central directory entry.
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    return bytes(data)


def _unknown_method_zip() -> bytes:
    data = bytearray(zip_of([("story.txt", GOOD_TEXT.encode())], method=zipfile.ZIP_STORED))
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<H", data, local + 8, 97)  # a compression method nobody implements
    struct.pack_into("<H", data, central + 10, 97)
    return bytes(data)


def _lying_size_zip() -> bytes:
    """One entry whose headers say 100 bytes; it inflates to 2 MB."""
    data = bytearray(zip_of([("story.txt", b"A" * 2_000_000)]))
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 100)
    struct.pack_into("<I", data, central + 24, 100)
    return bytes(data)


hostile("zip_slip.zip", "entries ../../evil.txt and a good story")(
    lambda: zip_of([("../../evil.txt", b"evil"), ("good/story.txt", GOOD_TEXT.encode())]))
hostile("zip_absolute_path.zip", "entries /etc/cron.d/evil and C:\\Windows\\evil.txt")(
    lambda: zip_of([("/etc/cron.d/evil", b"* * * * * root rm -rf /"), ("C:\\Windows\\evil.txt", b"evil")]))
hostile("zip_symlink.zip", "an entry that is a symbolic link to /etc/passwd")(
    lambda: zip_of([(_symlink_info("passwd.txt"), b"/etc/passwd")]))
hostile("zip_bomb_ratio.zip", "a 2 KB entry that inflates to 2 MB of zeros")(
    lambda: zip_of([("zeros.txt", bytes(2_000_000))]))
hostile("zip_bomb_nested.zip", "a ZIP holding a ZIP whose one entry inflates to 60 MB (over the 50 MB limit)")(
    lambda: zip_of([("inner.zip", zip_of([("zeros.txt", bytes(60 * 1024 * 1024))]))]))
hostile("zip_lying_size.zip", "an entry whose headers say 100 bytes but inflate to 2 MB")(_lying_size_zip)
hostile("zip_three_deep.zip", "a ZIP in a ZIP in a ZIP")(
    lambda: zip_of([("b.zip", zip_of([("c.zip", zip_of([("story.txt", GOOD_TEXT.encode())]))]))]))
hostile("zip_truncated.zip", "a ZIP cut off half way")(
    lambda: zip_of([("story.txt", GOOD_TEXT.encode() * 20)])[:300])
hostile("zip_encrypted.zip", "an entry flagged as encrypted")(_encrypted_zip)
hostile("zip_unknown_method.zip", "an entry compressed with method 97, which nothing implements")(_unknown_method_zip)
hostile("zip_nameless_entry.zip", "an entry whose name is empty, then a good story")(
    lambda: zip_of([(zipfile.ZipInfo("", ZIP_DATE), b"no name"), ("story.txt", GOOD_TEXT.encode())]))
hostile("zip_empty.zip", "a ZIP with no entries at all")(lambda: zip_of([]))
hostile("zip_mixed.zip", "a good story, an empty file, a binary file, folders and __MACOSX junk")(
    lambda: zip_of([("stories/", b""), ("stories/good.txt", GOOD_TEXT.encode()), ("stories/empty.txt", b""),
                    ("stories/blob.bin", bytes(range(256))), ("__MACOSX/._good.txt", b"\x00\x05\x16\x07")]))

# ----------------------------------------------------------------- dates

hostile("date_32_13_2022.txt", "a 'Posted' line with the impossible date 32/13/2022")(
    lambda: "Harbour bridge to reopen\n\nPosted 32/13/2022 11:02\n\n" + GOOD_PARAGRAPH + "\n")
hostile("date_year_9999.json", "published in the year 9999, with a negative offset")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH,
                        "published": "9999-12-31T23:59:59-05:00"}))
hostile("date_year_9999_rfc.xml", "an RSS item dated Fri, 31 Dec 9999 23:00:00 -0500")(
    lambda: rss(rss_item("Harbour bridge to reopen", GOOD_PARAGRAPH, date="Fri, 31 Dec 9999 23:00:00 -0500")))
hostile("date_zeros.html", "meta published_time 0000-00-00T00:00:00Z")(
    lambda: article_html().replace("<title>", '<meta property="article:published_time" '
                                              'content="0000-00-00T00:00:00Z"><title>', 1))
hostile("date_epoch.json", "published 1970-01-01T00:00:00Z, a placeholder")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH, "published": "1970-01-01T00:00:00Z"}))
hostile("date_future.json", "published in 2999")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH, "published": "2999-01-01"}))
hostile("date_february_30.json", "published 2022-02-30")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH, "published": "2022-02-30"}))
hostile("date_garbage.json", "published is a long string of digits and symbols")(
    lambda: json.dumps({"title": "Harbour bridge", "text": GOOD_PARAGRAPH,
                        "published": "99:99:99 -- 00/00/0000 +99:99 " * 8}))

# ----------------------------------------------------------------- quotes and text

hostile("quote_never_closed.txt", "a quote opened in the first paragraph and never closed")(
    lambda: "Harbour bridge to reopen\n\n“The bridge will open in April, said Mayor Ann Lee at the meeting "
            "on Monday.\n\nThe council voted 7 to 2 for the final payment.\n\n"
            "“We are proud of it,” said the engineer Tom Okafor.\n")
hostile("quote_marks_flood.txt", "thousands of mixed quote marks with little text")(
    lambda: "Quote marks\n\n" + ("“ « „ ' \" ‘ » ” ‹ › 「 』 " * 600) + "\n\n" + GOOD_PARAGRAPH + "\n")
hostile("control_characters.txt", "a few control characters (BEL, VT, DEL, C1) inside the text")(
    lambda: "Harbour bridge\x07 to reopen\n\n" + GOOD_PARAGRAPH.replace("April ", "April\x0b\x7f\x85 ") + "\n")
hostile("rtl_arabic.txt", "an article in Arabic (right-to-left)")(
    lambda: "افتتاح الجسر في الربيع\n\n"
            "قال رئيس البلدية يوم الاثنين إن الجسر سيعاد افتتاحه في أبريل بعد عامين من الإصلاحات.\n")
hostile("rtl_hebrew_mixed.txt", "Hebrew and English mixed in one paragraph")(
    lambda: "Bridge news\n\nThe mayor said \u201cהגשר ייפתח באפריל\u201d on Monday, in Hebrew, to the council.\n")
hostile("bidi_override.txt", "right-to-left override characters (U+202E) hiding text direction")(
    lambda: "Harbour bridge to reopen\n\nThe file \u202egnp.exe\u202c was attached. " + GOOD_PARAGRAPH + "\n")
hostile("zero_width.txt", "zero-width spaces and joiners inside words")(
    lambda: "Har\u200bbour bri\u2060dge\n\n" + GOOD_PARAGRAPH.replace("council", "coun\u00adcil") + "\n")
hostile("decomposed_accents.txt", "accents as combining marks (NFD), to be normalized to NFC")(
    lambda: "Cafe\u0301 prices\n\nRene\u0301 said the cafe\u0301 would close.\n")
hostile("old_mac_newlines.txt", "lines separated by a bare CR (classic Mac)")(
    lambda: GOOD_TEXT.replace("\n", "\r"))
hostile("long_title_line.txt", "a 20,000-character first line with no full stop")(
    lambda: "word " * 4000 + "\n\n" + GOOD_PARAGRAPH + "\n")
hostile("only_punctuation.txt", "nothing but punctuation")(lambda: "!!! ??? ... --- *** ;;; ,,, ''' \"\"\"\n" * 3)
hostile("text_named_json.json", "plain text in a file called .json (content decides)")(lambda: GOOD_TEXT)
hostile("html_named_txt.txt", "an HTML page in a file called .txt (content decides)")(lambda: article_html())
hostile("good_article.txt", "a good article, the control: it must be stored")(lambda: GOOD_TEXT)


def write_readme(corpus) -> str:
    lines = ["# Hostile files",
             "",
             "Broken or hostile inputs, one per way a received file can go wrong. Written by",
             "`make_corpus.py` (run it to rewrite `files/` and this list); each file's expected outcome",
             "(a specific error, or an article with specific properties) is asserted in",
             "`tests/test_hostile_files.py`. Big cases (a file over the size limit, a 5 MB single",
             "line, a ZIP with too many entries) are made at test time there, not committed.",
             "",
             "| file | what it tests |",
             "| --- | --- |"]
    lines += [f"| `{name}` | {what.replace('|', '/')} |" for name, _, what in corpus]
    return "\n".join(lines) + "\n"


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    for name, data, _ in CORPUS:
        (FILES / name).write_bytes(data)
    (HERE / "README.md").write_text(write_readme(CORPUS), encoding="utf-8")
    total = sum(len(d) for _, d, _ in CORPUS)
    print(f"wrote {len(CORPUS)} files ({total:,} bytes) to {FILES}")


if __name__ == "__main__":
    main()
