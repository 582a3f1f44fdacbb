"""Bytes to text the way news files actually arrive: a BOM, a declared charset,
UTF-8, or the Windows-1252 that older sites and exports still use."""
from __future__ import annotations

import codecs
import re

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


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: cp1252 is the last resort,
    and the five bytes cp1252 leaves undefined become U+FFFD."""
    body, bom_encoding = strip_bom(data)
    if bom_encoding:
        return body.decode(bom_encoding, errors="replace"), bom_encoding
    utf16 = sniff_utf16(body)
    if utf16:
        return body.decode(utf16, errors="replace"), utf16
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        # Latin-1 is often declared for what is really cp1252 (browsers treat them as one).
        if encoding in ("iso8859-1", "latin-1", "ascii"):
            return body.decode("cp1252", errors="replace"), "cp1252"
        return text, encoding
    if UTF8_MULTIBYTE.search(body):
        return _decode_mixed(body), "utf-8+cp1252"
    return body.decode("cp1252", errors="replace"), "cp1252"


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
