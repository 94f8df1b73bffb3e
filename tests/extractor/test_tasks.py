"""The worker's task as a plain function: what it hands to the timeline for each kind of input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import contract
from extractor import tasks

SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "samples" / "raqqa-article.json").read_text())


@pytest.fixture
def sent(monkeypatch):
    messages: list[dict] = []
    monkeypatch.setattr(tasks, "hand_off", messages.append)
    return messages


def test_valid_article_is_reported_processing_then_done(sent):
    tasks.extract_article.run(SAMPLE)
    assert [m["state"] for m in sent] == ["processing", "done"]
    done = sent[-1]
    contract.validate("extraction", done)
    assert done["article"]["published_at"] == "2016-03-31" and "text" not in done["article"]
    assert done["events"] and all(e["article_id"] == SAMPLE["id"] for e in done["events"])


def test_same_article_gives_the_same_message(sent):
    tasks.extract_article.run(SAMPLE)
    tasks.extract_article.run(SAMPLE)
    assert sent[1] == sent[3]


@pytest.mark.parametrize(
    "article,field",
    [
        ({"id": "a1", "text": "", "published_at": "2016-03-31"}, "text"),
        ({"id": "a1", "text": "Talks began.", "published_at": "31/03/2016"}, "published_at"),
        ({"id": "a1", "published_at": "2016-03-31"}, "text"),
    ],
)
def test_invalid_article_fails_with_the_field_in_the_reason(sent, article, field):
    tasks.extract_article.run(article)
    assert sent[-1]["state"] == "failed"
    assert field in sent[-1]["reason"]


def test_message_without_an_id_is_dropped(sent):
    tasks.extract_article.run({"text": "Talks began."})
    tasks.extract_article.run(["not", "an", "article"])
    assert sent == []


def test_pipeline_bug_fails_the_article_instead_of_leaving_it_processing(sent, monkeypatch):
    def broken(nlp, article):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks.extraction, "run", broken)
    tasks.extract_article.run(SAMPLE)
    assert [m["state"] for m in sent] == ["processing", "failed"]
    assert "internal error" in sent[-1]["reason"]
