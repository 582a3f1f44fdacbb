"""Articles are read by the pipeline of their language (archive.pipelines): English as
always; a language without a model keeps its quotation spans and gets no speakers and no
entities rather than the English model's guesses. Real models, hand-written texts."""
from __future__ import annotations

from archive import nlp
from archive.model import Article

GERMAN = ("Die Gewerkschaft hält an ihrem Streikaufruf fest. „Wir werden nicht nachgeben“, sagte "
          "Thomas Weber am Dienstag in Berlin.\n\n»Die Tür bleibt offen«, erklärte Julia Fischer.")
ENGLISH = "“We will not give in,” said Thomas Weber, the union's leader, in Berlin on Tuesday."


def test_german_text_keeps_its_quotations_without_english_guesses():
    german = Article(title="Streik bei der Bahn", body=GERMAN, language="de")
    english = Article(title="Rail strike", body=ENGLISH, language="en")
    nlp.annotate([german, english])
    assert [q.text for q in german.quotes] == ["Wir werden nicht nachgeben", "Die Tür bleibt offen"]
    assert [q.speaker for q in german.quotes] == [None, None]
    assert german.entities == []
    assert german.attribution == "not attributed for this language"
    assert german.to_dict()["attribution"] == "not attributed for this language"
    assert [q.speaker for q in english.quotes] == ["Thomas Weber"]
    assert english.attribution == "attributed"


def test_one_article_alone_takes_the_same_path():
    german = Article(title="Streik", body=GERMAN, language="de")
    nlp.annotate_one(german)
    assert len(german.quotes) == 2 and german.entities == []


def test_an_article_whose_language_is_unknown_is_read_as_english():
    unknown = Article(title="Strike", body=ENGLISH, language=None)
    nlp.annotate([unknown])
    assert [q.speaker for q in unknown.quotes] == ["Thomas Weber"]
    assert unknown.attribution == "attributed"


FRENCH = ("Les syndicats maintiennent leur appel à la grève. « Nous ne reculerons pas », a déclaré "
          "Sophie Martin, secrétaire générale de la CGT, mardi à Paris.\n\n"
          "S’il le faut, la ministre Élise Bernard recevra les syndicats à Matignon.")


def test_french_is_read_by_the_french_model_with_english_labels():
    french = Article(title="Grève des transports", body=FRENCH, language="fr")
    nlp.annotate([french])
    assert french.attribution == "attributed"
    assert [q.text for q in french.quotes] == ["Nous ne reculerons pas"]
    found = {(e.name, e.type) for e in french.entities}
    assert {("Sophie Martin", "person"), ("Élise Bernard", "person"), ("Paris", "place")} <= found
    assert not any(e.type == "person" and len(e.name) < 3 for e in french.entities)  # no "S’"
    assert not any(e.name.lower() in ("un", "une", "mais") for e in french.entities)


def test_french_reporting_cues_credit_the_named_speaker():
    body = ("Le maire de Lyon, Grégory Doucet, a critiqué la réforme. « C'est une erreur », a-t-il déclaré.\n\n"
            "« Nous avons besoin de moyens », estime Julien Moreau, directeur de l'hôpital.\n\n"
            "Selon Marc Lefèvre, économiste, « la croissance ralentira ».\n\n"
            "« La situation est grave », a ajouté la porte-parole du gouvernement, Anne Lemoine.")
    french = Article(title="Réforme", body=body, language="fr")
    nlp.annotate([french])
    assert [(q.text[:12], q.speaker) for q in french.quotes] == [
        ("C'est une er", "Grégory Doucet"), ("Nous avons b", "Julien Moreau"),
        ("la croissanc", "Marc Lefèvre"), ("La situation", "Anne Lemoine")]
