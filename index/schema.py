"""Fields of the two Whoosh indexes: one document per article, one per quote.

Facet fields come in three parts:
- `<facet>`: the exact canonical values, for filters a click on a facet makes;
- `<facet>_col`: the same values in a column, for counting without loading documents;
- `<facet>_names`: canonical names and their aliases, analyzed, for what a user
  types (`speaker:peskov` finds "Dmitry Peskov").
"""
from __future__ import annotations

import functools

from whoosh import columns, fields, formats
from whoosh.analysis import (CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, Token,
                             Tokenizer)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

VALUE_SEPARATOR = "\x1f"

ARTICLE_FACETS = ("speaker", "person", "org", "place", "source", "month", "language")
QUOTE_FACETS = ("speaker", "person", "org", "place", "source", "month", "language")
TYPED_FIELDS = ("speaker", "person", "org", "place", "source")  # `speaker:` in a query box
# Languages whose text is also indexed with their own Snowball stemmer, in a field of its
# own (`body_fr`) beside the English-stemmed one that snippets and phrases read.
STEMMED_LANGUAGES = ("fr", "de")
ARTICLE_TEXT_FIELDS = ("title", "body", *(f"body_{language}" for language in STEMMED_LANGUAGES))
QUOTE_TEXT_FIELDS = ("text", *(f"text_{language}" for language in STEMMED_LANGUAGES))


class ValuesTokenizer(Tokenizer):
    """Each separator-delimited value is one token, as is."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(v for v in value.split(VALUE_SEPARATOR) if v):
            token.text = text
            token.boost = 1.0
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            yield token


class TextAnalyzer(CompositeAnalyzer):
    """Words, lowercased, accents folded, stemmed: Whoosh's
    RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StemFilter, run as one
    loop in the plain case (every indexed text and query word) instead of four nested
    generators; the chain itself handles the rest (character offsets, no stemming...)."""

    def __init__(self):
        super().__init__(RegexTokenizer(), LowercaseFilter(), CharsetFilter(accent_map), StemFilter(cachesize=50_000))

    def __call__(self, value, no_morph=False, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if no_morph or chars or keeporiginal or not tokenize:
            return super().__call__(value, no_morph=no_morph, positions=positions, chars=chars,
                                    keeporiginal=keeporiginal, removestops=removestops, start_pos=start_pos,
                                    start_char=start_char, tokenize=tokenize, mode=mode, **kwargs)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        return self._tokens(value, token, positions, start_pos)

    def _tokens(self, value, token, positions, start_pos):
        for pos, word in enumerate(self.words(value)):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token

    def words(self, value: str):
        """The indexed words of a text, in order."""
        assert isinstance(value, str), f"{value!r} is not unicode"
        for match in self.items[0].expression.finditer(value):
            yield _stemmed(match.group(0).lower().translate(accent_map))


class TextPositions(formats.Positions):
    """Whoosh's Positions format, whose postings it writes byte for byte the same, reading
    a text's words straight from TextAnalyzer.words instead of passing each word through a
    Token and three generators (adding a body to the index: some 10% cheaper).

    Each index made since keeps this class by name in its table of contents (the pickled
    schema): it must stay importable as index.schema.TextPositions."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, TextAnalyzer) or not isinstance(value, str) or kwargs.keys() - {"mode"}:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions: dict[str, list[int]] = {}
        for pos, word in enumerate(analyzer.words(value)):
            positions.setdefault(word, []).append(pos)
        for word, poslist in positions.items():
            yield word, len(poslist), float(len(poslist)) * self.field_boost, self.encode(poslist)


def words_field(field_boost: float = 1.0) -> fields.TEXT:
    """Text searched by words and phrases (title, body, quotation)."""
    field = fields.TEXT(analyzer=text_analyzer(), phrase=True, field_boost=field_boost)
    field.format = TextPositions(field_boost=field_boost)
    return field


@functools.lru_cache(maxsize=100_000)
def _stemmed(word: str) -> str:
    return stem(word)


def text_analyzer():
    """Words, lowercased, accents folded, stemmed; stop words kept so phrases like
    "not a question of hours" match exactly."""
    return TextAnalyzer()


def language_analyzer(language: str):
    """Words, lowercased, stemmed by the language's Snowball stemmer, then accents folded
    (the stemmers read accents): "grève", "grèves" and "greve" are all "grev"."""
    return RegexTokenizer() | LowercaseFilter() | StemFilter(lang=language, cachesize=50_000) \
        | CharsetFilter(accent_map)


def language_text_fields(prefix: str) -> dict:
    return {f"{prefix}_{language}": fields.TEXT(analyzer=language_analyzer(language), phrase=True)
            for language in STEMMED_LANGUAGES}


def names_analyzer():
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def values_field() -> fields.FieldType:
    field = fields.KEYWORD(scorable=False)
    field.analyzer = ValuesTokenizer()
    return field


def facet_fields(names: tuple[str, ...]) -> dict:
    result = {}
    for name in names:
        result[name] = values_field()
        result[f"{name}_col"] = fields.COLUMN(columns.VarBytesColumn())
        if name in TYPED_FIELDS:
            result[f"{name}_names"] = fields.TEXT(analyzer=names_analyzer(), phrase=True)
    return result


def date_fields() -> dict:
    return {
        "published": fields.DATETIME(),  # naive UTC: Whoosh ignores offsets
        # Sort keys (seconds since the epoch); undated articles sort last both ways.
        "date_newest": fields.COLUMN(columns.NumericColumn("q")),
        "date_oldest": fields.COLUMN(columns.NumericColumn("q")),
    }


def article_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=words_field(field_boost=2.0),
        body=words_field(),
        **language_text_fields("body"),
        **date_fields(),
        **facet_fields(ARTICLE_FACETS),
    )


def quote_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),  # "<article id>:<seq>"
        article_id=fields.ID(stored=True),
        text=words_field(),
        **language_text_fields("text"),
        cue=fields.ID(),
        seq=fields.COLUMN(columns.NumericColumn("i")),  # position in the article: quotes of one article in text order
        **date_fields(),
        **facet_fields(QUOTE_FACETS),
    )
