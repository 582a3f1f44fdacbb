"""Named people, organizations and places of one article, with canonical names.

`find_people` turns a spaCy Doc into the article's people: every mention of a
person (NER's PERSON spans, plus surnames NER missed), grouped so that
"Dmitry Peskov", "Dmitri Peskov", "Peskov" and "Mr. Peskov" are one person, with
what the text says each person is ("Kremlin spokesman", "a senator") and their
gender where an honorific, a first name or a role noun shows it. Speaker
attribution reads the same structure.

`extract_entities` counts people, organizations and places. Nationalities
(NORP) are not places; "the Kremlin" is an organization.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from archive.model import Entity
from archive.names import (
    FIRST_NAME_GENDER,
    GIVEN_NAME_PARTICLES,
    HONORIFICS,
    SURNAME_PARTICLES,
    canonical_entity,
    canonical_name,
    fold,
    generation,
    given_names_compatible,
    name_gender,
    particle_surname,
    parse_person_name,
    strip_possessive,
)

# Letters after a name ("Peter Ainsworth MP", "Jane Roe QC"): not part of the name, and the
# name still heads the phrase.
POSTNOMINALS = {"MP", "MSP", "MEP", "QC", "KC", "MBE", "OBE", "CBE", "KBE", "DBE", "PhD"}
POSSESSIVE_TOKENS = {"'s", "’s", "'", "’", "ʼs"}

# Role nouns -> the role they name. A description in a speaker slot ("the
# spokesman", "Putin's spokesman") is matched to the people the text gave that role.
ROLE_WORDS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "spokesmen": "spokesperson", "mouthpiece": "spokesperson",
    "president": "president", "pres.": "president", "president-elect": "president",
    "vice-president": "vice president",
    "senator": "senator", "sen.": "senator", "sens.": "senator",
    "congressman": "representative", "congresswoman": "representative",
    "representative": "representative", "rep.": "representative", "reps.": "representative",
    "lawmaker": "lawmaker", "legislator": "lawmaker", "politician": "politician",
    "governor": "governor", "gov.": "governor", "mayor": "mayor",
    "secretary": "secretary", "sec.": "secretary", "minister": "minister",
    "chancellor": "chancellor", "premier": "premier", "king": "king", "queen": "queen",
    "prince": "prince", "pope": "pope", "ambassador": "ambassador", "amb.": "ambassador",
    "envoy": "envoy", "diplomat": "diplomat", "negotiator": "negotiator",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chair": "chair",
    "leader": "leader", "ceo": "executive", "executive": "executive", "director": "director",
    "official": "official", "source": "source", "officer": "officer", "adviser": "adviser", "advisor": "adviser",
    "aide": "adviser", "strategist": "strategist", "consultant": "consultant",
    "pollster": "pollster", "analyst": "analyst", "professor": "professor", "prof.": "professor",
    "economist": "economist", "lawyer": "lawyer", "attorney": "lawyer", "counsel": "lawyer",
    "judge": "judge", "justice": "judge", "prosecutor": "prosecutor", "sheriff": "sheriff",
    "manager": "manager", "host": "host", "anchor": "host", "moderator": "moderator",
    "reporter": "journalist", "journalist": "journalist", "correspondent": "journalist",
    "columnist": "columnist", "editor": "editor", "author": "author", "writer": "author",
    "historian": "historian", "scholar": "scholar", "expert": "expert", "researcher": "researcher",
    "activist": "activist", "organizer": "organizer", "founder": "founder",
    "businessman": "businessperson", "businesswoman": "businessperson", "billionaire": "businessperson",
    "mogul": "businessperson", "tycoon": "businessperson", "developer": "businessperson",
    "candidate": "candidate", "nominee": "candidate", "hopeful": "candidate",
    "contender": "candidate", "frontrunner": "candidate", "front-runner": "candidate",
    "challenger": "candidate", "incumbent": "incumbent",
    "general": "general", "gen.": "general", "commander": "commander", "admiral": "admiral",
    "commissioner": "commissioner", "speaker": "speaker", "whip": "whip",
    "republican": "republican", "democrat": "democrat", "coach": "coach",
    "doctor": "doctor", "dr.": "doctor", "surgeon": "doctor", "neurosurgeon": "doctor",
    "pastor": "pastor", "priest": "priest", "rabbi": "rabbi", "bishop": "bishop",
    "actor": "actor", "actress": "actor", "singer": "singer", "star": "star",
    "chief": "chief", "deputy": "deputy", "head": "head", "member": "member",
    "father": "father", "mother": "mother", "son": "son", "daughter": "daughter",
    "husband": "husband", "wife": "wife", "brother": "brother", "sister": "sister",
    "student": "student", "teacher": "teacher", "worker": "worker", "owner": "owner",
    "resident": "resident", "voter": "voter", "supporter": "supporter", "fan": "supporter",
    "veteran": "veteran", "retiree": "retiree", "employee": "employee",
    # beyond US politics: parliaments, sport, business, the arts
    "mp": "mp", "mep": "mp", "msp": "mp", "peer": "peer", "boss": "boss", "treasurer": "treasurer",
    "captain": "captain", "skipper": "captain", "player": "player", "striker": "striker",
    "midfielder": "midfielder", "defender": "defender", "goalkeeper": "goalkeeper", "keeper": "goalkeeper",
    "winger": "winger", "athlete": "athlete", "sprinter": "sprinter", "champion": "champion",
    "referee": "referee", "trainer": "coach", "presenter": "host", "broadcaster": "host",
    "comedian": "comedian", "rapper": "singer", "frontman": "singer", "musician": "musician",
    "guitarist": "musician", "producer": "producer", "designer": "designer", "novelist": "author",
    "playwright": "author", "poet": "author", "artist": "artist", "chef": "chef", "trader": "trader",
    "investor": "investor", "shareholder": "investor",
    "prop": "prop", "hooker": "hooker", "flanker": "flanker", "fly-half": "fly-half", "scrum-half": "scrum-half",
    "full-back": "full-back", "batsman": "batsman", "bowler": "bowler", "all-rounder": "all-rounder",
    "spinner": "bowler", "paceman": "bowler", "wicketkeeper": "wicketkeeper", "jockey": "jockey",
    "cyclist": "cyclist", "swimmer": "swimmer", "runner": "runner", "golfer": "golfer", "boxer": "boxer",
    "hurdler": "runner", "marathoner": "runner", "seed": "seed",
}
# Roles in team sports and roles of those who compete alone: who the text is about, not a post.
PLAYING_POSITIONS = ("striker", "midfielder", "defender", "goalkeeper", "winger", "prop", "hooker", "flanker",
                     "fly-half", "scrum-half", "full-back", "batsman", "bowler", "all-rounder", "wicketkeeper")
INDIVIDUAL_SPORTS = ("sprinter", "cyclist", "swimmer", "runner", "golfer", "boxer", "jockey")
# What a role also makes a person, so "the lawmaker" finds a senator.
ROLE_IMPLIES = {
    "senator": {"lawmaker", "politician"},
    "representative": {"lawmaker", "politician"},
    "governor": {"politician"},
    "mayor": {"politician"},
    "president": {"leader", "politician"},
    "candidate": {"politician"},
    "premier": {"leader"},
    "chancellor": {"leader"},
    "king": {"leader"}, "queen": {"leader"},
    "secretary": {"official"}, "minister": {"official"}, "ambassador": {"diplomat", "official"},
    "envoy": {"diplomat"}, "spokesperson": {"official"},
    "executive": {"chief"}, "chair": {"chief"},
    "columnist": {"journalist", "author"}, "editor": {"journalist"}, "host": {"journalist"},
    "mp": {"lawmaker", "politician"}, "peer": {"lawmaker", "politician"},
    "boss": {"manager", "executive", "chief"}, "manager": {"boss"}, "coach": {"boss"},
    **{position: {"player"} for position in PLAYING_POSITIONS},
    **{sport: {"athlete"} for sport in INDIVIDUAL_SPORTS},
    "musician": {"artist"}, "singer": {"artist"},
}
# Not "chairman" (nor in names.HONORIFICS): British papers give women that title too
# ("UKIP chairman Petrina Holdsworth").
GENDERED_ROLES = {
    "spokesman": "male", "spokeswoman": "female", "congressman": "male",
    "congresswoman": "female", "chairwoman": "female",
    "businessman": "male", "businesswoman": "female", "king": "male", "queen": "female",
    "prince": "male", "actress": "female", "father": "male", "mother": "female",
    "son": "male", "daughter": "female", "husband": "male", "wife": "female",
    "brother": "male", "sister": "female", "frontman": "male",
}
# Words that may stand in a title before a name without being a role.
PRE_NAME_WORDS = {
    "the", "a", "an", "former", "then", "late", "senior", "top", "acting", "new", "longtime",
    "veteran", "outgoing", "incoming", "interim", "current", "presidential", "vice",
    "deputy", "assistant", "associate", "chief", "press", "campaign", "national", "security",
    "foreign", "defense", "state", "white", "house", "retired", "fellow", "democratic",
    "republican", "conservative", "liberal", "progressive", "rival", "front", "-", "&", "of",
}

PERSON_LABELS = {"PERSON"}
ORG_LABELS = {"ORG"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Mention:
    """One place in the text that names a person."""

    start: int  # character offsets of the name, possessive excluded
    end: int
    text: str
    token_start: int
    token_end: int
    person: int = -1  # index into People.persons
    possessive: bool = False  # "Putin's": the person owns what follows


@dataclass
class Person:
    name: str
    variants: list[str] = field(default_factory=list)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surname_key(self) -> str:
        return fold(parse_person_name(self.name).surname.split()[-1]) if self.name else ""


@dataclass
class People:
    persons: list[Person]
    mentions: list[Mention]  # in text order


def by_given_name(persons: list[Person], word: str, gender: str | None = None) -> list[int]:
    """The persons whose first name is `word`: "Hillary" alone, after "Hillary Clinton"."""
    found = []
    for i, person in enumerate(persons):
        given = parse_person_name(person.name).given
        if given and fold(given[0]) == fold(word) and (not gender or person.gender in (None, gender)):
            found.append(i)
    return found


def role_of(token_text: str, previous: list[str] | None = None) -> str | None:
    word = token_text.lower()
    if word == "runner" and previous and [p.lower() for p in previous[-2:]] == ["front", "-"]:
        return "candidate"
    if word == "president" and previous and previous[-1].lower() == "vice":
        return "vice president"
    return ROLE_WORDS.get(word)


def expand_roles(roles: set[str]) -> set[str]:
    expanded = set(roles)
    for role in roles:
        expanded |= ROLE_IMPLIES.get(role, set())
    return expanded


def _kept(doc, name: str, build):
    """What build() makes of the Doc, made once and kept in the Doc's user_data."""
    value = doc.user_data.get(name)
    if value is None:
        value = doc.user_data[name] = build()
    return value


