"""Turn the finished Doc's event mentions into contract events (``event.v1`` dicts)."""
from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Any

from spacy.tokens import Doc, Span

from .mention import Entity, EventMention

EVENTS_KEY = "events"
BOILERPLATE_KEY = "boilerplate"


def event_id(article_id: str, start: int, end: int) -> str:
    """A stable id: the same article and trigger offsets give the same id on every run."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode("utf-8")).hexdigest()[:16]


def to_contract(doc: Doc, article: dict) -> list[dict]:
    """Every event mention of ``doc`` outside boilerplate, as an ``event.v1`` dict, in text order.

    ``article`` is the ``article.v1`` dict the Doc was made from; raises KeyError without its ``id``.
    """
    article_id = article["id"]
    source = _source(article)
    boilerplate = _boilerplate_tokens(doc)
    events = []
    for span in sorted(doc.spans.get(EVENTS_KEY, []), key=lambda s: s.start_char):
        mention: EventMention | None = span._.event
        if mention is None or any(i in boilerplate for i in range(span.start, span.end)):
            continue
        events.append(_event(span, mention, article_id, source))
    return events


def _event(span: Span, mention: EventMention, article_id: str, source: dict) -> dict[str, Any]:
    sentence = _sentence(span)
    return {
        "id": event_id(article_id, span.start_char, span.end_char),
        "article_id": article_id,
        "title": mention.title or span.text,
        "trigger": {"text": span.text, "lemma": mention.lemma, "start": span.start_char, "end": span.end_char},
        "class": mention.cls,
        "attributes": {
            "tense": mention.tense, "aspect": mention.aspect,
            "polarity": mention.polarity, "modality": mention.modality,
        },
        "status": mention.status,
        "reported_by": mention.reported_by,
        "date": asdict(mention.date) if mention.date is not None else None,
        "evidence": {"text": sentence.text, "start": sentence.start_char, "end": sentence.end_char},
        "participants": [_entity(e) for e in mention.participants],
        "locations": [_entity(e) for e in mention.locations],
        "source": source,
        "confidence": float(mention.confidence),
        "timeline": mention.timeline,
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {k: v for k, v in asdict(entity).items() if v is not None}


def _source(article: dict) -> dict[str, Any]:
    return {
        "article_id": article["id"],
        **{k: article.get(k) for k in ("title", "url", "source", "published_at")},
    }


def _sentence(span: Span) -> Span:
    # A Doc without sentence boundaries (a blank pipeline) has one sentence: the whole text.
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    # The parser hangs paragraph breaks ("\n\n") on the sentence before them; evidence is the words.
    start, end = sent.start, sent.end
    while start < span.start and doc[start].is_space:
        start += 1
    while end > span.end and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _boilerplate_tokens(doc: Doc) -> set[int]:
    return {i for s in doc.spans.get(BOILERPLATE_KEY, []) for i in range(s.start, s.end)}
