"""One name per person across the archive."""
from __future__ import annotations

from archive.model import Entity
from archive.people import aliases_of, canonicalize_people
from archive.store import Store
from helpers import make_article, quote_in


def stored(store: Store, title: str, speaker: str, aliases=()):
    body = f"“Words of {title},” said {speaker}."
    article = make_article(title, body, quotes=[quote_in(body, f"Words of {title},", speaker)],
                           entities=[Entity(speaker, "person", 1, list(aliases))])
    with store.transaction() as db:
        store.put(db, article, identity=f"test:{title}", original_name=title)
    return article


def speakers(store: Store) -> dict[str, str]:
    return {row["title"]: row["speaker"] for row in store.db.execute(
        "SELECT a.title, q.speaker FROM quotes q JOIN articles a ON a.id = q.article_id")}


def test_variants_across_articles_become_one_speaker(data_dir):
    store = Store(data_dir)
    stored(store, "one", "Dmitry Peskov")
    stored(store, "two", "Dmitri Peskov")
    stored(store, "three", "Mr. Peskov")
    assert set(speakers(store).values()) == {"Dmitry Peskov"}
    assert {"Dmitri Peskov", "Mr. Peskov"} <= set(aliases_of(store.db, "Dmitry Peskov"))


def test_a_fuller_name_renames_what_is_stored_and_requeues_it(data_dir):
    store = Store(data_dir)
    first = stored(store, "one", "Peskov")
    store.dequeue([first.id])
    stored(store, "two", "Dmitry Peskov")
    assert speakers(store) == {"one": "Dmitry Peskov", "two": "Dmitry Peskov"}
    assert first.id in store.queued_ids()
    names = [r["name"] for r in store.db.execute("SELECT name FROM entities WHERE article_id = ?", (first.id,))]
    assert names == ["Dmitry Peskov"]


def test_different_first_names_stay_different_people_and_ambiguity_is_not_guessed(data_dir):
    store = Store(data_dir)
    stored(store, "one", "George Bush")
    stored(store, "two", "Jeb Bush")
    stored(store, "three", "Bush")
    assert speakers(store) == {"one": "George Bush", "two": "Jeb Bush", "three": "Bush"}


def test_entities_merging_into_one_canonical_add_counts(data_dir):
    store = Store(data_dir)
    article = make_article("t", "x", entities=[Entity("Dmitry Peskov", "person", 2),
                                               Entity("Dmitri Peskov", "person", 1)])
    with store.transaction() as db:
        canonicalize_people(db, article)
    assert [(e.name, e.count, e.aliases) for e in article.entities] == [("Dmitry Peskov", 3, ["Dmitri Peskov"])]


def test_father_and_son_of_one_article_stay_two_people_across_the_archive(data_dir):
    store = Store(data_dir)
    body = "“Words,” said Donald J. Tramp. “More words,” said Donald Tramp Jr."
    article = make_article("both", body, quotes=[quote_in(body, "Words,", "Donald J. Tramp"),
                                                 quote_in(body, "More words,", "Donald Tramp Jr.")],
                           entities=[Entity("Donald J. Tramp", "person", 1), Entity("Donald Tramp Jr.", "person", 1)])
    with store.transaction() as db:
        store.put(db, article, identity="test:both", original_name="both")
    stored(store, "son", "Donald Tramp Jr.")
    stored(store, "father", "Donald J. Tramp")
    assert speakers(store)["son"] == "Donald Tramp Jr." and speakers(store)["father"] == "Donald J. Tramp"
    # with no son in sight, a name without "Jr." still joins the one person it can be
    stored(store, "vice", "Joseph R. Bidden Jr.")
    stored(store, "other paper", "Joseph Bidden")
    assert speakers(store)["other paper"] == "Joseph R. Bidden Jr."
