"""Speaker phrases: the words on either side of a cue that name who speaks ("Kremlin spokesman
Dmitry Peskov", "Peskov, 54,", "a senior administration official").
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from archive.attribution.token_view import (
    TokenView,
    hyphenated,
    is_abbreviation,
    is_capitalized,
    is_punct,
    lower_at,
    mentions_between,
    outside_quotes,
    spaced,
)
from archive.lexicon.cues import CUE_WORDS
from archive.lexicon.function_words import (
    AFFILIATION_PREPOSITIONS,
    AUXILIARIES,
    BETWEEN_WORDS,
    DETERMINERS,
    MENTION_OPENERS,
    MODIFIER_STOPS,
    NP_LINKS,
    NP_STOP,
    PASSIVE_BEFORE,
)
from archive.lexicon.groups import INSTITUTIONS
from archive.lexicon.name_words import SURNAME_PARTICLES
from archive.lexicon.nationalities import NATIONALITY_NOUNS
from archive.lexicon.politics import PARTY_MEMBERS
from archive.lexicon.pronouns import PERSONAL_PRONOUNS, POSSESSIVE_DETERMINERS, PRONOUNS
from archive.lexicon.punctuation import CLAUSE_DASHES, DASHES, JOINING_DASHES, POSSESSIVE_TOKENS, QUOTE_CHARS
from archive.lexicon.roles import PRE_NAME_WORDS, role_of
from archive.lexicon.titles import COURTESY_TITLES, HONORIFICS, PEERAGE_TITLES, POSTNOMINALS
from archive.lexicon.utterances import UTTERANCE_NOUNS
from archive.names import fold


# Entity types that a capitalized word in a speaker slot can have without being a person.
NOT_NAMES = {"GPE", "LOC", "NORP", "DATE", "TIME", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW",
             "LANGUAGE", "PRODUCT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


# Labels NER gives unknown two-word names ("Le Pen") more often than real titles in a speaker slot.
MISTAKEN_FOR_NAMES = {"WORK_OF_ART", "PRODUCT"}


def np_word(t: TokenView, i: int) -> bool:
    text = t.words[i]
    lower = text.lower()
    return (
        is_capitalized(text)
        or role_of(text, t.words[max(0, i - 2):i]) is not None  # "front-runner"
        or lower in PRE_NAME_WORDS
        or lower in DETERMINERS
        or text in POSSESSIVE_TOKENS
        or lower.strip(".") in HONORIFICS
        or text in JOINING_DASHES
        or _abbreviation_dot(t, i)
        or _ORDINAL.fullmatch(text) is not None  # "Air Force 1st Lt. Tyler Livingston"
        or lower in SURNAME_PARTICLES and 0 < i < len(t.doc) - 1 and is_capitalized(t.words[i - 1])
        and is_capitalized(t.words[i + 1])  # "Michery el Soheil", "Ursula von der Leyen"
        or text in SURNAME_PARTICLES and i < len(t.doc) - 1 and (is_capitalized(t.words[i + 1])
                                                                 or t.words[i + 1] in SURNAME_PARTICLES)  # "van Gaal"
    )


_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def title_word(t: TokenView, i: int) -> bool:
    """A word of a title before a name: a phrase word, or a lower-case noun between a
    capitalized word that is no one's name and a name ("Perpignan centre Jean Dupuis"; not
    "He sees Owen", "These include Blair Effron", "Simon Hughes branded Howard")."""
    text = t.words[i]
    if np_word(t, i):
        return True
    return (text.isalpha() and text.islower() and len(text) > 2 and not text.endswith(("ed", "ing", "s"))
            and not t.doc[i].is_stop and text not in CUE_WORDS and 0 < i < len(t.words) - 1
            and is_capitalized(t.words[i - 1]) and not t.doc[i - 1].is_stop and not mentions_between(t, i - 1, i)
            and is_capitalized(t.words[i + 1]))


def _abbreviation_dot(t: TokenView, i: int) -> bool:
    """The dot of "Capt." or "Lt." that the tokenizer split off: part of a name, not a sentence end."""
    return t.words[i] == "." and i > 0 and is_abbreviation(t.words[i - 1])


def role_apposition(t: TokenView, comma: int, hi: int) -> bool:
    """Whether the apposition after `comma` gives someone a person's role, up to its end:
    ", a local journalist,"."""
    for i in range(comma + 1, min(hi, comma + 13, len(t.words))):
        if t.words[i] in (",", ".", ";", ":") or t.quote_of[i] >= 0 or "\n" in t.words[i]:
            return False
        if role_of(t.words[i], t.words[max(0, i - 2):i]) is not None:
            return True
    return False


def title_run(t: TokenView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are two or three capitalized words: a name, whatever NER made of it."""
    return 2 <= b - a <= 3 and all(is_capitalized(t.words[i]) and lower_at(t, i) not in DETERMINERS for i in range(a, b))


