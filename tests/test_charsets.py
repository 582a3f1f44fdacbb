"""Bytes to text: legacy charsets saved without a declaration read back exactly, mojibake is
repaired with quotes kept as written, and how the text was decoded is kept with the article."""
from __future__ import annotations

import pytest

from archive.normalize import normalize
from archive.readers import read_file
from archive.readers.encoding import decode
from archive.store import Store

# Hand-written lines, two sentences each, in the script of each charset.
LEGACY_TEXTS = [
    ("cp1251", "Министр финансов заявил во вторник, что бюджет будет принят до конца года. "
               "Депутаты обсудят поправки на следующей неделе."),
    ("koi8_r", "Губернатор сообщил журналистам, что мост откроют весной. "
               "Строители работают круглосуточно, добавил он."),
    ("iso8859_7", "Ο δήμαρχος ανακοίνωσε ότι η γέφυρα θα ανοίξει την άνοιξη. "
                  "Οι κάτοικοι ζητούν περισσότερα λεωφορεία στην περιοχή."),
    ("cp1254", "Belediye başkanı köprünün ilkbaharda açılacağını söyledi. "
               "Işçiler gece gündüz çalışıyor, diye ekledi."),
    ("shift_jis", "市長は火曜日、橋は春に開通すると述べた。住民はバスの増便を求めている。"),
    ("gb18030", "市长周二表示，大桥将于明年春天通车。居民希望增加公交线路。"),
    ("cp1250", "Burmistrz powiedział we wtorek, że most zostanie otwarty wiosną. "
               "Mieszkańcy domagają się więcej autobusów, dodał urzędnik."),
    ("iso8859_2", "Starosta v úterý řekl, že most bude otevřen na jaře. "
                  "Obyvatelé žádají více autobusů a škola potřebuje nové třídy."),
]


@pytest.mark.parametrize("charset,text", LEGACY_TEXTS, ids=[c for c, _ in LEGACY_TEXTS])
def test_a_legacy_charset_without_a_declaration_reads_back_exactly(charset, text):
    [item] = read_file("story.txt", text.encode(charset))
    article = normalize(item.draft)
    assert article.body == text
    assert article.decoding.method == "detected"
    assert article.decoding.doubt is None
    assert text.encode(article.decoding.encoding) == text.encode(charset)


def test_western_european_text_in_windows_1252_stays_windows_1252():
    text = "Le maire a déclaré mardi que le pont ouvrira au printemps. « C’est une très bonne nouvelle », a-t-il dit."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.decoding.encoding == "cp1252"


def test_utf8_a_bom_and_a_declaration_say_how_they_were_read():
    assert decode("Grève à Paris".encode("utf-8")).decoding.method == "utf-8"
    assert decode("\ufeffGrève".encode("utf-8")).decoding.method == "bom"
    page = '<meta charset="koi8-r"><p>Мост</p>'.encode("koi8_r")
    text, decoding = decode(page, "koi8_r")
    assert "Мост" in text and decoding.method == "declared"


def test_bytes_no_charset_reads_are_kept_with_the_reason():
    decoded = decode(bytes(range(0x80, 0x100)) * 2)
    assert decoded.decoding.doubt.startswith("no charset reads these bytes as text")
    assert "\ufffd" in decoded.text  # Windows-1252's undefined bytes, not silently dropped


def test_a_word_too_short_to_tell_its_charset_says_so():
    decoded = decode("Şu an".encode("cp1254"))
    assert decoded.decoding.doubt.startswith("too little text")


def test_mojibake_is_repaired_with_quotes_kept_as_written():
    right = "« Le pont ouvrira au printemps », a dit le maire de Besançon, c’est ‘sûr’."
    wrong = right.encode("utf-8").decode("cp1252", errors="replace")
    assert "Besan" in wrong and "Besançon" not in wrong
    [item] = read_file("story.txt", f"Pont\n\n{wrong}\n".encode("utf-8"))
    article = normalize(item.draft)
    assert article.body == right
    assert article.decoding.repaired
    assert article.to_dict()["text_repaired"] is True


def test_clean_text_is_not_marked_repaired():
    [item] = read_file("story.txt", "Pont\n\n“Il ouvrira au printemps”, a dit le maire de Besançon.\n".encode())
    assert normalize(item.draft).decoding.repaired is False


def test_json_and_html_drafts_carry_their_decoding():
    [item] = read_file("a.json", '{"title": "Мост", "text": "Губернатор сообщил, что мост откроют весной."}'
                       .encode("cp1251"))
    assert item.draft.decoding.encoding == "cp1251"
    html = "<html><body><p>Губернатор сообщил журналистам, что мост откроют весной.</p></body></html>"
    [item] = read_file("a.html", html.encode("koi8_r"))
    assert item.draft.decoding.encoding == "koi8_r"


def test_the_store_keeps_how_the_text_was_decoded(tmp_path):
    text = LEGACY_TEXTS[0][1]
    [item] = read_file("story.txt", text.encode("cp1251"))
    article = normalize(item.draft)
    store = Store(tmp_path)
    try:
        with store.transaction() as db:
            result = store.put(db, article, identity="story", original_name="story.txt")
        kept = store.get(result.article_id)
    finally:
        store.close()
    assert kept.decoding == article.decoding
    assert kept.to_dict()["encoding"] == "cp1251" and kept.to_dict()["encoding_method"] == "detected"


@pytest.mark.parametrize("charset,text", LEGACY_TEXTS, ids=[c for c, _ in LEGACY_TEXTS])
def test_a_short_line_is_read_right_or_said_to_be_in_doubt(charset, text):
    for cut in (60, 40, 25):
        decoded = decode(text[:cut].encode(charset))
        assert decoded.text == text[:cut] or decoded.decoding.doubt, (cut, decoded.text)


def test_a_feed_in_a_legacy_charset_without_a_declaration_is_read():
    feed = ("<rss version=\"2.0\"><channel><title>Лента</title><item><title>Мост откроют весной</title>"
            "<description>Губернатор сообщил журналистам, что мост откроют весной.</description></item></channel></rss>")
    [item] = read_file("feed.xml", feed.encode("cp1251"))
    assert item.draft.title == "Мост откроют весной"
    assert item.draft.decoding.encoding == "cp1251"


@pytest.mark.parametrize("charset,text", LEGACY_TEXTS, ids=[c for c, _ in LEGACY_TEXTS])
def test_a_web_page_in_a_legacy_charset_without_a_declaration_reads_back_exactly(charset, text):
    page = (f"<html><head><title>News</title><script>var site = {{'region': 'eu'}};</script></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Headline</h1><p>{text}</p></article><footer>Copyright 2024</footer></body></html>")
    [item] = read_file("page.html", page.encode(charset))
    assert text in " ".join(item.draft.paragraphs)
    assert item.draft.decoding.doubt is None


def test_cyrillic_read_as_windows_1251_is_repaired_and_real_russian_is_not_touched():
    text = "«Мы не согласны», — сказал Рябков. Рёв толпы был слышен у Суда."
    [item] = read_file("story.txt", f"Мост\n\n{text.encode('utf-8').decode('cp1251')}\n".encode("utf-8"))
    article = normalize(item.draft)
    assert article.body == text and article.decoding.repaired
    [item] = read_file("story.txt", f"Мост\n\n{text}\n".encode("utf-8"))
    assert normalize(item.draft).decoding.repaired is False
