"""The timeline's settings: the only place that reads the environment.

| variable | default | meaning |
|---|---|---|
| TIMELINE_REDIS_URL | $REDIS_URL, else redis://127.0.0.1:6379/0 | Redis holding the timeline and article statuses (a password in the URL is never logged) |
| TIMELINE_BROKER_URL | the Redis URL | Celery broker: the API sends `articles` tasks to it, the merger consumes `extractions` from it |
| TIMELINE_KEY_PREFIX | tl | prefix of every Redis key the timeline writes (several timelines can share one Redis) |
| TIMELINE_MAX_ARTICLE_CHARS | 200000 | longest article text accepted by `POST /api/v1/articles`; at most the contract's limit |
| TIMELINE_MAX_REQUEST_BYTES | 2097152 | largest request body; a bigger one is refused with 413 before it is read |
| TIMELINE_PAGE_SIZE | 100 | entries per page of `GET /api/v1/timeline` when `limit` is not given |
| TIMELINE_MAX_PAGE_SIZE | 1000 | largest `limit` accepted |
| TIMELINE_SCAN_BUDGET | 5000 | entries one page may examine for filters (`q`, several sets); past it the page is returned short with a `next` cursor |
| TIMELINE_CORS_ORIGINS | (none) | comma-separated origins allowed to read the API from a browser; `*` for any |
| TIMELINE_CACHE_MAX_AGE | 5 | seconds a client may cache timeline responses (`Cache-Control: max-age`) |
| TIMELINE_MERGE_THRESHOLD | 0.4 | support (0..1) two events of one kind need to be linked into one entry |
| TIMELINE_MERGE_DATE_WINDOW_DAYS | 3 | days apart two day dates of one event may be when one is only the publication date |
| TIMELINE_MERGE_MAX_CANDIDATES | 200 | most candidate entries compared with one event (entries filed under its kind and places, `merge.search_keys`, whose dates can overlap it, latest first) |
| TIMELINE_MERGE_SAME_ARTICLE_WEIGHT | 0.6 | support two mentions in one article give each other |
| TIMELINE_MERGE_PARTICIPANT_WEIGHT | 0.3 | support per shared participant (two at most) |
| TIMELINE_MERGE_LOCATION_WEIGHT | 0.3 | support of a shared place |
| TIMELINE_MERGE_DATE_WEIGHT | 0.3 | support of the same day or month |
| TIMELINE_MERGE_STORY_FLOOR | 0.1 | least similarity (Jaccard of names and content words) of two articles' stories under which their events never link |
| TIMELINE_MERGE_STORY_WEIGHT | 1.0 | support per 0.1 of story similarity above the floor |
| TIMELINE_SSE_KEEPALIVE_SECONDS | 15 | seconds between keep-alive comments on `GET /api/v1/timeline/stream` |
| TIMELINE_SSE_MAX_SECONDS | 300 | a stream is closed after this long (clients reconnect), so it cannot hold a worker forever |
| TIMELINE_TASK_MAX_RETRIES | 10 | merger retries (exponential backoff) while Redis is unreachable |
| TIMELINE_VISIBILITY_TIMEOUT | 3600 | seconds before an unacknowledged extraction is redelivered to another merger |
| TIMELINE_WEB_ASSETS_DIR | (next to the package) | folder of vis-timeline's standalone build served to the timeline page |
| TIMELINE_BIND | 127.0.0.1:8000 | host:port gunicorn listens on (compose sets 0.0.0.0:8000) |
| TIMELINE_WEB_WORKERS | 2 | gunicorn worker processes of the API |
| TIMELINE_WEB_THREADS | 8 | threads per gunicorn worker (the event stream holds one while a client listens) |
| TIMELINE_ACCESS_LOG | - | where gunicorn logs each request: `-` (standard output), a file, or `off` (a log line costs a few percent of a page's CPU time: `off` behind a proxy that logs) |
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping, TypeVar
from urllib.parse import urlsplit, urlunsplit

import contract

from .merge import MergeSettings

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
CONTRACT_MAX_ARTICLE_CHARS: int = contract.schema("article")["properties"]["text"]["maxLength"]

T = TypeVar("T", int, float)


class SettingsError(ValueError):
    """A setting has a value the timeline cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    redis_url: str = field(default=DEFAULT_REDIS_URL, repr=False)
    broker_url: str = field(default=DEFAULT_REDIS_URL, repr=False)
    key_prefix: str = "tl"
    max_article_chars: int = CONTRACT_MAX_ARTICLE_CHARS
    max_request_bytes: int = 2 * 1024 * 1024
    page_size: int = 100
    max_page_size: int = 1000
    scan_budget: int = 5000
    cors_origins: tuple[str, ...] = ()
    cache_max_age: int = 5
    merge: MergeSettings = MergeSettings()
    sse_keepalive_seconds: float = 15.0
    sse_max_seconds: float = 300.0
    task_max_retries: int = 10
    visibility_timeout: int = 3600
    web_assets_dir: str | None = None
    bind: str = "127.0.0.1:8000"
    web_workers: int = 2
    web_threads: int = 8
    access_log: str | None = "-"

    def describe(self) -> dict[str, object]:
        """The settings as they may be logged: passwords in URLs are masked."""
        shown = {name: getattr(self, name) for name in self.__dataclass_fields__}
        shown["redis_url"] = redact(self.redis_url)
        shown["broker_url"] = redact(self.broker_url)
        return shown


