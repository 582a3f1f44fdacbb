"""Which reader a file needs, decided by its content; the file name only breaks ties."""
from __future__ import annotations

import json
import re

from archive.readers.encoding import sniff_utf16, strip_bom

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9]+:)?(rss|feed|RDF)\b", re.IGNORECASE)
HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]|<div[\s>]|<title[\s>]",
                       re.IGNORECASE)
# What may come before the root element of an XML document: the declaration,
# processing instructions, comments, a DOCTYPE (with an internal subset) and space.
XML_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE)
XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
# Formats that are never articles, by their first bytes (the file name may lie).
KNOWN_BINARY = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
# Control bytes that never occur in text (tab, LF, CR, FF, ESC excepted).
BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Share of such bytes above which a file is binary. Compressed or random bytes have
# about 10%; text with a few stray control characters far less.
BINARY_SHARE = 0.05


def detect_format(name: str, data: bytes) -> str:
    """One of zip, html, feed, json, jsonl, xml (an XML document that is no feed), text, binary."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    body, bom = strip_bom(data)
    if not bom:
        bom = sniff_utf16(body)
    if not bom and (_looks_binary(body) or binary_kind(body)):
        return "binary"
    if bom and bom.startswith("utf-16") or bom and bom.startswith("utf-32"):
        body = body.decode(bom, errors="replace").encode("utf-8")
    head = body[:4096].lstrip()
    if head.startswith((b"{", b"[")):
        return _json_or_jsonl(body, name)
    if head.startswith(b"<?xml"):
        root = _xml_root(head)
        if root is not None and root.lower() not in ("html", "rss", "feed", "rdf"):
            return "xml"
    if head.startswith(b"<"):
        if FEED_ROOT.search(head) and not re.search(rb"<html[\s>]", head, re.IGNORECASE):
            return "feed"
        return "html"
    if HTML_MARK.search(head):
        return "html"
    if name.lower().endswith(".json") and _is_json(body):
        return "json"  # a bare null, number or string: the JSON reader says why it is no article
    return "text"


def xml_root_name(data: bytes) -> str | None:
    """The name of an XML document's root element ("config" for <config>), if it can be seen."""
    body, _ = strip_bom(data)
    return _xml_root(body[:4096].lstrip())


def _xml_root(head: bytes) -> str | None:
    prolog = XML_PROLOG.match(head)
    root = XML_ROOT.match(head, prolog.end() if prolog else 0)
    return root.group(1).decode("ascii", "replace") if root else None


def binary_kind(data: bytes) -> str | None:
    """What a binary file is ("a PDF document"), when its first bytes say so."""
    for magic, kind in KNOWN_BINARY:
        if data.startswith(magic):
            return kind
    return None


def _looks_binary(data: bytes) -> bool:
    """A NUL is counted like any other stray control byte: one in a text file is damage,
    not a sign of binary content (UTF-16, half NULs, is recognised before this)."""
    sample = data[:8192]
    odd = len(sample) - len(sample.translate(None, BINARY_BYTES))  # the bytes deleting them removes
    return odd > len(sample) * BINARY_SHARE


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


def _json_or_jsonl(body: bytes, name: str) -> str:
    """A first line that is a whole JSON value with more lines after it means JSON Lines,
    whatever the file is called (a pretty-printed JSON file's first line is not whole)."""
    lines = [line for line in body.splitlines()[:2] if line.strip()]
    if name.lower().endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if len(lines) >= 2:
        try:
            json.loads(lines[0])
            return "jsonl"
        except ValueError:
            pass
    return "json"
