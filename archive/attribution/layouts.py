"""Attribution by layout rather than by a cue next to the quotation: a colon ("Cruz continued:"),
a dash header or signature line, an embedded tweet, a statement announced before it.
"""
from __future__ import annotations

from archive.attribution.clauses import reporting_clauses
from archive.attribution.kinds import opens_lowercase
from archive.attribution.phrases import NOT_NAMES, left_np, right_np, title_run
from archive.attribution.shapes import Clause
from archive.attribution.subjects import org_subject, sentence_subject
from archive.attribution.token_view import (
    TokenView,
    is_capitalized,
    is_punct,
    lower_at,
    mentions_between,
    sentence_range,
)
from archive.lexicon.cues import NO_INVERSION
from archive.lexicon.function_words import OBJECT_PREPOSITIONS
from archive.lexicon.punctuation import HEADER_DASHES, SIGNATURE_DASHES
from archive.lexicon.roles import role_of
from archive.lexicon.utterances import UTTERANCE_NOUNS


def colon_speaker(t: TokenView, first_a: int) -> Clause | None:
    """A speaker introducing a quotation with a colon and no cue, "Reporter Jane Roe:".

    Also the colon that ends the paragraph before a quotation opening the next one:
    "Cruz continued:" / "Breitbart News responded:".
    """
    j = first_a - 1
    while j >= 0 and "\n" in t.words[j]:
        j -= 1
    if j >= 0 and t.quote_of[j] < 0 and (':"' in t.words[j] or ":“" in t.words[j]):
        # 'Rep. Trey Gowdy (R-S.C.):"I have …': the tokenizer kept colon and mark in one token
        np = sentence_subject(t, j)
        return Clause(j, j, np[0], np[1]) if np is not None and np[1] <= j else None
    if j < 0 or t.words[j] != ":" or t.quote_of[j] >= 0:
        return None
    crossed = "\n" in t.text[t.starts[j]:t.starts[first_a]] if first_a < len(t.starts) else False
    lo = j
    while lo - 1 >= 0 and t.quote_of[lo - 1] < 0 and "\n" not in t.words[lo - 1] and j - lo < 40 \
            and t.sentence_of[lo - 1] == t.sentence_of[j]:
        lo -= 1  # "…, said Loomis. Kasich resisted: “…”" is Kasich's
    clauses = reporting_clauses(t, lo, j)
    if clauses:
        return clauses[-1]  # "Williams added about Carson:" is Williams
    if first_a < len(t.doc) and t.quote_of[first_a] >= 0 and opens_lowercase(t.text, t.spans[t.quote_of[first_a]]):
        return None  # "a new title for his resume: “song anthropologist”" names, it does not quote
    if crossed:
        np = sentence_subject(t, j)  # "Clinton released the following statement:"
        return Clause(j, j, np[0], np[1]) if np is not None else None
    np = left_np(t, j, lo)
    owned_words = np is not None and lower_at(t, np[1] - 1) in UTTERANCE_NOUNS \
        and any(m.possessive for m in mentions_between(t, np[0], np[1]))  # "From Bush's Facebook post:"
    if np is None or not owned_words and not any(not m.possessive and m.token_end == np[1]
                                                 for m in mentions_between(t, np[0], np[1])):
        np = sentence_subject(t, j) or org_subject(t, j)  # "Kasich resisted: “…”"
    elif np[0] - 1 >= lo and lower_at(t, np[0] - 1) in OBJECT_PREPOSITIONS:
        np = sentence_subject(t, j) or np  # "McConnell delivered a blunt message to Trump: “…”"
    if np is None:
        return None
    return Clause(j, j, np[0], np[1])


def dash_header(t: TokenView, first_a: int) -> Clause | None:
    """A line opening with a dash and a name, then the quotation: "- Bolton boss Sam
    Allardyce “I am disappointed …”", as match reports list what each manager said."""
    dash = first_a - 1
    while dash >= 0 and first_a - dash <= 12 and "\n" not in t.words[dash] and t.quote_of[dash] < 0:
        dash -= 1
    dash += 1
    if dash >= first_a or t.words[dash] not in HEADER_DASHES or dash > 0 and "\n" not in t.words[dash - 1]:
        return None
    np = right_np(t, dash + 1, first_a)
    if np is None or np[1] != first_a or not any(not m.possessive for m in mentions_between(t, *np)):
        return None
    return Clause(dash, dash + 1, np[0], np[1])


