"""People resolved for the whole archive (archive.people_resolution), on a real SQLite store
with hand-written articles: a surname alone goes to the archive's one full name, a name the
archive mostly gives as an organization or a place is not a person, decisions follow the
evidence as articles arrive, and reviewers' corrections always win."""
from __future__ import annotations

from archive.corrections import Correction, add_correction
from archive.model import Entity
from archive.people_resolution import resolve_people, written_as
from archive.store import Store
from helpers import make_article, quote_in


def said(title: str, speaker: str, *others: Entity, published: str | None = None, source: str | None = None):
    """An article quoting `speaker`, who is its person entity, naming `others` too."""
    body = f"“Words about {title},” said {speaker}. " + " ".join(f"{e.name} was named." for e in others)
    return make_article(title, body, published=published, source=source,
                        quotes=[quote_in(body, f"Words about {title},", speaker)],
                        entities=[Entity(speaker, "person", 1), *others])


def naming(title: str, *entities: Entity, published: str | None = None, source: str | None = None):
    body = " ".join(f"{e.name} was named in {title}." for e in entities)
    return make_article(title, body, published=published, source=source, entities=list(entities))


def put(store: Store, *articles) -> list[int]:
    with store.transaction() as db:
        return [store.put(db, item, f"test:{item.title}", "hand.txt").article_id for item in articles]


def namesake(store: Store) -> None:
    """Two Olveras, seen once each: the people registry cannot tell which one a bare
    "Olvera" is, so only the archive-wide pass can."""
    put(store, said("namesake", "Pablo Olvera"), said("full", "Maria Olvera"))


def people(store: Store, article_id: int) -> dict[str, str]:
    return {row["name"]: row["type"] for row in store.db.execute(
        "SELECT name, type FROM entities WHERE article_id = ?", (article_id,))}


def speaker(store: Store, article_id: int) -> str | None:
    return store.get(article_id).quotes[0].speaker


def test_a_surname_alone_becomes_the_archives_one_full_name_and_the_page_says_so(data_dir):
    store = Store(data_dir)
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(3)), said("other", "Pablo Olvera"))
    (alone,) = put(store, said("alone", "Olvera"))
    assert speaker(store, alone) == "Olvera"  # 3 against 1: not dominant enough
    put(store, said("full 3", "Maria Olvera"))
    assert speaker(store, alone) == "Maria Olvera"  # 4 against 1
    assert people(store, alone) == {"Maria Olvera": "person"}
    assert store.get(alone).entities[0].aliases == ["Olvera"]
    assert alone in store.queued_ids()  # for the index
    assert written_as(store.db, ["Maria Olvera"])[0] | {"evidence": None} == {
        "name": "Olvera", "articles": 1, "evidence": None}


def test_the_decision_arriving_later_rewrites_what_is_stored_and_a_namesake_withdraws_it(data_dir):
    store = Store(data_dir)
    namesake(store)
    (alone,) = put(store, said("alone", "Olvera"))
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(4)))
    assert speaker(store, alone) == "Maria Olvera"
    store.dequeue([alone])
    put(store, said("namesake 2", "Pablo Olvera"))
    assert speaker(store, alone) == "Olvera" and people(store, alone) == {"Olvera": "person"}
    assert alone in store.queued_ids()
    assert written_as(store.db, ["Maria Olvera"]) == []


def test_a_namesake_in_other_sources_and_years_does_not_compete(data_dir):
    store = Store(data_dir)
    put(store, *(said(f"old {n}", "Pablo Olvera", published="2004-05-01T10:00:00+00:00", source="Old Paper")
                 for n in range(3)))
    put(store, *(said(f"new {n}", "Maria Olvera", published="2021-05-01T10:00:00+00:00", source="New Wire")
                 for n in range(3)))
    (alone,) = put(store, said("alone", "Olvera", published="2021-06-01T10:00:00+00:00", source="New Wire"))
    assert speaker(store, alone) == "Maria Olvera"
    (old,) = put(store, said("old alone", "Olvera", published="2004-06-01T10:00:00+00:00", source="Old Paper"))
    # now the bare surname reaches both periods, where the two are equal: no longer one person
    assert speaker(store, old) == "Olvera" and speaker(store, alone) == "Olvera"


