"""The Flask app: search, quotes, articles, speakers, upload, and the JSON API."""
from __future__ import annotations

import logging

from flask import Flask

log = logging.getLogger(__name__)
# Form fields besides the files (csrf_token, published, timezone, source, background).
EXTRA_FORM_PARTS = 20


def create_app(config: dict | None = None, runtime=None) -> Flask:
    """App factory. `runtime` (web.runtime.Runtime) is made from the config when not given;
    config keys: ARCHIVE_DATA (folder) plus any Flask setting (SECRET_KEY wins over
    ARCHIVE_SECRET_KEY and the key kept in the data folder)."""
    from archive.config import Settings
    from web.runtime import Runtime

    app = Flask(__name__)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="archive_session",
    )
    app.config.update(config or {})
    if runtime is None:
        runtime = Runtime(Settings.from_env(app.config.get("ARCHIVE_DATA")))
    app.extensions["archive"] = runtime
    settings = runtime.settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    app.config["MAX_FORM_PARTS"] = settings.max_upload_files + EXTRA_FORM_PARTS
    app.config["SESSION_COOKIE_SECURE"] = settings.secure_cookies
    if not app.config.get("SECRET_KEY"):
        from web.security import load_secret_key
        app.config["SECRET_KEY"] = load_secret_key(settings.data_dir)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    if settings.proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix
        hops = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    from web.access_log import AccessLog
    app.wsgi_app = AccessLog(app.wsgi_app)  # outside ProxyFix: it logs the address ProxyFix found

    _register_templates(app)
    _register_security(app)
    from web import errors
    errors.register(app)
    from web import cors, etags
    etags.register(app)
    cors.register(app)

    from web import api, articles, corrections, health, openapi, pages, speakers, upload
    app.register_blueprint(pages.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(speakers.bp)
    app.register_blueprint(upload.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(health.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(corrections.bp)
    from web import sources
    sources.register(app)
    return app


def _register_templates(app: Flask) -> None:
    from web import formatting, security
    from web.ingest import display_name

    app.jinja_env.filters.update(
        marked=formatting.marked,
        published=formatting.published_text,
        provenance=formatting.date_provenance,
        month_name=formatting.month_name,
        slug=formatting.slugify,
        counted=formatting.counted,
        web_url=formatting.web_url,
        file_name=display_name,
    )
    app.jinja_env.globals.update(
        csrf_token=security.csrf_token,
        token_required=security.token_required,
        logged_in=security.logged_in,
    )


def _register_security(app: Flask) -> None:
    from web import guards, security
    from web.sessions import Sessions

    settings = app.extensions["archive"].settings
    app.extensions["guards"] = guards.Guards(settings)
    app.extensions["sessions"] = Sessions(settings.data_dir, app.permanent_session_lifetime)
    # In this order: a request for another host name is refused before anything else.
    app.before_request(guards.check_host)
    app.before_request(guards.limit_request_rate)
    app.before_request(security.refuse_cross_site_changes)
    app.after_request(security.add_security_headers)
