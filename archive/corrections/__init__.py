"""Corrections by reviewers, applied on top of the machine's quotes and entities.

A reviewer can set or clear a quotation's speaker, say a span is not a quotation, merge
people ("Blair" into "Tony Blair"), split an alias off a person, and change or remove an
entity's type ("Glasgow" is a place). Each correction is kept with who made it, when, why,
and what was shown before (`rules.Correction`); undoing one keeps it, marked undone.

Where corrections take effect: the store's `quotes` and `entities` rows always hold the
machine's output with every active correction applied, so whatever reads them (article
pages and JSON, speaker pages, search results, exports, and the index, which is made from
them) sees the corrected values. The machine's own output of each article a correction
changed is kept beside them (`machine_annotations`), so a corrected value can show the
machine's guess (`"corrected": true`) and an undo can put it back. Making or undoing a
correction rewrites the articles it concerns in one transaction and queues them for the
index; the server's one index writer takes them from the queue in batches.

How a correction is matched after the machine's output changes (a new version of an
article, or a future `reannotate` re-extracting it from its original): whatever writes
fresh machine output for an article must call `correct_new_annotations(db, article_id,
article)` before writing its quotes and entities (archive.store.Store.put does, for every
article it stores). That function keeps the fresh output as the machine's, numbers its
quotes (`seq`) and applies every active correction again, in the order they were made:

- a quote correction (speaker, not a quotation) names its article and the quotation's seq,
  words and offsets, and is matched by the words, not the seq (`rules.find_quote`): the
  quotation with the same words at the same offsets; else the same words nearest the old
  offsets, first as written, then ignoring case and punctuation (the edges drawn a little
  differently); else a quotation overlapping the old span whose words contain or are
  contained in the old ones. When none matches, the words are no longer a quotation and
  the correction changes nothing there (it stays listed, and applies again should they return);
- a merge, a split or a retype names people and entities by their canonical names, and
  applies wherever the fresh output has those names (a merge also to articles added later);
  a split undoes the alias only in articles that never name the person in full.

`reannotate` must not copy stored quotes or entities into the fresh output: the stored
ones are corrected values. The machine's values are in `machine_annotations`.
"""
from archive.corrections.records import (CORRECTIONS_SCHEMA, add_correction, articles_changed, correct_new_annotations,
                                         count_corrections, get_correction, known_names, list_corrections,
                                         machine_annotations, machine_speakers, mark_corrected_quotes,
                                         undo_correction)
from archive.corrections.rules import ENTITY_TYPES, KINDS, Correction, apply_corrections, find_quote

__all__ = ["CORRECTIONS_SCHEMA", "ENTITY_TYPES", "KINDS", "Correction", "add_correction", "apply_corrections",
           "articles_changed", "correct_new_annotations", "count_corrections", "find_quote", "get_correction",
           "known_names", "list_corrections", "machine_annotations", "machine_speakers", "mark_corrected_quotes",
           "undo_correction"]