def test_an_article_naming_a_namesake_in_full_keeps_its_surname_alone(data_dir):
    store = Store(data_dir)
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(8)), said("other", "Pablo Olvera"))
    (both,) = put(store, said("both", "Olvera", Entity("Pablo Olvera", "person", 1)))
    (alone,) = put(store, said("alone", "Olvera"))
    assert speaker(store, both) == "Olvera" and speaker(store, alone) == "Maria Olvera"


def test_a_name_mostly_given_as_an_organization_is_one_and_keeps_its_quotes(data_dir):
    store = Store(data_dir)
    club = Entity("Dunmoor", "org", 1)
    put(store, naming("match 1", club))
    (statement,) = put(store, said("statement", "Dunmoor"))
    assert people(store, statement) == {"Dunmoor": "person"}  # two articles are too few to tell
    put(store, naming("match 2", club))
    assert people(store, statement) == {"Dunmoor": "org"}
    assert speaker(store, statement) == "Dunmoor"  # an organization can speak


def test_a_word_never_given_with_a_first_name_and_often_given_as_a_club_is_not_a_person(data_dir):
    store = Store(data_dir)
    (first,) = put(store, naming("match 0", Entity("Dunmore", "person", 1)))
    put(store, *(naming(f"match {n}", Entity("Dunmore", "person", 1)) for n in range(1, 6)))
    put(store, naming("table", Entity("Dunmore", "org", 1)))
    assert people(store, first) == {"Dunmore": "person"}  # once in seven: could be a surname
    put(store, naming("table 2", Entity("Dunmore", "org", 1)))
    assert people(store, first) == {"Dunmore": "org"}
    # a surname the archive gives with a first name stays a person
    put(store, naming("runners", Entity("Ann Quayle", "person", 1), Entity("Tom Quayle", "person", 1)),
        *(naming(f"race {n}", Entity("Quayle", "person", 1)) for n in range(3)),
        naming("team", Entity("Quayle", "org", 1)), naming("team 2", Entity("Quayle", "org", 1)))
    assert {people(store, i).get("Quayle") for i in store.all_ids()} == {None, "person", "org"}
    assert store.db.execute("SELECT count(*) FROM entities WHERE name = 'Quayle' AND type = 'person'").fetchone()[0] == 3


def test_a_city_of_the_gazetteer_given_as_a_place_once_is_a_place_unless_someone_bears_the_name(data_dir):
    store = Store(data_dir)
    put(store, naming("rain", Entity("Glasgow", "place", 1)))
    (one,) = put(store, naming("match", Entity("Glasgow", "person", 1)))
    put(store, *(naming(f"match {n}", Entity("Glasgow", "person", 1)) for n in range(2, 5)))
    assert people(store, one) == {"Glasgow": "place"}  # 4 against 1, but a city of 600,000
    # a made-up place name has no gazetteer behind it
    put(store, naming("a", Entity("Quorvale", "place", 1)))
    (made_up,) = put(store, *(naming(f"b {n}", Entity("Quorvale", "person", 1)) for n in range(4)))[:1]
    assert people(store, made_up) == {"Quorvale": "person"}
    # nor is a place a surname the archive gives with a first name
    put(store, naming("e", Entity("Preston", "place", 1)),
        naming("g", Entity("Ann Preston", "person", 1), Entity("Tom Preston", "person", 1)))
    (surname,) = put(store, *(naming(f"h {n}", Entity("Preston", "person", 1)) for n in range(4)))[:1]
    assert people(store, surname) == {"Preston": "person"}


