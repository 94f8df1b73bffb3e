"""POST /api/v1/articles and GET /api/v1/articles/<id> on a real Redis (which is also the broker)."""
from __future__ import annotations

import base64
import json

import contract
import pytest
import redis
from timeline_samples import MERGE, app_config, make_event, make_extraction

from timeline import create_app

ARTICLE = {"id": "g2-raqqa-2016", "text": "Kerry and Brennan visited Moscow in March.",
           "published_at": "2016-03-31", "title": "Raqqa", "source": "G2 Bulletin"}


def queued_tasks(redis_url: str) -> list[tuple[str, list]]:
    """(task name, args) of the messages waiting on the articles queue, as Celery's Redis transport
    stores them."""
    client = redis.Redis.from_url(redis_url)
    found = []
    for raw in reversed(client.lrange(contract.QUEUE_ARTICLES, 0, -1)):
        message = json.loads(raw)
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        found.append((message["headers"]["task"], args))
    return found


def test_an_article_is_queued_once_with_its_status(client, redis_url):
    response = client.post("/api/v1/articles", json=ARTICLE)
    assert response.status_code == 202
    assert response.headers["Location"] == "/api/v1/articles/g2-raqqa-2016"
    assert contract.validate("status", response.json)["state"] == "queued"
    assert queued_tasks(redis_url) == [(contract.TASK_EXTRACT_ARTICLE, [ARTICLE])]
    assert client.get(response.headers["Location"]).json["state"] == "queued"

    again = client.post("/api/v1/articles", json=ARTICLE)
    assert again.status_code == 200 and again.json == response.json
    assert len(queued_tasks(redis_url)) == 1

    edited = client.post("/api/v1/articles", json={**ARTICLE, "text": "Kerry visited Moscow."})
    assert edited.status_code == 202 and len(queued_tasks(redis_url)) == 2


def test_status_follows_the_extraction(client, store):
    client.post("/api/v1/articles", json=ARTICLE)
    store.record_extraction({"article_id": ARTICLE["id"], "state": "processing"}, MERGE)
    assert client.get("/api/v1/articles/g2-raqqa-2016").json["state"] == "processing"
    events = [make_event(ARTICLE["id"], "visit", "2016-03"), make_event(ARTICLE["id"], "retake", "2016-03-31",
                                                                         offset=9)]
    store.record_extraction(make_extraction(ARTICLE["id"], events, text=ARTICLE["text"]), MERGE)
    status = client.get("/api/v1/articles/g2-raqqa-2016").json
    assert contract.validate("status", status)["state"] == "done" and status["event_count"] == 2
    # The same text again changes nothing and sends nothing.
    assert client.post("/api/v1/articles", json=ARTICLE).status_code == 200


def test_a_failed_article_reports_why(client, store):
    client.post("/api/v1/articles", json=ARTICLE)
    store.record_extraction({"article_id": ARTICLE["id"], "state": "failed", "reason": "too long"}, MERGE)
    status = client.get("/api/v1/articles/g2-raqqa-2016").json
    assert (status["state"], status["reason"]) == ("failed", "too long")


@pytest.mark.parametrize("body, status, code, field", [
    ({"id": "a1"}, 422, "invalid_article", "text"),
    ({"id": "a1", "text": "   \n"}, 422, "invalid_article", "text"),
    ({"id": "a1", "text": "x", "published_at": "last Tuesday"}, 422, "invalid_article", "published_at"),
    ({"id": "a1", "text": "x", "published_at": "2016-02-30"}, 422, "invalid_article", "published_at"),
    ({"id": "bad id!", "text": "x"}, 422, "invalid_article", "id"),
    (["not", "an", "object"], 422, "invalid_article", "(root)"),
])
def test_invalid_articles_name_the_field(client, redis_url, body, status, code, field):
    response = client.post("/api/v1/articles", json=body)
    assert response.status_code == status
    assert response.json["error"]["code"] == code and response.json["error"]["field"] == field
    assert queued_tasks(redis_url) == []


@pytest.mark.parametrize("data, content_type, status, code", [
    ('{"id": "a1", "text": ', "application/json", 400, "bad_request"),
    ("\xff\xfe", "application/json", 400, "bad_request"),
    ("[" * 100_000, "application/json", 400, "bad_request"),
    ("", "application/json", 400, "bad_request"),
    ('{"id": "a1", "text": "x"}', "text/plain", 415, "unsupported_media_type"),
    ("id=a1&text=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
])
def test_bodies_that_are_not_json_objects(client, data, content_type, status, code):
    response = client.post("/api/v1/articles", data=data, content_type=content_type)
    assert response.status_code == status and response.json["error"]["code"] == code


def test_limits(redis_url):
    client = create_app(app_config(redis_url, TIMELINE_MAX_REQUEST_BYTES="2048",
                                   TIMELINE_MAX_ARTICLE_CHARS="100")).test_client()
    too_big = client.post("/api/v1/articles", json={"id": "a1", "text": "x" * 5000})
    assert too_big.status_code == 413 and too_big.json["error"]["code"] == "payload_too_large"
    too_long = client.post("/api/v1/articles", json={"id": "a1", "text": "x" * 101})
    assert too_long.status_code == 422 and too_long.json["error"]["field"] == "text"
    assert client.post("/api/v1/articles", json={"id": "a1", "text": "x" * 100}).status_code == 202


def test_an_unreachable_queue_is_503_and_the_article_can_be_submitted_again(redis_url):
    down = create_app(app_config(redis_url, TIMELINE_BROKER_URL="redis://127.0.0.1:1/0")).test_client()
    response = down.post("/api/v1/articles", json=ARTICLE)
    assert response.status_code == 503 and response.json["error"]["code"] == "unavailable"
    assert down.get("/api/v1/articles/g2-raqqa-2016").json["state"] == "failed"
    up = create_app(app_config(redis_url)).test_client()
    assert up.post("/api/v1/articles", json=ARTICLE).status_code == 202


def test_unknown_article_and_wrong_method(client):
    missing = client.get("/api/v1/articles/nope")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
    wrong = client.delete("/api/v1/articles/nope")
    assert wrong.status_code == 405 and wrong.json["error"]["code"] == "method_not_allowed"
    assert "GET" in wrong.headers["Allow"]
