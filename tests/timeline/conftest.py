"""Fixtures of the timeline tests: a store and an app on the session's real Redis."""
from __future__ import annotations

import pytest
import redis
from timeline_samples import app_config

from timeline import create_app
from timeline.store import Store


@pytest.fixture
def store(redis_url):
    """A store on the test Redis, under the prefix the test app uses."""
    client = redis.Redis.from_url(redis_url)
    yield Store(client, "test")
    client.close()


@pytest.fixture
def app(redis_url):
    return create_app(app_config(redis_url, TIMELINE_CORS_ORIGINS="https://news.example"))


@pytest.fixture
def client(app):
    return app.test_client()
