"""The HTTP client: httpx, one request at a time per host, every hop checked.

For each hop (the URL asked for, then each redirect): the SSRF guard on the resolved
addresses, with the connection pinned to the address checked (the Host header and TLS name
stay the URL's); robots.txt; the host's turn (collect.politeness). Conditional GET with the
ETag and Last-Modified given; gzip and deflate, decompressed here with a bound so that a
compression bomb stops at `max_bytes`; connect and read timeouts and a deadline for the
whole body; retries with backoff on 429, 5xx and timeouts, honouring Retry-After.
"""
from __future__ import annotations

import email.utils
import logging
import socket
import time
import zlib
from http import HTTPStatus
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from archive.collect.guard import FetchRefused, check_address, check_url
from archive.collect.politeness import Politeness
from archive.collect.robots import RobotsCache, Rules, robots_url, rules_from
from archive.collect.settings import FetchSettings

log = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)
RETRIED = (429, 500, 502, 503, 504)
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024


class FetchFailed(Exception):
    """A fetch that did not give a usable answer; the message says why, in plain words.
    `transient`: worth trying again later (a timeout, a 5xx, a 429, a dropped connection)."""

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    headers: httpx.Headers
    body: bytes = b""
    raw_bytes: int = 0  # as received, before decompression
    requested: str = ""  # the URL asked for (its validators are kept under it)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass
class Counters:
    requests: int = 0
    raw_bytes: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


