"""The timeline: entries in date order, filtered and paged, as JSON or a widget's format; and a stream
of entries as they are created or change."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from typing import Iterator
from urllib.parse import urlencode

import orjson
from flask import Response, request, url_for
from flask_smorest import Blueprint

from .. import errors
from ..db import get_store, settings
from ..store import CursorError, Query, Store
from . import formats
from .schemas import TimelineQuery, error, json_body

blp = Blueprint("timeline", __name__, url_prefix="/api/v1/timeline",
                description="The merged timeline, its widget formats and its change stream.")


def _epoch(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()


def _query(args: dict) -> Query:
    start, end = args.get("from_"), args.get("to")
    if start and end and end < start:
        raise errors.BadRequest("must not be before `from`", "to")
    return Query(
        start=_epoch(start) if start else None,
        end=_epoch(end) + 86400 if end else None,  # `to` is inclusive
        entity=args.get("entity"), location=args.get("location"), status=args.get("status"),
        source=args.get("source"), text=args.get("q"),
    )


def _etag(version: int) -> str:
    # The store's version changes with every merge, so (version, query) names the response.
    return f"{version}-{hashlib.sha1(request.query_string).hexdigest()[:16]}"


def _next_url(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"] + [("cursor", cursor)]
    return f"{url_for('timeline.listing')}?{urlencode(params)}"


@blp.route("", methods=["GET"])
# An instance, not the class: webargs would build (deep-copy) a schema for every request.
@blp.arguments(TimelineQuery(), location="query", error_status_code=400)
@blp.doc(
    summary="The timeline",
    description="Entries sorted by date, as summaries (what a list shows; `view=full` for whole entries, "
                "`GET /api/v1/events/{id}` for one). Pages are linked by `next` (also in the `Link` header). "
                "`format=timelinejs` answers TimelineJS3 JSON, `format=vis` vis-timeline items and groups. "
                "Responses carry an `ETag`; send it back in `If-None-Match` for a 304.",
    responses={"200": json_body("TimelinePage", "A page of entries (format=json)"),
               "304": {"description": "Not modified since the ETag given"},
               "400": error("A bad parameter (the field is named)")},
)
def listing(args: dict):
    config = settings()
    limit = args.get("limit", config.page_size)
    if limit > config.max_page_size:
        raise errors.BadRequest(f"must be at most {config.max_page_size}", "limit")
    query = _query(args)
    store = get_store()
    # A conditional request is answered from the version alone when nothing changed; any other reads
    # the version with the page, in one round trip.
    etag = _etag(store.version()) if request.if_none_match else None
    if etag and request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        try:
            # Summaries are the stored cards, which the widget formats read too.
            page = store.list_entries(query, limit, args.get("cursor"), config.scan_budget,
                                      cards=args["format"] != "json" or args["view"] == "summary")
        except CursorError as exc:
            raise errors.BadRequest(str(exc), "cursor") from None
        etag = _etag(page.version)
        next_url = _next_url(page.next_cursor)
        if args["format"] in ("timelinejs", "vis"):
            widget = formats.timelinejs if args["format"] == "timelinejs" else formats.vis
            # orjson: the page's own query, encoded in a fraction of jsonify's time.
            response = Response(orjson.dumps(widget(page.entries, args["group"])), mimetype="application/json")
        else:
            response = Response(formats.entries_page(page.parts, page.next_cursor, next_url),
                                mimetype="application/json")
        if next_url:
            response.headers["Link"] = f'<{next_url}>; rel="next"'
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = f"public, max-age={config.cache_max_age}"
    return response


def _stream(store: Store, keepalive: float, lifetime: float) -> Iterator[str]:
    deadline = time.monotonic() + lifetime
    yield f"retry: {int(keepalive * 1000)}\n\n"
    changes = store.changes(timeout=keepalive)
    try:
        for change in changes:
            if change is None:
                yield ": keep-alive\n\n"
            else:
                entry = store.get_entry(change["id"]) if change["type"] != "removed" else None
                data = entry or {"id": change["id"]}
                yield f"event: {change['type']}\nid: {change['id']}\ndata: {json.dumps(data)}\n\n"
            if time.monotonic() >= deadline:
                return
    finally:
        changes.close()


@blp.route("/stream", methods=["GET"])
@blp.doc(summary="Entries as they change",
         description="Server-sent events: `created` and `updated` with the entry as data, `removed` (united "
                     "into another entry) with its id; a comment "
                     "every TIMELINE_SSE_KEEPALIVE_SECONDS; closed after TIMELINE_SSE_MAX_SECONDS (the "
                     "browser's EventSource reconnects by itself).",
         responses={"200": {"description": "An event stream",
                            "content": {"text/event-stream": {"schema": {"type": "string"}}}}})
def stream():
    config = settings()
    body = _stream(get_store(), config.sse_keepalive_seconds, config.sse_max_seconds)
    return Response(body, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
