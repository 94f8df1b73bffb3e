"""The app's Redis connection and store, shared like the Flask tutorial's ``get_db``."""
from __future__ import annotations

import redis
from celery import Celery
from flask import Flask, current_app

from .celery_app import make_celery
from .config import Settings
from .store import Store


def settings() -> Settings:
    return current_app.config["TIMELINE_SETTINGS"]


def get_store() -> Store:
    """The store on the app's Redis client (one connection pool per app, shared by its threads)."""
    return current_app.extensions["timeline"]["store"]


def get_celery() -> Celery:
    """The Celery app the API sends articles with."""
    return current_app.extensions["timeline"]["celery"]


def init_app(app: Flask, config: Settings) -> None:
    client = redis.Redis.from_url(config.redis_url, socket_timeout=5, socket_connect_timeout=2,
                                  health_check_interval=30)
    app.extensions["timeline"] = {
        "store": Store(client, config.key_prefix),
        "celery": make_celery(config),
    }
