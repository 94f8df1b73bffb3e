"""Facets of the timeline: the entities and locations it mentions, with entry counts."""
from __future__ import annotations

from flask import jsonify
from flask_smorest import Blueprint

from .. import errors
from ..db import get_store, settings
from .schemas import FacetQuery, error, json_body

blp = Blueprint("facets", __name__, url_prefix="/api/v1", description="Entities and locations with counts.")

_DOC = {"responses": {"200": json_body("Facets", "Most frequent first"), "400": error("Bad limit")}}


def _facet(kind: str, key: str, args: dict):
    limit = args.get("limit", settings().page_size)
    if limit > settings().max_page_size:
        raise errors.BadRequest(f"must be at most {settings().max_page_size}", "limit")
    return jsonify({key: get_store().facets(kind, limit)})


@blp.route("/entities", methods=["GET"])
@blp.arguments(FacetQuery, location="query", error_status_code=400)
@blp.doc(summary="Participants, by number of entries", **_DOC)
def entities(args: dict):
    return _facet("entity", "entities", args)


@blp.route("/locations", methods=["GET"])
@blp.arguments(FacetQuery, location="query", error_status_code=400)
@blp.doc(summary="Places, by number of entries", **_DOC)
def locations(args: dict):
    return _facet("location", "locations", args)
