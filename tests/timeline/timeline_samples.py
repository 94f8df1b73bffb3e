"""Builders of valid contract messages for the timeline tests."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zlib

import contract
from timeline.config import MergeSettings
from timeline.packing import _ZDICT, card_of

MERGE = MergeSettings()


def make_date(value: str) -> dict:
    """An event.v1 date for YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in value.split("-")]
    start = dt.datetime(parts[0], *(parts[1:] + [1, 1][len(parts) - 1:]))
    if len(parts) == 3:
        granularity, end = "day", start + dt.timedelta(days=1)
    elif len(parts) == 2:
        granularity, end = "month", dt.datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
    else:
        granularity, end = "year", dt.datetime(start.year + 1, 1, 1)
    return {"value": value, "granularity": granularity, "start": start.isoformat(), "end": end.isoformat(),
            "text": None, "anchor": "expression"}


def make_event(article: str, lemma: str, date: str | None, *, people=(), places=(), status="occurred",
               source="Reuters", title=None, evidence=None, offset=0, timeline=True) -> dict:
    """A valid event.v1 (checked against the contract)."""
    event_id = hashlib.sha1(f"{article}:{offset}:{lemma}".encode()).hexdigest()[:16]
    evidence = evidence or f"Officials said the {lemma} happened."
    event = {
        "id": event_id, "article_id": article, "title": title or f"{lemma.capitalize()} event",
        "trigger": {"text": lemma, "start": offset, "end": offset + len(lemma), "lemma": lemma},
        "class": "OCCURRENCE", "status": status, "date": make_date(date) if date else None,
        "evidence": {"text": evidence, "start": 0, "end": len(evidence)},
        "participants": [{"name": n, "type": "person", "aliases": a} for n, a in people],
        "locations": [{"name": n, "type": "city"} for n in places],
        "source": {"article_id": article, "title": f"Story {article}", "url": f"https://news.example/{article}",
                   "source": source, "published_at": "2016-03-31"},
        "confidence": 0.9, "timeline": timeline,
    }
    return contract.validate("event", event)


def make_extraction(article: str, events: list[dict], text: str = "text") -> dict:
    return contract.validate("extraction", {
        "article_id": article, "state": "done", "events": events,
        "article": {"id": article, "title": f"Story {article}", "url": None, "source": "Reuters",
                    "published_at": "2016-03-31", "text_sha1": hashlib.sha1(text.encode()).hexdigest()},
    })


def app_config(redis_url: str, **overrides: str) -> dict[str, str]:
    """Settings of a test app on ``redis_url`` (the store fixture uses the same key prefix)."""
    return {"TIMELINE_REDIS_URL": redis_url, "TIMELINE_KEY_PREFIX": "test", **overrides}


def pack_format_3(public: dict, records: list[dict], storied: list[str] = ()) -> bytes:
    """A blob as stores written before format 4 hold them: card, served part and records in one stream."""
    card, head, tail = (json.dumps(x, separators=(",", ":"), ensure_ascii=False).encode()
                        for x in (card_of(public), public, records))
    articles = b"".join(struct.pack(">H", len(a.encode())) + a.encode() for a in storied)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=_ZDICT)
    return (struct.pack(">BIIH", 3, len(card), len(head), len(articles)) + articles
            + packer.compress(card + head + tail) + packer.flush())
