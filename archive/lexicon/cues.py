"""Reporting verbs: the words that make a clause report what someone said."""
from __future__ import annotations

from archive.lexicon import french


# Verbs that report what someone said, as lemmas: every form of each (`inflections`) is a cue
# ("said", "warned", "insisting", "as Cornyn put it" is in TWO_WORD_CUES) and never a word of a
# person's name ("Stated Ferraro:", "Conceding that …", "Chief Jokes, Dodges …").
REPORTING_VERBS = """
say tell add warn assure write tweet retweet post email note explain insist argue claim declare state
continue ask question answer reply respond remark recall acknowledge admit agree announce suggest
predict promise vow conclude concede boast quip joke laugh chuckle smile sigh scoff shout yell
scream cry exclaim complain grumble lament bemoan observe report mention reiterate repeat echo urge
caution emphasize emphasise stress testify recount counter retort protest charge allege contend
maintain deny confirm reveal hint imply indicate speculate describe call label dub demand wonder
muse marvel snap proclaim accuse pledge thunder blast chime interject opine bark chant beam plead
rail fume gush concur tout hail mock whisper murmur boom press assert blame cite criticize criticise
praise thank dismiss denounce condemn decry chide admonish
"""
# Forms of reporting verbs that are no cue, though never a word of a name either: nouns more
# often than verbs in news ("the state", "key questions", "a wry chuckle"); "condemned", which
# reads as a report in "Pat Rowan, who had condemned the show." ("a statement condemning “…”" is
# one); "agree", a view shared ("Pollsters agree - Carl Bialik: “…”": Bialik speaks); and the
# participles of what a crowd does or others said first ("protesters had gathered, chanting “…”",
# "echoing some far-right critics").
NOT_CUE_FORMS = {"state", "question", "questions", "protest", "protests", "laugh", "laughs", "smile", "smiles",
                 "chuckle", "chuckles", "scream", "screams", "condemn", "condemns", "condemned", "agree",
                 "chanting", "echoing"}
# Verbs that headlines put next to a name ("Senator Slams Plan", "Chief Rejects Bid", "Speaking
# Clinton …") that report no quotation ("spoke at a rally", "shrugged off claims that …"; the one
# attacked is not the one quoted): never a word of a name, but no cue.
HEADLINE_VERBS = ("attack", "slam", "defend", "reject", "endorse", "speak", "shrug")

# Forms `inflections` would get wrong, written out.
IRREGULAR_FORMS = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
}
# A final consonant doubled before -ed and -ing: "quipped", "concurring".
DOUBLED_FINAL = {"quip", "slam", "admit", "snap", "concur", "shrug", "dub"}
# British and American spellings, both written: "labelled", "labeled".
EITHER_FINAL_L = {"label", "marvel"}


def inflections(verb: str) -> set[str]:
    """The verb, its -s, past and -ing forms: "agree" -> agrees, agreed, agreeing."""
    if verb in IRREGULAR_FORMS:
        return {verb, *IRREGULAR_FORMS[verb]}
    if verb.endswith("e"):
        ing = verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing"
        return {verb, verb + "s", verb + "d", ing}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else verb + "s"
    if verb in DOUBLED_FINAL or verb in EITHER_FINAL_L:
        doubled = {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
        single = {verb + "ed", verb + "ing"} if verb in EITHER_FINAL_L else set()
        return {verb, third} | doubled | single
    return {verb, third, verb + "ed", verb + "ing"}


REPORTING_VERB_FORMS = set().union(*(inflections(verb) for verb in REPORTING_VERBS.split()))
CUE_WORDS = REPORTING_VERB_FORMS - NOT_CUE_FORMS | french.CUE_WORDS
# Forms that are surnames too: "Lord Dubs".
SURNAME_FORMS = {"dubs"}
# Every form of a reporting or headline verb but those: never a word of a person's name.
NOT_NAME_VERBS = frozenset(REPORTING_VERB_FORMS.union(*(inflections(verb) for verb in HEADLINE_VERBS))
                           - SURNAME_FORMS | french.CUE_WORDS)

# Cues that also give a name: "a group called Future 45".
NAMING_CUES = {"called", "dubbed", "named", "labeled", "labelled"}

# Cues whose object is the addressee, never the speaker: "told CNN" is not "said CNN". Written
# out, not inflected: "“…?” asked Smith" and "warned Smith" do name the speaker.
NO_INVERSION = {"tell", "tells", "told", "telling", "ask", "asks", "urge", "urges", "urged",
                "call", "calls", "called", "describe", "describes", "described", "charge",
                "charges", "charged", "warn", "promise", "promises", "promised"}

# Cues whose object is who or what they spoke of, never the speaker: "…,” thanked Mayor Quinn
# for “…”", "…,” questioned Gov. Reyes' plan.
OBJECT_VERBS = """thank praise criticize criticise accuse blame mock hail chide dismiss denounce cite label dub
press email retweet tout blast decry"""
OBJECT_CUES = set().union(*(inflections(verb) for verb in OBJECT_VERBS.split())) | {"questioned"}

NEVER_INVERTED = NO_INVERSION | OBJECT_CUES

QUESTION_CUES = {"ask", "asks", "asked", "asking"}

# Cues of two words: "went on", "shot back", "pointed out", "as Cornyn put it".
TWO_WORD_CUES = {(verb, particle) for verb, particle in (
    *((v, "on") for v in ("went", "goes", "go", "going")),
    *((v, "back") for v in ("shot", "shoots", "fired", "fires", "hit", "hits", "wrote", "writes")),
    *((v, "out") for v in ("pointed", "points", "point", "pointing", "lashed", "lashes")),
    ("put", "it"), ("puts", "it"))} | french.TWO_WORD_CUES

# Verbs of thinking: what follows is the subject's view, and a quotation after it their words.
BELIEF_VERBS = {"feels", "felt", "believes", "believed", "thinks", "reckons", "reckoned", "fears", "feared",
                "hopes", "expects", "accepts", "accepted"}
