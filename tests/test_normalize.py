"""Draft -> Article: text clean-up, datelines, titles, language, timestamps."""
from __future__ import annotations

from datetime import datetime, timezone

from archive.model import DateCandidate, Draft
from archive.normalize import clean_text, derived_title, normalize, split_dateline
from archive.readers import read_file
from helpers import SEED

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_datelines_of_common_wire_styles():
    assert split_dateline("(Washington) Russians and Westerners remain apart.") == \
        ("Washington", "Russians and Westerners remain apart.")
    assert split_dateline("WASHINGTON (Reuters) - The Senate voted.") == ("Washington", "The Senate voted.")
    assert split_dateline("NEW YORK — Stocks fell.") == ("New York", "Stocks fell.")
    assert split_dateline("PARIS, Jan 5 (AFP) - Strikes went on.") == ("Paris", "Strikes went on.")
    assert split_dateline("The US said no.") == (None, "The US said no.")
    assert split_dateline("I - the writer - disagree.") == (None, "I - the writer - disagree.")


def test_seed_normalized():
    article = normalize(read_file("seed.txt", SEED.read_bytes())[0].draft, now=NOW)
    assert article.dateline == "Washington"
    assert article.body.startswith("Russians and Westerners")
    assert article.title.startswith("Russians and Westerners remain on “totally divergent” positions")
    assert article.language == "en"
    assert article.published.value is None and article.published.time_of_day == "11:02"
    assert article.ingested_at == NOW


def test_text_is_nfc_without_control_or_bidi_override_characters_and_quotes_kept():
    assert clean_text("Cafe\u0301 \u202eevil\u202c  “quoted”\x07 text") == "Café evil “quoted” text"


def test_utf8_read_as_windows_1252_is_repaired():
    draft = Draft(title="Talks at GuantÃ¡namo", paragraphs=[
        "FranÃ§ois Dubret said itâ€™s â€œnot overâ€\x9d ðŸ‘\x8d.",
        "SÃ©golÃ \u0308ne Roux, naÃ \u0304ve about DvoÅ™Ã¡k, paid Â£5.",  # marks split off upstream
    ])
    article = normalize(draft, now=NOW)
    assert article.title == "Talks at Guantánamo"
    assert article.body == "François Dubret said it’s “not over” 👍.\n\nSégolène Roux, naïve about Dvořák, paid £5."


def test_letters_that_only_look_like_mojibake_stay():
    for text in ("SÃO PAULO", "“JOSÉ”", "Ärger in Åre", "Łódź", "à “la carte”", "â€", "Guðrún"):
        assert clean_text(text) == text


def test_right_to_left_text_is_kept():
    draft = Draft(title="خبر", paragraphs=["قال الوزير إن الاتفاق قريب"])
    article = normalize(draft, now=NOW)
    assert article.body == "قال الوزير إن الاتفاق قريب"


def test_titles_derived_from_the_lead_when_missing():
    assert derived_title("Short lead. Second sentence.") == "Short lead."
    long_lead = "word " * 60
    assert derived_title(long_lead).endswith("…") and len(derived_title(long_lead)) <= 121
    assert derived_title("") == "(untitled)"


def test_the_clock_never_becomes_the_publication_date():
    article = normalize(Draft(title="t", paragraphs=["p"]), now=NOW)
    assert article.published.value is None
    assert article.published.reason
    assert article.ingested_at == NOW


def test_dates_use_the_articles_language():
    draft = Draft(title="Grève", paragraphs=["Le gouvernement a annoncé la réforme des retraites hier soir "
                                              "et les syndicats ont appelé à la grève pour la semaine prochaine."],
                  date_candidates=[DateCandidate("16 janvier 2022", "text")])
    article = normalize(draft, now=NOW)
    assert article.language == "fr"
    assert article.published.value.date().isoformat() == "2022-01-16"
