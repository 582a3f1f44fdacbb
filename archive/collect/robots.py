"""robots.txt, per scheme and host, parsed by protego (Google's rules: the longest matching
path wins, wildcards, Crawl-delay), kept for a while.

A robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx, a
timeout) forbids everything until it is tried again, as Google's crawler does.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

ROBOTS_AGENT = "news-archive"
UNREADABLE_TTL = 300.0  # seconds before a robots.txt that could not be read is tried again


@dataclass
class Rules:
    parser: Protego | None  # None: no rules, everything allowed
    forbid_all: bool = False
    reason: str | None = None

    def allows(self, url: str) -> bool:
        if self.forbid_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def rules_from(status: int | None, body: bytes | None, error: str | None = None) -> Rules:
    """Rules from the answer to GET /robots.txt (status None: no answer, `error` says why)."""
    if status is not None and 200 <= status < 300 and body is not None:
        return Rules(Protego.parse(body.decode("utf-8", errors="replace")))
    if status is not None and 400 <= status < 500:
        return Rules(None)
    return Rules(None, forbid_all=True, reason=error or f"robots.txt answered {status}")


class RobotsCache:
    def __init__(self, ttl: float):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._rules: dict[str, tuple[float, Rules]] = {}
        self.fetches = 0

    def get(self, url: str) -> Rules | None:
        key = robots_url(url)
        with self._lock:
            kept = self._rules.get(key)
        if kept is None or kept[0] < time.monotonic():
            return None
        return kept[1]

    def put(self, url: str, rules: Rules) -> None:
        ttl = UNREADABLE_TTL if rules.forbid_all else self.ttl
        with self._lock:
            self._rules[robots_url(url)] = (time.monotonic() + ttl, rules)
            self.fetches += 1
