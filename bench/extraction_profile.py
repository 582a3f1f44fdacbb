"""Where the extraction spends its time beyond the model, article by article.

    .venv/bin/python -m bench.extraction_profile [--limit N] [--top N] [--sort tottime|cumulative]

Over the first N BBC files (sorted by name; all 2,225 by default), in one process: reading and
normalizing each file (archive.pipeline.prepare_file), then the model (archive.nlp.read_texts:
NER and the person-label component, what bench/ingest.py counts as bare spaCy, kept off the
clock), then what archive.nlp fills in from each Doc (find_people, extract_quotes with the
sentence parser, extract_entities, merge_speakers) under cProfile. Prints CPU milliseconds per
article for each stage, the parser's share of the fill (the model again, on the few sentences
the rules leave open), and the hottest functions of the fill.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.locations import BBC_CORPUS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (all when 0)")
    parser.add_argument("--top", type=int, default=40, help="how many functions to list")
    parser.add_argument("--sort", choices=("tottime", "cumulative"), default="tottime")
    args = parser.parse_args(argv)

    from archive import nlp
    from archive.pipeline import IngestOptions, prepare_file

    paths = sorted(BBC_CORPUS.rglob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]
    files = [(str(path.relative_to(BBC_CORPUS)), path.read_bytes()) for path in paths]

    started = time.process_time()
    articles = [p.article for name, data in files for p in prepare_file(name, data, IngestOptions())
                if p.article is not None]
    read_ms = 1000 * (time.process_time() - started) / len(articles)

    model = nlp.load_model()
    nlp.load_parser()
    started = time.process_time()
    docs = list(nlp.read_texts(model, (nlp._nlp_text(a.body or "") for a in articles)))
    model_ms = 1000 * (time.process_time() - started) / len(articles)

    parse_seconds = 0.0
    parse_sentences = nlp.parse_sentences

    def timed_parse(sentences):
        nonlocal parse_seconds
        began = time.process_time()
        try:
            return parse_sentences(sentences)
        finally:
            parse_seconds += time.process_time() - began

    nlp.parse_sentences = timed_parse  # _fill reads the module's name at call time
    profile = cProfile.Profile()
    started = time.process_time()
    profile.enable()
    for article, doc in zip(articles, docs):
        nlp._fill(article, doc)
    profile.disable()
    fill_ms = 1000 * (time.process_time() - started) / len(articles)
    nlp.parse_sentences = parse_sentences
    parse_ms = 1000 * parse_seconds / len(articles)

    print(f"{len(articles)} articles, CPU ms per article (the fill under cProfile, which slows it):")
    print(f"  read and normalize  {read_ms:6.1f}")
    print(f"  model (NER, labels) {model_ms:6.1f}")
    print(f"  fill                {fill_ms:6.1f}  of which the sentence parser {parse_ms:.1f}, "
          f"the rules {fill_ms - parse_ms:.1f}")
    pstats.Stats(profile).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
