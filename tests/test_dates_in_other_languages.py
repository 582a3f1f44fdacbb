"""Dates and bylines of French and German articles, in text files and pages (hand-written)."""
from __future__ import annotations

from archive.normalize import normalize
from archive.readers import read_file
from archive.timestamps import parse_timestamp


def article_of(name: str, text: str):
    items = read_file(name, text.encode())
    assert len(items) == 1 and items[0].ok, [i.error for i in items]
    return normalize(items[0].draft)


FRENCH_TEXT = """Grève des transports : le gouvernement appelle au dialogue

Par Claire Dubois et Marc Lefèvre
Publié le 7 mars 2023 à 11h02
Mis à jour le 8 mars 2023 à 9h15

Les syndicats maintiennent leur appel. « Nous ne reculerons pas », a déclaré une syndicaliste.
"""

GERMAN_TEXT = """Streik bei der Bahn: Regierung ruft zu Gesprächen auf

Von Anna Schneider und Peter Krause
Veröffentlicht am 7. März 2023, 11:02 Uhr
Stand: 08.03.2023 09.15 Uhr

Die Gewerkschaft hält an ihrem Streikaufruf fest. „Wir geben nicht nach“, sagte ein Sprecher.
"""


def test_a_french_text_file_gives_its_publication_update_and_authors():
    article = article_of("greve.txt", FRENCH_TEXT)
    assert article.published.iso() == "2023-03-07T11:02:00+00:00"
    assert (article.published.source, article.published.precision) == ("text", "minute")
    assert article.updated.iso() == "2023-03-08T09:15:00+00:00"
    assert article.authors == ["Claire Dubois", "Marc Lefèvre"]
    assert article.body.startswith("Les syndicats")


def test_a_german_text_file_gives_its_publication_stand_as_update_and_authors():
    article = article_of("streik.txt", GERMAN_TEXT)
    assert article.published.iso() == "2023-03-07T11:02:00+00:00"
    assert article.updated.iso() == "2023-03-08T09:15:00+00:00"
    assert article.authors == ["Anna Schneider", "Peter Krause"]
    assert article.body.startswith("Die Gewerkschaft")


def test_a_sentence_opening_with_von_or_par_is_not_a_byline():
    text = "Titel\n\nVon Berlin aus gesehen ist das ein Erfolg.\n\nMehr dazu später.\n"
    article = article_of("von.txt", text)
    assert article.authors == []
    assert article.body.startswith("Von Berlin aus gesehen")
    text = "Titre\n\nPar ailleurs, la grève continue.\n\nLa suite demain.\n"
    assert article_of("par.txt", text).authors == []


def test_french_and_german_date_forms():
    cases = {
        ("Publié le mardi 7 mars 2023 à 11 h 02", "fr"): ("2023-03-07T11:02:00+00:00", "minute"),
        ("Publié le 1er mars 2023", "fr"): ("2023-03-01T00:00:00+00:00", "day"),
        ("Publié le 07/03/2023 à 11:02", "fr"): ("2023-03-07T11:02:00+00:00", "minute"),
        ("Aktualisiert am 7. März 2023, 14.30 Uhr", "de"): ("2023-03-07T14:30:00+00:00", "minute"),
        ("Veröffentlicht am Dienstag, 7. März 2023", "de"): ("2023-03-07T00:00:00+00:00", "day"),
    }
    for (raw, language), (iso, precision) in cases.items():
        stamp = parse_timestamp(raw, "text", languages=(language, "en"))
        assert (stamp.iso(), stamp.precision) == (iso, precision), raw


def test_a_slashed_date_in_english_stays_ambiguous():
    assert parse_timestamp("Posted 07/03/2023", "text", languages=("en",)) is None


def test_a_german_page_with_a_byline_and_stand_line():
    page = """<html lang="de"><head><title>Streik bei der Bahn</title></head><body><article>
<h1>Streik bei der Bahn</h1>
<div class="byline">Von Anna Schneider</div>
<p class="date">Stand: 08.03.2023 09:15 Uhr</p>
<p>Die Gewerkschaft hält an ihrem Streikaufruf fest und kündigt weitere Aktionen an.
Die Verhandlungen mit dem Unternehmen sollen in der kommenden Woche fortgesetzt werden.</p>
<p>„Wir geben nicht nach“, sagte ein Sprecher der Gewerkschaft am Mittwoch in Berlin.
Die Bahn bedauerte den Schritt und rief zu weiteren Gesprächen auf.</p>
</article></body></html>"""
    article = article_of("streik.html", page)
    assert article.authors == ["Anna Schneider"]
    assert article.updated.iso() == "2023-03-08T09:15:00+00:00"
    # the page's only date is its state ("Stand"): the date of the version kept, said so
    assert article.published.iso() == "2023-03-08T09:15:00+00:00"
    assert "only its last revision" in article.published.reason
