"""What the extraction gives, written down in full, to prove a refactoring changed nothing.

    .venv/bin/python -m bench.extraction_dump LABEL [--only polnear|bbc] [--n-process N]
    .venv/bin/python -m bench.extraction_dump --compare LABEL_A LABEL_B

Writes bench/out/extraction/LABEL/ (git-ignored):
- polnear-train.jsonl, polnear-dev.jsonl: for each article of the PolNeAR file that
  bench/quotes.py reads, what bench/quotes.py credits (the same calls: nlp.pipe over
  nlp_text, find_people, extract_quotes with the sentence parser), every quotation with
  text, offsets, speaker, mention, cue, confidence and partial, and the article's entities;
- polnear-train-scores.txt, polnear-dev-scores.txt: bench/quotes.py's figures for ours and
  the baseline (no throughput: it varies from run to run);
- bbc.jsonl: every BBC article (../shared/corpora/bbc) as `python -m archive extract` prints
  it (archive.pipeline.prepare_chunk, in chunks of CHUNK files over two worker processes),
  less ingested_at, the one field that is the time of the run.

--compare says whether two dumps are byte-identical, file by file, and else lists each
article whose quotations or entities differ, quotation by quotation.
"""
from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import quotes as quotes_bench  # noqa: E402
from bench.locations import BBC_CORPUS, OUT  # noqa: E402

DUMPS = OUT / "extraction"
CHUNK = 16
SPLITS = ("train", "dev")


def _lines(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def dump_polnear(folder: Path, n_process: int) -> None:
    from archive.entities import extract_entities, find_people
    from archive.nlp import load_model, parse_sentences
    from archive.quotes import extract_quotes, nlp_text

    articles = [json.loads(line) for line in quotes_bench.DEFAULT_PATH.open(encoding="utf-8")]
    nlp = load_model()
    for split in SPLITS:
        chosen = [a for a in articles if a.get("split") == split]
        ours, base = quotes_bench.Score(), quotes_bench.Score()
        rows = []
        docs = nlp.pipe([nlp_text(a["text"]) for a in chosen], n_process=n_process, batch_size=32)
        for article, doc in zip(chosen, docs):
            people = find_people(doc)
            predicted = extract_quotes(article["text"], doc, people, parse_sentences)
            ours.add(article, predicted)
            base.add(article, quotes_bench.baseline_quotes(article["text"], doc))
            rows.append({"id": article.get("id"), "quotes": [q.to_dict() for q in predicted],
                         "entities": [e.to_dict() for e in extract_entities(doc, people)]})
        _lines(folder / f"polnear-{split}.jsonl", rows)
        scores = [f"{len(chosen)} {split} articles", "ours:", *ours.lines(), "baseline:", *base.lines()]
        (folder / f"polnear-{split}-scores.txt").write_text("\n".join(scores) + "\n", encoding="utf-8")
        print("\n".join(scores), flush=True)


def _extract_chunk(chunk: list[tuple[str, bytes]]) -> list[dict]:
    from archive.pipeline import IngestOptions, prepare_chunk

    rows = []
    for item in prepare_chunk(chunk, IngestOptions(), None):
        if item.article is None:
            rows.append({"file": item.name, "error": item.error})
            continue
        row = item.article.to_dict()
        row.pop("ingested_at", None)
        rows.append(row)
    return rows


def dump_bbc(folder: Path, n_process: int) -> None:
    paths = sorted(BBC_CORPUS.rglob("*.txt"))
    files = [(str(path.relative_to(BBC_CORPUS)), path.read_bytes()) for path in paths]
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        rows = [row for rows in pool.map(_extract_chunk, chunks) for row in rows]
    _lines(folder / "bbc.jsonl", rows)
    print(f"{len(rows)} BBC articles, {sum(len(r.get('quotes', [])) for r in rows)} quotations", flush=True)


def _described(quote: dict) -> str:
    return (f"[{quote['start']}:{quote['end']}] {quote['text'][:70]!r} -> {quote['speaker']!r} "
            f"via {quote['speaker_mention']!r} {quote['cue']!r} {quote['confidence']}")


def differences(a: Path, b: Path) -> list[str]:
    """Each article of two dumps of one file whose quotations or entities differ."""
    out = []
    rows_a = [json.loads(line) for line in a.open(encoding="utf-8")]
    rows_b = [json.loads(line) for line in b.open(encoding="utf-8")]
    if len(rows_a) != len(rows_b):
        return [f"{a.name}: {len(rows_a)} against {len(rows_b)} articles"]
    for row_a, row_b in zip(rows_a, rows_b):
        name = row_a.get("file") or row_a.get("id")
        for quote_a, quote_b in zip(row_a.get("quotes", []), row_b.get("quotes", [])):
            if quote_a != quote_b:
                out.append(f"{a.name} {name}\n  - {_described(quote_a)}\n  + {_described(quote_b)}")
        if len(row_a.get("quotes", [])) != len(row_b.get("quotes", [])):
            out.append(f"{a.name} {name}: {len(row_a['quotes'])} against {len(row_b['quotes'])} quotations")
        if row_a.get("entities") != row_b.get("entities"):
            gone = [e for e in row_a.get("entities", []) if e not in row_b.get("entities", [])]
            new = [e for e in row_b.get("entities", []) if e not in row_a.get("entities", [])]
            out.append(f"{a.name} {name} entities\n  - {gone}\n  + {new}")
        rest_a = {k: v for k, v in row_a.items() if k not in ("quotes", "entities")}
        rest_b = {k: v for k, v in row_b.items() if k not in ("quotes", "entities")}
        fields = sorted(k for k in rest_a.keys() | rest_b.keys()
                        if k not in rest_a or k not in rest_b or rest_a[k] != rest_b[k])
        if fields:
            out.append(f"{a.name} {name}: other fields differ: {', '.join(fields)}")
    return out


def compare(label_a: str, label_b: str) -> int:
    folder_a, folder_b = DUMPS / label_a, DUMPS / label_b
    names = sorted({p.name for p in folder_a.iterdir()} | {p.name for p in folder_b.iterdir()})
    changed = 0
    for name in names:
        a, b = folder_a / name, folder_b / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {label_a if a.exists() else label_b}")
            changed += 1
        elif a.read_bytes() == b.read_bytes():
            print(f"{name}: identical ({a.stat().st_size:,} bytes)")
        else:
            changed += 1
            print(f"{name}: DIFFERS")
            if name.endswith(".jsonl"):
                print("\n".join(differences(a, b)))
            else:
                print(a.read_text(encoding="utf-8") + "---\n" + b.read_text(encoding="utf-8"))
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("label", nargs="?")
    parser.add_argument("--only", choices=("polnear", "bbc"))
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--compare", nargs=2, metavar=("LABEL_A", "LABEL_B"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.label:
        parser.error("a LABEL (the dump's folder name) or --compare")
    folder = DUMPS / args.label
    folder.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "polnear"):
        dump_polnear(folder, args.n_process)
    if args.only in (None, "bbc"):
        dump_bbc(folder, args.n_process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
