"""The extractor's Celery app: delivery settings are set here once, for every task.

Start a worker with ``celery -A extractor.celery_app worker -Q articles``.
"""
from __future__ import annotations

import contract
from celery import Celery, Task
from celery.signals import worker_process_init
from kombu.exceptions import OperationalError

from .config import load_settings

settings = load_settings()


class ExtractorTask(Task):
    # Only the hand-off can fail transiently (broker unreachable); extraction itself is deterministic,
    # so its failures are reported on the queue instead of retried.
    autoretry_for = (OperationalError, ConnectionError)
    retry_backoff = True
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = settings.max_retries


app = Celery("extractor", broker=settings.broker_url, task_cls=ExtractorTask, include=["extractor.tasks"])
# An article is acknowledged only once its events are handed on; a worker killed mid-article puts
# it back on the queue, and the visibility timeout outlasts the longest extraction.
app.conf.update(
    contract.celery_settings(contract.QUEUE_ARTICLES, 2 * settings.task_time_limit + 600),
    worker_concurrency=settings.concurrency,
    task_time_limit=settings.task_time_limit + 30,
    task_soft_time_limit=settings.task_time_limit,
)


@worker_process_init.connect
def _load_model(**_: object) -> None:
    # Load spaCy in each worker process before the first article, not during it.
    from .tasks import nlp

    nlp()
