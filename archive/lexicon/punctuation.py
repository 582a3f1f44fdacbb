"""Dashes, quotation marks and sentence ends, as tokens."""
from __future__ import annotations

DASHES = ("—", "–", "-")

SIGNATURE_DASHES = ("-", "—", "–", "―", "--")  # "“…” — Adriana Rodarte": who signs a quotation

SENTENCE_END = {".", "!", "?", "...", "…", "?!", "!?"}

QUOTE_CHARS = set("“”\"＂„‟«»‘’'‚‛‹›「」『』")
