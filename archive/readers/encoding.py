"""Bytes to text the way news files actually arrive: a BOM, a declared charset, UTF-8,
or a legacy charset saved without any declaration (Windows-1251, KOI8-R, ISO-8859-7,
Windows-1254, Shift JIS, GB18030, Windows-1250, ISO-8859-2, Windows-1252...).

An undeclared legacy charset is detected by charset-normalizer, then checked against
the language the text reads as: charsets of one script share their bytes (Windows-1250,
ISO-8859-2, Windows-1252 and Windows-1254 differ in a handful of letters), and the
decoding a language identifier is surest of is the one that reads as a language.
Every `Decoded` says how its encoding was chosen and, when the choice may be wrong, why.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

import charset_normalizer

from archive.language import MIN_PROBABILITY, language_margin, language_probability
from archive.model import Decoding
from archive.scripts import main_script, script_of

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# <meta charset="x">, <meta http-equiv=... content="text/html; charset=x">, <?xml encoding="x"?>
DECLARED_CHARSET = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE
)
# A UTF-8 sequence of two to four bytes (lead byte, then continuation bytes).
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
NON_ASCII_BYTE = re.compile(rb"[\x80-\xff]")
# Latin-script charsets news still arrives in, the likelier first where two read the same
# bytes alike. They share most of their bytes, so a detector's choice among them is checked
# (see _readings); its choice for other scripts (Cyrillic, Greek, CJK...) is taken as it is.
LATIN_CHARSETS = (
    "cp1252", "cp1250", "iso8859_2", "cp1254", "iso8859_9", "iso8859_15", "cp1257", "iso8859_13",
    "iso8859_16", "cp1258",
)
# Weights of the margin by which a reading reads as a language (see _readings).
CHARSET_PRIOR = {"cp1252": 1.1}
# C1 control characters: what a single-byte charset that leaves 0x80-0x9F to controls makes
# of bytes that are letters in another (ISO-8859-2 reading Windows-1250's š, ž).
C1_CONTROLS = re.compile("[\x80-\x9f]")
# Detection reads this much of a file; the whole file is then read with the charset chosen.
DETECTION_BYTES = 32_768
# A second reading of the bytes, different in its text, that reads as a language nearly as
# surely as the first, makes the choice a guess.
CLOSE_MARGIN = 0.95
# Tags, and scripts and styles whole, of an HTML page or a feed.
MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
# Fewer letters than this are too few to tell one charset from another.
MIN_LETTERS = 12
LETTER = re.compile(r"[^\W\d_]")


class Decoded(NamedTuple):
    """A pair, so `text, decoding = decode(data)` reads it."""

    text: str
    decoding: Decoding


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return data[len(bom):], name
    return data, None


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without a BOM (mostly ASCII
    letters, so every other byte is NUL), else None."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for zeros, text, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * half and text.count(0) == 0:
            try:
                data[:len(data) - len(data) % 2].decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML file declares in its first few kilobytes, if Python knows it.

    A declaration read as ASCII cannot be true of UTF-16 or UTF-32 (those would need a
    BOM to be read at all), so such a claim means UTF-8, as browsers take it."""
    match = DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "utf-8" if codec.startswith(("utf-16", "utf-32")) else codec


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """The text of `data` and how it was read. Never raises: bytes no charset reads
    cleanly are read as Windows-1252 (its five undefined bytes become U+FFFD), and the
    Decoding says so."""
    body, bom_encoding = strip_bom(data)
    if bom_encoding:
        return Decoded(body.decode(bom_encoding, errors="replace"), Decoding(bom_encoding, "bom"))
    utf16 = sniff_utf16(body)
    if utf16:
        return Decoded(body.decode(utf16, errors="replace"), Decoding(utf16, "utf-16 without a BOM"))
    for encoding, method in ((declared, "declared"), ("utf-8", "utf-8")):
        if not encoding:
            continue
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        # Latin-1 is often declared for what is really cp1252 (browsers treat them as one).
        if encoding in ("iso8859-1", "latin-1", "ascii"):
            return Decoded(body.decode("cp1252", errors="replace"), Decoding("cp1252", method))
        return Decoded(text, Decoding(encoding, method))
    if _mostly_utf8(body):
        return Decoded(_decode_mixed(body), Decoding("utf-8+cp1252", "mixed"))
    return _detected(body)


