"""Role nouns: what the text says a person is ("the spokesman", "the defender"), and the words
that may stand in a title before a name."""
from __future__ import annotations

from archive.lexicon import french


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
    **french.ROLE_WORDS,
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

# Not "chairman" (nor in titles.HONORIFICS): British papers give women that title too
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

# Roles a business or a place can have too ("games developer Electronic Arts", "host city
# Athens"): a name after them may be no one's.
ROLES_NOT_ONLY_PEOPLE = {"developer", "owner", "investor", "shareholder", "producer", "designer", "trader",
                          "member", "employee", "worker", "supporter", "fan", "host", "head", "general",
                          "speaker", "star", "artist", "author", "writer", "chief", "deputy", "resident",
                          "champion", "veteran", "challenger", "incumbent", "publisher", "broadcaster"}

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
