"""Which reader a file needs, decided by its content; the file name only breaks ties."""
from __future__ import annotations

import json
import re

from archive.readers.encoding import strip_bom

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9]+:)?(rss|feed|RDF)\b", re.IGNORECASE)
HTML_MARK = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]|<div[\s>]|<title[\s>]",
                       re.IGNORECASE)
# Control bytes that never occur in text (tab, LF, CR, FF, ESC excepted).
BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def detect_format(name: str, data: bytes) -> str:
    """One of zip, html, feed, json, jsonl, text, binary."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    body, bom = strip_bom(data)
    if not bom and _looks_binary(body):
        return "binary"
    if bom and bom.startswith("utf-16") or bom and bom.startswith("utf-32"):
        body = body.decode(bom, errors="replace").encode("utf-8")
    head = body[:4096].lstrip()
    if head.startswith((b"{", b"[")):
        return _json_or_jsonl(body, name)
    if head.startswith(b"<"):
        if FEED_ROOT.search(head) and not re.search(rb"<html[\s>]", head, re.IGNORECASE):
            return "feed"
        return "html"
    if HTML_MARK.search(head):
        return "html"
    return "text"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    odd = sum(1 for b in sample if b in BINARY_BYTES)
    return odd > len(sample) * 0.01


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
