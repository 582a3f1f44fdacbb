"""Grammatical words the rules read around a speaker and a cue: determiners, links, conjunctions,
auxiliaries, the openers of clauses, and the capitalized words that open a sentence but never a name."""
from __future__ import annotations

from archive.lexicon import french
from archive.lexicon.cues import CUE_WORDS


LEADING_CONJUNCTIONS = {"but", "and", "yet", "so", "still", "meanwhile", "however", "then", "now",
                        "also", "instead", "later", "earlier"}

# Words anywhere before an organization in a speaker's phrase that make the phrase about it, not
# it: "another leading Supreme Court", "that once the Senate".
NOT_BEFORE_ORG_SPEAKER = {"another", "one", "that", "once", "how", "if", "when", "whether",
                          "while", "although", "though"}

# Words right before it that do the same: "a message referring to strikes against Islamic State"
# (while "The letter, from the Home Office," is the Home Office's).
ABOUT_WORDS = {"against", "about", "over", "into", "toward", "towards", "on", "with", "for", "to"}

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
               "one", "another", "our", "my", "your", "some", "several", "many", "two", "three",
               *french.DETERMINERS}

INDEFINITE = {"a", "an", "one", "another", "some", "several", "many", "two", "three"}

NP_STOP = {"who", "whom", "which", "that", "when", "while", "in", "on", "during", "after",
           "before", "because", "as", "if", "since", "but", "and", "or", "to", "about", "with",
           "without", "by", "from", "into", "than", "said", "says"}

NP_LINKS = {"of", "for", "at", *french.NP_LINKS}  # "spokesman for the Kremlin", "Joel Pollak of Breitbart"

# "Then there's Okafor.": the text turns to someone.
THERE_IS = {"is", "'s", "’s", "was", "are", "were"}

MODALS = {"will", "would", "could", "might", "may", "should", "must", "can", "shall"}

# Before a name that is not who speaks: "a message to Trump:", "a question for Clinton:".
OBJECT_PREPOSITIONS = {"to", "for", "at", "against", "about", "on", "with", "from", "toward", "towards"}

# Those of them that open a clause whose subject follows: "As Politico reported", "When Trump said".
CLAUSE_OPENERS = {"when", "as", "while", "if", "because", "since", "although", "though", "once", "until",
                  "after", "before", "like", "unlike"}

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

SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by", "from", "&", "or"}

AUXILIARIES = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "should",
               "may", "might", "must", "did", "does"}

# Words that may follow a clause's subject before its verb.
AFTER_SUBJECT = AUXILIARIES | {"do", "also", "later", "then", "once", "previously"}

# Capitalized words opening a sentence that NER sometimes takes into a name: conjunctions,
# prepositions and sentence adverbs.
NOT_IN_NAMES = {"like", "unlike", "as", "with", "for", "after", "despite", "from", "by", "and", "but", "when",
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

# Capitalized words that open sentences and are never first names.
SENTENCE_OPENERS = {"later", "earlier", "meanwhile", "then", "now", "today", "yesterday", "still",
                     "instead", "also", "here", "there", "when", "while", "after", "before", "as",
                     "since", "though", "although", "because", "if", "once", "even", "only", "so"}
