"""A dependency parse for what the rules left open: the subject of the verb a quotation hangs on."""
from __future__ import annotations

from collections.abc import Generator
from typing import Any

from archive.attribution.kinds import is_partial, is_title
from archive.attribution.shapes import Attribution
from archive.attribution.speakers.resolver import Resolver
from archive.attribution.token_view import TokenView, is_punct, quote_tokens, sentence_range, token_at
from archive.lexicon.cues import CUE_WORDS
from archive.lexicon.pronouns import FIRST_PERSON, RELATIVE_PRONOUNS


SUBJECT_DEPS = {"nsubj", "csubj"}


# How a verb may hang on the one whose subject it shares: "went on the attack, saying …"
SHARED_SUBJECT_DEPS = {"advcl", "xcomp", "conj", "pcomp"}


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def attribute_by_parse(t: TokenView, resolver: Resolver, results: list[Attribution],
                       guessed: set[int]) -> Generator[list[str], Any, None]:
    """Quotations with no reporting clause the rules can read, and those credited to the
    subject of their sentence on trust: parse their sentences and credit the subject of
    the verb each quotation depends on ("…, Spicer said, adding, “…”" is Spicer's).

    Steps (archive.attribution.resumable): yields the sentence strings and is sent their Docs."""
    open_quotes = [qi for qi, a in enumerate(results)
                   if (qi in guessed or a.speaker is None and a.mention is None) and _worth_parsing(t, qi)]
    if not open_quotes:
        return
    sentences = sorted({_quote_sentence(t, qi) for qi in open_quotes})
    try:
        docs = yield [t.text[a:b] for a, b in sentences]
        parsed = dict(zip(sentences, docs))
    except Exception:  # noqa: BLE001 - the rules' answers stand without the parse
        return
    for qi in open_quotes:
        sentence = _quote_sentence(t, qi)
        found = _parsed_speaker(t, resolver, qi, parsed[sentence], sentence[0])
        if found is None:
            continue
        attribution, subject_token, reported = found
        if qi in guessed and (attribution.how != "name" or attribution.person == results[qi].person or reported):
            continue  # "Clinton said Trump is … and accused him of “…”": Trump is what she reports
        results[qi] = attribution
        if attribution.person is not None:
            resolver.add_speaker(t.starts[subject_token], attribution.person)


def _worth_parsing(t: TokenView, qi: int) -> bool:
    """A quotation sharing its sentence with words of the narrative, and not a title."""
    span = t.spans[qi]
    if is_title(t.text, span):
        return False
    a, b = quote_tokens(t, qi)
    if a >= len(t.doc):
        return False
    lo, hi = sentence_range(t, a)
    hi = max(hi, sentence_range(t, b - 1)[1]) if b - 1 >= a else hi
    outside = [i for i in range(lo, hi) if t.quote_of[i] < 0 and not is_punct(t.words[i])]
    return len(outside) >= 2


def _quote_sentence(t: TokenView, qi: int) -> tuple[int, int]:
    """Character range of the sentence(s) holding quotation qi, within its paragraph."""
    a, b = quote_tokens(t, qi)
    lo = sentence_range(t, a)[0]
    hi = sentence_range(t, max(a, b - 1))[1]
    while lo < a and "\n" in t.words[lo]:
        lo += 1
    while hi > b and "\n" in t.words[hi - 1]:
        hi -= 1
    start = t.starts[lo]
    end = t.starts[hi - 1] + len(t.words[hi - 1])
    return start, end


def _parsed_speaker(t: TokenView, resolver: Resolver, qi: int, sent, offset: int):
    """(Attribution, subject token, whether the subject's verb is reported speech) from the parse
    of the quotation's sentence, or None."""
    span = t.spans[qi]
    inside = [tok for tok in sent if span.start <= offset + tok.idx < span.end]
    if not inside:
        return None
    inside_ids = {tok.i for tok in inside}
    verb = _governing_verb(inside, inside_ids)
    if verb is None:
        return None
    if verb.text.lower() not in CUE_WORDS and (is_partial(t.text, span) or not _has_finite_verb(inside)) \
            and not any(tok.text.lower() in FIRST_PERSON for tok in inside):
        return None  # a scare quote or a title inside the narrative: “sabotage” operations, the film “Trainwreck.”
    subject = _subject_of(verb)
    if subject is None or subject.i in inside_ids:
        return None
    head = token_at(t, offset + subject.idx)
    left = token_at(t, offset + subject.left_edge.idx)
    if any(t.quote_of[i] >= 0 for i in range(left, head + 1)):
        return None
    attribution = resolver.resolve(left, head + 1, token_at(t, offset + verb.idx))
    if (attribution.person is None or attribution.person in resolver.unknown_persons.values()) \
            and attribution.how != "org":
        return None  # "Estimates … are problematic": a capitalized word is not yet a speaker
    attribution.cue = verb.text
    attribution.confidence = round(attribution.confidence * 0.8, 3)
    return attribution, head, subject.head.dep_ == "ccomp"


def _governing_verb(inside: list, inside_ids: set[int]):
    """The verb outside the quotation that the quotation depends on, or that depends on
    the quotation ("“…,” he said" parsed with the quotation as the root)."""
    for tok in inside:
        head = tok.head
        if head.i in inside_ids or head.i == tok.i:
            continue
        for _ in range(4):  # "released the following statement: “…”" climbs to "released"
            if head.tag_.startswith("VB"):
                return head
            if head.head.i == head.i:
                break
            head = head.head
        return None
    for tok in inside:
        for child in tok.children:
            if child.i not in inside_ids and child.tag_.startswith("VB") and child.dep_ in ("parataxis", "ccomp", "advcl"):
                return child
    return None


def _has_finite_verb(tokens: list) -> bool:
    return any(tok.tag_ in FINITE_TAGS for tok in tokens)


def _subject_of(verb):
    """The subject of a verb, or of the verb it hangs on ("…, saying" after "Trump went").

    In a relative clause "who" stands for the noun the clause hangs on: "Scott, who called it …"."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.text.lower() in RELATIVE_PRONOUNS:
            return verb.head if verb.dep_ == "relcl" else None
        if subject is not None:
            return subject
        if verb.dep_ not in SHARED_SUBJECT_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None