def test_a_full_name_stays_a_person_whatever_the_tagger_said_elsewhere(data_dir):
    store = Store(data_dir)
    (runner,) = put(store, naming("race", Entity("Carla Kvist", "person", 1)))
    put(store, *(naming(f"club {n}", Entity("Carla Kvist", "org", 1)) for n in range(3)))
    assert people(store, runner) == {"Carla Kvist": "person"}
    # a name of several words given as something else by a clear majority is not a person
    (band,) = put(store, naming("gig", Entity("Plinth Quarry", "person", 1)))
    put(store, *(naming(f"tour {n}", Entity("Plinth Quarry", "org", 1)) for n in range(4)))
    assert people(store, band) == {"Plinth Quarry": "person"}  # 4 against 1: too few to be clear
    put(store, naming("tour 4", Entity("Plinth Quarry", "org", 1)))
    assert people(store, band) == {"Plinth Quarry": "org"}


def test_few_articles_decide_nothing(data_dir):
    store = Store(data_dir)
    put(store, naming("rain", Entity("Glasgow", "place", 1)))
    (one,) = put(store, naming("match", Entity("Glasgow", "person", 1)))
    assert people(store, one) == {"Glasgow": "person"}


def correct(store: Store, **fields):
    with store.transaction() as db:
        return add_correction(db, Correction(id=0, reviewer="Ana", made_at="2026-12-07T20:00:00+00:00", **fields))


def test_a_reviewers_retype_wins_over_the_archives_majority(data_dir):
    store = Store(data_dir)
    (first,) = put(store, naming("first", Entity("Dunmore", "person", 1)))
    correct(store, kind="retype", name="Dunmore", from_type="person", to_type="place")
    put(store, *(naming(f"match {n}", Entity("Dunmore", "org", 1)) for n in range(3)))
    (later,) = put(store, naming("later", Entity("Dunmore", "person", 1)))
    assert people(store, first) == {"Dunmore": "place"} and people(store, later) == {"Dunmore": "place"}
    with store.transaction() as db:
        resolve_people(db)
    assert people(store, first) == {"Dunmore": "place"} and people(store, later) == {"Dunmore": "place"}


def test_a_reviewers_split_wins_over_the_merge_and_outlasts_a_full_pass(data_dir):
    store = Store(data_dir)
    namesake(store)
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(4)))
    (alone,) = put(store, said("alone", "Olvera"))
    assert speaker(store, alone) == "Maria Olvera"
    correct(store, kind="split", name="Maria Olvera", names=["Olvera"])
    assert speaker(store, alone) == "Olvera"
    with store.transaction() as db:
        resolve_people(db)
    (another,) = put(store, said("another", "Olvera"))
    assert speaker(store, alone) == "Olvera" and speaker(store, another) == "Olvera"
    assert written_as(store.db, ["Maria Olvera"]) == []


def test_a_reviewers_speaker_on_a_merged_quote_stays(data_dir):
    store = Store(data_dir)
    namesake(store)
    (alone,) = put(store, said("alone", "Olvera"))
    quote = store.get(alone).quotes[0]
    correct(store, kind="speaker", article_id=alone, seq=0, quote_text=quote.text, quote_start=quote.start,
            quote_end=quote.end, speaker="Luis Olvera")
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(4)))
    assert speaker(store, alone) == "Luis Olvera"
    row = store.quote_rows([(alone, 0)])[0]
    assert row["corrected"] and row["machine_speaker"] == "Maria Olvera"


def test_the_full_pass_gives_what_the_incremental_one_gave_and_finds_what_it_missed(data_dir):
    store = Store(data_dir)
    namesake(store)
    ids = put(store, said("alone", "Olvera"), *(said(f"full {n}", "Maria Olvera") for n in range(4)),
              *(naming(f"match {n}", Entity("Dunmoor", "org", 1)) for n in range(3)),
              said("statement", "Dunmoor"))
    before = {i: (people(store, i), speaker(store, i) if store.get(i).quotes else None) for i in ids}
    with store.transaction() as db:
        summary = resolve_people(db)
    assert summary == {"decisions": {"same person": 1, "not a person: org": 1}, "articles_rewritten": 0}
    assert {i: (people(store, i), speaker(store, i) if store.get(i).quotes else None) for i in ids} == before
    # an archive whose decisions were lost (made before this pass) is resolved in full
    with store.transaction() as db:
        db.execute("DELETE FROM people_decisions")
        db.execute("DELETE FROM unresolved_annotations")
        db.execute("DELETE FROM name_evidence")
        resolve_people(db)
    assert {i: (people(store, i), speaker(store, i) if store.get(i).quotes else None) for i in ids} == before


