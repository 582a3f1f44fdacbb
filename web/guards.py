"""What every request passes before it is served: the Host it names, and how much its
client may ask for.

- Host: only the names in Settings.allowed_hosts are answered (loopback names by
  default), so a page on another site cannot reach a server on this machine by
  pointing its own domain name at 127.0.0.1 (DNS rebinding).
- Rate: each client has a bucket of requests (Settings.rate_limits); static files
  are free. Costly searches (index.search.is_costly: wildcards, ranges of words)
  and exports also spend from a smaller bucket of their own, and at most
  COSTLY_SLOTS of them run at once, so plain searches always find a thread.
Refusals are 429 (this client asked too much) or 503 (the server is busy with
costly searches), each with Retry-After.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from flask import current_app, request
from werkzeug.exceptions import BadRequest, ServiceUnavailable, TooManyRequests

from web.ratelimit import TokenBuckets, client_key, retry_after_seconds

COSTLY_SLOTS = 2  # one per core: more would only make each slower
BUSY_RETRY_SECONDS = 2
FREE_ENDPOINTS = ("static", "health.healthz")


class Guards:
    """One app's limits and counters (app.extensions["guards"])."""

    def __init__(self, settings):
        rates = settings.rate_limits
        self.allowed_hosts = frozenset(settings.allowed_hosts)
        self.requests = TokenBuckets(rates.requests_per_minute, rates.requests_burst)
        self.costly_searches = TokenBuckets(rates.costly_searches_per_minute, rates.costly_searches_burst)
        self.token_failures = TokenBuckets(rates.token_failures_per_minute, rates.token_failures_burst)
        self.costly_slots = threading.BoundedSemaphore(COSTLY_SLOTS)


def guards() -> Guards:
    return current_app.extensions["guards"]


def this_client() -> str:
    return client_key(request.remote_addr)


# Host ------------------------------------------------------------------------

def host_name(host_header: str) -> str:
    """'Example.org:5000' -> 'example.org'; '[::1]:5000' -> '::1'."""
    host = host_header.strip().lower().rstrip(".")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_host():
    """before_request: refuse a Host this archive does not answer for."""
    allowed = guards().allowed_hosts
    if "*" in allowed:
        return
    given = request.headers.get("Host", "")
    # No Host at all (an HTTP/1.0 health check) names no other site: browsers always send one.
    if given and host_name(given) not in allowed:
        shown = given.encode("ascii", "backslashreplace").decode("ascii")[:100]
        raise BadRequest(f"This archive does not answer for the host name '{shown}'. Its administrator "
                         f"can allow it with ARCHIVE_ALLOWED_HOSTS (or ARCHIVE_BASE_URL).")


# Rates -------------------------------------------------------------------------

def limit_request_rate():
    """before_request: one request from this client's bucket; static files are free."""
    if request.endpoint in FREE_ENDPOINTS:
        return
    wait = guards().requests.take(this_client())
    if wait:
        raise TooManyRequests("Too many requests from your address; wait a moment and try again.",
                              retry_after=retry_after_seconds(wait))


@contextmanager
def costly_search():
    """Around a costly search or an export: spends from this client's costly bucket and
    holds one of the COSTLY_SLOTS while it runs; refuses at once rather than queueing, so
    the request threads stay free for everyone else."""
    limits = guards()
    wait = limits.costly_searches.take(this_client())
    if wait:
        raise TooManyRequests("Too many searches with wildcards or ranges (or exports) from "
                              "your address; wait a moment, or search with whole words.",
                              retry_after=retry_after_seconds(wait))
    if not limits.costly_slots.acquire(blocking=False):
        raise ServiceUnavailable("The archive is busy with other searches that use wildcards or ranges; "
                                 "try again in a moment, or search with whole words.",
                                 retry_after=BUSY_RETRY_SECONDS)
    try:
        yield
    finally:
        limits.costly_slots.release()


# Wrong tokens ----------------------------------------------------------------------

def refuse_while_guessing():
    """Before a token is compared: a client that has given too many wrong ones waits."""
    wait = guards().token_failures.wait(this_client())
    if wait:
        raise TooManyRequests("Too many wrong upload tokens from your address; wait before trying again.",
                              retry_after=retry_after_seconds(wait))


def count_wrong_token() -> None:
    guards().token_failures.take(this_client())