def redact(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo = f"{parts.username}:***" if parts.username else ":***"
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{userinfo}@{host}"))


def _number(environ: Mapping[str, str], name: str, default: T, kind: Callable[[str], T],
            low: T, high: T | None = None) -> T:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a {'whole ' if kind is int else ''}number") from None
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SettingsError(f"{name}={raw!r} must be {bound}")
    return value


def _url(environ: Mapping[str, str], names: tuple[str, ...], default: str) -> str:
    for name in names:
        raw = (environ.get(name) or "").strip()
        if raw:
            if urlsplit(raw).scheme not in {"redis", "rediss", "unix"}:
                # The value is not echoed: it may hold a password.
                raise SettingsError(f"{name} must be a redis://, rediss:// or unix:// URL")
            return raw
    return default


def _origins(environ: Mapping[str, str]) -> tuple[str, ...]:
    raw = environ.get("TIMELINE_CORS_ORIGINS") or ""
    origins = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    for origin in origins:
        if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
            raise SettingsError(
                f"TIMELINE_CORS_ORIGINS: {origin!r} is not an origin (scheme://host[:port]) or *"
            )
    return origins


def _access_log(environ: Mapping[str, str]) -> str | None:
    raw = (environ.get("TIMELINE_ACCESS_LOG") or "").strip() or Settings.access_log
    return None if raw.lower() == "off" else raw


def _bind(environ: Mapping[str, str]) -> str:
    raw = (environ.get("TIMELINE_BIND") or Settings.bind).strip()
    if not re.fullmatch(r"[^\s:]*:\d{1,5}", raw):
        raise SettingsError(f"TIMELINE_BIND={raw!r} is not host:port")
    return raw


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``environ`` (default: the process environment).

    Raises SettingsError naming the first variable with a value the service cannot use.
    """
    if environ is None:
        environ = os.environ
    redis_url = _url(environ, ("TIMELINE_REDIS_URL", "REDIS_URL"), DEFAULT_REDIS_URL)
    prefix = (environ.get("TIMELINE_KEY_PREFIX") or Settings.key_prefix).strip()
    if not re.fullmatch(r"[A-Za-z0-9_.:-]+", prefix):
        raise SettingsError(f"TIMELINE_KEY_PREFIX={prefix!r} may hold only letters, digits and _ . : -")
    d = Settings()
    page_size = _number(environ, "TIMELINE_PAGE_SIZE", d.page_size, int, 1)
    return Settings(
        redis_url=redis_url,
        broker_url=_url(environ, ("TIMELINE_BROKER_URL",), redis_url),
        key_prefix=prefix,
        max_article_chars=_number(environ, "TIMELINE_MAX_ARTICLE_CHARS", d.max_article_chars, int,
                                  1, CONTRACT_MAX_ARTICLE_CHARS),
        max_request_bytes=_number(environ, "TIMELINE_MAX_REQUEST_BYTES", d.max_request_bytes, int, 1024),
        page_size=page_size,
        max_page_size=_number(environ, "TIMELINE_MAX_PAGE_SIZE", max(d.max_page_size, page_size), int,
                              page_size),
        scan_budget=_number(environ, "TIMELINE_SCAN_BUDGET", d.scan_budget, int, 100),
        cors_origins=_origins(environ),
        cache_max_age=_number(environ, "TIMELINE_CACHE_MAX_AGE", d.cache_max_age, int, 0),
        merge=MergeSettings(
            threshold=_number(environ, "TIMELINE_MERGE_THRESHOLD", d.merge.threshold, float, 0.0, 1.0),
            date_window_days=_number(environ, "TIMELINE_MERGE_DATE_WINDOW_DAYS", d.merge.date_window_days,
                                     int, 0),
            max_candidates=_number(environ, "TIMELINE_MERGE_MAX_CANDIDATES", d.merge.max_candidates, int, 1),
            **{f"{name}_weight": _number(environ, f"TIMELINE_MERGE_{name.upper()}_WEIGHT",
                                         getattr(d.merge, f"{name}_weight"), float, 0.0, 1.0)
               for name in ("same_article", "participant", "location", "date")},
            story_floor=_number(environ, "TIMELINE_MERGE_STORY_FLOOR", d.merge.story_floor, float, 0.0, 1.0),
            story_weight=_number(environ, "TIMELINE_MERGE_STORY_WEIGHT", d.merge.story_weight, float, 0.0),
        ),
        sse_keepalive_seconds=_number(environ, "TIMELINE_SSE_KEEPALIVE_SECONDS", d.sse_keepalive_seconds,
                                      float, 0.1),
        sse_max_seconds=_number(environ, "TIMELINE_SSE_MAX_SECONDS", d.sse_max_seconds, float, 1.0),
        task_max_retries=_number(environ, "TIMELINE_TASK_MAX_RETRIES", d.task_max_retries, int, 0),
        visibility_timeout=_number(environ, "TIMELINE_VISIBILITY_TIMEOUT", d.visibility_timeout, int, 60),
        web_assets_dir=(environ.get("TIMELINE_WEB_ASSETS_DIR") or "").strip() or None,
        bind=_bind(environ),
        web_workers=_number(environ, "TIMELINE_WEB_WORKERS", d.web_workers, int, 1),
        web_threads=_number(environ, "TIMELINE_WEB_THREADS", d.web_threads, int, 1),
        access_log=_access_log(environ),
    )
