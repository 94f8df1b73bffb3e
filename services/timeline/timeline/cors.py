"""Cross-origin reads for the configured origins (TIMELINE_CORS_ORIGINS)."""
from __future__ import annotations

from flask import Flask, Response, request

_EXPOSED = "ETag, Link, Location"


def init_app(app: Flask, origins: tuple[str, ...]) -> None:
    """Answer browsers from ``origins`` (``*`` for any) with CORS headers, preflights included."""
    if not origins:
        return
    allowed = set(origins)

    @app.after_request
    def _cors(response: Response) -> Response:
        origin = request.headers.get("Origin")
        response.vary.add("Origin")
        if origin is None or not ("*" in allowed or origin in allowed):
            return response
        response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
        response.headers["Access-Control-Expose-Headers"] = _EXPOSED
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, If-None-Match"
            response.headers["Access-Control-Max-Age"] = "600"
        return response
