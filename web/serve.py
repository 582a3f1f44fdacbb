"""`python -m archive serve`: recover the index, seed a new archive, serve with waitress."""
from __future__ import annotations

import ipaddress
import logging
import os
import signal
import socket
import threading
from pathlib import Path

from archive.config import LOOPBACK_HOSTS, Settings

log = logging.getLogger(__name__)
# The seed article a new archive starts with: package data when installed, a link to the
# project's seeds/ in a checkout.
DEFAULT_SEEDS = Path(__file__).resolve().parent / "seeds"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(ipaddress.ip_address(info[4][0]).is_loopback
                       for info in socket.getaddrinfo(host, None))
        except (OSError, ValueError):
            return False


def answered_hosts(settings: Settings, host: str) -> tuple[str, ...]:
    """The Host names to answer: the settings' own, plus the address listened on when it is
    one (a wildcard address names no host, so the administrator must say which)."""
    named = host.strip("[]").lower()
    if named in ("0.0.0.0", "::", ""):
        if "*" not in settings.allowed_hosts and len(settings.allowed_hosts) <= len(LOOPBACK_HOSTS):
            log.warning("listening on every address, but answering only requests for %s: set "
                        "ARCHIVE_ALLOWED_HOSTS (or ARCHIVE_BASE_URL) to the names users type",
                        ", ".join(settings.allowed_hosts))
        return settings.allowed_hosts
    return settings.allowed_hosts if named in settings.allowed_hosts else (*settings.allowed_hosts, named)


def waitress_body_limit(settings: Settings) -> int:
    """Waitress answers an oversized body itself, in bare text; a little above the app's own
    limit, the app's 413 (a page, or JSON for the API, saying what the limits are) comes first."""
    return 2 * settings.max_upload_bytes


def stop_on_sigterm() -> None:
    """`docker stop` and systemd stop with SIGTERM: stop as on Ctrl-C (waitress closes on
    SystemExit), so the runtime closes and a running upload job pauses cleanly instead of
    counting as interrupted by a crash."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_signal)


def _exit_on_signal(number, frame):
    raise SystemExit(0)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
          access_log: bool = True, watch: bool = True) -> int:
    import waitress

    from web import access_log as access_lines
    from web import create_app
    from web.folder_lock import FolderServed, hold_serving_lock
    from web.runtime import Runtime, seed_if_empty

    if not is_loopback(host) and not settings.upload_token:
        log.error("refusing to listen on %s without ARCHIVE_UPLOAD_TOKEN: anyone on the network "
                  "could change the archive", host)
        print(f"Refusing to listen on {host}: set ARCHIVE_UPLOAD_TOKEN to serve beyond this machine.")
        return 2
    logging.getLogger().setLevel(logging.INFO)
    access_lines.enable(access_log)
    settings.allowed_hosts = answered_hosts(settings, host)
    try:
        serving_lock = hold_serving_lock(settings.data_dir)
    except FolderServed as exc:
        log.error("%s", exc)
        print(f"Not serving: {exc}.")
        return 1
    runtime = Runtime(settings, start_threads=False)
    seeds = Path(os.environ.get("ARCHIVE_SEEDS", DEFAULT_SEEDS))
    for report in seed_if_empty(runtime, seeds):
        log.info("seed %s: %s", report.file, report.status)
    runtime.start()
    app = create_app(runtime=runtime)
    if watch:
        app.extensions["collect"].start_watching()
    stop_on_sigterm()
    print(f"Serving the archive in {settings.data_dir} on http://{host}:{port}/", flush=True)
    try:
        # Waitress drops X-Forwarded-* headers unless told otherwise; with ARCHIVE_PROXIES
        # the app itself (ProxyFix, in create_app) reads them.
        waitress.serve(app, host=host, port=port, threads=threads, ident="archive",
                       max_request_body_size=waitress_body_limit(settings),
                       clear_untrusted_proxy_headers=not settings.proxies)
    finally:
        app.extensions["collect"].close()
        runtime.close()
        if serving_lock is not None:
            serving_lock.close()
    return 0
