"""Who said it: speaker attribution for quotation spans, by rules over tokens and NER.

No dependency parse: a reporting clause is a cue ("said", "warned", "according
to" ...) with a speaker phrase on one side of it. Which clause credits a
quotation, best first: one right before it ("he said: “…”"), one right after it
("“…,” said Peskov"), one ending the paragraph before it with a colon, then any
other clause of its sentence, the nearest first, but not one past ", while …"
(someone else's) nor one right before another quotation when a new subject
opens after that one. Quotations separated only by punctuation ("“A”, “B”, he
said") share one clause. The speaker phrase is resolved to a person:

- a name in it ("Kremlin spokesman Dmitry Peskov said") is the speaker, unless
  it only owns the speaker ("Vladimir Putin's spokesman") or is whom it speaks
  for or belongs to ("a spokesman for Michael Howard"); a surname several
  people share keeps meaning the one it last meant, unless another of them has
  since become a subject;
- "he"/"she" go to the person the text is about at that point: the last
  speaker unless someone else has since become the subject of a sentence, then
  the last subject, with gender agreement. A subject opens its sentence, maybe
  after an opening phrase ("As for Trump, he …", "When Wallace died, Clinton …");
  names in an apposition ("Simmons, an Obama supporter, said") or modifying a
  noun ("the Miller campaign") are not subjects; a description opening a
  sentence ("The governor praised …") makes its person one; after "X asked Y
  whether …" the one asked is who answers;
- a description ("the spokesman", "Putin's spokesman") goes to the person the
  text gave that role (in a title before the name or an apposition after it),
  from the place or party it names when it names one ("the Texas senator",
  "the GOP front-runner"), never a shadow minister for the minister; an age,
  a nationality or a party ("the 34-year-old", "the American", "the
  Republican") goes where "he" would have at the start of its sentence, and so
  does a role nobody in the text holds ("the defender", "the youngster"), if
  that person was a subject or a speaker;
- an organization ("the White House said") is the speaker itself, and so is
  the one an unnamed spokesman speaks for ("a BBC spokesman", "a spokeswoman
  for Lakeside Networks"); "the Commission" is the one named last whose name
  ends so ("the European Commission"); "the company", "the newspaper" and
  "it" go to the organization last credited with words nearby, "it" only if
  no person or other organization became a subject since, "the company" else
  to the most named one that was a subject;
- a document's author is its speaker ("according to a statement from X", "a
  court filing by X"), and a line "— Name, place" under a quotation signs it;
- a capitalized name NER missed is taken as it is ("Adelson said") and becomes
  a person of the attribution, so that a following "he said" can mean them;
- any other unnamed source ("a senior official said") credits nobody but is
  kept as the mention.

A quotation with no clause of its own continues the previous speaker when it is
a whole sentence following that speaker's quotation ("“A,” he said. “B.”") and
nobody else has become the subject in between; one that follows a sentence in which
a person reports something, or is said to feel or believe it ("Hale said the team was
tired. “We had two days.”", "Hale feels the team is tired. “…”"), is that person's.
Titles (“Meet the Press”) and scare quotes outside any reporting sentence credit
nobody.

Confidence (0..1) says how direct the evidence is: a name next to the quotation
0.9, a clause elsewhere in the sentence less, a pronoun 0.75-0.85, a description
0.7, a continued speaker 0.8 of the one it continues, a quotation after reported
speech 0.7 of that sentence's speaker.
"""
from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from archive.entities import (
    AUXILIARIES,
    GENDERED_ROLES,
    INDIVIDUAL_SPORTS,
    NATIONALITY_NOUNS,
    ORG_NAME_HEADS,
    PLAYING_POSITIONS,
    POSSESSIVE_TOKENS,
    POSTNOMINALS,
    PRE_NAME_WORDS,
    ROLE_WORDS,
    People,
    Person,
    by_given_name,
    expand_roles,
    not_a_name_word,
    role_of,
    text_of,
    token_texts,
)
from archive.names import (
    COURTESY_TITLES,
    FIRST_NAME_GENDER,
    HONORIFICS,
    PEERAGE_TITLES,
    SURNAME_PARTICLES,
    canonical_entity,
    fold,
    name_gender,
    parse_person_name,
    person_key,
    same_entity,
    same_person,
)
from archive.quote_spans import QuoteSpan
from spacy.lang.en.stop_words import STOP_WORDS

_CUE_LEMMAS = """
say says said saying tell tells told telling add adds added adding warn warns warned warning
assure assures assured write writes wrote writing tweet tweets tweeted tweeting post posts posted
note notes noted noting explain explains explained explaining insist insists insisted insisting
argue argues argued arguing claim claims claimed claiming declare declares declared declaring
states stated continue continues continued ask asks asked answer answers answered
reply replies replied replying respond responds responded responding remark remarks remarked
recall recalls recalled recalling acknowledge acknowledges acknowledged admit admits admitted
announce announces announced announcing suggest suggests suggested suggesting predict predicts
predicted promise promises promised vow vows vowed conclude concludes concluded concede
concedes conceded boast boasts boasted quip quips quipped joke jokes joked shout shouts
shouted yell yells yelled cry cries cried exclaim exclaims exclaimed complain complains
complained complaining lament laments lamented observe observes observed report reports reported
mention mentions mentioned reiterate reiterates reiterated repeat repeats repeated urge urges
urged caution cautions cautioned emphasize emphasizes emphasized emphasise emphasised stress
stresses stressed testify testifies testified recount recounts recounted counter counters
countered retort retorts retorted charge charges charged allege alleges alleged contend contends
contended maintain maintains maintained deny denies denied confirm confirms confirmed
describe describes described call calls called calling demand demands demanded
wonder wonders wondered muse muses mused sigh sighed scoff scoffs scoffed snap snapped
proclaim proclaims proclaimed accuse accuses accused accusing pledge pledges pledged
thunder thundered blast blasts blasted chime chimes chimed interject interjects interjected
opine opines opined bark barks barked chant chants chanted echo echoes echoed beam beamed
label labels labeled labelled labeling dub dubs dubbed plead pleads pleaded rail rails railed
fume fumes fumed gush gushed concur concurs concurred tout touts touted hail hails hailed
mock mocks mocked whisper whispered murmur murmured boom booms boomed
press presses pressed stating remarking assert asserts asserted asserting blame blames blamed
cite cites cited citing criticize criticizes criticized criticise criticises criticised criticising praise praises praised
praising thank thanks thanked dismiss dismisses dismissed denounce denounces denounced chide chides
chided chiding retweet retweets retweeted email emails emailed imply implies implied indicate
indicates indicated bemoan bemoans bemoaned asking questioned agreed decry decries decried
condemning warning speculate speculates speculated reveal reveals revealed hint hints hinted
"""
CUE_WORDS = set(_CUE_LEMMAS.split())
# Cues that also give a name: "a group called Future 45".
NAMING_CUES = {"called", "dubbed", "named", "labeled", "labelled"}
# Cues whose object is the addressee, never the speaker: "told CNN" is not "said CNN".
NO_INVERSION = {"tell", "tells", "told", "telling", "ask", "asks", "urge", "urges", "urged",
                "call", "calls", "called", "describe", "describes", "described", "charge",
                "charges", "charged", "warn", "promise", "promises", "promised"}
# Cues whose object is who or what they spoke of: "…,” thanked Mayor Quinn for “…”".
OBJECT_CUES = set("""thank thanks thanked praise praises praised praising criticize criticizes criticized
                criticise criticises criticised accuse accuses accused accusing blame blames blamed mock
                mocks mocked hail hails hailed chide chides chided dismiss dismisses dismissed denounce
                denounces denounced cite cites cited citing label labels labeled labelled dub dubs dubbed
                press presses pressed email emails emailed retweet retweets retweeted tout touts touted
                blast blasts blasted questioned decry decries decried""".split())
NEVER_INVERTED = NO_INVERSION | OBJECT_CUES
# AP-style abbreviations of US states, as in "Sen. Marco Rubio (R-Fla.)".
STATE_ABBREVIATIONS = {
    "ala.": "alabama", "ariz.": "arizona", "ark.": "arkansas", "calif.": "california", "colo.": "colorado",
    "conn.": "connecticut", "del.": "delaware", "fla.": "florida", "ga.": "georgia", "ill.": "illinois",
    "ind.": "indiana", "kan.": "kansas", "ky.": "kentucky", "la.": "louisiana", "md.": "maryland",
    "mass.": "massachusetts", "mich.": "michigan", "minn.": "minnesota", "miss.": "mississippi",
    "mo.": "missouri", "mont.": "montana", "neb.": "nebraska", "nev.": "nevada", "okla.": "oklahoma",
    "ore.": "oregon", "pa.": "pennsylvania", "tenn.": "tennessee", "tex.": "texas", "vt.": "vermont",
    "va.": "virginia", "wash.": "washington", "wis.": "wisconsin", "wyo.": "wyoming",
}
PARTIES = {"gop": "republican", "republican": "republican", "democratic": "democrat", "democrat": "democrat"}
PARTY_MEMBERS = {"republican", "democrat"}  # "the Republican said": someone by party, like "the Texan"
QUESTION_CUES = {"ask", "asks", "asked", "asking"}
LEADING_CONJUNCTIONS = {"but", "and", "yet", "so", "still", "meanwhile", "however", "then", "now",
                        "also", "instead", "later", "earlier"}
# Cues of two words: "went on", "shot back", "pointed out", "as Cornyn put it".
TWO_WORD_CUES = {(verb, particle) for verb, particle in (
    *((v, "on") for v in ("went", "goes", "go", "going")),
    *((v, "back") for v in ("shot", "shoots", "fired", "fires", "hit", "hits", "wrote", "writes")),
    *((v, "out") for v in ("pointed", "points", "point", "pointing", "lashed", "lashes")),
    ("put", "it"), ("puts", "it"))}
PRONOUNS = {"he": "male", "she": "female", "they": None, "we": None, "i": None, "you": None, "it": None}
PERSONAL_PRONOUNS = {"he", "she"}
# Words anywhere before an organization in a speaker's phrase that make the phrase about it, not
# it: "another leading Supreme Court", "that once the Senate".
NOT_BEFORE_ORG_SPEAKER = {"another", "one", "that", "once", "how", "if", "when", "whether",
                          "while", "although", "though"}
# Words right before it that do the same: "a message referring to strikes against Islamic State"
# (while "The letter, from the Home Office," is the Home Office's).
ABOUT_WORDS = {"against", "about", "over", "into", "toward", "towards", "on", "with", "for", "to"}
DASHES = ("—", "–", "-")
SIGNATURE_DASHES = ("-", "—", "–", "―", "--")  # "“…” — Adriana Rodarte": who signs a quotation
# How many paragraphs opening with "he"/"she" a pronoun may reach back over, beyond its window.
_PRONOUN_CHAIN_PARAGRAPHS = 4
# May stand between a speaker and the cue: "he also said", "Trump has repeatedly said".
BETWEEN_WORDS = {
    "also", "later", "then", "further", "previously", "once", "again", "recently", "often",
    "has", "had", "have", "just",
    "only", "even", "still", "simply", "already", "always", "reportedly",
    "allegedly", "famously", "subsequently", "separately", "elsewhere", "now",
    "meanwhile", "however", "too", "earlier", "instead", "though", "yesterday", "today", "afterwards",
    "afterward", "tonight",
}
# A cue after these reports nothing yet: "will say", "to tell", "when asked", "didn't say".
NOT_REPORTING_BEFORE = {"to", "not", "n't", "never", "when", "if", "as", "who", "which", "that",
                        "will", "would", "could", "might", "may", "should", "must", "can", "shall"}
PASSIVE_BEFORE = {"was", "were", "been", "being", "be", "is", "are", "am", "get", "got"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
               "one", "another", "our", "my", "your", "some", "several", "many", "two", "three"}
INDEFINITE = {"a", "an", "one", "another", "some", "several", "many", "two", "three"}
NP_STOP = {"who", "whom", "which", "that", "when", "while", "in", "on", "during", "after",
           "before", "because", "as", "if", "since", "but", "and", "or", "to", "about", "with",
           "without", "by", "from", "into", "than", "said", "says"}
