"""How long one very long article holds the NLP model, at different NER cuts and
different bounds of the annotated part.

A generated 5 MB body of repeated sentences with quotations (no corpus needed) goes
through prepare_file + annotate (what an upload does while it holds the model), once
per value of archive.nlp.MAX_NLP_CHARS (the NER's cut) and of
archive.normalize.ANNOTATED_CHARS (the part whose quotations are looked for);
models are loaded before the clock.

    .venv/bin/python bench/long_article.py [--limits 300000 100000] [--annotated 100000 200000 400000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import archive.nlp as nlp  # noqa: E402
import archive.normalize as normalize  # noqa: E402
from archive.pipeline import IngestOptions, annotate, prepare_file  # noqa: E402

SENTENCE = "The minister said “we will act” on Tuesday and officials in London agreed. "
BODY_BYTES = 5_000_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limits", type=int, nargs="+", default=[300_000, nlp.MAX_NLP_CHARS])
    parser.add_argument("--annotated", type=int, nargs="+", default=[normalize.ANNOTATED_CHARS])
    args = parser.parse_args()
    data = ("A long article\n\n" + SENTENCE * (BODY_BYTES // len(SENTENCE))).encode()
    nlp.load_model()
    nlp.load_parser()
    for annotated in args.annotated:
        normalize.ANNOTATED_CHARS = annotated
        for limit in args.limits:
            nlp.MAX_NLP_CHARS = limit
            started = time.perf_counter()
            items = prepare_file("long.txt", data, IngestOptions(), None)
            annotate([item.article for item in items if item.article])
            article = items[0].article
            print(f"ANNOTATED_CHARS {annotated:,}, MAX_NLP_CHARS {limit:,}: {time.perf_counter() - started:.1f} s; "
                  f"{len(article.quotes):,} quotations found, {sum(1 for q in article.quotes if q.speaker):,} "
                  f"with a speaker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
