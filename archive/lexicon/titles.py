"""Titles and letters around a name that say what a person is, not who: "Mr", "Sen.", "Jr.", "MP"."""
from __future__ import annotations


# Words before a name that say what the person is, not who.
HONORIFICS = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "messrs": None,
    "mrs": "female", "ms": "female", "miss": "female", "madam": "female", "dame": "female",
    "lady": "female", "baroness": "female", "baron": "male", "mme": "female", "mmes": "female",
    "dr": None, "prof": None, "professor": None, "rev": None, "reverend": None,
    "sen": None, "senator": None, "rep": None, "representative": None, "gov": None,
    "governor": None, "president": None, "pres": None, "vice": None, "gen": None,
    "general": None, "lt": None, "col": None, "colonel": None, "sgt": None, "capt": None,
    "captain": None, "adm": None, "admiral": None, "maj": None, "cmdr": None, "judge": None,
    "justice": None, "mayor": None, "secretary": None, "minister": None, "chancellor": None,
    "premier": None, "prime": None, "king": None, "queen": "female", "prince": "male",
    "princess": "female", "pope": "male", "saint": None, "st": None, "speaker": None,
    "ambassador": None, "attorney": None, "chairman": None, "chairwoman": "female",
    "spokesman": "male", "spokeswoman": "female", "spokesperson": None, "leader": None,
    "candidate": None, "nominee": None, "sheriff": None, "chief": None, "deputy": None,
    "former": None, "the": None, "then": None, "sens": None, "reps": None, "uncle": "male",
    "aunt": "female", "father": "male", "mother": "female", "brother": "male", "sister": "female",
}

# Titles only a person has: "Mr Stearns" that NER took for an organization is a person.
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mister", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}

# Titles of the peerage: "Baroness Smith" is a person, and her title no part of her name.
PEERAGE_TITLES = {"baroness", "baron", "viscount", "earl"}

# Titles only a person takes (not "the", "former" or "leader", which HONORIFICS
# also strips from names).
PERSON_TITLES = COURTESY_TITLES | PEERAGE_TITLES | {"mme", "rev", "reverend", "president", "senator", "sen", "rep",
                                                   "gov", "governor"}

# Letters after a name, cut off when names are compared: "Martin Luther King Jr." is King.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}

GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # a generation ends a name: "Donald Trump Jr.", "Jim Jones III"

# Letters after a name ("Peter Ainsworth MP", "Jane Roe QC"): not part of the name, and the
# name still heads the phrase.
POSTNOMINALS = {"MP", "MSP", "MEP", "QC", "KC", "MBE", "OBE", "CBE", "KBE", "DBE", "PhD"}
