"""Corrections by reviewers on a real SQLite store: each kind applied, undone, and kept when
the machine's output is written again (a new version of the article)."""
from __future__ import annotations

from archive.corrections import Correction, add_correction, apply_corrections, find_quote, undo_correction
from archive.model import Entity, Quote
from archive.store import Store
from helpers import make_article, quote_in
from index.documents import article_document, quote_documents

TALKS = ("“We remain apart,” said Tony Blair. Later Blair added: “Nothing is agreed.” "
         "“It is raining,” said a spectator in Glasgow.")
LATER = "Blair spoke again. “We will see,” Blair said in Glasgow."


def talks(body: str = TALKS):
    return make_article("Talks", body, quotes=[quote_in(body, "We remain apart,", "Tony Blair"),
                                               quote_in(body, "Nothing is agreed.", "Tony Blair"),
                                               quote_in(body, "It is raining,", None)],
                        entities=[Entity("Tony Blair", "person", 2, ["Blair"]), Entity("Glasgow", "person", 1)])


def later():
    return make_article("Later", LATER, quotes=[quote_in(LATER, "We will see,", "Blair")],
                        entities=[Entity("Blair", "person", 2), Entity("Glasgow", "place", 1)])


def cherie():
    body = "Cherie Blair opened the school."
    return make_article("School", body, entities=[Entity("Cherie Blair", "person", 1)])


def stored(data_dir, *articles):
    store = Store(data_dir)
    with store.transaction() as db:
        ids = [store.put(db, item, f"id-{n}", "hand.txt").article_id for n, item in enumerate(articles)]
    return store, ids


def correct(store, **fields):
    fields.setdefault("reviewer", "Ana")
    with store.transaction() as db:
        return add_correction(db, Correction(id=0, made_at="2026-12-07T19:00:00+00:00", **fields))


def speaker_fix(store, article_id, seq, speaker):
    quote = store.get(article_id).quotes[seq]
    return correct(store, kind="speaker", article_id=article_id, seq=seq, quote_text=quote.text,
                   quote_start=quote.start, quote_end=quote.end, speaker=speaker)


def test_a_speaker_set_by_a_reviewer_is_what_the_store_gives_and_an_undo_puts_the_machines_back(data_dir):
    store, (first,) = stored(data_dir, talks())
    made, rewritten = speaker_fix(store, first, 2, "A spectator")
    assert rewritten == [first]
    assert [q.speaker for q in store.get(first).quotes] == ["Tony Blair", "Tony Blair", "A spectator"]
    assert store.queued_ids() == [first]  # for the index
    row = store.quote_rows([(first, 2)])[0]
    assert row["corrected"] and row["machine_speaker"] is None and row["speaker"] == "A spectator"
    assert not store.quote_rows([(first, 0)])[0]["corrected"]
    with store.transaction() as db:
        undone, rewritten = undo_correction(db, made.id, "Ben")
    assert undone.undone_by == "Ben" and rewritten == [first]
    assert [q.speaker for q in store.get(first).quotes] == ["Tony Blair", "Tony Blair", None]
    assert not store.quote_rows([(first, 2)])[0]["corrected"]


def test_a_speaker_can_be_cleared(data_dir):
    store, (first,) = stored(data_dir, talks())
    speaker_fix(store, first, 0, None)
    assert store.get(first).quotes[0].speaker is None


def test_a_span_that_is_not_a_quotation_leaves_the_others_their_numbers(data_dir):
    store, (first,) = stored(data_dir, talks())
    quote = store.get(first).quotes[0]
    correct(store, kind="not_a_quote", article_id=first, seq=0, quote_text=quote.text, quote_start=quote.start,
            quote_end=quote.end)
    item = store.get(first)
    assert [(q.seq, q.text) for q in item.quotes] == [(1, "Nothing is agreed."), (2, "It is raining,")]
    assert [doc["id"] for doc in quote_documents(item)] == [f"{first}:1", f"{first}:2"]
    assert store.quote_rows([(first, 1)])[0]["text"] == "Nothing is agreed."


def test_people_merged_by_a_reviewer_are_one_person_in_every_article_and_in_articles_added_later(data_dir):
    # With two Blairs known, the people registry leaves a plain "Blair" as it is.
    store, (first, _, second) = stored(data_dir, talks(), cherie(), later())
    made, rewritten = correct(store, kind="merge", name="Tony Blair", names=["Blair"])
    assert rewritten == [second]
    item = store.get(second)
    assert item.quotes[0].speaker == "Tony Blair"
    assert [(e.name, e.type, e.count, e.aliases) for e in item.entities if e.type == "person"] == [
        ("Tony Blair", "person", 2, ["Blair"])]
    assert article_document(item)["speaker"] == "Tony Blair"
    with store.transaction() as db:
        third = make_article("Third", LATER + " Again.", quotes=[quote_in(LATER, "We will see,", "Blair")],
                             entities=[Entity("Blair", "person", 1)])
        added = store.put(db, third, "id-3", "x.txt").article_id
    assert store.get(added).quotes[0].speaker == "Tony Blair"
    with store.transaction() as db:
        undo_correction(db, made.id, "Ana")
    assert store.get(second).quotes[0].speaker == "Blair"
    assert store.get(added).quotes[0].speaker == "Blair"


