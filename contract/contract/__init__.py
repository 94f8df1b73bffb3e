"""The message contract between producers, the extractor and the timeline.

JSON Schema is the only truth (``schemas/<kind>.v1.json``); this module loads the schemas, names the
Celery tasks and queues that carry them, and validates payloads with errors that name the field.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any, Iterator

import jsonschema
from referencing import Registry, Resource

__all__ = [
    "KINDS", "TASK_EXTRACT_ARTICLE", "QUEUE_ARTICLES", "TASK_MERGE_EXTRACTION", "QUEUE_EXTRACTIONS",
    "TASK_ROUTES", "ContractError", "validate", "schema", "examples", "celery_settings",
]

TASK_EXTRACT_ARTICLE = "extractor.extract_article"
QUEUE_ARTICLES = "articles"
TASK_MERGE_EXTRACTION = "timeline.merge_extraction"
QUEUE_EXTRACTIONS = "extractions"

TASK_ROUTES = {
    TASK_EXTRACT_ARTICLE: {"queue": QUEUE_ARTICLES},
    TASK_MERGE_EXTRACTION: {"queue": QUEUE_EXTRACTIONS},
}

KINDS = ("article", "event", "extraction", "status")
VERSION = "v1"

_format_checker = jsonschema.FormatChecker()


@_format_checker.checks("iso-date-or-datetime", raises=ValueError)
def _is_iso_date_or_datetime(value: object) -> bool:
    # fromisoformat alone accepts "20160331" and week dates; the contract promises the extended form.
    if not isinstance(value, str):
        return True
    if len(value) < 10 or value[4] != "-" or value[7] != "-":
        raise ValueError("expected YYYY-MM-DD or an ISO 8601 date-time")
    if len(value) == 10:
        dt.date.fromisoformat(value)
    else:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


class ContractError(ValueError):
    """A payload does not match its schema; ``field`` is the JSON path of the first bad field."""

    def __init__(self, kind: str, field: str, message: str):
        self.kind, self.field, self.message = kind, field, message
        super().__init__(f"{kind}.{VERSION}: {field}: {message}")

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "field": self.field, "message": self.message}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` (one of KINDS); raises KeyError for an unknown kind."""
    if kind not in KINDS:
        raise KeyError(f"unknown message kind {kind!r}; known: {', '.join(KINDS)}")
    text = resources.files(__package__).joinpath("schemas", f"{kind}.{VERSION}.json").read_text("utf-8")
    return json.loads(text)


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (f"{kind}.{VERSION}", Resource.from_contents(schema(kind))) for kind in KINDS
    )


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema(kind))
    return cls(schema(kind), registry=_registry(), format_checker=_format_checker)


def _path(error: jsonschema.ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        path += f".{missing}"
    return path.lstrip(".") or "(root)"


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "pattern" and error.validator_value == "\\S":
        return "must not be empty or only white space"
    if error.validator == "maxLength":
        return f"is longer than {error.validator_value} characters"
    if error.validator == "format":
        return f"{error.instance!r} is not an ISO 8601 date or date-time"
    if error.validator == "required":
        return "is required"
    return error.message


def validate(kind: str, payload: Any) -> Any:
    """Return ``payload`` unchanged if it is a valid ``kind`` message.

    Raises ContractError naming the first invalid field (the most relevant one, by jsonschema's
    ``best_match``), or KeyError for an unknown kind.
    """
    error = jsonschema.exceptions.best_match(_validator(kind).iter_errors(payload))
    if error is not None:
        raise ContractError(kind, _path(error), _message(error))
    return payload


def celery_settings(default_queue: str, visibility_timeout: int) -> dict[str, Any]:
    """The Celery settings every app on these queues shares: JSON messages, no result backend, the
    contract's routes, and at-least-once delivery.

    A message is acknowledged only after its task has run, and redelivered if the worker dies
    (``acks_late``, ``reject_on_worker_lost``, one message prefetched at a time); this is safe because
    both tasks are idempotent. ``visibility_timeout`` (seconds) must exceed the longest task.
    """
    return {
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_transport_options": {"visibility_timeout": visibility_timeout},
        "broker_connection_retry_on_startup": True,
        "task_default_queue": default_queue,
        "task_routes": TASK_ROUTES,
    }


def examples(kind: str, validity: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(name, payload)`` for the shipped examples of ``kind`` ("valid" or "invalid")."""
    folder = resources.files(__package__).joinpath("examples", kind, validity)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            yield entry.name, json.loads(entry.read_text("utf-8"))
