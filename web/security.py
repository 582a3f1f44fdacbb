"""Headers every response carries, the secret key, the upload token and CSRF.

- Content-Security-Policy: only our own scripts and styles, no inline code.
- The secret key signs the session cookie; it comes from ARCHIVE_SECRET_KEY or
  is made once and kept in the data folder (mode 600).
- When Settings.upload_token is set, changing the archive needs it: the API
  takes `Authorization: Bearer <token>`, the browser logs in once. A login is a
  session kept on the server (web/sessions.py): logging out ends it there, and a
  new token ends them all. Wrong tokens are counted per client (web/guards.py).
- CSRF: a random token per session, in the signed session cookie, echoed by
  every form (field `csrf_token`) and script (header `X-CSRF-Token`).
- A browser request from another site (Origin or Sec-Fetch-Site says so) may
  not change anything, whichever credentials it carries.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import abort, current_app, request, session, url_for

from web import guards

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SECRET_KEY_FILE = "secret_key"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


# The secret key ---------------------------------------------------------------

def load_secret_key(data_dir: Path) -> str:
    """ARCHIVE_SECRET_KEY, else the key kept in `data_dir/secret_key`, made on first use."""
    from_env = os.environ.get("ARCHIVE_SECRET_KEY")
    if from_env:
        return from_env
    path = Path(data_dir) / SECRET_KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        # An empty file (a crash between create and write): start over.
        path.unlink(missing_ok=True)
        return load_secret_key(data_dir)
    except OSError as exc:
        # A read-only data folder still serves searches; logins then last until a restart.
        log.warning("cannot keep a secret key in %s (%s); using one for this run only", path, exc.strerror)
        return secrets.token_hex(32)
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
        out.flush()
        os.fsync(out.fileno())
    return key


# The upload token ---------------------------------------------------------------

def upload_token() -> str | None:
    return current_app.extensions["archive"].settings.upload_token


def token_required() -> bool:
    return bool(upload_token())


def _session_mark(token: str) -> str:
    key = str(current_app.secret_key).encode("utf-8")
    return hmac.new(key, b"upload-token:" + token.encode("utf-8"), hashlib.sha256).hexdigest()


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_matches(given: str | None) -> bool:
    expected = upload_token()
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def may_change(api: bool = False) -> bool:
    """Whether this request may change the archive (no token configured, or it was given)."""
    token = upload_token()
    if not token:
        return True
    given = bearer_token()
    if given is not None:
        return checked_token(given)
    if api:
        return False
    return _sessions().valid(session.get("sid"), _session_mark(token))


def checked_token(given: str) -> bool:
    """Compare a token someone gave, counting a wrong one against their address; a client
    with too many wrong ones is refused (429) before the comparison."""
    guards.refuse_while_guessing()
    if token_matches(given):
        return True
    guards.count_wrong_token()
    return False


def log_in(given: str) -> bool:
    if not checked_token(given):
        return False
    _sessions().close(session.get("sid"))
    session["sid"] = _sessions().open(_session_mark(upload_token()))
    session.permanent = True
    return True


def log_out() -> None:
    _sessions().close(session.pop("sid", None))


def _sessions():
    return current_app.extensions["sessions"]


def logged_in() -> bool:
    return token_required() and may_change()


# CSRF -------------------------------------------------------------------------

def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok() -> bool:
    expected = session.get("csrf")
    given = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    # Bytes: compare_digest refuses str with non-ASCII characters, which a client may send.
    return bool(expected and given) and hmac.compare_digest(str(given).encode("utf-8"), str(expected).encode("utf-8"))


def require_csrf() -> None:
    if not csrf_ok():
        abort(400, description="This form has expired or did not come from this site. "
                               "Reload the page and try again.")


def cross_site_request() -> bool:
    """A browser says this request comes from a page on another site (an Origin that cannot
    be read counts as another site)."""
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if not origin:
        return False
    if origin == "null":
        return True
    try:
        here = urlsplit(request.host_url)
        there = urlsplit(origin)
        return (there.scheme, there.netloc) != (here.scheme, here.netloc)
    except ValueError:  # "http://[" and the like
        return True


def refuse_cross_site_changes():
    """before_request: nothing from another site's page may change the archive."""
    if request.method not in SAFE_METHODS and cross_site_request():
        abort(403, description="Requests from other sites may not change the archive.")


# Where to go after logging in ------------------------------------------------------

def same_site_path(target: str | None) -> str:
    """`target` when it is a path on this site, else the upload page. Browsers drop tabs and
    line breaks from an address and read a backslash as a slash, so "/\t/evil.example"
    would lead to //evil.example: any control character, space, backslash or leading "//"
    is refused, as is anything urlsplit reads as naming a scheme or a host."""
    fallback = url_for("upload.upload_form")
    if not target or not target.startswith("/") or target.startswith("//"):
        return fallback
    if any(ord(c) < 0x21 or ord(c) == 0x7F or c == "\\" or c.isspace() for c in target):
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:
        return fallback
    return target if not parts.scheme and not parts.netloc else fallback