def _age_at(t: TokenView, i: int) -> bool:
    """ "34-year-old" (five tokens) starts at token i."""
    return (i + 4 < len(t.words) and t.words[i].isdigit() and t.words[i + 1] == "-"
            and lower_at(t, i + 2) in ("year", "years") and t.words[i + 3] == "-" and lower_at(t, i + 4) == "old")


def who_not_what(t: TokenView, a: int, b: int) -> bool:
    """A phrase that tells someone's age, nationality or party, not their name or role:
    "the 34-year-old (defender)", "the American", "the Republican"."""
    return any(_age_at(t, i) for i in range(a, b - 4)) or b - a == 2 and (
        lower_at(t, a + 1) in NATIONALITY_NOUNS or lower_at(t, a + 1) in PARTY_MEMBERS)


def _has_head(t: TokenView, a: int, b: int) -> bool:
    """Whether a phrase can name a speaker: a role, a pronoun, a name ("Russian" alone cannot)
    or an age or nationality after "the" ("the 34-year-old", "the American")."""
    if who_not_what(t, a, b) and lower_at(t, a) in DETERMINERS:
        return True
    for i in range(a, b):
        token = t.doc[i]
        text = token.text
        if role_of(text) or text.lower() in PRONOUNS:
            return True
        if is_capitalized(text) and text.lower() not in DETERMINERS and (
                token.ent_type_ != "NORP" or mentions_between(t, i, i + 1)
                or any(p.surname_key == fold(text) for p in t.people.persons)):
            return True  # "Cuban said" is Mark Cuban when the text named him
    return False


def institution_named(t: TokenView, a: int, b: int) -> str | None:
    """ "the Scottish Executive", "the Welsh Assembly": a government body named by its people's
    adjective, not a person with a role ("executive")."""
    if b - a < 2 or t.words[b - 1] not in INSTITUTIONS or t.doc[b - 2].ent_type_ not in ("NORP", "GPE") \
            or not is_capitalized(t.words[b - 2]):
        return None
    start = b - 2
    while start > a and is_capitalized(t.words[start - 1]) and t.doc[start - 1].ent_type_ in ("NORP", "GPE"):
        start -= 1
    return t.doc[start:b].text


