"""Which clause credits a run of quotations, best first: one right before it, one right after it,
a layout (colon, dash, signature), then any other clause of its sentence, the nearest first.
"""
from __future__ import annotations

from archive.attribution.clauses import reporting_clauses
from archive.attribution.layouts import (
    announcing_sentence,
    colon_speaker,
    dash_header,
    dash_signature,
    statement_paragraph,
    tweet_signature,
)
from archive.attribution.shapes import Clause
from archive.attribution.token_view import TokenView, contrast_at, is_punct, lower_at, mentions_between, sentence_range
from archive.lexicon.punctuation import DASHES, SENTENCE_END


def quotation_runs(t: TokenView) -> list[list[int]]:
    """Runs of quotations separated only by punctuation or a conjunction: “A”, “B”, he said."""
    groups: list[list[int]] = []
    for qi, span in enumerate(t.spans):
        if groups:
            prev = t.spans[groups[-1][-1]]
            gap = t.text[prev.end:span.start]
            words = [w for w in gap.replace(",", " ").split() if any(c.isalnum() for c in w)]
            if "\n" not in gap and all(w.lower() in ("and", "but", "or", "then") for w in words) and len(gap) < 12:
                groups[-1].append(qi)
                continue
        groups.append([qi])
    return groups


def candidate_clauses(t: TokenView, first_a: int, last_b: int) -> list[tuple[Clause, float, bool]]:
    """Clauses that may credit the quotation(s) [first_a, last_b), best first.

    Each comes with a confidence factor and whether it is final (right next to
    the quotation: no other clause can be meant).
    """
    r_lo, r_hi, ended = _right_window(t, last_b)
    right = reporting_clauses(t, r_lo, r_hi)
    l_lo, l_hi = _left_window(t, first_a)
    left = reporting_clauses(t, l_lo, l_hi)
    # "he said: “...”" — a cue right before the quotation is the strongest sign; but not across
    # a dash when a cue follows: "— as Moscow denies — “why not?” asked Dunn"
    right_adjacent = bool(right) and _adjacent_right(t, right[0], r_lo)
    if left and left[-1].cue_end > left[-1].np_start and _adjacent_left(t, left[-1], l_hi) \
            and not (right_adjacent and any(t.words[x] in DASHES for x in range(left[-1].end, l_hi))):
        return [(left[-1], 1.0, True)]
    if right_adjacent and (not ended and not (left and _introduces_next(t, right[0], r_hi))
                           or _short_tag(t, right[0], r_hi)):
        return [(right[0], 1.0, True)]
    if left and _adjacent_left(t, left[-1], l_hi):
        return [(left[-1], 1.0, True)]
    colon = colon_speaker(t, first_a) or dash_header(t, first_a)
    if colon is not None:
        return [(colon, 0.9, True)]
    tweet = tweet_signature(t, last_b)
    if tweet is not None:
        return [(tweet, 0.9, True)]
    if r_lo == r_hi:
        signed = dash_signature(t, last_b)
        if signed is not None:
            return [(signed, 0.9, True)]
    candidates: list[tuple[Clause, float, bool]] = []
    candidates += [(c, 0.9, False) for c in reversed(left)]
    if not ended:
        candidates += [(c, 0.9, False) for c in right]
    if first_a < len(t.doc):
        s_lo, s_hi = sentence_range(t, first_a)
        seen = {(c.cue_start, c.np_start) for c, _, _ in candidates}
        anywhere = [c for c in reporting_clauses(t, s_lo, s_hi) if (c.cue_start, c.np_start) not in seen
                    and not _relative_clause_between(t, c, first_a, last_b)
                    and not any(contrast_at(t, x) for x in range(last_b, c.start))
                    and not _has_own_quotation(t, c, first_a)]
        anywhere.sort(key=lambda c: min(abs(c.start - first_a), abs(c.start - last_b)))
        candidates += [(c, 0.85, False) for c in anywhere]
    if not candidates:
        announced = announcing_sentence(t, first_a)
        if announced is not None:
            candidates.append((announced, 0.8, True))
    if not candidates:
        stated = statement_paragraph(t, first_a)
        if stated is not None:
            candidates.append((stated, 0.7, True))
    return candidates


