"""Fields of the two Whoosh indexes: one document per article, one per quote.

Facet fields come in three parts:
- `<facet>`: the exact canonical values, for filters a click on a facet makes;
- `<facet>_col`: the same values in a column, for counting without loading documents;
- `<facet>_names`: canonical names and their aliases, analyzed, for what a user
  types (`speaker:peskov` finds "Dmitry Peskov").
"""
from __future__ import annotations

import functools
import re
from operator import sub
from pickle import dumps

from whoosh import columns, fields, formats
from whoosh.analysis import (CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, Token,
                             Tokenizer)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

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


class FusedAnalyzer(CompositeAnalyzer):
    """A chain of Whoosh analyzers run as one loop in the plain case (every indexed text
    and query word) instead of nested generators, its words from `words`; the chain itself
    handles the rest (character offsets, no stemming...)."""

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
        raise NotImplementedError


class TextAnalyzer(FusedAnalyzer):
    """Words, lowercased, accents folded, stemmed: Whoosh's
    RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StemFilter."""

    def __init__(self):
        super().__init__(RegexTokenizer(), LowercaseFilter(), CharsetFilter(accent_map), StemFilter(cachesize=50_000))

    def words(self, value: str):
        assert isinstance(value, str), f"{value!r} is not unicode"
        return map(_indexed_word, _tokens_of(self.items[0].expression, value))


class NamesAnalyzer(FusedAnalyzer):
    """Words, lowercased, accents folded: Whoosh's
    RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map). Kept by name in each
    index's pickled schema since: it must stay importable as index.schema.NamesAnalyzer."""

    def __init__(self):
        super().__init__(RegexTokenizer(), LowercaseFilter(), CharsetFilter(accent_map))

    def words(self, value: str):
        assert isinstance(value, str), f"{value!r} is not unicode"
        return map(_folded_word, _tokens_of(self.items[0].expression, value))


class TextPositions(formats.Positions):
    """Whoosh's Positions format, whose postings it writes byte for byte the same, reading
    a text's words straight from FusedAnalyzer.words instead of passing each word through
    a Token and several generators (adding a body to the index: some 10% cheaper).

    Each index made since keeps this class by name in its table of contents (the pickled
    schema): it must stay importable as index.schema.TextPositions."""

    def word_values(self, value, analyzer, **kwargs):
        if not _reads_words(analyzer, value, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        return self._postings(analyzer.words(value))

    def index_postings(self, value, analyzer, **kwargs):
        """What FieldType.index makes of word_values: each word as UTF-8 bytes."""
        if not _reads_words(analyzer, value, kwargs):
            return _utf8_words(super().word_values(value, analyzer, **kwargs))
        return self._postings(map(str.encode, analyzer.words(value)))

    def _postings(self, words):
        positions: dict = {}
        for pos, word in enumerate(words):
            positions.setdefault(word, []).append(pos)
        boost = self.field_boost
        for word, poslist in positions.items():
            count = len(poslist)
            yield word, count, float(count) * boost, _encoded_positions(poslist)

    def encode(self, poslist):
        return _encoded_positions(poslist) if poslist else pack_uint(0) + dumps([], 2)


def _reads_words(analyzer, value, kwargs) -> bool:
    """Whether TextPositions can read this value's words from the analyzer directly."""
    return isinstance(analyzer, FusedAnalyzer) and isinstance(value, str) and not kwargs.keys() - {"mode"}


def _encoded_positions(poslist: list[int]) -> bytes:
    """Positions.encode's bytes: the count, then the gaps between positions pickled (one
    position is its own gap)."""
    gaps = poslist if len(poslist) == 1 else [poslist[0], *map(sub, poslist[1:], poslist)]
    return pack_uint(len(poslist)) + dumps(gaps, 2)


def _utf8_words(word_values):
    return ((word.encode("utf-8"), freq, weight, value) for word, freq, weight, value in word_values)


class ValuesFrequency(formats.Frequency):
    """Whoosh's Frequency format for a field of ValuesTokenizer values, counting the
    values of a string directly instead of through a Token and two generators (the same
    postings). Kept by name in each index's pickled schema since: it must stay importable
    as index.schema.ValuesFrequency."""

    def word_values(self, value, analyzer, **kwargs):
        if not _splits_values(analyzer, value, kwargs):
            return super().word_values(value, analyzer, **kwargs)
        return self._postings(_values_of(value))

    def index_postings(self, value, analyzer, **kwargs):
        """What FieldType.index makes of word_values: each value as UTF-8 bytes."""
        if not _splits_values(analyzer, value, kwargs):
            return _utf8_words(super().word_values(value, analyzer, **kwargs))
        return self._postings(map(str.encode, _values_of(value)))

    def _postings(self, values):
        counts: dict = {}
        for text in values:
            counts[text] = counts.get(text, 0) + 1
        boost = self.field_boost
        # Whoosh adds up each token's boost, 1.0: the count, as a float.
        return [(text, count, float(count) * boost, pack_uint(count)) for text, count in counts.items()]


def _splits_values(analyzer, value, kwargs) -> bool:
    return isinstance(analyzer, ValuesTokenizer) and isinstance(value, str) and not kwargs.keys() - {"mode"}


def _values_of(value: str) -> list[str]:
    return [text for text in value.split(VALUE_SEPARATOR) if text]


def words_field(field_boost: float = 1.0) -> fields.TEXT:
    """Text searched by words and phrases (title, body, quotation)."""
    return _phrase_field(text_analyzer(), field_boost)


def _phrase_field(analyzer: FusedAnalyzer, field_boost: float = 1.0) -> fields.TEXT:
    """A field searched by words and phrases, its positions written by TextPositions."""
    field = fields.TEXT(analyzer=analyzer, phrase=True, field_boost=field_boost)
    field.format = TextPositions(field_boost=field_boost)
    return field


@functools.lru_cache(maxsize=100_000)
def _folded_word(token: str) -> str:
    return token.lower().translate(accent_map)


@functools.lru_cache(maxsize=200_000)
def _indexed_word(token: str) -> str:
    """A token as the index keeps it: lowercased, accents folded, stemmed (cached as it
    is found in texts, so a word seen before costs one look-up)."""
    return stem(token.lower().translate(accent_map))


# RegexTokenizer's default pattern, and the same without its capturing group, which
# re.findall can use to give the matched words themselves.
TOKENIZER_PATTERN = r"[\w\*]+(\.?[\w\*]+)*"
_WHOLE_TOKENS = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*", re.UNICODE)


def _tokens_of(expression: re.Pattern, text: str) -> list[str]:
    """The tokens this tokenizer pattern matches in the text."""
    if expression.pattern == TOKENIZER_PATTERN and expression.flags == _WHOLE_TOKENS.flags:
        return _WHOLE_TOKENS.findall(text)
    return [match.group(0) for match in expression.finditer(text)]


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
    return NamesAnalyzer()


def names_field() -> fields.TEXT:
    return _phrase_field(names_analyzer())


def values_field() -> fields.FieldType:
    field = fields.KEYWORD(scorable=False)
    field.analyzer = ValuesTokenizer()
    field.format = ValuesFrequency(field_boost=field.format.field_boost)
    return field


def facet_fields(names: tuple[str, ...]) -> dict:
    result = {}
    for name in names:
        result[name] = values_field()
        result[f"{name}_col"] = fields.COLUMN(columns.VarBytesColumn())
        if name in TYPED_FIELDS:
            result[f"{name}_names"] = names_field()
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
