"""One log line per request, through the logger `web.access`:

    GET /search 200 12.4ms 203.0.113.7 5120B

method, path (without its query string, which may hold what a user searched for),
status, duration until the last byte of the answer was handed to the server, the
client's address as the rate limits see it (after ARCHIVE_PROXIES), and the bytes
of the body. No header is logged: the upload token travels in Authorization and a
login in Cookie. The same values are on the record as attributes (method, path,
status, duration_ms, client, bytes) for a handler that writes structured logs.
"""
from __future__ import annotations

import logging
import time
from urllib.parse import quote

log = logging.getLogger("web.access")
# Characters a path shows as they are; anything else (spaces, control characters, a line
# break that would forge a log line) is shown percent-encoded, as it was sent.
PATH_SAFE = "/:@!$&'()*+,;=-._~"
MAX_SHOWN_CHARS = 2000


class AccessLog:
    """WSGI middleware around the app (and around ProxyFix, which rewrites REMOTE_ADDR in
    the environ it is given, so the address read after the call is the client's)."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        answer = {"status": "500"}

        def start_and_note(status, headers, exc_info=None):
            answer["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        try:
            body = self.wsgi_app(environ, start_and_note)
        except BaseException:
            _log_line(environ, answer["status"], started, 0)
            raise
        return CountedBody(body, lambda sent: _log_line(environ, answer["status"], started, sent))


class CountedBody:
    """The answer's body as the server reads it, counting bytes; logs when closed (the
    server closes it once the last byte is handed over, or the client went away)."""

    def __init__(self, body, on_close):
        self.body = body
        self.on_close = on_close
        self.sent = 0

    def __iter__(self):
        for chunk in self.body:
            self.sent += len(chunk)
            yield chunk

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.on_close(self.sent)


def _log_line(environ, status: str, started: float, sent: int) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    duration_ms = (time.perf_counter() - started) * 1000
    method = shown(environ.get("REQUEST_METHOD", ""))[:20]
    path = shown(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
    client = environ.get("REMOTE_ADDR") or "-"
    log.info("%s %s %s %.1fms %s %dB", method, path, status, duration_ms, client, sent,
             extra={"method": method, "path": path, "status": int(status) if status.isdigit() else 0,
                    "duration_ms": round(duration_ms, 1), "client": client, "bytes": sent})


def shown(text: str) -> str:
    """A request's text as it was sent, with everything but printable ASCII percent-encoded.
    WSGI gives the path's bytes decoded as latin-1 (PEP 3333), so they are encoded back."""
    raw = text.encode("latin-1", "replace")
    return quote(raw, safe=PATH_SAFE)[:MAX_SHOWN_CHARS]


def enable(on: bool = True) -> None:
    """Access lines are INFO; `serve` turns them on (or off) here, whatever the root level."""
    log.setLevel(logging.INFO if on else logging.WARNING)
