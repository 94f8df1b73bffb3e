"""What the API accepts and returns, for validation and for the generated OpenAPI document.

Query parameters are marshmallow schemas (they validate and document at once); request and response
bodies are JSON Schemas: the contract's own schemas are registered as components as they are, and the
entry schema refers into the contract's event schema instead of copying it.
"""
from __future__ import annotations

import contract
import marshmallow as ma
from flask_smorest import Api

from ..errors import ERROR_CODES

EVENT_STATUSES = contract.schema("event")["properties"]["status"]["enum"]
FORMATS = ("json", "timelinejs", "vis")
VIEWS = ("summary", "full")
GROUPS = ("status", "entity", "location", "source")


class TimelineQuery(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    from_ = ma.fields.Date(data_key="from", metadata={"description": "Entries starting on or after this date (YYYY-MM-DD)."})
    to = ma.fields.Date(metadata={"description": "Entries starting on or before this date (YYYY-MM-DD)."})
    entity = ma.fields.String(validate=ma.validate.Length(min=1, max=200),
                              metadata={"description": "A participant, by canonical name or alias."})
    location = ma.fields.String(validate=ma.validate.Length(min=1, max=200),
                                metadata={"description": "A place, by name or alias."})
    status = ma.fields.String(validate=ma.validate.OneOf(EVENT_STATUSES),
                              metadata={"description": "Whether it happened (the event schema's status)."})
    source = ma.fields.String(validate=ma.validate.Length(min=1, max=200),
                              metadata={"description": "A publisher, e.g. Reuters."})
    q = ma.fields.String(validate=ma.validate.Length(min=1, max=200),
                         metadata={"description": "Words that must all occur in the title, mentions or names."})
    limit = ma.fields.Integer(validate=ma.validate.Range(min=1),
                              metadata={"description": "Entries per page (1 … TIMELINE_MAX_PAGE_SIZE)."})
    cursor = ma.fields.String(validate=ma.validate.Length(min=1, max=500),
                              metadata={"description": "The opaque `cursor` of the previous page."})
    view = ma.fields.String(load_default="summary", validate=ma.validate.OneOf(VIEWS),
                            metadata={"description": "format=json entries as summaries (what a list shows; the whole "
                                                     "entry is at /api/v1/events/{id}) or in full."})
    format = ma.fields.String(load_default="json", validate=ma.validate.OneOf(FORMATS),
                              metadata={"description": "json (entries), timelinejs (TimelineJS3) or vis (vis-timeline)."})
    group = ma.fields.String(load_default="status", validate=ma.validate.OneOf(GROUPS),
                             metadata={"description": "Rows of the widget formats: by status, or by the entry's "
                                                      "first participant, location or publisher."})


class FacetQuery(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    limit = ma.fields.Integer(validate=ma.validate.Range(min=1),
                              metadata={"description": "How many values, most frequent first."})


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


_EVENT_DEFS = "#/components/schemas/Event/$defs"

ENTRY = {
    "type": "object",
    "description": "One event on the timeline: the mentions of it in all articles, merged.",
    "required": ["id", "date", "title", "status", "participants", "locations", "mentions", "sources", "events"],
    "properties": {
        "id": {"type": "string"},
        "date": {"$ref": f"{_EVENT_DEFS}/date"},
        "dates": {"description": "Every distinct date the mentions gave (conflicts are kept), with the "
                                 "articles that gave it.",
                  "type": "array", "items": {
                      "type": "object", "required": ["value", "granularity", "start", "end"],
                      "properties": {
                          "value": {"type": "string"},
                          "granularity": {"$ref": f"{_EVENT_DEFS}/date/properties/granularity"},
                          "start": {"type": ["string", "null"]}, "end": {"type": ["string", "null"]},
                          "anchor": {"$ref": f"{_EVENT_DEFS}/date/properties/anchor"},
                          "articles": {"type": "array", "items": {"type": "string"}}}}},
        "title": {"type": "string"},
        "status": {"enum": EVENT_STATUSES},
        "participants": {"type": "array", "items": {"$ref": f"{_EVENT_DEFS}/entity"}},
        "locations": {"type": "array", "items": {"$ref": f"{_EVENT_DEFS}/entity"}},
        "mentions": {"type": "array", "items": {
            "type": "object", "required": ["article", "event"],
            "properties": {"article": {"type": "string"}, "event": {"type": "string"},
                           "start": {"type": ["integer", "null"]}, "end": {"type": ["integer", "null"]},
                           "text": {"type": ["string", "null"]}, "evidence": {"type": ["string", "null"]}}}},
        "sources": {"type": "array", "items": {
            "type": "object", "required": ["article_id"],
            "properties": {"article_id": {"type": "string"}, "title": {"type": ["string", "null"]},
                           "url": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]},
                           "published_at": {"type": ["string", "null"]}}}},
        "why": {"description": "Why mentions were merged into this entry.", "type": "array",
                "items": {"type": "string"}},
        "events": {"description": "Ids of the extracted events merged here.", "type": "array",
                   "items": {"type": "string"}},
    },
}

