"""How many quotations get a speaker on news with no annotations (coverage, not accuracy).

    .venv/bin/python -m bench.quote_coverage [FOLDER] [--step N] [--show K]

FOLDER holds plain-text articles, a title on the first line and the body after it
(the layout of the BBC News corpus, ../shared/corpora/bbc, the default). --step N
reads every Nth file in name order; --show K prints K full-sentence quotations that
got no speaker, with the text before them, to read what the rules miss.

Prints the quotations found, how many are partial, and of the full-sentence ones
(not partial, six words or more) how many got a speaker, a mention with no speaker
("a spokesman said"), or neither. Whether a credited speaker is right needs
annotated text: bench/quotes.py measures that.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.nlp import load_model, parse_sentences  # noqa: E402
from archive.quotes import extract_quotes, nlp_text  # noqa: E402
from bench.locations import BBC_CORPUS  # noqa: E402


def read_body(path: Path) -> str:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    return raw.split("\n", 1)[1].strip() if "\n" in raw else ""


def full_sentence(quote) -> bool:
    return not quote.partial and len(quote.text.split()) >= 6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(BBC_CORPUS))
    parser.add_argument("--step", type=int, default=1)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args(argv)
    files = sorted(Path(args.folder).rglob("*.txt"))[::max(1, args.step)]
    if not files:
        print(f"no .txt files under {args.folder}; nothing to measure.")
        return 0
    bodies = [read_body(path) for path in files]
    nlp = load_model()
    quotes, unattributed = [], []
    for path, body, doc in zip(files, bodies, nlp.pipe([nlp_text(b) for b in bodies], batch_size=32)):
        for quote in extract_quotes(body, doc, parse=parse_sentences):
            quotes.append(quote)
            if full_sentence(quote) and quote.speaker is None:
                unattributed.append((path, body, quote))
    full = [q for q in quotes if full_sentence(q)]
    credited = sum(1 for q in full if q.speaker)
    mention_only = sum(1 for q in full if not q.speaker and q.speaker_mention)
    print(f"{len(files):,} articles from {args.folder}, {len(quotes):,} quotations, "
          f"{sum(q.partial for q in quotes):,} partial")
    print(f"full-sentence quotations: {len(full):,}")
    print(f"  with a speaker:               {credited:,} ({credited / max(1, len(full)):.3f})")
    print(f"  a mention but no speaker:     {mention_only:,} (\"a spokesman said\", \"the company added\")")
    print(f"  neither:                      {len(full) - credited - mention_only:,}")
    for path, body, quote in random.Random(0).sample(unattributed, min(args.show, len(unattributed))):
        before = body[max(0, quote.start - 200):quote.start].replace("\n", " / ")
        print(f"--- {path.relative_to(args.folder)} mention={quote.speaker_mention!r}\n    …{before}"
              f"[{quote.text[:120]}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
