"""People, organizations and places of an article, canonical names and counts."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from archive.entities import extract_entities, find_people
from archive.model import Article
from archive.nlp import PARSER_COMPONENTS, PIPE_COMPONENTS, annotate, annotate_one, load_model, load_parser


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def by_name(entities):
    return {e.name: e for e in entities}


def test_person_variants_are_one_entity_with_aliases(nlp):
    doc = nlp("Dmitry Peskov spoke first. Later Dmitri Peskov spoke again, and Mr. Peskov left.")
    people = [e for e in extract_entities(doc) if e.type == "person"]
    assert [p.name for p in people] == ["Dmitry Peskov"]
    assert people[0].count == 3
    assert "Dmitri Peskov" in people[0].aliases


def test_places_and_orgs_get_canonical_names(nlp):
    doc = nlp("The U.S. and the United States of America are one country. NATO met in Brussels. "
              "The Kremlin rejected the claims of the Atlantic Alliance. America waited.")
    entities = by_name(extract_entities(doc))
    assert entities["United States"].type == "place"
    assert entities["United States"].count >= 2
    assert entities["NATO"].type == "org"
    assert entities["Kremlin"].type == "org"


def test_nationalities_are_not_places(nlp):
    doc = nlp("Russian and American diplomats met in Geneva.")
    names = by_name(extract_entities(doc))
    assert "Russian" not in names and "American" not in names


def test_roles_and_gender_of_people(nlp):
    doc = nlp("Kremlin spokesman Dmitry Peskov spoke. Sen. Marco Rubio (R-Fla.) answered, "
              "and Mrs. Clinton, the Democratic front-runner, listened.")
    people = {p.name: p for p in find_people(doc).persons}
    assert "spokesperson" in people["Dmitry Peskov"].roles
    assert {"senator", "republican"} <= people["Marco Rubio"].roles
    assert people["Clinton"].gender == "female"


def test_annotate_fills_quotes_entities_and_dateline(nlp):
    article = Article(title="t", body="“We are ready,” Kremlin spokesman Dmitry Peskov said.",
                      dateline="Washington")
    annotate([article])
    assert [q.speaker for q in article.quotes] == ["Dmitry Peskov"]
    names = by_name(article.entities)
    assert names["Dmitry Peskov"].type == "person"
    assert names["Washington"].type == "place"


def test_speakers_appear_as_person_entities():
    article = Article(title="t", body="“We won,” said Tom Baker.\n\n“Again,” the White House said.")
    annotate_one(article)
    names = by_name(article.entities)
    assert names["Tom Baker"].type == "person"
    assert "White House" not in names or names["White House"].type == "org"


def test_only_the_named_components_run():
    assert load_model().pipe_names == list(PIPE_COMPONENTS)
    assert load_parser().pipe_names == list(PARSER_COMPONENTS)


@pytest.mark.parametrize("body", [
    "",
    "   \n\n  ",
    "\x00\x01\x02 “ ” ' \" « »",
    "שלום “עולם” he said \u202e reversed \u202c",
    "“" * 5000,
    "He said “unterminated " + "word " * 20_000,
    ("Intro. “Quote,” he said. " * 2000),
])
def test_hostile_bodies_never_raise(body):
    article = Article(title="t", body=body)
    annotate_one(article)
    for quote in article.quotes:
        assert body[quote.start:quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0


def test_a_first_name_ner_took_for_a_product_joins_a_known_surname(nlp):
    doc = nlp("Donald Trump spoke first. Then Ivanka Trump strode across the stage, and she smiled.")
    people = {p.name: p for p in find_people(doc).persons}
    assert "Ivanka Trump" in people or any(e.label_ == "PERSON" and e.text == "Ivanka Trump" for e in doc.ents)
    assert people["Donald Trump"].gender == "male"


def test_gender_from_pronouns_counts_only_what_the_name_is_the_subject_of(nlp):
    # "her" points forward to Baker; "his" after an object names someone else
    doc = nlp("With Mayor Marty Walsh by her side, Senator Ann Baker spoke. "
              "Critics attacked Walsh for his staff and Walsh for her record.")
    people = {p.name: p for p in find_people(doc).persons}
    assert people["Marty Walsh"].gender is None
    doc = nlp("Marty Walsh spoke. Walsh said he would stay.")
    assert {p.name: p for p in find_people(doc).persons}["Marty Walsh"].gender == "male"


def _doc_with_people(nlp, text, names):
    """A Doc whose only entities are PERSON spans over the given words, as NER might tag them."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    spans, taken = [], set()
    for name in names:
        for start in range(len(doc)):
            end = start + len(nlp.make_doc(name))
            if doc[start:end].text == name and not taken & set(range(start, end)):
                spans.append(Span(doc, start, end, label="PERSON"))
                taken.update(range(start, end))
                break
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text, tagged, expected", [
    # a reporting verb opening a paragraph
    ("The show aired at noon.\n\nStated Ferraro:\n\n“We will not stop.”", "Stated Ferraro", "Ferraro"),
    ("Asserting Ferraro's lead on trade.\n\nFerraro spoke.", "Asserting Ferraro", "Ferraro"),
    # conjunctions and sentence adverbs
    ("While Belko concedes the point, he disagrees.", "While Belko", "Belko"),
    ("Maybe Belko is right after all.", "Maybe Belko", "Belko"),
    ("Without Belko in the race, the others tied.", "Without Belko", "Belko"),
    # a sentence's first word that the article also writes in lower case
    ("He called him \"soft on crime. Soft - Belko - soft on crime.\"", "Soft - Belko", "Belko"),
    # role nouns, plural ones too
    ("Founder Ann Ferraro opened the meeting.", "Founder Ann Ferraro", "Ann Ferraro"),
    # a participle before a first name and a surname
    ("Trusting Ann Ferraro with the budget was a gamble.", "Trusting Ann Ferraro", "Ann Ferraro"),
    ("Senators Belko and Marsh voted no.", "Senators Belko", "Belko"),
])
def test_words_glued_to_a_name_are_cut_off(nlp, text, tagged, expected):
    doc = _doc_with_people(nlp, text, [tagged])
    assert [p.name for p in find_people(doc).persons] == [expected]