NP_LINKS = {"of", "for", "at"}  # "spokesman for the Kremlin", "Joel Pollak of Breitbart"
SENTENCE_END = {".", "!", "?", "...", "…", "?!", "!?"}
# Entity types that a capitalized word in a speaker slot can have without being a person.
NOT_NAMES = {"GPE", "LOC", "NORP", "DATE", "TIME", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW",
             "LANGUAGE", "PRODUCT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Labels NER gives unknown two-word names ("Le Pen") more often than real titles in a speaker slot.
MISTAKEN_FOR_NAMES = {"WORK_OF_ART", "PRODUCT"}
QUOTE_CHARS = set("“”\"＂„‟«»‘’'‚‛‹›「」『』")


@dataclass
class Attribution:
    speaker: str | None = None
    mention: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    person: int | None = None  # index into People.persons
    how: str = ""  # "name", "pronoun", "description", "org", "continued", "" (none)


@dataclass
class _Clause:
    cue_start: int  # token indices
    cue_end: int
    np_start: int
    np_end: int
    guessed: bool = False  # the speaker is the sentence's subject, taken on trust ("…, adding")

    @property
    def start(self) -> int:
        return min(self.cue_start, self.np_start)

    @property
    def end(self) -> int:
        return max(self.cue_end, self.np_end)


@dataclass
class _Event:
    position: int
    person: int
    kind: str  # "speaker", "subject", "mention", "possessor"
    # The mention names the person in full ("Ellen Baxter"): it cannot be read as a namesake
    # of the other gender, as a bare "Baxter" can.
    full: bool = False


@dataclass
class _Text:
    """The token view of an article that attribution works on."""

    doc: object
    spans: list[QuoteSpan]
    people: People
    text: str = ""  # doc.text, which spaCy rebuilds on every access
    # Each token's text and start: rules read them often, and every doc[i] makes a Token object.
    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    quote_of: list[int] = field(default_factory=list)  # token -> quote index or -1
    sentence_of: list[int] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    # doc.ents builds a new tuple on every access: read them once, by start
    ents: tuple = ()
    ent_starts: list[int] = field(default_factory=list)


def _is_title(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _name_like(text: str) -> bool:
    """A word a name can be made of: letters, an apostrophe or a hyphen inside ("D’Souza")."""
    return text.replace("’", "").replace("'", "").replace("-", "").isalpha() and text[-1:].isalpha()


def _is_punct(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _build_text(doc, spans: list[QuoteSpan], people: People) -> _Text:
    t = _Text(doc, spans, people, text_of(doc))
    text = t.text
    t.words = token_texts(doc)
    t.starts = [tok.idx for tok in doc]
    t.mention_starts = [m.token_start for m in people.mentions]
    t.ents = tuple(doc.ents)
    t.ent_starts = [ent.start for ent in t.ents]
    quote_of = [-1] * len(doc)
    for qi, span in enumerate(spans):
        a = bisect.bisect_left(t.starts, span.start)
        b = bisect.bisect_left(t.starts, span.end)
        for i in range(a, b):
            quote_of[i] = qi
    t.quote_of = quote_of
    sentence = 0
    paragraph = 0
    t.sentence_starts = [0]
    sentence_of = [0] * len(doc)
    paragraph_of = [0] * len(doc)
    words, starts = t.words, t.starts
    n = len(doc)
    for i in range(n):
        sentence_of[i] = sentence
        paragraph_of[i] = paragraph
        if i + 1 >= n:
            break
        word, after = words[i], words[i + 1]
        breaks = False
        if "\n" in word or "\n" in after or "\n" in text[starts[i] + len(word): starts[i + 1]]:
            breaks = True
            if "\n" in word or "\n" in text[starts[i] + len(word): starts[i + 1]]:
                paragraph += 1
        elif quote_of[i] < 0 and word in SENTENCE_END and quote_of[i + 1] < 0 and _starts_sentence(after) \
                and not (word == "." and i > 0 and _is_abbreviation(words[i - 1])) \
                and not (word == "." and i > 0 and words[i - 1] in ("No", "Nos") and after[:1].isdigit()) \
                and not (word == "." and i > 0 and starts[i - 1] + len(words[i - 1]) == starts[i]
                         and starts[i] + 1 == starts[i + 1]):  # "fansite Halo.Bungie.Org, said"
            breaks = True
        elif quote_of[i] < 0 and word in SENTENCE_END and quote_of[i + 1] >= 0:
            breaks = True
        elif quote_of[i] >= 0 and quote_of[i + 1] != quote_of[i]:
            span = spans[quote_of[i]]
            inner = text[span.start:span.end - len(span.close_mark or "")].rstrip()
            if inner[-1:] in ".!?" and (quote_of[i + 1] >= 0 or _starts_sentence(after)):
                breaks = True
        if breaks:
            sentence += 1
            t.sentence_starts.append(i + 1)
    t.sentence_of = sentence_of
    t.paragraph_of = paragraph_of
    return t


def _starts_sentence(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in QUOTE_CHARS)


def _token_at(t: _Text, char: int) -> int:
    return max(0, bisect.bisect_right(t.starts, char) - 1)


def _mentions_between(t: _Text, a: int, b: int) -> list:
    """Person mentions starting at tokens [a, b), found by bisection (mentions are in text order)."""
    mentions = t.people.mentions
    i = bisect.bisect_left(t.mention_starts, a)
    out = []
    while i < len(mentions) and mentions[i].token_start < b:
        out.append(mentions[i])
        i += 1
    return out


# --- reporting clauses ----------------------------------------------------------

def _ents_between(t: _Text, a: int, b: int) -> tuple:
    """The entities starting at tokens [a, b), in text order."""
    return t.ents[bisect.bisect_left(t.ent_starts, a):bisect.bisect_left(t.ent_starts, b)]


def _lower(t: _Text, i: int) -> str:
    return t.words[i].lower()


def _outside(t: _Text, i: int) -> bool:
    return 0 <= i < len(t.doc) and t.quote_of[i] < 0 and "\n" not in t.words[i]


def _np_word(t: _Text, i: int) -> bool:
    text = t.words[i]
    lower = text.lower()
    return (
        _is_title(text)
        or role_of(text, t.words[max(0, i - 2):i]) is not None  # "front-runner"
        or lower in PRE_NAME_WORDS
        or lower in DETERMINERS
        or text in POSSESSIVE_TOKENS
        or lower.strip(".") in HONORIFICS
        or text in ("-", "–")
        or _abbreviation_dot(t, i)
        or _ORDINAL.fullmatch(text) is not None  # "Air Force 1st Lt. Tyler Livingston"
        or lower in SURNAME_PARTICLES and 0 < i < len(t.doc) - 1 and _is_title(t.words[i - 1])
        and _is_title(t.words[i + 1])  # "Michery el Soheil", "Ursula von der Leyen"
        or text in SURNAME_PARTICLES and i < len(t.doc) - 1 and (_is_title(t.words[i + 1])
                                                                 or t.words[i + 1] in SURNAME_PARTICLES)  # "van Gaal"
    )


_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def _title_word(t: _Text, i: int) -> bool:
    """A word of a title before a name: a phrase word, or a lower-case noun between a
    capitalized word that is no one's name and a name ("Perpignan centre Jean Dupuis"; not
    "He sees Owen", "These include Blair Effron", "Simon Hughes branded Howard")."""
    text = t.words[i]
    if _np_word(t, i):
        return True
    return (text.isalpha() and text.islower() and len(text) > 2 and not text.endswith(("ed", "ing", "s"))
            and not t.doc[i].is_stop and text not in CUE_WORDS and 0 < i < len(t.words) - 1
            and _is_title(t.words[i - 1]) and not t.doc[i - 1].is_stop and not _mentions_between(t, i - 1, i)
            and _is_title(t.words[i + 1]))


def _abbreviation_dot(t: _Text, i: int) -> bool:
    """The dot of "Capt." or "Lt." that the tokenizer split off: part of a name, not a sentence end."""
    return t.words[i] == "." and i > 0 and _is_abbreviation(t.words[i - 1])


def _is_abbreviation(text: str) -> bool:
    return (len(text) <= 4 and text.lower() in HONORIFICS) or (len(text) == 1 and text.isupper())


def _role_apposition(t: _Text, comma: int, hi: int) -> bool:
    """Whether the apposition after `comma` gives someone a person's role, up to its end:
    ", a local journalist,"."""
    for i in range(comma + 1, min(hi, comma + 13, len(t.words))):
        if t.words[i] in (",", ".", ";", ":") or t.quote_of[i] >= 0 or "\n" in t.words[i]:
            return False
        if role_of(t.words[i], t.words[max(0, i - 2):i]) is not None:
            return True
    return False


def _title_run(t: _Text, a: int, b: int) -> bool:
    """Whether tokens [a, b) are two or three capitalized words: a name, whatever NER made of it."""
    return 2 <= b - a <= 3 and all(_is_title(t.words[i]) and _lower(t, i) not in DETERMINERS for i in range(a, b))


def _age_at(t: _Text, i: int) -> bool:
    """ "34-year-old" (five tokens) starts at token i."""
    return (i + 4 < len(t.words) and t.words[i].isdigit() and t.words[i + 1] == "-"
            and _lower(t, i + 2) in ("year", "years") and t.words[i + 3] == "-" and _lower(t, i + 4) == "old")


def _who_not_what(t: _Text, a: int, b: int) -> bool:
    """A phrase that tells someone's age, nationality or party, not their name or role:
    "the 34-year-old (defender)", "the American", "the Republican"."""
    return any(_age_at(t, i) for i in range(a, b - 4)) or b - a == 2 and (
        _lower(t, a + 1) in NATIONALITY_NOUNS or _lower(t, a + 1) in PARTY_MEMBERS)


def _has_head(t: _Text, a: int, b: int) -> bool:
    """Whether a phrase can name a speaker: a role, a pronoun, a name ("Russian" alone cannot)
    or an age or nationality after "the" ("the 34-year-old", "the American")."""
    if _who_not_what(t, a, b) and _lower(t, a) in DETERMINERS:
        return True
    for i in range(a, b):
        token = t.doc[i]
        text = token.text
        if role_of(text) or text.lower() in PRONOUNS:
            return True
        if _is_title(text) and text.lower() not in DETERMINERS and (
                token.ent_type_ != "NORP" or _mentions_between(t, i, i + 1)
                or any(p.surname_key == fold(text) for p in t.people.persons)):
            return True  # "Cuban said" is Mark Cuban when the text named him
    return False


def _spaced(t: _Text, i: int) -> bool:
    """Whether token i stands apart from the words around it: a dash, not a hyphen."""
    return i > 0 and bool(t.doc[i - 1].whitespace_) and bool(t.doc[i].whitespace_)


def _institution(t: _Text, a: int, b: int) -> str | None:
    """ "the Scottish Executive", "the Welsh Assembly": a government body named by its people's
    adjective, not a person with a role ("executive")."""
    if b - a < 2 or t.words[b - 1] not in INSTITUTIONS or t.doc[b - 2].ent_type_ not in ("NORP", "GPE") \
            or not _is_title(t.words[b - 2]):
        return None
    start = b - 2
    while start > a and _is_title(t.words[start - 1]) and t.doc[start - 1].ent_type_ in ("NORP", "GPE"):
        start -= 1
    return t.doc[start:b].text


def _courtesy_name(t: _Text, a: int, b: int) -> bool:
    """Whether tokens [a, b) are a courtesy title and a name: "Lord Skidelsky", "Mrs Jane Ross"."""
    return 2 <= b - a <= 4 and _lower(t, a).strip(".") in COURTESY_TITLES | PEERAGE_TITLES \
        and all(_is_title(t.words[i]) and t.words[i].rstrip(".").isalpha() for i in range(a + 1, b))


def _left_np(t: _Text, end: int, lo: int, depth: int = 0) -> tuple[int, int] | None:
    """The speaker phrase ending just before token `end` (exclusive), not before `lo`."""
    j = end - 1
    if j < lo or not _outside(t, j):
        return None
    if t.words[j] == "," or t.words[j] in DASHES:
        # an apposition: "Peskov, 54, said" / "Peskov, the spokesman, said" / "Bez - a former
        # Porsche executive - said"
        k = j - 1
        while k >= max(lo, j - 30) and _outside(t, k) and t.words[k] not in (",", ";", ":", t.words[j]):
            k -= 1
        if k < lo or not _outside(t, k) or t.words[k] != t.words[j]:
            return None
        if t.words[j] in DASHES:  # a person's, between spaced dashes ("non-answer" is a word)
            plain = _left_np(t, k, lo, 1) if _spaced(t, j) and _spaced(t, k) else None
            if plain is None or not any(not m.possessive for m in _mentions_between(t, *plain)) \
                    or plain[0] > lo and _lower(t, plain[0] - 1) in AFFILIATION_PREPOSITIONS:
                return None  # "director of CB Richard Ellis - a property firm - told": not the firm
            return plain[0], j
        if depth == 0:
            plain = _left_np(t, k, lo, 1)  # "Peskov, 54, said"
            if plain is not None:
                return plain[0], j
        inner = _left_np(t, k + 1, lo, depth + 1) if depth < 2 else None
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
        inner = _left_np(t, k, lo)
        return (inner[0], j + 1) if inner else None
    if _lower(t, j) in PRONOUNS:
        return j, j + 1
    start = j + 1
    i = j
    age = next((x for x in (j - 4, j - 5)
                if x >= lo and _age_at(t, x) and all(_outside(t, y) for y in range(x, j + 1))), None)
    if age is not None and (age == j - 4 or t.words[j].isalpha() and t.words[j].islower()):
        start, i = age, age - 1  # "the 34-year-old told …", "the 34-year-old midfielder said …"
    while i >= lo and _outside(t, i) and j - i < 14:
        lower = _lower(t, i)
        if _np_word(t, i) and lower not in PRONOUNS:
            start = i
            i -= 1
            continue
        inside_org = t.doc[i].ent_iob_ == "I" and t.doc[i].ent_type_ == "ORG"
        if (lower in NP_LINKS or inside_org and (lower in ("and", "&") or _is_title(t.words[i]))) \
                and i - 1 >= lo and _is_title(t.words[i - 1]) and start == i + 1:
            start = i  # "the Department of Trade and Industry said", "Reporters Without Borders"
            i -= 1
            continue
        # "a senior administration official": lowercase modifiers after a determiner
        k = i
        while k >= lo and k > i - 4 and _outside(t, k) and t.words[k].isalpha() and t.words[k].islower() \
                and _lower(t, k) not in DETERMINERS and _lower(t, k) not in NP_STOP and _lower(t, k) not in CUE_WORDS:
            k -= 1
        if k >= lo and k < i and _lower(t, k) in DETERMINERS and start <= j:
            start = k
            i = k - 1
            continue
        break
    if start > j:
        # a lone lowercase head: "officials said", "experts say"
        if t.words[j].isalpha() and t.words[j].islower() and _lower(t, j) not in NP_STOP \
                and (_lower(t, j) not in CUE_WORDS or _owned_utterance(t, j, lo)) \
                and _lower(t, j) not in BETWEEN_WORDS \
                and _lower(t, j) not in PASSIVE_BEFORE and len(t.words[j]) > 2 and not _lower(t, j).endswith("ed"):
            k = j
            while k - 1 >= lo and _outside(t, k - 1) and j - k < 4 and (
                    _is_title(t.words[k - 1]) and _lower(t, k - 1) not in PRONOUNS
                    or t.words[k - 1] in POSSESSIVE_TOKENS):
                k -= 1
            while k < j and _lower(t, k) in AFFILIATION_PREPOSITIONS:
                k += 1  # "From Bush's Facebook post:" opens with a preposition, not a name
            modifiers = k
            while modifiers - 1 >= lo and k - modifiers < 3 and _outside(t, modifiers - 1) \
                    and t.words[modifiers - 1].isalpha() and t.words[modifiers - 1].islower() \
                    and not _lower(t, modifiers - 1).endswith("ed") and _lower(t, modifiers - 1) not in MODIFIER_STOPS:
                modifiers -= 1  # "the tournament debutant", "the giant winger"
            if modifiers < k and modifiers - 1 >= lo and _lower(t, modifiers - 1) in DETERMINERS:
                k = modifiers
            if k - 1 >= lo and _lower(t, k - 1) in DETERMINERS:
                k -= 1
            return k, j + 1
        return None
    # trim leading link words, a leading possessive and a clause's opening word ("When Trump",
    # not "In November the BMA")
    while start <= j and (_lower(t, start) in NP_LINKS or t.words[start] in POSSESSIVE_TOKENS
                          or t.words[start] in ("-", "–")
                          or _lower(t, start) in MENTION_OPENERS and start < j
                          and _is_title(t.words[start + 1])):
        start += 1
    if start > j or not _has_head(t, start, j + 1):
        return None
    return start, j + 1


def _right_np(t: _Text, start: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase starting at token `start`, before `hi` (exclusive)."""
    if start >= hi or not _outside(t, start):
        return None
    if _lower(t, start) in PRONOUNS:
        return start, start + 1
    i = start
    determiner = _lower(t, start) in DETERMINERS
    end = start
    while i < hi and _outside(t, i) and i - start < 12:
        lower = _lower(t, i)
        text = t.words[i]
        if lower == "and" and i > start and role_of(t.words[i - 1]) and _role_ahead(t, i + 1, hi):
            i += 1  # "said Nortel president and chief executive Bill Owens"
            continue
        if lower in NP_STOP and lower not in NP_LINKS \
                and not (t.doc[i].ent_iob_ == "I" and t.doc[i].ent_type_ == "ORG" and i > start):
            break  # but "Reporters Without Borders", "the Department of Trade and Industry"
        if text in ("-", "–") and i > start and _is_title(t.words[i - 1]) and i + 1 < hi \
                and t.words[i + 1].isalpha() and t.words[i + 1].islower():
            i += 2  # "said UK-based consultancy Analysys": a modifier, the head comes after
            if i >= hi or not t.words[i].isalpha():
                end = i  # but "said Yoo Ji-chang," ends a name
            continue
        if _np_word(t, i):
            i += 1
            end = i
            continue
        if i + 5 <= hi and _age_at(t, i):
            i += 5  # "said the 34-year-old"
            end = i
            continue
        if lower in NP_LINKS and i + 1 < hi and (_is_title(t.words[i + 1]) or _lower(t, i + 1) in DETERMINERS):
            i += 1
            continue
        name_at = next((x for x in range(i + 1, min(hi, i + 3)) if _is_title(t.words[x]) and t.quote_of[x] < 0), 0)
        if text.isalpha() and text.islower() and lower not in CUE_WORDS and lower not in NP_STOP \
                and (not lower.endswith("ed") or t.words[i - 1] in ("-", "–")) \
                and name_at and all(t.words[x].isalpha() for x in range(i + 1, name_at + 1)):
            i += 1  # "said Virginia delegate Beau Correll"
            end = i
            continue
        role_at = next((x for x in range(i, min(hi, i + 5)) if role_of(t.words[x])), None)
        if not determiner and text.isalpha() and text.islower() and lower not in CUE_WORDS | NP_STOP \
                and role_at is not None and role_at + 1 < hi and _is_title(t.words[role_at + 1]) \
                and t.quote_of[role_at + 1] < 0 \
                and all(t.words[x].isalpha() and t.words[x].lower() not in STOP_WORDS and not t.words[x].endswith("ed")
                        or t.words[x] == "-" and _hyphenated(t, x - 1) for x in range(i, role_at + 1)):
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
    while end > start and (_lower(t, end - 1) in AUXILIARIES or _lower(t, end - 1) in NP_LINKS
                           or _lower(t, end - 1) in DETERMINERS):
        end -= 1
    if end <= start or not (_has_head(t, start, end) or _title_run(t, start, end) and end < len(t.words)
                            and t.words[end] == "," and _role_apposition(t, end, len(t.words))):
        return None  # but "stated Roman Petrosyan, a history professor": a person NER took for a group
    return start, _name_apposition(t, end, hi)


def _role_ahead(t: _Text, start: int, hi: int) -> bool:
    """Whether a role word comes within a few words from `start`, the words before it part of
    its title ("chief executive", "Democratic National Committee Chairman")."""
    for x in range(start, min(hi, start + 5)):
        if role_of(t.words[x]):
            return True
        if not t.words[x].isalpha() or t.quote_of[x] >= 0:
            return False
    return False


def _named_right_np(t: _Text, start: int, hi: int) -> tuple[int, int] | None:
    """The phrase after an inverted cue when it holds a person's name: "…, said Grant Green"."""
    np = _right_np(t, start, hi)
    if np is None or _lower(t, np[0]) in NP_LINKS or not any(not m.possessive for m in _mentions_between(t, np[0], np[1])):
        return None
    after = t.words[np[1]] if np[1] < len(t.doc) else "."
    if not (_is_punct(after) and after not in QUOTE_CHARS or "\n" in after):
        return None  # "…, said Sanders has pushed her", "…, said Fiorina “was involved”": what was said
    return np


def _name_apposition(t: _Text, end: int, hi: int) -> int:
    """ "said Putin's spokesman, Dmitry Peskov." — the name after the comma belongs in; also
    past a short phrase and titles ("said BA director of route planning, Robert Fenwick",
    "wrote the ambassador at the time, John Herbst", "said the committee chairman, MP Edward Quill")."""
    comma = end
    if end < hi and _lower(t, end) in NP_LINKS | {"at"}:
        comma = next((i for i in range(end + 1, min(hi, end + 7)) if t.words[i] == ","), hi)
        if any(not t.words[i].isalpha() or not _outside(t, i) or _lower(t, i) in CUE_WORDS
               or _lower(t, i) in PRONOUNS or _lower(t, i) in NP_STOP - NP_LINKS - {"at"}
               for i in range(end + 1, comma)):
            return end
    if comma + 1 >= hi or t.words[comma] != ",":
        return end
    start = comma + 1
    while start < min(hi, comma + 3) and (t.words[start] in POSTNOMINALS or _lower(t, start).strip(".") in HONORIFICS
                                          or role_of(t.words[start]) and _is_title(t.words[start])):
        start += 1  # "MP Edward Quill", "Dr Ann Lee"
    for m in _mentions_between(t, start, start + 1):
        if not m.possessive and m.token_start == start and m.token_end <= hi:
            after = t.words[m.token_end] if m.token_end < len(t.doc) else "."
            if after in (",", ".", ";") or "\n" in after or m.token_end == hi:
                return m.token_end
    return end


def _apposed_name(t: _Text, comma: int, lo: int, unclosed: bool = False) -> tuple[int, int] | None:
    """The name that a long apposition ending at `comma` follows: "Texas delegate Bill Eastland,
    wearing a cowboy hat and “Ted Cruz” pins, said", "Harry Bond, 30, of Raleigh, N.C., who …, said".

    The name must open its clause (a few title words after the start of the sentence, a
    quotation or a comma) and be followed by a comma or a parenthesis; the apposition holds no
    cue and no quotation longer than a few words. `unclosed`: no comma ends the apposition,
    `comma` is where the cue stands ("Sam Lau, the spokesman for the Iowa Democratic Party said")."""
    if comma < 1 or t.words[comma] != "," and not unclosed:
        return None
    floor = max(lo, t.sentence_starts[t.sentence_of[comma]], comma - 40)
    for m in reversed(_mentions_between(t, floor, comma)):
        if m.possessive or m.token_end >= comma or t.words[m.token_end] not in (",", "(") \
                or t.quote_of[m.token_start] >= 0:
            continue
        for x in range(m.token_end, comma):
            if t.quote_of[x] >= 0 and len(t.text[t.spans[t.quote_of[x]].start:t.spans[t.quote_of[x]].end]) > 30:
                return None
            if "\n" in t.words[x] or t.words[x] in (";", ":") or _lower(t, x) in CUE_WORDS:
                return None
        if unclosed and not _plain_apposition(t, m.token_end, comma) \
                and not (_described_apposition(t, m.token_end, comma) and _right_after_boundary(t, m.token_start)):
            return None
        k = m.token_start - 1
        while k >= floor and m.token_start - k <= 3 and _outside(t, k) and not _is_punct(t.words[k]):
            k -= 1
        if k < floor or t.quote_of[k] >= 0 or t.words[k] in (",", "—", "–"):
            return m.token_start, comma
        return None
    return None


def _plain_apposition(t: _Text, comma: int, end: int) -> bool:
    """ ", the communications director for the party" / ", president and CEO of …": a role
    right after the comma, nothing that could make it a clause of its own ("Clinton, a top aide
    said", "Haley, who delivered …, is …", "Trump, whom he called")."""
    words = [_lower(t, i) for i in range(comma + 1, end)]
    if not words or len(words) > 15 or words[0] in ("a", "an", "one", "another"):
        return False
    if not any(role_of(t.words[i]) for i in range(comma + 1, min(end, comma + 5))):
        return False
    return not any(w in PRONOUNS or w in ("his", "her", "their", "its") or w in PASSIVE_BEFORE
                   or w in ("has", "have", "had", "whom", "whose") for w in words)


def _described_apposition(t: _Text, comma: int, end: int) -> bool:
    """ ", the polling guru who founded the site": "the" and a description with no role word,
    nothing that could make it a clause of its own."""
    words = [_lower(t, i) for i in range(comma + 1, end)]
    if not words or words[0] != "the" or len(words) > 12:
        return False
    stop = next((k for k, w in enumerate(words) if w in ("who", "that", "which", "of", "at", "for", "from",
                                                         "in", "on", ",")), len(words))
    head = words[stop - 1] if stop > 1 else ""
    if head.endswith("s") and not head.endswith("ss"):
        return False  # "“Lock her up,” Clinton, the attendees chanted": the attendees speak
    return not any(w in PRONOUNS or w in ("his", "her", "their", "its") or w in PASSIVE_BEFORE
                   or w in ("has", "have", "had", "whom", "whose") for w in words)


def _right_after_boundary(t: _Text, token: int) -> bool:
    """Whether the name at token, with its title ("Speaker Paul Ryan"), opens its sentence or
    follows a quotation, a comma or a dash (not "As Trump attacked Clinton, the crowd chanted")."""
    start = token
    while start > 0 and token - start < 3 and t.sentence_of[start - 1] == t.sentence_of[token] \
            and (_is_title(t.words[start - 1]) or role_of(t.words[start - 1])) and t.quote_of[start - 1] < 0:
        start -= 1
    return start == 0 or t.sentence_of[start - 1] != t.sentence_of[start] or t.quote_of[start - 1] >= 0 \
        or t.words[start - 1] in (",", "—", "–")


def _skip_between_left(t: _Text, cue: int, lo: int) -> int:
    """Index just after the speaker phrase, skipping "also", "has", "later" before the cue."""
    j = cue
    while j - 1 >= lo and (_lower(t, j - 1) in BETWEEN_WORDS
                           or t.words[j - 1].endswith("ly") and t.words[j - 1].islower()
                           or t.doc[j - 1].ent_type_ in ("DATE", "TIME") and j - 1 > lo
                           and _lower(t, j - 2) in BETWEEN_WORDS | {"on"}):
        j -= 1  # "Priebus later Thursday told", "Trump on Tuesday said"
        if cue - j > 3:
            break
    return j


def _clauses(t: _Text, lo: int, hi: int) -> list[_Clause]:
    """Reporting clauses among tokens [lo, hi) outside quotations."""
    found = []
    i = lo
    while i < hi:
        if not _outside(t, i):
            i += 1
            continue
        lower = _lower(t, i)
        if lower == "according" and i + 1 < hi and _lower(t, i + 1) == "to":
            np = _document_author(t, i + 2, hi) or _right_np(t, i + 2, hi)
            if np:
                found.append(_Clause(i, i + 2, *np))
            i += 2
            continue
        if lower == "words" and i + 2 < hi and _lower(t, i + 1) == "of" and i - 2 >= lo \
                and _lower(t, i - 1) == "the" and _lower(t, i - 2) == "in":
            np = _right_np(t, i + 2, hi)  # "In the words of Hillary Clinton, “…”"
            if np:
                found.append(_Clause(i, i + 2, *np))
            i += 2
            continue
        if lower in ("read", "reads") and (author := _author_of_document_before(t, i, lo)):
            found.append(_Clause(i, i + 1, *author))  # "The statement from Sen. Bernie Sanders read:"
            i += 1
            continue
        two_words = i + 1 < hi and (lower, _lower(t, i + 1)) in TWO_WORD_CUES
        if lower not in CUE_WORDS and not two_words:
            i += 1
            continue
        if t.words[i][:1].isupper() and i > 0 and t.sentence_of[i - 1] == t.sentence_of[i] \
                and (_is_title(t.words[i - 1]) or _lower(t, i - 1) in DETERMINERS):
            i += 1  # "the Washington Post", "the Drudge Report": a name, not a verb ("…, Tweeted" is one)
            continue
        if _hyphenated(t, i):
            i += 1  # "a counter-attack", "the so-called “reform”": part of a word, not a verb
            continue
        if _owned_utterance(t, i, lo):
            i += 1  # "From Bush's Facebook post:", "the campaign's tweet": a noun
            continue
        if lower in NAMING_CUES and _names_something(t, i + 1, hi):
            i += 1  # "a super PAC called Future 45 ran ads": a name given, not words said
            continue
        if lower.startswith("continu") and i + 1 < hi and _lower(t, i + 1) == "to":
            i += 1  # "Baker continued to hurt his cause": going on doing, not going on talking
            continue
        cue_end = i + 2 if two_words else i + 1
        if lower.endswith("ed") and cue_end + 1 < hi and _lower(t, cue_end) == "by" \
                and not any(_lower(t, x).endswith("ing") for x in range(cue_end + 1, min(hi, cue_end + 3))):
            i += 1  # "His sentence, criticised by Reporters Without Borders, …": passive, nobody's
            continue  # report; but "Clinton responded by (first) saying"
        before = _skip_between_left(t, i, lo)
        prev = _lower(t, before - 1) if before - 1 >= lo else ""
        if lower.endswith("ing") and prev in ("by", "while", "before", "after", "when", "in"):
            np = _sentence_subject(t, i)  # "Obama ended his list by saying “Too many.”"
            if np is not None:
                found.append(_Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        if prev in PASSIVE_BEFORE and lower.endswith("ing"):
            before -= 1  # "is saying": progressive, not passive
            before = _skip_between_left(t, before, lo)
            prev = _lower(t, before - 1) if before - 1 >= lo else ""
        elif lower.endswith("ing") and _after_utterance_noun(t, before, lo) \
                or prev == "that" and lower in ("said", "says", "read", "reads", "stated", "states") \
                and before - 2 >= lo and _lower(t, before - 2) in UTTERANCE_NOUNS | WRITTEN_NOUNS:
            # "she released a statement saying, “…”", "Baker released a video that said, “…”"
            np = _sentence_subject(t, i)
            if np is not None:
                found.append(_Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        elif lower.endswith("ing") and not (before - 1 >= lo and _ends_with_comma(t, before - 1)):
            np = _with_subject(t, before, lo)
            if np is not None:  # "…, with Brennan noting the folly of “…”"
                found.append(_Clause(i, cue_end, *np))
            i += 1  # "results in Kasich claiming the nomination": a participle, not a report
            continue
        elif prev == "who" and not lower.endswith("ing") and (named := _named_before_who(t, before - 1, lo)):
            found.append(_Clause(i, cue_end, *named))  # "Mike Lee, who declared, “…”"
            i += 1
            continue
        elif prev in PASSIVE_BEFORE or (prev in NOT_REPORTING_BEFORE and not _capitalized_modal(t, before - 1)):
            i += 1
            continue
        if prev in DETERMINERS or (before - 1 >= lo and t.words[before - 1] in POSSESSIVE_TOKENS):
            i += 1  # a noun: "the report", "Russian demands" is caught by _has_head
            continue
        np = None
        if lower.endswith("ing") and before - 1 >= lo and _ends_with_comma(t, before - 1):
            reporter = _reporting_clause_before(t, before - 1, lo)
            if reporter is not None:  # "“…,” Law said, noting that …"
                found.append(_Clause(i, cue_end, reporter.np_start, reporter.np_end))
                i += 1
                continue
            np = _sentence_subject(t, i)  # "Cruz was critical, telling Breitbart: “...”"
            if np is not None:
                found.append(_Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        prev_is_word = before - 1 >= lo and _outside(t, before - 1) and not _is_punct(t.words[before - 1])
        if prev_is_word and prev not in ("and", "but", "or", "then"):
            np = _left_np(t, before, lo)
            if np is not None and np[0] - 2 >= lo and _lower(t, np[0] - 1) in ("is", "was") \
                    and _lower(t, np[0] - 2) == "who":  # "Katie Packer, who is chairman of X said"
                np = _named_before_who(t, np[0] - 2, lo) or np
            if np is None or not any(not m.possessive for m in _mentions_between(t, *np)):
                np = _apposed_name(t, before, lo, unclosed=True) or np
        elif before - 1 >= lo and (t.words[before - 1] in (",", ")") or t.words[before - 1] in DASHES
                                   and _spaced(t, before - 1)) and before - 2 >= lo and _outside(t, before - 2):
            np = _named_right_np(t, cue_end, hi) if lower not in NEVER_INVERTED and before == i else None
            np = np or _left_np(t, before, lo)  # "Peskov, 54, said" unless "…, said Grant Green"
            if np is None or not any(not m.possessive for m in _mentions_between(t, *np)):
                np = _apposed_name(t, before - 1, lo) or np  # "Harry Bond, 30, of Raleigh, N.C., who …, said"
        after_quote_or_comma = before - 1 >= 0 and (
            t.quote_of[before - 1] >= 0 or t.words[before - 1] in (",", ":", ";", "—", "–"))
        opens_sentence = before == i and (i == 0 or t.sentence_of[i - 1] != t.sentence_of[i]) \
            and t.words[i][:1].isupper()  # "Said Dorothy Poynter, “...”"
        if lower.endswith("ing"):
            pass
        elif np is None and prev in ("and", "but", "then"):
            np = _contrast_subject(t, i) or _sentence_subject(t, i, roles=True)  # "Wilson praised Rubio and said …"
            if np is not None:
                found.append(_Clause(i, cue_end, *np, guessed=True))
            i += 1
            continue
        elif np is None and lower not in NEVER_INVERTED and (after_quote_or_comma and not prev_is_word or opens_sentence):
            np = _document_author(t, cue_end, hi) or _right_np(t, cue_end, hi)
            if np is not None and np[1] < hi and _lower(t, np[1]) in AUXILIARIES:
                np = None  # "…, said his boss was “kind”": what was said, not who said it
        if np is not None:
            found.append(_Clause(i, cue_end, *np))
        i += 1
    return found


def _owned_utterance(t: _Text, i: int, lo: int) -> bool:
    """Whether token i is a noun for something said ("post", "tweet", "reply") after an owner or a
    determiner, past a few capitalized words: "Bush's Facebook post", "a Twitter post"."""
    if _lower(t, i) not in UTTERANCE_NOUNS:
        return False
    j = i - 1
    while j >= lo and i - j <= 3 and _is_title(t.words[j]) and t.words[j] not in POSSESSIVE_TOKENS:
        j -= 1
    return j >= lo and (t.words[j] in POSSESSIVE_TOKENS or _lower(t, j) in DETERMINERS)


def _with_subject(t: _Text, before: int, lo: int) -> tuple[int, int] | None:
    """The named person after "with" who does what a participle at `before` says: "with
    Brennan noting …"."""
    np = _left_np(t, before, lo)
    if np is None or np[0] - 1 < lo or _lower(t, np[0] - 1) != "with" \
            or not any(not m.possessive for m in _mentions_between(t, *np)):
        return None
    return np


def _hyphenated(t: _Text, i: int) -> bool:
    """Whether token i is joined to the word before or after it by a hyphen."""
    doc = t.doc
    after = i + 1 < len(doc) and not doc[i].whitespace_ and t.words[i + 1] in ("-", "‐") \
        and i + 2 < len(doc) and not doc[i + 1].whitespace_ and t.words[i + 2][:1].isalpha()
    before = i >= 2 and t.words[i - 1] in ("-", "‐") and not doc[i - 1].whitespace_ \
        and not doc[i - 2].whitespace_ and t.words[i - 2][-1:].isalpha()
    return after or before


def _names_something(t: _Text, start: int, hi: int) -> bool:
    """Whether a name starts at `start` and a sentence goes on after it, with no quotation
    close by: "called Future 45 ran its ads", not "called Haley “weak”"."""
    end = start
    while end < hi and _outside(t, end) and (_is_title(t.words[end]) or t.words[end].isdigit()):
        end += 1
    if end == start or end >= hi or not t.words[end].isalpha() or not t.words[end].islower():
        return False
    return not any(t.quote_of[x] >= 0 for x in range(end, min(len(t.doc), end + 4)))


def _opens_subject(t: _Text, i: int) -> bool:
    """Whether token i heads a short phrase that opens a clause: "Just this week, the trade
    group …" (not "a contributor with the company")."""
    first = t.sentence_starts[t.sentence_of[i]]
    j = i - 1
    while j >= first and i - j <= 4 and t.words[j] != ",":
        j -= 1
    opens = j < first or t.words[j] == ","
    return opens and any(_lower(t, x) in DETERMINERS for x in range(max(j + 1, first), i))


def _media_name(name: str) -> bool:
    return any(word.strip(".") in MEDIA_NAME_WORDS for word in name.lower().split())


def _media_title(t: _Text, token: int) -> bool:
    """ "Spanish daily ABC", "the newspaper Marca": a media noun just before the name."""
    return any(_lower(t, i) in MEDIA_NOUNS for i in range(max(0, token - 3), token))


def _document_author(t: _Text, start: int, hi: int) -> tuple[int, int] | None:
    """The author's phrase when a quotation is credited to what they put out: "a statement from
    Senator Mark Dillon", "a court document filed Monday by state attorney Dave Aronberg"."""
    i = start + 1 if start < hi and _lower(t, start) in INDEFINITE | {"the"} else start
    noun = next((j for j in range(i, min(hi, i + 3)) if _lower(t, j) in DOCUMENT_NOUNS), None)
    if noun is None or not all(t.words[j].isalpha() for j in range(i, noun)):
        return None
    k = noun + 1
    authored = k < hi and _lower(t, k) in AUTHORING_PARTICIPLES
    if authored:
        k += 1
        while k < hi and k - noun < 5 and t.doc[k].ent_type_ in ("DATE", "TIME"):
            k += 1  # "released Friday by"
    if k + 1 >= hi or not (_lower(t, k) == "by" and authored or _lower(t, k) == "from" and not authored):
        return None
    return _right_np(t, k + 1, hi)


def _author_of_document_before(t: _Text, verb: int, lo: int) -> tuple[int, int] | None:
    """The author named in the phrase before "read": "The statement from Sen. Bernie Sanders read"."""
    start = t.sentence_starts[t.sentence_of[verb]]
    for j in range(max(lo, start, verb - 10), verb):
        if _lower(t, j) in INDEFINITE | {"the"} and j + 1 < verb and _outside(t, j):
            np = _document_author(t, j, verb)
            if np is not None and np[1] == verb:
                return np
    return None


def _after_utterance_noun(t: _Text, before: int, lo: int) -> bool:
    """ "a statement saying", "a statement Thursday night condemning “…”": whether something
    said or written stands up to three words before token `before` (a cue's first word)."""
    for i in range(before - 1, max(lo, before - 4) - 1, -1):
        if _lower(t, i) in UTTERANCE_NOUNS | WRITTEN_NOUNS:
            return True
        if not _outside(t, i) or _is_punct(t.words[i]) or _lower(t, i) in ("that", "which", "who"):
            return False
    return False


def _named_before_who(t: _Text, who: int, lo: int) -> tuple[int, int] | None:
    """The name a relative "who" stands for: "from Mike Lee, who declared …"."""
    if who - 2 < lo or t.words[who - 1] != ",":
        return None
    for m in _mentions_between(t, max(lo, who - 6), who - 1):
        if m.token_end == who - 1 and not m.possessive:
            return m.token_start, m.token_end
    return None


def _reporting_clause_before(t: _Text, comma: int, lo: int) -> _Clause | None:
    """The clause "Law said" ending right before the comma of "Law said, noting …"."""
    j = comma
    if t.words[j] in QUOTE_CHARS:
        j -= 1  # "needled the “reporter,” saying"
    if j - 1 < lo or _lower(t, j - 1) not in CUE_WORDS or _lower(t, j - 1).endswith("ing"):
        return None
    clauses = [c for c in _clauses(t, max(lo, j - 12), j) if c.cue_end == j and c.np_end <= c.cue_start]
    return clauses[-1] if clauses else None


# What someone's words are called: "Clinton's response was: “…”", "Trump's tweet read: …".
THERE_IS = {"is", "'s", "’s", "was", "are", "were"}
UTTERANCE_NOUNS = {"statement", "response", "reply", "answer", "message", "tweet", "post", "words", "comment",
                   "comments", "remarks", "retort", "verdict", "advice", "explanation", "reaction"}

# Things someone puts out that then "say" something: "a video that said, “…”".
WRITTEN_NOUNS = {"letter", "email", "video", "note", "memo", "ad", "advertisement", "release", "report"}

MODALS = {"will", "would", "could", "might", "may", "should", "must", "can", "shall"}

# Descriptions of who someone is rather than of a post only one holds: "the defender said"
# means the one the text is about, while "the president said" means whoever the text titled so.
UNTITLED_ROLES = {"player", "star", "captain", "singer", "actor", "athlete", "champion", "veteran",
                  *PLAYING_POSITIONS, *INDIVIDUAL_SPORTS}
UNTITLED_DESCRIPTIONS = {"youngster", "teenager", "debutant", "newcomer", "rookie"}
# Roles that say only that someone plays, shines or belongs, not where: "the star" may be the winger,
# and a "team member" the champion.
GENERIC_ROLES = {"player", "star", "champion", "veteran", "athlete", "member"}
# Offices the text may call the one it is about by when it titled nobody with them ("Michael
# Howard has said … the Tory leader said"); not those of someone who speaks for or to that
# person (a spokesman, a lawyer, a host).
OFFICES = {"president", "vice president", "senator", "representative", "lawmaker", "politician",
           "governor", "mayor", "secretary", "minister", "chancellor", "premier", "leader", "chair",
           "executive", "chief", "director", "manager", "boss", "coach", "captain", "founder",
           "businessperson", "candidate", "incumbent", "speaker", "commissioner", "general", "doctor", "mp"}

# Bodies of government named after their people or place: "the Scottish Executive".
INSTITUTIONS = {"Executive", "Assembly", "Parliament", "Government", "Administration", "Cabinet"}

# Entity types NER gives group names it does not know ("Black Lives Matter": WORK_OF_ART).
MISLABELED_GROUPS = {"WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}

# "the company said": nouns for an organization the text has named.
ORG_NOUNS = {"company", "firm", "group", "bank", "club", "agency", "organisation", "organization",
             "airline", "carrier", "retailer", "insurer", "carmaker", "manufacturer", "publisher",
             "studio", "union", "charity", "watchdog", "regulator", "council", "commission", "committee"}
# "the newspaper said": the organization must be one by its name ("Arab News") or title
# ("Spanish daily ABC"), as the company a paper reports on often was the last subject.
MEDIA_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "broadcaster", "station", "channel",
               "network", "website"}
MEDIA_NAME_WORDS = {"news", "times", "post", "telegraph", "journal", "guardian", "herald", "daily", "mail",
                    "radio", "tv", "television", "magazine", "press", "tribune", "gazette", "observer",
                    "independent", "mirror", "express", "chronicle", "bbc", "cnn", "abc", "nbc", "cbs",
                    "fox", "msnbc", "reuters", "bloomberg", "politico", "channel", "sun", "star",
                    "standard", "economist", "inquirer", "review", "weekly"}

# What a quotation can be credited to in someone's stead: "according to a court filing by …".
DOCUMENT_NOUNS = UTTERANCE_NOUNS | WRITTEN_NOUNS | {
    "document", "filing", "affidavit", "complaint", "lawsuit", "transcript", "motion", "brief"}
# Participles that make the one after "by" the author ("a letter obtained by the Herald" is not).
AUTHORING_PARTICIPLES = {"filed", "released", "issued", "written", "sent", "signed", "posted",
                         "published", "tweeted", "submitted", "delivered", "prepared"}


def _capitalized_modal(t: _Text, i: int) -> bool:
    """ "“…,” Will wrote": a capitalized "Will" before a cue is George Will, not the future."""
    return i >= 0 and t.words[i][:1].isupper() and _lower(t, i) in MODALS


def _ends_with_comma(t: _Text, i: int) -> bool:
    """A comma, or a quotation closing on one: "needled the “reporter,” saying"."""
    if t.words[i] == ",":
        return True
    return t.words[i] in QUOTE_CHARS and i > 0 and t.words[i - 1] == ","


def _sentence_subject(t: _Text, token: int, roles: bool = False) -> tuple[int, int] | None:
    """The phrase a sentence starts with, when it names a person or is "he"/"she" (or, with
    `roles`, is headed by a role: "A spokesman for the firm declined to comment but said").

    An opening phrase set off by a comma is passed over: "In a statement Thursday,
    Rep. Jane Roe reacted, saying: …".
    """
    s = t.sentence_starts[t.sentence_of[token]]
    while s < token and (_is_punct(t.words[s]) or t.quote_of[s] >= 0 or _lower(t, s) in LEADING_CONJUNCTIONS):
        s += 1
    np = _person_phrase(t, s, token, roles) if _lower(t, s) not in COMPARISONS else None  # "Like Corker, Menendez"
    if np is not None:
        return np
    setting = False  # inside an opening place or time: "At an event in Ames, Iowa, on Sunday, Mrs. Clinton"
    for _ in range(4):  # "Last spring, when I asked Irwin whether …, he smiled and said"
        comma = next((i for i in range(s, min(token, s + 20)) if t.words[i] == ","), None)
        if comma is None or any(t.quote_of[i] >= 0 for i in range(s, comma)):
            return None
        if _mentions_between(t, s, comma) and (setting or _lower(t, s) not in OPENING_SUBORDINATORS | COMPARISONS):
            return None  # "Wallace, who died in 1998, …": the name is the subject; "When Wallace died, Clinton …"
        np = _person_phrase(t, comma + 1, token)
        setting = setting or _lower(t, s) in SETTING_PREPOSITIONS
        if np is not None or _lower(t, comma + 1) not in OPENING_SUBORDINATORS \
                and not (setting and _place_or_time_until_comma(t, comma + 1, token)):
            return np
        s = comma + 1
    return None


def _place_or_time_until_comma(t: _Text, start: int, token: int) -> bool:
    """Whether the words from `start` to the next comma only say where or when: "Iowa", "on Sunday"."""
    end = next((x for x in range(start, token) if t.words[x] == ","), None)
    return end is not None and end > start and all(
        t.doc[i].ent_type_ in ("GPE", "LOC", "DATE", "TIME") or _lower(t, i) in ("on", "in", "at")
        for i in range(start, end))


def _contrast_subject(t: _Text, token: int) -> tuple[int, int] | None:
    """The person opening the last contrasting clause before `token` in its sentence: "Jandal
    signed an order, while Mike Huckster proposed … and said …" is Huckster's."""
    s = t.sentence_starts[t.sentence_of[token]]
    opening = next((i for i in range(token - 1, s, -1) if _contrast_at(t, i)), None)
    return _person_phrase(t, opening + 1, token) if opening is not None else None


# Before a name that is not who speaks: "a message to Trump:", "a question for Clinton:".
OBJECT_PREPOSITIONS = {"to", "for", "at", "against", "about", "on", "with", "from", "toward", "towards"}

# Those of them that open a clause whose subject follows: "As Politico reported", "When Trump said".
CLAUSE_OPENERS = {"when", "as", "while", "if", "because", "since", "although", "though", "once", "until",
                  "after", "before", "like", "unlike"}
# Verbs of thinking: what follows is the subject's view, and a quotation after it their words.
BELIEF_VERBS = {"feels", "felt", "believes", "believed", "thinks", "reckons", "reckoned", "fears", "feared",
                "hopes", "expects", "accepts", "accepted"}
# Words no lowercase modifier of a speaker noun can be: "the giant winger", not "that officials".
MODIFIER_STOPS = DETERMINERS | NP_STOP | CUE_WORDS | BETWEEN_WORDS
# A clause's opening word or conjunction, never part of the speaker mention: "As Politico reported".
MENTION_OPENERS = CLAUSE_OPENERS | {"but", "and", "yet", "so"}
# Before the one a dashed apposition is not about: "director of CB Richard Ellis - a firm -".
AFFILIATION_PREPOSITIONS = OBJECT_PREPOSITIONS | {"of", "by", "in"}
# "Like Corker, Menendez rejected …": whom the subject is likened to.
COMPARISONS = {"like", "unlike"}
# Words opening a clause with a subject of its own after a comma: "…, while Gomer suggested".
CONTRASTS = {"while", "whereas", "whilst"}

# Words opening a clause set off before a sentence's subject: "When Wallace died in 1998, Clinton …".
OPENING_SUBORDINATORS = {"when", "after", "before", "as", "while", "if", "because", "since", "although",
                         "though", "once", "until", "in", "on", "at", "during", "following", "despite"}
# An opening phrase of where or when, which may run over commas: "At an event in Ames, Iowa, on Sunday,".
SETTING_PREPOSITIONS = {"at", "in", "on", "during", "from"}


def _person_phrase(t: _Text, start: int, hi: int, roles: bool = False) -> tuple[int, int] | None:
    np = _right_np(t, start, hi)
    if np is None:
        return None
    if np[1] - np[0] == 1 and _lower(t, np[0]) in PERSONAL_PRONOUNS:
        return np
    if any(not m.possessive for m in _mentions_between(t, np[0], np[1])):
        return np
    return np if roles and _role_headed(t, *np) else None


def _role_headed(t: _Text, a: int, b: int) -> bool:
    """Whether the phrase's head, the last word before any "of"/"for", is a role: "a spokesman
    for Lakeside", "the senator"; not "Lakeside's president's dog", nor "General Electric"
    (where _Resolver._head_role, which takes any role of a title, finds "general")."""
    head = None
    for i in range(a, b):
        if _lower(t, i) in NP_LINKS:
            break
        head = role_of(t.words[i], t.words[max(0, i - 2):i]) if t.words[i] not in POSSESSIVE_TOKENS else None
    return head is not None


# --- resolving a speaker phrase ---------------------------------------------------

@dataclass
class _UnnamedSpokesperson:
    start: int  # characters: the sentence it speaks in
    end: int
    gender: str | None  # spokesman, spokeswoman
    token: int  # the role word
    sentence: int  # the sentence's first token
    cue: int


class _Resolver:
    def __init__(self, t: _Text):
        self.t = t
        self.events: list[_Event] = []
        self.unknown_persons: dict[str, int] = {}  # name -> person, for names NER did not tag
        self.org_speakers: list[tuple[int, str]] = []  # (token, organization) credited with words
        self.surname_uses: list[_Event] = []  # bare surnames of several people, read as one of them
        self._keys: list[tuple[str, bool]] = []  # per person: surname key, plain first name
        self._subject_events()
        self.unnamed_spokespeople = self._unnamed_spokespeople()

    def _subject_events(self) -> None:
        t = self.t
        for m in t.people.mentions:
            if m.token_start < len(t.quote_of) and t.quote_of[m.token_start] >= 0:
                continue  # a name inside a quotation is not who the narrative is about
            kind = "possessor" if m.possessive else "mention"
            if kind == "mention" and self._is_subject(m.token_start):
                kind = "subject"
            self.events.append(_Event(m.start, m.person, kind, bool(parse_person_name(m.text).given)))
        self.events.sort(key=lambda e: e.position)
        for position, person in self._described_subjects():
            bisect.insort(self.events, _Event(position, person, "subject"), key=lambda e: e.position)

    def _unnamed_spokespeople(self) -> list[_UnnamedSpokesperson]:
        """Sentences in which a spokesperson nobody names reports speech ("But a UKIP spokesman
        said Labour had spent £10m."). A "he added" after one is that spokesman's, not the last
        person named."""
        t = self.t
        found = []
        for i, word in enumerate(t.words):
            if role_of(word) != "spokesperson" or not _outside(t, i):
                continue
            cue = next((j for j in range(i + 1, min(len(t.words), i + 8))
                        if _lower(t, j) in CUE_WORDS or not _outside(t, j) or t.words[j] in SENTENCE_END), None)
            if cue is None or _lower(t, cue) not in CUE_WORDS:
                continue
            start = t.sentence_starts[t.sentence_of[i]]
            if _mentions_between(t, max(start, i - 4), cue):
                continue  # "Trump spokeswoman Hope Hicks said", "Putin's spokesman said": someone named
            following = t.sentence_of[i] + 1
            end = t.starts[t.sentence_starts[following]] if following < len(t.sentence_starts) else len(t.text)
            found.append(_UnnamedSpokesperson(t.starts[start], end, GENDERED_ROLES.get(word.lower()), i, start, cue))
        return found

    def _unnamed_spokesperson_since(self, person: int | None, position: int,
                                    gender: str | None) -> _UnnamedSpokesperson | None:
        """The last unnamed spokesperson of this gender to speak since the person was last named
        (a name in what the spokesperson said does not count: "The BBC spokeswoman said Graham
        Norton's show would be a priority. “…,” she said"); with no person, lately."""
        def in_their_words(e: _Event) -> bool:
            return e.kind not in ("subject", "speaker") and any(s.start <= e.position < s.end
                                                                 for s in self.unnamed_spokespeople)

        if person is None:
            last = self._window_start(position, gender) - 1
        else:
            last = max((e.position for e in self.events if e.person == person and e.position < position
                        and not in_their_words(e)), default=-1)
        return next((s for s in reversed(self.unnamed_spokespeople)
                     if last < s.start < position and (s.gender is None or s.gender == gender)), None)

    def _spoken_by(self, spokesperson: _UnnamedSpokesperson, mention_text: str) -> Attribution:
        """Whom "he added" after an unnamed spokesperson's sentence means: what that spokesperson's
        phrase resolves to ("a UKIP spokesman": UKIP), else nobody named."""
        for clause in _clauses(self.t, spokesperson.sentence, spokesperson.cue + 1):
            if clause.np_start <= spokesperson.token < clause.np_end:
                found = self.resolve(clause.np_start, clause.np_end, clause.cue_start)
                if found.speaker:
                    return Attribution(found.speaker, mention_text, None, round(found.confidence * 0.8, 3),
                                       found.person, found.how)
        return Attribution(None, mention_text, None, 0.0, None, "")

    def _described_subjects(self) -> list[tuple[int, int]]:
        """Sentences opening with a description of someone the text named with that role:
        "The Wisconsin Republican gave Trump some credit" is about Ryan."""
        t = self.t
        found = []
        for s in t.sentence_starts:
            s = _past_openers(t, s)
            if s >= len(t.doc) or _lower(t, s) != "the" or t.quote_of[s] >= 0:
                continue
            end = s + 1
            while end < len(t.doc) and end - s < 6 and _outside(t, end) and _np_word(t, end) \
                    and t.words[end] not in POSSESSIVE_TOKENS and not _mentions_between(t, end, end + 1):
                end += 1
            if end >= len(t.doc) or end == s + 1 or t.words[end] in POSSESSIVE_TOKENS or _lower(t, end) == "of":
                continue
            role = role_of(t.words[end - 1], t.words[max(0, end - 3):end - 1])
            if role is None:
                continue
            person = self._by_role(role, t.starts[s], exclude=set(), qualifiers=self._qualifiers(s, end))
            if person is not None:
                found.append((t.starts[s], person))
        return found

    def _is_subject(self, token: int) -> bool:
        t = self.t
        if token >= len(t.doc) or t.quote_of[token] >= 0:
            return False
        s = t.sentence_starts[t.sentence_of[token]]
        while s < token and (_lower(t, s) in LEADING_CONJUNCTIONS or t.words[s] in (",", "-", "—", "–")):
            s += 1
        if token - 1 >= s and _lower(t, token - 1) in ("a", "an", "the"):
            return False  # "the Clinton campaign", "an Obama supporter": the name modifies a noun
        if token - s == 2 and _lower(t, s) == "there" and _lower(t, s + 1) in THERE_IS:
            return True  # "Then there's Okafor.": who the text turns to
        own = {m.person for m in _mentions_between(t, token, token + 1)}
        if any(not m.possessive and m.person not in own and any(t.words[x] == "," for x in range(m.token_end, token))
               for m in _mentions_between(t, s, token)):
            return False  # "Simmons, an Obama supporter, said": the apposition's names are not the subject
        if all(t.quote_of[i] < 0 and (_title_word(t, i) or t.words[i] in (",", "(", ")")) for i in range(s, token)) \
                and (s == token or _lower(t, s) not in ("like", "unlike")):  # "Like Makaeff, …, Roffman said"
            return True
        if _lower(t, s) == "as" and s + 1 < token and _lower(t, s + 1) == "for":
            # "As for Trump, he said …": the one the sentence is about
            ends = [m.token_end for m in _mentions_between(t, token, token + 1)]
            return bool(ends) and ends[0] < len(t.doc) and t.words[ends[0]] == "," \
                and all(_np_word(t, i) for i in range(s + 2, token))
        # "In his statement Saturday, Sanders went further", "A month ago, Florida developer Mel
        # Sembler said", "Having sputtered in his own run …, Mr. Christie gave": an opening
        # phrase, then the subject; not a name ending the sentence (", … editor, MP Boris Johnson.")
        comma = next((i for i in range(token - 1, s, -1) if t.words[i] == ","), None)
        ends = [m.token_end for m in _mentions_between(t, token, token + 1)]
        return (comma is not None and token - s <= 40
                and all(_title_word(t, i) for i in range(comma + 1, token))
                and all(t.quote_of[i] < 0 for i in range(s, token))
                and not (ends and (ends[0] >= len(t.doc) or t.words[ends[0]] in SENTENCE_END))
                and (not _mentions_between(t, s, comma) or _lower(t, s) in ("like", "unlike")))

    def add_speaker(self, position: int, person: int, full: bool = False) -> None:
        bisect.insort(self.events, _Event(position, person, "speaker", full), key=lambda e: e.position)

    def named_in_full(self, a: int, b: int, person: int) -> bool:
        """Whether tokens [a, b) name the person with a first name ("Ellen Baxter said")."""
        return any(m.person == person and parse_person_name(m.text).given for m in _mentions_between(self.t, a, b))

    def resolve(self, a: int, b: int, cue: int) -> Attribution:
        t = self.t
        doc = t.doc
        words = doc[a:b]
        mention_text = words.text.strip(" ,")
        first = _lower(t, a)
        if b - a == 1 and first == "it":
            # "Shell said … It added", "“…,” it said"; not "a statement saying it took", whose "it"
            # is the one the sentence began with
            opens = a == 0 or t.sentence_of[a - 1] != t.sentence_of[a] or t.words[a - 1] == "," \
                or t.words[a - 1] in QUOTE_CHARS and t.quote_of[a - 1] >= 0
            org = self._org_topic(a, speakers_only=True) if opens else None
            if org:
                return Attribution(org, mention_text, None, 0.6, None, "org")
            org = self._recent_org_subject(a) if opens else None  # "The BCC welcomed it. “…,” it said"
            return Attribution(org, mention_text, None, 0.5 if org else 0.0, None, "org" if org else "")
        if b - a == 1 and first in PRONOUNS:
            return self._pronoun(first, doc[a].idx, mention_text)
        relative = next((i for i in range(a + 1, b - 1)
                         if t.words[i] == "," and _lower(t, i + 1) in ("who", "whose", "whom", "which")), None)
        if relative is not None and doc[relative + 1:relative + 4].text.lower() != "whose real name":
            b = relative  # "The actor, whose films include Michael Collins, said": the actor, not Collins
        mentions = [m for m in _mentions_between(t, a, b) if m.token_end <= b]
        owners = [m.person for m in mentions if m.possessive]
        named = [m for m in mentions if not m.possessive and self._heads(m, a, b)]
        owners += [m.person for m in mentions if not m.possessive and m not in named]
        # "Russian President Vladimir Putin's spokesman": the roles after the owner describe the speaker
        after_owner = a
        for m in mentions:
            if m.possessive:
                after_owner = max(after_owner, m.token_end + 1)
        if named:
            m = named[0]
            index = self._namesake(m)
            person = t.people.persons[index]
            return Attribution(person.name, mention_text, None, 0.9, index, "name")
        said_by = [m for m in mentions if m.possessive and (m.token_end + 2 == b or m.token_end + 3 == b
                                                             and _is_title(doc[b - 2].text))]
        if said_by and _lower(t, b - 1) in UTTERANCE_NOUNS:  # "Clinton’s response was: “…”"
            person = t.people.persons[said_by[-1].person]
            return Attribution(person.name, mention_text, None, 0.8, said_by[-1].person, "name")
        comma = next((i for i in range(a + 1, b) if doc[i].text == ","), None)
        if comma is not None and first not in DETERMINERS:
            # "Matdos Santos, legal director for the ACLU of Oregon": the name before the apposition
            # "Sunset Violet, a local journalist, told": a person, whatever NER took the name for
            head = self._unknown_name(a, comma, _role_apposition(t, comma, b))
            if head:
                return self._by_unknown_name(head, mention_text)
        if first in DETERMINERS and first not in INDEFINITE and _who_not_what(t, a, b):
            return self._described_topic(a, b, mention_text)
        institution = _institution(t, a, b)
        if institution:
            return Attribution(institution, mention_text, None, 0.8, None, "org")
        role = self._head_role(after_owner, b)
        if role is None and first == "the" and b - a == 2:
            noun = _lower(t, a + 1)
            if t.words[a + 1][:1].isupper():  # a body's name, not the last one to speak
                org = self._named_body(a, t.words[a + 1])  # "the European Commission … the Commission said"
                if org:
                    return Attribution(org, mention_text, None, 0.8, None, "org")
            elif noun in ORG_NOUNS | MEDIA_NOUNS:  # "Shell said … the company added"
                org = self._org_topic(a, speakers_only=False, media=noun in MEDIA_NOUNS, noun=noun)
                if org:
                    return Attribution(org, mention_text, None, 0.7, None, "org")
        if role is None:
            staff = self._staff_name(a, b)
            if staff:
                return self._by_unknown_name(staff, mention_text)
            org = self._org(a, b)
            if org:
                return Attribution(org, mention_text, None, 0.8, None, "org")
            # "stated Roman Petrosyan, a history professor at …": the apposition after the phrase
            described = b < len(t.words) and t.words[b] == "," and _role_apposition(t, b, len(t.words))
            unknown = self._unknown_name(a, b, described)
            if unknown and not self._one_of(unknown, owners):
                return self._by_unknown_name(unknown, mention_text)
            if first == "the" and _lower(t, b - 1) in UNTITLED_DESCRIPTIONS:
                return self._described_topic(a, b, mention_text, mentioned=False)  # "the youngster said"
            return Attribution(None, mention_text, None, 0.0, None, "")
        if first in INDEFINITE:
            return self._spoken_for(role, a, b, mention_text)
        person = self._by_role(role, doc[a].idx, exclude=set(owners), qualifiers=self._qualifiers(after_owner, b))
        if person is None and role == "spokesperson" and (spoken_for := self._spoken_for(role, a, b, mention_text)).speaker:
            return spoken_for
        if person is None:
            unknown = self._unknown_name(a, b)  # "United Auto Workers Secretary-Treasurer Gary Casteel"
            if unknown and unknown.lower() not in ROLE_WORDS and not self._one_of(unknown, owners):
                return self._by_unknown_name(unknown, mention_text)
            if first == "the" and b - 1 > a and role_of(t.words[b - 1]) == role \
                    and (role in UNTITLED_ROLES or role in OFFICES):
                # "the Sale player said"; a role says less than an age or a nationality, so the one
                # meant must have spoken or been a subject ("Glazer's bid … the central defender
                # added"); an office, when nobody was titled with it, also the one named most
                # ("Michael Howard has said … the Conservative leader said")
                return self._described_topic(a, b, mention_text, role, mentioned=False,
                                             most_named=role not in UNTITLED_ROLES)
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(t.people.persons[person].name, mention_text, None, 0.7, person, "description")

    def _spoken_for(self, role: str, a: int, b: int, mention_text: str) -> Attribution:
        """ "A spokesman for Lakeside Networks", "a Lakeside spokeswoman": the organization a
        spokesperson nobody named speaks for; no one else's role speaks for a whole body."""
        t = self.t
        if role == "spokesperson":
            for ent in _ents_between(t, a, b):
                before_role = ent.end < b and role_of(t.words[ent.end]) == role
                # the body itself, not a title in a name ("a spokesman for House Speaker Paul
                # Ryan"; but "Premier League"); "a Google spokesperson" whatever NER took it for
                if ent.end <= b and (ent.label_ == "ORG" or before_role and ent.label_ in MISLABELED_GROUPS) \
                        and not ent.text.islower() \
                        and (not any(role_of(w.text) for w in ent) or ent[-1].lower_ in ORG_NAME_HEADS) \
                        and (ent.end == b or before_role) \
                        and _lower(t, ent.start).strip(".") not in COURTESY_TITLES \
                        and not (ent.start > 0 and _lower(t, ent.start - 1) in ("and", "&")):
                    name, kind = canonical_entity(ent.text, "org")
                    if kind == "org":
                        return Attribution(name, mention_text, None, 0.6, None, "org")
            if b - a == 3 and t.words[a + 1][:1].isupper() and not _mentions_between(t, a + 1, a + 2):
                # "a Google spokesperson" where NER saw no entity: a body it named elsewhere
                org = next((e.text for e in t.ents if e.label_ == "ORG" and e.text == t.words[a + 1]), None)
                if org:
                    return Attribution(canonical_entity(org, "org")[0], mention_text, None, 0.6, None, "org")
            if b - a == 2:  # "NTL said it … “…,” a spokesman said": the body that just spoke or acted
                org = self._org_topic(a, speakers_only=True) or self._recent_org_subject(a)
                if org:
                    return Attribution(org, mention_text, None, 0.5, None, "org")
        return Attribution(None, mention_text, None, 0.0, None, "")

    def _recent_org_subject(self, token: int) -> str | None:
        """The organization this sentence or the one before it opened with, when no person has
        been a subject or speaker since and no other body opened a clause: "The British Chambers
        of Commerce welcomed the proposal. “…,” it said". Not when another body spoke lately
        ("Brightwave said … Corvex made an offer. “…,” it said" may be either)."""
        t = self.t
        if any(at < token and t.paragraph_of[at] >= t.paragraph_of[token] - 1 for at, _ in self.org_speakers):
            return None
        sentence = t.sentence_of[token]
        narrated = 0  # sentences outside quotations looked at
        for index in range(sentence, -1, -1):
            start = t.sentence_starts[index]
            if narrated == 2 or t.paragraph_of[start] < t.paragraph_of[token] - 1:
                break
            while start < token and _is_punct(t.words[start]):
                start += 1
            if t.quote_of[start] >= 0:
                continue  # "“A. B,” it said": the sentences quoted are not the narrative
            narrated += 1
            np = _org_subject(t, t.sentence_starts[index + 1] - 1 if index < sentence else token)
            if np is None or t.quote_of[np[0]] >= 0:
                continue
            ent = next(e for e in _ents_between(t, np[0], np[1]) if e.label_ == "ORG")
            if fold(ent[-1].text) in {key for key, _ in self._surname_keys()}:
                return None  # "Cameron will work with …": a person NER took for a body
            name, kind = canonical_entity(ent.text, "org")
            since, until = t.doc[ent.start].idx, t.doc[token].idx
            person_since = any(since < e.position < until and e.kind in ("subject", "speaker") for e in self.events)
            if kind != "org" or person_since \
                    or self._other_group_since(ent.start, token, name) or self._mislabeled_subject(ent.start, token):
                return None
            return name
        return None

    def _described_topic(self, a: int, b: int, mention_text: str, role: str | None = None,
                         mentioned: bool = True, most_named: bool = False) -> Attribution:
        """ "the 34-year-old", "the American", "the defender": the one the text was about when the
        sentence began, not someone named in it ("Reacting to a comment by Tim Phillips, the
        American said"), if nothing the text said of them disagrees. `mentioned`: whether one
        only named, not yet a subject or speaker, will do; `most_named`: whether they must also
        be the one the text named most so far."""
        t = self.t
        position = t.doc[t.sentence_starts[t.sentence_of[a]]].idx
        found = self._topic(position, None, mentioned)
        if found is None or most_named and not self._named_office_holder(found[0], position, a, b):
            return Attribution(None, mention_text, None, 0.0, None, "")
        person = t.people.persons[found[0]]
        party = PARTIES.get(_lower(t, b - 1))
        if party and (self._party_words(found[0]) - {party} or b < len(t.words) and _lower(t, b) in ("from", "of")):
            # "the Democrat said" is not the Republican the text was about; "the Republican
            # from Alabama" is someone the text may not have said is from there
            return Attribution(None, mention_text, None, 0.0, None, "")
        held = expand_roles(person.roles)
        if role and person.roles and role not in held and not set(person.roles) <= GENERIC_ROLES \
                and not (role == "captain" and "player" in held):
            # "the defender" is not the manager; but the All Black star may be "the winger", and
            # any player "the England captain"
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(person.name, mention_text, None, round(0.85 * found[1], 3), found[0], "description")

    def _named_office_holder(self, person: int, position: int, a: int, b: int) -> bool:
        """Whether the person may hold the office tokens [a, b) describe: no one was named more
        often before `position` (outside quotations), the text did not call them a shadow
        minister unless the phrase does, and its role word is not in an organization's name
        ("the Scottish Executive", when NER tags it so)."""
        t = self.t
        if t.people.persons[person].name.isupper():
            return False  # a dateline NER took for a name: "NASHUA, N.H. —"
        if t.doc[b - 1].ent_type_ == "ORG":
            return False
        if self._called_shadow(person, position) != ("shadow" in self._qualifiers(a, b)):
            return False
        counts = Counter(e.person for e in self.events if e.position < position and e.kind != "speaker")
        return counts[person] >= max(counts.values(), default=0)

    def _by_unknown_name(self, name: str, mention_text: str) -> Attribution:
        """A speaker named by a word NER did not tag: the person of that name when the text has
        one, else a new person of this article's attribution, so that a following "he said" can
        mean them ("D’Souza replied, “…” … “…,” he added")."""
        persons = self.t.people.persons
        known = next((i for i, p in enumerate(persons) if p.name == name), None)
        if known is not None and known not in self.unknown_persons.values():
            return Attribution(name, mention_text, None, 0.8, known, "name")
        if name not in self.unknown_persons:
            persons.append(Person(name=name, variants=[name], gender=name_gender(name)))
            self.unknown_persons[name] = len(persons) - 1
        return Attribution(name, mention_text, None, 0.6, self.unknown_persons[name], "name")

    def _one_of(self, name: str, persons: list[int]) -> bool:
        """Whether the name is one of these persons ("a spokesman for Sam Lau": Lau is whom the
        spokesman speaks for)."""
        return any(same_person(self.t.people.persons[p].name, name) for p in persons)

    def _heads(self, m, a: int, b: int) -> bool:
        """Whether a name is the head of phrase [a, b), not a modifier ("the Christie supporter",
        "a spokesman for Sam Lau")."""
        t = self.t
        i = m.token_end
        j = m.token_start - 1
        while j > a and m.token_start - j <= 3 and _is_title(t.words[j]) and t.quote_of[j] < 0:
            j -= 1  # "of CB Richard Ellis", "for Senator Sam Lau"
        if j > a and _lower(t, j) in ("of", "for") and t.words[j - 1].isalpha() and t.words[j - 1].islower():
            return False  # "a director of CB Richard Ellis", "a spokesman for Sam Lau"
        if i >= b:
            return True
        if _lower(t, i) in ("himself", "herself") and i + 1 == b:
            return True  # "Sanders himself acknowledged"
        if t.words[i] in POSTNOMINALS:
            i += 1  # "Peter Ainsworth MP"
            if i >= b:
                return True
        return t.words[i] in (",", "(", ")", "-", "–", "—") or _lower(t, i) in NP_LINKS

    def _unknown_name(self, a: int, b: int, described: bool = False) -> str | None:
        """A capitalized name NER did not tag as a person ("Adelson said").

        The last run of up to three capitalized words of the phrase; words NER
        took for a place, a group or an organization count only right after a
        role noun ("former tech executive Carly Fiorina").
        """
        t = self.t
        end = b
        while end > a and (t.words[end - 1] in (",", ")") or _lower(t, end - 1) in NP_LINKS):
            end -= 1
        if end - 1 > a and t.words[end - 1] in POSTNOMINALS:
            end -= 1  # "Brian Monteith MSP"
        start = end
        while start > a and end - start < 3 and (
                _is_title(t.words[start - 1]) and _lower(t, start - 1) not in DETERMINERS
                and _lower(t, start - 1) not in PRONOUNS and role_of(t.words[start - 1]) is None
                and _name_like(t.words[start - 1]) and _lower(t, start - 1).strip(".") not in HONORIFICS
                or start < end and t.words[start - 1] in SURNAME_PARTICLES):  # "Mr de Vabres said"
            start -= 1
        if start == end or end - start == 1 and t.doc[start].is_stop:
            return None  # "Others, reacting to …, shouted"
        after_role = described or start > a and (role_of(t.words[start - 1]) is not None
                                                 or _lower(t, start - 1).strip(".") in HONORIFICS
                                                 and _lower(t, start - 1) not in DETERMINERS)  # not "the"
        start = next((i for i in range(start, end - 1) if _lower(t, i) in FIRST_NAME_GENDER), start)
        first_name = end - start >= 2 and _lower(t, start) in FIRST_NAME_GENDER
        name = t.doc[start:end].text
        if name.isupper() and len(name) <= 5:
            return None  # an acronym is an organization, not a person
        if end - start == 1 and not after_role and not_a_name_word(t.doc, t.words, start):
            return None  # "Aides said", "Conceding …": a capitalized common word, no one's name
        if end - start == 1 and _lower(t, start) in NATIONALITY_NOUNS:
            return None  # "the Scot admitted": who he is, not his name
        for person in t.people.persons:
            if same_person(person.name, name):
                return person.name  # "Trump told …" that NER took for a title is still Trump
        if end - start == 1:
            called = by_given_name(t.people.persons, name)
            if len(called) == 1:
                return t.people.persons[called[0]].name  # "Serena continued" NER took for a title
        if not after_role and not first_name and any(t.doc[i].ent_type_ in NOT_NAMES - MISTAKEN_FOR_NAMES
                                                     or t.doc[i].ent_type_ in MISTAKEN_FOR_NAMES and end - start < 2
                                                     for i in range(start, end)):
            return None  # "Russia said"; but "Le Pen told CNN" that NER took for a title is a name
        return name

    def _staff_name(self, a: int, b: int) -> str | None:
        """The name after an organization's possessive that NER took for a group: "the Washington
        Post’s Ishaan Tharoor" is one of its writers, not the paper."""
        t = self.t
        owner_end = next((i for i in range(b - 3, a, -1) if t.words[i] in POSSESSIVE_TOKENS), None)
        if owner_end is None or not 2 <= b - owner_end - 1 <= 3 \
                or t.doc[owner_end - 1].ent_type_ != "ORG" and t.doc[owner_end].ent_type_ != "ORG":
            return None
        words = t.words[owner_end + 1:b]
        if not all(_is_title(w) and _name_like(w) and role_of(w) is None and w.lower() not in ORG_NAME_HEADS
                   and w.lower() not in MEDIA_NAME_WORDS for w in words):
            return None
        return " ".join(words)

    def _head_role(self, a: int, b: int) -> str | None:
        t = self.t
        role = None
        for i in range(a, b):
            if _lower(t, i) in NP_LINKS:
                break
            if t.words[i] in POSSESSIVE_TOKENS:
                role = None  # "the prime minister's office": the owner's role, not the speaker's
                continue
            r = role_of(t.words[i], t.words[max(0, i - 2):i])
            if r and not (r == "general" and t.doc[i].ent_iob_ == "B" and t.doc[i].ent_type_ == "ORG"
                          and i + 1 < b and t.doc[i + 1].ent_iob_ == "I"):
                role = r  # not "General" in "General Electric": the first word of a company's name
        return role

    def _org(self, a: int, b: int) -> str | None:
        """The organization the phrase names: "the State Department", "a World Bank report"; not
        one inside a clause or aside ("that Border Patrol agents", "one message, apparently
        referring to strikes against Islamic State")."""
        doc = self.t.doc
        for ent in _ents_between(self.t, a, b):
            if ent.end <= b and ent.label_ == "ORG" \
                    and not (len(ent) == 1 and ent[0].lower_ in NATIONALITY_NOUNS) \
                    and _lower(self.t, ent.start).strip(".") not in COURTESY_TITLES \
                    and not any(_lower(self.t, i) in NOT_BEFORE_ORG_SPEAKER for i in range(a, ent.start)) \
                    and not (ent.start > a and _lower(self.t, ent.start - 1) in ABOUT_WORDS):
                name, kind = canonical_entity(ent.text, "org")
                if kind == "org":
                    return name
        phrase = doc[a:b].text
        if phrase.islower():
            return None  # "who" is not the WHO
        name, kind = canonical_entity(phrase, None)
        return name if kind == "org" else None

    def _named_body(self, token: int, noun: str) -> str | None:
        """The organization named last before `token` whose name ends in `noun`: "the
        Commission" after "the European Commission"."""
        for ent in reversed(_ents_between(self.t, 0, token)):
            if ent.label_ == "ORG" and ent.end < token and ent[-1].text == noun and len(ent) > 1 \
                    and not any(w.text in "()[]" for w in ent):  # "British Bankers' Association (BBA"
                name, kind = canonical_entity(ent.text, "org")
                if kind == "org":
                    return name
        return None

    def add_org_speaker(self, token: int, name: str) -> None:
        bisect.insort(self.org_speakers, (token, name))

    def _org_topic(self, token: int, speakers_only: bool, media: bool = False, noun: str = "") -> str | None:
        """The organization "it" or "the company" means at `token`: the last one credited with
        words in this paragraph or the one before; else (for "the company", back two
        paragraphs) the one most named of those that were a sentence's subject ("Kraft … Kraft
        rival PepsiCo began … But the firm said" is Kraft). "it" must not have had a person as
        subject or speaker since ("Shell said … Chief executive Jeroen Vos said … it added"),
        nor another organization (_other_group_since);
        `media` ("the newspaper") wants one whose name or title says it is one. When the `noun`
        of "the group" stands between, it names something else ("UnitedHealth … the trade group
        for the plans spelled out its concerns … the group wrote")."""
        t = self.t
        lo = t.paragraph_of[token] - (1 if speakers_only else 2)
        spoke = [(at, name) for at, name in self.org_speakers
                 if at < token and t.paragraph_of[at] >= lo and (not media or _media_name(name))]
        if spoke:
            at, name = max(spoke)
            since, until = t.doc[at].idx, t.doc[token].idx
            person_since = any(since < e.position < until and e.kind in ("subject", "speaker") for e in self.events)
            if (speakers_only and (person_since or self._other_group_since(at, token, name))) \
                    or self._mislabeled_subject(at, token):
                return None
            return name
        if speakers_only:
            return None
        named: Counter = Counter()
        subjects: dict[str, int] = {}
        for ent in _ents_between(t, 0, token):
            if ent.label_ != "ORG" or ent.end > token or t.quote_of[ent.start] >= 0 \
                    or _lower(t, ent.start).strip(".") in COURTESY_TITLES:  # "Mr Stearns" is no company
                continue
            name, kind = canonical_entity(ent.text, "org")
            if kind != "org":
                continue
            named[name] += 1
            if t.paragraph_of[ent.start] >= lo and self._is_subject(ent.start) \
                    and not (ent.end < len(t.doc) and t.words[ent.end] in POSSESSIVE_TOKENS) \
                    and (not media or _media_name(name) or _media_title(t, ent.start)):
                subjects[name] = ent.start
        if not subjects:
            return None
        best = max(subjects, key=lambda name: (named[name], subjects[name]))
        noun_between = noun and any(_lower(t, i) == noun and t.quote_of[i] < 0 and _opens_subject(t, i)
                                    for i in range(subjects[best], token))
        if noun_between or self._mislabeled_subject(subjects[best], token):
            return None
        return best

    def _other_group_since(self, start: int, end: int, name: str) -> bool:
        """Whether another organization opened a clause between tokens `start` and `end`, by its
        name or as "the firm" after its name ("Corvex said … Lycos made an offer … “…,” it said";
        "Corvex said … In a letter from Lycos, the firm denied it … “…,” it said"): "it" may be either."""
        t = self.t
        for ent in _ents_between(t, start + 1, end):
            if ent.label_ == "ORG" and t.quote_of[ent.start] < 0 \
                    and self._is_subject(ent.start) and not self._names_org(ent, name):
                return True
        for i in range(start + 1, end):
            if _lower(t, i) in ORG_NOUNS | MEDIA_NOUNS and t.quote_of[i] < 0 and _opens_subject(t, i):
                last = next((ent for ent in reversed(_ents_between(t, 0, i)) if ent.label_ == "ORG"
                             and ent.end <= i and t.quote_of[ent.start] < 0), None)
                if last is not None and not self._names_org(last, name):
                    return True
        return False

    def _names_org(self, ent, name: str) -> bool:
        """Whether entity `ent` is organization `name`: its name, or its initials given in
        brackets ("The Brightwave Institute (BWI) said")."""
        if canonical_entity(ent.text, "org")[0] == name or same_entity(ent.text, name):
            return True
        initials = "".join(word[0] for word in name.split() if word[:1].isupper())
        return ent.text.replace(".", "") == initials or ent.start > 0 and self.t.words[ent.start - 1] == "("

    def _mislabeled_subject(self, start: int, end: int) -> bool:
        """Whether a sentence between tokens `start` and `end` has for subject a name NER took for
        a work or a building ("Black Lives Matter issued a statement"): maybe the group meant."""
        return any(ent.label_ in MISLABELED_GROUPS and self.t.quote_of[ent.start] < 0
                   and self._is_subject(ent.start) for ent in _ents_between(self.t, start + 1, end))

    def _by_role(self, role: str, position: int, exclude: set[int], qualifiers: tuple[str, ...] = ()) -> int | None:
        """The person given `role` who was named last before `position`; with qualifiers
        ("the Vermont senator"), one whose title or apposition has them, when there is one."""
        candidates = []
        for index, person in enumerate(self.t.people.persons):
            if index in exclude or role not in expand_roles(person.roles):
                continue
            # a name inside a quotation ("… President Crane and me …,” the former president
            # said) is who the speaker talks about, not who the description means
            starts = [m.start for m in person.mentions if not m.possessive and self.t.quote_of[m.token_start] < 0]
            k = bisect.bisect_left(starts, position)
            if k:
                candidates.append((starts[k - 1], index))
        if not candidates:
            return None
        # "the chancellor" is not the shadow chancellor, and "the shadow chancellor" is only one
        shadow = "shadow" in qualifiers
        candidates = [c for c in candidates if self._called_shadow(c[1], position) == shadow]
        qualifiers = tuple(q for q in qualifiers if q != "shadow")
        if not candidates:
            return None
        if "former" in qualifiers:
            # "the former president": the one the text called former, when it called one so
            former = [c for c in candidates if self._called_former(c[1], position)]
            candidates = former or candidates
            qualifiers = tuple(q for q in qualifiers if q != "former")
        if role == "seed":  # "the top seed" is not the seventh seed, even when no other was named
            candidates = [c for c in candidates if self._described_as(c[1], position, qualifiers)]
        if qualifiers:
            qualified = [c for c in candidates if self._described_as(c[1], position, qualifiers)]
            # "the Vermont senator": the one senator the text named, else only one from Vermont
            candidates = qualified if qualified or len(candidates) > 1 else candidates
            parties = {q for q in qualifiers if q in PARTIES.values()}
            candidates = [c for c in candidates if not parties or not (self._party_words(c[1]) - parties)]
        return max(candidates)[1] if candidates else None

    def _called_former(self, person: int, position: int) -> bool:
        """Whether the text called the person former before `position`: "former President Bill
        Crane", "Crane, a former president,"."""
        t = self.t
        for m in t.people.persons[person].mentions:
            if m.start >= position:
                break
            i = m.token_start
            while i > 0 and m.token_start - i < 6 and (_is_title(t.words[i - 1]) or t.words[i - 1] in ("-", "–")) \
                    and _lower(t, i - 1) not in ("former", "ex") and not _mentions_between(t, i - 1, i):
                i -= 1
            if 0 < i < m.token_start and _lower(t, i - 1) in ("former", "ex"):
                return True  # a title between; "Former Bill Crane aide Tom Bell" calls no Crane former
            after = [_lower(t, j) for j in range(m.token_end, min(len(t.words), m.token_end + 3))]
            if after[:1] == [","] and ("former" in after[1:] or "ex" in after[1:]):
                return True
        return False

    def _called_shadow(self, person: int, position: int) -> bool:
        """Whether the text called the person a shadow minister before `position`: "shadow
        chancellor Oliver Letwin", "Letwin, the shadow chancellor,"."""
        t = self.t
        for m in t.people.persons[person].mentions:
            if m.start >= position:
                break
            before = [_lower(t, j) for j in range(max(0, m.token_start - 3), m.token_start)]
            after = [_lower(t, j) for j in range(m.token_end, min(len(t.words), m.token_end + 4))]
            if "shadow" in before or after[:1] == [","] and "shadow" in after[1:]:
                return True
        return False

    def _described_as(self, person: int, position: int, qualifiers: tuple[str, ...]) -> bool:
        """Whether the text put these words in a title or apposition of the person before `position`."""
        doc = self.t.doc
        for m in self.t.people.persons[person].mentions:
            if m.start >= position:
                break
            start = m.token_start  # the title: "Texas Sen." …
            while start > 0 and m.token_start - start < 6 and _is_title(doc[start - 1].text) \
                    and not _mentions_between(self.t, start - 1, start):
                start -= 1
            end = m.token_end  # … and what follows up to the next name or the sentence end: "(R-Fla.)"
            while end < len(doc) and end - m.token_end < 10 and doc[end].text not in (".", ";") \
                    and "\n" not in doc[end].text and not _mentions_between(self.t, end, end + 1):
                end += 1
            around = doc[start:m.token_start].text.split() + doc[m.token_end:end].text.split()
            words = {w.strip(",()").lower() for w in " ".join(around).replace("-", " ").split()}
            words |= {STATE_ABBREVIATIONS[w] for w in words if w in STATE_ABBREVIATIONS}
            words |= {PARTIES[w] for w in words if w in PARTIES}
            words |= self.t.people.persons[person].roles  # "republican" from "(R-Fla.)"
            if all(q in words or any(_same_place_word(q, w) for w in words) for q in qualifiers):
                return True
        return False

    def _party_words(self, person: int) -> set[str]:
        """The parties the text gave a person: "Democratic front-runner Hillary Clinton"."""
        roles = self.t.people.persons[person].roles & set(PARTIES.values())
        doc = self.t.doc
        for m in self.t.people.persons[person].mentions:
            roles |= {PARTIES[x.text.lower()] for x in doc[max(0, m.token_start - 4):m.token_start]
                      if x.text.lower() in PARTIES}
        return roles

    def _qualifiers(self, a: int, b: int) -> tuple[str, ...]:
        """The places in a description: "Vermont" in "the Vermont senator" (found in "Vermont Sen.
        Bernie Sanders" or "Sanders (I-Vt.)"), "Russian" in "the Russian leader" (found in
        "President Vladimir V. Putin of Russia")."""
        t = self.t
        places = [_lower(t, i) for i in range(a, b) if t.words[i].isalpha() and (
            t.doc[i].ent_type_ == "GPE" or t.doc[i].ent_type_ == "NORP" and _lower(t, i) not in PARTIES)]
        parties = [PARTIES[_lower(t, i)] for i in range(a, b) if _lower(t, i) in PARTIES]
        former = ["former"] if any(_lower(t, i) in ("former", "ex") for i in range(a, b)) else []
        shadow = ["shadow"] if any(_lower(t, i) == "shadow" for i in range(a, b)) else []
        rank = [_lower(t, i - 1) for i in range(a + 1, b) if _lower(t, i) == "seed"]  # "the top seed"
        return tuple(places + parties + former + shadow + rank)  # "the GOP front-runner" is the Republican one

    def _pronoun(self, pronoun: str, position: int, mention_text: str) -> Attribution:
        if pronoun not in PERSONAL_PRONOUNS:
            return Attribution(None, mention_text, None, 0.0, None, "")
        found = self._topic(position, PRONOUNS[pronoun])
        person, confidence = found if found is not None else (None, 0.0)
        spokesperson = self._unnamed_spokesperson_since(person, position, PRONOUNS[pronoun])
        if spokesperson is not None:
            return self._spoken_by(spokesperson, mention_text)
        if person is None:
            return Attribution(None, mention_text, None, 0.0, None, "")
        return Attribution(self.t.people.persons[person].name, mention_text, None, confidence, person, "pronoun")

    def _topic(self, position: int, gender: str | None, mentioned: bool = True) -> tuple[int, float] | None:
        """Whom "he"/"she" (or "the candidate") means at `position`, and how sure: the
        last speaker unless someone else has since become a subject, then the last subject,
        then (if `mentioned`) the last person mentioned."""
        window_start = self._window_start(position, gender)
        lo = bisect.bisect_left(self.events, window_start, key=lambda e: e.position)
        hi = bisect.bisect_left(self.events, position, key=lambda e: e.position)
        recent = [e for e in (self._agreeing(e, gender) for e in self.events[lo:hi]) if e is not None]
        if not recent:
            return None
        speakers = [e for e in recent if e.kind == "speaker"]
        if speakers:
            last = speakers[-1]
            rivals = [e for e in recent if e.position > last.position and e.kind == "subject" and e.person != last.person]
            if not rivals:
                return last.person, self._topic_confidence(last.person, recent)
        subjects = [e for e in recent if e.kind in ("subject", "speaker")]
        if subjects:
            return subjects[-1].person, self._topic_confidence(subjects[-1].person, recent)
        if not mentioned:
            return None
        plain = [e for e in recent if e.kind == "mention"] or recent
        return plain[-1].person, self._topic_confidence(plain[-1].person, recent, 0.55)

    def _surname_keys(self) -> list[tuple[str, bool]]:
        """Each person's folded surname and whether their first name is a plain one, kept
        as persons are added."""
        persons = self.t.people.persons
        for p in persons[len(self._keys):]:
            self._keys.append((p.surname_key, _plain_given_name(p.name)))
        return self._keys

    def _namesake(self, m) -> int:
        """Who a bare surname means when the text names several people by it: the one the
        text is about there ("Janet Okafor, whose nephew Daniel Okafor … “…,” Okafor said"),
        its last subject or the one the surname last meant ("Patricia Smith, mother of Sean
        Smith, … “…,” Smith said … “…,” Smith said"), else the one named last."""
        if parse_person_name(m.text).given:
            return m.person
        keys = self._surname_keys()
        key = keys[m.person][0]
        group = {i for i, (k, plain) in enumerate(keys) if k == key and plain}
        if m.person not in group or len(group) < 2:
            return m.person  # "While Hale" (a sentence's first word taken into a name) is nobody's namesake
        if person_key(m.text) != key:
            return m.person  # "an honor Donald said": a first name is no surname
        start = self._window_start(m.start)
        lo = bisect.bisect_left(self.events, start, key=lambda e: e.position)
        hi = bisect.bisect_left(self.events, m.start, key=lambda e: e.position)
        subjects = [e for e in self.events[lo:hi] if e.person in group and e.kind == "subject"]
        subjects += [e for e in self.surname_uses if e.person in group and start <= e.position < m.start]
        found = max(subjects, key=lambda e: e.position).person if subjects else m.person
        if not any(e.position == m.start for e in self.surname_uses):
            self.surname_uses.append(_Event(m.start, found, "namesake"))
        return found

    def _agreeing(self, event: _Event, gender: str | None) -> _Event | None:
        """The event if its person can be "he"/"she"; else the same mention given to the
        one namesake who can ("Clinton said ... she continued", after Bill Clinton)."""
        persons = self.t.people.persons
        own = persons[event.person].gender
        if gender is None or own is None or own == gender:
            return event
        if event.full:
            return None  # "When Ellen Baxter criticized him, he replied": not Tom Baxter
        key = persons[event.person].surname_key
        namesakes = [i for i, p in enumerate(persons) if i != event.person and p.surname_key == key
                     and p.gender in (None, gender)]
        if len(namesakes) == 1:
            return _Event(event.position, namesakes[0], event.kind)
        return None

    @staticmethod
    def _topic_confidence(person: int, recent: list[_Event], confidence: float = 0.75) -> float:
        others = {e.person for e in recent} - {person}
        return confidence if others else max(confidence, 0.85)

    def _window_start(self, position: int, gender: str | None = None) -> int:
        """Pronouns reach back over the current and the two previous paragraphs, and
        further while a paragraph opens with the same "he"/"she": "Clinton appeared … /
        She skirted … / She referred … “…,” she said" is still Clinton."""
        t = self.t
        paragraph = t.paragraph_of[_token_at(t, position)] if t.paragraph_of else 0
        first = bisect.bisect_left(t.paragraph_of, paragraph - 2)
        for _ in range(_PRONOUN_CHAIN_PARAGRAPHS):
            if not gender or first == 0 or not self._opens_with_pronoun(first, gender):
                break
            first = bisect.bisect_left(t.paragraph_of, t.paragraph_of[first] - 1)
        return t.starts[first] if first < len(t.starts) else 0

    def _opens_with_pronoun(self, token: int, gender: str) -> bool:
        t = self.t
        token = _past_openers(t, token)
        return token < len(t.doc) and t.quote_of[token] < 0 and PRONOUNS.get(_lower(t, token)) == gender


def _same_place_word(a: str, b: str) -> bool:
    """ "russian" and "russia", "israeli" and "israel", "chinese" and "china": a people and its
    country, by a long enough common start."""
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= min(len(a), len(b)) - 2


def _past_openers(t: _Text, token: int) -> int:
    """The first token from `token` on that is not a leading conjunction or punctuation."""
    while token < len(t.doc) and (_lower(t, token) in LEADING_CONJUNCTIONS or _is_punct(t.words[token])):
        token += 1
    return token


def _plain_given_name(name: str) -> bool:
    given = parse_person_name(name).given
    return bool(given) and given[0].lower() not in STOP_WORDS


# --- per quotation ----------------------------------------------------------------

def _groups(t: _Text) -> list[list[int]]:
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


def _quote_tokens(t: _Text, qi: int) -> tuple[int, int]:
    span = t.spans[qi]
    a = bisect.bisect_left(t.starts, span.start)
    b = bisect.bisect_left(t.starts, span.end)
    return a, b


def _right_window(t: _Text, end_token: int) -> tuple[int, int, bool]:
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
            and not _contrast_at(t, i):
        i += 1
    return end_token, i, ends_sentence


def _contrast_at(t: _Text, i: int) -> bool:
    """ "…, while Rep. Gomer suggested …", "“…,” while …": token `i` opens a clause of
    someone else's."""
    return _lower(t, i) in CONTRASTS and i > 0 and t.quote_of[i] < 0 \
        and (t.words[i - 1] == "," or t.quote_of[i - 1] >= 0)


def _left_window(t: _Text, start_token: int) -> tuple[int, int]:
    i = start_token
    sentence = t.sentence_of[start_token] if start_token < len(t.doc) else -1
    while i - 1 >= 0 and t.quote_of[i - 1] < 0 and t.sentence_of[i - 1] == sentence and "\n" not in t.words[i - 1]:
        i -= 1
    return i, start_token


def _sentence_range(t: _Text, token: int) -> tuple[int, int]:
    s = t.sentence_of[token]
    a = t.sentence_starts[s]
    b = t.sentence_starts[s + 1] if s + 1 < len(t.sentence_starts) else len(t.doc)
    return a, b


def _has_own_quotation(t: _Text, clause: _Clause, first_a: int) -> bool:
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
    return any(not m.possessive for m in _mentions_between(t, after, min(first_a, after + 1)))


def _relative_clause_between(t: _Text, clause: _Clause, first_a: int, last_b: int) -> bool:
    """ "said Ramos, whose book features “rebellious” people": the quotation is not his words."""
    if clause.end > first_a:
        return False
    relative = clause.end + 1 if clause.end < first_a and t.words[clause.end] == "," else clause.end
    return relative < first_a and _lower(t, relative) in ("who", "whose", "whom", "which")


def _introduces_next(t: _Text, clause: _Clause, hi: int) -> bool:
    """ "“Why now?” Mills then writes back, “You look cute.”": the clause opens the next quotation."""
    return hi < len(t.doc) and t.quote_of[hi] >= 0 and all(_is_punct(t.words[x]) for x in range(clause.end, hi))


def _short_tag(t: _Text, clause: _Clause, hi: int) -> bool:
    """ "“Stop.” Peskov said." — a clause that only tags the quotation before it."""
    if hi < len(t.doc) and t.quote_of[hi] >= 0 and not any(t.words[x] in SENTENCE_END for x in range(clause.end, hi)):
        return False  # the clause introduces the next quotation
    rest = [x for x in range(clause.end, hi) if not _is_punct(t.words[x])]
    return len(rest) <= 8 and not any(_lower(t, x) in ("that", "to", "he", "she", "they", "it") for x in rest)


def _colon_speaker(t: _Text, first_a: int) -> _Clause | None:
    """A speaker introducing a quotation with a colon and no cue, "Reporter Jane Roe:".

    Also the colon that ends the paragraph before a quotation opening the next one:
    "Cruz continued:" / "Breitbart News responded:".
    """
    j = first_a - 1
    while j >= 0 and "\n" in t.words[j]:
        j -= 1
    if j >= 0 and t.quote_of[j] < 0 and (':"' in t.words[j] or ":“" in t.words[j]):
        # 'Rep. Trey Gowdy (R-S.C.):"I have …': the tokenizer kept colon and mark in one token
        np = _sentence_subject(t, j)
        return _Clause(j, j, np[0], np[1]) if np is not None and np[1] <= j else None
    if j < 0 or t.words[j] != ":" or t.quote_of[j] >= 0:
        return None
    crossed = "\n" in t.text[t.starts[j]:t.starts[first_a]] if first_a < len(t.starts) else False
    lo = j
    while lo - 1 >= 0 and t.quote_of[lo - 1] < 0 and "\n" not in t.words[lo - 1] and j - lo < 40 \
            and t.sentence_of[lo - 1] == t.sentence_of[j]:
        lo -= 1  # "…, said Loomis. Kasich resisted: “…”" is Kasich's
    clauses = _clauses(t, lo, j)
    if clauses:
        return clauses[-1]  # "Williams added about Carson:" is Williams
    if first_a < len(t.doc) and t.quote_of[first_a] >= 0 and _opens_lowercase(t.text, t.spans[t.quote_of[first_a]]):
        return None  # "a new title for his resume: “song anthropologist”" names, it does not quote
    if crossed:
        np = _sentence_subject(t, j)  # "Clinton released the following statement:"
        return _Clause(j, j, np[0], np[1]) if np is not None else None
    np = _left_np(t, j, lo)
    owned_words = np is not None and _lower(t, np[1] - 1) in UTTERANCE_NOUNS \
        and any(m.possessive for m in _mentions_between(t, np[0], np[1]))  # "From Bush's Facebook post:"
    if np is None or not owned_words and not any(not m.possessive and m.token_end == np[1]
                                                 for m in _mentions_between(t, np[0], np[1])):
        np = _sentence_subject(t, j) or _org_subject(t, j)  # "Kasich resisted: “…”"
    elif np[0] - 1 >= lo and _lower(t, np[0] - 1) in OBJECT_PREPOSITIONS:
        np = _sentence_subject(t, j) or np  # "McConnell delivered a blunt message to Trump: “…”"
    if np is None:
        return None
    return _Clause(j, j, np[0], np[1])


def _org_subject(t: _Text, token: int) -> tuple[int, int] | None:
    """The organization a sentence starts with, maybe after an opening phrase: "As if addressing
    him directly, the Illinois Board of Elections was conclusive in its findings:"."""
    s = t.sentence_starts[t.sentence_of[token]]
    while s < token and (_is_punct(t.words[s]) or _lower(t, s) in LEADING_CONJUNCTIONS):
        s += 1
    comma = next((i for i in range(s, min(token, s + 20)) if t.words[i] == ","), None)
    if _lower(t, s) not in OPENING_SUBORDINATORS:
        comma = None  # "Her call was backed by Culture, Media and Sport Secretary Tessa Jowell"
    for start in (s, comma + 1 if comma is not None else None):
        if start is None:
            continue
        starts = (start, start + 1) if _lower(t, start) == "the" else (start,)
        ent = next((e for e in _ents_between(t, start, start + 2) if e.start in starts and e.label_ == "ORG"
                    and e.end < token
                    and t.words[e.end] not in POSSESSIVE_TOKENS), None)  # "Hoff's letter makes a case:"
        if ent is not None:
            return start, ent.end
    return None


def _opens_lowercase(text: str, span: QuoteSpan) -> bool:
    first_letter = next((c for c in text[span.text_start:span.text_end] if c.isalpha()), "")
    return first_letter.islower()


def _dash_signature(t: _Text, last_b: int) -> _Clause | None:
    """A quotation signed in the next paragraph: “…” / "― Adriana Rodarte" / "- Sanders."."""
    i = last_b
    while i < len(t.doc) and "\n" in t.words[i] and t.quote_of[i] < 0:
        i += 1
    if i == last_b or i >= len(t.doc):
        return None
    text = t.words[i]
    if text in SIGNATURE_DASHES:
        np = _right_np(t, i + 1, min(len(t.doc), i + 12))
    elif text[0] in "-—–―" and text[1:2].isupper():  # "-Michelle Marks, Philadelphia." in one token
        end = i + 1
        while end < min(len(t.doc), i + 6) and _is_title(t.words[end]):
            end += 1
        np = (i, end)
    else:
        return None
    if np is None or not (any(not m.possessive for m in _mentions_between(t, np[0], np[1]))
                          or _signature_line(t, i, np)):
        return None
    if np[1] < len(t.doc) and t.quote_of[np[1]] >= 0:
        return None  # "- Newcastle boss Graeme Souness “We deserved …”" heads the next quotation
    return _Clause(i, i + 1, np[0], np[1])


def _tweet_signature(t: _Text, last_b: int) -> _Clause | None:
    """An embedded tweet, signed on its own line: “…” — Donald J. Trump (@realDonaldTrump) May 5, 2016."""
    if last_b + 3 >= len(t.doc) or t.words[last_b] not in SIGNATURE_DASHES:
        return None
    bracket = next((x for x in range(last_b + 2, min(len(t.doc) - 1, last_b + 8)) if t.words[x] == "("), None)
    if bracket is None or not t.words[bracket + 1].startswith("@") \
            or not all(_is_title(t.words[x]) and t.quote_of[x] < 0 for x in range(last_b + 1, bracket)):
        return None
    return _Clause(last_b, last_b + 1, last_b + 1, bracket)


def _dash_header(t: _Text, first_a: int) -> _Clause | None:
    """A line opening with a dash and a name, then the quotation: "- Bolton boss Sam
    Allardyce “I am disappointed …”", as match reports list what each manager said."""
    dash = first_a - 1
    while dash >= 0 and first_a - dash <= 12 and "\n" not in t.words[dash] and t.quote_of[dash] < 0:
        dash -= 1
    dash += 1
    if dash >= first_a or t.words[dash] not in ("-", "—", "–", "―") or dash > 0 and "\n" not in t.words[dash - 1]:
        return None
    np = _right_np(t, dash + 1, first_a)
    if np is None or np[1] != first_a or not any(not m.possessive for m in _mentions_between(t, *np)):
        return None
    return _Clause(dash, dash + 1, np[0], np[1])


def _signature_line(t: _Text, dash: int, np: tuple[int, int]) -> bool:
    """A short line of its own, "— Title First Last, place", that signs a quotation even when NER
    did not see the name in it ("- Reuters." credits an agency, not a speaker)."""
    line_end = next((x for x in range(dash, len(t.doc)) if "\n" in t.words[x]), len(t.doc))
    name = [x for x in range(np[0], np[1]) if not role_of(t.words[x])]
    return (line_end - dash <= 15 and 2 <= len(name) <= 3 and _title_run(t, name[0], name[-1] + 1)
            and all(t.doc[x].ent_type_ not in NOT_NAMES for x in name)
            and (np[1] == line_end or t.words[np[1]] in (",", ".", "(")))


def _adjacent_right(t: _Text, clause: _Clause, lo: int) -> bool:
    gap = [x for x in range(lo, clause.start) if t.words[x] not in (",", "—", "–", "-", ":")]
    return not gap


def _adjacent_left(t: _Text, clause: _Clause, hi: int) -> bool:
    """Whether only punctuation, "that" and a time stand between the clause and token `hi`:
    "Dorn claimed on Tuesday that “…”"."""
    return all(t.words[x] in (",", ":", "—", "–", "-") or _lower(t, x) == "that" or _when_word(t, x)
               for x in range(clause.end, hi))


def _when_word(t: _Text, i: int) -> bool:
    """A word of a date or time, or "on" before one ("on Tuesday")."""
    return t.doc[i].ent_type_ in ("DATE", "TIME") \
        or _lower(t, i) == "on" and i + 1 < len(t.doc) and t.doc[i + 1].ent_type_ == "DATE"


def attribute(doc, spans: list[QuoteSpan], people: People, parse=None) -> list[Attribution]:
    """One Attribution per span, in the order of `spans`.

    parse: a function from sentence strings to their dependency-parsed spaCy Docs
    (archive.nlp.parse_sentences); when given, the sentences of quotations the rules
    left without a speaker are parsed and the subject of the verb the quotation
    hangs on is tried.
    """
    results = [Attribution() for _ in spans]
    if not spans or len(doc) == 0:
        return results
    people = People(list(people.persons), people.mentions)  # speakers NER missed are added to a copy
    t = _build_text(doc, spans, people)
    resolver = _Resolver(t)
    guessed: set[int] = set()  # quotations credited to a sentence's subject on trust
    # "Viguerie argues" with no quotation still makes Viguerie the one talking
    for clause in _clauses(t, 0, len(doc)):
        if _lower(t, clause.cue_start) in QUESTION_CUES:
            # "Tapper asked Ryan whether …": the one asked is who answers next
            asked = [m for m in _mentions_between(t, clause.cue_end, clause.cue_end + 1) if not m.possessive]
            if asked and clause.np_start < clause.cue_start \
                    and resolver.resolve(clause.np_start, clause.np_end, clause.cue_start).speaker is not None:
                resolver.add_speaker(asked[0].start, asked[0].person)
            continue
        if 0 < clause.np_start < clause.cue_start \
                and "that" in (_lower(t, clause.np_start - 1), _lower(t, clause.np_start)):
            continue  # "he noted that Sanders has acknowledged …": the one noting is still talking
        named = resolver.resolve(clause.np_start, clause.np_end, clause.cue_start)
        if named.how == "name" and named.person is not None:
            resolver.add_speaker(doc[clause.np_start].idx, named.person,
                                 resolver.named_in_full(clause.np_start, clause.np_end, named.person))
        elif named.how == "org":
            resolver.add_org_speaker(clause.np_start, named.speaker)
    for group in _groups(t):
        first_a, _ = _quote_tokens(t, group[0])
        _, last_b = _quote_tokens(t, group[-1])
        result, clause = None, None
        for candidate, confidence, final in _candidate_clauses(t, first_a, last_b):
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
    if parse is not None:
        _attribute_by_parse(t, resolver, results, guessed, parse)
    _continue_speakers(t, results, resolver._is_subject)
    _after_reported_speech(t, resolver, results)
    _continue_speakers(t, results, resolver._is_subject, unnamed=True)
    _continue_into_fragment(t, results)
    text = t.text
    for qi, span in enumerate(spans):
        if results[qi].speaker and is_title(text, span):
            results[qi] = Attribution()
    return results


def _candidate_clauses(t: _Text, first_a: int, last_b: int) -> list[tuple[_Clause, float, bool]]:
    """Clauses that may credit the quotation(s) [first_a, last_b), best first.

    Each comes with a confidence factor and whether it is final (right next to
    the quotation: no other clause can be meant).
    """
    r_lo, r_hi, ended = _right_window(t, last_b)
    right = _clauses(t, r_lo, r_hi)
    l_lo, l_hi = _left_window(t, first_a)
    left = _clauses(t, l_lo, l_hi)
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
    colon = _colon_speaker(t, first_a) or _dash_header(t, first_a)
    if colon is not None:
        return [(colon, 0.9, True)]
    tweet = _tweet_signature(t, last_b)
    if tweet is not None:
        return [(tweet, 0.9, True)]
    if r_lo == r_hi:
        signed = _dash_signature(t, last_b)
        if signed is not None:
            return [(signed, 0.9, True)]
    candidates: list[tuple[_Clause, float, bool]] = []
    candidates += [(c, 0.9, False) for c in reversed(left)]
    if not ended:
        candidates += [(c, 0.9, False) for c in right]
    if first_a < len(t.doc):
        s_lo, s_hi = _sentence_range(t, first_a)
        seen = {(c.cue_start, c.np_start) for c, _, _ in candidates}
        anywhere = [c for c in _clauses(t, s_lo, s_hi) if (c.cue_start, c.np_start) not in seen
                    and not _relative_clause_between(t, c, first_a, last_b)
                    and not any(_contrast_at(t, x) for x in range(last_b, c.start))
                    and not _has_own_quotation(t, c, first_a)]
        anywhere.sort(key=lambda c: min(abs(c.start - first_a), abs(c.start - last_b)))
        candidates += [(c, 0.85, False) for c in anywhere]
    if not candidates:
        announced = _announcing_sentence(t, first_a)
        if announced is not None:
            candidates.append((announced, 0.8, True))
    if not candidates:
        stated = _statement_paragraph(t, first_a)
        if stated is not None:
            candidates.append((stated, 0.7, True))
    return candidates


def _statement_paragraph(t: _Text, first_a: int) -> _Clause | None:
    """ "The DNC issued a statement apologizing to Sanders." / "“On behalf of everyone …”": a
    quotation opening its paragraph after a paragraph that ends telling of someone's statement."""
    j = first_a - 1
    if j < 0 or first_a >= len(t.doc) or "\n" not in t.words[j]:
        return None
    j -= 1
    if j < 0 or t.quote_of[j] >= 0 or t.words[j] not in (".", "!"):
        return None
    lo, hi = _sentence_range(t, j)
    if any(t.quote_of[i] >= 0 for i in range(lo, hi)) or not any(_lower(t, i) == "statement" for i in range(lo, hi)):
        return None
    np = _sentence_subject(t, j)
    if np is None:
        s = lo
        while s < j and (_is_punct(t.words[s]) or "\n" in t.words[s]):
            s += 1
        comma = next((i for i in range(s, min(j, s + 12)) if t.words[i] == ","), None)
        s = comma + 1 if comma is not None else s  # "At Brazile's direction, the DNC issued …"
        np = _right_np(t, s, j)  # an organization: "the DNC issued a statement …"
    if np is None:
        return None
    return _Clause(j, j, np[0], np[1])


def _announcing_sentence(t: _Text, first_a: int) -> _Clause | None:
    """ "Sam Lau, the party's spokesman, said in a statement. “There are no ballots …”": a
    reporting sentence of its own paragraph, with nothing said in it, right before the quotation."""
    if first_a <= 0 or first_a >= len(t.doc) or t.words[first_a - 1] != "." or t.quote_of[first_a - 1] >= 0:
        return None
    lo, hi = _sentence_range(t, first_a - 1)
    if any(t.quote_of[i] >= 0 or "\n" in t.words[i] for i in range(lo, hi)):
        return None
    clauses = [c for c in _clauses(t, lo, hi - 1) if not c.guessed]
    if not clauses:
        return None
    clause = clauses[-1]
    tail = [i for i in range(clause.end, hi - 1) if not _is_punct(t.words[i])]
    if len(tail) > 6 or any(_lower(t, i) in ("that", "to", "he", "she", "it", "they", "whether", "if") for i in tail) \
            or _lower(t, clause.cue_start) in NO_INVERSION or clause.np_start > clause.cue_start:
        return None  # "… said that …", "… told reporters": something was said there already
    return clause


def is_partial(text: str, span: QuoteSpan) -> bool:
    """A fragment inside a sentence ("remain on “totally divergent” positions")."""
    inner = text[span.text_start:span.text_end]
    first_letter = next((c for c in inner if c.isalpha()), "")
    before = text[max(0, span.start - 40):span.start].rstrip()
    if first_letter and first_letter.islower():
        # but "“… they still go on lying.”" opening a paragraph or sentence: an excerpt
        return not (inner.lstrip().startswith(("…", "...")) and (not before or before[-1] in ".!?\n"
                                                                  or before[-1] in QUOTE_CHARS))
    if not before or before[-1] in ".:!?,;—–-([\n" or before[-1] in QUOTE_CHARS:
        return False
    last_word = before.split()[-1].lower() if before.split() else ""
    if last_word in CUE_WORDS or last_word == "that":
        return False
    return inner.rstrip()[-1:] not in (".", "!", "?")


_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by", "from", "&", "or"}


def is_title(text: str, span: QuoteSpan) -> bool:
    """A name in quotation marks: a show, a book, a slogan (“Meet the Press”)."""
    inner = text[span.text_start:span.text_end].rstrip(".,!?")
    words = inner.split()
    if not words or len(words) > 8 or any(c in inner for c in ".!?;:"):
        return False
    if not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words):
        return False
    before = text[max(0, span.start - 3):span.start].rstrip()
    if not before:
        return False
    last_word = text[max(0, span.start - 20):span.start].split()[-1:] or [""]
    if last_word[0].lower() in CUE_WORDS:
        return False  # 'He said “The Hispanics” and swears …': words someone said
    if before[-1].isalnum() or before[-1] in "’'":
        return True
    return len(words) >= 2 and before[-1] in ",—–-"


def _whole_paragraph(text: str, span: QuoteSpan) -> bool:
    """A quotation with nothing else on its line."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:span.start].strip() and not text[span.end:line_end].strip(" .")


def _says_something(text: str, span: QuoteSpan) -> bool:
    """A sentence or a few words, not a lone name in quotation marks (“Bloodline”)."""
    inner = text[span.text_start:span.text_end]
    return len(inner.split()) >= 3 or inner.rstrip()[-1:] in (".", "!", "?")


def _continue_speakers(t: _Text, results: list[Attribution], subject, unnamed: bool = False) -> None:
    """“A,” he said. “B.” — B, a whole sentence with no clause, is still his. With
    `unnamed`, an unnamed source carries over as a mention: “A,” a spokesman said. “B.”"""
    text = t.text
    for qi in range(1, len(t.spans)):
        if results[qi].speaker is not None or results[qi].mention is not None:
            continue
        span = t.spans[qi]
        if is_partial(text, span) or not _says_something(text, span):
            continue
        prev = results[qi - 1]
        if prev.speaker is None and (not unnamed or prev.mention is None):
            continue
        prev_span = t.spans[qi - 1]
        between = text[prev_span.end:span.start]
        if span.open_mark in ("‘", "'") and "\n" in between and _whole_paragraph(text, span):
            continue  # "Sanders, who says it's “disastrous.”" / "‘Chief trade prosecutor.’": a heading
        if between.count("\n\n") > 1 or between.count("\n") > 2:
            continue
        a = bisect.bisect_left(t.starts, prev_span.end)
        b = bisect.bisect_left(t.starts, span.start)
        rivals = [m for m in _mentions_between(t, a, b)
                  if m.person != prev.person and not m.possessive and subject(m.token_start)]
        if rivals or len(between.split()) > 60:
            continue
        results[qi] = Attribution(prev.speaker, prev.mention, prev.cue, round(prev.confidence * 0.8, 3),
                                  prev.person, "continued")


def _continue_into_fragment(t: _Text, results: list[Attribution]) -> None:
    """“A,” Bill Clinton has said. That makes her “by definition a good person.” — a fragment of
    several words quoted in the sentence right after a credited quotation, in its paragraph, with
    no one named or cued in between, is more of the same speaker's words."""
    text = t.text
    for qi in range(1, len(t.spans)):
        span, prev = t.spans[qi], results[qi - 1]
        if results[qi].speaker is not None or results[qi].mention is not None or prev.speaker is None \
                or not is_partial(text, span) or len(text[span.text_start:span.text_end].split()) < 4:
            continue
        a = bisect.bisect_left(t.starts, t.spans[qi - 1].end)
        b = bisect.bisect_left(t.starts, span.start)
        if b >= len(t.doc) or a >= b or t.sentence_of[b] - t.sentence_of[a] > 1 \
                or t.paragraph_of[a] != t.paragraph_of[b]:
            continue
        s = max(a, t.sentence_starts[t.sentence_of[b]])
        if t.quote_of[b] != qi or b - s > 12 or _mentions_between(t, s, b) \
                or any(_lower(t, i) in CUE_WORDS or t.doc[i].ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
                       for i in range(s, b)):
            continue  # a quotation inside another, a long sentence of its own, or someone else's words
        results[qi] = Attribution(prev.speaker, prev.mention, prev.cue, round(prev.confidence * 0.6, 3),
                                  prev.person, "continued")


def _after_reported_speech(t: _Text, resolver: "_Resolver", results: list[Attribution]) -> None:
    """Hale said the team was tired. “We had two days to recover.” — a whole sentence
    quoted with no clause of its own, right after a sentence whose subject reports
    someone's words, is that person's."""
    text = t.text
    for qi, span in enumerate(t.spans):
        if results[qi].speaker is not None or results[qi].mention is not None:
            continue
        if is_partial(text, span) or not _says_something(text, span) or not _stands_alone(t, span):
            continue
        if _whole_paragraph(text, span) and (span.open_mark in ("‘", "'") or not _has_lowercase(text, span)):
            continue  # 'A really tough decision.' / “GOOD DECISIONS”: a heading
        j = bisect.bisect_left(t.starts, span.start) - 1
        while j >= 0 and "\n" in t.words[j]:
            j -= 1
        if j < 0 or t.quote_of[j] >= 0 or t.words[j] not in SENTENCE_END or "?" in t.words[j]:
            continue  # "…, as Kilroy-Silk once declared?" / "“No. …”": a question, and its answer
        if text.count("\n\n", t.starts[j], span.start) > 1:
            continue
        lo = t.sentence_starts[t.sentence_of[j]]
        sentence = text[span.text_start:span.text_end].rstrip()[-1:] in (".", "!", "?") \
            or text[span.end:span.end + 1] == "."  # a whole sentence, not “Make America Great Again” resonated
        clauses = _clauses(t, lo, j) or (_belief_clauses(t, lo, j) or _first_person_after_subject(t, lo, j, span)
                                         if sentence else [])
        if not clauses:
            continue
        clause = clauses[0]
        found = resolver.resolve(clause.np_start, clause.np_end, clause.cue_start)
        if found.speaker is None or found.person is None:
            continue  # "CNN reported …" introduces what others wrote
        results[qi] = Attribution(found.speaker, found.mention, t.doc[clause.cue_start:clause.cue_end].text or None,
                                  round(found.confidence * 0.7, 3), found.person, "reported")


def _belief_clauses(t: _Text, lo: int, hi: int) -> list[_Clause]:
    """ "Bortolami feels the contest could be a battle of the packs.": the sentence's subject
    right before a verb of thinking, as a clause for the quotation that follows it."""
    verb = next((i for i in range(lo, hi) if _lower(t, i) in BELIEF_VERBS and t.quote_of[i] < 0), None)
    np = _sentence_subject(t, verb) if verb is not None else None
    if np is None or _skip_between_left(t, verb, lo) != np[1]:
        return []
    return [_Clause(verb, verb + 1, *np)]


def _first_person_after_subject(t: _Text, lo: int, hi: int, span: QuoteSpan) -> list[_Clause]:
    """ "Collins was sixth in Athens but hopes for better this year." / "“This will be a big year
    for me.”": a quotation in the first person after a sentence whose subject is a person speaks
    for them, when no one else is named in that sentence, the subject is a person the text
    introduced, with a first name or a role ("Premiership clubs" are no one), and the quotation
    does not speak of them ("Bob became an icon." / "“In 1991 he sold more records than ever. I
    saw it.”" is someone else's)."""
    words = set(re.findall(r"[a-z’']+", t.text[span.text_start:span.text_end].lower()))
    if not words & FIRST_PERSON_SINGULAR:
        return []
    np = _sentence_subject(t, hi)
    if np is None or any(not m.possessive for m in _mentions_between(t, np[1], hi)):
        return []
    named = [m for m in _mentions_between(t, np[0], np[1]) if not m.possessive and m.token_end == np[1]]
    if np[1] - np[0] > 1 or _lower(t, np[0]) not in PERSONAL_PRONOUNS:
        person = t.people.persons[named[0].person] if named else None
        if person is None or not (parse_person_name(person.name).given or person.roles):
            return []  # "Premiership clubs have seen …": NER's person, and no one the text introduced
        spoken_of = {fold(w) for w in person.name.split()} | THIRD_PERSON.get(person.gender, THIRD_PERSON_ALL)
    else:
        spoken_of = THIRD_PERSON[PRONOUNS[_lower(t, np[0])]]
    if {fold(w) for w in words} & spoken_of:
        return []
    return [_Clause(np[1], np[1], *np)]


def _stands_alone(t: _Text, span: QuoteSpan) -> bool:
    """The quotation ends its sentence: it closes on a full stop, or nothing follows it in
    its paragraph but other quotations or words with no reporting verb near their start
    (“…!” Murphy, the group's head, tweeted)."""
    text = t.text
    if text[span.text_start:span.text_end].rstrip()[-1:] == ".":
        return True
    line_end = text.find("\n", span.end)
    rest = text[span.end:len(text) if line_end < 0 else line_end].lstrip(" .,")
    if not rest or rest[0] in QUOTE_CHARS:
        return True
    k = bisect.bisect_left(t.starts, span.end)
    return not any(_lower(t, x) in CUE_WORDS or _lower(t, x) == "according"
                   for x in range(k, min(len(t.doc), k + 12)))


def _has_lowercase(text: str, span: QuoteSpan) -> bool:
    return any(c.islower() for c in text[span.text_start:span.text_end])


# --- a dependency parse for what the rules left open ------------------------------

SUBJECT_DEPS = {"nsubj", "csubj"}
# How a verb may hang on the one whose subject it shares: "went on the attack, saying …"
SHARED_SUBJECT_DEPS = {"advcl", "xcomp", "conj", "pcomp"}


def _attribute_by_parse(t: _Text, resolver: "_Resolver", results: list[Attribution], guessed: set[int],
                        parse) -> None:
    """Quotations with no reporting clause the rules can read, and those credited to the
    subject of their sentence on trust: parse their sentences and credit the subject of
    the verb each quotation depends on ("…, Spicer said, adding, “…”" is Spicer's)."""
    open_quotes = [qi for qi, a in enumerate(results)
                   if (qi in guessed or a.speaker is None and a.mention is None) and _worth_parsing(t, qi)]
    if not open_quotes:
        return
    sentences = sorted({_quote_sentence(t, qi) for qi in open_quotes})
    try:
        parsed = dict(zip(sentences, parse([t.text[a:b] for a, b in sentences])))
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


def _worth_parsing(t: _Text, qi: int) -> bool:
    """A quotation sharing its sentence with words of the narrative, and not a title."""
    span = t.spans[qi]
    if is_title(t.text, span):
        return False
    a, b = _quote_tokens(t, qi)
    if a >= len(t.doc):
        return False
    lo, hi = _sentence_range(t, a)
    hi = max(hi, _sentence_range(t, b - 1)[1]) if b - 1 >= a else hi
    outside = [i for i in range(lo, hi) if t.quote_of[i] < 0 and not _is_punct(t.words[i])]
    return len(outside) >= 2


def _quote_sentence(t: _Text, qi: int) -> tuple[int, int]:
    """Character range of the sentence(s) holding quotation qi, within its paragraph."""
    a, b = _quote_tokens(t, qi)
    lo = _sentence_range(t, a)[0]
    hi = _sentence_range(t, max(a, b - 1))[1]
    while lo < a and "\n" in t.words[lo]:
        lo += 1
    while hi > b and "\n" in t.words[hi - 1]:
        hi -= 1
    start = t.starts[lo]
    end = t.starts[hi - 1] + len(t.words[hi - 1])
    return start, end


def _parsed_speaker(t: _Text, resolver: "_Resolver", qi: int, sent, offset: int):
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
    head = _token_at(t, offset + subject.idx)
    left = _token_at(t, offset + subject.left_edge.idx)
    if any(t.quote_of[i] >= 0 for i in range(left, head + 1)):
        return None
    attribution = resolver.resolve(left, head + 1, _token_at(t, offset + verb.idx))
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


# Words that make a fragment someone's own words: He offered “my thoughts and prayers”.
FIRST_PERSON = {"i", "my", "me", "we", "our", "us", "i'm", "i’m"}
THIRD_PERSON = {"male": {"he", "him", "his", "himself"}, "female": {"she", "her", "hers", "herself"}}
THIRD_PERSON_ALL = THIRD_PERSON["male"] | THIRD_PERSON["female"]
FIRST_PERSON_SINGULAR = {"i", "my", "me", "myself", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
RELATIVE_PRONOUNS = {"who", "that", "which"}


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
