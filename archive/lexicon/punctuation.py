"""Dashes, quotation marks, sentence ends and possessive endings, as tokens."""
from __future__ import annotations


# Every dash that may stand between parts of a sentence: "Trump — who …", "the senator - said".
DASHES = ("—", "–", "-")

# Dashes that set off a clause and never join two words (not the hyphen).
CLAUSE_DASHES = ("—", "–")

# Hyphen and en dash, tokens of their own inside a name or a modifier: "Ocasio-Cortez", "UK-based".
JOINING_DASHES = ("-", "–")

# Dashes that open a header line naming who speaks: "— Adriana Rodarte:" (the horizontal bar too).
HEADER_DASHES = (*DASHES, "―")

SIGNATURE_DASHES = ("-", "—", "–", "―", "--")  # "“…” — Adriana Rodarte": who signs a quotation

# A spaced dash inside what NER took for one name cuts it in two: "Florian Hamm - Borussia Dortmund".
DASHES_BETWEEN_NAMES = {"-", "–", "—", "--"}

SENTENCE_END = {".", "!", "?", "...", "…", "?!", "!?"}

QUOTE_CHARS = set("“”\"＂„‟«»‘’'‚‛‹›「」『』")

POSSESSIVE_TOKENS = {"'s", "’s", "'", "’", "ʼs"}
