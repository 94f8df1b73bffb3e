"""The timeline service for real (gunicorn on a real Redis) holding the stories of stories.yaml,
stored the way the merger worker stores them."""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import contract
import pytest
import redis
import requests
import yaml
from timeline.config import load_settings
from timeline.store import Store, text_sha1

ROOT = Path(__file__).resolve().parents[2]
STORIES = Path(__file__).with_name("stories.yaml")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def event_from_row(article: dict, row: dict) -> dict:
    """A valid ``event.v1`` for one event row of stories.yaml; raises ContractError if it is not."""
    text = article["text"]
    start = text.index(row["sentence"])
    trigger_at = start + row["sentence"].index(row["trigger"])
    trigger_end = trigger_at + len(row["trigger"])
    event = {
        "id": hashlib.sha1(f"{article['id']}:{trigger_at}:{trigger_end}".encode()).hexdigest()[:16],
        "article_id": article["id"],
        "title": row["title"],
        "trigger": {"text": row["trigger"], "lemma": row.get("lemma", row["trigger"]), "start": trigger_at, "end": trigger_end},
        "class": "OCCURRENCE",
        "status": row["status"],
        "reported_by": None,
        "date": row["date"],
        "evidence": {"text": row["sentence"], "start": start, "end": start + len(row["sentence"])},
        "participants": row["participants"],
        "locations": row["locations"],
        "source": {key: article.get(key) for key in ("title", "url", "source", "published_at")}
                  | {"article_id": article["id"]},
        "confidence": 0.9,
        "timeline": row.get("timeline", True),
    }
    contract.validate("event", event)
    return event


def extraction(article: dict, rows: list[dict]) -> dict:
    """The ``extraction.v1`` message the extractor would send for ``article``."""
    message = {
        "article_id": article["id"],
        "state": "done",
        "article": {key: article.get(key) for key in ("id", "title", "url", "source", "published_at")}
                   | {"text_sha1": text_sha1(article["text"])},
        "events": [event_from_row(article, row) for row in rows],
    }
    contract.validate("extraction", message)
    return message


def load_stories() -> list[tuple[dict, list[dict]]]:
    """Each article of stories.yaml with its event rows."""
    stories = yaml.safe_load(STORIES.read_text())["articles"]
    return [(json.loads((ROOT / s["file"]).read_text()) if "file" in s else s["article"], s["events"])
            for s in stories]


@pytest.fixture
def stored_stories(redis_url):
    """Merges the stories into the store as the merger worker does; returns every event sent (placed
    on the timeline or not), each with ``entry``: the entry it went into, or None."""
    settings = load_settings({"TIMELINE_REDIS_URL": redis_url})
    store = Store(redis.Redis.from_url(redis_url), settings.key_prefix)
    events = []
    for article, rows in load_stories():
        message = extraction(article, rows)
        store.record_extraction(message, settings.merge)
        events += message["events"]
    for event in events:
        event["entry"] = store.find_entry(event["id"])
    store.redis.close()
    return events


@pytest.fixture
def timeline_url(redis_url, tmp_path):
    """The timeline API and page served by gunicorn on a free loopback port."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env.update(TIMELINE_REDIS_URL=redis_url)
    log = tmp_path / "gunicorn.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "4", "timeline:create_app()"],
        env=env, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a busy machine boots a worker slowly
    try:
        while True:
            try:
                requests.get(f"{base}/", timeout=5)
                break
            except (requests.ConnectionError, requests.Timeout):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text(errors='replace')[-4000:]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