class Fetcher:
    def __init__(self, settings: FetchSettings, politeness: Politeness | None = None):
        self.settings = settings
        self.politeness = politeness or Politeness(settings.host_interval, settings.max_hosts)
        self.robots = RobotsCache(settings.robots_ttl)
        self.counters = Counters()
        self._client = httpx.Client(
            follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            limits=httpx.Limits(max_connections=max(4, settings.max_hosts * 2)),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Fetched:
        """GET `url`, following redirects; a 304 comes back as it is (`not_modified`).
        Raises FetchRefused (the guard, robots.txt) or FetchFailed."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen, requested = set(), url
        for _ in range(self.settings.max_redirects + 1):
            if url in seen:
                raise FetchFailed(f"a redirect loop: {url} leads back to itself")
            seen.add(url)
            check_url(url, self.settings.allows_private(_host(url)))
            rules = self.rules_for(url)
            if not rules.allows(url):
                raise FetchRefused(f"robots.txt of {urlsplit(url).hostname} does not allow fetching {url}"
                                   + (f" ({rules.reason})" if rules.reason else ""))
            fetched = self._with_retries(url, headers, self.settings.max_bytes)
            location = fetched.headers.get("location")
            if fetched.status in REDIRECTS and location:
                url = urljoin(url, location.strip())
                continue
            if fetched.status != 304 and not 200 <= fetched.status < 300:
                raise FetchFailed(f"{url} answered {fetched.status} {_reason(fetched.status)}",
                                  transient=fetched.status in RETRIED)
            fetched.requested = requested
            return fetched
        raise FetchFailed(f"more than {self.settings.max_redirects} redirects from {url}")

    def rules_for(self, url: str) -> Rules:
        rules = self.robots.get(url)
        if rules is not None:
            return rules
        where = robots_url(url)
        try:
            check_url(where, self.settings.allows_private(_host(where)))
            fetched = self._with_retries(where, {"Accept": "text/plain"}, ROBOTS_MAX_BYTES, retries=0)
            if fetched.status in REDIRECTS:  # followed once, on the same host only
                target = urljoin(where, fetched.headers.get("location", ""))
                if urlsplit(target).netloc == urlsplit(where).netloc and target != where:
                    fetched = self._with_retries(target, {"Accept": "text/plain"}, ROBOTS_MAX_BYTES, retries=0)
            rules = rules_from(fetched.status, fetched.body)
        except (FetchFailed, FetchRefused) as exc:
            rules = rules_from(None, None, error=f"its robots.txt could not be read: {exc}")
        self.robots.put(url, rules)
        self.politeness.set_crawl_delay(_host(url), rules.crawl_delay())
        return rules

    def _with_retries(self, url: str, headers: dict, max_bytes: int, retries: int | None = None) -> Fetched:
        host = _host(url)
        retries = self.settings.retries if retries is None else retries
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                with self.politeness.turn(host):
                    fetched = self._once(url, headers, max_bytes)
            except httpx.TimeoutException:
                if last:
                    raise FetchFailed(f"{url} did not answer in time (timeout)", transient=True) from None
                self.politeness.defer(host, self._backoff(attempt))
                continue
            if fetched.status not in RETRIED or last:
                return fetched
            wait = retry_after(fetched.headers.get("retry-after"))
            if wait is not None and wait > self.settings.max_retry_after:
                raise FetchFailed(f"{url} answered {fetched.status} and asks to wait {wait:.0f} s", transient=True)
            self.politeness.defer(host, wait if wait is not None else self._backoff(attempt))
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return self.settings.retry_base * (2 ** attempt)

    def _once(self, url: str, headers: dict, max_bytes: int) -> Fetched:
        target, extra_headers, extensions = self._pinned(url)
        started = time.monotonic()
        deadline = started + self.settings.read_timeout + self.settings.connect_timeout
        try:
            with self._client.stream("GET", target, headers={**headers, **extra_headers},
                                     extensions=extensions) as response:
                self._check_peer(response, url)
                self.counters.requests += 1
                self.counters.statuses[response.status_code] = self.counters.statuses.get(response.status_code, 0) + 1
                fetched = Fetched(url, response.status_code, response.headers)
                if response.status_code in REDIRECTS or response.status_code == 304:
                    return fetched
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchFailed(f"{url} is too large: {int(declared):,} bytes (the limit is {max_bytes:,})")
                decoder = BoundedDecoder(response.headers.get("content-encoding", ""), max_bytes, url)
                for chunk in response.iter_raw(CHUNK):
                    fetched.raw_bytes += len(chunk)
                    self.counters.raw_bytes += len(chunk)
                    decoder.feed(chunk)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("the body took too long")
                fetched.body = decoder.finish()
                return fetched
        except (httpx.TimeoutException, FetchFailed, FetchRefused):
            raise
        except httpx.HTTPError as exc:
            raise FetchFailed(f"{url} could not be fetched ({type(exc).__name__}: {exc})", transient=True) from None

    def _pinned(self, url: str) -> tuple[str, dict, dict]:
        """The URL to connect to: with private addresses refused, the host's checked address
        itself, so a second resolution cannot lead elsewhere (the Host header and the TLS
        server name stay the URL's)."""
        if self.settings.allows_private(_host(url)):
            return url, {}, {}
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4][0]
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(f"the host {host} cannot be resolved ({exc})", transient=True) from None
        check_address(address, host)
        literal = f"[{address}]" if ":" in address else address
        netloc = f"{literal}:{parts.port}" if parts.port else literal
        return (urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")),
                {"Host": parts.netloc.rsplit("@", 1)[-1]}, {"sni_hostname": host})

    def _check_peer(self, response: httpx.Response, url: str) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer:
            check_address(peer[0], _host(url), self.settings.allows_private(_host(url)))


class BoundedDecoder:
    """Decompress a body as it arrives, never past `max_bytes` (a gzip bomb stops there)."""

    def __init__(self, encoding: str, max_bytes: int, url: str):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchFailed(f"{url} came in an encoding that is not read: {encoding}")
        self.max_bytes = max_bytes
        self.url = url
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._add(chunk)
            return
        try:
            data = chunk
            while data:
                out = self._z.decompress(data, self.max_bytes - self._size + 1)
                self._add(out)
                data = self._z.unconsumed_tail
        except zlib.error as exc:
            raise FetchFailed(f"{self.url} sent a damaged compressed body ({exc})") from None

    def finish(self) -> bytes:
        if self._z is not None:
            self._add(self._z.flush())
        return b"".join(self._parts)

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.max_bytes:
            raise FetchFailed(f"{self.url} is larger than the limit of {self.max_bytes:,} bytes "
                              "(decompressed)")
        self._parts.append(data)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
