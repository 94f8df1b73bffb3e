"""Liveness: the API is up and its Redis answers."""
from __future__ import annotations

from flask import jsonify
from flask_smorest import Blueprint

from ..db import get_store
from .schemas import error, json_body

blp = Blueprint("health", __name__, description="Health check.")


@blp.route("/healthz", methods=["GET"])
@blp.doc(summary="Health", responses={"200": json_body("Health", "Redis answers"),
                                      "503": error("Redis is unreachable")})
def healthz():
    get_store().ping()  # a Redis error becomes 503 at the error boundary
    return jsonify({"status": "ok"})
