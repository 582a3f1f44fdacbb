"""The SSRF guard: only http and https, and never an address on this machine's own networks
(loopback, private, link-local, multicast, reserved...) unless the settings allow them.

Checked twice for every hop: on the addresses the name resolves to before connecting, and on
the address actually connected to (a name that resolves differently the second time, DNS
rebinding, is caught there).
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class FetchRefused(Exception):
    """A URL that may not be fetched; the message says why, in plain words."""


def check_url(url: str, allow_private: bool) -> None:
    """Raise FetchRefused unless `url` is http(s) with a host whose every address is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(f"not a valid URL: {url!r}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"the URL names no host: {url!r}")
    if parts.username or parts.password:
        raise FetchRefused("URLs with a user name or password are not fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchRefused(f"the host {host} cannot be resolved ({exc})") from None
    for info in infos:
        check_address(info[4][0], host)


def check_address(address: str, host: str, allow_private: bool = False) -> None:
    """Raise FetchRefused when `address` (an IP, as connected to) is not a public one."""
    if allow_private:
        return
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast or ip.is_reserved:
        raise FetchRefused(
            f"{host} resolves to {ip}, an address on this machine or a private network; such "
            f"addresses are refused (ARCHIVE_FETCH_ALLOW_PRIVATE=1 allows them)")
