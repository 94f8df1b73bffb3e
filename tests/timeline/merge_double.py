"""A trivial stand-in for ``timeline.merge`` with the same interface, for store and API tests only.

Two events are the same when they share trigger lemma and date value; entries are unions.
"""
from __future__ import annotations


def blocking_keys(event: dict) -> list[str]:
    return [f"lemma:{event['trigger']['lemma']}|{(event['date'] or {}).get('value')}"]


def match(event: dict, candidates: list[dict], settings) -> tuple[dict | None, list[str]]:
    for entry in candidates:
        if entry["lemma"] == event["trigger"]["lemma"] and entry["date"]["value"] == event["date"]["value"]:
            return entry, ["same trigger lemma and date"]
    return None, []


def _mention(event: dict) -> dict:
    return {"article": event["article_id"], "event": event["id"], "start": event["trigger"]["start"],
            "end": event["trigger"]["end"], "text": event["trigger"]["text"],
            "evidence": event["evidence"]["text"]}


def _union(items: list[dict], more: list[dict]) -> list[dict]:
    names = {i["name"] for i in items}
    return items + [i for i in more if i["name"] not in names]


def new_entry(event: dict) -> dict:
    return {"id": None, "lemma": event["trigger"]["lemma"], "date": event["date"], "dates": [event["date"]],
            "title": event["title"], "status": event["status"], "participants": event["participants"],
            "locations": event["locations"], "mentions": [_mention(event)], "sources": [event["source"]],
            "why": [], "events": [event["id"]]}


def absorb(entry: dict, event: dict, reasons: list[str]) -> dict:
    merged = dict(entry)
    merged["participants"] = _union(entry["participants"], event["participants"])
    merged["locations"] = _union(entry["locations"], event["locations"])
    merged["mentions"] = entry["mentions"] + [_mention(event)]
    merged["sources"] = entry["sources"] + [s for s in [event["source"]] if s not in entry["sources"]]
    merged["why"] = entry["why"] + reasons
    merged["events"] = entry["events"] + [event["id"]]
    if event["status"] == "occurred":
        merged["status"] = "occurred"
    return merged
