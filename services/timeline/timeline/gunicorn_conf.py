"""gunicorn's settings for the API, taken from the timeline's configuration.

Used as ``gunicorn --config python:timeline.gunicorn_conf 'timeline:create_app()'`` by `make run`,
docker-compose and the Dockerfile alike.
"""
from timeline.config import load_settings

_settings = load_settings()

bind = _settings.bind
workers = _settings.web_workers
# Threads keep a worker answering while one of its threads holds a server-sent event stream.
worker_class = "gthread"
threads = _settings.web_threads
accesslog = _settings.access_log
graceful_timeout = 10
