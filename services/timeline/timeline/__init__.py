"""The timeline service: merges events extracted from many articles and serves them as JSON.

``create_app`` builds the API (run it with ``gunicorn 'timeline:create_app()'``); the merger worker is
``timeline.celery_app``.
"""
from __future__ import annotations

import logging
from typing import Mapping

from flask import Flask
from . import api, cors, db, web
from .config import load_settings

log = logging.getLogger(__name__)


def create_app(test_config: Mapping[str, str] | None = None) -> Flask:
    """The API app, configured from the environment, or from ``test_config`` (the same variable names)
    instead of it. Raises config.SettingsError when a setting has a value the service cannot use."""
    config = load_settings(test_config)
    app = Flask(__name__)
    app.config.update(
        TESTING=test_config is not None,
        MAX_CONTENT_LENGTH=config.max_request_bytes,
        API_TITLE="Event timeline",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        TIMELINE_SETTINGS=config,
    )
    db.init_app(app, config)
    smorest = api.TimelineApi(app)
    api.register(smorest)
    app.register_blueprint(web.bp)
    cors.init_app(app, config.cors_origins)
    log.info("timeline API settings: %s", config.describe())
    return app