def _right_window(t: TokenView, end_token: int) -> tuple[int, int, bool]:
    """Tokens after a quotation up to the next quotation or the sentence end.

    The flag says the quotation ended its own sentence ("“Stop.” Peskov said."): only
    a clause right at its start may then belong to it.
    """
    n = len(t.doc)
    if end_token >= n:
        return n, n, False
    ends_sentence = end_token > 0 and t.sentence_of[end_token] != t.sentence_of[end_token - 1]
    if ends_sentence and t.quote_of[end_token - 1] >= 0:
        span = t.spans[t.quote_of[end_token - 1]]
        last = t.text[span.start:span.end - len(span.close_mark or "")].rstrip()[-1:]
        ends_sentence = last == "."  # “Really?” he asked. — ? and ! rarely end the sentence
    i = end_token
    sentence = t.sentence_of[end_token]
    while i < n and t.quote_of[i] < 0 and t.sentence_of[i] == sentence and "\n" not in t.words[i] \
            and not contrast_at(t, i):
        i += 1
    return end_token, i, ends_sentence


def _left_window(t: TokenView, start_token: int) -> tuple[int, int]:
    i = start_token
    sentence = t.sentence_of[start_token] if start_token < len(t.doc) else -1
    while i - 1 >= 0 and t.quote_of[i - 1] < 0 and t.sentence_of[i - 1] == sentence and "\n" not in t.words[i - 1]:
        i -= 1
    return i, start_token


def _has_own_quotation(t: TokenView, clause: Clause, first_a: int) -> bool:
    """ "a clip that Judge Mosman called “distasteful,” Santilli expressed a desire to “…”": the
    clause before is the first quotation's, right after it, and someone else's clause opens
    after that ("He pledged “cooperation” and a “deep” bond" stays his)."""
    if clause.end >= first_a:
        return False
    quoted = next((x for x in range(clause.end, first_a) if t.quote_of[x] >= 0), None)
    if quoted is None or not _adjacent_left(t, clause, quoted):
        return False
    after = next((x for x in range(quoted, first_a) if t.quote_of[x] < 0), first_a)
    if after < first_a and t.words[after] == ",":
        after += 1
    return any(not m.possessive for m in mentions_between(t, after, min(first_a, after + 1)))


def _relative_clause_between(t: TokenView, clause: Clause, first_a: int, last_b: int) -> bool:
    """ "said Ramos, whose book features “rebellious” people": the quotation is not his words."""
    if clause.end > first_a:
        return False
    relative = clause.end + 1 if clause.end < first_a and t.words[clause.end] == "," else clause.end
    return relative < first_a and lower_at(t, relative) in ("who", "whose", "whom", "which")


def _introduces_next(t: TokenView, clause: Clause, hi: int) -> bool:
    """ "“Why now?” Mills then writes back, “You look cute.”": the clause opens the next quotation."""
    return hi < len(t.doc) and t.quote_of[hi] >= 0 and all(is_punct(t.words[x]) for x in range(clause.end, hi))


def _short_tag(t: TokenView, clause: Clause, hi: int) -> bool:
    """ "“Stop.” Peskov said." — a clause that only tags the quotation before it."""
    if hi < len(t.doc) and t.quote_of[hi] >= 0 and not any(t.words[x] in SENTENCE_END for x in range(clause.end, hi)):
        return False  # the clause introduces the next quotation
    rest = [x for x in range(clause.end, hi) if not is_punct(t.words[x])]
    return len(rest) <= 8 and not any(lower_at(t, x) in ("that", "to", "he", "she", "they", "it") for x in rest)


def _adjacent_right(t: TokenView, clause: Clause, lo: int) -> bool:
    gap = [x for x in range(lo, clause.start) if t.words[x] not in (",", ":") and t.words[x] not in DASHES]
    return not gap


def _adjacent_left(t: TokenView, clause: Clause, hi: int) -> bool:
    """Whether only punctuation, "that" and a time stand between the clause and token `hi`:
    "Dorn claimed on Tuesday that “…”"."""
    return all(t.words[x] in (",", ":") or t.words[x] in DASHES or lower_at(t, x) == "that" or _when_word(t, x)
               for x in range(clause.end, hi))


def _when_word(t: TokenView, i: int) -> bool:
    """A word of a date or time, or "on" before one ("on Tuesday")."""
    return t.doc[i].ent_type_ in ("DATE", "TIME") \
        or lower_at(t, i) == "on" and i + 1 < len(t.doc) and t.doc[i + 1].ent_type_ == "DATE"
