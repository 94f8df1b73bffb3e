"""event.v1 dicts from trigger spans set by hand: on a blank pipeline, and on the sample article."""
from __future__ import annotations

import json
from pathlib import Path

import contract
import pytest
import spacy

from extractor.events.assemble import event_id, to_contract
from extractor.events.mention import Entity, EventDate, EventMention
from entity_pipeline import entity_nlp, run_with_triggers  # noqa: F401  (fixtures)

ARTICLE = {
    "id": "a-1",
    "title": "Talks",
    "url": "https://example.com/a-1",
    "source": "Example News",
    "published_at": "2016-03-31",
    "text": "Peace talks reconvene April 9 in Geneva.\n\nLeave a Comment",
}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _doc(nlp, triggers, boilerplate=()):
    doc = nlp(ARTICLE["text"])
    spans = []
    for word, mention in triggers:
        start = ARTICLE["text"].index(word)
        span = doc.char_span(start, start + len(word))
        span._.event = mention
        spans.append(span)
    doc.spans["events"] = spans
    doc.spans["boilerplate"] = [
        doc.char_span(ARTICLE["text"].index(b), ARTICLE["text"].index(b) + len(b)) for b in boilerplate
    ]
    return doc


def test_full_event_is_valid_and_carries_every_part(nlp):
    mention = EventMention(
        "reconvene", tense="PRESENT", status="planned", title="Peace talks reconvene in Geneva",
        date=EventDate("2016-04-09", "day", "2016-04-09T00:00:00", "2016-04-10T00:00:00", "April 9", "expression"),
        participants=[Entity("peace talks", "other", role="agent")],
        locations=[Entity("Geneva", "city", role="other", country_code="CH", latitude=46.2, longitude=6.14,
                          geonameid=2660646)],
        confidence=0.8,
    )
    [event] = to_contract(_doc(nlp, [("reconvene", mention)]), ARTICLE)
    contract.validate("event", event)
    start = ARTICLE["text"].index("reconvene")
    assert event["id"] == event_id("a-1", start, start + len("reconvene"))
    assert event["trigger"] == {"text": "reconvene", "lemma": "reconvene", "start": start, "end": start + 9}
    assert event["evidence"] == {"text": "Peace talks reconvene April 9 in Geneva.", "start": 0, "end": 40}
    assert event["date"]["value"] == "2016-04-09"
    assert event["participants"] == [{"name": "peace talks", "type": "other", "role": "agent", "aliases": []}]
    assert event["locations"][0]["geonameid"] == 2660646
    assert event["source"] == {
        "article_id": "a-1", "title": "Talks", "url": "https://example.com/a-1",
        "source": "Example News", "published_at": "2016-03-31",
    }
    assert (event["status"], event["confidence"], event["timeline"]) == ("planned", 0.8, True)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("", "reconvene"), ("Peace talks reconvene in Geneva", "Peace talks reconvene in Geneva")],
)
def test_title_falls_back_to_the_trigger(nlp, title, expected):
    [event] = to_contract(_doc(nlp, [("reconvene", EventMention("reconvene", title=title))]), ARTICLE)
    assert event["title"] == expected
    assert event["date"] is None
    contract.validate("event", event)


def test_id_is_stable_and_hex():
    assert event_id("a-1", 12, 21) == event_id("a-1", 12, 21)
    assert event_id("a-1", 12, 21) != event_id("a-2", 12, 21)
    assert len(event_id("a-1", 0, 1)) == 16 and int(event_id("a-1", 0, 1), 16) >= 0


def test_boilerplate_events_are_not_emitted(nlp):
    doc = _doc(nlp, [("reconvene", EventMention("reconvene")), ("Leave", EventMention("leave"))],
               boilerplate=["Leave a Comment"])
    assert [e["trigger"]["text"] for e in to_contract(doc, ARTICLE)] == ["reconvene"]


def test_events_come_in_text_order_and_no_spans_give_none(nlp):
    doc = _doc(nlp, [("Leave", EventMention("leave")), ("reconvene", EventMention("reconvene"))])
    assert [e["trigger"]["text"] for e in to_contract(doc, ARTICLE)] == ["reconvene", "Leave"]
    assert to_contract(nlp("Nothing here."), ARTICLE) == []


def test_sample_article_events_are_valid_with_arguments(run_with_triggers):
    article = json.loads((Path(__file__).parents[3] / "samples" / "raqqa-article.json").read_text("utf-8"))
    doc = run_with_triggers(article["text"], "visits", "reconvene", "working")
    events = {e["trigger"]["text"]: e for e in to_contract(doc, article)}
    for event in events.values():
        contract.validate("event", event)
    visits = events["visits"]
    assert visits["title"] == "John Kerry and John Brennan visit Moscow"
    assert {(p["name"], p["type"], p["role"]) for p in visits["participants"]} == {
        ("John Kerry", "person", "agent"), ("John Brennan", "person", "agent")}
    [moscow] = visits["locations"]
    assert (moscow["name"], moscow["country_code"], moscow["geonameid"]) == ("Moscow", "RU", 524901)
    assert visits["evidence"]["text"].startswith("The idea of cooperation")
    assert events["reconvene"]["title"] == "Peace talks reconvene in Geneva"
    assert events["reconvene"]["locations"][0]["country_code"] == "CH"