def test_a_new_version_of_an_article_is_resolved_from_its_own_new_names(data_dir):
    store = Store(data_dir)
    namesake(store)
    put(store, *(said(f"full {n}", "Maria Olvera") for n in range(4)))
    (alone,) = put(store, said("alone", "Olvera"))
    assert speaker(store, alone) == "Maria Olvera"
    with store.transaction() as db:
        store.put(db, said("alone", "Quentin Marsh"), "test:alone", "hand.txt")
    assert speaker(store, alone) == "Quentin Marsh"
    assert written_as(store.db, ["Maria Olvera"]) == []


def test_a_name_opening_with_an_organizations_name_is_one(data_dir):
    store = Store(data_dir)
    put(store, *(naming(f"news {n}", Entity("Qorvik", "org", 1)) for n in range(10)))
    (desk,) = put(store, naming("desk", Entity("Qorvik Sport East", "person", 1)))
    put(store, *(naming(f"desk {n}", Entity("Qorvik Sport East", "person", 1)) for n in range(2)))
    assert people(store, desk) == {"Qorvik Sport East": "org"}


def test_a_name_found_not_to_be_a_person_is_no_full_names_short_form(data_dir):
    store = Store(data_dir)
    (one,) = put(store, naming("match", Entity("Dunmoor", "person", 1)))
    put(store, *(naming(f"club {n}", Entity("Dunmoor", "org", 1)) for n in range(3)))
    assert people(store, one) == {"Dunmoor": "org"}
    (player,) = put(store, naming("player", Entity("Mick Dunmoor", "person", 1)))
    assert people(store, one) == {"Dunmoor": "org"} and people(store, player) == {"Mick Dunmoor": "person"}


def test_a_new_version_whose_names_rename_its_own_old_ones_is_stored(data_dir):
    store = Store(data_dir)
    put(store, *(naming(f"club {n}", Entity("Dunmoor", "org", 1)) for n in range(3)))
    old = make_article("match", "Dunmoor beat them. Jones scored.",
                       entities=[Entity("Dunmoor", "person", 1), Entity("Jones", "person", 1)])
    (match,) = put(store, old)
    assert people(store, match) == {"Dunmoor": "org", "Jones": "person"}
    new = make_article("match", "Dunmoor beat them. Tom Jones scored.",
                       entities=[Entity("Dunmoor", "person", 1), Entity("Tom Jones", "person", 1)])
    with store.transaction() as db:  # the registry renames "Jones", which the old version named
        assert store.put(db, new, "test:match", "hand.txt").status == "updated"
    assert people(store, match) == {"Dunmoor": "org", "Tom Jones": "person"}


def test_a_reextracted_article_whose_names_rename_its_own_old_ones_is_stored(data_dir):
    store = Store(data_dir)
    put(store, *(naming(f"club {n}", Entity("Dunmoor", "org", 1)) for n in range(3)))
    body = "Dunmoor beat them. “We won,” said Jones."
    (match,) = put(store, make_article("match", body, quotes=[quote_in(body, "We won,", "Jones")],
                                       entities=[Entity("Dunmoor", "person", 1), Entity("Jones", "person", 1)]))
    fresh = make_article("match", body, quotes=[quote_in(body, "We won,", "Tom Jones")],
                         entities=[Entity("Dunmoor", "person", 1), Entity("Tom Jones", "person", 1)])
    with store.transaction() as db:  # the registry renames "Jones", which the old extraction named
        replacing = db.execute("SELECT content_hash FROM articles WHERE id = ?", (match,)).fetchone()[0]
        assert store.put_reextracted(db, match, fresh, replacing) is None
    assert people(store, match) == {"Dunmoor": "org", "Tom Jones": "person"}
    assert speaker(store, match) == "Tom Jones"
