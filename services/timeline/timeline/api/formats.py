"""Timeline entries in the data formats of two timeline widgets.

* TimelineJS3 (Knight Lab, "TimelineJS JSON data format"): ``{"events": [slide…]}``; a slide has a
  ``start_date`` date object (``year`` required, then ``month``, ``day``, ``hour``, ``minute`` as far
  as known), a ``text`` object (``headline``, ``text`` — HTML), ``group``, ``unique_id`` and
  ``display_date``.
* vis-timeline (``DataSet`` items): ``id``, ``content`` (HTML), ``start``, ``end`` (ranges only),
  ``group``, ``title`` (tooltip), ``type``; groups as ``{"id", "content"}``.

Both widgets render text fields as HTML, so everything taken from articles is escaped here.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from html import escape

# How much of a date each granularity pins down, as TimelineJS date-object fields.
_FIELDS = {"second": 6, "minute": 5, "hour": 4, "day": 3, "week": 3, "month": 2, "season": 2,
           "quarter": 2, "half": 2, "year": 1, "decade": 1, "century": 1, "millennium": 1}
_SHOWN_AS_VALUE = {"week", "season", "quarter", "half", "decade", "century", "millennium"}
_POINT_GRANULARITIES = {"second", "minute", "hour", "day"}
_WEB_URL = re.compile(r"https?://", re.IGNORECASE)
_GROUP_FIELDS = {"entity": ("participants", "name"), "location": ("locations", "name"), "source": ("sources", "source")}


def _moment(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _safe_url(url: str | None) -> str | None:
    # Links only to web addresses (no javascript: or data:): a prefix test, a tenth of urlsplit's time
    # for an address seen once, and stricter (no leading blanks, "//" required).
    return url if url and _WEB_URL.match(url) else None


def group_of(entry: dict, by: str) -> str | None:
    """The row a widget shows ``entry`` in: its status, or its first participant, location or
    publisher (one row per item, as both widgets want), None when it has none."""
    if by == "status":
        return entry["status"]
    field, key = _GROUP_FIELDS[by]
    return next((item[key] for item in entry.get(field) or () if item.get(key)), None)


def source_links(entry: dict) -> str:
    """The entry's sources as an HTML list of links (plain text where a source has no web URL)."""
    items = []
    for source in entry.get("sources") or ():
        label = " — ".join(x for x in (source.get("source"), source.get("title")) if x) or source["article_id"]
        url = _safe_url(source.get("url"))
        items.append(f'<li><a href="{escape(url)}">{escape(label)}</a></li>' if url
                     else f"<li>{escape(label)}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def date_object(date: dict) -> dict:
    """A TimelineJS date object for an event date, with as many fields as its granularity knows."""
    start = _moment(date["start"])
    parts = (start.year, start.month, start.day, start.hour, start.minute, start.second)
    names = ("year", "month", "day", "hour", "minute", "second")
    count = _FIELDS.get(date.get("granularity"), 3)
    obj: dict = dict(zip(names[:count], parts[:count]))
    if date.get("granularity") in _SHOWN_AS_VALUE:
        obj["display_date"] = date["value"]
    return obj


def timelinejs(entries: list[dict], group_by: str = "status") -> dict:
    """TimelineJS3 JSON for ``entries`` (each needs a resolved date), in rows by ``group_by``."""
    events = []
    for entry in entries:
        evidence = next((m.get("evidence") for m in entry.get("mentions") or () if m.get("evidence")), None)
        body = (f"<p>{escape(evidence)}</p>" if evidence else "") + source_links(entry)
        slide = {
            "start_date": date_object(entry["date"]),
            "text": {"headline": escape(entry["title"]), "text": body},
            "unique_id": f"entry-{entry['id']}",
            "autolink": False,
        }
        group = group_of(entry, group_by)
        if group is not None:
            slide["group"] = escape(group)
        events.append(slide)
    return {"events": events}


def entries_page(parts: list[bytes], cursor: str | None, next_url: str | None) -> bytes:
    """The JSON page ``{"entries", "cursor", "next"}`` with the entries' stored JSON texts spliced in
    as they are: decoding and encoding them again was most of a request's time."""
    tail = json.dumps({"cursor": cursor, "next": next_url}, separators=(",", ":")).encode("utf-8")
    return b'{"entries":[' + b",".join(parts) + b"]," + tail[1:]


def vis(entries: list[dict], group_by: str = "status") -> dict:
    """vis-timeline items and groups for ``entries``, in rows by ``group_by`` (an item with no such
    value has no group): intervals coarser than a day become ranges."""
    items = []
    for entry in entries:
        date = entry["date"]
        item = {
            "id": entry["id"],
            "content": escape(entry["title"]),
            "start": date["start"],
            "title": escape("; ".join(filter(None, [
                date.get("value"), entry["status"],
                *(s.get("source") or s.get("title") for s in entry.get("sources") or ())]))),
        }
        group = group_of(entry, group_by)
        if group is not None:
            item["group"] = group
        if date.get("granularity") not in _POINT_GRANULARITIES and date.get("end"):
            item["end"] = date["end"]
            item["type"] = "range"
        else:
            item["type"] = "box"
        items.append(item)
    groups = [{"id": g, "content": escape(g)} for g in dict.fromkeys(i["group"] for i in items if "group" in i)]
    return {"items": items, "groups": groups}
