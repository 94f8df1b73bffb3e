"""The timeline's Celery app: delivery settings are set here once, for every task.

Start a merger with ``celery -A timeline.celery_app worker -Q extractions``. The API builds its own
instance with ``make_celery`` only to send articles (``send_task``); it never runs tasks.
"""
from __future__ import annotations

import contract
import redis
from celery import Celery, Task

from .config import Settings, load_settings


class MergerTask(Task):
    # Only an unreachable Redis is worth retrying: a merge is deterministic, so any other failure
    # would fail again.
    autoretry_for = (redis.ConnectionError, redis.TimeoutError)
    retry_backoff = True
    retry_backoff_max = 300
    retry_jitter = True


def make_celery(settings: Settings) -> Celery:
    """A Celery app on ``settings.broker_url`` with the project's delivery settings and routes."""
    task_cls = type("MergerTask", (MergerTask,), {"max_retries": settings.task_max_retries})
    celery = Celery("timeline", broker=settings.broker_url, task_cls=task_cls)
    # An extraction is acknowledged once merged; a merger killed mid-way puts it back on the queue,
    # which is safe because merging the same extraction twice is a no-op.
    celery.conf.update(contract.celery_settings(contract.QUEUE_EXTRACTIONS, settings.visibility_timeout))
    return celery


settings = load_settings()
app = make_celery(settings)
app.conf.include = ["timeline.tasks"]
