"""The source articles every benchmark starts from: the 2,225 BBC News files in
../shared/corpora/bbc when present, else generated text (see generated_text.py)."""
from __future__ import annotations

from dataclasses import dataclass

from bench.locations import BBC_CORPUS

BBC_FILE_COUNT = 2225


@dataclass
class SourceCorpus:
    kind: str  # "bbc" or "generated"
    description: str
    files: list[tuple[str, bytes]]  # (display name, raw bytes), as the CLI would read them


def load_source_corpus() -> SourceCorpus:
    files = sorted(BBC_CORPUS.rglob("*.txt")) if BBC_CORPUS.is_dir() else []
    if files:
        return SourceCorpus(
            "bbc", f"{len(files):,} real BBC News articles from {BBC_CORPUS}",
            [(str(path.relative_to(BBC_CORPUS)), path.read_bytes()) for path in files])
    from bench.generated_text import generated_files
    generated = generated_files(BBC_FILE_COUNT)
    return SourceCorpus(
        "generated", f"{len(generated):,} generated articles (small vocabulary, invented names; "
                     f"{BBC_CORPUS} was absent)", generated)
