"""Errors of the API, raised where they are known and turned into JSON at one boundary.

Every error response is ``{"error": {"code": ..., "message": ..., "field": ...}}`` (``field`` only when
one input is to blame). The codes are stable; clients may switch on them.
"""
from __future__ import annotations

import logging

import redis
from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """Base of the errors the API reports; subclasses fix the HTTP status and the code."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field

    def to_dict(self) -> dict[str, dict[str, str]]:
        body = {"code": self.code, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return {"error": body}


class BadRequest(ApiError):
    status, code = 400, "bad_request"


class InvalidArticle(ApiError):
    status, code = 422, "invalid_article"


class NotFound(ApiError):
    status, code = 404, "not_found"


class MethodNotAllowed(ApiError):
    status, code = 405, "method_not_allowed"


class PayloadTooLarge(ApiError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(ApiError):
    status, code = 415, "unsupported_media_type"


class Unavailable(ApiError):
    status, code = 503, "unavailable"


ERROR_CODES = tuple(cls.code for cls in (BadRequest, InvalidArticle, NotFound, MethodNotAllowed, PayloadTooLarge,
                                       UnsupportedMediaType, Unavailable, ApiError))
_BY_STATUS = {cls.status: cls for cls in
              (BadRequest, NotFound, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType, Unavailable)}


def _webargs_field(exc: HTTPException) -> tuple[str | None, str | None]:
    """The first field and message of a webargs/marshmallow validation failure, if that is what it is."""
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if not isinstance(messages, dict):
        return None, None
    for fields in messages.values():  # keyed by location: query, json …
        if isinstance(fields, dict):
            for name, problems in fields.items():
                text = problems[0] if isinstance(problems, list) and problems else str(problems)
                return name, str(text)
    return None, None


def _from_http(exc: HTTPException) -> ApiError:
    field, message = _webargs_field(exc)
    if field is not None:
        # Query parameters that do not parse are the client's mistake: 400, whatever webargs chose.
        return BadRequest(message or "invalid value", field)
    cls = _BY_STATUS.get(exc.code or 500)
    if cls is None:
        cls = BadRequest if (exc.code or 500) < 500 else ApiError
    err = cls(exc.description or exc.name)
    err.status = exc.code or 500
    return err


def _respond(err: ApiError):
    response = jsonify(err.to_dict())
    response.status_code = err.status
    return response


def register(app: Flask) -> None:
    """Install the one error boundary: ApiError, werkzeug's HTTP errors and flask-smorest's
    validation errors all become the JSON error body; anything else is logged and a generic 500."""

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError):
        return _respond(err)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        response = _respond(_from_http(exc))
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(redis.ConnectionError)
    @app.errorhandler(redis.TimeoutError)
    def _redis_down(exc: Exception):
        log.warning("Redis unreachable: %s", exc)
        return _respond(Unavailable("the timeline store is unreachable; retry later"))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return _respond(ApiError("internal error; see the service log"))
