"""Per-client token buckets: each client may spend a burst at once, then regains a steady rate.

A client is its IP address; for IPv6 its /64, since one machine is usually given a
whole /64 and could otherwise take a fresh address for every request. Buckets that
have filled up again are forgotten, so the table holds only clients seen lately.
"""
from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Callable

MAX_CLIENTS = 100_000


def client_key(address: str | None) -> str:
    """The rate-limited unit an address belongs to."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class TokenBuckets:
    def __init__(self, per_minute: float, burst: float, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = MAX_CLIENTS):
        self.rate = per_minute / 60.0
        self.burst = max(1.0, burst)
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when counted)
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def take(self, client: str, cost: float = 1.0) -> float:
        """Spend `cost` from this client's bucket: 0 when it could, else the seconds until it can
        (nothing is spent then)."""
        if not self.enabled:
            return 0.0
        with self._lock:
            tokens = self._tokens(client)
            if tokens >= cost:
                self._buckets[client] = (tokens - cost, self.clock())
                self._forget_full_buckets()
                return 0.0
            return (cost - tokens) / self.rate

    def wait(self, client: str, cost: float = 1.0) -> float:
        """The seconds until `cost` could be spent, spending nothing."""
        if not self.enabled:
            return 0.0
        with self._lock:
            tokens = self._tokens(client)
        return 0.0 if tokens >= cost else (cost - tokens) / self.rate

    def _tokens(self, client: str) -> float:
        tokens, counted = self._buckets.get(client, (self.burst, self.clock()))
        return min(self.burst, tokens + (self.clock() - counted) * self.rate)

    def _forget_full_buckets(self) -> None:
        if len(self._buckets) <= self.max_clients:
            return
        now = self.clock()
        self._buckets = {client: (tokens, counted) for client, (tokens, counted) in self._buckets.items()
                         if tokens + (now - counted) * self.rate < self.burst}
        while len(self._buckets) > self.max_clients:  # all busy at once: drop the oldest
            self._buckets.pop(next(iter(self._buckets)))


def retry_after_seconds(wait: float) -> int:
    """Retry-After is in whole seconds; never 0 for a refusal."""
    return max(1, math.ceil(wait))