def _mostly_utf8(body: bytes) -> bool:
    """Most non-ASCII bytes form UTF-8 sequences: a UTF-8 file with pasted-in Windows-1252
    lines, not a legacy charset whose letters happen to pair up as UTF-8 now and then."""
    utf8_bytes = sum(len(match) for match in UTF8_MULTIBYTE.findall(body))
    return utf8_bytes > 0 and utf8_bytes >= 0.5 * len(NON_ASCII_BYTE.findall(body))


def _detected(body: bytes) -> Decoded:
    sample = _detection_sample(body)
    # UTF-16 and UTF-32 without a BOM were ruled out before: a detector's guess of them for
    # a few bytes ("Caf\xe9") is no reading.
    detected = next((match.encoding for match in charset_normalizer.from_bytes(sample)
                     if not match.encoding.startswith(("utf_16", "utf_32"))), None)
    readings = _readings(sample, detected or "cp1252")
    encoding, mixed, margin, text = readings[0]
    rivals = [other for other, x, m, _ in readings[1:] if x == mixed and m >= CLOSE_MARGIN * margin]
    doubt = None
    if detected is None:
        doubt = f"no charset reads these bytes as text; read as {encoding}"
    elif len(LETTER.findall(sample.decode(encoding, errors="replace"))) < MIN_LETTERS:
        doubt = f"too little text to tell its charset; read as {encoding}"
    elif rivals:
        doubt = f"{rivals[0]} reads these bytes about as well as {encoding}; read as {encoding}"
    elif language_probability(_prose(text)) < MIN_PROBABILITY:
        doubt = f"read as {encoding}, the text is in no clear language"
    return Decoded(body.decode(encoding, errors="replace"), Decoding(encoding, "detected", doubt))


def _detection_sample(body: bytes) -> bytes:
    """The start of the file, cut after a line break: a byte every charset here reads as
    one (no multibyte character of Shift JIS or GB18030 holds 0x0A)."""
    if len(body) <= DETECTION_BYTES:
        return body
    cut = body.rfind(b"\n", 0, DETECTION_BYTES)
    return body[:cut + 1] if cut > 0 else body[:DETECTION_BYTES]


def _readings(sample: bytes, detected: str) -> list[tuple[str, int, float, str]]:
    """(charset, words mixing two scripts, how surely its text reads as a language, text),
    best first: the fewest mixed words ("Renי" is a Hebrew letter in a Latin name), then
    the surest language. When the detected reading's letters beyond ASCII are Latin, or it
    puts other letters inside Latin words, every Latin charset that reads the sample without C1
    controls is a candidate beside it (the first of LATIN_CHARSETS names a reading several
    give alike); Windows-1252, the commonest legacy charset by far, wins a near tie."""
    detected_text = sample.decode(detected, errors="replace")
    by_text: dict[str, str] = {}
    if _non_ascii_script(detected_text) in ("LATIN", None) or mixed_script_words(detected_text, "LATIN"):
        for encoding in LATIN_CHARSETS:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not C1_CONTROLS.search(text) and _non_ascii_script(text) in ("LATIN", None):
                by_text.setdefault(text, encoding)
    by_text.setdefault(detected_text, detected)
    readings = [(encoding, mixed_script_words(text), language_margin(_prose(text)) * CHARSET_PRIOR.get(encoding, 1.0),
                 text) for text, encoding in by_text.items()]
    return sorted(readings, key=lambda reading: (reading[1], -reading[2]))


def _prose(text: str) -> str:
    """The text of a page or feed without its markup, scripts and styles: what the language
    is judged by."""
    return MARKUP.sub(" ", text)


def _non_ascii_script(text: str) -> str | None:
    """The script of most letters beyond ASCII: the letters charsets read differently."""
    return main_script("".join(char for char in text if char >= "\x80"))


def mixed_script_words(text: str, including: str | None = None) -> int:
    """How many words (runs of letters and the marks over them) have letters of two scripts
    (one of them `including`, when given)."""
    mixed = 0
    scripts: set[str] = set()
    for char in text + " ":
        if char.isalpha() or unicodedata.category(char).startswith("M"):
            scripts.add(script_of(char))
            continue
        scripts.discard("COMBINING")  # the marks every script shares (U+0300...)
        mixed += len(scripts) > 1 and (including is None or including in scripts)
        scripts.clear()
    return mixed


def _decode_mixed(body: bytes) -> str:
    """A file pasted together from UTF-8 and Windows-1252 parts: each line in the
    encoding it reads in (UTF-8 first)."""
    lines = []
    for line in body.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "".join(lines)
