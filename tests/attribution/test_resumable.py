"""archive.attribution.resumable on steps of its own making: each run to its request, the
requests parsed in one call, a failed parse thrown into the steps whose sentence failed."""
from __future__ import annotations

import pytest

from archive.attribution.resumable import run, run_together


def steps(name: str, sentences: list[str]):
    """Asks for `sentences` (unless none), returns what it was sent, or the error it was thrown."""
    if not sentences:
        return name, None
    try:
        docs = yield sentences
    except Exception as error:  # noqa: BLE001
        return name, f"failed: {error}"
    return name, docs


def parse_upper(calls: list):
    def parse(sentences):
        calls.append(list(sentences))
        if "bad" in sentences:
            raise ValueError("bad")
        return [s.upper() for s in sentences]
    return parse


def test_all_requests_are_parsed_in_one_call_and_answered_in_order():
    calls = []
    results = run_together([steps("a", ["x", "y"]), steps("b", []), steps("c", ["z"])], parse_upper(calls))
    assert calls == [["x", "y", "z"]]
    assert results == [("a", ["X", "Y"]), ("b", None), ("c", ["Z"])]


def test_a_parse_that_fails_together_is_tried_for_each_alone():
    calls = []
    results = run_together([steps("a", ["x"]), steps("b", ["bad"]), steps("c", ["z"])], parse_upper(calls))
    assert calls == [["x", "bad", "z"], ["x"], ["bad"], ["z"]]
    assert results == [("a", ["X"]), ("b", "failed: bad"), ("c", ["Z"])]


def test_too_few_docs_together_are_tried_for_each_alone():
    calls = []

    def parse(sentences):
        calls.append(list(sentences))
        return [s.upper() for s in sentences][:1]

    assert run_together([steps("a", ["x"]), steps("b", ["y"])], parse) == [("a", ["X"]), ("b", ["Y"])]
    assert calls == [["x", "y"], ["x"], ["y"]]


def test_one_run_is_parsed_once_even_when_the_parse_fails():
    calls = []
    assert run(steps("b", ["bad"]), parse_upper(calls)) == ("b", "failed: bad")
    assert calls == [["bad"]]


def test_steps_that_ask_for_nothing_need_no_parser():
    assert run(steps("a", []), None) == ("a", None)


def test_an_error_of_the_steps_themselves_is_theirs_to_raise():
    def broken():
        yield ["x"]
        raise KeyError("after the parse")

    with pytest.raises(KeyError):
        run_together([steps("a", ["y"]), broken()], parse_upper([]))
