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


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return data[len(bom):], name
    return data, None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML file declares in its first few kilobytes, if Python knows it."""
    match = DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: cp1252 is the last resort,
    and the five bytes cp1252 leaves undefined become U+FFFD."""
    body, bom_encoding = strip_bom(data)
    if bom_encoding:
        return body.decode(bom_encoding, errors="replace"), bom_encoding
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
    return body.decode("cp1252", errors="replace"), "cp1252"
