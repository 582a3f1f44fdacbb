"""The Flask app: search, quotes, articles, speakers, upload, and the JSON API."""
from __future__ import annotations

from flask import Flask


def create_app(config: dict | None = None, runtime=None) -> Flask:
    """App factory. `runtime` (web.runtime.Runtime) is made from the config when not given;
    config keys: ARCHIVE_DATA (folder) plus any Flask setting."""
    from archive.config import Settings
    from web.runtime import Runtime

    app = Flask(__name__)
    app.config.update(config or {})
    if runtime is None:
        runtime = Runtime(Settings.from_env(app.config.get("ARCHIVE_DATA")))
    app.extensions["archive"] = runtime
    app.config["MAX_CONTENT_LENGTH"] = runtime.settings.max_upload_bytes

    from web import api, pages
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    return app
