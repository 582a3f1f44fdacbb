"""Generate bench/queries.json: the fixed query set of bench/query.py.

Run once and commit the file; it is made from the annotated source corpus (its
words, phrases, speakers and entities) with a fixed seed, so every query uses
words and facet values that exist in the archives built from that corpus.

    .venv/bin/python -m bench.make_queries
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.annotated import load_annotations  # noqa: E402
from bench.locations import QUERIES_FILE  # noqa: E402
from bench.synthetic import SOURCES  # noqa: E402
from index.schema import text_analyzer  # noqa: E402

SEED = 7
WORD = re.compile(r"[A-Za-z]+")
PLAIN_WORD = re.compile(r"[a-z]{3,}")
YEARS = range(2019, 2026)


class Vocabulary:
    """What the source corpus offers to ask for."""

    def __init__(self, articles: list[dict]):
        self.articles = articles
        self.document_frequency = Counter()
        for article in articles:
            self.document_frequency.update({w.lower() for w in WORD.findall(article["title"] + " " + article["body"])})
        analyzer = text_analyzer()
        self.words = sorted(w for w in self.document_frequency
                            if PLAIN_WORD.fullmatch(w) and len([t for t in analyzer(w)]) == 1)
        by_frequency = sorted(self.words, key=lambda w: (-self.document_frequency[w], w))
        self.common = by_frequency[30:400]  # past the function words, still in many articles
        self.rare = [w for w in by_frequency if 2 <= self.document_frequency[w] <= 5 and len(w) >= 6]
        self.speakers = self._ranked(q["speaker"] for a in articles for q in a["quotes"] if q["speaker"])
        self.entities = {kind: self._ranked(e["name"] for a in articles for e in a["entities"] if e["type"] == kind)
                         for kind in ("person", "org", "place")}
        self.quote_texts = [q["text"] for a in articles for q in a["quotes"] if len(q["text"].split()) >= 6]

    @staticmethod
    def _ranked(names, top: int = 40) -> list[str]:
        return [name for name, _ in Counter(names).most_common(top)]

    def article_words(self, rng: random.Random, count: int) -> list[str]:
        """Words of one article (they co-occur), not the commonest ones."""
        while True:
            article = rng.choice(self.articles)
            words = sorted({w.lower() for w in WORD.findall(article["body"])
                            if w.lower() in self.common or 20 <= self.document_frequency[w.lower()] < 400})
            words = [w for w in words if PLAIN_WORD.fullmatch(w)]
            if len(words) >= count:
                return rng.sample(words, count)

    def phrase(self, rng: random.Random, texts: list[str] | None = None) -> str:
        while True:
            text = rng.choice(texts) if texts else rng.choice(self.articles)["body"]
            words = WORD.findall(text)
            length = rng.choice((2, 2, 3))
            if len(words) < length + 1:
                continue
            start = rng.randrange(len(words) - length)
            chosen = [w.lower() for w in words[start:start + length]]
            # A phrase is the words in a row with nothing but spaces between them.
            if re.search(r"\b" + r"\s+".join(map(re.escape, words[start:start + length])) + r"\b", text) \
                    and all(PLAIN_WORD.fullmatch(w) for w in chosen):
                return '"' + " ".join(chosen) + '"'


def generate(vocabulary: Vocabulary, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    v = vocabulary
    queries: list[dict] = []

    def add(label: str, **request):
        queries.append({"id": f"{label}-{sum(q['kind'] == label for q in queries) + 1:02d}", "kind": label,
                        "request": {k: val for k, val in request.items() if val not in (None, "", {}, [])}})

    def any_facet_filter() -> dict:
        facet = rng.choice(("speaker", "person", "org", "place", "source"))
        return {facet: [facet_value(facet)]}

    def facet_value(facet: str) -> str:
        if facet == "source":
            return rng.choice(SOURCES)
        pool = v.speakers if facet == "speaker" else v.entities[facet]
        return rng.choice(pool[:25])

    for word in rng.sample(v.common, 20):
        add("word_common", q=word)
    for word in rng.sample(v.rare, 20):
        add("word_rare", q=word)
    for _ in range(25):
        add("two_words", q=" ".join(v.article_words(rng, 2)))
    for _ in range(25):
        add("phrase", q=v.phrase(rng))
    for word in rng.sample([w for w in v.common if len(w) >= 7], 5):
        add("prefix", q=word[:5] + "*")
    for _ in range(3):
        a, b = v.article_words(rng, 2)
        add("boolean", q=f"{a} OR {b}")
        a, b = v.article_words(rng, 2)
        add("boolean", q=f"{a} NOT {b}")
    for facet in ("speaker", "person", "org", "place"):
        for i in range(10):
            q = "" if i % 2 == 0 else rng.choice(v.common)
            add(f"filter_{facet}", q=q, filters={facet: [facet_value(facet)]})
    for i in range(6):
        add("filter_source", q="" if i % 2 == 0 else rng.choice(v.common), filters={"source": [rng.choice(SOURCES)]})
    for _ in range(6):
        filters = {"source": rng.sample(SOURCES, 2), "place": [facet_value("place")]}
        add("filter_several", q=rng.choice(v.common), filters=filters)
    for i in range(10):
        facet = rng.choice(("source", "org", "place", "person"))
        add("exclude", q=rng.choice(v.common) if i % 3 else "", excludes={facet: [facet_value(facet)]})
    for i in range(15):
        year = rng.choice(YEARS)
        if i % 3 == 0:
            span = {"date_from": str(year), "date_to": str(year)}
        elif i % 3 == 1:
            month = rng.randint(1, 12)
            span = {"date_from": f"{year}-{month:02d}", "date_to": f"{min(year + 1, 2025)}-{month:02d}"}
        else:
            span = {"date_from": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
        add("date_range", q=rng.choice(v.common) if i % 2 else "", **span)
    for i in range(12):
        add("sort_newest", q=rng.choice(v.common) if i % 3 else "", sort="newest",
            filters=any_facet_filter() if i % 4 == 0 else None)
    for i in range(8):
        add("sort_oldest", q=" ".join(v.article_words(rng, 1 + i % 2)), sort="oldest")
    for _ in range(12):
        add("quote_words", kind="quotes", q=" ".join(v.article_words(rng, rng.choice((1, 1, 2)))))
    for _ in range(8):
        add("quote_phrase", kind="quotes", q=v.phrase(rng, v.quote_texts))
    for i in range(8):
        add("quote_speaker", kind="quotes", q="" if i % 2 == 0 else rng.choice(v.common),
            filters={"speaker": [facet_value("speaker")]})
    for i in range(4):
        add("quote_newest", kind="quotes", q=rng.choice(v.common) if i % 2 else "", sort="newest")
    add("browse", q="")
    add("browse", q="", sort="newest")
    add("browse", q="", sort="oldest")
    add("browse", kind="quotes", q="")
    add("browse", q="", filters={"source": [SOURCES[0]]})
    return queries


def main() -> int:
    annotations = load_annotations()
    queries = generate(Vocabulary(annotations["articles"]))
    QUERIES_FILE.write_text(json.dumps({
        "about": "Fixed query set of bench/query.py, generated by bench/make_queries.py; do not edit by hand.",
        "corpus": annotations["corpus"],
        "seed": SEED,
        "queries": queries,
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    kinds = Counter(q["kind"] for q in queries)
    print(f"{len(queries)} queries written to {QUERIES_FILE}: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
