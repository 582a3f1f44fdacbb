"""The person facet of a whole archive: its top 100 values, and which of them are not
people or are a surname alone beside a listed full name (issue 21).

    .venv/bin/python -m bench.people_facet --data /tmp/bbc      # ingests the BBC corpus there first if empty
    .venv/bin/python -m bench.people_facet --data /tmp/bbc --corpus ../shared/corpora/bbc

A surname alone is found by rule: a one-word value whose surname is that of a listed full
name the same person could have ("Blair" beside "Tony Blair"). What is not a person is a
reader's judgement, kept below (NOT_PEOPLE, read off the BBC corpus's facet by hand; it
judges the benchmark's output and plays no part in the archive's decisions). A value the
list does not know is printed for a reader to judge.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from archive.names import parse_person_name, person_key, same_person
from archive.store import Store
from index.search import SearchRequest, SearchService

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
TOP = 100

# Values of the BBC corpus's person facet that are not people, read by hand in its top 100
# before and after the archive-wide pass, and after `reannotate --all` (a band, a fictional character, a technology, a
# city, football clubs and their ground, a broadcaster's desk). Surnames alone ("Falconer",
# "Miller", "Lo Cicero") are people and are counted only beside their listed full name.
NOT_PEOPLE = {"Harry Potter", "Franz Ferdinand", "Glasgow", "Everton", "Chelsea", "Anfield", "GPRS",
              "BBC Sport Wales", "Bill"}  # "Bill": bills before Parliament, after `reannotate --all`


def person_facet(data: Path, top: int = TOP) -> list[tuple[str, int]]:
    store = Store(data)
    service = SearchService(data / "index", store)
    response = service.search(SearchRequest(per_page=1, facet_limits={"person": top}, sort="newest"))
    return [(value.value, value.count) for value in response.facets["person"][:top]]


def surname_duplicates(values: list[str]) -> dict[str, str]:
    """One-word values -> the listed full name they are the surname of."""
    full = [v for v in values if parse_person_name(v).given]
    found = {}
    for value in values:
        if parse_person_name(value).given or not person_key(value):
            continue
        match = next((f for f in full if person_key(f) == person_key(value) and same_person(f, value)), None)
        if match:
            found[value] = match
    return found


def ingest(corpus: Path, data: Path) -> None:
    print(f"ingesting {corpus} into {data} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "archive", "ingest", "--data", str(data), str(corpus)],
                   check=True, stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="an archive folder; ingested from --corpus if empty")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--top", type=int, default=TOP)
    args = parser.parse_args(argv)
    if not (args.data / "archive.sqlite3").exists():
        ingest(args.corpus, args.data)
    facet = person_facet(args.data, args.top)
    names = [name for name, _ in facet]
    duplicates = surname_duplicates(names)
    judged = []
    for rank, (name, count) in enumerate(facet, 1):
        mark = ""
        if name in NOT_PEOPLE:
            mark = "NOT A PERSON"
            judged.append(name)
        elif name in duplicates:
            mark = f"SURNAME ALONE (beside {duplicates[name]!r})"
            judged.append(f"{name!r} beside {duplicates[name]!r}")
        print(f"{rank:4d} {count:5d}  {name}  {mark}".rstrip())
    print(f"\n{len(judged)} of the top {len(facet)} are not people or a surname alone beside a listed full name:")
    print("; ".join(judged) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