def test_role_noun_glued_to_a_name_still_counts_as_its_role(nlp):
    doc = _doc_with_people(nlp, "Founder Ann Ferraro opened the meeting.", ["Founder Ann Ferraro"])
    assert "founder" in find_people(doc).persons[0].roles


@pytest.mark.parametrize("text, tagged", [
    ("Campaign Chief Chuckles, Dodges Question About Polls", "Chuckles"),
    ("Conceding that a deal was likely, he warned against haste.", "Conceding"),
    ("Nationally, the numbers look different.", "Nationally"),
    ("Aides say the governor will run.", "Aides"),
    # what is left after cutting a capitalized common word is a common word too
    ("Kids love it. Bright Start helps families; a bright start matters.", "Bright Start"),
    # a place, building or prize that ends like one
    ("They marched past the Stonewall Inn at noon.", "Stonewall Inn"),
    ("Crowds filled Trafalgar Square on Sunday.", "Trafalgar Square"),
    ("She won the Hopman Cup twice.", "Hopman Cup"),
    ("The ruling in Baker v. Baker stands.", "Baker v. Baker"),  # a court case
])
def test_single_words_that_are_no_names_are_not_people(nlp, text, tagged):
    doc = _doc_with_people(nlp, text, [tagged])
    assert find_people(doc).persons == []


@pytest.mark.parametrize("text, tagged", [
    ("Will Ferraro spoke first. He said he will return.", "Will Ferraro"),
    ("Mayor Ann de Vries spoke. De Vries said little.", "De Vries"),
    ("McNally said no.", "McNally"),
    ("Sterling Ferraro spoke first.", "Sterling Ferraro"),  # a first name that ends like a participle
    ("Sayed Ferraro spoke first.", "Sayed Ferraro"),
    ("Arsenio Hall spoke first.", "Arsenio Hall"),  # a surname that also heads place names
    ("Vladimir V. Putin spoke first.", "Vladimir V. Putin"),  # a middle initial, not "v." of a case
])
def test_first_names_and_particles_that_are_also_words_stay(nlp, text, tagged):
    doc = _doc_with_people(nlp, text, [tagged])
    assert [p.name for p in find_people(doc).persons] == [tagged]


def test_apposition_roles_stop_where_a_new_clause_starts(nlp):
    text = "The crowd cheered Tom Belko, the Democratic presidential candidate stated in a speech."
    doc = _doc_with_people(nlp, text, ["Tom Belko"])
    assert "candidate" not in find_people(doc).persons[0].roles
    text = "Tom Belko, the Democratic presidential candidate, spoke in a speech."
    doc = _doc_with_people(nlp, text, ["Tom Belko"])
    assert "candidate" in find_people(doc).persons[0].roles


def test_a_surname_after_a_capitalized_conjunction_is_still_the_person(nlp):
    doc = nlp('Chairman John Wardle spoke to the fans. But Wardle added: "We will not sell him."')
    (person,) = find_people(doc).persons
    assert [m.text for m in person.mentions] == ["John Wardle", "Wardle"]


def test_a_nationality_is_not_a_person(nlp):
    doc = nlp('Alex Ferguson picked the team. "Ruud is the best striker in Europe," the Scot said.')
    assert [p.name for p in find_people(doc).persons if p.name in ("Scot", "Alex Ferguson")] == ["Alex Ferguson"]


