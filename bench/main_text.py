"""How much of a page's main text the archive keeps, side by side with trafilatura alone.

Scores the body read_html gives (paragraphs joined) and trafilatura.extract with its
defaults on the same pages, as trafilatura's own evaluation does: each `with` snippet
found in the text is a true positive (missing: a false negative), each `without`
snippet found a false positive (absent: a true negative). Precision, recall and F1
over all snippets of a folder. A page the reader refuses scores as an empty text.

    .venv/bin/python bench/main_text.py [FOLDER...] [--half even|odd] [--verbose]

Folders default to /work/shared/dev/html_text and /work/shared/dev/multilingual (each
has a manifest.json whose entries give `file`, `with`, `without`). `--half` keeps
every other page by a hash of its file name: rules are written looking at one half
and checked on the other, so that they are not fitted to these pages.
"""
from __future__ import annotations

import json
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.readers import ReadError  # noqa: E402
from archive.readers.html import read_html  # noqa: E402

DEFAULT_FOLDERS = (Path("/work/shared/dev/html_text"), Path("/work/shared/dev/multilingual"))


@dataclass
class Score:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0

    def add(self, text: str, entry: dict) -> None:
        found = comparable(text)
        for snippet in entry.get("with", []):
            if comparable(snippet) in found:
                self.true_positives += 1
            else:
                self.false_negatives += 1
        for snippet in entry.get("without", []):
            if comparable(snippet) in found:
                self.false_positives += 1
            else:
                self.true_negatives += 1

    @property
    def precision(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_positives, 1)

    @property
    def recall(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_negatives, 1)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"F1 {self.f1:.3f}  precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"(tp {self.true_positives}, fn {self.false_negatives}, fp {self.false_positives}, "
                f"tn {self.true_negatives})")


def comparable(text: str) -> str:
    return " ".join(text.split())


def archive_text(data: bytes) -> tuple[str, str | None]:
    """The body the archive stores, and the reason when the page is refused."""
    try:
        draft = read_html(data)
    except ReadError as exc:
        return "", str(exc)
    return "\n\n".join(draft.paragraphs), None


def trafilatura_text(data: bytes) -> str:
    import trafilatura

    try:
        return trafilatura.extract(data) or ""
    except Exception:
        return ""


def in_half(name: str, half: str | None) -> bool:
    if half is None:
        return True
    return (zlib.crc32(name.encode()) % 2 == 0) == (half == "even")


def score_folder(folder: Path, half: str | None, verbose: bool) -> tuple[Score, Score, list[str]] | None:
    manifest = folder / "manifest.json"
    if not manifest.exists():
        print(f"no pages at {folder} (manifest.json missing); skipped")
        return None
    ours, theirs, notes = Score(), Score(), []
    for entry in json.loads(manifest.read_text())["entries"]:
        if not in_half(entry["file"], half):
            continue
        data = (folder / entry["file"]).read_bytes()
        our_text, refused = archive_text(data)
        their_text = trafilatura_text(data)
        before = (ours.true_positives, ours.false_positives, theirs.true_positives, theirs.false_positives)
        ours.add(our_text, entry)
        theirs.add(their_text, entry)
        gained = (ours.true_positives - before[0]) - (theirs.true_positives - before[2])
        extra_noise = (ours.false_positives - before[1]) - (theirs.false_positives - before[3])
        if refused:
            notes.append(f"  {entry['file']}: refused ({refused[:100]})")
        elif verbose and (gained or extra_noise):
            notes.append(f"  {entry['file']}: ours vs trafilatura: {gained:+d} found, {extra_noise:+d} noise")
    return ours, theirs, notes


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    half = argv[argv.index("--half") + 1] if "--half" in argv else None
    folders = [Path(a) for a in argv if not a.startswith("--") and a not in ("even", "odd")]
    started = time.perf_counter()
    total_ours, total_theirs = Score(), Score()
    for folder in folders or DEFAULT_FOLDERS:
        scored = score_folder(folder, half, verbose)
        if scored is None:
            continue
        ours, theirs, notes = scored
        pages = sum(1 for e in json.loads((folder / "manifest.json").read_text())["entries"]
                    if in_half(e["file"], half))
        print(f"{folder} ({pages} pages{', ' + half + ' half' if half else ''}):")
        print(f"  archive      {ours.line()}")
        print(f"  trafilatura  {theirs.line()}")
        print("\n".join(notes) or "  (no page refused)")
        for mine, other in ((total_ours, ours), (total_theirs, theirs)):
            for name in vars(other):
                setattr(mine, name, getattr(mine, name) + getattr(other, name))
    print("all pages:")
    print(f"  archive      {total_ours.line()}")
    print(f"  trafilatura  {total_theirs.line()}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
