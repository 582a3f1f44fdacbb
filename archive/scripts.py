"""Which writing system letters are in: LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, HANGUL, CJK
(Han, hiragana and katakana together), as the first word of their Unicode names says."""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    if char < "\x80":
        return "LATIN"
    script = unicodedata.name(char, "UNKNOWN").split()[0]
    return "CJK" if script in ("CJK", "HIRAGANA", "KATAKANA") else script


def main_script(text: str) -> str | None:
    """The script most letters of `text` are in; None without letters."""
    if text.isascii():  # most names: no need to count
        return "LATIN" if any(char.isalpha() for char in text) else None
    counts = Counter(script_of(char) for char in text if char.isalpha())
    return counts.most_common(1)[0][0] if counts else None
