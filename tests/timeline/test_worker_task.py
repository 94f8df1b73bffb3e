"""The merger task ``timeline.merge_extraction`` called as a plain function, on a real Redis."""
from __future__ import annotations

import logging

import contract
import pytest
import redis
from timeline_samples import make_event, make_extraction

from timeline import tasks
from timeline.store import Query, Store


@pytest.fixture
def task_store(store, monkeypatch):
    monkeypatch.setattr(tasks, "store", lambda: store)
    return store


def test_the_task_is_registered_under_the_contract_name():
    assert tasks.merge_extraction.name == contract.TASK_MERGE_EXTRACTION
    assert tasks.app.conf.task_routes[contract.TASK_MERGE_EXTRACTION]["queue"] == contract.QUEUE_EXTRACTIONS
    assert tasks.app.conf.task_acks_late and tasks.app.conf.task_reject_on_worker_lost


def test_a_done_extraction_is_merged_once(task_store):
    message = make_extraction("a", [make_event("a", "visit", "2016-03"), make_event("a", "retake", "2016-03-31",
                                                                                    offset=7)])
    tasks.merge_extraction(message)
    tasks.merge_extraction(message)  # redelivered
    assert len(task_store.list_entries(Query(), limit=10).entries) == 2
    assert task_store.article_status("a")["state"] == "done"


def test_an_invalid_extraction_fails_its_article_without_retry(task_store, caplog):
    task_store.submit_article("a", "sha")
    with caplog.at_level(logging.ERROR, logger="timeline.tasks"):
        tasks.merge_extraction({"article_id": "a", "state": "done"})  # no events, no article
    status = task_store.article_status("a")
    assert status["state"] == "failed" and "invalid extraction message" in status["reason"]
    assert "rejected an invalid extraction" in caplog.text


def test_an_invalid_extraction_without_an_article_id_is_only_logged(task_store, caplog):
    with caplog.at_level(logging.ERROR, logger="timeline.tasks"):
        tasks.merge_extraction(["not", "a", "message"])
    assert "rejected an invalid extraction" in caplog.text


def test_an_unreachable_redis_is_retried(monkeypatch):
    attempts = []

    def unreachable() -> Store:
        attempts.append(1)
        return Store(redis.Redis.from_url("redis://127.0.0.1:1/0"))

    monkeypatch.setattr(tasks, "store", unreachable)
    # Run eagerly, Celery retries at once until max_retries, then gives up with the error.
    result = tasks.merge_extraction.apply(args=[make_extraction("a", [make_event("a", "visit", "2016-03")])])
    assert len(attempts) == tasks.merge_extraction.max_retries + 1
    assert result.state == "FAILURE" and isinstance(result.result, redis.ConnectionError)
