"""The attribution as steps that stop at the parse, so that many articles' sentences are parsed
in one call: parsing ten sentences together costs the parser half as much a sentence as
parsing them one by one, and an article leaves fewer than one sentence open on average.

Steps are a generator that yields, at most once, the sentence strings it wants parsed and is
sent their Docs, in order (or has the parser's exception thrown in at its yield); what it
returns is its result. `run` drives one with a parse function, `run_together` many.
"""
from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import Any

Steps = Generator[list[str], Any, Any]
Parse = Callable[[list[str]], Any]


def run(steps: Steps, parse: Parse | None) -> Any:
    """What `steps` returns, its sentences parsed by `parse`."""
    return run_together([steps], parse)[0]


def run_together(all_steps: Iterable[Steps], parse: Parse | None) -> list:
    """What each of `all_steps` returns, in order: each is run to its request for a parse
    (or its end), then the sentences of all requests are parsed in one call."""
    runs = [_Run(steps) for steps in all_steps]
    while waiting := [r for r in runs if not r.done]:
        _answer(waiting, parse)
    return [r.result for r in runs]


def _answer(runs: list[_Run], parse: Parse) -> None:
    if len(runs) == 1:
        try:
            docs = parse(runs[0].request)  # as they come: the steps read them under their own try
        except Exception as error:  # noqa: BLE001 - the steps say what a failed parse means
            runs[0].fail(error)
            return
        runs[0].answer(docs)
        return
    sentences = [sentence for r in runs for sentence in r.request]
    try:
        docs = list(parse(sentences))
        if len(docs) != len(sentences):
            raise ValueError(f"{len(docs)} Docs for {len(sentences)} sentences")
    except Exception:  # noqa: BLE001 - one article's sentence must not fail the others
        for r in runs:
            _answer([r], parse)
        return
    start = 0
    for r in runs:
        count = len(r.request)  # answering replaces the request
        r.answer(docs[start:start + count])
        start += count


class _Run:
    """One generator of steps: its pending request, or its result once it has returned."""

    def __init__(self, steps: Steps):
        self.steps = steps
        self.done = False
        self.request: list[str] = []
        self.result = None
        self._resume(steps.send, None)

    def answer(self, docs) -> None:
        self._resume(self.steps.send, docs)

    def fail(self, error: Exception) -> None:
        self._resume(self.steps.throw, error)

    def _resume(self, step, value) -> None:
        try:
            self.request = step(value)
        except StopIteration as end:
            self.done, self.request, self.result = True, [], end.value
