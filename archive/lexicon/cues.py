"""Reporting verbs: the words that make a clause report what someone said."""
from __future__ import annotations


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

QUESTION_CUES = {"ask", "asks", "asked", "asking"}

# Cues of two words: "went on", "shot back", "pointed out", "as Cornyn put it".
TWO_WORD_CUES = {(verb, particle) for verb, particle in (
    *((v, "on") for v in ("went", "goes", "go", "going")),
    *((v, "back") for v in ("shot", "shoots", "fired", "fires", "hit", "hits", "wrote", "writes")),
    *((v, "out") for v in ("pointed", "points", "point", "pointing", "lashed", "lashes")),
    ("put", "it"), ("puts", "it"))}

# Verbs of thinking: what follows is the subject's view, and a quotation after it their words.
BELIEF_VERBS = {"feels", "felt", "believes", "believed", "thinks", "reckons", "reckoned", "fears", "feared",
                "hopes", "expects", "accepts", "accepted"}

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
