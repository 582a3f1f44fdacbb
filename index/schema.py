"""Fields of the two Whoosh indexes: one document per article, one per quote.

Facet fields come in three parts:
- `<facet>`: the exact canonical values, for filters a click on a facet makes;
- `<facet>_col`: the same values in a column, for counting without loading documents;
- `<facet>_names`: canonical names and their aliases, analyzed, for what a user
  types (`speaker:peskov` finds "Dmitry Peskov").
"""
from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.support.charset import accent_map

VALUE_SEPARATOR = "\x1f"

ARTICLE_FACETS = ("speaker", "person", "org", "place", "source", "month")
QUOTE_FACETS = ("speaker", "person", "org", "place", "source", "month")
TYPED_FIELDS = ("speaker", "person", "org", "place", "source")  # `speaker:` in a query box


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


def text_analyzer():
    """Words, lowercased, accents folded, stemmed; stop words kept so phrases like
    "not a question of hours" match exactly."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=50_000)


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
        "date_newest": fields.NUMERIC(bits=64, signed=True, sortable=True),
        "date_oldest": fields.NUMERIC(bits=64, signed=True, sortable=True),
    }


def article_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=text_analyzer(), phrase=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text_analyzer(), phrase=True),
        language=fields.ID(),
        **date_fields(),
        **facet_fields(ARTICLE_FACETS),
    )


def quote_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),  # "<article id>:<seq>"
        article_id=fields.ID(stored=True),
        text=fields.TEXT(analyzer=text_analyzer(), phrase=True),
        cue=fields.ID(),
        seq=fields.NUMERIC(sortable=True),  # position in the article: quotes of one article in text order
        **date_fields(),
        **facet_fields(QUOTE_FACETS),
    )
