"""The collector's settings, from the environment; tests and benchmarks pass small delays."""
from __future__ import annotations

import os
from dataclasses import dataclass

from archive import __version__
from archive.config import float_env


@dataclass
class FetchSettings:
    allow_private: bool = False  # loopback, private, link-local... addresses (intranets, tests)
    private_hosts: tuple[str, ...] = ()  # host names allowed such addresses, when not all are
    contact: str | None = None  # a URL or e-mail address site owners can reach the operator at
    host_interval: float = 1.0  # seconds between two requests to one host, at least
    max_hosts: int = 4  # hosts fetched at once
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024  # of one response body, decompressed
    max_redirects: int = 5
    retries: int = 2  # after the first try, on 429, 5xx and timeouts
    retry_base: float = 2.0  # seconds before the first retry; doubled each time
    max_retry_after: float = 120.0  # a longer Retry-After is not waited for: the fetch fails
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is kept
    every_minutes: float = 30.0  # a feed's default polling interval
    max_backoff_minutes: float = 24 * 60.0  # a failing feed is tried at least this often
    max_entries: int = 10_000  # entries read from one feed or sitemap
    max_sitemaps: int = 50  # child sitemaps followed from one sitemap index

    def allows_private(self, host: str | None) -> bool:
        return self.allow_private or (host or "").lower() in self.private_hosts

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"news-archive/{__version__} (a news archive's collector{contact})"

    @classmethod
    def from_env(cls) -> "FetchSettings":
        defaults = cls()
        allowed = os.environ.get("ARCHIVE_FETCH_ALLOW_PRIVATE", "").strip()
        return cls(
            allow_private=allowed == "1",
            private_hosts=tuple(h.strip().lower() for h in allowed.split(",") if h.strip()) if allowed != "1" else (),
            contact=os.environ.get("ARCHIVE_FETCH_CONTACT") or None,
            host_interval=float_env("ARCHIVE_FETCH_HOST_INTERVAL", defaults.host_interval),
            max_hosts=max(1, int(float_env("ARCHIVE_FETCH_HOSTS", defaults.max_hosts))),
            connect_timeout=float_env("ARCHIVE_FETCH_CONNECT_TIMEOUT", defaults.connect_timeout),
            read_timeout=float_env("ARCHIVE_FETCH_READ_TIMEOUT", defaults.read_timeout),
            max_bytes=int(float_env("ARCHIVE_FETCH_MAX_BYTES", defaults.max_bytes)),
            retry_base=float_env("ARCHIVE_FETCH_RETRY_SECONDS", defaults.retry_base),
        )
