"""Dashes, quotation marks, sentence ends and possessive endings, as tokens."""
from __future__ import annotations


DASHES = ("—", "–", "-")

SIGNATURE_DASHES = ("-", "—", "–", "―", "--")  # "“…” — Adriana Rodarte": who signs a quotation

SENTENCE_END = {".", "!", "?", "...", "…", "?!", "!?"}

QUOTE_CHARS = set("“”\"＂„‟«»‘’'‚‛‹›「」『』")

POSSESSIVE_TOKENS = {"'s", "’s", "'", "’", "ʼs"}

DASHES_BETWEEN_NAMES = {"-", "–", "—", "--"}
