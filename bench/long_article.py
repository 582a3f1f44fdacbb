"""How long one very long article holds the NLP model, at different NER cuts.

A generated 5 MB body of repeated sentences with quotations (no corpus needed) goes
through prepare_file + annotate (what an upload does under Runtime._nlp_lock), once
per value of archive.nlp.MAX_NLP_CHARS; models are loaded before the clock.

    .venv/bin/python bench/long_article.py [--limits 300000 100000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import archive.nlp as nlp  # noqa: E402
from archive.pipeline import IngestOptions, annotate, prepare_file  # noqa: E402

SENTENCE = "The minister said “we will act” on Tuesday and officials in London agreed. "
BODY_BYTES = 5_000_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limits", type=int, nargs="+", default=[300_000, nlp.MAX_NLP_CHARS])
    args = parser.parse_args()
    data = ("A long article\n\n" + SENTENCE * (BODY_BYTES // len(SENTENCE))).encode()
    nlp.load_model()
    nlp.load_parser()
    for limit in args.limits:
        nlp.MAX_NLP_CHARS = limit
        started = time.perf_counter()
        items = prepare_file("long.txt", data, IngestOptions(), None)
        annotate([item.article for item in items if item.article])
        article = items[0].article
        print(f"MAX_NLP_CHARS {limit:,}: {time.perf_counter() - started:.1f} s; {len(article.quotes):,} quotations found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
