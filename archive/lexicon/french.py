"""French words the attribution reads beside the English ones (archive.lexicon's other modules
take them in): reporting verbs, the pronouns that stand as a speaker, the words of a speaker's
description. Only words English text does not use that way: "le" ("Le Pen"), "de" ("de
Blasio"), "il" ("Il Sole"), "lance", "chef", "patron" are left out, so English output stays as
it was.
"""
from __future__ import annotations

# Reporting verbs as news writes them beside a quotation: the participle after "a" ("a
# déclaré"), the present ("estime", "confie") and its plural ("affirment").
REPORTING_VERBS = {  # participle: present, third person singular
    "déclaré": "déclare", "affirmé": "affirme", "ajouté": "ajoute", "expliqué": "explique",
    "assuré": "assure", "dénoncé": "dénonce", "annoncé": "annonce", "répondu": "répond",
    "indiqué": "indique", "précisé": "précise", "souligné": "souligne", "estimé": "estime",
    "confié": "confie", "insisté": "insiste", "averti": "avertit", "prévenu": "prévient",
    "reconnu": "reconnaît", "admis": "admet", "rappelé": "rappelle", "martelé": "martèle",
    "poursuivi": "poursuit", "conclu": "conclut", "commenté": "commente", "déploré": "déplore",
    "regretté": "regrette", "raconté": "raconte", "confirmé": "confirme", "démenti": "dément",
    "écrit": "écrit", "dit": "dit", "promis": "promet", "observé": "observe", "noté": "note",
    "relevé": "relève", "tweeté": "tweete", "réagi": "réagit", "plaidé": "plaide",
    "répliqué": "réplique", "rétorqué": "rétorque", "ironisé": "ironise", "protesté": "proteste",
    "témoigné": "témoigne", "fustigé": "fustige", "signalé": "signale", "lâché": "lâche",
    "glissé": "glisse",
}
# "Selon Marc Lefèvre, « … »": the speaker after it, as after an inverted cue.
ACCORDING_TO = {"selon"}
CUE_WORDS = (set(REPORTING_VERBS) | set(REPORTING_VERBS.values()) | ACCORDING_TO
             | {present + "nt" for present in REPORTING_VERBS.values() if present.endswith("e")})
# The past tense news writes, "a déclaré", "ont affirmé": a cue of two words.
TWO_WORD_CUES = {(auxiliary, participle) for auxiliary in ("a", "ont") for participle in REPORTING_VERBS}
# Subject pronouns that stand as a speaker, with the gender they require, as the tokenizer
# gives them in "a-t-il déclaré". Not "il" and "elle" alone: "According to Il Sole 24 Ore" is
# English.
PRONOUNS = {"-il": "male", "-elle": "female"}
# The words of a description: "la porte-parole du gouvernement, Anne Lemoine".
DETERMINERS = {"la", "les", "l'", "l’"}
NP_LINKS = {"du", "des", "d'", "d’"}
ROLE_WORDS = {
    "ministre": "minister", "porte-parole": "spokesperson", "président": "president",
    "présidente": "president", "directeur": "director", "directrice": "director",
    "secrétaire": "secretary", "maire": "mayor", "député": "lawmaker", "députée": "lawmaker",
    "sénateur": "senator", "sénatrice": "senator", "avocat": "lawyer", "avocate": "lawyer",
    "procureur": "prosecutor", "procureure": "prosecutor", "dirigeant": "leader", "dirigeante": "leader",
    "économiste": "economist", "ambassadeur": "ambassador", "ambassadrice": "ambassador", "juge": "judge",
    "syndicaliste": "activist", "entraîneur": "coach", "entraîneuse": "coach", "fondateur": "founder",
    "fondatrice": "founder",
}