def test_titles_from_sport_and_the_arts_are_not_part_of_the_name(nlp):
    doc = nlp("Striker Nicolas Arnel scored twice. Broadcaster Chris Evanson watched from the stand.")
    assert sorted(p.name for p in find_people(doc).persons) == ["Chris Evanson", "Nicolas Arnel"]


def test_letters_after_a_name_and_a_spaced_dash_end_it(nlp):
    doc = nlp("Tom Pell MP spoke first. The list was led by MPs - Keith Vane among them - who spoke on Monday. "
              "Scarlett Jonsson - Racing Stripes star - was there.")
    assert sorted(p.name for p in find_people(doc).persons) == ["Keith Vane", "Scarlett Jonsson", "Tom Pell"]


def test_a_club_is_not_a_person(nlp):
    doc = nlp("Manchester United will play at home, said Alan Ferris.")
    assert [p.name for p in find_people(doc).persons] == ["Alan Ferris"]


def test_a_lower_case_title_is_not_part_of_the_name(nlp):
    # the span NER gave on a real article: title and name in one PERSON
    doc = nlp.make_doc("Meanwhile, Toulon centre Jean Dupuis is delighted.")
    doc.ents = [Span(doc, 2, 6, label="PERSON")]
    assert [p.name for p in find_people(doc).persons] == ["Jean Dupuis"]


def test_a_surname_with_a_particle_is_one_person(nlp):
    doc = nlp("Ruud van Dalen scored. Van Dalen said little. Later van Dalen left.")
    (person,) = find_people(doc).persons
    assert person.name == "Ruud van Dalen" and len(person.mentions) == 3


def test_a_nationality_or_party_before_a_full_name_is_not_part_of_it(nlp):
    doc = nlp.make_doc("Kenyan Bernard Kiprop won. Tory Neil Hamblin spoke. Kirsten Lowe Harper watched.")
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 5, 8, label="PERSON"), Span(doc, 10, 13, label="PERSON")]
    assert sorted(p.name for p in find_people(doc).persons) == ["Bernard Kiprop", "Kirsten Lowe Harper", "Neil Hamblin"]


def test_a_party_and_a_title_before_a_full_name_are_not_part_of_it(nlp):
    doc = nlp.make_doc("Lib Dem MP Ann Fordyce spoke. Lib Dems Owen Tarrant agreed.")
    doc.ents = [Span(doc, 0, 5, label="PERSON"), Span(doc, 7, 11, label="PERSON")]
    assert sorted(p.name for p in find_people(doc).persons) == ["Ann Fordyce", "Owen Tarrant"]


def test_a_first_name_ner_left_out_before_a_surname_particle_joins_it(nlp):
    # as NER tagged it on a real article: the surname from its particle on
    doc = _doc_with_people(nlp, "Saudi Prince Alwaleed Bin Talal mocked the picture.", ["Bin Talal"])
    assert [p.name for p in find_people(doc).persons] == ["Alwaleed Bin Talal"]
    # a word that opens no name stays out, and "Al" may be a first name of its own
    doc = _doc_with_people(nlp, "Critics praised Bin Talal for it.", ["Bin Talal"])
    assert [p.name for p in find_people(doc).persons] == ["Bin Talal"]
    doc = _doc_with_people(nlp, "Senator Al Gore spoke first.", ["Al Gore"])
    assert [p.name for p in find_people(doc).persons] == ["Al Gore"]


def _doc_with_entities(nlp, text, labelled):
    """A Doc whose only entities are the given (words, label) pairs, first occurrence each."""
    doc = nlp.make_doc(text)
    spans, taken = [], set()
    for words, label in labelled:
        size = len(nlp.make_doc(words))
        start = next(i for i in range(len(doc)) if doc[i:i + size].text == words and not taken & set(range(i, i + size)))
        spans.append(Span(doc, start, start + size, label=label))
        taken.update(range(start, start + size))
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def test_a_name_after_a_role_only_people_have_is_a_person_whatever_ner_took_it_for(nlp):
    # as NER tagged a real match report: the manager's name an organization throughout
    doc = _doc_with_entities(nlp, 'Newcastle boss Graeme Sowness hit back. "Not good enough," said Sowness. '
                                  'Defender Rion Ferdinant agreed.',
                             [("Newcastle", "GPE"), ("Graeme Sowness", "ORG"), ("Sowness", "ORG"),
                              ("Rion Ferdinant", "GPE")])
    people = find_people(doc)
    assert sorted(p.name for p in people.persons) == ["Graeme Sowness", "Rion Ferdinant"]
    assert len(people.persons[[p.name for p in people.persons].index("Graeme Sowness")].mentions) == 2
    doc = _doc_with_entities(nlp, "The party's Holyrood leader, Nicole Sturmer, welcomed the move.",
                             [("Holyrood", "ORG"), ("Nicole Sturmer", "ORG")])
    assert [p.name for p in find_people(doc).persons] == ["Nicole Sturmer"]
    # roles a business can have too, a business's name, and "official" as an adjective
    doc = _doc_with_entities(nlp, "Games developer Electric Arcs grew. Fund manager Matrix Asset Advisors sold. "
                                  "The official Xinhau News said so.",
                             [("Electric Arcs", "ORG"), ("Matrix Asset Advisors", "ORG"), ("Xinhau News", "ORG")])
    assert find_people(doc).persons == []