def tweet_signature(t: TokenView, last_b: int) -> Clause | None:
    """An embedded tweet, signed on its own line: “…” — Donald J. Trump (@realDonaldTrump) May 5, 2016."""
    if last_b + 3 >= len(t.doc) or t.words[last_b] not in SIGNATURE_DASHES:
        return None
    bracket = next((x for x in range(last_b + 2, min(len(t.doc) - 1, last_b + 8)) if t.words[x] == "("), None)
    if bracket is None or not t.words[bracket + 1].startswith("@") \
            or not all(is_capitalized(t.words[x]) and t.quote_of[x] < 0 for x in range(last_b + 1, bracket)):
        return None
    return Clause(last_b, last_b + 1, last_b + 1, bracket)


def dash_signature(t: TokenView, last_b: int) -> Clause | None:
    """A quotation signed in the next paragraph: “…” / "― Adriana Rodarte" / "- Sanders."."""
    i = last_b
    while i < len(t.doc) and "\n" in t.words[i] and t.quote_of[i] < 0:
        i += 1
    if i == last_b or i >= len(t.doc):
        return None
    text = t.words[i]
    if text in SIGNATURE_DASHES:
        np = right_np(t, i + 1, min(len(t.doc), i + 12))
    elif text[0] in "-—–―" and text[1:2].isupper():  # "-Michelle Marks, Philadelphia." in one token
        end = i + 1
        while end < min(len(t.doc), i + 6) and is_capitalized(t.words[end]):
            end += 1
        np = (i, end)
    else:
        return None
    if np is None or not (any(not m.possessive for m in mentions_between(t, np[0], np[1]))
                          or _signature_line(t, i, np)):
        return None
    if np[1] < len(t.doc) and t.quote_of[np[1]] >= 0:
        return None  # "- Newcastle boss Graeme Souness “We deserved …”" heads the next quotation
    return Clause(i, i + 1, np[0], np[1])


def _signature_line(t: TokenView, dash: int, np: tuple[int, int]) -> bool:
    """A short line of its own, "— Title First Last, place", that signs a quotation even when NER
    did not see the name in it ("- Reuters." credits an agency, not a speaker)."""
    line_end = next((x for x in range(dash, len(t.doc)) if "\n" in t.words[x]), len(t.doc))
    name = [x for x in range(np[0], np[1]) if not role_of(t.words[x])]
    return (line_end - dash <= 15 and 2 <= len(name) <= 3 and title_run(t, name[0], name[-1] + 1)
            and all(t.doc[x].ent_type_ not in NOT_NAMES for x in name)
            and (np[1] == line_end or t.words[np[1]] in (",", ".", "(")))


def announcing_sentence(t: TokenView, first_a: int) -> Clause | None:
    """ "Sam Lau, the party's spokesman, said in a statement. “There are no ballots …”": a
    reporting sentence of its own paragraph, with nothing said in it, right before the quotation."""
    if first_a <= 0 or first_a >= len(t.doc) or t.words[first_a - 1] != "." or t.quote_of[first_a - 1] >= 0:
        return None
    lo, hi = sentence_range(t, first_a - 1)
    if any(t.quote_of[i] >= 0 or "\n" in t.words[i] for i in range(lo, hi)):
        return None
    clauses = [c for c in reporting_clauses(t, lo, hi - 1) if not c.guessed]
    if not clauses:
        return None
    clause = clauses[-1]
    tail = [i for i in range(clause.end, hi - 1) if not is_punct(t.words[i])]
    if len(tail) > 6 or any(lower_at(t, i) in ("that", "to", "he", "she", "it", "they", "whether", "if") for i in tail) \
            or lower_at(t, clause.cue_start) in NO_INVERSION or clause.np_start > clause.cue_start:
        return None  # "… said that …", "… told reporters": something was said there already
    return clause


def statement_paragraph(t: TokenView, first_a: int) -> Clause | None:
    """ "The DNC issued a statement apologizing to Sanders." / "“On behalf of everyone …”": a
    quotation opening its paragraph after a paragraph that ends telling of someone's statement."""
    j = first_a - 1
    if j < 0 or first_a >= len(t.doc) or "\n" not in t.words[j]:
        return None
    j -= 1
    if j < 0 or t.quote_of[j] >= 0 or t.words[j] not in (".", "!"):
        return None
    lo, hi = sentence_range(t, j)
    if any(t.quote_of[i] >= 0 for i in range(lo, hi)) or not any(lower_at(t, i) == "statement" for i in range(lo, hi)):
        return None
    np = sentence_subject(t, j)
    if np is None:
        s = lo
        while s < j and (is_punct(t.words[s]) or "\n" in t.words[s]):
            s += 1
        comma = next((i for i in range(s, min(j, s + 12)) if t.words[i] == ","), None)
        s = comma + 1 if comma is not None else s  # "At Brazile's direction, the DNC issued …"
        np = right_np(t, s, j)  # an organization: "the DNC issued a statement …"
    if np is None:
        return None
    return Clause(j, j, np[0], np[1])
