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


NAMES_CHAIN = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
NAMES = ["Дмитрий Песков Dmitry Peskov", "Élise DUPONT élise", "Ann Lee\x1fAnn Lee", "", "O'Neil-Smith Jr."]


@pytest.mark.parametrize("text", NAMES + TEXTS)
@pytest.mark.parametrize("kwargs", [{}, {"positions": True}, {"mode": "query"}, {"positions": True, "chars": True}])
def test_names_analyzer_matches_whoosh_chain(text, kwargs):
    from index.schema import names_analyzer

    assert tokens(names_analyzer(), text, **kwargs) == tokens(NAMES_CHAIN, text, **kwargs)


def test_text_positions_encodes_as_positions():
    from whoosh import formats

    from index.schema import TextPositions

    for poslist in ([], [0], [7], [0, 1, 5, 300, 70000], list(range(0, 2000, 3))):
        assert TextPositions().encode(poslist) == formats.Positions().encode(poslist)


@pytest.mark.parametrize("value", ["Ann Lee\x1fBob Stone\x1fAnn Lee", "", "\x1f\x1fZürich", "en"])
def test_values_frequency_gives_what_whoosh_frequency_gives(value):
    from whoosh import formats

    from index.schema import ValuesFrequency, ValuesTokenizer

    ours = ValuesFrequency().word_values(value, ValuesTokenizer(), mode="index")
    whooshs = formats.Frequency().word_values(value, ValuesTokenizer(), mode="index")
    assert list(ours) == list(whooshs)


@pytest.mark.parametrize("field_name", ["body", "title", "speaker", "speaker_names", "place_names", "source"])
@pytest.mark.parametrize("value", TEXTS + NAMES)
def test_index_postings_are_what_the_field_indexes(field_name, value):
    from index.schema import article_schema

    field = article_schema()[field_name]
    assert list(field.format.index_postings(value, field.analyzer, mode="index")) == list(field.index(value))
