"""End to end: the real stack (embedded Redis, both Celery workers, gunicorn) started as `make run` does."""
from __future__ import annotations

import base64
import json
import re
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests
from celery import Celery

import contract

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = json.loads((ROOT / "samples" / "raqqa-article.json").read_text())

pytestmark = pytest.mark.e2e


def names(items: list[dict]) -> set[str]:
    return {item["name"] for item in items}


def entries_about(entries: list[dict], date_value: str, *words: str) -> list[dict]:
    """Entries on ``date_value`` whose title, participants or locations mention every word."""
    found = []
    for entry in entries:
        haystack = " ".join([entry["title"], *names(entry["participants"]), *names(entry["locations"])])
        if entry["date"] and entry["date"]["value"] == date_value and all(w in haystack for w in words):
            found.append(entry)
    return found


def send_task(stack, article: dict) -> None:
    app = Celery(broker=stack.redis_url)
    app.send_task(contract.TASK_EXTRACT_ARTICLE, args=[article], queue=contract.QUEUE_ARTICLES)


def test_make_run_submitted_the_sample_over_http(stack):
    status = stack.wait_state(SAMPLE["id"])
    assert status["state"] == "done", status
    assert status["event_count"] > 0


def test_sample_events_are_on_the_timeline(stack):
    stack.wait_state(SAMPLE["id"])
    entries = stack.timeline()
    moscow = entries_about(entries, "2016-03", "Moscow", "Kerry", "Brennan")
    assert moscow and moscow[0]["date"]["granularity"] == "month" and moscow[0]["status"] == "occurred"
    geneva = entries_about(entries, "2016-04-09", "Geneva")
    assert geneva and geneva[0]["status"] == "planned"
    palmyra = entries_about(entries, "2016-03-31", "Palmyra")
    assert palmyra and palmyra[0]["status"] == "occurred"
    assert palmyra[0]["date"]["anchor"] == "publication"


def test_denied_coordination_and_boilerplate_are_not_facts(stack):
    stack.wait_state(SAMPLE["id"])
    for entry in stack.timeline():
        evidence = " ".join(m.get("evidence", "") or "" for m in entry["mentions"])
        assert "Get the rest of this report" not in evidence
        assert "Leave a Comment" not in evidence
        about_raqqa = "Raqqa" in evidence and "coordinat" in " ".join(m["text"] for m in entry["mentions"])
        assert not (about_raqqa and entry["status"] == "occurred"), entry


def test_same_article_through_celery_merges_into_the_same_entries(stack):
    stack.wait_state(SAMPLE["id"])
    copy = dict(SAMPLE, id="g2-raqqa-2016-syndicated", source="Syndicated copy")
    send_task(stack, copy)
    assert stack.wait_state(copy["id"])["state"] == "done"
    entries = stack.timeline()
    geneva = entries_about(entries, "2016-04-09", "Geneva")
    assert len(geneva) == 1, geneva
    assert {s["article_id"] for s in geneva[0]["sources"]} == {SAMPLE["id"], copy["id"]}


def test_resubmitting_changes_nothing(stack):
    stack.wait_state(SAMPLE["id"])
    time.sleep(1)  # let any merge of an earlier test settle before taking the reference
    before = stack.timeline()
    response = requests.post(stack.base + "/api/v1/articles", json=SAMPLE, timeout=10)
    assert response.status_code in (200, 202)  # 200: already known with this very text
    send_task(stack, SAMPLE)
    time.sleep(8)  # both resubmissions pass through the extractor and the merger
    stack.wait_state(SAMPLE["id"])
    assert stack.timeline() == before


def test_invalid_article_on_the_queue_fails_with_a_reason(stack):
    send_task(stack, {"id": "broken-1", "text": "   ", "published_at": "2016-03-31"})
    status = stack.wait_state("broken-1")
    assert status["state"] == "failed"
    assert "text" in status["reason"]


def test_http_rejects_bad_articles_without_losing_data(stack):
    stack.wait_state(SAMPLE["id"])
    before = stack.timeline()
    bad = [
        ({"id": "x1", "published_at": "2016-03-31"}, "application/json"),
        ({"id": "x2", "text": "", "published_at": "2016-03-31"}, "application/json"),
        ({"id": "x3", "text": "Talks began.", "published_at": "last Tuesday"}, "application/json"),
    ]
    for article, content_type in bad:
        response = requests.post(stack.base + "/api/v1/articles", data=json.dumps(article),
                                 headers={"Content-Type": content_type}, timeout=10)
        assert 400 <= response.status_code < 500 and "error" in response.json(), response.text
    assert requests.post(stack.base + "/api/v1/articles", data="{not json", timeout=10,
                         headers={"Content-Type": "application/json"}).status_code == 400
    assert requests.post(stack.base + "/api/v1/articles", data="id=1", timeout=10,
                         headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    assert stack.timeline() == before


def documented_envelope() -> dict:
    """The Redis envelope exactly as docs/producers.md shows it (its first JSON block with a body)."""
    text = (ROOT / "docs" / "producers.md").read_text()
    block = next(b for b in re.findall(r"```json\n(.*?)```", text, re.S) if '"body"' in b)
    return json.loads(block)


def test_a_producer_in_another_language_can_publish_the_documented_envelope(stack):
    article = dict(SAMPLE, id="raw-producer-1", text="Rebels captured the town of Kafr Nabl on Tuesday.")
    envelope = documented_envelope()
    task_id = str(uuid.uuid4())
    envelope["body"] = base64.b64encode(json.dumps(
        [[article], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]).encode()).decode()
    envelope["headers"].update(id=task_id, root_id=task_id, argsrepr=article["id"], origin="test-producer")
    envelope["properties"].update(correlation_id=task_id, delivery_tag=str(uuid.uuid4()))
    redis.Redis.from_url(stack.redis_url).lpush(contract.QUEUE_ARTICLES, json.dumps(envelope))
    status = stack.wait_state(article["id"])
    assert status["state"] == "done" and status["event_count"] >= 1


def test_ctrl_c_stops_everything_and_a_second_run_keeps_the_data(stack):
    stack.wait_state(SAMPLE["id"])
    before = stack.timeline()
    assert stack.stop() == 0
    for port in (stack.redis_port, stack.api_port):
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)
    stack.start()  # the second `make run` resubmits the samples: nothing may change
    stack.wait_state(SAMPLE["id"])
    time.sleep(8)
    assert stack.timeline() == before
