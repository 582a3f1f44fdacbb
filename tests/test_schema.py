"""The index's text analyzer: one fused loop that must give exactly what Whoosh's chain gives."""
import pickle

import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from index.schema import text_analyzer

CHAIN = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=50_000)

TEXTS = [
    "Kremlin spokesman Dmitry Peskov said the talks were “not a question of hours”.",
    "Naïve café owners in Zürich ÉLYSÉE Straße; İstanbul's mayor said: 3.141 big-time under_score",
    "",
    "   ",
    "running runs ran RUNNERS",
]


def tokens(analyzer, text, **kwargs):
    return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None), t.boost, t.stopped)
            for t in analyzer(text, **kwargs)]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("kwargs", [
    {}, {"positions": True}, {"positions": True, "boosts": True, "mode": "index"}, {"mode": "query"},
    {"positions": True, "start_pos": 7}, {"positions": True, "chars": True}, {"no_morph": True},
    {"tokenize": False}, {"keeporiginal": True},
])
def test_text_analyzer_matches_whoosh_chain(text, kwargs):
    assert tokens(text_analyzer(), text, **kwargs) == tokens(CHAIN, text, **kwargs)


def test_text_analyzer_survives_pickling_in_a_schema():
    analyzer = pickle.loads(pickle.dumps(text_analyzer()))
    assert [t.text for t in analyzer("Protesters protested")] == ["protest", "protest"]


@pytest.mark.parametrize("text", TEXTS + ["the the THE Thé, a word and a word again: “a word”"])
@pytest.mark.parametrize("boost", [1.0, 2.0])
def test_text_positions_writes_what_whoosh_positions_writes(text, boost):
    from whoosh import formats

    from index.schema import TextPositions

    analyzer = text_analyzer()
    ours = list(TextPositions(field_boost=boost).word_values(text, analyzer, mode="index"))
    whooshs = list(formats.Positions(field_boost=boost).word_values(text, analyzer, mode="index"))
    assert ours == whooshs


def test_the_words_fields_survive_pickling_in_a_schema():
    from index.schema import TextPositions, article_schema

    schema = pickle.loads(pickle.dumps(article_schema()))
    assert isinstance(schema["body"].format, TextPositions) and schema["title"].format.field_boost == 2.0
