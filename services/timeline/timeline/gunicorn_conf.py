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
# Each worker listens on a socket of its own (SO_REUSEPORT; gunicorn opens one a worker), so that the
# kernel spreads connections over the workers: on one shared socket a gthread worker accepts
# greedily, and a few keep-alive clients (a proxy, a widget's poller, a benchmark) can all land on
# one process while the others idle (wrk's 8 connections did in one run of five, halving req/s).
reuse_port = True
accesslog = _settings.access_log
graceful_timeout = 10
