"""Single timeline entries, by entry id or by the id of an event merged into them."""
from __future__ import annotations

from flask import jsonify
from flask_smorest import Blueprint

from .. import errors
from ..db import get_store
from .schemas import error, json_body

blp = Blueprint("events", __name__, url_prefix="/api/v1/events", description="Timeline entries by id.")


@blp.route("/<event_id>", methods=["GET"])
@blp.doc(summary="One entry",
         description="The entry with this id, or the entry an extracted event with this id was merged into.",
         responses={"200": json_body("Entry", "The entry"), "404": error("No such entry or event")})
def get(event_id: str):
    entry = get_store().find_entry(event_id)
    if entry is None:
        raise errors.NotFound(f"no entry or event {event_id!r}")
    return jsonify(entry)