def test_an_alias_split_off_goes_back_where_the_article_never_names_the_person_in_full(data_dir):
    body = "Blair spoke. “We will see,” Blair said."
    merged_by_registry = make_article("Alone", body, quotes=[quote_in(body, "We will see,", "Tony Blair")],
                                      entities=[Entity("Tony Blair", "person", 2, ["Blair"])])
    store, (first, second) = stored(data_dir, talks(), merged_by_registry)
    _, rewritten = correct(store, kind="split", name="Tony Blair", names=["Blair"])
    assert rewritten == [second]
    assert store.get(second).quotes[0].speaker == "Blair"
    assert [(e.name, e.aliases) for e in store.get(second).entities] == [("Blair", [])]
    assert store.get(first).quotes[0].speaker == "Tony Blair"


def test_a_retyped_entity_moves_to_its_type_and_a_removed_one_goes(data_dir):
    store, (first, _, second) = stored(data_dir, talks(), cherie(), later())
    _, rewritten = correct(store, kind="retype", name="Glasgow", from_type="person", to_type="place")
    assert rewritten == [first]
    assert ("Glasgow", "place") in [(e.name, e.type) for e in store.get(first).entities]
    assert article_document(store.get(first))["person"] == "Tony Blair"
    _, rewritten = correct(store, kind="retype", name="Glasgow", from_type="place", to_type=None)
    assert sorted(rewritten) == [first, second]
    assert "Glasgow" not in [e.name for e in store.get(first).entities + store.get(second).entities]


def test_a_quote_correction_survives_a_new_version_that_renumbers_the_quotes(data_dir):
    store, (first,) = stored(data_dir, talks())
    speaker_fix(store, first, 2, "A spectator")
    body = "“A new first quote,” said Tony Blair. " + TALKS
    version = make_article("Talks", body, quotes=[quote_in(body, "A new first quote,", "Tony Blair"),
                                                  quote_in(body, "We remain apart,", "Tony Blair"),
                                                  quote_in(body, "Nothing is agreed.", "Tony Blair"),
                                                  quote_in(body, "It is raining", None)])
    with store.transaction() as db:
        assert store.put(db, version, "id-0", "hand.txt").status == "updated"
    quotes = store.get(first).quotes
    assert [(q.seq, q.speaker) for q in quotes] == [(0, "Tony Blair"), (1, "Tony Blair"), (2, "Tony Blair"),
                                                    (3, "A spectator")]


def test_a_quote_is_found_by_its_words_not_its_number():
    def quote(text, start):
        return Quote(text, start, start + len(text))

    fix = Correction(id=1, kind="speaker", reviewer="Ana", made_at="", quote_text="It is raining,",
                     quote_start=60, quote_end=74)
    assert find_quote(fix, [quote("It is raining,", 10), quote("It is raining,", 58)]).start == 58
    assert find_quote(fix, [quote("Other words", 60), quote("It is raining", 60)]).text == "It is raining"
    assert find_quote(fix, [quote("Other words entirely", 60)]) is None


def test_corrections_apply_in_the_order_they_were_made_and_leave_the_machines_lists_alone():
    quotes = [Quote("Yes,", 0, 4, speaker="Blair", seq=0)]
    entities = [Entity("Blair", "person", 1)]
    first = Correction(id=1, kind="merge", reviewer="Ana", made_at="", name="Tony Blair", names=["Blair"])
    second = Correction(id=2, kind="speaker", reviewer="Ana", made_at="", quote_text="Yes,", quote_start=0,
                        quote_end=4, speaker="Cherie Blair")
    corrected = apply_corrections("Yes, he said.", quotes, entities, [first, second])
    assert corrected.quotes[0].speaker == "Cherie Blair" and corrected.applied == {1, 2}
    assert quotes[0].speaker == "Blair" and entities[0].name == "Blair"


def test_a_name_the_people_registry_fills_out_later_is_filled_out_in_the_machines_kept_output(data_dir):
    body = "“Not yet,” said Peskov. “Maybe,” he added."
    alone = make_article("Alone", body, entities=[Entity("Peskov", "person", 2)],
                         quotes=[quote_in(body, "Not yet,", "Peskov"), quote_in(body, "Maybe,", "Peskov")])
    store, (first,) = stored(data_dir, alone)
    made, _ = speaker_fix(store, first, 1, None)
    full = "“Yes,” said Dmitry Peskov."
    with store.transaction() as db:
        store.put(db, make_article("Full", full, quotes=[quote_in(full, "Yes,", "Dmitry Peskov")],
                                   entities=[Entity("Dmitry Peskov", "person", 1)]), "id-9", "x.txt")
    assert [q.speaker for q in store.get(first).quotes] == ["Dmitry Peskov", None]
    with store.transaction() as db:
        undo_correction(db, made.id, "Ana")
    assert [q.speaker for q in store.get(first).quotes] == ["Dmitry Peskov", "Dmitry Peskov"]
