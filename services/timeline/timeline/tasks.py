"""The merger's one task: validate an extraction, hand it to the store."""
from __future__ import annotations

import logging
from functools import cache

import contract
import redis

from .celery_app import app, settings
from .store import Store

log = logging.getLogger(__name__)


@cache
def store() -> Store:
    return Store(redis.Redis.from_url(settings.redis_url), settings.key_prefix)


@app.task(name=contract.TASK_MERGE_EXTRACTION)
def merge_extraction(message: dict) -> None:
    """Merge one ``extraction.v1`` message. An invalid message is logged and, when it names its
    article, marks the article failed; it is not retried. Redis being unreachable is retried."""
    try:
        contract.validate("extraction", message)
    except contract.ContractError as exc:
        log.error("rejected an invalid extraction: %s", exc)
        article_id = message.get("article_id") if isinstance(message, dict) else None
        if isinstance(article_id, str) and article_id:
            store().set_article_state(article_id, "failed", reason=f"invalid extraction message: {exc}")
        return
    changed = store().record_extraction(message, settings.merge)
    log.info("article %s: %s%s", message["article_id"], message["state"], "" if changed else " (no change)")
