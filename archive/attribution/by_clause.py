"""The passes by reporting clause: who talks where in the narrative, then each run of
quotations credited through the clause that introduces it (candidates.candidate_clauses)."""
from __future__ import annotations

from archive.attribution.candidates import candidate_clauses, quotation_runs
from archive.attribution.clauses import reporting_clauses
from archive.attribution.shapes import Attribution
from archive.attribution.speakers.resolver import Resolver
from archive.attribution.token_view import TokenView, lower_at, mentions_between, quote_tokens
from archive.lexicon.cues import QUESTION_CUES


def note_who_talks(t: TokenView, resolver: Resolver) -> None:
    """Every reporting clause of the text makes its speaker the one talking there, quotation or
    not: "Viguerie argues" with no quotation still makes Viguerie the one a "he" means next."""
    doc = t.doc
    for clause in reporting_clauses(t, 0, len(doc)):
        if lower_at(t, clause.cue_start) in QUESTION_CUES:
            # "Tapper asked Ryan whether …": the one asked is who answers next
            asked = [m for m in mentions_between(t, clause.cue_end, clause.cue_end + 1) if not m.possessive]
            if asked and clause.np_start < clause.cue_start \
                    and resolver.resolve(clause.np_start, clause.np_end, clause.cue_start).speaker is not None:
                resolver.add_speaker(asked[0].start, asked[0].person)
            continue
        if 0 < clause.np_start < clause.cue_start \
                and "that" in (lower_at(t, clause.np_start - 1), lower_at(t, clause.np_start)):
            continue  # "he noted that Sanders has acknowledged …": the one noting is still talking
        named = resolver.resolve(clause.np_start, clause.np_end, clause.cue_start)
        if named.how == "name" and named.person is not None:
            resolver.add_speaker(doc[clause.np_start].idx, named.person,
                                 resolver.named_in_full(clause.np_start, clause.np_end, named.person))
        elif named.how == "org":
            resolver.add_org_speaker(clause.np_start, named.speaker)


def credit_by_clauses(t: TokenView, resolver: Resolver, results: list[Attribution]) -> set[int]:
    """Each run of quotations ("“A”, “B”, he said") gets what the first of its candidate clauses
    that names someone resolves to (or the first candidate's mention); the speaker then talks
    where the quotations are. Returns the quotations credited to a sentence's subject on trust."""
    doc, spans = t.doc, t.spans
    guessed: set[int] = set()
    for group in quotation_runs(t):
        first_a, _ = quote_tokens(t, group[0])
        _, last_b = quote_tokens(t, group[-1])
        result, clause = None, None
        for candidate, confidence, final in candidate_clauses(t, first_a, last_b):
            attempt = resolver.resolve(candidate.np_start, candidate.np_end, candidate.cue_start)
            attempt.cue = doc[candidate.cue_start:candidate.cue_end].text or None
            attempt.confidence = round(attempt.confidence * confidence, 3)
            if result is None:
                result, clause = attempt, candidate
            if attempt.speaker is not None or final:
                result, clause = attempt, candidate
                break
        if result is None:
            continue
        if result.how == "org":
            resolver.add_org_speaker(clause.np_start, result.speaker)
        if result.person is not None:
            full = result.how == "name" and resolver.named_in_full(clause.np_start, clause.np_end, result.person)
            resolver.add_speaker(doc[clause.np_start].idx, result.person, full)
            if spans[group[-1]].start > doc[clause.np_start].idx:
                # the person still talks where the quotation is: "Lee said:" / "“A.”" / "“B.”" / "“C,” she added"
                resolver.add_speaker(spans[group[-1]].start, result.person, full)
        for qi in group:
            results[qi] = result
            if clause.guessed:
                guessed.add(qi)
    return guessed
