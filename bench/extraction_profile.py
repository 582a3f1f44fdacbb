"""Where the extraction spends its time beyond the model, article by article.

    .venv/bin/python -m bench.extraction_profile [--limit N] [--repeat N] [--cprofile] [--top N]

Over the first N BBC files (sorted by name; all 2,225 by default), in one process: reading and
normalizing each file (archive.pipeline.prepare_file), then the model (archive.nlp.read_texts:
NER and the person-label component, what bench/ingest.py counts as bare spaCy), then what
archive.nlp fills in from each Doc (find_people, quote_steps, extract_entities, merge_speakers)
with the sentence parser parsing the sentences a group of GROUP articles leaves open in one
call, as archive.nlp.annotate does for the files of one ingest batch. The fill runs --repeat
times (best kept); each pass of the attribution and of find_people is timed on its own, in CPU
milliseconds per article, without a profiler (which would slow the small functions most); a
pass that waits for the parser (archive.attribution.resumable) is timed without the parser,
which is timed on its own (parse_sentences).
--cprofile then runs the fill once more under cProfile and lists its hottest functions.
"""
from __future__ import annotations

import argparse
import cProfile
import inspect
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.locations import BBC_CORPUS  # noqa: E402

# (module, function) pairs timed one by one: the attribution's passes in order, then the
# steps of find_people; each is looked up by name where its caller reads it.
ATTRIBUTION_PASSES = ("token_view", "note_who_talks", "credit_by_clauses", "attribute_by_parse",
                      "continue_speakers", "after_reported_speech", "continue_into_fragment", "uncredit_titles")
PEOPLE_STEPS = ("ner_person_mentions", "first_name_pairs", "titled_names", "cluster_mentions",
                "missed_mentions", "roles_before", "roles_after", "pronoun_after", "canonical_name")
FILL_STEPS = ("find_people", "quote_steps", "extract_entities", "merge_speakers", "parse_sentences")
# Articles annotated together: an ingest's batch of files (archive.pipeline.Ingester.ingest's batch_size).
GROUP = 64


def timed(module, name: str, totals: dict[str, float]) -> None:
    """Replace module.name by a wrapper adding its CPU time to totals[name]: of steps (a
    generator function), the time of each resumption, not the parse they wait for between."""
    function = getattr(module, name, None)
    if function is None:  # a step an older commit does not have
        return

    def add(began: float) -> None:
        totals[name] = totals.get(name, 0.0) + time.process_time() - began

    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            add(began)

    def steps_wrapper(*args, **kwargs):
        steps = function(*args, **kwargs)
        resume, value = steps.send, None
        while True:
            began = time.process_time()
            try:
                request = resume(value)
            except StopIteration as end:
                return end.value
            finally:
                add(began)
            try:
                value, resume = (yield request), steps.send
            except Exception as error:  # noqa: BLE001 - the parser's, for the steps to handle
                value, resume = error, steps.throw

    setattr(module, name, steps_wrapper if inspect.isgeneratorfunction(function) else wrapper)


def fill_all(nlp, articles, docs, texts) -> float:
    """CPU seconds of archive.nlp's fill over every article, each Doc as the model left it."""
    began = time.process_time()
    for doc, text in zip(docs, texts):
        doc.user_data.clear()  # what the rules keep with a Doc is made anew each time
        if hasattr(nlp, "keep_text"):  # as archive.nlp.annotate does (not before 335e46b)
            nlp.keep_text(doc, text)
    if hasattr(nlp, "_fill_together"):
        for start in range(0, len(articles), GROUP):
            nlp._fill_together(articles[start:start + GROUP], docs[start:start + GROUP])
    else:  # each article's sentences parsed on their own
        for article, doc in zip(articles, docs):
            nlp._fill(article, doc)
    return time.process_time() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (all when 0)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fill; the best is kept")
    parser.add_argument("--cprofile", action="store_true", help="then list the fill's hottest functions")
    parser.add_argument("--top", type=int, default=40, help="how many functions --cprofile lists")
    args = parser.parse_args(argv)

    import archive.attribution as attribution
    import archive.entities as entities
    from archive import nlp
    from archive.pipeline import IngestOptions, prepare_file

    paths = sorted(BBC_CORPUS.rglob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]
    files = [(str(path.relative_to(BBC_CORPUS)), path.read_bytes()) for path in paths]

    began = time.process_time()
    articles = [p.article for name, data in files for p in prepare_file(name, data, IngestOptions())
                if p.article is not None]
    read_ms = 1000 * (time.process_time() - began) / len(articles)
    model = nlp.load_model()
    nlp.load_parser()
    texts = [nlp._nlp_text(a.body or "") for a in articles]
    began = time.process_time()
    docs = list(nlp.read_texts(model, iter(texts)))
    model_ms = 1000 * (time.process_time() - began) / len(articles)

    totals: dict[str, float] = {}
    for name in ATTRIBUTION_PASSES:
        timed(attribution, name, totals)
    for name in PEOPLE_STEPS:
        timed(entities, name, totals)
    for name in FILL_STEPS:
        timed(nlp, name, totals)
    best = None
    for _ in range(args.repeat):
        totals.clear()
        seconds = fill_all(nlp, articles, docs, texts)
        if best is None or seconds < best[0]:
            best = (seconds, dict(totals))
    seconds, totals = best

    def ms(value: float) -> str:
        return f"{1000 * value / len(articles):6.2f}"

    parse = totals.get("parse_sentences", 0.0)
    print(f"{len(articles)} articles, CPU ms per article (fill: best of {args.repeat})")
    print(f"  read and normalize   {read_ms:6.2f}")
    print(f"  model (NER, labels)  {model_ms:6.2f}")
    print(f"  fill                 {ms(seconds)}  = the sentence parser {ms(parse).strip()} "
          f"+ the rules {ms(seconds - parse).strip()}")
    for group in (FILL_STEPS, ATTRIBUTION_PASSES, PEOPLE_STEPS):
        print("   " + ", ".join(f"{name} {ms(totals.get(name, 0.0)).strip()}" for name in group))

    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        fill_all(nlp, articles, docs, texts)
        profile.disable()
        pstats.Stats(profile).strip_dirs().sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