def _courtesy_name(t: TokenView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are a courtesy title and a name: "Lord Skidelsky", "Mrs Jane Ross"."""
    return 2 <= b - a <= 4 and lower_at(t, a).strip(".") in COURTESY_TITLES | PEERAGE_TITLES \
        and all(is_capitalized(t.words[i]) and t.words[i].rstrip(".").isalpha() for i in range(a + 1, b))


def left_np(t: TokenView, end: int, lo: int, depth: int = 0) -> tuple[int, int] | None:
    """The speaker phrase ending just before token `end` (exclusive), not before `lo`."""
    j = end - 1
    if j < lo or not outside_quotes(t, j):
        return None
    if t.words[j] == "," or t.words[j] in DASHES:
        # an apposition: "Peskov, 54, said" / "Peskov, the spokesman, said" / "Bez - a former
        # Porsche executive - said"
        k = j - 1
        while k >= max(lo, j - 30) and outside_quotes(t, k) and t.words[k] not in (",", ";", ":", t.words[j]):
            k -= 1
        if k < lo or not outside_quotes(t, k) or t.words[k] != t.words[j]:
            return None
        if t.words[j] in DASHES:  # a person's, between spaced dashes ("non-answer" is a word)
            plain = left_np(t, k, lo, 1) if spaced(t, j) and spaced(t, k) else None
            if plain is None or not any(not m.possessive for m in mentions_between(t, *plain)) \
                    or plain[0] > lo and lower_at(t, plain[0] - 1) in AFFILIATION_PREPOSITIONS:
                return None  # "director of CB Richard Ellis - a property firm - told": not the firm
            return plain[0], j
        if depth == 0:
            plain = left_np(t, k, lo, 1)  # "Peskov, 54, said"
            if plain is not None:
                return plain[0], j
        inner = left_np(t, k + 1, lo, depth + 1) if depth < 2 else None
        if inner is None:
            # "Another peer meanwhile, Lord Skidelsky, said": the apposition is the name
            return (k + 1, j) if depth == 0 and _courtesy_name(t, k + 1, j) else None
        return inner[0], j
    if t.words[j] == ")":
        k = j - 1
        while k >= max(lo, j - 8) and t.words[k] != "(":
            k -= 1
        if k < lo:
            return None
        inner = left_np(t, k, lo)
        return (inner[0], j + 1) if inner else None
    if lower_at(t, j) in PRONOUNS:
        return j, j + 1
    start = j + 1
    i = j
    age = next((x for x in (j - 4, j - 5)
                if x >= lo and _age_at(t, x) and all(outside_quotes(t, y) for y in range(x, j + 1))), None)
    if age is not None and (age == j - 4 or t.words[j].isalpha() and t.words[j].islower()):
        start, i = age, age - 1  # "the 34-year-old told …", "the 34-year-old midfielder said …"
    while i >= lo and outside_quotes(t, i) and j - i < 14:
        lower = lower_at(t, i)
        if np_word(t, i) and lower not in PRONOUNS:
            start = i
            i -= 1
            continue
        inside_org = t.doc[i].ent_iob_ == "I" and t.doc[i].ent_type_ == "ORG"
        if (lower in NP_LINKS or inside_org and (lower in ("and", "&") or is_capitalized(t.words[i]))) \
                and i - 1 >= lo and is_capitalized(t.words[i - 1]) and start == i + 1:
            start = i  # "the Department of Trade and Industry said", "Reporters Without Borders"
            i -= 1
            continue
        # "a senior administration official": lowercase modifiers after a determiner
        k = i
        while k >= lo and k > i - 4 and outside_quotes(t, k) and t.words[k].isalpha() and t.words[k].islower() \
                and lower_at(t, k) not in DETERMINERS and lower_at(t, k) not in NP_STOP and lower_at(t, k) not in CUE_WORDS:
            k -= 1
        if k >= lo and k < i and lower_at(t, k) in DETERMINERS and start <= j:
            start = k
            i = k - 1
            continue
        break
    if start > j:
        # a lone lowercase head: "officials said", "experts say"
        if t.words[j].isalpha() and t.words[j].islower() and lower_at(t, j) not in NP_STOP \
                and (lower_at(t, j) not in CUE_WORDS or owned_utterance(t, j, lo)) \
                and lower_at(t, j) not in BETWEEN_WORDS \
                and lower_at(t, j) not in PASSIVE_BEFORE and len(t.words[j]) > 2 and not lower_at(t, j).endswith("ed"):
            k = j
            while k - 1 >= lo and outside_quotes(t, k - 1) and j - k < 4 and (
                    is_capitalized(t.words[k - 1]) and lower_at(t, k - 1) not in PRONOUNS
                    or t.words[k - 1] in POSSESSIVE_TOKENS):
                k -= 1
            while k < j and lower_at(t, k) in AFFILIATION_PREPOSITIONS:
                k += 1  # "From Bush's Facebook post:" opens with a preposition, not a name
            modifiers = k
            while modifiers - 1 >= lo and k - modifiers < 3 and outside_quotes(t, modifiers - 1) \
                    and t.words[modifiers - 1].isalpha() and t.words[modifiers - 1].islower() \
                    and not lower_at(t, modifiers - 1).endswith("ed") and lower_at(t, modifiers - 1) not in MODIFIER_STOPS:
                modifiers -= 1  # "the tournament debutant", "the giant winger"
            if modifiers < k and modifiers - 1 >= lo and lower_at(t, modifiers - 1) in DETERMINERS:
                k = modifiers
            if k - 1 >= lo and lower_at(t, k - 1) in DETERMINERS:
                k -= 1
            return k, j + 1
        return None
    # trim leading link words, a leading possessive and a clause's opening word ("When Trump",
    # not "In November the BMA")
    while start <= j and (lower_at(t, start) in NP_LINKS or t.words[start] in POSSESSIVE_TOKENS
                          or t.words[start] in JOINING_DASHES
                          or lower_at(t, start) in MENTION_OPENERS and start < j
                          and is_capitalized(t.words[start + 1])):
        start += 1
    if start > j or not _has_head(t, start, j + 1):
        return None
    return start, j + 1


def right_np(t: TokenView, start: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase starting at token `start`, before `hi` (exclusive)."""
    if start >= hi or not outside_quotes(t, start):
        return None
    if lower_at(t, start) in PRONOUNS:
        return start, start + 1
    i = start
    determiner = lower_at(t, start) in DETERMINERS
    end = start
    while i < hi and outside_quotes(t, i) and i - start < 12:
        lower = lower_at(t, i)
        text = t.words[i]
        if lower == "and" and i > start and role_of(t.words[i - 1]) and _role_ahead(t, i + 1, hi):
            i += 1  # "said Nortel president and chief executive Bill Owens"
            continue
        if lower in NP_STOP and lower not in NP_LINKS \
                and not (t.doc[i].ent_iob_ == "I" and t.doc[i].ent_type_ == "ORG" and i > start):
            break  # but "Reporters Without Borders", "the Department of Trade and Industry"
        if text in JOINING_DASHES and i > start and is_capitalized(t.words[i - 1]) and i + 1 < hi \
                and t.words[i + 1].isalpha() and t.words[i + 1].islower():
            i += 2  # "said UK-based consultancy Analysys": a modifier, the head comes after
            if i >= hi or not t.words[i].isalpha():
                end = i  # but "said Yoo Ji-chang," ends a name
            continue
        if np_word(t, i):
            i += 1
            end = i
            continue
        if i + 5 <= hi and _age_at(t, i):
            i += 5  # "said the 34-year-old"
            end = i
            continue
        if lower in NP_LINKS and i + 1 < hi and (is_capitalized(t.words[i + 1]) or lower_at(t, i + 1) in DETERMINERS):
            i += 1
            continue
        name_at = next((x for x in range(i + 1, min(hi, i + 3)) if is_capitalized(t.words[x]) and t.quote_of[x] < 0), 0)
        if text.isalpha() and text.islower() and lower not in CUE_WORDS and lower not in NP_STOP \
                and (not lower.endswith("ed") or t.words[i - 1] in JOINING_DASHES) \
                and name_at and all(t.words[x].isalpha() for x in range(i + 1, name_at + 1)):
            i += 1  # "said Virginia delegate Beau Correll"
            end = i
            continue
        role_at = next((x for x in range(i, min(hi, i + 5)) if role_of(t.words[x])), None)
        if not determiner and text.isalpha() and text.islower() and lower not in CUE_WORDS | NP_STOP \
                and role_at is not None and role_at + 1 < hi and is_capitalized(t.words[role_at + 1]) \
                and t.quote_of[role_at + 1] < 0 \
                and all(t.words[x].isalpha() and t.words[x].lower() not in STOP_WORDS and not t.words[x].endswith("ed")
                        or t.words[x] == "-" and hyphenated(t, x - 1) for x in range(i, role_at + 1)):
            # "said Tory shadow local government secretary Caroline Spelman", "said Idaho
            # nutritional-supplement executive Frank VanderSloot"
            i = end = role_at + 1
            continue
        if determiner and text.isalpha() and text.islower() and lower not in CUE_WORDS:
            i += 1  # "said a senior administration official"
            if role_of(text) is None and not any(role_of(t.words[x]) for x in range(i, min(hi, i + 3))):
                if not (text.endswith("s") or text.endswith("er") or text.endswith("ist")):
                    break
            end = i
            continue
        break
    while end > start and (lower_at(t, end - 1) in AUXILIARIES or lower_at(t, end - 1) in NP_LINKS
                           or lower_at(t, end - 1) in DETERMINERS):
        end -= 1
    if end <= start or not (_has_head(t, start, end) or title_run(t, start, end) and end < len(t.words)
                            and t.words[end] == "," and role_apposition(t, end, len(t.words))):
        return None  # but "stated Roman Petrosyan, a history professor": a person NER took for a group
    return start, _name_apposition(t, end, hi)


def _role_ahead(t: TokenView, start: int, hi: int) -> bool:
    """Whether a role word comes within a few words from `start`, the words before it part of
    its title ("chief executive", "Democratic National Committee Chairman")."""
    for x in range(start, min(hi, start + 5)):
        if role_of(t.words[x]):
            return True
        if not t.words[x].isalpha() or t.quote_of[x] >= 0:
            return False
    return False


def named_right_np(t: TokenView, start: int, hi: int) -> tuple[int, int] | None:
    """The phrase after an inverted cue when it holds a person's name: "…, said Grant Green"."""
    np = right_np(t, start, hi)
    if np is None or lower_at(t, np[0]) in NP_LINKS or not any(not m.possessive for m in mentions_between(t, np[0], np[1])):
        return None
    after = t.words[np[1]] if np[1] < len(t.doc) else "."
    if not (is_punct(after) and after not in QUOTE_CHARS or "\n" in after):
        return None  # "…, said Sanders has pushed her", "…, said Fiorina “was involved”": what was said
    return np


def _name_apposition(t: TokenView, end: int, hi: int) -> int:
    """ "said Putin's spokesman, Dmitry Peskov." — the name after the comma belongs in; also
    past a short phrase and titles ("said BA director of route planning, Robert Fenwick",
    "wrote the ambassador at the time, John Herbst", "said the committee chairman, MP Edward Quill")."""
    comma = end
    if end < hi and lower_at(t, end) in NP_LINKS | {"at"}:
        comma = next((i for i in range(end + 1, min(hi, end + 7)) if t.words[i] == ","), hi)
        if any(not t.words[i].isalpha() or not outside_quotes(t, i) or lower_at(t, i) in CUE_WORDS
               or lower_at(t, i) in PRONOUNS or lower_at(t, i) in NP_STOP - NP_LINKS - {"at"}
               for i in range(end + 1, comma)):
            return end
    if comma + 1 >= hi or t.words[comma] != ",":
        return end
    start = comma + 1
    while start < min(hi, comma + 3) and (t.words[start] in POSTNOMINALS or lower_at(t, start).strip(".") in HONORIFICS
                                          or role_of(t.words[start]) and is_capitalized(t.words[start])):
        start += 1  # "MP Edward Quill", "Dr Ann Lee"
    for m in mentions_between(t, start, start + 1):
        if not m.possessive and m.token_start == start and m.token_end <= hi:
            after = t.words[m.token_end] if m.token_end < len(t.doc) else "."
            if after in (",", ".", ";") or "\n" in after or m.token_end == hi:
                return m.token_end
    return end


def apposed_name(t: TokenView, comma: int, lo: int, unclosed: bool = False) -> tuple[int, int] | None:
    """The name that a long apposition ending at `comma` follows: "Texas delegate Bill Eastland,
    wearing a cowboy hat and “Ted Cruz” pins, said", "Harry Bond, 30, of Raleigh, N.C., who …, said".

    The name must open its clause (a few title words after the start of the sentence, a
    quotation or a comma) and be followed by a comma or a parenthesis; the apposition holds no
    cue and no quotation longer than a few words. `unclosed`: no comma ends the apposition,
    `comma` is where the cue stands ("Sam Lau, the spokesman for the Iowa Democratic Party said")."""
    if comma < 1 or t.words[comma] != "," and not unclosed:
        return None
    floor = max(lo, t.sentence_starts[t.sentence_of[comma]], comma - 40)
    for m in reversed(mentions_between(t, floor, comma)):
        if m.possessive or m.token_end >= comma or t.words[m.token_end] not in (",", "(") \
                or t.quote_of[m.token_start] >= 0:
            continue
        for x in range(m.token_end, comma):
            if t.quote_of[x] >= 0 and len(t.text[t.spans[t.quote_of[x]].start:t.spans[t.quote_of[x]].end]) > 30:
                return None
            if "\n" in t.words[x] or t.words[x] in (";", ":") or lower_at(t, x) in CUE_WORDS:
                return None
        if unclosed and not _plain_apposition(t, m.token_end, comma) \
                and not (_described_apposition(t, m.token_end, comma) and _right_after_boundary(t, m.token_start)):
            return None
        k = m.token_start - 1
        while k >= floor and m.token_start - k <= 3 and outside_quotes(t, k) and not is_punct(t.words[k]):
            k -= 1
        if k < floor or t.quote_of[k] >= 0 or t.words[k] == "," or t.words[k] in CLAUSE_DASHES:
            return m.token_start, comma
        return None
    return None


def _plain_apposition(t: TokenView, comma: int, end: int) -> bool:
    """ ", the communications director for the party" / ", president and CEO of …": a role
    right after the comma, nothing that could make it a clause of its own ("Clinton, a top aide
    said", "Haley, who delivered …, is …", "Trump, whom he called")."""
    words = [lower_at(t, i) for i in range(comma + 1, end)]
    if not words or len(words) > 15 or words[0] in ("a", "an", "one", "another"):
        return False
    if not any(role_of(t.words[i]) for i in range(comma + 1, min(end, comma + 5))):
        return False
    return not any(w in PRONOUNS or w in POSSESSIVE_DETERMINERS or w in PASSIVE_BEFORE
                   or w in ("has", "have", "had", "whom", "whose") for w in words)


def _described_apposition(t: TokenView, comma: int, end: int) -> bool:
    """ ", the polling guru who founded the site": "the" and a description with no role word,
    nothing that could make it a clause of its own."""
    words = [lower_at(t, i) for i in range(comma + 1, end)]
    if not words or words[0] != "the" or len(words) > 12:
        return False
    stop = next((k for k, w in enumerate(words) if w in ("who", "that", "which", "of", "at", "for", "from",
                                                         "in", "on", ",")), len(words))
    head = words[stop - 1] if stop > 1 else ""
    if head.endswith("s") and not head.endswith("ss"):
        return False  # "“Lock her up,” Clinton, the attendees chanted": the attendees speak
    return not any(w in PRONOUNS or w in POSSESSIVE_DETERMINERS or w in PASSIVE_BEFORE
                   or w in ("has", "have", "had", "whom", "whose") for w in words)


def _right_after_boundary(t: TokenView, token: int) -> bool:
    """Whether the name at token, with its title ("Speaker Paul Ryan"), opens its sentence or
    follows a quotation, a comma or a dash (not "As Trump attacked Clinton, the crowd chanted")."""
    start = token
    while start > 0 and token - start < 3 and t.sentence_of[start - 1] == t.sentence_of[token] \
            and (is_capitalized(t.words[start - 1]) or role_of(t.words[start - 1])) and t.quote_of[start - 1] < 0:
        start -= 1
    return start == 0 or t.sentence_of[start - 1] != t.sentence_of[start] or t.quote_of[start - 1] >= 0 \
        or t.words[start - 1] == "," or t.words[start - 1] in CLAUSE_DASHES


def person_phrase(t: TokenView, start: int, hi: int, roles: bool = False) -> tuple[int, int] | None:
    np = right_np(t, start, hi)
    if np is None:
        return None
    if np[1] - np[0] == 1 and lower_at(t, np[0]) in PERSONAL_PRONOUNS:
        return np
    if any(not m.possessive for m in mentions_between(t, np[0], np[1])):
        return np
    return np if roles and _role_headed(t, *np) else None


def _role_headed(t: TokenView, a: int, b: int) -> bool:
    """Whether the phrase's head, the last word before any "of"/"for", is a role: "a spokesman
    for Lakeside", "the senator"; not "Lakeside's president's dog", nor "General Electric"
    (where RoleRules._head_role, which takes any role of a title, finds "general")."""
    head = None
    for i in range(a, b):
        if lower_at(t, i) in NP_LINKS:
            break
        head = role_of(t.words[i], t.words[max(0, i - 2):i]) if t.words[i] not in POSSESSIVE_TOKENS else None
    return head is not None

def owned_utterance(t: TokenView, i: int, lo: int) -> bool:
    """Whether token i is a noun for something said ("post", "tweet", "reply") after an owner or a
    determiner, past a few capitalized words: "Bush's Facebook post", "a Twitter post"."""
    if lower_at(t, i) not in UTTERANCE_NOUNS:
        return False
    j = i - 1
    while j >= lo and i - j <= 3 and is_capitalized(t.words[j]) and t.words[j] not in POSSESSIVE_TOKENS:
        j -= 1
    return j >= lo and (t.words[j] in POSSESSIVE_TOKENS or lower_at(t, j) in DETERMINERS)
