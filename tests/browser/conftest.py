"""The timeline service for real (gunicorn on a real Redis) holding the stories of stories.yaml:
the sample article through the real extractor, test articles as hand-made events, all stored the way
the merger worker stores them."""
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
from extractor import extraction, pipeline
from extractor.config import Settings as ExtractorSettings
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


def extraction_message(article: dict, rows: list[dict]) -> dict:
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


def load_stories() -> list[dict]:
    """The stories of stories.yaml, each with its article loaded."""
    stories = yaml.safe_load(STORIES.read_text())["articles"]
    for story in stories:
        if "file" in story:
            story["article"] = json.loads((ROOT / story["file"]).read_text())
    return stories


def expected_event(events: list[dict], row: dict) -> dict:
    """The extracted event an `expect` row names (its place and date), which must be on the timeline."""
    for event in events:
        date = event["date"] or {}
        if (event["timeline"] and date.get("value") == row["value"] and event["status"] == row["status"]
                and any(place["name"] == row["location"] for place in event["locations"])):
            return event
    found = [(e["title"], (e["date"] or {}).get("value"), e["status"], e["timeline"]) for e in events]
    pytest.fail(f"the extractor did not put {row} on the timeline; it found {found}")


@pytest.fixture(scope="session")
def nlp():
    return pipeline.load(ExtractorSettings.spacy_model)


@pytest.fixture
def stored_stories(redis_url, nlp):
    """Merges the stories into the store as the merger worker does. Returns ``events``: every event
    sent (placed on the timeline or not), each with ``entry``: the entry it went into, or None; and
    ``expected``: the extracted event of each `expect` row, by name."""
    settings = load_settings({"TIMELINE_REDIS_URL": redis_url})
    store = Store(redis.Redis.from_url(redis_url), settings.key_prefix)
    events, expected = [], {}
    for story in load_stories():
        if story.get("extract"):
            message = extraction.run(nlp, story["article"])
            expected.update((row["name"], expected_event(message["events"], row)) for row in story["expect"])
        else:
            message = extraction_message(story["article"], story["events"])
        store.record_extraction(message, settings.merge)
        events += message["events"]
    for event in events:
        event["entry"] = store.find_entry(event["id"])
    store.redis.close()
    return {"events": events, "expected": expected}


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
