"""Where an archive lives and the limits it enforces, from arguments and the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archive.readers import Limits

DEFAULT_DATA_DIR = "data"
MIN_TOKEN_CHARS = 16
# The names a browser on this machine uses; anything else must be allowed by name, so a
# page on another site cannot reach a server on loopback through DNS rebinding.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and what to do."""


def int_env(name: str, default: int) -> int:
    """$name as a whole number, else `default`; anything else ends the command with one line."""
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"archive: {name} must be a whole number, not {value!r}") from None


def float_env(name: str, default: float) -> float:
    """$name as a number, else `default`; anything else ends the command with one line."""
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"archive: {name} must be a number, not {value!r}") from None


def port_from_env() -> int:
    """The port `serve` listens on without --port: $ARCHIVE_PORT, else 5000."""
    return int_env("ARCHIVE_PORT", 5000)


def _list_env(name: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in (os.environ.get(name) or "").split(",") if part.strip())


@dataclass
class RateLimits:
    """Per client (an IP address; an IPv6 /64), as token buckets: a burst, then a rate.
    A rate of 0 turns that limit off."""

    requests_per_minute: float = 600  # every page and API call but static files
    requests_burst: float = 120
    costly_searches_per_minute: float = 30  # wildcards, fuzzy words, ranges (index.search.is_costly)
    costly_searches_burst: float = 10
    token_failures_per_minute: float = 2  # wrong upload tokens, at the API or the login form
    token_failures_burst: float = 10


@dataclass
class Settings:
    data_dir: Path
    limits: Limits = field(default_factory=Limits)
    max_upload_files: int = 1000
    max_upload_bytes: int = 200 * 1024 * 1024
    upload_token: str | None = None
    # The address users reach the archive at (https://archive.example.org): its host is
    # allowed, and an https one makes the session cookie Secure.
    base_url: str | None = None
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS  # Host header names answered; "*" answers any
    proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers are trusted
    rate_limits: RateLimits = field(default_factory=RateLimits)
    # Web origins (https://app.example.org) whose pages may read the JSON answers; "*" for any.
    # Off by default; reading only, never with credentials (web/cors.py).
    cors_origins: tuple[str, ...] = ()

    def __post_init__(self):
        if self.upload_token is not None and len(self.upload_token) < MIN_TOKEN_CHARS:
            raise SettingsError(
                f"ARCHIVE_UPLOAD_TOKEN is {len(self.upload_token)} characters long; use at least "
                f"{MIN_TOKEN_CHARS} (for example the output of: python3 -c 'import secrets; "
                f"print(secrets.token_urlsafe(24))')")
        if self.base_url:
            parts = urlsplit(self.base_url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise SettingsError(f"ARCHIVE_BASE_URL must be an http(s) address such as "
                                    f"https://archive.example.org, not {self.base_url!r}")
            if parts.hostname.lower() not in self.allowed_hosts:
                self.allowed_hosts = (*self.allowed_hosts, parts.hostname.lower())
        self.cors_origins = tuple(origin.rstrip("/").lower() for origin in self.cors_origins)
        for origin in self.cors_origins:
            parts = urlsplit(origin)
            if origin != "*" and (parts.scheme not in ("http", "https") or not parts.netloc or parts.path):
                raise SettingsError(f"ARCHIVE_CORS_ORIGINS holds origins such as https://app.example.org "
                                    f"(comma-separated) or *, not {origin!r}")

    @property
    def db_path(self) -> Path:
        return self.data_dir / "archive.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def secure_cookies(self) -> bool:
        return bool(self.base_url) and self.base_url.lower().startswith("https:")

    @classmethod
    def from_env(cls, data_dir: str | os.PathLike | None = None) -> "Settings":
        chosen = Path(data_dir or os.environ.get("ARCHIVE_DATA") or DEFAULT_DATA_DIR)
        limits = Limits(max_file_bytes=int_env("ARCHIVE_MAX_FILE_BYTES", Limits.max_file_bytes))
        defaults = RateLimits()
        rates = RateLimits(
            requests_per_minute=float_env("ARCHIVE_RATE_LIMIT", defaults.requests_per_minute),
            requests_burst=float_env("ARCHIVE_RATE_BURST", defaults.requests_burst),
            costly_searches_per_minute=float_env("ARCHIVE_COSTLY_SEARCH_RATE", defaults.costly_searches_per_minute),
        )
        try:
            return cls(
                data_dir=chosen,
                limits=limits,
                max_upload_files=int_env("ARCHIVE_MAX_UPLOAD_FILES", cls.max_upload_files),
                max_upload_bytes=int_env("ARCHIVE_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
                upload_token=os.environ.get("ARCHIVE_UPLOAD_TOKEN") or None,
                base_url=os.environ.get("ARCHIVE_BASE_URL") or None,
                allowed_hosts=LOOPBACK_HOSTS + _list_env("ARCHIVE_ALLOWED_HOSTS"),
                proxies=int_env("ARCHIVE_PROXIES", 0),
                rate_limits=rates,
                cors_origins=_list_env("ARCHIVE_CORS_ORIGINS"),
            )
        except SettingsError as exc:
            raise SystemExit(f"archive: {exc}") from None