_ENTRY_PROPERTIES = ENTRY["properties"]

ENTRY_SUMMARY = {
    "type": "object",
    "description": "What a list shows of an entry (`packing.card_of`): `GET /api/v1/events/{id}` has all of it.",
    "required": ["id", "date", "title", "status", "participants", "locations", "sources", "mentions"],
    "additionalProperties": False,
    "properties": {
        **{name: _ENTRY_PROPERTIES[name] for name in ("id", "date", "title", "status", "sources")},
        "participants": {**_ENTRY_PROPERTIES["participants"], "maxItems": 1,
                         "description": "The first named participant."},
        "locations": {**_ENTRY_PROPERTIES["locations"], "maxItems": 1, "description": "The first named location."},
        "mentions": {"type": "array", "maxItems": 1, "description": "The first mention's evidence sentence.",
                     "items": {"type": "object", "required": ["evidence"], "additionalProperties": False,
                               "properties": {"evidence": {"type": "string"}}}},
    },
}

TIMELINE_PAGE = {
    "type": "object",
    "required": ["entries", "next"],
    "properties": {
        "entries": {"type": "array", "description": "Summaries (`view=summary`, the default) or whole entries "
                                                    "(`view=full`).",
                    "items": {"anyOf": [_ref("EntrySummary"), _ref("Entry")]}},
        "cursor": {"type": ["string", "null"], "description": "Pass as `cursor` for the next page."},
        "next": {"type": ["string", "null"], "description": "URL of the next page, null on the last."},
    },
}

FACETS = {
    "type": "object",
    "description": "Values with the number of entries that have them, most frequent first.",
    "additionalProperties": {"type": "array", "items": {
        "type": "object", "required": ["name", "count"],
        "properties": {"name": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}}},
}

class ErrorDetail(ma.Schema):
    code = ma.fields.String(required=True, validate=ma.validate.OneOf(ERROR_CODES))
    message = ma.fields.String(required=True)
    field = ma.fields.String(metadata={"description": "The input at fault, when there is one."})


class ErrorBody(ma.Schema):
    """Every error response (flask-smorest documents it as the `Error` component)."""

    error = ma.fields.Nested(ErrorDetail, required=True)


HEALTH = {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}


def register_components(api: Api) -> None:
    """Put the contract's schemas and the API's own bodies into the OpenAPI components."""
    for name, kind in (("Article", "article"), ("Event", "event"), ("ArticleStatus", "status")):
        api.spec.components.schema(name, component=contract.schema(kind))
    for name, body in (("Entry", ENTRY), ("EntrySummary", ENTRY_SUMMARY), ("TimelinePage", TIMELINE_PAGE),
                       ("Facets", FACETS), ("Health", HEALTH)):
        api.spec.components.schema(name, component=body)


def json_body(name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def error(description: str) -> dict:
    return json_body("ErrorBody", description)