def token_texts(doc) -> list[str]:
    """Each token's text, kept with the Doc: rules look at words far more often than at
    anything else, and every doc[i] makes a new Token object."""
    return _kept(doc, "token_texts", lambda: [token.text for token in doc])


def text_of(doc) -> str:
    """doc.text, kept with the Doc (spaCy joins it anew from the tokens at every access)."""
    return _kept(doc, "text", lambda: doc.text)


def _is_name_word(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


# Capitalized words opening a sentence that NER sometimes takes into a name: conjunctions,
# prepositions and sentence adverbs.
_NOT_IN_NAMES = {"like", "unlike", "as", "with", "for", "after", "despite", "from", "by", "and", "but", "when",
                 "while", "if", "says", "said", "dear", "maybe", "perhaps", "without", "within", "outside",
                 "inside", "beyond", "among", "amid", "amidst", "although", "though", "whether", "unless",
                 "until", "because", "since", "before", "during", "against", "toward", "towards", "upon",
                 "via", "including", "absent", "given", "certainly", "surely", "clearly", "obviously",
                 "probably", "indeed", "however", "meanwhile", "nevertheless", "nonetheless", "thus",
                 "hence", "therefore", "yet", "nor", "or", "neither", "either", "not", "only", "just",
                 "even", "also", "still", "unfortunately", "fortunately", "apparently", "ironically",
                 "sadly", "thankfully", "hopefully", "frankly", "honestly", "thanks", "thank", "asked",
                 "about", "across", "around", "behind", "below", "beneath", "beside", "besides", "between",
                 "into", "near", "onto", "over", "through", "throughout", "under", "underneath", "whereas",
                 "whenever", "wherever", "whatever", "whoever", "every", "each", "both", "all", "some",
                 "many", "most", "several", "other", "another", "such", "no", "yes", "oh", "hey", "well"}

# Reporting verbs and their forms ("Remarked Ferraro:", "Conceding that …", "Chief Jokes, Dodges …"):
# never a name.
_REPORTING_STEMS = (
    "state", "assert", "add", "note", "claim", "ask", "answer", "reply", "respond", "explain",
    "argue", "insist", "warn", "concede", "admit", "acknowledge", "suggest", "laugh", "joke", "quip",
    "declare", "announce", "tweet", "conclude", "recall", "predict", "agree", "complain", "contend",
    "boast", "vow", "urge", "exclaim", "observe", "remark", "confirm", "deny", "reveal", "emphasize",
    "emphasise", "stress", "protest", "scoff", "sigh", "shout", "yell", "scream", "mock", "praise",
    "criticize", "criticise", "slam", "blast", "attack", "accuse", "blame", "thank", "endorse",
    "condemn", "denounce", "defend", "dismiss", "reject", "echo", "repeat", "reiterate", "recount",
    "describe", "call", "tell", "write", "speak", "testify", "concur", "retort", "counter",
    "muse", "wonder", "lament", "marvel", "mention", "opine", "pledge", "promise", "admonish",
    "chuckle", "smile", "shrug", "grumble", "fume", "demand", "plead",
)
_IRREGULAR_REPORTING = {"say", "said", "says", "saying", "told", "wrote", "written", "spoke", "spoken", "cries", "cried"}


def _verb_forms(stem: str) -> set[str]:
    if stem.endswith("e"):
        return {stem, stem + "s", stem + "d", stem[:-1] + "ing"}
    if stem.endswith("y") and stem[-2:-1] not in "aeiou":
        return {stem, stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
    if stem.endswith(("s", "sh", "ch", "x", "o")):
        return {stem, stem + "es", stem + "ed", stem + "ing"}
    if stem in ("quip", "slam", "admit"):
        return {stem, stem + "s", stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return {stem, stem + "s", stem + "ed", stem + "ing"}


REPORTING_VERB_FORMS = frozenset(_IRREGULAR_REPORTING.union(*(_verb_forms(s) for s in _REPORTING_STEMS)))


# Plural words for people as a group that open a sentence like a name ("Police said",
# "Critics say") and are not role words.
GROUP_NOUNS = {
    "police", "critics", "witnesses", "observers", "investigators", "scientists", "campaigners",
    "protesters", "protestors", "opponents", "sources", "insiders", "locals", "neighbours", "neighbors",
    "parents", "organisers", "organizers", "authorities", "troops", "rebels", "militants", "unions",
    "shoppers", "consumers", "viewers", "users", "gamers", "allies", "rivals", "donors", "delegates",
    "colleagues", "relatives", "politicos",
}


def _group_noun(lower: str) -> bool:
    """ "police", "critics", "ecologists": people as a group, never one person's name."""
    return lower in GROUP_NOUNS or len(lower) > 6 and lower.endswith("ists")


def _plural_role(lower: str) -> bool:
    """ "Senators", "aides", "hackers"-like plurals of role nouns."""
    return lower.endswith("s") and (lower[:-1] in ROLE_WORDS or lower.endswith("es") and lower[:-2] in ROLE_WORDS)


# Adverbs by their endings ("Nationally", "Reportedly"); "McNally" is a name.
_ADVERB = re.compile(r"(?:ally|ously|ively|fully|edly|ingly|ently|antly|ately)$")


def _adverb(lower: str) -> bool:
    return len(lower) >= 7 and bool(_ADVERB.search(lower)) and not lower.startswith(("mc", "mac"))


def _lowercase_words(doc) -> set[str]:
    """The words the article writes in lower case, kept with the Doc."""
    return _kept(doc, "lowercase_words", lambda: {w for w in token_texts(doc) if w.islower()})


def _opens_a_sentence(words: list[str], i: int) -> bool:
    return i == 0 or words[i - 1] in (".", "!", "?", ":", ";", "“", '"', "‘", "«", "—", "–") or "\n" in words[i - 1]


def not_a_name_word(doc, words: list[str], i: int) -> bool:
    """Whether the first word of a PERSON span is a word NER glued to the name: a
    conjunction or adverb ("While", "Maybe"), a reporting verb ("Stated"), a role noun
    ("Founder", "Senators"), an adverb ("Nationally"), or a sentence's first word that
    the article also writes in lower case ("Soft - Belko - soft on crime")."""
    text = words[i]
    lower = text.lower()
    if lower.strip(".") in HONORIFICS or not _is_name_word(text):
        return True
    if lower in FIRST_NAME_GENDER or lower in SURNAME_PARTICLES:
        return False
    if lower in _NOT_IN_NAMES or lower in _SENTENCE_OPENERS or lower in REPORTING_VERB_FORMS:
        return True
    if lower in ROLE_WORDS or _plural_role(lower) or _group_noun(lower):
        return True
    if _adverb(lower):
        return True
    if lower.endswith("ing") and i + 2 < len(words) and words[i + 1].lower() in FIRST_NAME_GENDER \
            and _is_name_word(words[i + 1]) and _is_name_word(words[i + 2]):
        return True  # "Trusting Ann Ferraro": a participle before a full name
    return _opens_a_sentence(words, i) and lower in _lowercase_words(doc)


def _name_tokens(doc, start: int, end: int) -> tuple[int, int, bool]:
    """Trim a PERSON span to the name: no leading honorific/article, no possessive."""
    possessive = False
    while end > start and doc[end - 1].text in POSSESSIVE_TOKENS:
        end -= 1
        possessive = True
    while end > start and not any(c.isalpha() for c in doc[end - 1].text):
        end -= 1
    while end - start > 1 and doc[end - 1].text in POSTNOMINALS:
        end -= 1  # "Tom Pell MP"
    words = token_texts(doc)
    for i in range(end - 2, start - 1, -1):
        if words[i].isalpha() and words[i].islower() and len(words[i]) > 2 and not doc[i].is_stop \
                and words[i] not in SURNAME_PARTICLES and (i == start or words[i - 1] not in ("-", "–")):
            start = i + 1  # "Perpignan centre Jean Dupuis": a lower-case word is no part of a name
            break
    while True:
        if end - start > 1 and not_a_name_word(doc, words, start):
            start += 1  # "Like Makaeff, the former customer, …": NER took the preposition in
        elif end - start >= 3 and _describes_not_names(doc, words[start]):
            start += 1  # "Kenyan Bernard Lagat", "Tory Neil Hamilton", "Lib Dem MP Ann Ford"
        else:
            break
    while start > 0 and words[start - 1] in SURNAME_PARTICLES and end - start < 4:
        start -= 1  # "van Gaal said", where NER left the particle out
    if end < len(doc) and doc[end].text in POSSESSIVE_TOKENS:
        possessive = True
    return start, end, possessive


def _describes_not_names(doc, word: str) -> bool:
    """A capitalized word before a full name that says who the person is: a nationality, a
    party, or a word the article also writes in lower case ("Comic Joe Pasquale")."""
    lower = word.lower()
    if lower in FIRST_NAME_GENDER or lower in SURNAME_PARTICLES:
        return False
    return lower in NATIONALITY_NOUNS or lower in PARTY_NOUNS or lower in _lowercase_words(doc)


def _common_word(doc, text: str) -> bool:
    lower = text.lower()
    return lower not in FIRST_NAME_GENDER and lower in _lowercase_words(doc)


def _not_a_person(text: str) -> bool:
    """A single word NER took for a person that is no name: "Jokes", "Conceding", "Aides"."""
    lower = text.lower()
    if lower in FIRST_NAME_GENDER:
        return False
    return lower in REPORTING_VERB_FORMS or lower in _NOT_IN_NAMES or lower in _SENTENCE_OPENERS \
        or _plural_role(lower) or _group_noun(lower) or lower.strip(".") in HONORIFICS or _adverb(lower)


# Names NER sometimes takes for people.
NOT_PEOPLE = {"twitter", "facebook", "instagram", "youtube", "google", "reddit", "snapchat",
              "tiktok", "linkedin", "whatsapp", "netflix", "amazon",
              # awards and leagues ("an Oscar nomination", "the Premiership")
              "oscar", "oscars", "grammy", "grammys", "emmy", "emmys", "bafta", "baftas", "premiership"}


# Capitalized words that open sentences and are never first names.
_SENTENCE_OPENERS = {"later", "earlier", "meanwhile", "then", "now", "today", "yesterday", "still",
                     "instead", "also", "here", "there", "when", "while", "after", "before", "as",
                     "since", "though", "although", "because", "if", "once", "even", "only", "so"}


def _opener(token) -> bool:
    """A capitalized word that opens a clause, never part of a name ("But", "Later")."""
    lower = token.text.lower()
    if lower in FIRST_NAME_GENDER:
        return False  # "Will", "May"
    return token.is_stop or lower in _NOT_IN_NAMES or lower in _SENTENCE_OPENERS


def _left_out_first_name(token, other_types: tuple[str, ...] = (), before_particle: bool = False) -> bool:
    """Whether the capitalized word before a lone surname is its first name ("Ivanka Trump").

    other_types: entity labels NER may have given the first name by mistake; before_particle:
    the surname opens with one ("Alwaleed Bin Talal"), so a word ending in -ed is no verb."""
    text = token.text
    lower = text.lower()
    if lower in FIRST_NAME_GENDER:
        return _is_name_word(text)
    if not (text.isalpha() and text[0].isupper() and not text.isupper()) or token.is_stop:
        return False
    if lower in _SENTENCE_OPENERS or lower in _NOT_IN_NAMES or lower in ROLE_WORDS or lower.strip(".") in HONORIFICS \
            or lower in PRE_NAME_WORDS or lower in REPORTING_VERB_FORMS or _plural_role(lower) \
            or lower in GROUP_OPENERS:
        return False
    return token.ent_type_ in ("", "PERSON", *other_types) \
        and (before_particle or not lower.endswith(("ly", "ing", "ed")))


# First words that make a name a group: "Team Trump" is a campaign, "Team Sky" a cycling team.
GROUP_OPENERS = {"team"}

# Last words that make a name a place, building, event, prize or club, never a person
# ("Stonewall Inn", "Trafalgar Square", "Davis Cup"); "Hall", "Park" and "Church" are surnames too.
_NOT_PERSON_HEADS = {
    "inn", "hotel", "avenue", "road", "square", "school", "college", "university", "cathedral",
    "centre", "center", "airport", "station", "hospital", "stadium", "arena", "museum", "gallery",
    "theatre", "theater", "library", "institute", "foundation", "prize", "award", "awards", "cup",
    "trophy", "championship", "championships", "festival", "laboratories", "canyon",
    "united", "rovers", "wanderers", "albion", "athletic", "hotspur",  # "Manchester United": a club
}


# Parties whose name is put before a member's ("Tory Neil Hamilton").
PARTY_NOUNS = {"tory", "tories", "labour", "conservative", "republican", "democrat", "democratic", "libertarian",
               "lib", "dem", "dems"}

# Words for a person by nationality or home region that NER tags as a name ("the Scot
# admitted", "the Welshman", "the Texan said"); left out are those that are also surnames
# (Cuban, French, Welsh, English).
NATIONALITY_NOUNS = {
    "texan", "californian", "floridian", "ohioan", "virginian", "louisianan", "oklahoman",
    "londoner", "glaswegian", "mancunian", "liverpudlian", "scouser", "geordie", "parisian", "zealander",
    "scot", "scotsman", "scotswoman", "welshman", "welshwoman", "englishman", "englishwoman",
    "irishman", "irishwoman", "frenchman", "frenchwoman", "dutchman", "dutchwoman", "ulsterman",
    "yorkshireman", "cornishman", "spaniard", "briton", "swede", "kiwi", "aussie", "argentine",
    "argentinian", "australian", "american", "canadian", "brazilian", "italian", "german",
    "portuguese", "russian", "chinese", "japanese", "swiss", "belgian", "croatian", "serbian",
    "nigerian", "kenyan", "ethiopian", "jamaican", "mexican", "israeli", "palestinian", "iraqi",
    "iranian", "afghan", "syrian", "egyptian", "greek", "czech", "ukrainian", "norwegian",
    "austrian", "colombian", "chilean", "scottish", "spanish", "dutch", "irish", "welsh", "british",
}


def _plausible_name(text: str) -> bool:
    words = text.split()
    return (
        text.lower() not in NOT_PEOPLE
        and text.lower() not in NATIONALITY_NOUNS
        and (len(words) < 2 or words[-1].lower() not in _NOT_PERSON_HEADS)
        and words[0].lower() not in GROUP_OPENERS
        and not any(w in ("v.", "vs.", "v", "vs") for w in words[1:-1])  # "Trump v. Trump": a court case
        and 0 < len(words) <= 5
        and any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
        and _is_name_word(words[-1])
        and "@" not in text
        and len(text) <= 60
    )


def _mention(doc, start: int, end: int, possessive: bool) -> Mention:
    span = doc[start:end]
    text = strip_possessive(span.text)
    return Mention(span.start_char, span.start_char + len(text), text, start, end, -1, possessive)


_DASHES = {"-", "–", "—", "--"}


def _one_side_of_dash(doc, start: int, end: int) -> tuple[int, int]:
    """A name NER ran across a spaced dash ("Florian Hamm - Borussia Dortmund", "MPs - Keith
    Vaz"): the first side of two or more words, else the first side."""
    cuts = [i for i in range(start + 1, end - 1)
            if doc[i].text in _DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_]
    if not cuts:
        return start, end
    sides = [(a, b) for a, b in zip([start] + [c + 1 for c in cuts], cuts + [end]) if b > a]
    return next(((a, b) for a, b in sides if b - a >= 2), sides[0])


def _ner_person_mentions(doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS:
            continue
        start, end, possessive = _name_tokens(doc, ent.start, ent.end)
        name_end = end
        start, end = _one_side_of_dash(doc, start, end)
        if end != name_end:
            possessive = doc[end].text in POSSESSIVE_TOKENS
        if end <= start:
            continue
        first = doc[start].text.lower()
        opens_with_particle = end - start > 1 and first in SURNAME_PARTICLES and first not in GIVEN_NAME_PARTICLES
        if start == ent.start and start > 0 and (end - start == 1 or opens_with_particle) \
                and _left_out_first_name(doc[start - 1], before_particle=opens_with_particle):
            start -= 1  # NER left out the first name: "Dmitry [Peskov] spoke", "Alwaleed [Bin Talal]"
        if end - start == 1 and _not_a_person(token_texts(doc)[start]):
            continue
        if end - start == 1 and _hyphen_modifier(doc, end):
            continue  # "the Oscar-nominated actor": a word of a description, no one named
        if end - start == 1 and start > ent.start and _is_name_word(doc[ent.start].text) \
                and _common_word(doc, token_texts(doc)[start]):
            continue  # "Bright Start" less its first word is no person
        mention = _mention(doc, start, end, possessive)
        if _plausible_name(mention.text):
            mentions.append(mention)
    return mentions


class _Clusters:
    """Groups mentions into people, in text order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.by_surname: dict[str, list[int]] = defaultdict(list)
        self.titled: set[int] = set()  # where a mention had a title: "President Clinton"

    def _candidates(self, parsed) -> list[int]:
        key = " ".join(fold(p) for p in parsed.surname.split())
        return list(self.by_surname.get(key, []))

    def _new(self, mention: Mention, parsed) -> int:
        self.persons.append(Person(name=mention.text))
        index = len(self.persons) - 1
        self.by_surname[" ".join(fold(p) for p in parsed.surname.split())].append(index)
        return index

    def _compatible(self, index: int, parsed, gender: str | None, born: str | None = None) -> bool:
        """Whether a mention may be this person; `born`: its generation ("jr" for "Donald Trump Jr.")."""
        person = self.persons[index]
        if gender and person.gender and gender != person.gender:
            return False
        if not parsed.given:
            return True
        for variant in person.variants:
            other = parse_person_name(variant)
            if other.given and (not given_names_compatible(parsed.given[0], other.given[0])
                                or generation(variant) != born):
                return False
        return True

    def add(self, mention: Mention, gender: str | None = None, titles: frozenset[str] = frozenset()) -> None:
        """titles: the roles in the title before the mention ("President" in "President Bush")."""
        parsed = parse_person_name(mention.text)
        if not parsed.surname:
            return
        gender = gender or name_gender(mention.text)
        born = generation(mention.text)
        candidates = [i for i in self._candidates(parsed) if self._compatible(i, parsed, gender, born)]
        as_surname = particle_surname(parsed)
        if not candidates and as_surname:  # "Van Nistelrooy" after "Ruud van Nistelrooy"
            candidates = [i for i in self._candidates(as_surname) if self._compatible(i, as_surname, gender, born)]
        if not candidates and not parsed.given:
            # "Hillary" after "Hillary Clinton"; "Donald Jr." only after "Donald Trump Jr."
            candidates = [i for i in by_given_name(self.persons, parsed.surname, gender)
                          if generation(self.persons[i].variants[0]) == born]
        if born is None and len(candidates) > 1:
            # "Mr. Trump" beside Donald J. Trump and Donald Trump Jr. is the one with no "Jr."
            candidates = [i for i in candidates if generation(self.persons[i].variants[0]) is None] or candidates
        if not parsed.given and len(candidates) > 1 and titles:
            # "President Bush" beside former President George W. Bush and Gov. Jeb Bush is the president
            candidates = [i for i in candidates if self.persons[i].roles & titles] or candidates
        if not parsed.given and len(candidates) > 1:
            # Beside a namesake, the surname alone stays with whoever it already named: after
            # "Clinton said" and "her husband, former President Bill Clinton", "Clinton" is her.
            # A "Mrs." only prefers one known to be a woman: "Mr. and Mrs. Khan" must not make
            # the husband, named "Khan" so far, a woman.
            candidates = [i for i in candidates if self._named_by_surname(i, mention.start)
                          and (gender is None or self.persons[i].gender == gender)] or candidates
        if candidates:
            index = self._closest(candidates, mention.start)
        else:
            index = self._new(mention, parsed)
        person = self.persons[index]
        mention.person = index
        person.mentions.append(mention)
        person.variants.append(mention.text)
        person.gender = person.gender or gender
        person.roles |= titles
        if titles:
            self.titled.add(mention.start)

    def _named_by_surname(self, index: int, before: int) -> bool:
        """Whether the surname alone named this person before `before` ("Mr." counts, a title does not)."""
        return any(not parse_person_name(m.text).given and m.start not in self.titled
                   for m in self.persons[index].mentions if m.start < before)

    def _closest(self, candidates: list[int], position: int) -> int:
        """The candidate named last before `position`, else the first named after it."""
        def last_before(i: int) -> int:
            return max((m.start for m in self.persons[i].mentions if m.start < position), default=-1)

        before = [i for i in candidates if last_before(i) >= 0]
        if before:
            return max(before, key=last_before)
        return min(candidates, key=lambda i: min((m.start for m in self.persons[i].mentions), default=0))


def _roles_before(doc, token_start: int) -> tuple[set[str], str | None]:
    """Roles in the title before a name: "Kremlin spokesman", "Russian President", "Sen."."""
    roles: set[str] = set()
    gender = None
    i = token_start - 1
    steps = 0
    while i >= 0 and steps < 7:
        text = doc[i].text
        if text in POSSESSIVE_TOKENS or "\n" in text:
            break  # "Putin's spokesman Peskov": Putin's titles are not Peskov's
        lower = text.lower()
        previous = [t.text for t in doc[max(0, i - 2):i]]
        role = role_of(text, previous)
        if lower.strip(".") in HONORIFICS and HONORIFICS[lower.strip(".")]:
            gender = gender or HONORIFICS[lower.strip(".")]
        if role:
            roles.add(role)
            gender = gender or GENDERED_ROLES.get(lower)
        elif not (_is_name_word(text) or lower in PRE_NAME_WORDS or lower.strip(".") in HONORIFICS):
            break
        i -= 1
        steps += 1
    return roles, gender


_PARTY = re.compile(r"^\s*[,(]\s*([RD])\s*-\s*[A-Z]")


def _roles_after(doc, token_end: int) -> tuple[set[str], str | None]:
    """Roles in an apposition: "Peskov, the Kremlin's spokesman," / "Rubio (R-Fla.)"."""
    roles: set[str] = set()
    gender = None
    if token_end >= len(doc):
        return roles, gender
    tail = doc[token_end: token_end + 6].text[:12]
    party = _PARTY.match(tail)
    if party:
        roles.add("republican" if party.group(1) == "R" else "democrat")
    if doc[token_end].text != ",":
        return roles, gender
    i = token_end + 1
    if i < len(doc) and doc[i].text.lower() in ("who", "who's"):
        i += 2 if i + 1 < len(doc) and doc[i + 1].text.lower() in ("is", "was", "has", "had") else 1
    if i >= len(doc) or not (doc[i].text.lower() in ("the", "a", "an") or _is_name_word(doc[i].text)
                             or role_of(doc[i].text)):
        return roles, gender
    stop = min(len(doc), i + 12)
    words = token_texts(doc)
    found: set[str] = set()
    found_gender = None
    while i < stop and words[i] not in (",", ".", ";", ":", "(", ")") and "\n" not in words[i]:
        lower = words[i].lower()
        if lower in ("of", "for", "at", "with", "in", "on", "from", "and", "who", "which", "that"):
            break
        if found and _verb_after_subject(words[i]):
            return roles, gender  # "Belko, the Republican candidate stated …": a new clause's subject
        role = role_of(words[i], words[max(0, i - 2):i])
        if role:
            found.add(role)
            found_gender = found_gender or GENDERED_ROLES.get(lower)
        i += 1
    return roles | found, gender or found_gender


AUXILIARIES = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "should",
               "may", "might", "must", "did", "does"}
# Words that may follow a clause's subject before its verb.
_AFTER_SUBJECT = AUXILIARIES | {"do", "also", "later", "then", "once", "previously"}


def _verb_after_subject(word: str) -> bool:
    """Whether a word after a description's role noun makes the description a clause's subject."""
    lower = word.lower()
    return word.islower() and (lower in REPORTING_VERB_FORMS or lower in _AFTER_SUBJECT
                               or len(lower) > 4 and lower.endswith("ed"))


def _tokens_of(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.token_start, m.token_end)}


def _missed_mentions(doc, people_mentions: list[Mention], clusters: _Clusters) -> list[Mention]:
    """Surnames of known people that NER did not tag as PERSON, and "Mr. X" names."""
    taken = _tokens_of(people_mentions)
    long_entity = {}
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS and len(ent) > 1:
            for i in range(ent.start, ent.end):
                long_entity[i] = ent
    surnames = set(clusters.by_surname)
    words = token_texts(doc)
    found = []
    for i, word in enumerate(words):
        if i in long_entity and i not in taken and _first_name_and_known_surname(doc, long_entity[i], i, surnames):
            found.append(_mention(doc, i - 1, i + 1, _possessive_after(doc, i + 1)))
            taken.update((i - 1, i))
            continue
        honorific = i > 0 and doc[i - 1].text.lower().strip(".") in ("mr", "mrs", "ms", "dr", "miss")
        after = _hyphenated_end(doc, i)  # "Kilroy-Silk" is three tokens
        # "Mr Senanayake" that NER took for a place is still a person; "DR Congo" is not
        titled_entity = honorific and not doc[i - 1].text.isupper() and i in long_entity \
            and long_entity[i].start >= i - 1 and long_entity[i].end <= after + 1
        if i in taken or i in long_entity and not titled_entity or not _is_name_word(word):
            continue
        known = fold(doc[i:after].text) in surnames
        if not (known or honorific):
            continue
        if after < len(doc) and _is_name_word(doc[after].text) and doc[after].text not in POSSESSIVE_TOKENS:
            if not honorific or after + 1 < len(doc) and _is_name_word(doc[after + 1].text):
                continue  # part of a longer name we do not know
            end = after + 1
        else:
            end = after
        if i > 0 and _is_name_word(doc[i - 1].text) and not honorific and doc[i - 1].i not in taken \
                and not _opener(doc[i - 1]):  # "But Campese told …" is Campese
            if known and end == after and _left_out_first_name(doc[i - 1], MISTAKEN_NAME_TYPES) \
                    and (i < 2 or not _is_name_word(doc[i - 2].text) or doc[i - 2].is_stop
                         or doc[i - 2].text.lower() in _SENTENCE_OPENERS):
                found.append(_mention(doc, i - 1, end, _possessive_after(doc, end)))  # "[Ivanka] Trump"
                taken.update(range(i - 1, end))
                continue
            if "\n" not in doc[i - 1].text and (i < 2 or "\n" not in doc[i - 2].text):
                continue  # "Clinton" in "Bill Clinton Foundation"-like runs
        found.append(_mention(doc, i, end, _possessive_after(doc, end)))
        taken.update(range(i, end))
    return found


def _hyphen_modifier(doc, end: int) -> bool:
    """Whether the word before `end` is glued by a hyphen to a lower-case word: "Oscar-nominated"."""
    return end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in ("-", "‐") \
        and not doc[end].whitespace_ and doc[end + 1].text[:1].islower()


def _hyphenated_end(doc, i: int) -> int:
    """Where the name word at token i ends: after "Silk" in "Kilroy-Silk", which the
    tokenizer splits at the hyphen."""
    if i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text in ("-", "‐") \
            and not doc[i + 1].whitespace_ and _is_name_word(doc[i + 2].text):
        return i + 3
    return i + 1


# Labels NER gives names it does not know ("Ivanka" a product) more often than real ones.
MISTAKEN_NAME_TYPES = ("PRODUCT", "WORK_OF_ART", "ORG", "FAC")


def _possessive_after(doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in POSSESSIVE_TOKENS


def _first_name_and_known_surname(doc, ent, i: int, surnames: set[str]) -> bool:
    """ "Ivanka Trump" taken by NER for a product: two words, the second the surname of
    someone in the text, the first a plausible first name."""
    return (ent.label_ in MISTAKEN_NAME_TYPES and ent.start == i - 1 and ent.end == i + 1
            and fold(doc[i].text) in surnames and _left_out_first_name(doc[i - 1], MISTAKEN_NAME_TYPES))


_NOT_SURNAME_TYPES = {"NORP", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                      "QUANTITY", "EVENT", "LAW", "LANGUAGE", "FAC"}


def _first_name_pairs(doc, found: list[Mention]) -> list[Mention]:
    """ "Carly Fiorina" that NER missed or took for an organization: a known first
    name followed by one capitalized word."""
    taken = _tokens_of(found)
    pairs = []
    words = token_texts(doc)
    for i in range(1, len(doc)):
        if i - 1 in taken or i in taken or words[i - 1].lower() not in FIRST_NAME_GENDER:
            continue
        first, last = doc[i - 1], doc[i]
        if not (_is_name_word(first.text) and first.text.isalpha() and _is_name_word(last.text)):
            continue
        if not last.text.replace("’", "").replace("'", "").replace("-", "").isalpha() or last.text.isupper():
            continue
        if last.ent_type_ in _NOT_SURNAME_TYPES or last.text.lower() in ROLE_WORDS \
                or last.text.lower() in _NOT_PERSON_HEADS:
            continue
        if i + 1 < len(doc) and _is_name_word(doc[i + 1].text) and doc[i + 1].text not in POSSESSIVE_TOKENS:
            continue  # "Jack Daniels Distillery"
        if i >= 2 and _is_name_word(doc[i - 2].text) and "\n" not in doc[i - 2].text \
                and doc[i - 2].text.lower().strip(".") not in HONORIFICS and role_of(doc[i - 2].text) is None:
            continue
        possessive = i + 1 < len(doc) and doc[i + 1].text in POSSESSIVE_TOKENS
        pairs.append(_mention(doc, i - 1, i + 1, possessive))
        taken.update((i - 1, i))
    return pairs


# Roles a business or a place can have too ("games developer Electronic Arts", "host city
# Athens"): a name after them may be no one's.
_ROLES_NOT_ONLY_PEOPLE = {"developer", "owner", "investor", "shareholder", "producer", "designer", "trader",
                          "member", "employee", "worker", "supporter", "fan", "host", "head", "general",
                          "speaker", "star", "artist", "author", "writer", "chief", "deputy", "resident",
                          "champion", "veteran", "challenger", "incumbent", "publisher", "broadcaster"}
# Last words of a business's or a body's name: "fund manager Matrix Asset Advisors".
ORG_NAME_HEADS = {"agency", "bank", "advisors", "advisers", "partners", "group", "capital", "holdings", "fund",
                  "trust", "committee", "council", "association", "party", "union", "league", "board",
                  "commission", "office", "ministry", "department", "services", "network", "news", "bureau",
                  "company", "corporation", "corp", "inc", "ltd", "plc", "airlines", "motors", "securities"}
_TITLED_NAME_TYPES = (*MISTAKEN_NAME_TYPES, "GPE", "LOC", "NORP")


def _titled_names(doc, found: list[Mention]) -> list[Mention]:
    """ "Newcastle boss Graeme Souness", "defender Rio Ferdinand" that NER took for an
    organization or a place: two or three name words right after a role only people have, or
    set off by commas after it."""
    taken = _tokens_of(found)
    titled = []
    for ent in doc.ents:
        if ent.label_ not in _TITLED_NAME_TYPES or not 2 <= len(ent) <= 3 or ent.start == 0 \
                or any(i in taken for i in range(ent.start, ent.end)):
            continue
        before = doc[ent.start - 1].text
        if before == "," and ent.start >= 2 and ent.end < len(doc) and doc[ent.end].text == ",":
            before = doc[ent.start - 2].text  # "the party's Holyrood leader, Nicola Sturgeon, said"
        if role_of(before) is None or before.lower() in _ROLES_NOT_ONLY_PEOPLE:
            continue
        if before.lower() == "official" and ent.start >= 2 and doc[ent.start - 2].lower_ in ("the", "a", "an"):
            continue  # "the official Xinhua News Agency": an adjective; "union official Ulf Carlsson" is a role
        if not all(w.text.isalpha() and _is_name_word(w.text) and w.text.lower() not in ROLE_WORDS for w in ent):
            continue
        if not _left_out_first_name(ent[0], _TITLED_NAME_TYPES) or not _plausible_name(ent.text) \
                or ent[-1].text.lower() in ORG_NAME_HEADS:
            continue
        titled.append(_mention(doc, ent.start, ent.end, _possessive_after(doc, ent.end)))
    return titled


def _honorific_gender(doc, token_start: int) -> str | None:
    if token_start > 0:
        return HONORIFICS.get(doc[token_start - 1].text.lower().strip("."))
    return None


_PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "himself": "male",
                   "she": "female", "her": "female", "hers": "female", "herself": "female"}


def _pronoun_after(doc, mention: Mention, mentions: list[Mention]) -> str | None:
    """The gender of the first he/she/his/her after a name, before anyone else is named."""
    next_other = min((m.token_start for m in mentions
                      if m.token_start > mention.token_start and m.person != mention.person), default=len(doc))
    for i in range(mention.token_end, min(len(doc), mention.token_end + 15, next_other)):
        text = doc[i].text
        if "\n" in text or text in ("“", "”", '"', "«", "»"):
            return None
        gender = _PRONOUN_GENDER.get(text.lower())
        if gender:
            if text.lower() in _PRONOUN_BEFORE_ITS_NAME and _named_later_in_sentence(doc, i, next_other):
                return None  # "With Mayor Walsh by her side, Clinton said": "her" is Clinton
            return gender
    return None


# Pronouns that may point forward to a name later in the sentence.
_PRONOUN_BEFORE_ITS_NAME = {"his", "her", "him"}


def _named_later_in_sentence(doc, i: int, next_other: int) -> bool:
    for j in range(i + 1, min(len(doc), i + 30)):
        if doc[j].text in (".", "!", "?", ";") or "\n" in doc[j].text:
            return False
        if j >= next_other:
            return True
    return False


def _opens_sentence(doc, token_start: int) -> bool:
    """Whether a name stands at the start of its sentence, titles and all ("But Sen. Ted Cruz"):
    the one a pronoun after it most likely means ("Clinton said she", not "an attack at
    Clinton for his campaign's ...")."""
    i = token_start - 1
    while i >= 0:
        text = doc[i].text
        lower = text.lower()
        if text in (".", "!", "?", ";", ":") or "\n" in text or text in ("“", "”", '"', "«", "»"):
            return True
        if not (_is_name_word(text) or lower in PRE_NAME_WORDS or lower.strip(".") in HONORIFICS
                or role_of(text, [x.text for x in doc[max(0, i - 2):i]]) or text in ("-", "–")
                or text in POSSESSIVE_TOKENS or lower in ("but", "and", "yet", "so")):
            return False
        i -= 1
    return True


def _cluster(doc, mentions: list[Mention]) -> _Clusters:
    clusters = _Clusters()
    # Full names first, so a lone surname joins the person it abbreviates even
    # when it comes first ("Peskov said ... Dmitry Peskov").
    for m in sorted(mentions, key=lambda m: (len(parse_person_name(m.text).given) == 0, m.start)):
        m.person = -1
        clusters.add(m, _honorific_gender(doc, m.token_start), frozenset(_roles_before(doc, m.token_start)[0]))
    return clusters


def find_people(doc) -> People:
    """The people of an article: mentions grouped per person, with roles and gender."""
    mentions = _ner_person_mentions(doc)
    mentions += _first_name_pairs(doc, mentions)
    mentions = sorted(mentions + _titled_names(doc, mentions), key=lambda m: m.start)
    clusters = _cluster(doc, mentions)
    extra = _missed_mentions(doc, mentions, clusters)
    if extra:
        # Once more with the surnames NER missed in their place in the text: which namesake
        # a lone surname means depends on what the surname named before it.
        clusters = _cluster(doc, mentions + extra)
    all_mentions = sorted((m for m in mentions + extra if m.person >= 0), key=lambda m: m.start)
    for person in clusters.persons:
        person.mentions.sort(key=lambda m: m.start)
        person.name = canonical_name(person.variants)
        genders = Counter()
        for m in person.mentions:
            before, g1 = _roles_before(doc, m.token_start)
            after, g2 = _roles_after(doc, m.token_end + (1 if m.possessive else 0)) if not m.possessive else (set(), None)
            person.roles |= before | after
            for g in (g1, g2, name_gender(m.text)):
                if g:
                    genders[g] += 1
        # What the text says ("Fiorina ... she") outweighs a first name that
        # belongs to a namesake merged in by surname.
        for m in person.mentions:
            g = _pronoun_after(doc, m, all_mentions) if _opens_sentence(doc, m.token_start) else None
            if g:
                genders[g] += 1
        if genders:
            ranked = genders.most_common()
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                person.gender = ranked[0][0]
    return People(clusters.persons, all_mentions)


def _entity_type(label: str) -> str | None:
    if label in PERSON_LABELS:
        return "person"
    if label in ORG_LABELS:
        return "org"
    if label in PLACE_LABELS:
        return "place"
    return None


def extract_entities(doc, people: People | None = None) -> list[Entity]:
    """People, organizations and places of one article, canonical names, mention counts."""
    try:
        return _extract_entities(doc, people)
    except Exception:  # noqa: BLE001 - extraction must never stop an ingest
        return []


def _extract_entities(doc, people: People | None) -> list[Entity]:
    people = people or find_people(doc)
    person_tokens = set()
    entities: list[Entity] = []
    for person in people.persons:
        if not person.mentions:
            continue
        for m in person.mentions:
            person_tokens.update(range(m.token_start, m.token_end))
        aliases = sorted(set(person.variants) - {person.name})
        entities.append(Entity(person.name, "person", len(person.mentions), aliases))
    counts: Counter = Counter()
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ent in doc.ents:
        kind = _entity_type(ent.label_)
        if kind is None or kind == "person" or any(i in person_tokens for i in range(ent.start, ent.end)):
            continue
        text = ent.text.strip()
        if not any(c.isalpha() for c in text) or len(text) > 80:
            continue
        name, kind = canonical_entity(text, kind)
        if not name or not _is_name_word(name.lstrip("'’\"“")) and not name[:1].isdigit():
            continue
        counts[(name, kind)] += 1
        surface = strip_possessive(text)
        if surface != name:
            aliases[(name, kind)].add(surface)
    for (name, kind), count in counts.items():
        entities.append(Entity(name, kind, count, sorted(aliases[(name, kind)])))
    entities.sort(key=lambda e: (-e.count, e.type, e.name))
    return entities
