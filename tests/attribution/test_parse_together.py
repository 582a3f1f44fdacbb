"""Articles annotated together have the sentences their rules leave open parsed in one call
(archive.attribution.resumable), and each comes out as it does annotated on its own: with or
without open sentences, when the parser fails on one of them, when one's attribution fails."""
from __future__ import annotations

import pytest

from archive import nlp as archive_nlp
from archive.model import Article

OPEN = [
    "After the attacks, Mayor Tom Baker issued a statement, “Last night, our city was attacked by terrorists.”",
    "“What sport is he talking about? Is the president profiling?” reacted Tom Baker.",
]
SETTLED = [
    "“We will rebuild,” said Mary Jones. “The city stands.”",
    "The council met on Monday to discuss the budget.",
]
# The parser raises on this article's sentence (see `parser`): the rules' answers stand.
PARSER_FAILS = "After the storm, Governor Ann Quarrington issued a statement, “The roads stay closed until Monday.”"
# The parser gives None for this one's sentence: its attribution fails, its quotation keeps no speaker
# (with the Doc, the parse credits Jo Pellworth).
ATTRIBUTION_FAILS = "After the flood, Mayor Jo Pellworth issued a statement, “The bridges stay closed until Friday.”"
FRENCH = "« Nous ne reculerons pas », a déclaré Sophie Martin, secrétaire générale de la CGT, mardi à Paris."


@pytest.fixture
def parser_calls(nlp, monkeypatch):
    """archive.nlp's sentence parser, each call's sentences recorded."""
    calls: list[list[str]] = []
    real = archive_nlp.parse_sentences

    def parse(sentences):
        calls.append(list(sentences))
        if any("Quarrington" in s for s in sentences):
            raise RuntimeError("the parser cannot take this sentence")
        return [None if "Pellworth" in s else doc for s, doc in zip(sentences, real(sentences))]

    monkeypatch.setattr(archive_nlp, "parse_sentences", parse)
    return calls


def articles(*bodies: str, language: str | None = None) -> list[Article]:
    return [Article(title=f"Article {i}", body=body, language=language) for i, body in enumerate(bodies)]


def annotated(articles_: list[Article]) -> list[dict]:
    return [{"quotes": [q.to_dict() for q in a.quotes], "entities": [e.to_dict() for e in a.entities]}
            for a in articles_]


def each_alone(bodies: list[str]) -> list[dict]:
    found = []
    for article in articles(*bodies):
        archive_nlp.annotate([article])
        found += annotated([article])
    return found


def test_the_open_sentences_of_a_group_are_parsed_in_one_call(parser_calls):
    bodies = [OPEN[0], *SETTLED, OPEN[1]]
    group = articles(*bodies)
    archive_nlp.annotate(group)
    assert parser_calls == [[OPEN[0], OPEN[1]]]
    assert [[(q.speaker, q.cue) for q in a.quotes] for a in group] == [
        [("Tom Baker", "issued")], [("Mary Jones", "said")] * 2, [], [("Tom Baker", "reacted")]]
    assert annotated(group) == each_alone(bodies)


def test_a_group_without_open_sentences_is_not_parsed(parser_calls):
    archive_nlp.annotate(articles(*SETTLED))
    assert parser_calls == []


def test_a_sentence_the_parser_fails_on_leaves_the_rules_answers_for_its_article_only(parser_calls):
    bodies = [OPEN[0], PARSER_FAILS, SETTLED[0], OPEN[1]]
    group = articles(*bodies)
    archive_nlp.annotate(group)
    assert parser_calls == [[OPEN[0], PARSER_FAILS, OPEN[1]], [OPEN[0]], [PARSER_FAILS], [OPEN[1]]]
    assert [q.speaker for q in group[1].quotes] == [None]
    assert [q.speaker for q in group[0].quotes + group[3].quotes] == ["Tom Baker", "Tom Baker"]
    assert annotated(group) == each_alone(bodies)


def test_an_attribution_that_fails_leaves_its_article_without_speakers_and_the_others_as_they_are(parser_calls):
    bodies = [OPEN[0], ATTRIBUTION_FAILS, SETTLED[0], OPEN[1]]
    group = articles(*bodies)
    archive_nlp.annotate(group)
    assert len(parser_calls) == 1
    assert [q.text for q in group[1].quotes] == ["The bridges stay closed until Friday."]
    assert [q.speaker for q in group[1].quotes] == [None]
    assert annotated(group) == each_alone(bodies)


def test_an_article_read_without_the_english_parser_asks_for_no_parse(parser_calls):
    french, english = articles(FRENCH, language="fr")[0], articles(OPEN[0])[0]
    archive_nlp.annotate([french, english])
    assert parser_calls == [[OPEN[0]]]
    assert [q.text for q in french.quotes] == ["Nous ne reculerons pas"]