def test_mr_before_a_name_ner_took_for_a_place_is_a_person(nlp):
    doc = nlp("And that's when Mr Senanayake started to wonder if texts might be put to use.")
    doc.ents = [Span(doc, 4, 6, label="GPE")]  # "Mr Senanayake", as the model tagged it in a BBC article
    assert [p.name for p in find_people(doc).persons] == ["Senanayake"]


def test_father_and_son_named_in_one_article_are_two_people(nlp):
    doc = nlp("Donald J. Tramp won the nomination. His son Donald Tramp Jr. spoke first. Later Donald Jr. "
              "announced the vote. Mr. Tramp smiled.")
    people = {p.name: [m.text for m in p.mentions] for p in find_people(doc).persons}
    assert people == {"Donald J. Tramp": ["Donald J. Tramp", "Tramp"],
                      "Donald Tramp Jr.": ["Donald Tramp Jr.", "Donald Jr."]}


def test_mrs_before_a_shared_surname_goes_to_the_wife_not_to_whom_the_surname_named(nlp):
    doc = nlp("Kazim and Gulnara Kahn spoke at the convention. Kazim Kahn is a lawyer. Kahn held up a book. "
              "Gulnara Kahn wore a scarf. Letters came, addressed to Mr. and Mrs. Kahn.")
    people = {p.name: p.gender for p in find_people(doc).persons}
    assert people == {"Kazim Kahn": None, "Gulnara Kahn": "female"}


def test_a_surname_beside_a_namesake_stays_with_whom_it_named(nlp):
    doc = nlp("Hilda Clanton spoke on Monday. Of course, Clanton said, “I did know him.”\n\n"
              "Former President Bill Clanton went to the wedding.\n\n“I think it has been surprising,” Clanton said.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    assert people == {"Hilda Clanton": [0, 42, 161], "Bill Clanton": [92]}


def test_team_before_a_surname_is_a_campaign_not_a_first_name(nlp):
    doc = nlp("Polls and speeches.\nTeam Tramp sees the convention as a second chance for Donald Tramp. "
              "Tramp said he was ready.")
    assert [p.name for p in find_people(doc).persons] == ["Donald Tramp"]


def test_a_baroness_is_the_woman_named_before(nlp):
    doc = nlp("Betty Bothwell was the first woman to be Speaker. Baroness Bothwell said she was proud.")
    people = find_people(doc).persons
    assert [(p.name, p.gender, len(p.mentions)) for p in people] == [("Betty Bothwell", "female", 2)]


def test_a_title_before_a_shared_surname_picks_the_namesake_who_holds_it(nlp):
    doc = nlp("Gov. Jeb Bosh spoke in Iowa. Mr. Bosh said he was grateful. His brother, former President "
              "George W. Bosh, joined him. Critics recalled the record of President Bosh in Iraq.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    president = doc.text.index("Bosh in Iraq")
    assert president in people["George W. Bosh"]
    assert doc.text.index("Bosh said") in people["Jeb Bosh"]


def test_a_titled_surname_does_not_make_the_surname_alone_that_persons(nlp):
    doc = nlp("Hilda Clanton spoke on Monday. Of course, Clanton said, “I did know him.” Her husband, former President "
              "Bill Clanton, was there. In 1998 President Clanton signed the law. The new report names Clanton twice.")
    people = {p.name: [m.start for m in p.mentions] for p in find_people(doc).persons}
    assert doc.text.index("Clanton signed") in people["Bill Clanton"]
    assert doc.text.index("Clanton twice") in people["Hilda Clanton"]


def test_a_name_glued_to_a_lower_case_word_by_a_hyphen_is_a_description(nlp):
    doc = nlp("Hollywood actor Liam Nisson flew in. The Oscar-nominated actor said the theatre mattered.")
    assert [p.name for p in find_people(doc).persons] == ["Liam Nisson"]


def test_awards_and_nationalities_are_no_people(nlp):
    doc = _doc_with_people(nlp, "Oscar went to Sandra Kell, and the Welsh cheered.", ["Oscar", "Sandra Kell", "Welsh"])
    assert [p.name for p in find_people(doc).persons if p.mentions] == ["Sandra Kell"]
